using System.Xml;
using System.Xml.Linq;
using Faultline.Model;

namespace Faultline.Reading.Feeds;

/// <summary>
/// Reads RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom documents into a <see cref="FeedDocument"/> with
/// <see cref="XmlReader"/>: no DTD processing, no external resolution, so no entity expansion attacks and no
/// network access. Each item is loaded as a small <see cref="XElement"/>; its Raw text is cut from the decoded
/// document between the item's start tag and end tag, using the reader's line positions.
/// </summary>
internal static class XmlFeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private static readonly HashSet<string> ChannelFields =
        ["title", "link", "id", "pubDate", "lastBuildDate", "updated", "date", "modified", "author", "creator"];

    /// <summary>Parses a decoded XML feed. Throws <see cref="InputException"/> for malformed XML or a non-feed root.</summary>
    public static FeedDocument Parse(string original, ReadContext context, CancellationToken cancellationToken)
    {
        var repair = XmlRepair.Apply(original);
        if (repair.HtmlEntities > 0)
            context.Warn("line 1", $"{repair.HtmlEntities} HTML entit{(repair.HtmlEntities == 1 ? "y" : "ies")} (such as &nbsp;) that XML does not declare were read as their characters");
        if (repair.BareAmpersands > 0)
            context.Warn("line 1", $"{repair.BareAmpersands} bare '&' character{(repair.BareAmpersands == 1 ? "" : "s")} not part of an entity were read literally");
        if (repair.ControlCharacters > 0)
            context.Warn("line 1", $"{repair.ControlCharacters} control character{(repair.ControlCharacters == 1 ? "" : "s")} that XML forbids were read as spaces");
        string text = repair.Text;
        var lines = LineStarts(text);
        try
        {
            return Walk(text, original, repair, lines, cancellationToken);
        }
        catch (XmlException e)
        {
            throw new InputException($"line {e.LineNumber}, column {e.LinePosition}", "not well-formed XML: " + Reason(e), e);
        }
    }

    private static FeedDocument Walk(string text, string original, XmlRepair repair, int[] lines, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 1024,
        };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var info = (IXmlLineInfo)reader;
        if (reader.MoveToContent() != XmlNodeType.Element)
            throw new InputException($"line {info.LineNumber}", "no XML root element");
        var flavour = reader.LocalName switch
        {
            "rss" => FeedFlavour.Rss,
            "RDF" => FeedFlavour.Rdf,
            "feed" => FeedFlavour.Atom,
            _ => throw new InputException($"line {info.LineNumber}", $"XML root <{reader.Name}> is not a feed (expected <rss>, <rdf:RDF> or <feed>)"),
        };
        string itemName = flavour == FeedFlavour.Atom ? "entry" : "item";
        var channelElements = new List<XElement>();
        var entries = new List<FeedEntry>();
        var stack = new List<string>();
        if (reader.IsEmptyElement) return new(BuildChannel(flavour, channelElements), entries);
        stack.Add(reader.LocalName);
        bool advance = true;
        while (true)
        {
            if (advance && !reader.Read()) break;
            advance = true;
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                stack.RemoveAt(stack.Count - 1);
                if (stack.Count == 0) break; // root closed: anything after it is ignored
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element) continue;
            cancellationToken.ThrowIfCancellationRequested();
            string name = reader.LocalName;
            if (name == itemName)
            {
                entries.Add(ReadEntry(reader, info, flavour, entries.Count + 1, text, original, repair, lines, out advance));
                continue;
            }
            bool channelChild = stack[^1] == "channel" || stack.Count == 1;
            if (channelChild && ChannelFields.Contains(name))
            {
                channelElements.Add((XElement)XNode.ReadFrom(reader));
                advance = false;
                continue;
            }
            if (!reader.IsEmptyElement) stack.Add(name);
        }
        return new(BuildChannel(flavour, channelElements), entries);
    }

    private static FeedEntry ReadEntry(XmlReader reader, IXmlLineInfo info, FeedFlavour flavour, int number, string text, string original,
        XmlRepair repair, int[] lines, out bool advance)
    {
        int start = StartOfTag(text, Offset(lines, info.LineNumber, info.LinePosition));
        XElement element;
        int end;
        if (reader.IsEmptyElement)
        {
            element = (XElement)XNode.ReadFrom(reader);
            end = EndOfTag(text, start);
            advance = false;
        }
        else
        {
            using (var subtree = reader.ReadSubtree())
            {
                subtree.MoveToContent();
                element = XElement.Load(subtree);
            }
            // The reader now stands on the item's end tag; its position is that of the name after "</".
            end = EndOfTag(text, Offset(lines, info.LineNumber, info.LinePosition));
            advance = true;
        }
        int rawStart = repair.ToOriginal(start), rawEnd = repair.ToOriginal(end);
        string raw = rawStart >= 0 && rawEnd <= original.Length && rawEnd > rawStart
            ? original[rawStart..rawEnd]
            : element.ToString(SaveOptions.DisableFormatting);
        return flavour == FeedFlavour.Atom ? AtomEntry(element, number, raw) : RssEntry(element, number, raw);
    }

    private static FeedEntry RssEntry(XElement item, int number, string raw)
    {
        var entry = new FeedEntry { Number = number, Raw = raw, IdField = "guid", DateField = "pubDate", BodyField = "description" };
        foreach (var child in item.Elements())
        {
            string local = child.Name.LocalName;
            switch (local)
            {
                case "guid":
                    entry.Id ??= NonEmpty(child.Value);
                    entry.IdIsPermaLink = !string.Equals((string?)child.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
                    break;
                case "id" when child.Name.Namespace == Atom:
                    entry.Id ??= NonEmpty(child.Value);
                    break;
                case "link":
                    if (child.Attribute("href") is { } href)
                    {
                        if (IsAlternate(child)) entry.Link ??= NonEmpty(href.Value);
                    }
                    else entry.Link ??= NonEmpty(child.Value);
                    break;
                case "title":
                    entry.Title ??= NonEmpty(child.Value);
                    break;
                case "author" or "creator":
                    entry.Author ??= AuthorOf(child);
                    break;
                case "pubDate" or "date" or "published" or "issued":
                    entry.Published.Add(new(Qualified(child), child.Value));
                    break;
                case "updated" or "modified":
                    entry.Updated.Add(new(Qualified(child), child.Value));
                    break;
                case "encoded":
                    entry.Bodies.Add(new("content:encoded", Markup(child), true));
                    break;
                case "description":
                    entry.Bodies.Add(new("description", Markup(child), true));
                    break;
                case "enclosure":
                    AddMedia(entry, child);
                    break;
                case "content" or "group" or "thumbnail" when child.Name.NamespaceName.Contains("mrss", StringComparison.Ordinal):
                    AddMediaRss(entry, child);
                    break;
            }
        }
        // RSS 1.0 items name themselves in rdf:about.
        if (entry.Id is null && item.Attribute(Rdf + "about") is { } about && NonEmpty(about.Value) is { } aboutValue)
        {
            entry.Id = aboutValue;
            entry.IdIsPermaLink = false;
        }
        return entry;
    }

    private static FeedEntry AtomEntry(XElement item, int number, string raw)
    {
        var entry = new FeedEntry { Number = number, Raw = raw, IdField = "id", DateField = "published", BodyField = "content" };
        foreach (var child in item.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "id":
                    entry.Id ??= NonEmpty(child.Value);
                    break;
                case "link":
                    string? href = NonEmpty((string?)child.Attribute("href"));
                    string rel = ((string?)child.Attribute("rel"))?.Trim() ?? "alternate";
                    if (href is null) break;
                    if (rel is "alternate" or "" && (entry.Link is null || IsHtmlType(child))) entry.Link = href;
                    else if (rel == "enclosure") entry.Media.Add(new MediaRef(KindOf((string?)child.Attribute("type"), null), href, NonEmpty((string?)child.Attribute("type"))));
                    break;
                case "title":
                    if (entry.Title is null)
                    {
                        string title = TextConstruct(child, out bool html);
                        entry.Title = NonEmpty(title);
                        entry.TitleIsHtml = html;
                    }
                    break;
                case "author":
                    entry.Author ??= AuthorOf(child);
                    break;
                case "creator":
                    entry.Author ??= NonEmpty(child.Value);
                    break;
                case "published" or "issued" or "created":
                    entry.Published.Add(new(child.Name.LocalName, child.Value));
                    break;
                case "updated" or "modified":
                    entry.Updated.Add(new(child.Name.LocalName, child.Value));
                    break;
                case "date":
                    entry.Published.Add(new("dc:date", child.Value));
                    break;
                case "content" when child.Name.Namespace != "http://search.yahoo.com/mrss/":
                    if (child.Attribute("src") is null) entry.Bodies.Add(new("content", TextConstruct(child, out bool contentHtml), contentHtml));
                    break;
                case "summary":
                    entry.Bodies.Add(new("summary", TextConstruct(child, out bool summaryHtml), summaryHtml));
                    break;
                case "content" or "group" or "thumbnail":
                    AddMediaRss(entry, child);
                    break;
            }
        }
        return entry;
    }

    private static FeedChannel BuildChannel(FeedFlavour flavour, List<XElement> elements)
    {
        var channel = new FeedChannel { Flavour = flavour };
        foreach (var element in elements)
        {
            switch (element.Name.LocalName)
            {
                case "title":
                    if (channel.Title is null)
                    {
                        string title = TextConstruct(element, out bool html);
                        channel.Title = NonEmpty(title);
                        channel.TitleIsHtml = html;
                    }
                    break;
                case "link":
                    if (element.Attribute("href") is { } href)
                    {
                        string rel = ((string?)element.Attribute("rel"))?.Trim() ?? "alternate";
                        if (rel == "self") channel.SelfLink ??= NonEmpty(href.Value);
                        else if (rel is "alternate" or "") channel.Link ??= NonEmpty(href.Value);
                    }
                    else channel.Link ??= NonEmpty(element.Value);
                    break;
                case "id":
                    channel.Id ??= NonEmpty(element.Value);
                    break;
                case "author" or "creator":
                    channel.Author ??= AuthorOf(element);
                    break;
                default:
                    channel.Dates.Add(new(Qualified(element), element.Value));
                    break;
            }
        }
        return channel;
    }

    // Atom text constructs: type="text" (default), "html" (escaped HTML), "xhtml" (inline XHTML in a div).
    private static string TextConstruct(XElement element, out bool html)
    {
        string type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
        if (type == "xhtml" || (type.Contains("xhtml", StringComparison.Ordinal) && element.HasElements))
        {
            html = true;
            var inner = element.Elements().FirstOrDefault() is { Name.LocalName: "div" } div ? div : element;
            return string.Concat(inner.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        }
        // RSS titles carry no type; Atom 0.3 wrote MIME types such as "text/html". Content with no type at all
        // is text by the spec, but feeds that omit the type usually put HTML there.
        html = type.Contains("html", StringComparison.Ordinal)
               || (element.Attribute("type") is null && element.Name.LocalName is "content" or "summary" && LooksLikeHtml(element.Value));
        return element.Value;
    }

    // Escaped HTML arrives as text; some feeds (Reddit) put unescaped XHTML elements inside the element instead.
    private static string Markup(XElement element)
        => element.HasElements ? string.Concat(element.Nodes().Select(n => n is XText t ? System.Net.WebUtility.HtmlEncode(t.Value) : n.ToString(SaveOptions.DisableFormatting))) : element.Value;

    private static bool LooksLikeHtml(string value)
    {
        foreach (string tag in (string[])["<p>", "<p ", "<div", "<br", "<a href", "<img ", "<span", "<ul>", "<li>", "<h1", "<h2", "<em>", "<strong>", "<b>", "<i>"])
        {
            if (value.Contains(tag, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static string? AuthorOf(XElement element)
    {
        var name = element.Elements().FirstOrDefault(e => e.Name.LocalName == "name");
        if (name is not null) return NonEmpty(name.Value);
        if (element.HasElements) return NonEmpty(element.Elements().FirstOrDefault(e => e.Name.LocalName == "email")?.Value);
        // RSS <author> is "email (Name)" by the spec; keep the name when given that way.
        string? value = NonEmpty(element.Value);
        if (value is not null && value.Contains('@') && value.IndexOf('(') is > 0 and var open && value.EndsWith(')'))
            return NonEmpty(value[(open + 1)..^1]) ?? value;
        return value;
    }

    private static void AddMedia(FeedEntry entry, XElement element)
    {
        string? url = NonEmpty((string?)element.Attribute("url"));
        if (url is null) return;
        string? type = NonEmpty((string?)element.Attribute("type"));
        entry.Media.Add(new MediaRef(KindOf(type, (string?)element.Attribute("medium")), url, type));
    }

    private static void AddMediaRss(FeedEntry entry, XElement element)
    {
        switch (element.Name.LocalName)
        {
            case "group":
                foreach (var child in element.Elements().Where(e => e.Name.LocalName == "content")) AddMedia(entry, child);
                break;
            case "content":
                AddMedia(entry, element);
                break;
            case "thumbnail" when entry.Media.Count == 0 && NonEmpty((string?)element.Attribute("url")) is { } url:
                entry.Media.Add(new MediaRef("image", url));
                break;
        }
    }

    private static string KindOf(string? mime, string? medium)
    {
        string probe = (medium ?? mime ?? "").ToLowerInvariant();
        if (probe.StartsWith("image", StringComparison.Ordinal)) return "image";
        if (probe.StartsWith("video", StringComparison.Ordinal)) return "video";
        if (probe.StartsWith("audio", StringComparison.Ordinal)) return "audio";
        return "file";
    }

    private static bool IsAlternate(XElement link) => ((string?)link.Attribute("rel"))?.Trim() is null or "" or "alternate";

    private static bool IsHtmlType(XElement link) => ((string?)link.Attribute("type"))?.Contains("html", StringComparison.OrdinalIgnoreCase) == true;

    private static string Qualified(XElement element) => element.Name.LocalName switch
    {
        "date" => "dc:date",
        "creator" => "dc:creator",
        _ => element.Name.LocalName,
    };

    private static string? NonEmpty(string? value)
    {
        if (value is null) return null;
        string trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static string Reason(XmlException e)
    {
        // XmlException messages end with "Line 3, position 7."; the position is already in the error's position.
        string message = e.Message;
        int at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).Trim();
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n') starts.Add(i + 1);
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
        }
        return [.. starts];
    }

    private static int Offset(int[] lines, int line, int position)
    {
        if (line < 1 || line > lines.Length) return 0;
        return lines[line - 1] + Math.Max(0, position - 1);
    }

    // Back from a tag's name to its '<'.
    private static int StartOfTag(string text, int offset)
    {
        int i = Math.Min(offset, text.Length - 1);
        while (i > 0 && text[i] != '<') i--;
        return i;
    }

    // Forward to the '>' that closes the tag starting at or containing offset, skipping quoted attribute values.
    private static int EndOfTag(string text, int offset)
    {
        char quote = '\0';
        for (int i = offset; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '>') return i + 1;
        }
        return text.Length;
    }
}
