using Faultline.Analysis.Actors;

namespace Faultline.Analysis.Fractures;

/// <summary>Everything that shapes a fracture analysis; the defaults suit a year of daily data.</summary>
internal sealed record FractureOptions
{
    /// <summary>How the daily index is computed.</summary>
    public FractureIndexOptions Index { get; init; } = new();
    /// <summary>How change points are detected and tested.</summary>
    public ChangePointOptions ChangePoints { get; init; } = new();
    /// <summary>How many days before a change point an event may end and still count as a candidate catalyst. Default 14.</summary>
    public int CatalystWindowDays { get; init; } = 14;
    /// <summary>The most catalysts listed per change point, nearest first. Default 5.</summary>
    public int MaxCatalysts { get; init; } = 5;
    /// <summary>How many days from the change point are searched for driving posts (cut at the next change point). Default 7.</summary>
    public int DrivingPostDays { get; init; } = 7;
    /// <summary>The most driving posts listed per change point. Default 10.</summary>
    public int MaxDrivingPosts { get; init; } = 10;
}

/// <summary>A post that pushed the index in the direction of a change.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorSourceId">Its channel.</param>
/// <param name="Day">Its UTC day.</param>
/// <param name="TargetActors">The actors of the other bloc it criticised (or, for a falling index, supported).</param>
/// <param name="Contribution">How much it moved its day's index: Σ 1 / (day's calls + prior count) over its calls.</param>
/// <param name="Evidence">The stance evidence of its calls.</param>
internal sealed record DrivingPost(long PostId, long AuthorSourceId, DateOnly Day, IReadOnlyList<string> TargetActors,
    double Contribution, IReadOnlyList<string> Evidence);

/// <summary>A significant shift in a fracture index, with what may have caused it and the posts behind it.</summary>
/// <param name="Day">The first day of the new regime.</param>
/// <param name="MeanBefore">The index's mean from the previous change point (or the start) to the day before.</param>
/// <param name="MeanAfter">The index's mean from this day to the next change point (or the end).</param>
/// <param name="PValue">The permutation test's p-value.</param>
/// <param name="Catalysts">Events that started on or before the day and ended at most the catalyst window before it, nearest first.</param>
/// <param name="DrivingPosts">The posts in the days after that moved the index most in the direction of the change.</param>
internal sealed record FractureChangePoint(DateOnly Day, double MeanBefore, double MeanAfter, double PValue,
    IReadOnlyList<AnalystEvent> Catalysts, IReadOnlyList<DrivingPost> DrivingPosts)
{
    /// <summary>MeanAfter − MeanBefore: positive when the blocs grew more hostile.</summary>
    public double Magnitude => MeanAfter - MeanBefore;
}

/// <summary>A fracture index with its change points.</summary>
internal sealed record FractureReport(FractureSeries Series, IReadOnlyList<FractureChangePoint> ChangePoints);

/// <summary>
/// Measures the fracture between two blocs: the daily index, its significant change points, the events that
/// preceded each, and the posts that drove it.
/// </summary>
internal static class FractureAnalysis
{
    /// <summary>One-line description for analysts.</summary>
    public const string Description =
        "Tracks daily net criticism between two blocs and flags significant shifts (CUSUM, permutation test); "
        + "only as good as the stance calls and the registry's bloc dates, and it finds shifts in level, not one-day spikes.";

