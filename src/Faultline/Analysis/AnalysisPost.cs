using Faultline.Archive;
using Faultline.Model;

namespace Faultline.Analysis;

/// <summary>
/// A post as analysis stages see it: the current version's text with the facts stages need, keyed by the
/// archive's post id. Loaded once per run and shared read-only by every stage.
/// </summary>
public sealed record AnalysisPost(long Id, long SourceId, string NativeId, DateTimeOffset Published, string Text, string Language)
{
    /// <summary>The source's public handle, when known.</summary>
    public string? Handle { get; init; }
    /// <summary>The source's title.</summary>
    public string? SourceTitle { get; init; }
    /// <summary>Links in the post, resolved (t.me links carry channel handle and post id).</summary>
    public IReadOnlyList<LinkTarget> Links { get; init; } = [];
    /// <summary>Explicit forward origin, as the format gave it.</summary>
    public ForwardOrigin? ForwardedFrom { get; init; }
    /// <summary>Latest known view count.</summary>
    public long? Views { get; init; }
    /// <summary>True when a later complete export lacked the post (tombstone).</summary>
    public bool Deleted { get; init; }
}

/// <summary>How one post relates to an earlier one.</summary>
public enum EdgeKind
{
    /// <summary>An explicit Telegram forward.</summary>
    Forward,
    /// <summary>A near-duplicate copy: Jaccard of word 3-gram shingles at or above the threshold.</summary>
    Copy,
    /// <summary>A rewrite of the same story, found by the looser echo stage; Score is its similarity.</summary>
    Echo,
    /// <summary>A link to the earlier post (t.me/&lt;handle&gt;/&lt;id&gt;).</summary>
    Cites,
    /// <summary>An attribution phrase naming the earlier post's channel ("пишет @x", "як повідомляє", "source:").</summary>
    Attribution,
}

/// <summary>
/// A directed relation between two archived posts, from the earlier (the source of the content) to the later.
/// Score: Jaccard for copies, similarity for echoes, 1 for explicit relations.
/// </summary>
public sealed record PostEdge(long Earlier, long Later, EdgeKind Kind, double Score);
