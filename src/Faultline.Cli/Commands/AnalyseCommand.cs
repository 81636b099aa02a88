using System.CommandLine;
using Faultline.Analysis;
using NearDuplicates = Faultline.Analysis.NearDuplicates;
using Faultline.Archive;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline analyse`: runs the analysis stages over what is new.</summary>
internal static class AnalyseCommand
{
    private static readonly Option<bool> Full = new("--full") { Description = "Recompute everything instead of only what is new since the last run" };
    private static readonly Option<double> CopyThreshold = new("--copy-threshold")
    {
        Description = "Jaccard of word 3-gram shingles at or above which two posts are copies (0.05–1; a change recomputes the copies)",
        DefaultValueFactory = _ => 0.8,
    };

    public static Command Build()
    {
        var cmd = new Command("analyse", "Find forwards, citations, copies and rewrites, actor mentions and stance, and claims with their lifecycle (incremental; other commands run it when needed)") { Full, CopyThreshold };
        cmd.Aliases.Add("analyze");
        cmd.SetAction(parse =>
        {
            var ct = CancellationToken.None;
            using var archive = Globals.OpenExisting(parse);
            if (archive is null) return 2;
            var threshold = parse.GetValue(CopyThreshold);
            if (threshold is < 0.05 or > 1) throw new UsageException($"--copy-threshold: {threshold} is not between 0.05 and 1");
            var outcomes = Run(archive, new AnalysisSettings { Full = parse.GetValue(Full), CopyThreshold = threshold, Registry = Globals.LoadRegistry(parse) }, quiet: parse.GetValue(Globals.Json), ct);
            if (parse.GetValue(Globals.Json)) Output.Json(outcomes.Select(o => new { stage = o.StageId, seconds = Math.Round(o.Elapsed.TotalSeconds, 3), o.Summary, o.Error }));
            return outcomes.All(o => o.Ok) ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>Runs the pipeline, printing one line per stage unless quiet.</summary>
    internal static IReadOnlyList<StageOutcome> Run(IArchive archive, AnalysisSettings settings, bool quiet, CancellationToken ct)
        => AnalysisPipeline.Default.Run(archive, settings, o =>
        {
            if (quiet) return;
            if (o.Ok) AnsiConsole.MarkupLine($"[green]{Output.Esc(o.StageId)}[/] ({o.Elapsed.TotalSeconds:F1} s): {Output.Esc(o.Summary)}");
            else Console.Error.WriteLine($"analyse: stage {o.StageId}: {o.Error}");
        }, ct);

    /// <summary>Runs the stages when posts arrived since they last ran, so listing commands never show stale results.</summary>
    internal static void EnsureFresh(IArchive archive, bool quiet, CancellationToken ct, Faultline.Analysis.Actors.ActorRegistry? registry = null)
    {
        var (_, lastImport) = archive.Watermark();
        registry ??= Faultline.Analysis.Actors.ActorRegistry.Default;
        var registryTag = "registry=" + Faultline.Analysis.Actors.ActorStage.Fingerprint(registry);
        if (AnalysisPipeline.Default.Stages.All(s => archive.State(s.Id) is { } st && st.LastImportId >= lastImport)
            && archive.State(Faultline.Analysis.Actors.ActorStage.StageId)?.Detail?.StartsWith(registryTag, StringComparison.Ordinal) == true) return;
        if (!quiet) Console.Error.WriteLine("analyse: new posts since the last analysis; updating…");
        // Keep the threshold the analyst chose last time.
        var copyThreshold = archive.State(NearDuplicates.NearDuplicateStage.Id)?.Detail is { } d && d.StartsWith("threshold=", StringComparison.Ordinal)
            && double.TryParse(d["threshold=".Length..].Split(';')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : 0.8;
        Run(archive, new AnalysisSettings { CopyThreshold = copyThreshold, Registry = registry }, quiet: true, ct);
    }
}
