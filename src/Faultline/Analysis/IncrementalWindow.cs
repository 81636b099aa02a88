using Faultline.Archive;

namespace Faultline.Analysis;

/// <summary>
/// What an incremental stage looks at: the posts new since its last run, plus the older posts close enough in
/// time to relate to them. Edges are kept when either end is new, so a re-run never duplicates work and a
/// back-filled import (new ids, old dates) is still linked to what it echoes.
/// </summary>
internal sealed class IncrementalWindow
{
    private IncrementalWindow(IReadOnlyList<AnalysisPost> all, IReadOnlyList<AnalysisPost> window, HashSet<long> fresh, long lastPost, long lastImport)
    {
        All = all;
        Window = window;
        Fresh = fresh;
        LastPostId = lastPost;
        LastImportId = lastImport;
    }

    /// <summary>Every post in the archive.</summary>
    public IReadOnlyList<AnalysisPost> All { get; }

    /// <summary>New posts and the posts within the reach before and after them.</summary>
    public IReadOnlyList<AnalysisPost> Window { get; }

    /// <summary>Ids of the posts new since the stage last ran.</summary>
    public HashSet<long> Fresh { get; }

    /// <summary>The archive's watermark when the window was taken.</summary>
    public long LastPostId { get; }

    /// <summary>The archive's last import when the window was taken.</summary>
    public long LastImportId { get; }

    /// <summary>Takes the window for a stage whose relations span at most <paramref name="reach"/>.</summary>
    public static IncrementalWindow Take(IArchive archive, string stage, bool full, TimeSpan reach)
    {
        var (lastPost, lastImport) = archive.Watermark();
        var state = full ? null : archive.State(stage);
        var all = archive.AnalysisPosts().ToList();
        var fresh = all.Where(p => state is null || p.Id > state.LastPostId).Select(p => p.Id).ToHashSet();
        if (fresh.Count == 0) return new IncrementalWindow(all, [], fresh, lastPost, lastImport);
        if (fresh.Count == all.Count) return new IncrementalWindow(all, all, fresh, lastPost, lastImport);
        var spans = all.Where(p => fresh.Contains(p.Id)).Select(p => p.Published).ToList();
        var from = spans.Min() - reach;
        var to = spans.Max() + reach;
        var window = all.Where(p => p.Published >= from && p.Published <= to).ToList();
        return new IncrementalWindow(all, window, fresh, lastPost, lastImport);
    }

    /// <summary>Edges with at least one new end.</summary>
    public List<PostEdge> Touching(IEnumerable<PostEdge> edges) => edges.Where(e => Fresh.Contains(e.Earlier) || Fresh.Contains(e.Later)).ToList();

    /// <summary>Records the stage as up to date with the watermark taken.</summary>
    public void Finish(IArchive archive, string stage, string detail)
        => archive.SaveState(new AnalysisState(stage, LastPostId, LastImportId, DateTimeOffset.UtcNow, detail));
}
