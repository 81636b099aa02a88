using System.Text;
using AngleSharp.Dom;
using Faultline.Model;
using Entity = Faultline.Model.Entity;

namespace Faultline.Reading.TelegramDesktop;

/// <summary>
/// The plain text and entities of a div.text of a Desktop HTML export. Telegram writes message text on one
/// line with &lt;br&gt; for line breaks and puts the markup's own newlines around it, so the result is
/// trimmed and the entity offsets shifted to match.
/// </summary>
internal static class HtmlMessageText
{
    public static (string Text, IReadOnlyList<Entity> Entities) Of(IElement? element)
    {
        if (element is null) return (string.Empty, []);
        var text = new StringBuilder();
        var entities = new List<Entity>();
        Walk(element, text, entities);
        return Trim(text, entities);
    }

    private static void Walk(INode node, StringBuilder text, List<Entity> entities)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                text.Append(t.Data);
                continue;
            }
            if (child is not IElement e) continue;
            if (e.LocalName == "br")
            {
                text.Append('\n');
                continue;
            }
            int start = text.Length;
            Walk(e, text, entities);
            var (kind, value) = KindOf(e, text.ToString(start, text.Length - start));
            if (kind is { } k && text.Length > start) entities.Add(new Entity(k, start, text.Length - start, value));
        }
    }

    private static (EntityKind? Kind, string? Value) KindOf(IElement e, string inner)
    {
        switch (e.LocalName)
        {
            case "strong" or "b": return (EntityKind.Bold, null);
            case "em" or "i": return (EntityKind.Italic, null);
            case "u": return (EntityKind.Underline, null);
            case "s" or "del" or "strike": return (EntityKind.Strikethrough, null);
            case "code": return (EntityKind.Code, null);
            case "pre": return (EntityKind.Pre, null);
            case "blockquote": return (EntityKind.Blockquote, null);
            case "span" when e.ClassList.Contains("spoiler"): return (EntityKind.Spoiler, null);
            case "a": return LinkKind(e, inner);
            default: return (null, null);
        }
    }

    /// <summary>Desktop renders hashtags, cashtags, bot commands and nameless mentions as script links.</summary>
    private static (EntityKind? Kind, string? Value) LinkKind(IElement a, string inner)
    {
        var onclick = a.GetAttribute("onclick") ?? string.Empty;
        var href = a.GetAttribute("href") ?? string.Empty;
        if (onclick.Contains("ShowHashtag", StringComparison.Ordinal)) return (EntityKind.Hashtag, null);
        if (onclick.Contains("ShowCashtag", StringComparison.Ordinal)) return (EntityKind.Cashtag, null);
        if (onclick.Contains("ShowBotCommand", StringComparison.Ordinal)) return (EntityKind.BotCommand, null);
        if (onclick.Contains("ShowMentionName", StringComparison.Ordinal)) return (EntityKind.MentionName, null);
        if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return (EntityKind.Email, null);
        if (href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) return (EntityKind.Phone, null);
        if (inner.StartsWith('@')) return (EntityKind.Mention, null);
        if (href.Length == 0) return (null, null);
        bool bare = href == inner || href.EndsWith("://" + inner, StringComparison.Ordinal) || href == inner + "/";
        return bare ? (EntityKind.Link, null) : (EntityKind.TextLink, href);
    }

    private static (string, IReadOnlyList<Entity>) Trim(StringBuilder text, List<Entity> entities)
    {
        int lead = 0, end = text.Length;
        while (lead < end && char.IsWhiteSpace(text[lead])) lead++;
        while (end > lead && char.IsWhiteSpace(text[end - 1])) end--;
        var result = text.ToString(lead, end - lead);
        if (entities.Count == 0) return (result, []);
        var shifted = new List<Entity>(entities.Count);
        foreach (var e in entities)
        {
            int from = Math.Clamp(e.Offset - lead, 0, result.Length);
            int to = Math.Clamp(e.Offset + e.Length - lead, 0, result.Length);
            if (to > from) shifted.Add(e with { Offset = from, Length = to - from });
        }
        // Outer spans first, as Telegram lists them.
        shifted.Sort((x, y) => x.Offset != y.Offset ? x.Offset.CompareTo(y.Offset) : y.Length.CompareTo(x.Length));
        return (result, shifted);
    }
}
