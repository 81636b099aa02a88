using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Faultline.Model;
using Faultline.Reading.Articles;

namespace Faultline.Reading.Reports;

/// <summary>
/// Reads a think-tank assessment with endnotes (HTML or Markdown, in the style of ISW's daily reports):
/// each body paragraph becomes a post whose citations are the URLs of the endnotes it marks.
/// </summary>
internal sealed partial class AssessmentReader : IFormatReader
{
    /// <inheritdoc />
    public string Format => "assessment";

    /// <inheritdoc />
    public string Description =>
        "Reads a think-tank assessment with [n] endnotes (HTML or Markdown): each paragraph becomes a post citing the de-obfuscated URLs of its endnotes, t.me links resolved to channel and post; tables, images and maps are left out.";

    /// <inheritdoc />
    public int Detect(FileSniff sniff) => !LooksLikeFeed(sniff.Text) && LooksLikeAssessment(sniff.Text) ? 97 : 0;

    /// <summary>A feed whose items happen to carry "[n]" markers and links is still a feed.</summary>
    internal static bool LooksLikeFeed(string head)
    {
        var start = head.AsSpan(0, Math.Min(head.Length, 4096));
        if (start.Contains("<html", StringComparison.OrdinalIgnoreCase)) return false;
        return start.Contains("<rss", StringComparison.Ordinal) || start.Contains("<feed", StringComparison.Ordinal)
               || start.Contains("<rdf:RDF", StringComparison.Ordinal) || start.Contains("jsonfeed.org/version", StringComparison.Ordinal);
    }

    /// <summary>Body text with "[n]" markers and an endnote line "[n] url…" in the same head.</summary>
    internal static bool LooksLikeAssessment(string head)
    {
        var text = head.Replace("\\[", "[", StringComparison.Ordinal).Replace("\\]", "]", StringComparison.Ordinal);
        if (!BodyMarkerPattern().IsMatch(text)) return false;
        foreach (Match m in NoteLinePattern().Matches(text))
        {
            var rest = text.AsSpan(m.Index + m.Length, Math.Min(400, text.Length - m.Index - m.Length)).ToString();
            rest = TagPattern().Replace(rest, " ");
            int eol = rest.IndexOf('\n');
            if (Endnotes.Urls(eol < 0 ? rest : rest[..eol]).Count > 0) return true;
        }
        return false;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var bytes = await TextFile.ReadBytesAsync(input, cancellationToken).ConfigureAwait(false);
        var head = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        AssessmentDocument document;
        if (head.StartsWith('<') && !head.StartsWith("<!--", StringComparison.Ordinal) || head.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase))
        {
            var source = TextFile.DecodeHtml(bytes);
            var page = await HtmlPage.ParseAsync(source, context, cancellationToken).ConfigureAwait(false);
            document = HtmlAssessment.Read(page);
        }
        else
        {
            document = MarkdownAssessment.Read(TextFile.DecodeStrict(bytes));
        }
        var fileName = Path.GetFileName(context.FilePath);
        var (info, posts) = document.ToPosts(fileName, context);
        if (posts.Count == 0) throw new InputException("end of file", "no assessment paragraphs found");
        yield return new SourceStarted(info, CoverageKind.Partial);
        foreach (var post in posts) yield return new PostRead(post);
    }

    [GeneratedRegex(@"[\p{L}\p{N}\.\)""”»’'!?,;:]\s?(?:<[^>\n]{0,120}>){0,4}\[\d{1,4}\]")]
    private static partial Regex BodyMarkerPattern();

    [GeneratedRegex(@"(?:^|>)[ \t]*(?:[-*][ \t]+)?\[\d{1,4}\](?!:)", RegexOptions.Multiline)]
    private static partial Regex NoteLinePattern();

    [GeneratedRegex(@"<[^>\n]{0,300}>")]
    private static partial Regex TagPattern();
}
