namespace Faultline.Analysis.Cascades;

/// <summary>A set of edge kinds (the kinds that tie a cascade together).</summary>
[Flags]
internal enum EdgeKindSet
{
    /// <summary>No kind.</summary>
    None = 0,
    /// <summary><see cref="EdgeKind.Forward"/>.</summary>
    Forward = 1 << EdgeKind.Forward,
    /// <summary><see cref="EdgeKind.Copy"/>.</summary>
    Copy = 1 << EdgeKind.Copy,
    /// <summary><see cref="EdgeKind.Echo"/>.</summary>
    Echo = 1 << EdgeKind.Echo,
    /// <summary><see cref="EdgeKind.Cites"/>.</summary>
    Cites = 1 << EdgeKind.Cites,
    /// <summary><see cref="EdgeKind.Attribution"/>.</summary>
    Attribution = 1 << EdgeKind.Attribution,
}

/// <summary>Conversions between <see cref="EdgeKind"/> and <see cref="EdgeKindSet"/>.</summary>
internal static class EdgeKindSets
{
    /// <summary>The set holding one kind.</summary>
    public static EdgeKindSet Of(EdgeKind kind) => (EdgeKindSet)(1 << (int)kind);

    /// <summary>The kinds in the set, in enum order.</summary>
    public static IReadOnlyList<EdgeKind> Kinds(this EdgeKindSet set)
        => Enum.GetValues<EdgeKind>().Where(k => (set & Of(k)) != 0).ToArray();
}

/// <summary>Why a member was given its parent.</summary>
internal enum ParentReason
{
    /// <summary>The member is the cascade's origin: it has no parent.</summary>
    Origin,
    /// <summary>The member is an explicit forward of the parent (a Forward edge from a member).</summary>
    Forward,
    /// <summary>The parent's channel is the one this member's channel took content from most often before.</summary>
    Habit,
    /// <summary>No better evidence: the parent is the cascade's origin.</summary>
    Fallback,
}

/// <summary>
/// One post of a cascade (a struct: a million members cost no million objects). Lags are zero for the origin;
/// the parent is null only for the origin.
/// </summary>
internal readonly record struct CascadeMember(
    long PostId,
    long SourceId,
    DateTimeOffset Published,
    long? ParentPostId,
    long? ParentSourceId,
    ParentReason Reason,
    TimeSpan LagBehindParent,
    TimeSpan LagBehindOrigin,
    long? Views);

/// <summary>
/// Posts that spread the same content, earliest first. <see cref="Id"/> is the origin's post id, so it stays
/// stable as long as the origin does (a later import that finds an even earlier copy changes it).
/// </summary>
internal sealed record Cascade(long Id, IReadOnlyList<CascadeMember> Members)
{
    /// <summary>The earliest member.</summary>
    public CascadeMember Origin => Members[0];
    /// <summary>Number of posts.</summary>
    public int Size => Members.Count;
    /// <summary>Number of distinct channels (sources) among the members.</summary>
    public int Channels { get; init; }
    /// <summary>Time from the origin until at least half of the members had posted (member number ⌈0.5·Size⌉).</summary>
    public TimeSpan TimeTo50 { get; init; }
    /// <summary>Time from the origin until at least 90% of the members had posted (member number ⌈0.9·Size⌉).</summary>
    public TimeSpan TimeTo90 { get; init; }
    /// <summary>Time from the origin to the last member.</summary>
    public TimeSpan Duration { get; init; }
    /// <summary>Sum of the members' view counts where known (0 when none is known).</summary>
    public long Reach { get; init; }
    /// <summary>How many members had a view count.</summary>
    public int MembersWithViews { get; init; }
    /// <summary>The kinds of the admitted edges that run between two members.</summary>
    public EdgeKindSet Kinds { get; init; }
    /// <summary>Number of admitted edges that run between two members.</summary>
    public int Edges { get; init; }
}
