using System.Diagnostics;
using System.Globalization;
using Faultline.Archive;
using Faultline.Archive.Sqlite;

namespace Faultline.Bench;

/// <summary>
/// End-to-end runs: `faultline ingest` of a generated export in a child process (wall time and peak RSS read
/// from /proc), then search latency percentiles over the resulting archive.
/// </summary>
internal static class EndToEnd
{
    /// <summary>e2e EXPORT [--db FILE] [--queries N]</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 0) { Console.Error.WriteLine("usage: e2e EXPORT.json [--db FILE] [--queries N]"); return 2; }
        var export = args[0];
        var db = Arg(args, "--db") ?? Path.ChangeExtension(export, ".db");
        int queries = int.Parse(Arg(args, "--queries") ?? "400", CultureInfo.InvariantCulture);
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);

        var cli = Path.Combine(AppContext.BaseDirectory, "Faultline.Cli.dll");
        if (!File.Exists(cli)) { Console.Error.WriteLine($"{cli} not found: build the solution in Release first"); return 2; }
        var (seconds, peakKb, exit) = Measure("dotnet", cli, "--db", db, "ingest", export);
        var size = new FileInfo(export).Length;
        int posts;
        using (var archive = SqliteArchive.Open(db)) posts = archive.Totals().Posts;
        Console.WriteLine($"ingest: exit {exit}, {posts:N0} posts, {size / 1e6:F1} MB in {seconds:F1} s = {posts / seconds:N0} posts/s, " +
                          $"{size / 1e6 / seconds:F1} MB/s; peak RSS {peakKb / 1024.0:F0} MB; archive {new FileInfo(db).Length / 1e6:F0} MB");
        SearchLatency(db, queries);
        return exit;
    }

    /// <summary>search DB [--queries N]: latency of top-20 searches over an existing archive.</summary>
    public static int Search(string[] args)
    {
        SearchLatency(args[0], int.Parse(Arg(args, "--queries") ?? "400", CultureInfo.InvariantCulture));
        return 0;
    }

    private static void SearchLatency(string db, int queries)
    {
        // A fixed mix: common words (thousands of hits, capped ranking), rarer words, two-word AND, phrases,
        // OR, and filtered queries — the shapes analysts type.
        string[] mix =
        [
            "мобилизация", "генералы", "списки", "Минобороны", "фронт", "наступление", "блогеры", "Херсон",
            "мобилизация генералы", "\"списки блогеров\"", "Херсон OR Лиман", "фронт -Херсон", "мобілізація", "війська",
            "army", "mobilization", "command*", "резервисты колонна",
        ];
        using var archive = SqliteArchive.Open(db);
        var totals = archive.Totals();
        // Warm-up: first queries pay for page cache and JIT.
        foreach (var q in mix) archive.Search(new SearchQuery(q) { Limit = 20 });
        var times = new List<double>(queries);
        var rng = new Random(7);
        int hitsTotal = 0;
        for (int i = 0; i < queries; i++)
        {
            var q = new SearchQuery(mix[i % mix.Length]) { Limit = 20 };
            if (i % 5 == 4) q = q with { From = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(rng.Next(300)), Language = "ru" };
            var sw = Stopwatch.StartNew();
            var r = archive.Search(q);
            sw.Stop();
            hitsTotal += r.Hits.Count;
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double P(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        Console.WriteLine($"search over {totals.Posts:N0} posts, {queries} queries (top 20): p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {times[^1]:F1} ms; {hitsTotal / (double)queries:F1} hits/query");
    }

    /// <summary>Runs a process, polling /proc for its peak resident set (VmHWM).</summary>
    internal static (double Seconds, long PeakKb, int Exit) Measure(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!p.WaitForExit(50))
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{p.Id}/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
            }
            catch (IOException) { /* exited between checks */ }
        }
        sw.Stop();
        Console.Write(stdout.Result.Length > 2000 ? stdout.Result[^2000..] : stdout.Result);
        var err = stderr.Result.Split('\n').Where(l => !l.StartsWith("ingest:", StringComparison.Ordinal));
        foreach (var l in err.Where(l => l.Length > 0).Take(10)) Console.Error.WriteLine(l);
        return (sw.Elapsed.TotalSeconds, peak, p.ExitCode);
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
