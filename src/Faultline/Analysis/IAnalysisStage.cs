using Faultline.Archive;

namespace Faultline.Analysis;

/// <summary>
/// One analysis stage. To add one, make a folder under Analysis/, implement this interface, and list the stage in
/// <see cref="AnalysisPipeline.Default"/>. Stages read the archive and write their results back to it, so a
/// later run only looks at what is new.
/// </summary>
public interface IAnalysisStage
{
    /// <summary>Stable id, shown to analysts and stored with the stage's state ("near-duplicates").</summary>
    string Id { get; }

    /// <summary>One line for analysts, starting with a verb and stating the stage's limits.</summary>
    string Description { get; }

    /// <summary>Ids of the stages whose results this one reads.</summary>
    IReadOnlyList<string> Needs { get; }

    /// <summary>What the stage writes (edge kinds, signatures).</summary>
    IReadOnlyList<string> Produces { get; }

    /// <summary>Runs over what is new since the stage's last run (or everything when <see cref="AnalysisSettings.Full"/>); returns a one-line summary.</summary>
    string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken);
}

/// <summary>What an analyst can set for a run.</summary>
public sealed record AnalysisSettings
{
    /// <summary>Recompute everything instead of only what is new.</summary>
    public bool Full { get; init; }

    /// <summary>Jaccard of word 3-gram shingles at or above which two posts are copies (near-duplicates).</summary>
    public double CopyThreshold { get; init; } = 0.8;

    /// <summary>The actor registry (actors, aliases, blocs, channels); the shipped default unless the analyst gives one.</summary>
    public Actors.ActorRegistry Registry { get; init; } = Actors.ActorRegistry.Default;
}

/// <summary>What one stage did.</summary>
public sealed record StageOutcome(string StageId, TimeSpan Elapsed, string? Summary, string? Error)
{
    /// <summary>True when the stage finished.</summary>
    public bool Ok => Error is null;
}

/// <summary>
/// The stages in dependency order, built once and then frozen. A stage that throws is reported with its id and
/// the run goes on with the stages that do not need it.
/// </summary>
public sealed class AnalysisPipeline
{
    private readonly IReadOnlyList<IAnalysisStage> _stages;

    /// <summary>Creates a pipeline; stages must come after the stages they need.</summary>
    public AnalysisPipeline(IEnumerable<IAnalysisStage> stages)
    {
        _stages = stages.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _stages)
        {
            foreach (var need in s.Needs)
                if (!seen.Contains(need)) throw new ArgumentException($"stage {s.Id} needs {need}, which does not run before it");
            if (!seen.Add(s.Id)) throw new ArgumentException($"stage {s.Id} is listed twice");
        }
    }

    /// <summary>The built-in stages, in dependency order.</summary>
    public static AnalysisPipeline Default { get; } = new(BuiltIn());

    private static IEnumerable<IAnalysisStage> BuiltIn()
    {
        // One line per stage, in dependency order.
        yield return new Citations.ExplicitEdgeStage();
        yield return new NearDuplicates.NearDuplicateArchiveStage();
        yield return new Echoes.EchoStage();
        yield return new Actors.ActorStage();
        yield return new Claims.ClaimStage();
    }

    /// <summary>The stages, in order.</summary>
    public IReadOnlyList<IAnalysisStage> Stages => _stages;

    /// <summary>Runs every stage; returns one outcome per stage.</summary>
    public IReadOnlyList<StageOutcome> Run(IArchive archive, AnalysisSettings? settings = null, Action<StageOutcome>? onStage = null, CancellationToken cancellationToken = default)
    {
        settings ??= new AnalysisSettings();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new List<StageOutcome>();
        foreach (var stage in _stages)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            StageOutcome outcome;
            if (stage.Needs.FirstOrDefault(failed.Contains) is { } missing)
            {
                outcome = new StageOutcome(stage.Id, TimeSpan.Zero, null, $"skipped: {missing} failed");
            }
            else
            {
                try
                {
                    outcome = new StageOutcome(stage.Id, clock.Elapsed, stage.Run(archive, settings, cancellationToken), null) with { Elapsed = clock.Elapsed };
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    outcome = new StageOutcome(stage.Id, clock.Elapsed, null, $"{e.GetType().Name}: {e.Message}");
                }
            }
            if (!outcome.Ok) failed.Add(stage.Id);
            outcomes.Add(outcome);
            onStage?.Invoke(outcome);
        }
        return outcomes;
    }
}
