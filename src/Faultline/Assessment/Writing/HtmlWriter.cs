using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Faultline.Assessment.Writing;

/// <summary>
/// One self-contained HTML file: inline CSS with a print stylesheet, charts as inline SVG, no script, no external
/// style sheet, font or image. Markers link to their endnote (<c>#fn-n</c>) and each endnote's number links back to
/// its first use; notes are <c>&lt;p class="note"&gt;</c>.
/// </summary>
public sealed partial class HtmlWriter : IAssessmentWriter
{
    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public string Extension => ".html";

    /// <inheritdoc />
    public void Write(AssessmentDocument document, Stream output, WriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = new UTF8Encoding(false).GetBytes(Render(document, options));
        output.Write(bytes);
    }

    /// <summary>The whole page as one string.</summary>
    public static string Render(AssessmentDocument document, WriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ObfuscateHostile) document = HostileDomains.ObfuscateDocument(document);
        var page = new Page(EndnoteFormat.Numbers(document));
        var sb = page.Html;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"Faultline\">\n")
          .Append("<title>").Append(E(document.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<article>\n");
        sb.Append("<header>\n<h1>").Append(E(document.Title)).Append("</h1>\n");
        sb.Append("<p class=\"note meta\">").Append(E(Header(document))).Append("</p>\n");
        foreach (var note in document.Notes) sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        sb.Append("</header>\n");

        if (document.Takeaways.Count > 0)
        {
            sb.Append("<section id=\"takeaways\">\n<h2>Key takeaways</h2>\n<ul class=\"takeaways\">\n");
            foreach (var t in document.Takeaways) sb.Append("<li>").Append(page.Sentence(t)).Append("</li>\n");
            sb.Append("</ul>\n</section>\n");
        }

        foreach (var section in document.Sections)
        {
            sb.Append("<section id=\"s-").Append(E(section.Id)).Append("\">\n<h2>").Append(E(section.Heading)).Append("</h2>\n");
            foreach (var block in section.Blocks) page.Block(block);
            sb.Append("</section>\n");
        }

        sb.Append("<section id=\"endnotes\">\n<h2>Endnotes</h2>\n");
        if (document.Endnotes.Count == 0) sb.Append("<p class=\"note\">Nothing in this report cites a post.</p>\n");
        foreach (var n in document.Endnotes) sb.Append(Endnote(n, options)).Append('\n');
        sb.Append("</section>\n</article>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Header(AssessmentDocument d)
        => $"Period {EndnoteFormat.Time(d.From)[..^4]} to {EndnoteFormat.Time(d.To)}; written {EndnoteFormat.Time(d.Generated)}"
           + (d.ArchiveName is { } a ? $" from the archive {a}." : ".");

    private static string Endnote(Endnote n, WriterOptions options)
    {
        var number = n.Number.ToString(CultureInfo.InvariantCulture);
        var (where, href) = EndnoteFormat.Where(n, options);
        var sb = new StringBuilder();
        sb.Append("<p class=\"endnote\" id=\"fn-").Append(number).Append("\"><a class=\"back\" href=\"#ref-").Append(number)
          .Append("\" title=\"Back to the text\">[").Append(number).Append("]</a> ")
          .Append(E(EndnoteFormat.Channel(n))).Append(", ").Append(E(EndnoteFormat.Time(n.Published))).Append(", ");
        if (href is null) sb.Append("<span class=\"url\">").Append(E(where)).Append("</span>");
        else sb.Append("<a class=\"url\" href=\"").Append(E(href)).Append("\" rel=\"noopener noreferrer\">").Append(E(where)).Append("</a>");
        sb.Append(", version <code>").Append(E(n.VersionHash)).Append("</code>");
        if (EndnoteFormat.Status(n) is { } status) sb.Append(" (<span class=\"status\">").Append(E(status)).Append("</span>)");
        sb.Append(": «<span class=\"excerpt\"");
        if (n.Language.Length == 2) sb.Append(" lang=\"").Append(E(n.Language)).Append('"');
        sb.Append('>').Append(E(n.Excerpt)).Append("</span>»</p>");
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Body state: which endnotes have had their first reference (the target of the back link).</summary>
    private sealed class Page(IReadOnlyDictionary<long, int> numbers)
    {
        private readonly HashSet<int> _referenced = [];

        public StringBuilder Html { get; } = new(1 << 16);

        public string Sentence(Sentence s)
        {
            var (body, punctuation) = EndnoteFormat.SplitFinalPunctuation(ReportBuilder.NormalizeSpace(s.Text));
            var sb = new StringBuilder("<span class=\"s\">").Append(E(body));
            foreach (var n in EndnoteFormat.Markers(s, numbers))
            {
                var number = n.ToString(CultureInfo.InvariantCulture);
                sb.Append("<sup class=\"ref\"><a href=\"#fn-").Append(number).Append('"');
                if (_referenced.Add(n)) sb.Append(" id=\"ref-").Append(number).Append('"');
                sb.Append(">[").Append(number).Append("]</a></sup>");
            }
            return sb.Append(E(punctuation)).Append("</span>").ToString();
        }

        public void Block(Block block)
        {
            var sb = Html;
            switch (block)
            {
                case Paragraph p:
                    sb.Append("<p>").AppendJoin(' ', p.Sentences.Select(Sentence)).Append("</p>\n");
                    break;
                case BulletList l:
                    sb.Append("<ul>\n");
                    foreach (var s in l.Items) sb.Append("<li>").Append(Sentence(s)).Append("</li>\n");
                    sb.Append("</ul>\n");
                    break;
                case Note n:
                    sb.Append("<p class=\"note\">").Append(E(n.Text)).Append("</p>\n");
                    break;
                case Table t:
                    sb.Append("<table>\n");
                    if (t.Caption is { Length: > 0 } caption) sb.Append("<caption>").Append(E(caption)).Append("</caption>\n");
                    sb.Append("<thead><tr>");
                    foreach (var h in t.Header) sb.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
                    sb.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("<tr>");
                        foreach (var cell in row) sb.Append("<td>").Append(Sentence(cell)).Append("</td>");
                        sb.Append("</tr>\n");
                    }
                    sb.Append("</tbody>\n</table>\n");
                    break;
                case Chart c:
                    sb.Append("<figure class=\"chart\">\n");
                    if (SelfContained(c.Svg))
                        sb.Append("<div class=\"svg\" role=\"img\" aria-label=\"").Append(E(c.AltText)).Append("\">").Append(c.Svg.Trim()).Append("</div>\n");
                    else
                        sb.Append("<p class=\"note\">The chart is not shown: its drawing refers to outside resources. ").Append(E(c.AltText)).Append("</p>\n");
                    sb.Append("<figcaption>").Append(E(c.Caption)).Append("</figcaption>\n</figure>\n");
                    break;
            }
        }
    }

    /// <summary>An SVG element with no script and no reference outside itself (links to #ids are fine).</summary>
    internal static bool SelfContained(string svg)
        => svg.TrimStart().StartsWith("<svg", StringComparison.OrdinalIgnoreCase) && !ExternalReference().IsMatch(svg);

    [GeneratedRegex(@"<\s*(script|foreignObject|iframe|link)\b|(?:href|src)\s*=\s*[""']\s*(?!#|data:)[^""'\s]|url\(\s*[""']?\s*(?!#|data:)[^)""'\s]|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    private const string Css = """
        :root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d6d3cc; --accent: #8a1c1c; --paper: #fffdf8; }
        html { background: var(--paper); color: var(--ink); }
        body { margin: 0; font: 17px/1.6 Georgia, "DejaVu Serif", "Times New Roman", serif; }
        article { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
        h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .75rem; }
        h2 { font: 600 1.15rem/1.3 "DejaVu Sans", Helvetica, Arial, sans-serif; letter-spacing: .02em; text-transform: uppercase;
             color: var(--accent); border-top: 2px solid var(--accent); padding-top: .5rem; margin: 2.25rem 0 .75rem; }
        p { margin: 0 0 .9rem; }
        ul { padding-left: 1.3rem; }
        li { margin-bottom: .45rem; }
        .takeaways li { font-weight: 600; }
        sup.ref { font-size: .7em; line-height: 0; }
        sup.ref a { text-decoration: none; color: var(--accent); }
        .note { color: var(--muted); font-style: italic; border-left: 3px solid var(--rule); padding-left: .75rem; }
        .meta { border-left: none; padding-left: 0; font-size: .9rem; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 1.2rem; font: .9rem/1.4 "DejaVu Sans", Helvetica, Arial, sans-serif; }
        caption { text-align: left; font-style: italic; color: var(--muted); padding-bottom: .3rem; }
        th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { border-bottom: 2px solid var(--ink); }
        figure.chart { margin: 1rem 0 1.5rem; }
        figure.chart svg { max-width: 100%; max-height: 28rem; height: auto; display: block; }
        figcaption { font-size: .9rem; color: var(--muted); font-style: italic; margin-top: .3rem; }
        #endnotes { font-size: .85rem; line-height: 1.45; }
        .endnote { margin: 0 0 .55rem; padding-left: 2.6em; text-indent: -2.6em; overflow-wrap: anywhere; }
        .endnote a.back { text-decoration: none; color: var(--accent); }
        .endnote .excerpt { font-style: italic; }
        .endnote .status { color: var(--accent); }
        :target { background: #fff1c7; }
        @media print {
          @page { size: A4; margin: 18mm 16mm 20mm; }
          html { background: #fff; }
          body { font-size: 10.5pt; }
          article { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; }
          figure, table, .endnote, li { break-inside: avoid; }
          :target { background: none; }
        }

        """;
}
