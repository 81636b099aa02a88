using System.Diagnostics;
using System.Globalization;
using Faultline.Analysis.Stance;

namespace Faultline.Bench;

/// <summary>
/// <c>stance [CORPUS] [--runs R] [--threads T] [--show N]</c>: fake mentions (substring search for a few actor names, standing
/// in for the mention finder) + <see cref="StanceClassifier.Classify"/> + <see cref="LoadedLanguage.Score"/> over the
/// real news corpus (../shared/corpus/telegram-ru-news by default); prints posts/s on one thread and on T threads.
/// </summary>
public static class StanceBench
{
    private static readonly (string Actor, string Surface)[] Names =
    [
        ("mod-russia", "Минобороны"), ("putin", "Путин"), ("afu", "ВСУ"), ("kremlin", "Кремл"), ("zelensky", "Зеленск"),
        ("genstaff-russia", "Генштаб"), ("nato", "НАТО"),
    ];

    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var folder = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : FindCorpus();
        int runs = 5, threads = 2, show = 0;
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--threads") threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--show") show = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("stance: corpus folder not found (pass ../shared/corpus/telegram-ru-news)");
            return 2;
        }
        var posts = RuNewsCorpus.Load(folder).Posts.Select(p => (p.Text, p.Language)).ToArray();
        Console.WriteLine($"stance: {posts.Length} posts from {folder}, {Environment.ProcessorCount} cores");

        long calls = 0, criticise = 0, loaded = 0;
        foreach (var (text, language) in posts) // warm-up, and the counts
        {
            foreach (var call in StanceClassifier.Classify(text, language, Mentions(text)))
            {
                calls++;
                if (call.Stance == Faultline.Analysis.Actors.StanceKind.Criticise) criticise++;
                // --show N: every Nth non-neutral call with its evidence, for eyeballing the rules on real posts.
                if (show > 0 && call.Stance != Faultline.Analysis.Actors.StanceKind.Neutral && calls % show == 0)
                    Console.WriteLine($"  {call.ActorId} {call.Stance} {call.Confidence:F2} [{string.Join("; ", call.Evidence)}] {text[..Math.Min(200, text.Length)].ReplaceLineEndings(" ")}");
            }
            if (LoadedLanguage.Score(text, language).Terms.Count > 0) loaded++;
        }
        Console.WriteLine($"stance: {calls} actor calls ({criticise} criticise); {loaded} posts with loaded language");

        foreach (var t in new[] { 1, threads }.Distinct())
        {
            var best = double.MaxValue;
            for (var r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                Parallel.For(0, posts.Length, new ParallelOptions { MaxDegreeOfParallelism = t }, i =>
                {
                    var (text, language) = posts[i];
                    StanceClassifier.Classify(text, language, Mentions(text));
                    LoadedLanguage.Score(text, language);
                });
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"stance: {t} thread(s): best of {runs} {best * 1000:F0} ms, {posts.Length / best:F0} posts/s");
        }
        return 0;
    }

    private static List<(string, int, int)> Mentions(string text)
    {
        var mentions = new List<(string, int, int)>();
        foreach (var (actor, surface) in Names)
        {
            for (var at = text.IndexOf(surface, StringComparison.Ordinal); at >= 0; at = text.IndexOf(surface, at + surface.Length, StringComparison.Ordinal))
                mentions.Add((actor, at, surface.Length));
        }
        return mentions;
    }

    private static string? FindCorpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "corpus", "telegram-ru-news"))) dir = dir.Parent;
        return dir is null ? null : Path.Combine(dir.FullName, "shared", "corpus", "telegram-ru-news");
    }
}
