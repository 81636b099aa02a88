using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace Faultline.Bench;

/// <summary>
/// Reads a sampling trace written by the runtime itself (no dotnet-trace needed) and lists where the time went: the
/// methods most often on top of the stack (exclusive) and most often anywhere on it (inclusive), waits left out.
/// Record one with
/// <code>
/// DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=run.nettrace \
/// DOTNET_EventPipeConfig='Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:4c14fccbd:5' \
///   dotnet bin/Faultline.Bench.dll claims-archive --claims-only --full DB
/// dotnet bin/Faultline.Bench.dll trace-top run.nettrace [--top N] [--match TEXT]
/// </code>
/// --match counts only samples whose stack holds a method whose name contains TEXT.
/// </summary>
internal static class TraceTop
{
    public static int Run(string[] args)
    {
        if (args.Length == 0) return Usage();
        var top = 40;
        string? match = null, callersOf = null;
        var alloc = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--top": top = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--match": match = args[++i]; break;
                case "--callers": callersOf = args[++i]; break;
                case "--alloc": alloc = true; break;
                default: return Usage();
            }
        }
        var etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
        using var log = new TraceLog(etlx);
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var callers = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = 0;
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ev in log.Events)
        {
            // --alloc: the runtime's allocation ticks (one per ~100 KB allocated) instead of the time samples.
            if (alloc ? ev.EventName != "GC/AllocationTick" : ev.ProviderName != "Microsoft-DotNETCore-SampleProfiler") continue;
            var frames = new List<string>();
            for (var s = ev.CallStack(); s is not null; s = s.Caller)
                frames.Add(s.CodeAddress.FullMethodName is { Length: > 0 } name ? name : "?" + s.CodeAddress.ModuleName);
            // A thread stopped for the sample itself shows the GC poll it was stopped at: the time is its caller's.
            while (frames.Count > 1 && frames[0].Contains("PollGC", StringComparison.Ordinal)) frames.RemoveAt(0);
            if (frames.Count == 0) continue;
            if (frames.Any(f => f.Contains("Wait", StringComparison.Ordinal) || f.Contains("Sleep", StringComparison.Ordinal) || f.Contains("PortableThreadPool", StringComparison.Ordinal) && frames.Count < 8)) continue;
            if (match is not null && !frames.Any(f => f.Contains(match, StringComparison.Ordinal))) continue;
            samples++;
            if (alloc) Add(types, ev.PayloadByName("TypeName") as string ?? "?");
            Add(exclusive, frames[0]);
            foreach (var f in frames.Distinct()) Add(inclusive, f);
            if (callersOf is not null)
            {
                // The nearest frame outside the method's own family (its iterators and lambdas share its name).
                var at = frames.FindIndex(f => f.Contains(callersOf, StringComparison.Ordinal));
                if (at >= 0) Add(callers, frames.Skip(at + 1).FirstOrDefault(f => !f.Contains(callersOf, StringComparison.Ordinal)) ?? "(none)");
            }
        }
        Console.WriteLine($"{samples:N0} busy samples{(match is null ? "" : $" with {match} on the stack")}");
        Print("exclusive", exclusive, samples, top);
        Print("inclusive", inclusive, samples, top);
        if (alloc) Print("types", types, samples, top);
        if (callersOf is not null) Print("callers of " + callersOf, callers, callers.Values.Sum(), top);
        return 0;
    }

    private static void Add(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void Print(string title, Dictionary<string, int> counts, int samples, int top)
    {
        Console.WriteLine(title + ":");
        foreach (var (name, n) in counts.OrderByDescending(kv => kv.Value).Take(top))
            Console.WriteLine(FormattableString.Invariant($"  {100.0 * n / Math.Max(1, samples),5:F1} %  {(name.Length > 150 ? name[..150] : name)}"));
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Faultline.Bench trace-top FILE.nettrace [--top N] [--match TEXT] [--callers TEXT] [--alloc]");
        return 2;
    }
}
