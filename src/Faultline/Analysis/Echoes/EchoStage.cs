using Faultline.Archive;

namespace Faultline.Analysis.Echoes;

/// <summary>The echoes stage over the archive: rewrites of the same story by other channels.</summary>
internal sealed class EchoStage : IAnalysisStage
{
    public string Id => EchoFinder.StageId;
    public string Description => EchoFinder.Description;
    public IReadOnlyList<string> Needs => [];
    public IReadOnlyList<string> Produces => ["echo edges"];

    public string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken)
    {
        var finder = new EchoFinder();
        var window = IncrementalWindow.Take(archive, Id, settings.Full, finder.Options.Window);
        if (settings.Full) archive.ClearEdges(EdgeKind.Echo);
        if (window.Fresh.Count == 0)
        {
            window.Finish(archive, Id, "nothing new");
            return "nothing new";
        }
        cancellationToken.ThrowIfCancellationRequested();
        var edges = window.Touching(finder.Find(window.Window));
        archive.SaveEdges(edges);
        var summary = $"{window.Fresh.Count:N0} new posts: {edges.Count:N0} echoes";
        window.Finish(archive, Id, summary);
        return summary;
    }
}
