using System.Buffers;
using System.Globalization;
using Faultline.Model;

namespace Faultline.Reading.Telethon;

/// <summary>
/// Finds what Telegram clients highlight in plain text on their own: bare links (with or without a
/// scheme: <c>t.me/channel/12</c>, <c>bit.ly/x</c>), @mentions and #hashtags. Text inside a text link,
/// code or pre is skipped, so a link is never reported twice.
/// </summary>
internal static class BareEntities
{
    private static readonly SearchValues<char> Triggers = SearchValues.Create("@#.:");

    // Top-level domains that make a schemeless "word.tld" a link. Kept short on purpose: "Node.js" or
    // "т.д." must stay words. "example" is here for the fictional samples.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Tlds = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "info", "biz", "pro", "gov", "edu", "mil", "int", "io", "me", "ly", "co", "tv", "cc",
        "to", "gl", "gd", "app", "dev", "xyz", "live", "news", "online", "site", "media", "press", "today", "world",
        "ru", "ua", "by", "kz", "su", "uk", "us", "ca", "de", "fr", "eu", "pl", "lt", "lv", "ee", "ge", "am", "az",
        "md", "be", "it", "es", "nl", "ch", "at", "cz", "sk", "fi", "se", "no", "dk", "il", "tr", "ir", "jp", "cn",
        "in", "ms", "example", "xn--p1ai",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Returns <paramref name="existing"/> (sorted by offset) plus bare links, mentions and hashtags found in
    /// <paramref name="text"/> outside existing text links, code and pre spans.
    /// </summary>
    public static IReadOnlyList<Entity> Find(string text, List<Entity>? existing)
    {
        List<Entity>? found = existing;
        int cursor = 0;
        var span = text.AsSpan();
        // Jump from trigger to trigger: most of a post is words, and words never start an entity here
        // unless a '.', ':', '@' or '#' is close by.
        while (cursor < span.Length)
        {
            int hit = span[cursor..].IndexOfAny(Triggers);
            if (hit < 0) break;
            int t = cursor + hit;
            int next = t + 1;
            char c = span[t];
            if (c == '@') next = TryMention(text, t, existing, ref found);
            else if (c == '#') next = TryHashtag(text, t, existing, ref found);
            else next = TryLink(text, t, existing, ref found);
            cursor = Math.Max(next, t + 1);
        }
        if (found is null) return [];
        if (found.Count > 1) found.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Kind.CompareTo(b.Kind));
        return found;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private static bool Covered(List<Entity>? existing, int start, int end)
    {
        if (existing is null) return false;
        foreach (var e in existing)
        {
            if (e.Kind is not (EntityKind.TextLink or EntityKind.Code or EntityKind.Pre or EntityKind.MentionName or EntityKind.CustomEmoji or EntityKind.Link))
                continue;
            if (start < e.Offset + e.Length && e.Offset < end) return true;
        }
        return false;
    }

    private static void Add(ref List<Entity>? found, Entity e) => (found ??= []).Add(e);

    private static int TryMention(string text, int at, List<Entity>? existing, ref List<Entity>? found)
    {
        if (at > 0 && (IsWordChar(text[at - 1]) || text[at - 1] is '.' or '@' or '/')) return at + 1;
        int end = at + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
        int length = end - at - 1;
        // Telegram usernames are 5-32 characters; short ones (@ap) are still shown as mentions by clients
        // when they exist, so accept 3 and up, starting with a letter.
        if (length < 3 || length > 32 || !char.IsAsciiLetter(text[at + 1])) return end;
        if (end < text.Length && IsWordChar(text[end])) return end;
        if (!Covered(existing, at, end)) Add(ref found, new Entity(EntityKind.Mention, at, end - at));
        return end;
    }

    private static int TryHashtag(string text, int at, List<Entity>? existing, ref List<Entity>? found)
    {
        if (at > 0 && (IsWordChar(text[at - 1]) || text[at - 1] is '#' or '/' or '&')) return at + 1;
        int end = at + 1;
        bool letter = false;
        while (end < text.Length && end - at <= 256)
        {
            char c = text[end];
            if (char.IsLetter(c) || c == '_') letter = true;
            else if (!char.IsDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) break;
            end++;
        }
        if (!letter) return end;
        if (!Covered(existing, at, end)) Add(ref found, new Entity(EntityKind.Hashtag, at, end - at));
        return end;
    }

    /// <summary>Called on a '.' or ':'; walks back to the start of the candidate host or scheme.</summary>
    private static int TryLink(string text, int trigger, List<Entity>? existing, ref List<Entity>? found)
    {
        int start = trigger;
        while (start > 0 && (IsHostChar(text[start - 1]) || text[start - 1] == '.')) start--;
        if (start == trigger) return trigger + 1;
        if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '@' or '_' or '/' or '\\')) return trigger + 1;

        int hostStart = start;
        var lead = text.AsSpan(start);
        if (lead.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) hostStart = start + 8;
        else if (lead.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) hostStart = start + 7;
        else if (text[trigger] == ':') return trigger + 1;
        bool scheme = hostStart != start;

        // Host: labels of letters, digits and '-', separated by dots.
        int hostEnd = hostStart;
        int lastDot = -1;
        while (hostEnd < text.Length && (IsHostChar(text[hostEnd]) || (text[hostEnd] == '.' && hostEnd + 1 < text.Length && IsHostChar(text[hostEnd + 1]))))
        {
            if (text[hostEnd] == '.') lastDot = hostEnd;
            hostEnd++;
        }
        if (hostEnd == hostStart) return trigger + 1;
        if (!scheme)
        {
            if (lastDot < 0 || !Tlds.Contains(text.AsSpan(lastDot + 1, hostEnd - lastDot - 1))) return Math.Max(trigger + 1, hostEnd);
            // "word.com" glued to more letters is not a link ("example.comedy" stops before the host ends).
            if (hostEnd < text.Length && (char.IsLetterOrDigit(text[hostEnd]) || text[hostEnd] == '_')) return hostEnd;
        }
        else if (lastDot < 0 && !text.AsSpan(hostStart, hostEnd - hostStart).Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Math.Max(trigger + 1, hostEnd);
        }

        int end = hostEnd;
        if (end < text.Length && text[end] == ':' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))
        {
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        }
        if (end < text.Length && text[end] is '/' or '?' or '#')
        {
            int depth = 0;
            while (end < text.Length)
            {
                char c = text[end];
                if (char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '«' or '»' or '“' or '”' or '\'' or '`') break;
                if (c == '(') depth++;
                else if (c == ')')
                {
                    if (depth == 0) break;
                    depth--;
                }
                end++;
            }
            // Sentence punctuation after a link is not part of it.
            while (end > hostEnd && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '…') end--;
        }
        if (!Covered(existing, start, end)) Add(ref found, new Entity(EntityKind.Link, start, end - start));
        return end;
    }
}
