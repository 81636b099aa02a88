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
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- report [--posts N] [--db FILE] [--runs R]
/// (an existing --db is reused as it is, so a 1M archive is built once).
/// </summary>
internal static class ReportBench
{
    public static int Run(string[] args)
    {
        int posts = 100_000, runs = 3;
        string? db = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: Faultline.Bench report [--posts N] [--db FILE] [--runs R]");
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
                var document = ReportBuilder.Build(archive, new ReportOptions { Date = day });
                var built = clock.Elapsed.TotalSeconds;
                using (var file = File.Create(html)) new HtmlWriter().Write(document, file, WriterOptions.Default);
                var seconds = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"run {run}: report {seconds:N2} s (build {built:N2} s, HTML {seconds - built:N2} s); HTML {new FileInfo(html).Length:N0} bytes; "
                                  + $"{document.Sections.Count} sections, {document.Takeaways.Count} takeaways, {document.Endnotes.Count} endnotes; "
                                  + $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB");
            }
        }
        var (cliSeconds, cliKb, cliExit) = EndToEnd.Measure("dotnet", cli, "--db", db, "report", "--date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--format", "html", "--out", html);
        Console.WriteLine($"faultline report --format html (a fresh process, analyses up to date): exit {cliExit}, {cliSeconds:N2} s, peak RSS {cliKb / 1024.0:N0} MB, "
                          + $"HTML {new FileInfo(html).Length:N0} bytes");
        return cliExit;
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
