using System.Diagnostics;
using System.Globalization;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Assessment.Writing;
using Microsoft.Data.Sqlite;

namespace Faultline.Bench;

/// <summary>
/// The daily assessment over a generated archive: a synthetic export of N posts (<see cref="ExportGenerator"/>) is
/// ingested and analysed with the real `faultline` in child processes (printed, not part of the figure), then the
/// report for the busiest day is built with <see cref="ReportSections.Default"/> and written as HTML, in process,
/// R times; finally `faultline report --format html` is timed end to end as an analyst would run it.
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- report [--posts N] [--db FILE] [--runs R] [--cite K]
/// (an existing --db is reused as it is, so a 1M archive is built once). --cite K adds a bench-only section after the
/// default ones that loads the shared analyses every real section reads (claims, sources, the period's spread, the
/// stance view; each timed) and cites K distinct posts of the day in paragraphs, a list, a table and a chart, so the
/// figure covers the builder and the writer at ISW's endnote counts even where the real sections are not merged yet.
/// </summary>
internal static class ReportBench
{
    public static int Run(string[] args)
    {
        int posts = 100_000, runs = 3, cite = 0;
        string? db = null, scenarios = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--cite": cite = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--scenarios": scenarios = args[i + 1]; break;
                default:
                    Console.Error.WriteLine("usage: Faultline.Bench report [--posts N] [--db FILE] [--runs R] [--cite K] [--scenarios FILE]");
                    return 2;
            }
        }
        var cli = Path.Combine(AppContext.BaseDirectory, "Faultline.Cli.dll");
        if (!File.Exists(cli)) { Console.Error.WriteLine($"{cli} not found: build the solution in Release first"); return 2; }
        db ??= Path.Combine(Path.GetTempPath(), $"faultline-report-{posts}.db");
        if (!File.Exists(db))
        {
            var export = Path.ChangeExtension(db, ".json");
            var clock = Stopwatch.StartNew();
            long bytes = ExportGenerator.WriteFile(export, posts);
            Console.WriteLine($"generated {posts:N0} posts, {bytes / 1e6:N0} MB in {clock.Elapsed.TotalSeconds:N1} s");
            var (ingest, ingestKb, ingestExit) = EndToEnd.Measure("dotnet", cli, "--db", db, "ingest", export);
            Console.WriteLine($"ingest: exit {ingestExit}, {ingest:N1} s, peak RSS {ingestKb / 1024.0:N0} MB");
            File.Delete(export);
            if (ingestExit != 0) return ingestExit;
        }
        var (analyse, analyseKb, analyseExit) = EndToEnd.Measure("dotnet", cli, "--db", db, "analyse");
        Console.WriteLine($"analyse (not part of the figure): exit {analyseExit}, {analyse:N1} s, peak RSS {analyseKb / 1024.0:N0} MB");
        if (analyseExit != 0) return analyseExit;

        var (day, dayPosts, total) = BusiestDay(db);
        Console.WriteLine($"archive: {total:N0} posts; busiest day {day:yyyy-MM-dd} with {dayPosts:N0} posts; sections: "
                          + (ReportSections.Default.Count == 0 ? "none on this branch" : string.Join(", ", ReportSections.Default.Select(s => s.Id))));
        var html = Path.Combine(Path.GetTempPath(), $"faultline-report-{day:yyyy-MM-dd}.html");
        using (var archive = SqliteArchive.Open(db))
        {
            for (int run = 1; run <= runs; run++)
            {
                GC.Collect();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var probe = cite > 0 ? new ProbeSection(cite) : null;
                var timed = ReportSections.Default.Select(s => new TimedSection(s)).ToList();
                IReadOnlyList<IReportSection> sections = probe is null ? [.. timed] : [.. timed, probe];
                var document = ReportBuilder.Build(archive, new ReportOptions { Date = day, ScenarioFile = scenarios }, sections);
                var built = clock.Elapsed.TotalSeconds;
                using (var file = File.Create(html)) new HtmlWriter().Write(document, file, WriterOptions.Default);
                var seconds = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"run {run}: report {seconds:N2} s (build {built:N2} s, HTML {seconds - built:N2} s); HTML {new FileInfo(html).Length:N0} bytes; "
                                  + $"{document.Sections.Count} sections, {document.Takeaways.Count} takeaways, {document.Endnotes.Count} endnotes; "
                                  + $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB");
                Console.WriteLine("       by section (a shared load is paid by the first section that reads it): "
                                  + string.Join(", ", timed.Select(t => $"{t.Id} {t.Seconds:N2} s")));
                if (probe is not null) Console.WriteLine("       probe section: " + probe.Timings);
            }
        }
        string[] cliArgs = [cli, "--db", db, "report", "--date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--format", "html", "--out", html,
            .. (scenarios is null ? Array.Empty<string>() : ["--scenarios", scenarios])];
        var (cliSeconds, cliKb, cliExit) = EndToEnd.Measure("dotnet", cliArgs);
        Console.WriteLine($"faultline report --format html (a fresh process, analyses up to date): exit {cliExit}, {cliSeconds:N2} s, peak RSS {cliKb / 1024.0:N0} MB, "
                          + $"HTML {new FileInfo(html).Length:N0} bytes");
        return cliExit;
    }

    /// <summary>A built-in section with a stopwatch around it.</summary>
    private sealed class TimedSection(IReportSection inner) : IReportSection
    {
        public string Id => inner.Id;

        public string Heading => inner.Heading;

        public double Seconds { get; private set; }

        public SectionResult Build(ReportContext context)
        {
            var clock = Stopwatch.StartNew();
            try { return inner.Build(context); }
            finally { Seconds = clock.Elapsed.TotalSeconds; }
        }
    }

    /// <summary>
    /// A bench-only section: loads what the real sections share, timing each, then cites K distinct posts of the period
    /// with their opening words in paragraphs of three sentences, a list, a table and a chart of posts per hour.
    /// </summary>
    private sealed class ProbeSection(int cite) : IReportSection
    {
        public string Id => "bench-probe";

        public string Heading => "Bench probe";

        public string Timings { get; private set; } = "";

        public SectionResult Build(ReportContext context)
        {
            var clock = Stopwatch.StartNew();
            var timings = new List<string>();
            void Lap(string what) { timings.Add($"{what} {clock.Elapsed.TotalSeconds:N2} s"); clock.Restart(); }
            var claims = context.Claims.Count; Lap($"claims ({claims:N0})");
            var sources = context.Sources.Count; Lap($"sources ({sources:N0})");
            var spread = context.Spread; Lap($"spread ({spread.Posts.Count:N0} posts, {spread.Edges.Count:N0} edges, {spread.Cascades.Count:N0} cascades)");
            _ = context.Stance; Lap("stance view");
            var posts = spread.Posts.Where((p, i) => i % Math.Max(1, spread.Posts.Count / cite) == 0).Take(cite).ToList();
            var sentences = posts.Select((p, i) => Sentence.Of($"{context.SourceName(p.SourceId)} posted item {p.NativeId} at {p.Published:HH:mm} UTC (item {i + 1} of the probe).",
                new Citation(p.Id))).ToList();
            var blocks = new List<Block>();
            blocks.AddRange(sentences.Take(sentences.Count * 2 / 3).Chunk(3).Select(c => (Block)new Paragraph(c)));
            blocks.Add(new BulletList(sentences.Skip(sentences.Count * 2 / 3).ToList()));
            blocks.Add(new Table("Posts per hour", ["Hour", "Posts"], spread.Posts.GroupBy(p => p.Published.Hour).OrderBy(g => g.Key)
                .Select(g => (IReadOnlyList<Sentence>)[new Sentence($"{g.Key:00}:00", []), new Sentence(g.Count().ToString(CultureInfo.InvariantCulture), [])]).ToList()));
            var perHour = Enumerable.Range(0, 24).Select(h => spread.Posts.Count(p => p.Published.Hour == h)).ToArray();
            var max = Math.Max(1, perHour.Max());
            var bars = string.Concat(perHour.Select((n, h) => $"<rect x=\"{h * 10}\" y=\"{100 - n * 100 / max}\" width=\"8\" height=\"{n * 100 / max}\" fill=\"#8a1c1c\"/>"));
            blocks.Add(new Chart("Posts per hour", $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 100\">{bars}</svg>", "Posts of the day by hour."));
            Lap($"blocks ({sentences.Count} citations)");
            Timings = string.Join(", ", timings);
            return new SectionResult(blocks, sentences.Take(7).Select((s, i) => new Takeaway(s, 1.0 / (i + 1))).ToList());
        }
    }

    /// <summary>The UTC day with the most posts.</summary>
    private static (DateOnly Day, long Posts, long Total) BusiestDay(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT published / 86400000, COUNT(*), (SELECT COUNT(*) FROM posts) FROM posts GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return (new DateOnly(2022, 10, 15), 0, 0);
        return (DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(r.GetInt64(0))), r.GetInt64(1), r.GetInt64(2));
    }
}
