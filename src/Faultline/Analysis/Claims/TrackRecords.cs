namespace Faultline.Analysis.Claims;

/// <summary>
/// How one source has fared with the claims it made and spread: the facts a reliability grade is suggested from.
/// </summary>
/// <param name="SourceId">The archive's source id.</param>
/// <param name="Handle">The source's handle or title, when a post of it carries one.</param>
/// <param name="ClaimsTakenPartIn">Distinct claims with at least one member post from this source.</param>
/// <param name="ClaimsOriginated">Claims whose origin post is this source's.</param>
/// <param name="WalkedBack">Originated claims walked back (status <see cref="ClaimStatus.WalkedBack"/> or a
/// <see cref="LifecycleEventKind.WalkedBack"/> event, by anyone).</param>
/// <param name="Denied">Originated claims denied (status <see cref="ClaimStatus.Denied"/> or a <see cref="LifecycleEventKind.Denied"/> event).</param>
/// <param name="Deleted">Originated claims with a deleted post of this source (status <see cref="ClaimStatus.Deleted"/> or a
/// <see cref="LifecycleEventKind.Deleted"/> event on one of this source's posts).</param>
/// <param name="Problems">Originated claims with at least one of the three (a claim counts once).</param>
/// <param name="Posts">This source's posts in the input (or, when the input has none of them, its distinct member posts).</param>
/// <param name="MemberPosts">This source's distinct posts that are claim members.</param>
/// <param name="EditedPosts">This source's distinct posts with an <see cref="LifecycleEventKind.Edited"/> event.</param>
/// <param name="Edits">Edited events on this source's posts (a post edited twice in two claims counts twice).</param>
/// <param name="Retractions">Time from origin to the first walk-back, denial or deletion, per originated claim that has one, shortest first.</param>
/// <param name="AmplifiedClaims">Others' claims this source amplified (an Amplify member, not the origin).</param>
/// <param name="AmplifiedLaterRetracted">Of those, the claims that were denied or walked back: bad claims it spread.</param>
public sealed record TrackRecord(long SourceId, string? Handle, int ClaimsTakenPartIn, int ClaimsOriginated, int WalkedBack, int Denied, int Deleted,
    int Problems, int Posts, int MemberPosts, int EditedPosts, int Edits, IReadOnlyList<TimeSpan> Retractions, int AmplifiedClaims, int AmplifiedLaterRetracted)
{
    /// <summary>Share of originated claims walked back, denied or deleted; 0 when it originated none.</summary>
    public double ProblemShare => ClaimsOriginated == 0 ? 0 : (double)Problems / ClaimsOriginated;

    /// <summary>Share of its posts edited after publication in a way that changed a claim.</summary>
    public double EditedShare => Posts == 0 ? 0 : (double)EditedPosts / Posts;

    /// <summary>Share of its claim posts edited after publication.</summary>
    public double EditedMemberShare => MemberPosts == 0 ? 0 : (double)EditedPosts / MemberPosts;

    /// <summary>How often it is first: originated claims over claims it took part in; 0 when none.</summary>
    public double FirstShare => ClaimsTakenPartIn == 0 ? 0 : (double)ClaimsOriginated / ClaimsTakenPartIn;

    /// <summary>Median of <see cref="Retractions"/> (the mean of the middle two for an even count); null when none.</summary>
    public TimeSpan? MedianTimeToRetraction => Retractions.Count == 0 ? null
        : Retractions.Count % 2 == 1 ? Retractions[Retractions.Count / 2]
        : (Retractions[Retractions.Count / 2 - 1] + Retractions[Retractions.Count / 2]) / 2;
}

/// <summary>Computes per-source track records from claims and their lifecycles.</summary>
/// <remarks>
/// A claim's originator is the source of its <see cref="ClaimRole.Origin"/> member (the earliest member when no member
/// has that role). Walk-backs and denials count against the originator whoever made them: a claim the ministry denied
/// is a problem for the channel that made it, whether or not the channel agrees. A deletion counts only when the
/// deleted post is the originator's own (an amplifier deleting its copy says nothing about the origin).
/// Retraction time is measured from the origin post to the first walk-back, denial or deletion event; a status
/// without an event gives no time.
/// </remarks>
public static class TrackRecords
{
    /// <summary>What track records are, for analysts.</summary>
    public const string Description =
        "Counts per source the claims it made, how many were later walked back, denied or deleted, its edits and how fast it retracted; " +
        "it sees only the claims Faultline built, so a source's record is as complete as the archive.";

