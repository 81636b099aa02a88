using Faultline.Model;

namespace Faultline.Reading.Feeds;

/// <summary>The dialect a feed was written in (shown in warnings and docs).</summary>
internal enum FeedFlavour
{
    /// <summary>RSS 0.9x or 2.0 (root &lt;rss&gt;).</summary>
    Rss,
    /// <summary>RSS 1.0 / 0.90 (root &lt;rdf:RDF&gt;).</summary>
    Rdf,
    /// <summary>Atom 1.0 or 0.3 (root &lt;feed&gt;).</summary>
    Atom,
    /// <summary>JSON Feed 1.0 / 1.1.</summary>
    Json,
}

/// <summary>A piece of an item's body as the feed gave it.</summary>
/// <param name="Field">Element or key name ("content:encoded", "description", "summary", "content_html").</param>
/// <param name="Content">The content: HTML or plain text.</param>
/// <param name="IsHtml">Whether <paramref name="Content"/> is HTML.</param>
internal sealed record FeedBody(string Field, string Content, bool IsHtml);

/// <summary>A date field as the feed gave it.</summary>
internal sealed record FeedDate(string Field, string Text);

/// <summary>Channel-level facts of a feed, format-neutral.</summary>
internal sealed class FeedChannel
{
    public required FeedFlavour Flavour { get; init; }
    public string? Title { get; set; }
    public bool TitleIsHtml { get; set; }
    public string? Link { get; set; }
    public string? SelfLink { get; set; }
    public string? Id { get; set; }
    public string? Author { get; set; }
    public List<FeedDate> Dates { get; } = [];
}

/// <summary>One item/entry, format-neutral, before it becomes a <see cref="Post"/>.</summary>
internal sealed class FeedEntry
{
    public required int Number { get; init; }
    public required string Raw { get; init; }
    /// <summary>Name of the id field in this format: "guid", "id".</summary>
    public required string IdField { get; init; }
    /// <summary>Name of the date field in this format: "pubDate", "published", "date_published".</summary>
    public required string DateField { get; init; }
    /// <summary>Name of the main body field in this format: "description", "content", "content_html".</summary>
    public required string BodyField { get; init; }
    public string? Id { get; set; }
    /// <summary>RSS guid isPermaLink: the guid doubles as the URL unless it says false.</summary>
    public bool IdIsPermaLink { get; set; }
    public string? Link { get; set; }
    public string? Title { get; set; }
    public bool TitleIsHtml { get; set; }
    public string? Author { get; set; }
    /// <summary>Publication dates in order of preference.</summary>
    public List<FeedDate> Published { get; } = [];
    /// <summary>Last-modified dates (Atom updated, JSON date_modified).</summary>
    public List<FeedDate> Updated { get; } = [];
    public List<FeedBody> Bodies { get; } = [];
    public List<MediaRef> Media { get; } = [];
}

/// <summary>A parsed feed: its channel and entries, not yet mapped to posts.</summary>
internal sealed record FeedDocument(FeedChannel Channel, IReadOnlyList<FeedEntry> Entries);
