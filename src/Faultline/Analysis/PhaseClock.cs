using System.Diagnostics;

namespace Faultline.Analysis;

/// <summary>
/// Wall and CPU time of the phases of one stage run, for benchmarks: a stage marks the end of each phase, a bench
/// prints the list. Costs two clock reads a mark.
/// </summary>
public sealed class PhaseClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly List<(string Phase, double Wall, double Cpu)> _phases = [];
    private TimeSpan _cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    private TimeSpan _wallStart;

    /// <summary>The phases marked so far: name, wall seconds, CPU seconds (of the whole process).</summary>
    public IReadOnlyList<(string Phase, double Wall, double Cpu)> Phases => _phases;

    /// <summary>Ends the current phase under <paramref name="phase"/> and starts the next.</summary>
    public void Mark(string phase)
    {
        var wall = _wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _phases.Add((phase, (wall - _wallStart).TotalSeconds, (cpu - _cpuStart).TotalSeconds));
        (_wallStart, _cpuStart) = (wall, cpu);
    }

    /// <summary>One line: "load 3.1 s (cpu 3.0), index 2.2 s (cpu 4.1) …".</summary>
    public override string ToString() =>
        string.Join(", ", _phases.Select(p => FormattableString.Invariant($"{p.Phase} {p.Wall:F1} s (cpu {p.Cpu:F1})")));
}