    /// <summary>One record per source that has a post in <paramref name="posts"/> or a member in <paramref name="claims"/>, by source id.</summary>
    public static IReadOnlyList<TrackRecord> Compute(IReadOnlyList<Claim> claims, IReadOnlyList<AnalysisPost> posts)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(posts);

        var sources = new SortedDictionary<long, Tally>();
        Tally Of(long source) => sources.TryGetValue(source, out var t) ? t : sources[source] = new Tally();

        var sourceOfPost = new Dictionary<long, long>();
        foreach (var p in posts)
        {
            var t = Of(p.SourceId);
            t.Posts++;
            t.Handle ??= p.Handle ?? p.SourceTitle;
            sourceOfPost[p.Id] = p.SourceId;
        }
        foreach (var c in claims)
            foreach (var m in c.Members)
                sourceOfPost.TryAdd(m.PostId, m.SourceId);

        foreach (var claim in claims)
        {
            if (claim.Members.Count == 0) continue;
            var origin = claim.Members.FirstOrDefault(m => m.Role == ClaimRole.Origin)
                ?? claim.Members.MinBy(m => m.Published)!;
            var walkedBack = claim.Status == ClaimStatus.WalkedBack || claim.Lifecycle.Any(e => e.Kind == LifecycleEventKind.WalkedBack);
            var denied = claim.Status == ClaimStatus.Denied || claim.Lifecycle.Any(e => e.Kind == LifecycleEventKind.Denied);

            foreach (var source in claim.Members.Select(m => m.SourceId).Distinct())
            {
                var t = Of(source);
                t.Claims++;
                foreach (var m in claim.Members.Where(m => m.SourceId == source)) t.MemberPosts.Add(m.PostId);
                if (source != origin.SourceId && claim.Members.Any(m => m.SourceId == source && m.Role == ClaimRole.Amplify))
                {
                    t.Amplified++;
                    if (walkedBack || denied) t.AmplifiedBad++;
                }
            }

            foreach (var e in claim.Lifecycle.Where(e => e.Kind == LifecycleEventKind.Edited))
                if (sourceOfPost.TryGetValue(e.PostId, out var s))
                {
                    var t = Of(s);
                    t.Edits++;
                    t.EditedPosts.Add(e.PostId);
                }

            var originator = Of(origin.SourceId);
            originator.Originated++;
            var deleted = (claim.Status == ClaimStatus.Deleted)
                || claim.Lifecycle.Any(e => e.Kind == LifecycleEventKind.Deleted && sourceOfPost.TryGetValue(e.PostId, out var s) && s == origin.SourceId);
            if (walkedBack) originator.WalkedBack++;
            if (denied) originator.Denied++;
            if (deleted) originator.Deleted++;
            if (walkedBack || denied || deleted) originator.Problems++;
            var first = claim.Lifecycle
                .Where(e => e.Kind is LifecycleEventKind.WalkedBack or LifecycleEventKind.Denied
                    || (e.Kind == LifecycleEventKind.Deleted && sourceOfPost.TryGetValue(e.PostId, out var s) && s == origin.SourceId))
                .Select(e => (DateTimeOffset?)e.Time).Min();
            if (first is { } when && when >= origin.Published) originator.Retractions.Add(when - origin.Published);
        }

        return sources.Select(kv =>
        {
            var t = kv.Value;
            t.Retractions.Sort();
            return new TrackRecord(kv.Key, t.Handle, t.Claims, t.Originated, t.WalkedBack, t.Denied, t.Deleted, t.Problems,
                t.Posts > 0 ? t.Posts : t.MemberPosts.Count, t.MemberPosts.Count, t.EditedPosts.Count, t.Edits, t.Retractions.ToArray(),
                t.Amplified, t.AmplifiedBad);
        }).ToList();
    }

    private sealed class Tally
    {
        public string? Handle;
        public int Posts, Claims, Originated, WalkedBack, Denied, Deleted, Problems, Edits, Amplified, AmplifiedBad;
        public readonly HashSet<long> MemberPosts = [];
        public readonly HashSet<long> EditedPosts = [];
        public readonly List<TimeSpan> Retractions = [];
    }
}
