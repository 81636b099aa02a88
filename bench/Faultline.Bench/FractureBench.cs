using System.Diagnostics;
using System.Globalization;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Fractures;

namespace Faultline.Bench;

/// <summary>
/// Times the fracture pipeline on synthetic stance records: 200 channels speaking for 200 actors in four blocs
/// (milbloggers, ministry, kremlin, ukraine; 10 actors change bloc mid-year), records spread over 365 days of 2022, each
/// about one of the 200 actors, criticism of the ministry by milbloggers rising from 2022-09-21. One run = the daily
/// matrices (bloc → bloc and bloc → actor), the fracture index between milbloggers and the ministry, change-point
/// detection (999 permutations per test) with catalysts and driving posts.
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- fractures [--records N] [--seed S] [--runs R]
/// </summary>
/// <remarks>
/// Figures (default seed, 1,000,000 records; shared 2-core VM at load average 2.5, .NET 10 Release): matrices
/// 0.58–0.77 s + index, change points, catalysts and drivers 0.02–0.03 s = 0.60–0.80 s wall per run, 191 MB allocated;
/// one change point, 2022-09-21, +0.093, p = 0.001 (the planted one). Target: ≤ 5 s.
/// </remarks>
public static class FractureBench
{
    private static readonly string[] BlocNames = ["милблогеры", "Минобороны", "Кремль", "Украина"];

    /// <summary>Entry point of the "fractures" subcommand.</summary>
    public static int Run(string[] args)
    {
        int records = 1_000_000, seed = 2022, runs = 3;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--records": records = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: Faultline.Bench fractures [--records N] [--seed S] [--runs R]");
                    return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        var (stances, authors, memberships) = Generate(records, seed);
        Console.WriteLine($"generated {stances.Count:N0} stance records in {clock.Elapsed.TotalSeconds:N1} s");
        var events = EventsFile.Default();
        var (warm, warmAuthors, warmMemberships) = Generate(20_000, seed + 1);
        Once(warm, warmAuthors, warmMemberships, events);

        for (var run = 1; run <= runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var (matrices, report, matricesSeconds) = Once(stances, authors, memberships, events);
            var total = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"run {run}: matrices {matricesSeconds:N3} s + index, change points, catalysts, drivers {total - matricesSeconds:N3} s = "
                + $"{total:N3} s wall, {cpuSeconds:N3} s CPU; {matrices.BlocCells().Count:N0} bloc cells, {report.Series.Points.Count} days, "
                + $"{report.ChangePoints.Count} change points ({string.Join(", ", report.ChangePoints.Select(c => $"{c.Day:yyyy-MM-dd} {c.Magnitude:+0.000;-0.000} p={c.PValue:0.000}"))}); "
                + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB allocated");
        }
        return 0;
    }

    private static (StanceMatrices, FractureReport, double) Once(List<StanceRecord> stances, Dictionary<long, string> authors,
        List<BlocMembership> memberships, IReadOnlyList<AnalystEvent> events)
    {
        var clock = Stopwatch.StartNew();
        var matrices = StanceMatrices.Build(stances, new BlocResolver(authors, memberships));
        var matricesSeconds = clock.Elapsed.TotalSeconds;
        var report = FractureAnalysis.Analyse(stances, matrices, BlocNames[0], BlocNames[1], events);
        return (matrices, report, matricesSeconds);
    }

    private static (List<StanceRecord>, Dictionary<long, string>, List<BlocMembership>) Generate(int count, int seed)
    {
        const int actors = 200;
        var random = new Random(seed);
        var authors = Enumerable.Range(0, actors).ToDictionary(i => (long)(1000 + i), i => $"actor{i}");
        var switchDay = new DateOnly(2022, 7, 1);
        var memberships = new List<BlocMembership>();
        for (var i = 0; i < actors; i++)
        {
            var bloc = BlocNames[i % BlocNames.Length];
            if (i % 20 == 0)
            {
                memberships.Add(new BlocMembership($"actor{i}", bloc, null, switchDay.AddDays(-1)));
                memberships.Add(new BlocMembership($"actor{i}", BlocNames[(i + 1) % BlocNames.Length], switchDay, null));
            }
            else
            {
                memberships.Add(new BlocMembership($"actor{i}", bloc, null, null));
            }
        }

        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var mobilization = new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.Zero);
        var stances = new List<StanceRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var published = start.AddSeconds(random.NextDouble() * 365 * 86400);
            var author = random.Next(actors);
            var target = random.Next(actors);
            // Milbloggers (i % 4 == 0) about the ministry (i % 4 == 1): criticism 25% before mobilization, 45% after.
            var p = author % 4 == 0 && target % 4 == 1 ? (published < mobilization ? 0.25 : 0.45) : 0.3;
            var u = random.NextDouble();
            var stance = u < p ? StanceKind.Criticise : u < p + 0.3 ? StanceKind.Support : StanceKind.Neutral;
            stances.Add(new StanceRecord(i + 1, 1000 + author, $"actor{target}", published, stance, 0.8));
        }
        return (stances, authors, memberships);
    }
}
