using System.Globalization;
using System.Text.RegularExpressions;
using Faultline.Model;
using Faultline.Reading.Articles;

namespace Faultline.Reading.Reports;

/// <summary>What a block of an assessment is.</summary>
internal enum BlockKind
{
    /// <summary>A paragraph or a list item.</summary>
    Paragraph,
    /// <summary>A heading.</summary>
    Heading,
    /// <summary>A horizontal rule.</summary>
    Rule,
}

/// <summary>One block of an assessment as its HTML or Markdown reader found it.</summary>
/// <param name="Kind">Paragraph, heading or rule.</param>
/// <param name="Text">Plain text; endnote markers kept verbatim.</param>
/// <param name="Raw">The block exactly as it stood in the file.</param>
/// <param name="Position">Where it starts ("line 12").</param>
internal sealed record AssessmentBlock(BlockKind Kind, string Text, string Raw, string Position)
{
    /// <summary>Text links inside the block (HTML only).</summary>
    public IReadOnlyList<Entity> Links { get; init; } = [];

    /// <summary>The HTML element of the block (HTML only; used to narrow the body to the report's own column).</summary>
    public AngleSharp.Dom.IElement? Element { get; init; }
}

/// <summary>
/// An assessment split into blocks plus its page-level facts, turned into posts the same way whether it
/// came from HTML or Markdown: blocks before the endnotes section are the body, the section gives the URLs.
/// </summary>
internal sealed partial class AssessmentDocument
{
    /// <summary>Report headline.</summary>
    public string? Title { get; set; }
    /// <summary>Publication time as the file states it, when it does.</summary>
    public string? DateText { get; set; }
    /// <summary>Publisher (think tank) name.</summary>
    public string? Publisher { get; set; }
    /// <summary>The report's own URL.</summary>
    public string? Url { get; set; }
    /// <summary>Every block in document order.</summary>
    public List<AssessmentBlock> Blocks { get; } = [];

