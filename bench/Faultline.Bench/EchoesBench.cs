using System.Diagnostics;
using System.Globalization;
using Faultline.Analysis;
using Faultline.Analysis.Echoes;

namespace Faultline.Bench;

/// <summary>
/// <code>
/// echoes CORPUS [--scale K] [--dump FILE --min S]
/// </code>
/// Runs the echo stage over the real corpus folder (telegram-ru-news): time, posts/s, edges, peak working set.
/// --scale K repeats the corpus K times, each copy shifted 60 days later (same daily density, K× the posts), to show
/// how the stage grows. --dump writes every candidate with score ≥ S as TSV (file, message, file, message, parts).
/// --labels FILE prints, for each labelled pair, whether the index proposes it and its score parts (for tuning).
/// <para>Figures (2 shared cores, Release, `Faultline.Bench echoes ../shared/corpus/telegram-ru-news [--scale 76]`):
/// 13,121 posts → 5,616 edges in 1.5 s (8,700 posts/s, peak working set 177 MB);
/// 997,196 posts (×76) → 424,682 edges in 46.5 s (21,400 posts/s, peak working set 5.2 GB).</para>
/// </summary>
public static class EchoesBench
{
    /// <summary>Entry point for the "echoes" subcommand.</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: echoes CORPUS [--scale K] [--dump FILE --min S]");
            return 2;
        }
        var scale = 1;
        string? dump = null;
        var min = 0.2;
        string? labels = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scale": scale = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--dump": dump = args[++i]; break;
                case "--min": min = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--labels": labels = args[++i]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var load = Stopwatch.StartNew();
        var corpus = RuNewsCorpus.Load(args[0]);
        var posts = Scaled(corpus.Posts, scale);
        Console.WriteLine($"loaded {posts.Count:N0} posts in {load.Elapsed.TotalSeconds:F1} s");

        var finder = new EchoFinder();
        finder.Find(posts.Take(2000).ToList()); // warm up the stemmer caches and the JIT
        var watch = Stopwatch.StartNew();
        var edges = finder.Find(posts);
        watch.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"echoes: {edges.Count:N0} edges over {posts.Count:N0} posts in {watch.Elapsed.TotalSeconds:F2} s " +
            $"({posts.Count / watch.Elapsed.TotalSeconds:N0} posts/s, {Environment.ProcessorCount} cores), peak working set {peak / 1048576:N0} MB");

        if (dump is not null)
        {
            var candidates = finder.Score(corpus.Posts, min);
            using var w = new StreamWriter(dump);
            w.WriteLine("file_a\tmsg_a\tfile_b\tmsg_b\tscore\tcosine\tcontainment\tentities\tshared_link");
            foreach (var c in candidates)
            {
                var a = corpus.Posts[c.Earlier];
                var b = corpus.Posts[c.Later];
                w.WriteLine(string.Join('\t', a.SourceId, a.NativeId, b.SourceId, b.NativeId,
                    c.Score.Score.ToString("F4", CultureInfo.InvariantCulture), c.Score.Cosine.ToString("F4", CultureInfo.InvariantCulture),
                    c.Score.Containment.ToString("F4", CultureInfo.InvariantCulture), c.Score.Entities.ToString("F4", CultureInfo.InvariantCulture),
                    c.Score.SharedLink ? 1 : 0));
            }
            Console.WriteLine($"wrote {candidates.Count:N0} candidates with score ≥ {min} to {dump}");
        }
        if (labels is not null) WriteLabelFeatures(finder, corpus, labels);
        return 0;
    }

    /// <summary>For each labelled pair: whether the index proposes it and its score parts (for tuning).</summary>
    private static void WriteLabelFeatures(EchoFinder finder, RuNewsCorpus corpus, string labels)
    {
        var proposed = finder.Score(corpus.Posts, 0).ToDictionary(c => (c.Earlier, c.Later), c => c.Score);
        foreach (var line in File.ReadLines(labels).Skip(1))
        {
            var f = line.Split('\t');
            var a = corpus.IndexOf(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture));
            var b = corpus.IndexOf(long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture));
            var found = proposed.TryGetValue((a, b), out var s) || proposed.TryGetValue((b, a), out s);
            if (!found) s = finder.ScorePair(corpus.Posts, a, b);
            Console.WriteLine(FormattableString.Invariant($"LBL\t{f[5]}\t{(found ? 1 : 0)}\t{s.Score:F4}\t{s.Cosine:F4}\t{s.Containment:F4}\t{s.Entities:F4}\t{(s.SharedLink ? 1 : 0)}\t{f[4]}"));
        }
    }

    private static IReadOnlyList<AnalysisPost> Scaled(IReadOnlyList<AnalysisPost> posts, int scale)
    {
        if (scale <= 1) return posts;
        var result = new List<AnalysisPost>(posts.Count * scale);
        for (var k = 0; k < scale; k++)
        {
            var shift = TimeSpan.FromDays(60 * k);
            foreach (var p in posts)
                result.Add(p with { Id = result.Count + 1, Published = p.Published + shift, NativeId = k == 0 ? p.NativeId : $"{p.NativeId}-{k}" });
        }
        return result;
    }
}
