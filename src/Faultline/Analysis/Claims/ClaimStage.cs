using Faultline.Archive;

namespace Faultline.Analysis.Claims;

/// <summary>
/// The claims stage over the archive: builds claims from the stored edges, mentions, versions and tombstones, with a
/// role for every member and the lifecycle of each claim. The first run, a <c>--full</c> run, and a run after the
/// registry or the copy threshold changed rebuild every claim; any other run is incremental (see <see cref="Update"/>).
/// </summary>
internal sealed class ClaimStage : IAnalysisStage
{
    public const string StageId = "claims";

    /// <summary>The layout of what this stage keeps between runs; a stored state of another layout means a full rebuild.</summary>
    private const string Layout = "index=2";

    public string Id => StageId;
    public string Description => ClaimBuilder.Description;
    public IReadOnlyList<string> Needs => ["explicit-edges", "near-duplicates", "echoes", "actors"];
    public IReadOnlyList<string> Produces => ["claims", "claim members and roles", "lifecycle events"];

    /// <summary>The phases of the last full rebuild, for benchmarks.</summary>
    public PhaseClock Phases { get; private set; } = new();

    /// <summary>
    /// How far before and after a new or changed post claims are rebuilt: the longer of how long after its claim's origin
    /// a merely similar post may join and how long a cascade seed may span (3 days by default). A post joins a claim
    /// whose origin is further away only through an edge or a link to a member, and those are followed explicitly.
    /// </summary>
    internal static TimeSpan Reach(ClaimOptions options) => options.Window > options.CascadeSpan ? options.Window : options.CascadeSpan;

