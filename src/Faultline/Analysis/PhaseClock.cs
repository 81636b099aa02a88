using System.Diagnostics;

namespace Faultline.Analysis;

/// <summary>
/// Wall and CPU time of the phases of one stage run, for benchmarks: a stage marks the end of each phase, a bench
/// prints the list. Costs two clock reads a mark.
/// </summary>
public sealed class PhaseClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly List<(string Phase, double Wall, double Cpu, double Gc, long Allocated)> _phases = [];
    private TimeSpan _gcStart = GC.GetTotalPauseDuration();
    private long _allocatedStart = GC.GetTotalAllocatedBytes();
    private TimeSpan _cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    private TimeSpan _wallStart;

    /// <summary>
    /// The phases marked so far: name, wall seconds, CPU seconds (of the whole process), seconds the GC paused it, and
    /// bytes allocated.
    /// </summary>
    public IReadOnlyList<(string Phase, double Wall, double Cpu, double Gc, long Allocated)> Phases => _phases;

    /// <summary>Ends the current phase under <paramref name="phase"/> and starts the next.</summary>
    public void Mark(string phase)
    {
        var wall = _wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gc = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        _phases.Add((phase, (wall - _wallStart).TotalSeconds, (cpu - _cpuStart).TotalSeconds, (gc - _gcStart).TotalSeconds, allocated - _allocatedStart));
        (_wallStart, _cpuStart, _gcStart, _allocatedStart) = (wall, cpu, gc, allocated);
    }

    /// <summary>One line: "load 3.1 s (cpu 3.0, gc 0.4, 812 MB), index 2.2 s (cpu 4.1, gc 0.1, 95 MB) …".</summary>
    public override string ToString() =>
        string.Join(", ", _phases.Select(p => FormattableString.Invariant($"{p.Phase} {p.Wall:F1} s (cpu {p.Cpu:F1}, gc {p.Gc:F1}, {p.Allocated / 1_000_000:N0} MB)")));
}
