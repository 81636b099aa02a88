using System.Text;
using AngleSharp.Dom;
using Faultline.Model;
using Entity = Faultline.Model.Entity;

namespace Faultline.Reading.Articles;

/// <summary>One block of visible text (a paragraph, heading, list item …) with its links.</summary>
/// <param name="Text">Plain text, whitespace collapsed (line breaks from &lt;br&gt; kept).</param>
/// <param name="Links">TextLink entities with offsets into <paramref name="Text"/>.</param>
/// <param name="LinkChars">How many characters of the text sit inside links (for link density).</param>
/// <param name="Tag">The tag of the block element the text began in ("p", "h2", "li" …).</param>
internal sealed record TextBlock(string Text, IReadOnlyList<Entity> Links, int LinkChars, string Tag)
{
    /// <summary>Share of the text that is link text.</summary>
    public double LinkDensity => Text.Length == 0 ? 0 : (double)LinkChars / Text.Length;
}

/// <summary>
/// Turns an element's subtree into blocks of visible text. Only text nodes become text: attributes,
/// scripts and other furniture never do. Walks with an explicit stack so that hostile nesting cannot
/// overflow the call stack.
/// </summary>
internal static class BlockText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "body", "center",
    };

    /// <summary>True for tags that start a new block of text.</summary>
    public static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName);

    /// <summary>The blocks of text under <paramref name="root"/>, in document order.</summary>
    /// <param name="root">Where to start.</param>
    /// <param name="skip">Subtrees to leave out entirely.</param>
    /// <param name="baseUri">Resolves relative link targets; null keeps them as written.</param>
    public static List<TextBlock> Blocks(IElement root, Func<IElement, bool> skip, Uri? baseUri)
    {
        var blocks = new List<TextBlock>();
        var builder = new Builder(baseUri);
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IElement element)
            {
                bool block = IsBlock(element);
                if (exit)
                {
                    if (element.LocalName == "a") builder.EndLink();
                    if (element.LocalName == "pre") builder.PreDepth--;
                    if (block)
                    {
                        builder.Flush(blocks);
                        builder.Tags.Pop();
                    }
                    continue;
                }
                if (element != root && skip(element)) continue;
                if (element.LocalName == "br") { builder.Break(); continue; }
                if (block)
                {
                    builder.Flush(blocks);
                    builder.Tags.Push(element.LocalName);
                }
                if (element.LocalName == "a") builder.StartLink(element.GetAttribute("href"));
                if (element.LocalName == "pre") builder.PreDepth++;
                stack.Push((element, true));
                for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
                    stack.Push((child, false));
            }
            else if (node.NodeType == NodeType.Text)
            {
                builder.Append(node.TextContent);
            }
        }
        builder.Flush(blocks);
        return blocks;
    }

    /// <summary>All text under an element as one string (blocks joined by a space).</summary>
    public static string Flat(IElement root, Func<IElement, bool> skip) =>
        string.Join(" ", Blocks(root, skip, null).Select(b => b.Text));

    /// <summary>
    /// A link target fit to keep: http(s), mailto or relative (resolved when a base is known). Script and
    /// data URLs are dropped, after removing the tabs and newlines browsers ignore inside URLs.
    /// </summary>
    public static string? SafeHref(string? href, Uri? baseUri)
    {
        if (href is null) return null;
        var compact = new string(href.Where(c => !char.IsControl(c) && c != ' ').ToArray());
        if (compact.Length == 0 || compact.Length > 4096 || compact.StartsWith('#')) return null;
        int colon = compact.IndexOf(':');
        int slash = compact.IndexOfAny(['/', '?', '#']);
        bool hasScheme = colon > 0 && (slash < 0 || colon < slash);
        if (hasScheme)
        {
            var scheme = compact[..colon].ToLowerInvariant();
            if (scheme is not ("http" or "https" or "mailto")) return null;
            return Uri.TryCreate(compact, UriKind.Absolute, out var abs) ? abs.OriginalString : null;
        }
        if (baseUri is not null && Uri.TryCreate(baseUri, compact, out var resolved)
            && (resolved.Scheme == Uri.UriSchemeHttp || resolved.Scheme == Uri.UriSchemeHttps))
            return resolved.AbsoluteUri;
        return compact;
    }

    private sealed class Builder(Uri? baseUri)
    {
        private readonly StringBuilder _text = new();
        private readonly List<Entity> _links = [];
        private bool _pendingSpace;
        private string? _href;
        private int _linkStart = -1;
        private bool _inLink;
        private int _linkChars;
        private string? _firstTag;

        public int PreDepth { get; set; }
        public Stack<string> Tags { get; } = new();
        private string Tag => Tags.Count > 0 ? Tags.Peek() : "body";

        public void Append(string text)
        {
            foreach (var c in text)
            {
                if (PreDepth == 0 && char.IsWhiteSpace(c))
                {
                    _pendingSpace = true;
                    continue;
                }
                if (c == '\r') continue;
                if (_text.Length == 0) _firstTag = Tag;
                if (_pendingSpace && _text.Length > 0 && _text[^1] != '\n') _text.Append(' ');
                _pendingSpace = false;
                if (_inLink && _linkStart < 0) _linkStart = _text.Length;
                _text.Append(c);
                if (_inLink) _linkChars++;
            }
        }

        public void Break()
        {
            if (_text.Length == 0) return;
            _text.Append('\n');
            _pendingSpace = false;
        }

        public void StartLink(string? href)
        {
            EndLink();
            _inLink = true;
            _href = SafeHref(href, baseUri);
            _linkStart = -1;
        }

        public void EndLink()
        {
            if (!_inLink) return;
            if (_href is not null && _linkStart >= 0 && _text.Length > _linkStart)
                _links.Add(new Entity(EntityKind.TextLink, _linkStart, _text.Length - _linkStart, _href));
            _inLink = false;
            _href = null;
            _linkStart = -1;
        }

        public void Flush(List<TextBlock> into)
        {
            bool reopen = _inLink;
            var href = _href;
            EndLink();
            // Trailing line breaks from <br> at the end of a block carry nothing.
            int end = _text.Length;
            while (end > 0 && char.IsWhiteSpace(_text[end - 1])) end--;
            if (end > 0)
            {
                var text = _text.ToString(0, end);
                var links = _links
                    .Where(l => l.Offset < end)
                    .Select(l => l.Offset + l.Length > end ? l with { Length = end - l.Offset } : l)
                    .ToList();
                into.Add(new TextBlock(text, links, Math.Min(_linkChars, end), _firstTag ?? Tag));
            }
            _text.Clear();
            _links.Clear();
            _linkChars = 0;
            _pendingSpace = false;
            _firstTag = null;
            if (reopen)
            {
                _inLink = true;
                _href = href;
            }
        }
    }
}
