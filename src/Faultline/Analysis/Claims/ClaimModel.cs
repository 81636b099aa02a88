namespace Faultline.Analysis.Claims;

/// <summary>What a post does with a claim.</summary>
public enum ClaimRole
{
    /// <summary>The first post that makes the claim.</summary>
    Origin,
    /// <summary>Spreads it: forward, copy or rewrite, in the author's own voice.</summary>
    Amplify,
    /// <summary>A third party attributes it ("X claims that …") without endorsing it.</summary>
    Report,
    /// <summary>Another actor confirms it.</summary>
    Confirm,
    /// <summary>Another actor rejects it ("не соответствует действительности", "це фейк").</summary>
    Deny,
    /// <summary>The originator or an amplifier retracts or softens it ("списков больше нет", "UPD", "retracted").</summary>
    WalkBack,
    /// <summary>Ridicules it.</summary>
    Mock,
}

/// <summary>The kinds of event in a claim's life.</summary>
public enum LifecycleEventKind
{
    /// <summary>The origin post.</summary>
    Made,
    /// <summary>Another post spread it (with running counts and reach).</summary>
    Amplified,
    /// <summary>A third party reported it.</summary>
    Reported,
    /// <summary>Someone confirmed it.</summary>
    Confirmed,
    /// <summary>Someone denied it.</summary>
    Denied,
    /// <summary>The originator or an amplifier walked it back.</summary>
    WalkedBack,
    /// <summary>A later version of a member post changed or removed the claim (with the diff).</summary>
    Edited,
    /// <summary>A member post vanished from a later complete export (tombstone).</summary>
    Deleted,
    /// <summary>The claim came back after a quiet spell or after a denial or walk-back.</summary>
    Resurfaced,
}

/// <summary>Where a claim stands now.</summary>
public enum ClaimStatus
{
    /// <summary>Made, not yet spread.</summary>
    Made,
    /// <summary>Spread by others.</summary>
    Amplified,
    /// <summary>Denied by another actor.</summary>
    Denied,
    /// <summary>Walked back by its originator or an amplifier.</summary>
    WalkedBack,
    /// <summary>Its origin post was deleted.</summary>
    Deleted,
}

/// <summary>One post of a claim, with its role and the cues or relations that decided it.</summary>
public sealed record ClaimMember(long PostId, long SourceId, DateTimeOffset Published, ClaimRole Role)
{
    /// <summary>Why: the cue words, the relation to another member, or "origin".</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}

/// <summary>One event in a claim's life, anchored to the post that shows it.</summary>
public sealed record LifecycleEvent(LifecycleEventKind Kind, DateTimeOffset Time, long PostId, string Summary)
{
    /// <summary>For amplification: how many posts had spread it by then.</summary>
    public int? RunningCount { get; init; }
    /// <summary>For amplification: the views of those posts where known.</summary>
    public long? RunningReach { get; init; }
    /// <summary>For edits: the word diff, "[-removed-]{+added+}".</summary>
    public string? Diff { get; init; }
}

/// <summary>A proposition that circulates: its members, its most central sentence as title, and its history.</summary>
public sealed record Claim(long Id, string Title, string Language, IReadOnlyList<ClaimMember> Members, IReadOnlyList<LifecycleEvent> Lifecycle, ClaimStatus Status)
{
    /// <summary>Key terms (stems or words) that define it.</summary>
    public IReadOnlyList<string> KeyTerms { get; init; } = [];
    /// <summary>Actor ids it is about.</summary>
    public IReadOnlyList<string> Actors { get; init; } = [];
}

/// <summary>What the role classifier knows about a claim when it looks at a candidate post.</summary>
/// <param name="Origin">The claim's origin post.</param>
/// <param name="Members">Members accepted so far, oldest first (the origin included).</param>
/// <param name="KeyTerms">The claim's key stems.</param>
/// <param name="Actors">Actor ids the claim is about.</param>
/// <param name="Relations">How the candidate relates to members: edge kinds from a member to it (forward, copy, echo, cites, attribution).</param>
/// <param name="FromOriginator">The candidate comes from the origin's channel.</param>
/// <param name="FromAmplifier">The candidate comes from a channel that already amplified the claim.</param>
public sealed record ClaimContext(AnalysisPost Origin, IReadOnlyList<AnalysisPost> Members, IReadOnlyList<string> KeyTerms, IReadOnlyList<string> Actors,
    IReadOnlyList<EdgeKind> Relations, bool FromOriginator, bool FromAmplifier)
{
    /// <summary>
    /// The candidate post as the claim builder has already read it, or null: a classifier then reads the post itself.
    /// A post is offered to several claims, so reading it once saves normalising and stemming it for each.
    /// </summary>
    public PostReading? Reading { get; init; }
}

/// <summary>A post's text as read for analysis.</summary>
/// <param name="Normalized">The text as <see cref="Text.TextNormalizer.Normalize"/> gives it.</param>
/// <param name="Stems">The distinct stems of its words (every word, in the post's language), in ordinal order.</param>
public sealed record PostReading(string Normalized, IReadOnlyList<string> Stems);

/// <summary>A role call for a candidate post; a null role means the post is not part of the claim.</summary>
public sealed record RoleCall(ClaimRole? Role, IReadOnlyList<string> Evidence);

/// <summary>Decides the role of a candidate post in a claim from its cues and its relation to the claim.</summary>
public interface IRoleClassifier
{
    /// <summary>The role of <paramref name="post"/> in the claim, with the cues that decided it, or a null role.</summary>
    RoleCall Classify(AnalysisPost post, ClaimContext context);
}
