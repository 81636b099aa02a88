using Faultline.Analysis.Actors;
using Faultline.Analysis.Fractures;

namespace Faultline.Tests.Analysis.Fractures;

/// <summary>Hand-made and synthetic stance records for the fracture tests.</summary>
internal static class FractureData
{
    public static readonly DateOnly Start = new(2022, 8, 1);

    /// <summary>A stance record by the channel on the day (noon UTC).</summary>
    public static StanceRecord Call(long post, long author, string actor, DateOnly day, StanceKind stance) =>
        new(post, author, actor, new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), stance, 0.9)
        {
            Evidence = [$"{stance} cue {post}"],
        };

    /// <summary>
    /// Two blocs, "милблогеры" (channels 1..10 speak for blogger actors b1..b10) and "Минобороны" (actors mod, genstab;
    /// channel 100 speaks for mod). Each day the bloggers post <paramref name="perDay"/> calls about the ministry actors,
    /// criticising with probability <paramref name="criticiseBefore"/> before <paramref name="shiftDay"/> and
    /// <paramref name="criticiseAfter"/> from it on; the rest split evenly between support and neutral.
    /// </summary>
    public static (List<StanceRecord> Records, BlocResolver Resolver) Planted(int days, int shiftDay, double criticiseBefore,
        double criticiseAfter, int perDay, int seed)
    {
        var random = new Random(seed);
        var records = new List<StanceRecord>();
        long post = 1;
        for (var d = 0; d < days; d++)
        {
            var day = Start.AddDays(d);
            var p = d < shiftDay ? criticiseBefore : criticiseAfter;
            for (var i = 0; i < perDay; i++)
            {
                var u = random.NextDouble();
                var stance = u < p ? StanceKind.Criticise : u < p + (1 - p) / 2 ? StanceKind.Support : StanceKind.Neutral;
                records.Add(Call(post++, 1 + random.Next(10), random.Next(3) == 0 ? "genstab" : "mod", day, stance));
            }
        }
        return (records, Resolver());
    }

    public static BlocResolver Resolver()
    {
        var authors = Enumerable.Range(1, 10).ToDictionary(i => (long)i, i => $"b{i}");
        authors[100] = "mod";
        var memberships = Enumerable.Range(1, 10).Select(i => new BlocMembership($"b{i}", "милблогеры", null, null))
            .Append(new BlocMembership("mod", "Минобороны", null, null))
            .Append(new BlocMembership("genstab", "Минобороны", null, null))
            .ToList();
        return new BlocResolver(authors, memberships);
    }
}
