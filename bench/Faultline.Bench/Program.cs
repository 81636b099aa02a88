using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Faultline.Reading;
using Faultline.Reading.TelegramDesktop;

namespace Faultline.Bench;

/// <summary>
/// Benchmarks and end-to-end runs:
/// <code>
/// generate --posts N --out FILE [--seed S]   write a synthetic Telegram Desktop export
/// read FILE                                  time one full read: posts/s, MB/s, peak working set
/// neardup --posts N [--file F]               shingle + sign + LSH + verify on a planted corpus (see bench/neardup-vs-go.sh)
/// echoes CORPUS [--scale K]                  the echo stage over the real news corpus, optionally repeated K times
/// cascades [--posts N] [--runs R]            cascades and channel stats over synthetic posts and edges
/// claims [--posts N] [--days D]              the claim builder in memory over synthetic stories
/// claims-archive --dir DIR [--posts N] [--add K] [--verify]   the claims stage over a real archive, full then incremental
/// trace-top FILE.nettrace [--top N] [--match TEXT]            where a sampled run spent its time (see TraceTop)
/// bench [BenchmarkDotNet args]               run the BenchmarkDotNet suites
/// e2e FILE [--db DB] [--queries N]           `faultline ingest` FILE in a child process (time, peak RSS), then search latency
/// search DB [--queries N]                    search latency percentiles over an existing archive
/// sections [--posts N] [--db FILE]           the fractures and amplification report sections over a synthetic archive
/// report [--posts N] [--db DB] [--runs R]     the daily assessment (busiest day, HTML) over a generated, analysed archive
/// scenarios [--posts N] [--db FILE]          the scenario board over a synthetic archive built once into FILE
/// </code>
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0) return Usage();
        switch (args[0])
        {
            case "generate":
                return Generate(args[1..]);
            case "read":
                return args.Length == 2 ? await ReadAsync(args[1]) : Usage();
            case "e2e":
                return args.Length >= 2 ? EndToEnd.Run(args[1..]) : Usage();
            case "search":
                return args.Length >= 2 ? EndToEnd.Search(args[1..]) : Usage();
            case "neardup":
                return NearDuplicateBench.Run(args[1..]);
            case "echoes":
                return EchoesBench.Run(args[1..]);
            case "cascades":
                return CascadeBench.Run(args[1..]);
            case "fractures":
                return FractureBench.Run(args[1..]);
            case "stance":
                return StanceBench.Run(args[1..]);
            case "mentions":
                return MentionsBench.Run(args[1..]);
            case "related":
                return RelatedBench.Run(args[1..]);
            case "claims":
                return ClaimBench.Run(args[1..]);
            case "sections":
                return SectionBench.Run(args[1..]);
            case "report":
                return ReportBench.Run(args[1..]);
            case "scenarios":
                return ScenarioBench.Run(args[1..]);
            case "claims-archive":
                return ClaimArchiveBench.Run(args[1..]);
            case "trace-top":
                return TraceTop.Run(args[1..]);
            case "bench":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
                return 0;
            default:
                return Usage();
        }
    }

    private static int Generate(string[] args)
    {
        int posts = 1000, seed = 1700;
        string? output = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--out": output = args[i + 1]; break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: return Usage();
            }
        }
        if (output is null) return Usage();
        var clock = Stopwatch.StartNew();
        long bytes = ExportGenerator.WriteFile(output, posts, seed);
        Console.WriteLine($"wrote {posts:N0} posts, {bytes / 1e6:N1} MB to {output} in {clock.Elapsed.TotalSeconds:N1} s");
        return 0;
    }

    private static async Task<int> ReadAsync(string path)
    {
        var reader = new TelegramDesktopJsonReader();
        long bytes = new FileInfo(path).Length;
        long posts = 0, events = 0, sources = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            await foreach (var item in reader.ReadAsync(stream, new ReadContext(path)))
            {
                switch (item)
                {
                    case PostRead: posts++; break;
                    case EventRead: events++; break;
                    case SourceStarted: sources++; break;
                }
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        // CPU time as well as wall time: on a shared machine wall time measures the neighbours.
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"read {bytes / 1e6:N1} MB: {sources} source(s), {posts:N0} posts, {events:N0} events in {seconds:N2} s wall, {cpu:N2} s CPU");
        Console.WriteLine($"{posts / seconds:N0} posts/s, {bytes / 1e6 / seconds:N1} MB/s wall, {bytes / 1e6 / cpu:N1} MB/s per CPU second, "
            + $"peak working set {process.PeakWorkingSet64 / 1e6:N1} MB, allocated {GC.GetTotalAllocatedBytes() / 1e9:N2} GB, "
            + $"gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Faultline.Bench generate --posts N --out FILE [--seed S] | read FILE | e2e FILE [--db DB] [--queries N] | search DB [--queries N] | neardup --posts N | echoes CORPUS | cascades [--posts N] | fractures [--records N] | stance [CORPUS] | mentions [CORPUS] | claims | report [--posts N] [--db DB] | claims-archive --dir DIR | trace-top FILE.nettrace | related CORPUS | sections [--posts N] | scenarios [--posts N] [--db FILE] | bench [args]");
        return 2;
    }
}
