using System.Diagnostics;
using System.Globalization;
using Faultline.Analysis;
using Faultline.Analysis.Claims;

namespace Faultline.Bench;

/// <summary>
/// <code>
/// related CORPUS [--scale K] [--queries Q]
/// </code>
/// Builds the related-items index over the real corpus folder (telegram-ru-news) and asks for the related items of Q
/// posts spread evenly over it: build time, mean and 95th-percentile query time, peak working set. --scale K repeats
/// the corpus K times, each copy 60 days later (so every post also has its exact copies in other months).
/// <para>Figures (2 shared cores, Release, `Faultline.Bench related ../shared/corpus/telegram-ru-news [--scale 8] --queries 1000`):
/// 13,121 posts indexed in 2.1 s, queries mean 0.85 ms, p95 2.7 ms (peak working set 168 MB);
/// 104,968 posts (×8) indexed in 6.9–11.3 s (three quarters of it normalising and stemming), queries mean 2.0 ms,
/// p95 6.5 ms, max 52 ms (peak working set 527 MB).</para>
/// </summary>
public static class RelatedBench
{
    /// <summary>Entry point for the "related" subcommand.</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: related CORPUS [--scale K] [--queries Q]");
            return 2;
        }
        int scale = 1, queries = 1000;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scale": scale = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--queries": queries = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var corpus = RuNewsCorpus.Load(args[0]);
        var posts = Scaled(corpus.Posts, scale);
        RelatedIndex.Build(posts.Take(2000).ToList(), []).ForPost(posts[0].Id); // warm up the JIT and the stemmer caches

        var watch = Stopwatch.StartNew();
        var index = RelatedIndex.Build(posts, []);
        var build = watch.Elapsed;
        var times = new List<double>();
        var returned = 0;
        for (var q = 0; q < queries; q++)
        {
            var id = posts[(int)((long)q * posts.Count / queries)].Id;
            var t = Stopwatch.GetTimestamp();
            returned += index.ForPost(id).Count;
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        times.Sort();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(FormattableString.Invariant(
            $"related: {posts.Count:N0} posts indexed in {build.TotalSeconds:F2} s; {queries} queries: mean {times.Average():F2} ms, ") + FormattableString.Invariant(
            $"p95 {times[(int)(0.95 * (times.Count - 1))]:F2} ms, max {times[^1]:F2} ms, {returned / (double)queries:F1} items each; ") + FormattableString.Invariant(
            $"{Environment.ProcessorCount} cores, peak working set {peak / 1048576:N0} MB"));
        return 0;
    }

    private static List<AnalysisPost> Scaled(IReadOnlyList<AnalysisPost> posts, int scale)
    {
        var result = new List<AnalysisPost>(posts.Count * Math.Max(1, scale));
        for (var k = 0; k < Math.Max(1, scale); k++)
        {
            var shift = TimeSpan.FromDays(60 * k);
            foreach (var p in posts)
                result.Add(p with { Id = result.Count + 1, Published = p.Published + shift, NativeId = k == 0 ? p.NativeId : $"{p.NativeId}-{k}" });
        }
        return result;
    }
}
