using System.Diagnostics;
using System.Globalization;
using System.Text;
using Faultline.Analysis.NearDuplicates;
using Faultline.Text;

namespace Faultline.Bench;

/// <summary>
/// <c>neardup [--posts N] [--file FILE] [--seed S] [--write-only]</c>: shingle + sign + LSH + verify over a generated
/// corpus with planted near-duplicates; prints wall and CPU time, throughput per core, index bytes per post, peak
/// working set and recall against the planted truth.
/// </summary>
/// <remarks>
/// The corpus is written once to FILE (default neardup-N.tsv in the temp folder) as "id TAB family TAB words", the
/// words being the shared normalisation's tokens joined by single spaces. bench/go/minhashlsh reads the same file,
/// so both sides shingle the same 3-grams. Truth: every pair inside a planted family with exact Jaccard ≥ 0.8
/// (families are the only place copies were planted; a cross-family pair found at ≥ 0.8 is counted separately).
/// </remarks>
public static class NearDuplicateBench
{
    /// <summary>Entry point for the "neardup" subcommand.</summary>
    public static int Run(string[] args)
    {
        int posts = 1_000_000, seed = 2022;
        string? file = null;
        var writeOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--file": file = args[++i]; break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--write-only": writeOnly = true; break;
                default:
                    Console.Error.WriteLine("usage: neardup [--posts N] [--file FILE] [--seed S] [--write-only]");
                    return 2;
            }
        }
        file ??= Path.Combine(Path.GetTempPath(), $"neardup-{posts}-{seed}.tsv");
        if (!File.Exists(file)) Write(file, posts, seed);
        if (writeOnly) return 0;

        var (ids, families, texts) = Read(file);
        Console.WriteLine($"{ids.Length:N0} posts from {file}; {Environment.ProcessorCount} cores");
        // Warm-up on the first 20,000 posts, untimed: the JIT's tiers settle before the clock starts (the Go side is
        // compiled ahead of time and needs none).
        var warm = Math.Min(20_000, ids.Length);
        new NearDuplicateFinder().AddAndFind(Enumerable.Range(0, warm)
            .Select(i => new NearDuplicateItem(ids[i], Shingles.OfNormalized(texts[i]))).ToArray());
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        var items = new NearDuplicateItem[ids.Length];
        Parallel.For(0, ids.Length, i => items[i] = new NearDuplicateItem(ids[i], Shingles.OfNormalized(texts[i])));
        var shingleSeconds = clock.Elapsed.TotalSeconds;
        var finder = new NearDuplicateFinder();
        var pairs = finder.AddAndFind(items);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        var truth = Truth(items, families);
        var found = 0;
        var crossFamily = 0;
        foreach (var p in pairs)
        {
            if (truth.Contains(Key(p.First, p.Second))) found++;
            else if (families[p.First - 1] != families[p.Second - 1]) crossFamily++;
        }
        var recall = truth.Count == 0 ? 1 : (double)found / truth.Count;
        var indexPerPost = (double)finder.IndexBytes / finder.Count;
        Console.WriteLine($"shingle {shingleSeconds:F2} s, sign + LSH + verify {seconds - shingleSeconds:F2} s, total {seconds:F2} s wall, {cpu:F2} s CPU");
        Console.WriteLine($"throughput {ids.Length / seconds:N0} posts/s wall, {ids.Length / cpu:N0} posts per CPU-second");
        Console.WriteLine($"pairs {pairs.Count:N0} (cross-family {crossFamily:N0}); planted truth {truth.Count:N0} at J >= 0.8; recall {recall:F4}; precision 1 (exact verification)");
        Console.WriteLine($"index: {MinHashSignature.ByteLength} B stored signature + {indexPerPost:F0} B in-memory LSH tables per post; peak working set {process.PeakWorkingSet64 / 1e6:N0} MB");
        Console.WriteLine($"RESULT posts={ids.Length} wall_s={seconds:F3} cpu_s={cpu:F3} recall={recall:F4}");
        return 0;
    }

    private static void Write(string file, int posts, int seed)
    {
        var clock = Stopwatch.StartNew();
        var corpus = NearDuplicateCorpus.Generate(posts, seed);
        var lines = new string[corpus.Count];
        Parallel.For(0, corpus.Count, i =>
        {
            var p = corpus[i];
            lines[i] = $"{p.Id}\t{p.Family}\t{string.Join(' ', Tokenizer.Words(TextNormalizer.Normalize(p.Text)))}";
        });
        File.WriteAllLines(file, lines, new UTF8Encoding(false));
        Console.WriteLine($"wrote {posts:N0} posts to {file} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static (long[] Ids, int[] Families, string[] Texts) Read(string file)
    {
        var lines = File.ReadAllLines(file, Encoding.UTF8);
        var ids = new long[lines.Length];
        var families = new int[lines.Length];
        var texts = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split('\t', 3);
            ids[i] = long.Parse(parts[0], CultureInfo.InvariantCulture);
            if (ids[i] != i + 1) throw new InvalidDataException($"{file}:{i + 1}: ids must run 1, 2, 3 …");
            families[i] = int.Parse(parts[1], CultureInfo.InvariantCulture);
            texts[i] = parts[2];
        }
        return (ids, families, texts);
    }

    private static HashSet<(long, long)> Truth(NearDuplicateItem[] items, int[] families)
    {
        var truth = new HashSet<(long, long)>();
        foreach (var group in Enumerable.Range(0, items.Length).GroupBy(i => families[i]))
        {
            var members = group.ToArray();
            for (var a = 0; a < members.Length; a++)
            for (var b = a + 1; b < members.Length; b++)
            {
                var x = items[members[a]];
                var y = items[members[b]];
                if (Shingles.Jaccard(x.Shingles, y.Shingles) >= NearDuplicateFinder.DefaultThreshold) truth.Add(Key(x.Id, y.Id));
            }
        }
        return truth;
    }

    private static (long, long) Key(long a, long b) => a < b ? (a, b) : (b, a);
}