    public string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken)
    {
        var (lastPost, lastImport) = archive.Watermark();
        var basis = Basis(archive);
        var state = archive.State(Id);
        var incremental = !settings.Full && state?.Detail is { } detail && detail.StartsWith(basis + "; ", StringComparison.Ordinal);
        if (incremental && state!.LastPostId == lastPost && state.LastImportId == lastImport) return "nothing new";
        // Counts stored by a run that did not get to record its state are not to be trusted: rebuild.
        Phases = new PhaseClock();
        var index = incremental ? archive.ClaimIndex([]) : null;
        var summary = incremental && index is not null && index.LastPostId == state!.LastPostId && index.LastImportId == state.LastImportId
            ? Update(archive, state, lastPost, lastImport, index.Posts, cancellationToken)
            : Rebuild(archive, lastPost, lastImport, Phases, cancellationToken);
        archive.SaveState(new AnalysisState(Id, lastPost, lastImport, DateTimeOffset.UtcNow, basis + "; " + summary));
        return summary;
    }

    /// <summary>
    /// What the claims rest on besides the posts: the actor registry (mentions) and the copy threshold (copy edges). When
    /// either changes, those stages recompute everything, and so does this one.
    /// </summary>
    private static string Basis(IArchive archive)
    {
        static string Tag(string? detail) => detail is null ? "none" : detail.Split(';')[0];
        return $"{Layout} {Tag(archive.State(Actors.ActorStage.StageId)?.Detail)} {Tag(archive.State(NearDuplicates.NearDuplicateStage.Id)?.Detail)}";
    }

    /// <summary>Every claim from scratch, with the key counts kept for the incremental runs that follow.</summary>
    private static string Rebuild(IArchive archive, long lastPost, long lastImport, PhaseClock phases, CancellationToken cancellationToken)
    {
        var posts = archive.AnalysisPosts().ToList();
        phases.Mark("read posts");
        var versions = Versions(archive.EditedPosts());
        var edges = archive.Edges();
        var actors = archive.ActorsByPost();
        phases.Mark("read edges, versions, mentions");
        cancellationToken.ThrowIfCancellationRequested();
        var claims = ClaimBuilder.Build(new ClaimInput(posts, edges, actors, versions), new RoleClassifier(), null, out var counts, phases);
        archive.UpdateClaims(new ClaimChanges(claims, []) { ReplaceAll = true, Index = new ClaimIndexCounts(posts.Count, lastPost, lastImport, counts) });
        phases.Mark("store");
        return $"{claims.Count:N0} claims over {posts.Count:N0} posts: " +
               $"{claims.Count(c => c.Status == ClaimStatus.WalkedBack):N0} walked back, {claims.Count(c => c.Status == ClaimStatus.Denied):N0} denied, " +
               $"{claims.Count(c => c.Status == ClaimStatus.Deleted):N0} deleted";
    }

    /// <summary>
    /// An incremental run. The posts new since the last run, and the old ones an import edited, tombstoned or restored,
    /// are the changed posts. Claims are rebuilt over the posts within <see cref="Reach"/> of a changed post, the posts an
    /// edge ties to a changed post, and every member of a stored claim that has any of those among its members; every
    /// other claim is kept as stored, id and all (a claim's id is its origin post's, so a rebuilt claim whose origin
    /// stays keeps its id too). Terms are weighed by the archive's key counts, kept up by each run, so a rebuilt claim
    /// comes out as a full rebuild would make it, except where a post just outside the rebuilt span once competed for a
    /// post inside it.
    /// </summary>
    private static string Update(IArchive archive, AnalysisState state, long lastPost, long lastImport, long counted, CancellationToken cancellationToken)
    {
        var changedIds = archive.ChangedPosts(state.LastPostId, state.LastImportId);
        if (changedIds.Count == 0)
        {
            // Imports that brought nothing new (a re-export of known posts) still move the watermark.
            archive.UpdateClaims(new ClaimChanges([], []) { Index = new ClaimIndexCounts(0, lastPost, lastImport, new Dictionary<string, int>()) });
            return "nothing new";
        }
        var changed = archive.AnalysisPostsById(changedIds);
        var reach = Reach(ClaimOptions.Default);
        var posts = new Dictionary<long, AnalysisPost>();
        foreach (var (from, to) in Spans(changed.Select(p => p.Published), reach))
            foreach (var p in archive.AnalysisPosts(0, from, to.AddTicks(TimeSpan.TicksPerMillisecond)))
                posts[p.Id] = p;
        Load(archive, posts, archive.EdgesOf(changedIds).SelectMany(e => new[] { e.Earlier, e.Later }));
        cancellationToken.ThrowIfCancellationRequested();
        var touched = archive.ClaimsOf([.. posts.Keys]);
        Load(archive, posts, touched.SelectMany(c => c.Members.Select(m => m.PostId)));

        var ids = posts.Keys.ToList();
        var versions = Versions(archive.EditedPosts(ids));
        var actors = archive.ActorsByPost(ids);
        var edges = archive.EdgesOf(ids).Where(e => posts.ContainsKey(e.Earlier) && posts.ContainsKey(e.Later)).ToList();
        var fresh = changed.Where(p => p.Id > state.LastPostId).Select(p => p.Id).ToHashSet();
        cancellationToken.ThrowIfCancellationRequested();
        var input = new ClaimInput([.. posts.Values], edges, actors, versions) { Statistics = new ArchiveKeys(archive, counted), NewPosts = fresh };
        var claims = ClaimBuilder.Build(input, new RoleClassifier(), null, out var delta);
        var stored = touched.ToDictionary(c => c.Id);
        var upserts = claims.Where(c => !stored.TryGetValue(c.Id, out var old) || !Same(old, c)).ToList();
        var kept = claims.Select(c => c.Id).ToHashSet();
        var removed = touched.Select(c => c.Id).Where(id => !kept.Contains(id)).ToList();
        archive.UpdateClaims(new ClaimChanges(upserts, removed) { Index = new ClaimIndexCounts(fresh.Count, lastPost, lastImport, delta) });
        return $"{changed.Count:N0} new or changed posts: {claims.Count:N0} claims rebuilt over {posts.Count:N0} posts " +
               $"({upserts.Count:N0} new or changed, {removed.Count:N0} gone); the others kept";
    }

    /// <summary>Adds the posts not yet loaded.</summary>
    private static void Load(IArchive archive, Dictionary<long, AnalysisPost> posts, IEnumerable<long> ids)
    {
        foreach (var p in archive.AnalysisPostsById([.. ids.Where(id => !posts.ContainsKey(id)).Distinct()])) posts[p.Id] = p;
    }

    /// <summary>The times within <paramref name="reach"/> of any of <paramref name="times"/>, as merged spans in time order.</summary>
    internal static List<(DateTimeOffset From, DateTimeOffset To)> Spans(IEnumerable<DateTimeOffset> times, TimeSpan reach)
    {
        var spans = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var t in times.Order())
        {
            if (spans.Count > 0 && t - reach <= spans[^1].To) spans[^1] = (spans[^1].From, t + reach);
            else spans.Add((t - reach, t + reach));
        }
        return spans;
    }

    /// <summary>The same claim in every stored detail, so that rewriting it can be skipped.</summary>
    private static bool Same(Claim a, Claim b) =>
        a.Id == b.Id && a.Status == b.Status && a.Title == b.Title && a.Language == b.Language
        && a.KeyTerms.SequenceEqual(b.KeyTerms) && a.Actors.SequenceEqual(b.Actors) && a.Lifecycle.SequenceEqual(b.Lifecycle)
        && a.Members.Count == b.Members.Count
        && a.Members.Zip(b.Members).All(m => (m.First.PostId, m.First.SourceId, m.First.Published, m.First.Role) == (m.Second.PostId, m.Second.SourceId, m.Second.Published, m.Second.Role)
            && m.First.Evidence.SequenceEqual(m.Second.Evidence));

    private static Dictionary<long, IReadOnlyList<PostVersionText>> Versions(IReadOnlyDictionary<long, IReadOnlyList<VersionText>> stored) =>
        stored.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<PostVersionText>)[.. kv.Value.Select(v => new PostVersionText(v.Sequence, v.FirstSeen, v.Text))]);

    /// <summary>The archive's stored key counts.</summary>
    private sealed class ArchiveKeys(IArchive archive, long posts) : IClaimKeyStatistics
    {
        public long Posts => posts;

        public IReadOnlyDictionary<string, int> Counts(IReadOnlyCollection<string> keys) => archive.ClaimIndex(keys)?.Keys ?? new Dictionary<string, int>();
    }
}
