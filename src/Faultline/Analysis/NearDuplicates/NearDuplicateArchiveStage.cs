using System.Collections.Concurrent;
using Faultline.Archive;

namespace Faultline.Analysis.NearDuplicates;

/// <summary>
/// The near-duplicate stage over the archive. Signatures are stored with each post's content hash, so a later
/// run restores the index from them and signs only posts that are new or were edited since.
/// </summary>
internal sealed class NearDuplicateArchiveStage : IAnalysisStage
{
    public string Id => NearDuplicateStage.Id;
    public string Description => NearDuplicateStage.Description;
    public IReadOnlyList<string> Needs => [];
    public IReadOnlyList<string> Produces => ["copy edges", "signatures"];

    public string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken)
    {
        var (lastPost, lastImport) = archive.Watermark();
        // Copies found at another threshold are not comparable: a changed threshold recomputes the pairs
        // (signatures do not depend on it and are kept).
        var threshold = Math.Clamp(settings.CopyThreshold, 0.05, 1.0);
        var thresholdTag = $"threshold={threshold.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}";
        bool full = settings.Full || (archive.State(Id) is { Detail: { } detail } && !detail.StartsWith(thresholdTag, StringComparison.Ordinal));
        if (full) archive.ClearEdges(EdgeKind.Copy);
        var stored = full ? [] : archive.Signatures().ToList();
        var signedIds = stored.Select(s => s.PostId).ToHashSet();
        var fresh = archive.AnalysisPosts().Where(p => !signedIds.Contains(p.Id)).ToList();
        if (fresh.Count == 0)
        {
            archive.SaveState(new AnalysisState(Id, lastPost, lastImport, DateTimeOffset.UtcNow, thresholdTag + "; nothing new"));
            return "nothing new";
        }
        cancellationToken.ThrowIfCancellationRequested();
        var finder = new NearDuplicateFinder(threshold,
            ids => archive.AnalysisPostsById(ids).ToDictionary(p => p.Id, p => Shingles.Of(p.Text)));
        finder.Restore(stored.Select(s => (s.PostId, MinHashSignature.FromBytes(s.Signature))));
        var items = fresh.Select(p => new NearDuplicateItem(p.Id, Shingles.Of(p.Text))).ToList();
        var signatures = new ConcurrentBag<(long, byte[])>();
        var pairs = finder.AddAndFind(items, (i, signature) => signatures.Add((items[i].Id, signature.ToBytes())));

        // Direction comes from publication time: the earlier post is where the text came from.
        var published = fresh.ToDictionary(p => p.Id, p => p.Published);
        var missing = pairs.SelectMany(p => new[] { p.First, p.Second }).Where(id => !published.ContainsKey(id)).Distinct().ToList();
        foreach (var p in archive.AnalysisPostsById(missing)) published[p.Id] = p.Published;
        var edges = pairs.Where(p => published.ContainsKey(p.First) && published.ContainsKey(p.Second)).Select(p =>
        {
            bool firstIsEarlier = (published[p.First], p.First).CompareTo((published[p.Second], p.Second)) <= 0;
            return firstIsEarlier ? new PostEdge(p.First, p.Second, EdgeKind.Copy, p.Jaccard) : new PostEdge(p.Second, p.First, EdgeKind.Copy, p.Jaccard);
        }).ToList();
        archive.SaveSignatures(signatures);
        archive.SaveEdges(edges);
        var summary = $"{fresh.Count:N0} posts signed ({stored.Count:N0} restored): {edges.Count:N0} near-duplicate pairs at Jaccard ≥ {finder.Threshold:0.##}";
        archive.SaveState(new AnalysisState(Id, lastPost, lastImport, DateTimeOffset.UtcNow, thresholdTag + "; " + summary));
        return summary;
    }
}
