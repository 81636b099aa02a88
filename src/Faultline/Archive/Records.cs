using Faultline.Model;
using Faultline.Text;

namespace Faultline.Archive;

/// <summary>What an import is about to read.</summary>
public sealed record ImportStart(string File, string FileHash, long FileSize, string Format, DateTimeOffset Started);

/// <summary>The outcome of adding one post.</summary>
public enum PostOutcome
{
    /// <summary>Not in the archive before.</summary>
    New,
    /// <summary>Known, and its text changed: a new version was recorded.</summary>
    Updated,
    /// <summary>Known with the same text.</summary>
    Unchanged,
}

/// <summary>A post with what the archive derives from it, computed before the single writer takes over.</summary>
public sealed record PreparedPost(Post Post, Language Language, string ContentHash, string IndexTerms, IReadOnlyList<Entity> Entities, IReadOnlyList<LinkTarget> Links);

/// <summary>A link found in a post, resolved to a host and, for t.me post links, to channel and post.</summary>
public sealed record LinkTarget(string Url, string Host, string? TelegramHandle, long? TelegramPostId);

/// <summary>One import of one file.</summary>
public sealed record ImportRecord(long Id, string File, string FileHash, string Format, DateTimeOffset Started, DateTimeOffset? Finished, string Status)
{
    /// <summary>Posts new to the archive.</summary>
    public int New { get; init; }
    /// <summary>Posts whose text changed (a new version).</summary>
    public int Updated { get; init; }
    /// <summary>Posts seen again unchanged.</summary>
    public int Unchanged { get; init; }
    /// <summary>Posts tombstoned because this complete export lacked them.</summary>
    public int Deleted { get; init; }
    /// <summary>Service events read.</summary>
    public int Events { get; init; }
    /// <summary>Non-fatal findings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The sources and spans this import covers.</summary>
    public IReadOnlyList<ImportCoverage> Coverage { get; init; } = [];
}

/// <summary>Which source and date span an import covers, and whether completely.</summary>
public sealed record ImportCoverage(string SourceKey, CoverageKind Kind, DateTimeOffset? From, DateTimeOffset? To, int Posts);

/// <summary>A source with its totals.</summary>
public sealed record SourceSummary(long Id, SourceInfo Info, int Posts, int Deleted, int Edited, DateTimeOffset? First, DateTimeOffset? Last);

/// <summary>A post as archived, current version.</summary>
public sealed record StoredPost(long Id, SourceInfo Source, Post Post, string Language, string ContentHash)
{
    /// <summary>Canonical URL: https://t.me/&lt;handle&gt;/&lt;id&gt; for Telegram posts with a known handle, else the item's URL.</summary>
    public string? CanonicalUrl { get; init; }
    /// <summary>How many distinct texts were seen.</summary>
    public int VersionCount { get; init; }
    /// <summary>First time an import saw it.</summary>
    public DateTimeOffset FirstSeen { get; init; }
    /// <summary>Last time an import saw it.</summary>
    public DateTimeOffset LastSeen { get; init; }
    /// <summary>When a complete export first lacked it (the tombstone), with its last-seen time.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>One distinct text of a post.</summary>
public sealed record StoredVersion(int Sequence, string ContentHash, string Text, string? Title, DateTimeOffset? Edited, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long FirstImport, long LastImport, string Raw);

/// <summary>Engagement counters observed at a time.</summary>
public sealed record MetricSnapshot(DateTimeOffset Observed, long ImportId, Metrics Metrics);

/// <summary>A stored service event.</summary>
public sealed record StoredEvent(string SourceKey, SourceEvent Event);

/// <summary>A full-text query with filters.</summary>
public sealed record SearchQuery(string Text)
{
    /// <summary>Earliest publication time.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Latest publication time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }
    /// <summary>Source handle, key, id or title.</summary>
    public string? Source { get; init; }
    /// <summary>Language code: ru, uk, en, other.</summary>
    public string? Language { get; init; }
    /// <summary>Posts linking to this channel (handle, @handle, t.me/handle) or URL/host.</summary>
    public string? LinksTo { get; init; }
    /// <summary>How many results to return.</summary>
    public int Limit { get; init; } = 20;
    /// <summary>Include tombstoned posts.</summary>
    public bool IncludeDeleted { get; init; } = true;
}

/// <summary>Search results.</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Ranked, bool Capped);

/// <summary>One ranked hit with a snippet.</summary>
public sealed record SearchHit(StoredPost Post, double Score, Snippet Snippet);

/// <summary>An excerpt with the matching words marked as (offset, length) ranges into <see cref="Text"/>.</summary>
public sealed record Snippet(string Text, IReadOnlyList<(int Offset, int Length)> Highlights);

/// <summary>Archive-wide totals.</summary>
public sealed record ArchiveTotals(int Sources, int Posts, int Versions, int Deleted, int Events, int Imports, IReadOnlyDictionary<string, int> PostsByLanguage, IReadOnlyDictionary<string, int> PostsByKind);
