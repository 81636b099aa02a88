using Faultline.Archive;

namespace Faultline.Analysis.Citations;

/// <summary>The explicit-edges stage over the archive: forwards, t.me post links and attribution phrases.</summary>
internal sealed class ExplicitEdgeStage : IAnalysisStage
{
    public string Id => ExplicitEdges.StageId;
    public string Description => ExplicitEdges.Description;
    public IReadOnlyList<string> Needs => [];
    public IReadOnlyList<string> Produces => ["forward edges", "cites edges", "attribution edges"];

    public string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken)
    {
        var finder = new ExplicitEdges();
        var reach = finder.Options.ForwardWindow > finder.Options.AttributionWindow ? finder.Options.ForwardWindow : finder.Options.AttributionWindow;
        var window = IncrementalWindow.Take(archive, Id, settings.Full, reach);
        if (settings.Full) archive.ClearEdges(EdgeKind.Forward, EdgeKind.Cites, EdgeKind.Attribution);
        if (window.Fresh.Count == 0)
        {
            window.Finish(archive, Id, "nothing new");
            return "nothing new";
        }
        cancellationToken.ThrowIfCancellationRequested();
        var result = finder.Find(window.Window, SourceDirectory.FromPosts(window.All));
        var edges = window.Touching(result.Edges);
        archive.SaveEdges(edges);
        var summary = $"{window.Fresh.Count:N0} new posts: {edges.Count(e => e.Kind == EdgeKind.Forward):N0} forwards, " +
                      $"{edges.Count(e => e.Kind == EdgeKind.Cites):N0} citations, {edges.Count(e => e.Kind == EdgeKind.Attribution):N0} attributions linked to posts; " +
                      $"{result.SourceRelations.Count:N0} relations to channels without a matching archived post";
        window.Finish(archive, Id, summary);
        return summary;
    }
}
