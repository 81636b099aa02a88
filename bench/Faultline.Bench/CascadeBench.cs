using System.Diagnostics;
using System.Globalization;
using Faultline.Analysis;
using Faultline.Analysis.Cascades;

namespace Faultline.Bench;

/// <summary>
/// Times <see cref="CascadeBuilder.Build"/> and <see cref="ChannelStats.Compute"/> on a synthetic corpus: stories
/// spread over 2,000 channels (each with a few favourite sources), cascade sizes geometric (mean ≈ 4), lags
/// exponential (mean 1 h), each later member linked by a forward (15%), copy (40%) or echo (45%, score 0.4–0.9) to an
/// earlier member, a third of them by a second edge too, plus weak echo noise between unrelated posts.
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- cascades [--posts N] [--seed S] [--runs R]
/// </summary>
/// <remarks>
/// Figures (default seed, 1,000,000 posts, 1,023,310 edges → 240,580 cascades of 904,423 members; shared 2-core VM at
/// load average 6–8, .NET 10 Release, workstation GC): Build 0.62 s + ChannelStats 0.26 s = 0.88 s wall once the JIT
/// has tiered up (runs 3–4); the first run takes 1.5–2.2 s (tier-0 code). 430 MB allocated per run.
/// </remarks>
public static class CascadeBench
{
    /// <summary>Entry point of the "cascades" subcommand.</summary>
    public static int Run(string[] args)
    {
        int posts = 1_000_000, seed = 1700, runs = 3;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: Faultline.Bench cascades [--posts N] [--seed S] [--runs R]");
                    return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        var (corpus, edges) = Generate(posts, seed);
        Console.WriteLine($"generated {corpus.Count:N0} posts, {edges.Count:N0} edges in {clock.Elapsed.TotalSeconds:N1} s");

        var (warmPosts, warmEdges) = Generate(20_000, seed + 1);
        ChannelStats.Compute(CascadeBuilder.Build(warmPosts, warmEdges));

        for (var run = 1; run <= runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var cascades = CascadeBuilder.Build(corpus, edges);
            var build = clock.Elapsed.TotalSeconds;
            var stats = ChannelStats.Compute(cascades);
            var total = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var members = cascades.Sum(c => c.Size);
            Console.WriteLine($"run {run}: Build {build:N3} s + ChannelStats {total - build:N3} s = {total:N3} s wall, {cpuSeconds:N3} s CPU; "
                + $"{cascades.Count:N0} cascades, {members:N0} members, largest {cascades.Max(c => c.Size)}, {stats.Count:N0} channels; "
                + $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB; "
                + $"{total * 1e6 / corpus.Count:N3} s per 1M posts");
        }
        return 0;
    }

    /// <summary>The synthetic corpus described on the class.</summary>
    internal static (List<AnalysisPost> Posts, List<PostEdge> Edges) Generate(int count, int seed)
    {
        const int channels = 2000;
        var random = new Random(seed);
        var favourites = new int[channels][];
        for (var c = 0; c < channels; c++) favourites[c] = Enumerable.Range(0, 5).Select(_ => random.Next(channels)).ToArray();
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var yearTicks = TimeSpan.FromDays(365).Ticks;
        var posts = new List<AnalysisPost>(count);
        var edges = new List<PostEdge>(count * 2);
        var members = new List<(long Id, int Channel, long Ticks)>();
        while (posts.Count < count)
        {
            members.Clear();
            var size = 1;
            while (size < 60 && random.NextDouble() < 0.75) size++;
            var originTicks = start.UtcTicks + (long)(random.NextDouble() * yearTicks);
            for (var k = 0; k < size && posts.Count < count; k++)
            {
                int channel;
                long ticks;
                if (k == 0) { channel = random.Next(channels); ticks = originTicks; }
                else
                {
                    var upstream = members[random.Next(members.Count)].Channel;
                    channel = random.NextDouble() < 0.7 ? favourites[upstream][random.Next(5)] : random.Next(channels);
                    ticks = originTicks + (long)(-Math.Log(1 - random.NextDouble()) * TimeSpan.TicksPerHour);
                }
                var id = posts.Count + 1L;
                posts.Add(new AnalysisPost(id, channel + 1, id.ToString(CultureInfo.InvariantCulture), new DateTimeOffset(ticks, TimeSpan.Zero), "", "ru")
                {
                    Views = random.NextDouble() < 0.6 ? random.Next(100, 200_000) : null,
                });
                if (k > 0)
                {
                    var links = random.NextDouble() < 0.33 ? 2 : 1;
                    for (var l = 0; l < links; l++)
                    {
                        var parent = members[random.Next(members.Count)];
                        var (earlier, later) = parent.Ticks <= ticks ? (parent.Id, id) : (id, parent.Id);
                        var roll = random.NextDouble();
                        edges.Add(roll < 0.15 ? new PostEdge(earlier, later, EdgeKind.Forward, 1)
                            : roll < 0.55 ? new PostEdge(earlier, later, EdgeKind.Copy, 0.8 + random.NextDouble() * 0.2)
                            : new PostEdge(earlier, later, EdgeKind.Echo, 0.4 + random.NextDouble() * 0.5));
                    }
                }
                members.Add((id, channel, ticks));
            }
            // Weak echo noise: a post resembling an unrelated one from the recent past.
            if (random.NextDouble() < 0.1 && posts.Count > 1)
            {
                var other = posts[random.Next(posts.Count)];
                var mine = posts[^1];
                var (earlier, later) = other.Published <= mine.Published ? (other.Id, mine.Id) : (mine.Id, other.Id);
                if (earlier != later) edges.Add(new PostEdge(earlier, later, EdgeKind.Echo, 0.3 + random.NextDouble() * 0.3));
            }
        }
        return (posts, edges);
    }
}