    private static readonly HashSet<string> SectionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "endnotes", "notes", "sources", "references", "citations", "footnotes", "end notes",
    };

    /// <summary>Builds the source and the paragraph posts.</summary>
    public (SourceInfo Source, List<Post> Posts) ToPosts(string fileName, ReadContext context)
    {
        int sectionStart = EndnotesStart();
        var notes = sectionStart < 0
            ? new Dictionary<int, List<string>>()
            : Endnotes.Split(string.Join("\n", Blocks.Skip(sectionStart).Where(b => b.Kind == BlockKind.Paragraph).Select(b => b.Text)));
        if (sectionStart < 0) context.Warn("end of file", "no endnotes section found; paragraphs carry no citations");
        var body = Blocks.Take(sectionStart < 0 ? Blocks.Count : sectionStart).Where(b => b.Kind == BlockKind.Paragraph).ToList();

        var (published, dateMissing, dateBlock) = Published(body);
        body = NarrowToReport(body.Where(b => b != dateBlock && b.Text != Title && !IsSectionName(b.Text)).ToList(), notes);

        var missing = new List<string>();
        if (Title is null) missing.Add("title");
        missing.AddRange(dateMissing);
        if (Publisher is null) missing.Add("publisher");

        var source = new SourceInfo(SourceKind.Assessment, "assessment:" + (Publisher ?? fileName).ToLowerInvariant())
        {
            Title = Publisher ?? fileName,
            Url = Uri.TryCreate(Url, UriKind.Absolute, out var home) ? home.GetLeftPart(UriPartial.Authority) + "/" : null,
        };
        // Paragraph ids must be unique per publisher across reports, not just within one file: the archive
        // identifies a post by (source, native id), and a think tank publishes a report every day.
        var report = Url ?? (published is { } day ? day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : fileName);
        var posts = new List<Post>();
        foreach (var block in body)
        {
            var citations = new List<Citation>();
            foreach (var marker in Endnotes.Markers(block.Text))
            {
                if (!notes.TryGetValue(marker, out var urls))
                {
                    if (sectionStart >= 0) context.Warn(block.Position, $"endnote [{marker}] is not in the endnotes");
                    continue;
                }
                citations.AddRange(urls.Select(url => Endnotes.Cite(marker, url)));
            }
            posts.Add(new Post
            {
                NativeId = report + "#p" + (posts.Count + 1).ToString(CultureInfo.InvariantCulture),
                Published = published ?? ArticleReader.UnknownTime,
                Title = Title,
                Url = Url,
                Text = block.Text,
                Raw = block.Raw,
                Entities = block.Links,
                Citations = citations,
                Missing = missing,
            });
        }
        return (source, posts);
    }

    /// <summary>
    /// Index of the first block of the endnotes section: a heading (or a lone line) named Endnotes/Notes/Sources,
    /// or a rule followed by "[n] url" lines, or else the first "[n] url" block after the body.
    /// </summary>
    private int EndnotesStart()
    {
        for (int i = 0; i < Blocks.Count; i++)
        {
            var block = Blocks[i];
            bool named = block.Kind != BlockKind.Rule && IsSectionName(block.Text);
            bool rule = block.Kind == BlockKind.Rule;
            if ((named || rule) && NextParagraphIsNote(i + 1)) return i + 1;
        }
        for (int i = 0; i < Blocks.Count; i++)
            if (Blocks[i].Kind == BlockKind.Paragraph && Endnotes.IsNoteLine(Blocks[i].Text)) return i;
        return -1;
    }

    private bool NextParagraphIsNote(int from)
    {
        for (int i = from; i < Blocks.Count && i < from + 4; i++)
        {
            if (Blocks[i].Kind != BlockKind.Paragraph) continue;
            return Endnotes.IsNoteLine(Blocks[i].Text);
        }
        return false;
    }

    private static bool IsSectionName(string text)
    {
        var name = text.Trim().Trim('*', '_', ':', ' ').Trim();
        return SectionNames.Contains(name);
    }

    /// <summary>The report date: from page metadata, else a "October 15, 2022" line near the top.</summary>
    private (DateTimeOffset? Value, List<string> Missing, AssessmentBlock? Line) Published(List<AssessmentBlock> body)
    {
        if (DateText is not null && HtmlPage.TryParseDate(DateText, out var stated, out var hadOffset))
            return (stated, IsDateOnly(DateText) ? ["published time"] : hadOffset ? [] : ["published time zone"], DateLine(body, out _));
        var line = DateLine(body, out var date);
        if (line is not null) return (date, ["published time"], line);
        return (null, ["published"], null);
    }

    private static bool IsDateOnly(string text) => text.Trim().Length <= 10;

    private static AssessmentBlock? DateLine(List<AssessmentBlock> body, out DateTimeOffset date)
    {
        date = default;
        foreach (var block in body.Take(8))
        {
            if (block.Text.Length > 120 || Endnotes.Markers(block.Text).Count > 0) continue;
            var m = MonthDatePattern().Match(block.Text);
            if (!m.Success) continue;
            var text = $"{m.Groups["month"].Value[..3]} {m.Groups["day"].Value} {m.Groups["year"].Value}";
            if (DateTime.TryParseExact(text, "MMM d yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                date = new DateTimeOffset(day, TimeSpan.Zero);
                return block;
            }
        }
        return null;
    }

    /// <summary>
    /// For HTML, keeps only paragraphs in the innermost container that holds every paragraph citing a known endnote, so that a page's
    /// own furniture that escaped the noise filter does not become posts.
    /// </summary>
    private static List<AssessmentBlock> NarrowToReport(List<AssessmentBlock> body, Dictionary<int, List<string>> notes)
    {
        AngleSharp.Dom.IElement? common = null;
        int cited = 0;
        foreach (var block in body)
        {
            if (block.Element is null || !Endnotes.Markers(block.Text).Any(notes.ContainsKey)) continue;
            common = cited++ == 0 ? block.Element : CommonAncestor(common!, block.Element);
            if (common is null) return body;
        }
        // One cited paragraph says nothing about where the report's column is.
        if (common is null || cited < 2) return body;
        return body.Where(b => b.Element is null || Ancestors(b.Element).Contains(common)).ToList();
    }

    private static AngleSharp.Dom.IElement? CommonAncestor(AngleSharp.Dom.IElement a, AngleSharp.Dom.IElement b)
    {
        var above = Ancestors(b).ToHashSet();
        for (var x = a; x is not null; x = x.ParentElement)
            if (above.Contains(x)) return x;
        return null;
    }

    private static IEnumerable<AngleSharp.Dom.IElement> Ancestors(AngleSharp.Dom.IElement element)
    {
        for (var x = element; x is not null; x = x.ParentElement) yield return x;
    }

    [GeneratedRegex(@"\b(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?<day>\d{1,2}),?\s+(?<year>(?:19|20)\d\d)\b")]
    private static partial Regex MonthDatePattern();
}
