using System.Globalization;
using System.Text.RegularExpressions;
using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Archive;

namespace Faultline.Assessment.Sections;

/// <summary>
/// One lifecycle event as the claim sections tell it: the time it is dated by and the archived version it rests on
/// (read from the archive only when a sentence cites it).
/// </summary>
/// <param name="Event">The claims stage's event.</param>
/// <param name="Time">When it happened as far as the archive can tell (see <see cref="ClaimEvidence"/>).</param>
/// <param name="SourceId">The source of the event's post.</param>
/// <param name="Member">The post's membership in the claim, when it is a member.</param>
/// <param name="ByEdit">The event came with a later version of the post (an edit that changed what the post does).</param>
/// <param name="Versions">The version that shows the event (for an edit: the new one) and, for an edit, the one before it.</param>
internal sealed record StoryEvent(LifecycleEvent Event, DateTimeOffset Time, long SourceId, ClaimMember? Member, bool ByEdit,
    Lazy<(StoredVersion Version, StoredVersion? Previous)> Versions)
{
    public LifecycleEventKind Kind => Event.Kind;

    public long PostId => Event.PostId;

    /// <summary>The version of the post that shows the event.</summary>
    public StoredVersion Version => Versions.Value.Version;

    /// <summary>For an edit: the version before it.</summary>
    public StoredVersion? Previous => Versions.Value.Previous;

    /// <summary>The evidence the classifier gave for the member's role ("cue «…»; anchor: relation forward").</summary>
    public IReadOnlyList<string> Evidence => Member?.Evidence ?? [];

    /// <summary>A mock is stored as a Reported event with a "mocked" summary.</summary>
    public bool IsMock => Kind == LifecycleEventKind.Reported && (Member?.Role == ClaimRole.Mock || Event.Summary.StartsWith("mocked", StringComparison.Ordinal));
}

/// <summary>A claim as it stood at a moment: the members published and the events dated before it.</summary>
internal sealed record ClaimStory(Claim Claim, ClaimMember Origin, IReadOnlyList<ClaimMember> Members, IReadOnlyList<StoryEvent> Events)
{
    public long Originator => Origin.SourceId;

    public StoryEvent? Made => Events.FirstOrDefault(e => e.Kind == LifecycleEventKind.Made);
}

/// <summary>
/// Reads what the claim sections need about claims, once per section build: member posts (in one batch), post versions,
/// and each lifecycle event's date and cited version.
/// </summary>
/// <remarks>
/// <para>Dating. The claims stage dates an edit (and a role an edit brought, such as "UPD: списков больше нет") by the
/// time an import first saw the new version, which for an export read long after the fact is the day of the import.
/// When the platform's own edit mark of that version is known (Telegram exports carry <c>edited</c>), the event is dated
/// by the mark instead, so that a report for the day of the edit finds it. A deletion keeps the stage's date, which is
/// a lower bound (the last version's first sighting, or the publication): exports do not say when a post vanished.</para>
/// <para>Citing. A post cited more than once is cited at its latest version whenever the quoted words are in it, so
/// that its endnote is one version; words that only an older version holds (what an edit removed, what a post said
/// before it was edited away) are cited at that version.</para>
/// </remarks>
internal sealed partial class ClaimEvidence
{
    private readonly ReportContext _context;
    private readonly Dictionary<long, AnalysisPost> _posts = [];
    private readonly Dictionary<long, IReadOnlyList<StoredVersion>> _versions = [];
    private readonly Dictionary<long, IReadOnlyList<StoryEvent>> _events = [];

