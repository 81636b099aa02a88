using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Faultline.Model;
using Entity = Faultline.Model.Entity;

namespace Faultline.Reading.Feeds;

/// <summary>Plain text cut from an HTML fragment, with its links as spans of that text.</summary>
internal sealed record PlainText(string Text, IReadOnlyList<Entity> Links);

/// <summary>
/// Turns the HTML of a feed item (description, content:encoded, Atom html/xhtml content) into plain text:
/// entities decoded, tags dropped, runs of whitespace collapsed, block elements on their own lines, scripts
/// and styles removed. Each &lt;a href&gt; becomes a <see cref="EntityKind.TextLink"/> whose offsets count
/// UTF-16 code units of the returned text; relative hrefs are resolved against the item's URL when it is absolute.
/// </summary>
internal static class FeedHtml
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly HashSet<string> Paragraphs =
        ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "pre", "figure", "hr", "dl"];

    private static readonly HashSet<string> Lines =
        ["div", "li", "tr", "dd", "dt", "section", "article", "header", "footer", "figcaption", "aside", "nav", "address", "caption"];

    private static readonly HashSet<string> Dropped = ["script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math"];

    /// <summary>Extracts plain text and links from an HTML fragment.</summary>
    public static PlainText ToPlainText(string html, string? baseUrl = null)
    {
        // Without markup, HTML still means that line breaks are mere whitespace.
        if (html.AsSpan().IndexOfAny('<', '&') < 0) return new(Collapse(html.ReplaceLineEndings(" ")), []);
        IElement? body;
        lock (Parser)
        {
            // HtmlParser is not documented as thread-safe; feeds are small, so serialising is cheap.
            body = Parser.ParseDocument(html).Body;
        }
        if (body is null) return new(Collapse(html), []);
        var writer = new Writer(BaseUri(baseUrl));
        writer.Walk(body);
        return writer.Finish();
    }

    /// <summary>Collapses whitespace of plain text (Atom type="text", JSON content_text) and trims it.</summary>
    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Replace("\r\n", "\n"))
        {
            if (c == '\n') { TrimEndSpaces(sb); sb.Append('\n'); space = false; continue; }
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0 && sb[^1] != '\n'; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        string result = sb.ToString().Trim();
        while (result.Contains("\n\n\n", StringComparison.Ordinal)) result = result.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        return result;
    }

    /// <summary>True when the reference starts with a URI scheme ("https:", "mailto:"); "/path" does not.</summary>
    public static bool HasScheme(string reference)
    {
        int colon = reference.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(reference[0])) return false;
        for (int i = 1; i < colon; i++)
        {
            char c = reference[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return true;
    }

    private static Uri? BaseUri(string? url)
        => url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static void TrimEndSpaces(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }

    private sealed class Writer(Uri? baseUri)
    {
        private readonly StringBuilder _sb = new();
        private readonly List<Entity> _links = [];
        private bool _pendingSpace;

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        AppendText(text.Data);
                        break;
                    case IElement element:
                        Element(element);
                        break;
                }
            }
        }

        public PlainText Finish()
        {
            TrimEndSpaces(_sb);
            while (_sb.Length > 0 && _sb[^1] == '\n') _sb.Length--;
            string text = _sb.ToString();
            var links = _links.Where(l => l.Offset + l.Length <= text.Length).ToList();
            return new(text, links);
        }

        private void Element(IElement element)
        {
            string name = element.LocalName;
            if (Dropped.Contains(name)) return;
            if (name == "br") { Break(1); return; }
            bool paragraph = Paragraphs.Contains(name), line = Lines.Contains(name);
            if (paragraph) Break(2);
            else if (line) Break(1);
            if (name == "a" && element.GetAttribute("href") is { } href && Resolve(href) is { } target)
            {
                int start = _sb.Length;
                Walk(element);
                while (start < _sb.Length && char.IsWhiteSpace(_sb[start])) start++;
                int end = _sb.Length;
                while (end > start && _sb[end - 1] == ' ') end--;
                if (end > start) _links.Add(new Entity(EntityKind.TextLink, start, end - start, target));
            }
            else
            {
                Walk(element);
            }
            if (paragraph) Break(2);
            else if (line) Break(1);
        }

        private string? Resolve(string href)
        {
            href = href.Trim();
            if (href.Length == 0 || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
            if (HasScheme(href)) return href;
            if (baseUri is not null && Uri.TryCreate(baseUri, href, out var resolved)) return resolved.ToString();
            return href;
        }

        private void AppendText(string data)
        {
            foreach (char c in data)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = _sb.Length > 0 && _sb[^1] != '\n';
                    continue;
                }
                if (_pendingSpace) _sb.Append(' ');
                _pendingSpace = false;
                _sb.Append(c);
            }
        }

        private void Break(int newlines)
        {
            _pendingSpace = false;
            TrimEndSpaces(_sb);
            if (_sb.Length == 0) return;
            int have = 0;
            for (int i = _sb.Length - 1; i >= 0 && _sb[i] == '\n'; i--) have++;
            for (; have < newlines; have++) _sb.Append('\n');
        }
    }
}
