namespace Faultline.Assessment;

/// <summary>
/// A written assessment, format-neutral: sections of blocks whose sentences carry citations to archived posts, and the
/// endnotes those citations resolve to. Sections build it; the writers in Writing/ render it as Markdown, HTML, JSON
/// or PDF (the split Markdig makes between parsing and rendering).
/// </summary>
/// <param name="Title">"Russian information space assessment, October 15, 2022".</param>
/// <param name="From">Start of the period (inclusive, UTC).</param>
/// <param name="To">End of the period (exclusive, UTC).</param>
/// <param name="Generated">When it was written.</param>
/// <param name="Takeaways">Key takeaways, most significant first; each is one cited sentence.</param>
/// <param name="Sections">The body, in the order of the section plug-ins.</param>
/// <param name="Endnotes">One per distinct cited post, numbered in order of first use (takeaways first, then the body).</param>
public sealed record AssessmentDocument(string Title, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Generated,
    IReadOnlyList<Sentence> Takeaways, IReadOnlyList<SectionContent> Sections, IReadOnlyList<Endnote> Endnotes)
{
    /// <summary>The archive it was written from (a file name, never a secret).</summary>
    public string? ArchiveName { get; init; }

    /// <summary>Statements about coverage and method (what was read, what could not be checked); not assertions.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One section as written.</summary>
/// <param name="Id">The section plug-in's stable id ("claims", "walk-backs", "fractures" …).</param>
/// <param name="Heading">The heading shown to readers.</param>
/// <param name="Blocks">Its content.</param>
public sealed record SectionContent(string Id, string Heading, IReadOnlyList<Block> Blocks);

/// <summary>A unit of section content. Writers switch over the concrete kinds.</summary>
public abstract record Block;

/// <summary>
/// A paragraph of assertions: every sentence in it must carry at least one citation (<c>report --check</c> enforces it).
/// </summary>
public sealed record Paragraph(IReadOnlyList<Sentence> Sentences) : Block;

/// <summary>
/// Faultline's own statement about the report (coverage, method, "nothing of this kind in the period"): it asserts
/// nothing about the world, needs no citation, and writers mark it as a note so the checker can tell it apart.
/// </summary>
public sealed record Note(string Text) : Block;

/// <summary>A bulleted list of cited sentences (the lifecycle of a claim, event by event).</summary>
public sealed record BulletList(IReadOnlyList<Sentence> Items) : Block;

/// <summary>A table; cells may carry citations. Tables hold figures computed from the archive, so they are not checked sentence by sentence.</summary>
public sealed record Table(string? Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<Sentence>> Rows) : Block;

/// <summary>A chart as an SVG document (rendered inline in HTML; Markdown shows the caption and the alt text).</summary>
/// <param name="Caption">What it shows.</param>
/// <param name="Svg">The <c>&lt;svg …&gt;…&lt;/svg&gt;</c> element, self-contained (no external fonts or images).</param>
/// <param name="AltText">A one-line text equivalent.</param>
public sealed record Chart(string Caption, string Svg, string AltText) : Block;

/// <summary>
/// One sentence and the posts it rests on. The text never holds the markers: writers append "[n]" for each citation,
/// in order, before the final punctuation mark.
/// </summary>
/// <param name="Text">The sentence, ending with its punctuation mark.</param>
/// <param name="Citations">The posts behind it; empty only inside tables.</param>
public sealed record Sentence(string Text, IReadOnlyList<Citation> Citations)
{
    /// <summary>A sentence with citations.</summary>
    public static Sentence Of(string text, params Citation[] citations) => new(text, citations);
}

/// <summary>A citation of one archived post version, with the words quoted from it.</summary>
/// <param name="PostId">The archive's post id.</param>
/// <param name="ContentHash">The content hash of the version cited (null: the current version).</param>
/// <param name="Excerpt">Words quoted from that version, verbatim (null: the builder takes the opening words).</param>
public sealed record Citation(long PostId, string? ContentHash = null, string? Excerpt = null);

/// <summary>One endnote: everything a reader needs to find and verify the cited post.</summary>
/// <param name="Number">1-based, in order of first use.</param>
/// <param name="PostId">The archive's post id.</param>
/// <param name="Channel">The channel's title (or the source's name).</param>
/// <param name="Handle">The channel's public handle, when known.</param>
/// <param name="Published">Publication time, UTC.</param>
/// <param name="Url">https://t.me/&lt;handle&gt;/&lt;id&gt;, or the item's URL; null when the source has neither.</param>
/// <param name="VersionHash">The first 12 hex digits of the cited version's content hash.</param>
/// <param name="Excerpt">A verbatim excerpt of the cited version, original language.</param>
/// <param name="Language">ru, uk, en or other.</param>
public sealed record Endnote(int Number, long PostId, string Channel, string? Handle, DateTimeOffset Published, string? Url, string VersionHash, string Excerpt, string Language)
{
    /// <summary>The native id within the source ("4107").</summary>
    public string NativeId { get; init; } = "";
    /// <summary>When a later complete export lacked the post: the archived copy is all that is left.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
    /// <summary>How many distinct versions the archive holds (more than one: edited).</summary>
    public int Versions { get; init; } = 1;
}