    [GeneratedRegex(@"\(version (\d+)\)")]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"relation ([a-z, ]+)")]
    private static partial Regex Relations();

    /// <summary>Loads the member posts of <paramref name="claims"/> in one query.</summary>
    public ClaimEvidence(ReportContext context, IEnumerable<Claim> claims)
    {
        _context = context;
        var ids = claims.SelectMany(c => c.Members.Select(m => m.PostId).Concat(c.Lifecycle.Select(e => e.PostId))).Distinct().ToList();
        foreach (var p in context.Archive.AnalysisPostsById(ids)) _posts[p.Id] = p;
    }

    /// <summary>The report's context.</summary>
    public ReportContext Context => _context;

    /// <summary>A claim's post, or null when the archive no longer has it.</summary>
    public AnalysisPost? Post(long id)
    {
        if (_posts.TryGetValue(id, out var p)) return p;
        var loaded = _context.Post(id);
        if (loaded is not null) _posts[id] = loaded;
        return loaded;
    }

    /// <summary>Every distinct version of a post, oldest first.</summary>
    public IReadOnlyList<StoredVersion> Versions(long postId)
    {
        if (!_versions.TryGetValue(postId, out var v)) _versions[postId] = v = _context.Archive.Versions(postId);
        return v;
    }

    /// <summary>How prose names a source.</summary>
    public string Name(long sourceId) => _context.SourceName(sourceId);

    /// <summary>The claim as it stood at <paramref name="until"/> (exclusive): members published and events dated before it.</summary>
    public ClaimStory Story(Claim claim, DateTimeOffset until)
    {
        var members = claim.Members.Where(m => m.Published < until).ToList();
        var origin = claim.Members.FirstOrDefault(m => m.Role == ClaimRole.Origin) ?? claim.Members.MinBy(m => m.Published)!;
        var events = Events(claim).Where(e => e.Time < until).ToList();
        return new ClaimStory(claim, origin, members, events);
    }

    /// <summary>The claim's events with their dates and cited versions, in time order (stable).</summary>
    public IReadOnlyList<StoryEvent> Events(Claim claim)
    {
        if (_events.TryGetValue(claim.Id, out var cached)) return cached;
        var members = Members(claim);
        var edited = EditedPosts(claim);
        var list = new List<StoryEvent>();
        foreach (var e in claim.Lifecycle)
        {
            members.TryGetValue(e.PostId, out var member);
            if (Post(e.PostId) is not { } post) continue;
            // Only an edited post needs its versions to be dated; the others are read when a sentence cites them.
            var (time, k, byEdit) = edited.Contains(e.PostId) && Versions(e.PostId) is { Count: > 0 } known ? Date(e, member, known, true) : (e.Time, -1, false);
            var postId = e.PostId;
            list.Add(new StoryEvent(e, time, member?.SourceId ?? post.SourceId, member, byEdit, new(() =>
            {
                var versions = Versions(postId);
                var at = k < 0 || k >= versions.Count ? versions.Count - 1 : k;
                return (versions[at], byEdit && at > 0 ? versions[at - 1] : null);
            })));
        }
        IReadOnlyList<StoryEvent> ordered = [.. list.Select((e, i) => (e, i)).OrderBy(x => x.e.Time).ThenBy(x => x.i).Select(x => x.e)];
        _events[claim.Id] = ordered;
        return ordered;
    }

    /// <summary>
    /// The claim as it stood at <paramref name="until"/> (exclusive), for track records: members published and events
    /// dated before it, with the status they give. Reads versions only of posts the claim says were edited, so it is
    /// cheap enough for a source's whole history.
    /// </summary>
    public Claim AsOf(Claim claim, DateTimeOffset until)
    {
        var members = Members(claim);
        var edited = EditedPosts(claim);
        var events = new List<LifecycleEvent>();
        foreach (var e in claim.Lifecycle)
        {
            var time = e.Time;
            if (edited.Contains(e.PostId) && Versions(e.PostId) is { Count: > 0 } versions)
                time = Date(e, members.GetValueOrDefault(e.PostId), versions, true).Time;
            if (time < until) events.Add(e with { Time = time });
        }
        var kept = claim.Members.Where(m => m.Published < until).ToList();
        var origin = claim.Members.FirstOrDefault(m => m.Role == ClaimRole.Origin) ?? claim.Members.MinBy(m => m.Published);
        var last = events.OrderBy(e => e.Time).LastOrDefault(e => e.Kind is LifecycleEventKind.Denied or LifecycleEventKind.WalkedBack);
        var status = origin is not null && events.Any(e => e.Kind == LifecycleEventKind.Deleted && e.PostId == origin.PostId) ? ClaimStatus.Deleted
            : last is not null ? (last.Kind == LifecycleEventKind.Denied ? ClaimStatus.Denied : ClaimStatus.WalkedBack)
            : events.Any(e => e.Kind == LifecycleEventKind.Amplified) ? ClaimStatus.Amplified : ClaimStatus.Made;
        return claim with { Members = kept, Lifecycle = [.. events.OrderBy(e => e.Time)], Status = status };
    }

    private static Dictionary<long, ClaimMember> Members(Claim claim) => claim.Members.GroupBy(m => m.PostId).ToDictionary(g => g.Key, g => g.First());

    private static HashSet<long> EditedPosts(Claim claim) => claim.Lifecycle.Where(e => e.Kind == LifecycleEventKind.Edited).Select(e => e.PostId).ToHashSet();

    /// <summary>An event's date and the index of the version that shows it; <c>ByEdit</c> when a later version brought it.</summary>
    private static (DateTimeOffset Time, int Version, bool ByEdit) Date(LifecycleEvent e, ClaimMember? member, IReadOnlyList<StoredVersion> versions, bool postEdited)
    {
        if (e.Kind == LifecycleEventKind.Edited)
        {
            var seq = VersionNumber().Match(e.Summary) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
            var k = IndexOf(versions, v => v.Sequence == seq);
            if (k < 0) k = LastIndexOf(versions, v => Appeared(v) == e.Time || v.FirstSeen == e.Time);
            if (k < 0) k = versions.Count - 1;
            return (EditTime(versions[k], e.Time, member), k, true);
        }
        if (e.Kind == LifecycleEventKind.Deleted) return (e.Time, versions.Count - 1, false);
        // A role an edit brought is emitted at the new version's first sighting.
        var later = postEdited && member is not null && e.Time != member.Published ? LastIndexOf(versions, v => Appeared(v) == e.Time || v.FirstSeen == e.Time) : -1;
        if (later > 0) return (EditTime(versions[later], e.Time, member), later, true);
        var current = LastIndexOf(versions, v => Appeared(v) <= e.Time);
        return (e.Time, Math.Max(0, current), false);
    }

    /// <summary>When a version appeared, as the claims stage dates it: the export's edit mark, else the first sighting.</summary>
    private static DateTimeOffset Appeared(StoredVersion v) => v.Edited ?? v.FirstSeen;

    private static int IndexOf(IReadOnlyList<StoredVersion> versions, Func<StoredVersion, bool> match)
    {
        for (var i = 0; i < versions.Count; i++) if (match(versions[i])) return i;
        return -1;
    }

    private static int LastIndexOf(IReadOnlyList<StoredVersion> versions, Func<StoredVersion, bool> match)
    {
        for (var i = versions.Count - 1; i >= 0; i--) if (match(versions[i])) return i;
        return -1;
    }

    /// <summary>The platform's edit mark of a version when it is plausible (after publication, not after the sighting), else the sighting.</summary>
    private static DateTimeOffset EditTime(StoredVersion version, DateTimeOffset seen, ClaimMember? member)
        => version.Edited is { } mark && mark <= seen && (member is null || mark >= member.Published) ? mark : seen;

    /// <summary>
    /// A citation of the words <paramref name="quote"/> of a post: at the latest version when it holds them, else at
    /// <paramref name="from"/>; with no excerpt when neither does (the builder then quotes the opening words).
    /// </summary>
    public Citation Cite(long postId, StoredVersion from, ClaimExcerpts.Quote? quote)
    {
        var versions = Versions(postId);
        var latest = versions.Count > 0 ? versions[^1] : from;
        if (quote is not { } q) return new Citation(postId, from.ContentHash, ClaimExcerpts.Opening(from.Text)?.Text);
        if (latest.Text.Contains(q.Text, StringComparison.Ordinal)) return new Citation(postId, latest.ContentHash, q.Text);
        if (from.Text.Contains(q.Text, StringComparison.Ordinal)) return new Citation(postId, from.ContentHash, q.Text);
        return new Citation(postId, from.ContentHash, null);
    }

    /// <summary>The sentence of an event's version that carries most of the claim's key stems.</summary>
    public ClaimExcerpts.Quote? Lead(Claim claim, StoryEvent e, int max = ClaimExcerpts.MaxLength)
        => ClaimExcerpts.Lead(e.Version.Text, claim.KeyTerms, Post(e.PostId)?.Language ?? claim.Language, max);

    /// <summary>The sentence with the cue that decided the member's role, else the lead sentence.</summary>
    public ClaimExcerpts.Quote? CueOrLead(Claim claim, StoryEvent e, int max = ClaimExcerpts.MaxLength)
        => ClaimExcerpts.AroundCue(e.Version.Text, e.Evidence, max) ?? Lead(claim, e, max);

    /// <summary>A citation of an event's post quoting the lead sentence.</summary>
    public Citation CiteLead(Claim claim, StoryEvent e) => Cite(e.PostId, e.Version, Lead(claim, e));

    /// <summary>A citation of an event's post quoting the cue sentence.</summary>
    public Citation CiteCue(Claim claim, StoryEvent e) => Cite(e.PostId, e.Version, CueOrLead(claim, e));

    /// <summary>How a member spread the claim, from the relation the classifier saw: "forwarded", "copied", "rewrote", "linked to", or null.</summary>
    public static string? SpreadVerb(StoryEvent e)
    {
        foreach (var line in e.Evidence)
        {
            if (line.Contains("restates the claim", StringComparison.Ordinal)) return "restated";
            if (Relations().Match(line) is not { Success: true } m) continue;
            var kinds = m.Groups[1].Value;
            if (kinds.Contains("forward", StringComparison.Ordinal)) return "forwarded";
            if (kinds.Contains("copy", StringComparison.Ordinal)) return "copied";
            if (kinds.Contains("echo", StringComparison.Ordinal)) return "rewrote";
            if (kinds.Contains("cites", StringComparison.Ordinal)) return "linked to";
        }
        return null;
    }

    /// <summary>The member quoted a denial to dismiss it ("опровергли, но …").</summary>
    public static bool DismissesDenial(StoryEvent e) => e.Evidence.Any(l => l.Contains("quoted and dismissed", StringComparison.Ordinal));
}
