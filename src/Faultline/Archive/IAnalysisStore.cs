using Faultline.Analysis;

namespace Faultline.Archive;

/// <summary>
/// What analysis stages read from and write to the archive: posts in analysis form, near-duplicate signatures
/// (so a new import extends the index instead of rebuilding it), edges between posts, and how far each stage
/// has come. Part of the storage contract; every provider implements it.
/// </summary>
public interface IAnalysisStore
{
    /// <summary>Posts (current versions) with id greater than <paramref name="afterId"/>, in id order, optionally in a publication window.</summary>
    IEnumerable<AnalysisPost> AnalysisPosts(long afterId = 0, DateTimeOffset? from = null, DateTimeOffset? to = null);

    /// <summary>Posts by id (missing ids are skipped).</summary>
    IReadOnlyList<AnalysisPost> AnalysisPostsById(IEnumerable<long> ids);

    /// <summary>Stored signatures; a signature whose content hash no longer matches the post (an edit) is not returned.</summary>
    IEnumerable<(long PostId, byte[] Signature)> Signatures();

    /// <summary>Stores or replaces signatures, tagged with each post's current content hash.</summary>
    void SaveSignatures(IEnumerable<(long PostId, byte[] Signature)> signatures);

    /// <summary>Adds edges, replacing the score of an edge already stored.</summary>
    void SaveEdges(IEnumerable<PostEdge> edges);

    /// <summary>Removes every edge of the given kinds (a stage re-run from scratch).</summary>
    void ClearEdges(params EdgeKind[] kinds);

    /// <summary>Edges, optionally of some kinds only, or touching one post.</summary>
    IReadOnlyList<PostEdge> Edges(IReadOnlyCollection<EdgeKind>? kinds = null, long? post = null);

    /// <summary>How far a stage has come, or null if it never ran.</summary>
    AnalysisState? State(string stage);

    /// <summary>Records how far a stage has come.</summary>
    void SaveState(AnalysisState state);

    /// <summary>The highest post id and import id in the archive (to tell whether analysis is stale).</summary>
    (long LastPostId, long LastImportId) Watermark();

    /// <summary>The archive post id of (source, native id), or null.</summary>
    long? PostId(long sourceId, string nativeId);

    /// <summary>Replaces the mentions, stances and loaded-language score of each given post.</summary>
    void SaveActorAnalysis(IEnumerable<PostActorAnalysis> analyses);

    /// <summary>Removes every mention, stance and loaded-language score (a full re-run).</summary>
    void ClearActorAnalysis();

    /// <summary>Mentions of an actor, newest first, optionally in a publication window.</summary>
    IReadOnlyList<StoredMention> Mentions(string actorId, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 200);

    /// <summary>Every stance call (author source → actor) in a publication window, oldest first.</summary>
    IReadOnlyList<Faultline.Analysis.Actors.StanceRecord> Stances(DateTimeOffset? from = null, DateTimeOffset? to = null);

    /// <summary>Actor ids mentioned in each post that mentions any.</summary>
    IReadOnlyDictionary<long, IReadOnlyList<string>> ActorsByPost();

    /// <summary>Every distinct text of each post seen in more than one version, oldest first.</summary>
    IReadOnlyDictionary<long, IReadOnlyList<VersionText>> EditedPosts();

    /// <summary>Replaces every stored claim and forgets the claim index's key counts (the next claims run rebuilds all).</summary>
    void ReplaceClaims(IEnumerable<Faultline.Analysis.Claims.Claim> claims);

    /// <summary>Stored claims, newest first.</summary>
    IReadOnlyList<Faultline.Analysis.Claims.Claim> Claims();

