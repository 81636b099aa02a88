namespace Faultline.Analysis.Claims;

/// <summary>One distinct text of a post, as first seen in an import.</summary>
/// <param name="Sequence">The version's number, 1 for the first.</param>
/// <param name="FirstSeen">When an import first held this text.</param>
/// <param name="Text">The text of that version.</param>
public sealed record PostVersionText(int Sequence, DateTimeOffset FirstSeen, string Text);

/// <summary>What the claim builder reads.</summary>
/// <param name="Posts">The posts to group (any order); <see cref="AnalysisPost.Deleted"/> marks tombstones.</param>
/// <param name="Edges">Relations between posts from [2/5] (forwards, copies, echoes, cites, attributions).</param>
/// <param name="ActorsByPost">Actor ids mentioned by each post ([3/5]); posts without mentions may be absent.</param>
/// <param name="Versions">Each post's distinct texts, oldest first; only posts with more than one version need an entry.</param>
public sealed record ClaimInput(IReadOnlyList<AnalysisPost> Posts, IReadOnlyList<PostEdge> Edges,
    IReadOnlyDictionary<long, IReadOnlyList<string>> ActorsByPost, IReadOnlyDictionary<long, IReadOnlyList<PostVersionText>> Versions)
{
    /// <summary>
    /// How often each key (stem, name, number, link …) occurs in the whole archive, when <see cref="Posts"/> are only the
    /// part of it an incremental run rebuilds: terms are then weighed, and rare ones chosen, as a full rebuild would.
    /// Null: counted over <see cref="Posts"/>.
    /// </summary>
    public IClaimKeyStatistics? Statistics { get; init; }

    /// <summary>Posts among <see cref="Posts"/> that <see cref="Statistics"/> does not count yet: the build counts them in.</summary>
    public IReadOnlySet<long>? NewPosts { get; init; }
}

/// <summary>Key counts over a whole archive, kept by the claims stage between runs.</summary>
public interface IClaimKeyStatistics
{
    /// <summary>How many posts were counted.</summary>
    long Posts { get; }

    /// <summary>In how many posts each of the keys occurs; keys no post has may be left out.</summary>
    IReadOnlyDictionary<string, int> Counts(IReadOnlyCollection<string> keys);
}

/// <summary>Knobs of the claim builder; the defaults suit Telegram news channels.</summary>
public sealed record ClaimOptions
{
    /// <summary>The defaults.</summary>
    public static ClaimOptions Default { get; } = new();

    /// <summary>The longest a cascade seed may span from its first to its last post. Default 3 days (as [2/5]).</summary>
    public TimeSpan CascadeSpan { get; init; } = TimeSpan.FromDays(3);
    /// <summary>Echo edges below this score do not join cascade seeds. Default 0.5 (as [2/5]).</summary>
    public double MinEchoScore { get; init; } = 0.5;
    /// <summary>How long after a claim's origin a merely similar post may still join it. Default 72 h.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(72);
    /// <summary>How long after the origin a post anchored to a member (a t.me link to it, or an edge from it) may join. Default 30 days.</summary>
    public TimeSpan AnchoredWindow { get; init; } = TimeSpan.FromDays(30);
    /// <summary>A quiet spell longer than this before a new amplification makes it a resurfacing. Default 72 h.</summary>
    public TimeSpan ResurfaceGap { get; init; } = TimeSpan.FromHours(72);
    /// <summary>Smallest similarity (idf-weighted stem cosine within a language, plus entity 0.2, number 0.15, link 0.4 and
    /// anchor 1 bonuses) for a post to join. Default 0.35: across languages one actor and one number just pass.</summary>
    public double MinSimilarity { get; init; } = 0.35;
    /// <summary>Fewest shared rare stems for a post in the same language that shares no link with, and has no anchor to, the other. Default 3.</summary>
    public int MinSharedStems { get; init; } = 3;
    /// <summary>A stem, name or actor in more than this share of posts is too common to index. Default 0.002.</summary>
    public double RareShare { get; init; } = 0.002;
    /// <summary>… but a key in at most this many posts is always indexed (small corpora). Default 50.</summary>
    public int RareFloor { get; init; } = 50;
    /// <summary>Smallest claim reported. Default 2 posts.</summary>
    public int MinMembers { get; init; } = 2;
}
