using Faultline.Archive;

namespace Faultline.Analysis.Cascades;

/// <summary>
/// Posts, the edges among them, and the cascades they form, over an optional publication window: what the
/// cascade, channel and graph views read. Cascades are rebuilt from the stored edges on every load (about a
/// second per million posts), so they always reflect the latest analysis.
/// </summary>
internal sealed class SpreadSnapshot
{
    private readonly Dictionary<long, AnalysisPost> _byId;
    private readonly Dictionary<(long, long), EdgeKindSet> _kinds = [];

    private SpreadSnapshot(IReadOnlyList<AnalysisPost> posts, IReadOnlyList<PostEdge> edges, IReadOnlyList<Cascade> cascades)
    {
        Posts = posts;
        Edges = edges;
        Cascades = cascades;
        _byId = posts.ToDictionary(p => p.Id);
        foreach (var e in edges) _kinds[(e.Earlier, e.Later)] = _kinds.GetValueOrDefault((e.Earlier, e.Later)) | EdgeKindSets.Of(e.Kind);
        Labels = posts.GroupBy(p => p.SourceId).ToDictionary(g => g.Key, g => g.First() is var p && p.Handle is { } h ? "@" + h : p.SourceTitle ?? "source " + p.SourceId);
    }

    /// <summary>The posts in the window.</summary>
    public IReadOnlyList<AnalysisPost> Posts { get; }

    /// <summary>Edges whose both ends are in the window.</summary>
    public IReadOnlyList<PostEdge> Edges { get; }

    /// <summary>Cascades, largest first.</summary>
    public IReadOnlyList<Cascade> Cascades { get; }

    /// <summary>A display label per source id: @handle, else the title.</summary>
    public IReadOnlyDictionary<long, string> Labels { get; }

    /// <summary>A post of the window.</summary>
    public AnalysisPost Post(long id) => _byId[id];

    /// <summary>The kinds of the edges from one post to another (none when the relation is only inferred).</summary>
    public EdgeKindSet KindsBetween(long earlier, long later) => _kinds.GetValueOrDefault((earlier, later));

    /// <summary>Loads posts and edges and builds cascades.</summary>
    public static SpreadSnapshot Load(IArchive archive, DateTimeOffset? from = null, DateTimeOffset? to = null, CascadeOptions? options = null)
    {
        var posts = archive.AnalysisPosts(0, from, to).ToList();
        var ids = posts.Select(p => p.Id).ToHashSet();
        // A window reads only the edges of its posts (through the edge indexes), not every edge of the archive.
        var stored = from is null && to is null ? archive.Edges() : archive.EdgesOf(ids);
        var edges = stored.Where(e => ids.Contains(e.Earlier) && ids.Contains(e.Later)).ToList();
        var cascades = CascadeBuilder.Build(posts, edges, options)
            .OrderByDescending(c => c.Channels).ThenByDescending(c => c.Size).ThenBy(c => c.Origin.Published).ToList();
        return new SpreadSnapshot(posts, edges, cascades);
    }
}