    /// <summary>
    /// Stored claims with a member post published in [<paramref name="from"/>, <paramref name="to"/>), whole, newest first:
    /// what a report or a scenario board of a period reads, without loading every claim of the archive.
    /// </summary>
    IReadOnlyList<Faultline.Analysis.Claims.Claim> ClaimsTouching(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// Ids of the posts that changed since a watermark: those with an id above <paramref name="afterPostId"/>, and those
    /// whose current text or tombstone an import after <paramref name="afterImportId"/> changed (an edit, a reverted edit,
    /// a deletion, a deleted post seen again). In id order.
    /// </summary>
    IReadOnlyList<long> ChangedPosts(long afterPostId, long afterImportId);

    /// <summary>Edges with at least one end among <paramref name="posts"/>.</summary>
    IReadOnlyList<PostEdge> EdgesOf(IReadOnlyCollection<long> posts);

    /// <summary>Actor ids mentioned in each of <paramref name="posts"/> that mentions any.</summary>
    IReadOnlyDictionary<long, IReadOnlyList<string>> ActorsByPost(IReadOnlyCollection<long> posts);

    /// <summary>Every distinct text of each of <paramref name="posts"/> seen in more than one version, oldest first.</summary>
    IReadOnlyDictionary<long, IReadOnlyList<VersionText>> EditedPosts(IReadOnlyCollection<long> posts);

    /// <summary>Stored claims with at least one of <paramref name="posts"/> among their members, whole, newest first.</summary>
    IReadOnlyList<Faultline.Analysis.Claims.Claim> ClaimsOf(IReadOnlyCollection<long> posts);

    /// <summary>
    /// Writes what a claims run changed, all or nothing: removes the claims named (or, with
    /// <see cref="ClaimChanges.ReplaceAll"/>, every claim), stores the given ones in place of any with the same id, and adds
    /// the key counts (or replaces them all).
    /// </summary>
    void UpdateClaims(ClaimChanges changes);

    /// <summary>
    /// The claim index's counts: how many posts it counted, the watermark it is up to, and in how many posts each of
    /// <paramref name="keys"/> occurs (keys counted in no post are left out). Null when no claims run stored counts.
    /// </summary>
    ClaimIndexCounts? ClaimIndex(IReadOnlyCollection<string> keys);

    /// <summary>Records an analyst's grade for a source; earlier overrides are kept as history.</summary>
    void SaveGradeOverride(GradeOverrideRecord record);

    /// <summary>Every grade override of a source, oldest first.</summary>
    IReadOnlyList<GradeOverrideRecord> GradeOverrides(long sourceId);
}

/// <summary>What one claims run changed.</summary>
/// <param name="Upserts">Claims to store, each replacing a stored claim with the same id.</param>
/// <param name="Removed">Ids of stored claims to remove (an id also in <paramref name="Upserts"/> is replaced, not lost).</param>
public sealed record ClaimChanges(IReadOnlyList<Faultline.Analysis.Claims.Claim> Upserts, IReadOnlyCollection<long> Removed)
{
    /// <summary>Remove every stored claim first, and replace the key counts instead of adding to them (a full rebuild).</summary>
    public bool ReplaceAll { get; init; }

    /// <summary>Key counts to add (or, with <see cref="ReplaceAll"/>, to store); null leaves them as they are.</summary>
    public ClaimIndexCounts? Index { get; init; }
}

/// <summary>Key counts of the claim index over the whole archive.</summary>
/// <param name="Posts">How many posts were counted (to add, in <see cref="ClaimChanges.Index"/>).</param>
/// <param name="LastPostId">The archive's highest post id the counts include.</param>
/// <param name="LastImportId">The archive's last import the counts include.</param>
/// <param name="Keys">In how many posts each key occurs.</param>
public sealed record ClaimIndexCounts(long Posts, long LastPostId, long LastImportId, IReadOnlyDictionary<string, int> Keys);

/// <summary>One distinct text of a post, with when it appeared: the edit time the export gives, else when an import first saw it.</summary>
public sealed record VersionText(int Sequence, DateTimeOffset FirstSeen, string Text);

/// <summary>An analyst's Admiralty grade for a source, with the note that justifies it.</summary>
public sealed record GradeOverrideRecord(long SourceId, char Grade, string Note, string? Analyst, DateTimeOffset At);

/// <summary>What the actor stage found in one post.</summary>
public sealed record PostActorAnalysis(long PostId, IReadOnlyList<ActorSpan> Mentions, IReadOnlyList<ActorCall> Stances, double LoadedScore, IReadOnlyList<string> LoadedTerms);

/// <summary>One mention: which actor, where in the post's text (UTF-16 offset and length), and the words as written.</summary>
public sealed record ActorSpan(string ActorId, int Offset, int Length, string Surface);

/// <summary>The author's stance toward one actor in one post, with the words that decided it.</summary>
public sealed record ActorCall(string ActorId, Faultline.Analysis.Actors.StanceKind Stance, double Confidence, IReadOnlyList<string> Evidence);

/// <summary>A stored mention with its post.</summary>
public sealed record StoredMention(long PostId, long SourceId, string NativeId, DateTimeOffset Published, string Text, ActorSpan Span);

/// <summary>How far one analysis stage has come.</summary>
public sealed record AnalysisState(string Stage, long LastPostId, long LastImportId, DateTimeOffset Finished, string? Detail = null);
