using System.Diagnostics;
using System.Globalization;
using System.Text;
using Faultline.Analysis;
using Faultline.Analysis.Claims;

namespace Faultline.Bench;

/// <summary>
/// Times <see cref="ClaimBuilder.Build"/> on a synthetic Russian-like corpus: stories over D days (default a year) and 2,000 channels,
/// sizes geometric (mean ≈ 4), lags exponential (mean 1 h); every post has ~20 filler words (Zipf over 5,000 common
/// words) and its story's rare topic words (4–6 of 6 drawn from 200,000), an actor id (Zipf over 5,000) and, for a
/// third of the stories, a number. 60% of later members are tied to an earlier member by a forward, copy or echo
/// edge; the rest share only words and the actor. The classifier is trivial (amplify when related by an edge, else report).
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- claims [--posts N] [--days D] [--seed S] [--runs R] [--tail K]
/// (--tail K also times an incremental rebuild: the last K posts plus everything within the window before them).
/// </summary>
/// <remarks>
/// Figures (default seed, 1,000,000 posts, 449,174 edges; shared 2-core VM at load average 2–5, .NET 10 Release):
/// over a year (--days 365): Build 22.6 s wall, 33.0 s CPU, 187,211 claims of 937,165 posts, largest 48;
/// over a month (--days 30, denser windows): Build 30.0–31.4 s wall, 48–50 s CPU; ~10 GB allocated per run.
/// About a third is the shared text pipeline (normalise, tokenize, stem) for 1M posts, a quarter the window candidates,
/// a fifth the sequential assignment and the rest titles and timelines. Membership against the planted stories:
/// precision 100%, recall 100% (the synthetic stories share 4–6 words no other story has, so this checks the
/// machinery, not the judgement). --tail times the builder alone over the last K posts and the window before them (0.30 s
/// at a year's density, 2.8 s at a month's); the claims stage's real incremental run over an archive is measured by
/// <see cref="ClaimArchiveBench"/> (claims-archive).
/// </remarks>
public static class ClaimBench
{
    /// <summary>Entry point of the "claims" subcommand.</summary>
    public static int Run(string[] args)
    {
        int posts = 1_000_000, seed = 1700, runs = 1, tail = 10_000, days = 365;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--tail": tail = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--days": days = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: Faultline.Bench claims [--posts N] [--days D] [--seed S] [--runs R] [--tail K]");
                    return 2;
            }
        }
        var clock = Stopwatch.StartNew();
        var (input, storyOf) = Generate(posts, seed, days);
        Console.WriteLine($"generated {input.Posts.Count:N0} posts, {input.Edges.Count:N0} edges in {clock.Elapsed.TotalSeconds:N1} s");
        var classifier = new TrivialClassifier();
        if (Environment.GetEnvironmentVariable("CLAIMS_PROBE") == "1")
        {
            var texts = input.Posts.Select(p => p.Text).ToArray();
            clock.Restart(); var norm = texts.Select(Faultline.Text.TextNormalizer.Normalize).ToArray(); Console.WriteLine($"normalize {clock.Elapsed.TotalSeconds:N2}");
            clock.Restart(); var words = norm.Select(t => Faultline.Text.Tokenizer.Words(t).ToArray()).ToArray(); Console.WriteLine($"words {clock.Elapsed.TotalSeconds:N2}");
            clock.Restart(); foreach (var ws in words) foreach (var w in ws) Faultline.Text.Stemmer.Stem(w, Faultline.Text.Language.Russian); Console.WriteLine($"stem {clock.Elapsed.TotalSeconds:N2}");
            clock.Restart(); foreach (var ws in words) foreach (var w in ws) Faultline.Text.Stemmer.Stem(w, Faultline.Text.Language.Russian); Console.WriteLine($"stem again {clock.Elapsed.TotalSeconds:N2}");
        }
        ClaimBuilder.Build(Generate(20_000, seed + 1, days).Input, classifier);

        for (var run = 1; run <= runs; run++)
        {
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var claims = ClaimBuilder.Build(input, classifier);
            var wall = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"run {run}: Build {wall:N2} s wall, {cpuSeconds:N2} s CPU; {claims.Count:N0} claims, "
                + $"{claims.Sum(c => c.Members.Count):N0} members, largest {claims.Max(c => c.Members.Count)}; "
                + $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB");
            if (run == 1) Quality(claims, storyOf);
        }

        if (tail > 0 && tail < posts)
        {
            var ordered = input.Posts.OrderBy(p => p.Published).ToList();
            var from = ordered[^tail].Published - ClaimOptions.Default.Window;
            var slice = ordered.Where(p => p.Published >= from).ToList();
            var ids = slice.Select(p => p.Id).ToHashSet();
            var sliceInput = input with { Posts = slice, Edges = [.. input.Edges.Where(e => ids.Contains(e.Later) && ids.Contains(e.Earlier))] };
            clock.Restart();
            var claims = ClaimBuilder.Build(sliceInput, classifier);
            Console.WriteLine($"incremental: last {tail:N0} posts + {slice.Count - tail:N0} posts of window context: "
                + $"{clock.Elapsed.TotalSeconds:N2} s, {claims.Count:N0} claims");
        }
        return 0;
    }

    /// <summary>
    /// Membership against the planted stories: precision = members in their claim's majority story / all members;
    /// recall = for stories of two or more posts, posts in the claim that holds most of the story / all their posts.
    /// </summary>
    private static void Quality(IReadOnlyList<Claim> claims, int[] storyOf)
    {
        long members = 0, majority = 0;
        var bestInStory = new Dictionary<int, int>();
        foreach (var claim in claims)
        {
            var counts = claim.Members.GroupBy(m => storyOf[m.PostId]).Select(g => (Story: g.Key, Count: g.Count())).ToList();
            members += claim.Members.Count;
            majority += counts.Max(c => c.Count);
            foreach (var (story, count) in counts)
                bestInStory[story] = Math.Max(bestInStory.GetValueOrDefault(story), count);
        }
        var storySizes = storyOf.Skip(1).GroupBy(s => s).Where(g => g.Count() >= 2).ToDictionary(g => g.Key, g => g.Count());
        var recalled = storySizes.Sum(kv => (long)bestInStory.GetValueOrDefault(kv.Key));
        Console.WriteLine($"quality: precision {(double)majority / members:P1}, recall {(double)recalled / storySizes.Values.Sum():P1} "
            + $"over {storySizes.Count:N0} planted stories of 2+ posts");
    }

    private sealed class TrivialClassifier : IRoleClassifier
    {
        public RoleCall Classify(AnalysisPost post, ClaimContext context) =>
            new(context.Relations.Count > 0 ? ClaimRole.Amplify : ClaimRole.Report, []);
    }

    /// <summary>The synthetic corpus described on the class.</summary>
    internal static (ClaimInput Input, int[] StoryOf) Generate(int count, int seed, int days)
    {
        const int channels = 2000, common = 5000, rare = 200_000, actors = 5000;
        var random = new Random(seed);
        var commonWords = Enumerable.Range(0, common).Select(_ => Word(random)).ToArray();
        var rareWords = Enumerable.Range(0, rare).Select(_ => Word(random)).ToArray();
        int Zipf(int n) => Math.Min(n - 1, (int)Math.Exp(random.NextDouble() * Math.Log(n)));
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var yearTicks = TimeSpan.FromDays(days).Ticks;
        var posts = new List<AnalysisPost>(count);
        var edges = new List<PostEdge>(count);
        var actorsByPost = new Dictionary<long, IReadOnlyList<string>>(count);
        var members = new List<(long Id, long Ticks)>();
        var text = new StringBuilder();
        var storyOf = new int[count + 1];
        var story = 0;
        while (posts.Count < count)
        {
            members.Clear();
            story++;
            var size = 1;
            while (size < 60 && random.NextDouble() < 0.75) size++;
            var originTicks = start.UtcTicks + (long)(random.NextDouble() * yearTicks);
            var topic = Enumerable.Range(0, 6).Select(_ => rareWords[random.Next(rare)]).ToArray();
            var actor = "actor:" + Zipf(actors).ToString(CultureInfo.InvariantCulture);
            var number = random.NextDouble() < 0.33 ? random.Next(10, 5000).ToString(CultureInfo.InvariantCulture) : null;
            for (var k = 0; k < size && posts.Count < count; k++)
            {
                var ticks = k == 0 ? originTicks : originTicks + (long)(-Math.Log(1 - random.NextDouble()) * TimeSpan.TicksPerHour);
                text.Clear();
                var keep = k == 0 ? 6 : 4 + random.Next(3);
                for (var w = 0; w < 20; w++)
                {
                    text.Append(commonWords[Zipf(common)]).Append(' ');
                    if (w % 3 == 0 && w / 3 < keep) text.Append(topic[w / 3]).Append(' ');
                }
                if (number is not null) text.Append(number).Append(". ");
                text[0] = char.ToUpperInvariant(text[0]);
                var id = posts.Count + 1L;
                posts.Add(new AnalysisPost(id, random.Next(channels) + 1, id.ToString(CultureInfo.InvariantCulture), new DateTimeOffset(ticks, TimeSpan.Zero),
                    text.ToString(), "ru") { Views = random.NextDouble() < 0.6 ? random.Next(100, 200_000) : null });
                actorsByPost[id] = [actor];
                storyOf[id] = story;
                if (k > 0 && random.NextDouble() < 0.6)
                {
                    var parent = members[random.Next(members.Count)];
                    var (earlier, later) = parent.Ticks <= ticks ? (parent.Id, id) : (id, parent.Id);
                    var roll = random.NextDouble();
                    edges.Add(roll < 0.15 ? new PostEdge(earlier, later, EdgeKind.Forward, 1)
                        : roll < 0.55 ? new PostEdge(earlier, later, EdgeKind.Copy, 0.9)
                        : new PostEdge(earlier, later, EdgeKind.Echo, 0.4 + random.NextDouble() * 0.5));
                }
                members.Add((id, ticks));
            }
        }
        return (new ClaimInput(posts, edges, actorsByPost, new Dictionary<long, IReadOnlyList<PostVersionText>>()), storyOf);
    }

    private static string Word(Random random)
    {
        const string consonants = "бвгдзклмнпрстфхцчш", vowels = "аеиоуя";
        string[] endings = ["", "а", "ов", "ами", "ой", "ый", "ение", "ать"];
        var sb = new StringBuilder();
        var syllables = 2 + random.Next(3);
        for (var s = 0; s < syllables; s++) sb.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
        return sb.Append(endings[random.Next(endings.Length)]).ToString();
    }
}
