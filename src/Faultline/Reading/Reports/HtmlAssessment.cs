using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using Faultline.Reading.Articles;
using Entity = Faultline.Model.Entity;

namespace Faultline.Reading.Reports;

/// <summary>Splits an HTML assessment page into blocks and reads its page-level facts.</summary>
internal static class HtmlAssessment
{
    private static readonly HashSet<string> LeafCandidates = new(StringComparer.OrdinalIgnoreCase)
    {
        "li", "div", "td", "dd", "dt", "blockquote", "section", "article", "center",
    };

    /// <summary>Reads the page into an assessment document.</summary>
    public static AssessmentDocument Read(HtmlPage page)
    {
        var canonical = page.CanonicalUrl();
        var document = new AssessmentDocument
        {
            Title = page.Meta("og:title", "citation_title", "dc.title") ?? page.JsonLdString("headline")
                ?? FirstHeading(page) ?? HtmlPage.Clean(page.Document.Title),
            Publisher = page.Meta("og:site_name", "publisher", "citation_publisher", "dc.publisher", "article:publisher")
                ?? page.JsonLdString("publisher.name") ?? page.JsonLdString("publisher"),
            DateText = page.Meta("article:published_time", "citation_publication_date", "citation_date", "date", "dc.date",
                           "dc.date.issued", "dcterms.created")
                ?? page.JsonLdString("datePublished")
                ?? HtmlPage.Clean(page.Document.QuerySelector("time[datetime]")?.GetAttribute("datetime")),
            Url = canonical?.AbsoluteUri,
        };
        // Publisher metas sometimes carry a profile URL rather than a name.
        if (document.Publisher?.StartsWith("http", StringComparison.OrdinalIgnoreCase) == true) document.Publisher = null;
        var body = page.Document.Body;
        if (body is not null) Collect(page, body, canonical, document.Blocks);
        return document;
    }

    private static string? FirstHeading(HtmlPage page)
    {
        var h1 = page.Document.QuerySelector("h1");
        return h1 is null ? null : HtmlPage.Clean(BlockText.Flat(h1, PageNoise.IsNoise));
    }

    private static void Collect(HtmlPage page, IElement body, Uri? baseUri, List<AssessmentBlock> into)
    {
        var elements = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element != body && PageNoise.IsNoise(element)) continue;
            elements.Add(element);
            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling) stack.Push(child);
        }
        var holdsBlocks = new HashSet<IElement>();
        for (int i = elements.Count - 1; i >= 0; i--)
        {
            var parent = elements[i].ParentElement;
            if (parent is not null && (BlockText.IsBlock(elements[i]) || holdsBlocks.Contains(elements[i]))) holdsBlocks.Add(parent);
        }

        // Second walk in document order; a block taken whole is not descended into.
        stack.Push(body);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element != body && PageNoise.IsNoise(element)) continue;
            var name = element.LocalName;
            if (name == "hr")
            {
                into.Add(new AssessmentBlock(BlockKind.Rule, "", Raw(page, element), Position(element)) { Element = element });
                continue;
            }
            bool heading = name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";
            bool paragraph = name is "p" or "pre" || (LeafCandidates.Contains(name) && !holdsBlocks.Contains(element));
            if (heading || paragraph)
            {
                var (text, links) = Text(element, baseUri);
                heading |= IsBoldLine(element, text);
                if (text.Length > 0)
                    into.Add(new AssessmentBlock(heading ? BlockKind.Heading : BlockKind.Paragraph, text, Raw(page, element), Position(element))
                    {
                        Links = links,
                        Element = element,
                    });
                continue;
            }
            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling) stack.Push(child);
        }
    }

    /// <summary>"&lt;p&gt;&lt;strong&gt;Key Takeaways&lt;/strong&gt;&lt;/p&gt;": a heading in all but name.</summary>
    private static bool IsBoldLine(IElement element, string text)
    {
        if (text.Length is 0 or > 100 || element.Children.Length != 1) return false;
        var only = element.Children[0];
        return only.LocalName is "strong" or "b" && HtmlPage.CollapseSpaces(only.TextContent) == text;
    }

    private static (string Text, List<Entity> Links) Text(IElement element, Uri? baseUri)
    {
        var text = new StringBuilder();
        var links = new List<Entity>();
        foreach (var block in BlockText.Blocks(element, PageNoise.IsNoise, baseUri))
        {
            if (text.Length > 0) text.Append('\n');
            int offset = text.Length;
            text.Append(block.Text);
            links.AddRange(block.Links.Select(l => l with { Offset = l.Offset + offset }));
        }
        return (text.ToString(), links);
    }

    private static string Position(IElement element)
    {
        var at = element.SourceReference?.Position;
        return at is null ? "item" : $"line {at.Value.Line.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The element's markup exactly as in the file: from its start tag to its matching end tag. Where the end
    /// tag was left implicit (legal for &lt;p&gt; and &lt;li&gt;), the parser's re-serialisation is used instead.
    /// </summary>
    private static string Raw(HtmlPage page, IElement element)
    {
        var source = page.Source;
        var at = element.SourceReference?.Position;
        if (at is null) return element.OuterHtml;
        int start = at.Value.Index;
        if (start < 0 || start >= source.Length || source[start] != '<') return element.OuterHtml;
        var name = element.LocalName;
        if (name is "hr" or "br") return source[start..(source.IndexOf('>', start) is var gt and >= 0 ? gt + 1 : source.Length)];
        int depth = 0, i = start;
        // The end tag must come before whatever element follows in the file: that bounds the search.
        int limit = Math.Min(source.Length, start + 1_000_000);
        int climbed = 0;
        for (var x = element; x is not null && climbed < 64; x = x.ParentElement, climbed++)
        {
            if (x.NextElementSibling?.SourceReference?.Position is not { } next) continue;
            if (next.Index > start) limit = Math.Min(limit, next.Index);
            break;
        }
        while (i < limit)
        {
            int lt = source.IndexOf('<', i, limit - i);
            if (lt < 0) break;
            bool closing = lt + 1 < limit && source[lt + 1] == '/';
            int nameStart = lt + (closing ? 2 : 1);
            if (nameStart + name.Length <= limit
                && string.Compare(source, nameStart, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (nameStart + name.Length == source.Length || !char.IsAsciiLetterOrDigit(source[nameStart + name.Length])))
            {
                // A second <p> inside a <p> means the first was closed implicitly: no verbatim end to find.
                if (!closing && depth > 0 && name == "p") return element.OuterHtml;
                if (!closing) depth++;
                else if (--depth == 0)
                {
                    int gt = source.IndexOf('>', nameStart);
                    return gt < 0 ? element.OuterHtml : source[start..(gt + 1)];
                }
            }
            i = lt + 1;
        }
        return element.OuterHtml;
    }
}