    /// <summary>Analyses the fracture between <paramref name="blocA"/> and <paramref name="blocB"/>.</summary>
    /// <param name="records">The stance records the matrices were built from (for the driving posts).</param>
    /// <param name="matrices">The daily matrices.</param>
    /// <param name="blocA">One bloc.</param>
    /// <param name="blocB">The other bloc.</param>
    /// <param name="events">Candidate catalysts (e.g. <see cref="EventsFile.Default"/>).</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static FractureReport Analyse(IReadOnlyList<StanceRecord> records, StanceMatrices matrices, string blocA, string blocB,
        IReadOnlyList<AnalystEvent> events, FractureOptions? options = null)
    {
        options ??= new FractureOptions();
        var series = FractureIndex.Build(matrices, blocA, blocB, options.Index);
        var observed = series.ObservedPoints;
        var shifts = ChangePointDetector.Detect(observed.Select(p => p.Rate).ToArray(), options.ChangePoints);

        var changePoints = new List<FractureChangePoint>(shifts.Count);
        for (var i = 0; i < shifts.Count; i++)
        {
            var shift = shifts[i];
            var day = observed[shift.Index].Day;
            var nextChange = i + 1 < shifts.Count ? observed[shifts[i + 1].Index].Day : DateOnly.MaxValue;
            var lastDriverDay = day.AddDays(options.DrivingPostDays - 1);
            if (lastDriverDay >= nextChange)
                lastDriverDay = nextChange.AddDays(-1);
            var drivers = DrivingPosts(records, matrices.Resolver, series, day, lastDriverDay,
                shift.Magnitude >= 0 ? StanceKind.Criticise : StanceKind.Support, options);
            changePoints.Add(new FractureChangePoint(day, shift.MeanBefore, shift.MeanAfter, shift.PValue,
                Catalysts(events, day, options.CatalystWindowDays, options.MaxCatalysts), drivers));
        }
        return new FractureReport(series, changePoints);
    }

    /// <summary>
    /// Events that started on or before <paramref name="day"/> and ended no more than <paramref name="windowDays"/> days
    /// before it, nearest first (an event still running on the day is at distance 0; ties go to the later start).
    /// </summary>
    public static IReadOnlyList<AnalystEvent> Catalysts(IReadOnlyList<AnalystEvent> events, DateOnly day, int windowDays, int max = int.MaxValue) =>
        events.Where(e => e.Date <= day && e.LastDay >= day.AddDays(-windowDays))
            .OrderBy(e => Math.Max(0, day.DayNumber - e.LastDay.DayNumber))
            .ThenByDescending(e => e.Date)
            .ThenBy(e => e.Title, StringComparer.Ordinal)
            .Take(max)
            .ToArray();

    private static IReadOnlyList<DrivingPost> DrivingPosts(IReadOnlyList<StanceRecord> records, BlocResolver resolver, FractureSeries series,
        DateOnly first, DateOnly last, StanceKind wanted, FractureOptions options)
    {
        if (last < first)
            return [];
        var blocA = resolver.IndexOf(series.BlocA);
        var blocB = resolver.IndexOf(series.BlocB);
        var pooled = series.Direction == FractureDirection.Both;
        var dayTotals = series.Points.Where(p => p.Day >= first && p.Day <= last).ToDictionary(p => p.Day, p => p.Tally.Total);
        var byPost = new Dictionary<long, (long Author, DateOnly Day, List<string> Targets, double Contribution, List<string> Evidence)>();
        foreach (var record in records)
        {
            if (record.Stance != wanted)
                continue;
            var day = BlocResolver.DayOf(record.Published);
            if (day < first || day > last)
                continue;
            var author = resolver.ActorOfAuthor(record.AuthorSourceId);
            if (author is null)
                continue;
            var authorBlocs = resolver.BlocIndexesOf(author, day);
            var targetBlocs = resolver.BlocIndexesOf(record.ActorId, day);
            var counts = (authorBlocs.Contains(blocA) && targetBlocs.Contains(blocB))
                || (pooled && authorBlocs.Contains(blocB) && targetBlocs.Contains(blocA));
            if (!counts)
                continue;
            var weight = 1.0 / (dayTotals.GetValueOrDefault(day) + options.Index.PriorCount);
            if (!byPost.TryGetValue(record.PostId, out var entry))
                entry = (record.AuthorSourceId, day, [], 0, []);
            if (!entry.Targets.Contains(record.ActorId))
                entry.Targets.Add(record.ActorId);
            entry.Evidence.AddRange(record.Evidence.Where(e => !entry.Evidence.Contains(e)));
            entry.Contribution += weight;
            byPost[record.PostId] = entry;
        }
        return byPost
            .OrderByDescending(kv => kv.Value.Contribution).ThenBy(kv => kv.Value.Day).ThenBy(kv => kv.Key)
            .Take(options.MaxDrivingPosts)
            .Select(kv => new DrivingPost(kv.Key, kv.Value.Author, kv.Value.Day, kv.Value.Targets, kv.Value.Contribution, kv.Value.Evidence))
            .ToArray();
    }
}
