using Faultline.Archive;

namespace Faultline.Analysis.Claims;

/// <summary>
/// The claims stage over the archive: builds claims from the stored edges, mentions, versions and tombstones, with a
/// role for every member and the lifecycle of each claim, and stores them whole. It recomputes all claims on each run:
/// a new post can change an old claim's membership, status and title.
/// </summary>
internal sealed class ClaimStage : IAnalysisStage
{
    public const string StageId = "claims";

    public string Id => StageId;
    public string Description => ClaimBuilder.Description;
    public IReadOnlyList<string> Needs => ["explicit-edges", "near-duplicates", "echoes", "actors"];
    public IReadOnlyList<string> Produces => ["claims", "claim members and roles", "lifecycle events"];

    public string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken)
    {
        var (lastPost, lastImport) = archive.Watermark();
        var state = archive.State(Id);
        if (!settings.Full && state is not null && state.LastPostId == lastPost && state.LastImportId == lastImport)
            return "nothing new";
        var posts = archive.AnalysisPosts().ToList();
        var versions = archive.EditedPosts().ToDictionary(kv => kv.Key,
            kv => (IReadOnlyList<PostVersionText>)kv.Value.Select(v => new PostVersionText(v.Sequence, v.FirstSeen, v.Text)).ToList());
        cancellationToken.ThrowIfCancellationRequested();
        var claims = ClaimBuilder.Build(new ClaimInput(posts, archive.Edges(), archive.ActorsByPost(), versions), new RoleClassifier());
        archive.ReplaceClaims(claims);
        var summary = $"{claims.Count:N0} claims over {posts.Count:N0} posts: " +
                      $"{claims.Count(c => c.Status == ClaimStatus.WalkedBack):N0} walked back, {claims.Count(c => c.Status == ClaimStatus.Denied):N0} denied, " +
                      $"{claims.Count(c => c.Status == ClaimStatus.Deleted):N0} deleted";
        archive.SaveState(new AnalysisState(Id, lastPost, lastImport, DateTimeOffset.UtcNow, summary));
        return summary;
    }
}
