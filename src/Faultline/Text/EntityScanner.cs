using Faultline.Model;

namespace Faultline.Text;

/// <summary>
/// Finds links, @mentions and #hashtags in plain text, for inputs whose format does not mark them (feeds,
/// transcripts, Telethon dumps without entities).
/// </summary>
/// <remarks>
/// URLs follow <see cref="BareLinks"/>: "http(s)://", "www.", "t.me/", bare domains with a known TLD; trailing
/// punctuation is left out. A mention is "@" not preceded by a letter, digit or "_" (so e-mail addresses are not
/// mentions) followed by a Telegram username: 5–32 of [A-Za-z0-9_], starting with a letter, and not followed by
/// another username character. A hashtag is "#" not preceded by a word character, followed by letters, digits
/// and "_" with at least one letter (so "#1" is not a tag), at most 256 characters. Nothing is reported inside a URL.
/// Values: Link → the URL as written; Mention → the username without "@"; Hashtag → the tag without "#".
/// Offsets and lengths count UTF-16 code units, like Telegram's.
/// </remarks>
public static class EntityScanner
{
    private const int MinUsername = 5;
    private const int MaxUsername = 32;
    private const int MaxHashtag = 256;

    /// <summary>Links, mentions and hashtags in the text, in order of position.</summary>
    public static IReadOnlyList<Entity> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Entity>();
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '@')
            {
                var length = MentionAt(span, i);
                if (length > 0)
                {
                    found.Add(new Entity(EntityKind.Mention, i, length, text.Substring(i + 1, length - 1)));
                    i += length - 1;
                }
                continue;
            }
            if (c == '#')
            {
                var length = HashtagAt(span, i);
                if (length > 0)
                {
                    found.Add(new Entity(EntityKind.Hashtag, i, length, text.Substring(i + 1, length - 1)));
                    i += length - 1;
                }
                continue;
            }
            if (BareLinks.MayStartAt(span, i))
            {
                var length = BareLinks.Match(span, i);
                if (length > 0)
                {
                    found.Add(new Entity(EntityKind.Link, i, length, text.Substring(i, length)));
                    i += length - 1;
                    continue;
                }
                // Skip the rest of an ASCII word: nothing starts inside it.
                while (i + 1 < span.Length && char.IsAsciiLetterOrDigit(span[i + 1])) i++;
            }
        }
        return found;
    }

    private static int MentionAt(ReadOnlySpan<char> s, int at)
    {
        if (at > 0 && IsWordChar(s[at - 1])) return 0;
        var j = at + 1;
        if (j >= s.Length || !char.IsAsciiLetter(s[j])) return 0;
        while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_')) j++;
        var username = j - at - 1;
        if (username is < MinUsername or > MaxUsername) return 0;
        // "@name.ru" or "@name@host" is an address, not a mention.
        if (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '@')) return 0;
        return j - at;
    }

    private static int HashtagAt(ReadOnlySpan<char> s, int at)
    {
        if (at > 0 && (IsWordChar(s[at - 1]) || s[at - 1] is '&' or '#' or '/')) return 0;
        var j = at + 1;
        var letters = 0;
        while (j < s.Length && j - at - 1 < MaxHashtag)
        {
            var c = s[j];
            if (char.IsHighSurrogate(c) && j + 1 < s.Length && char.IsLowSurrogate(s[j + 1])
                && System.Text.Rune.IsLetterOrDigit(new System.Text.Rune(c, s[j + 1])))
            {
                letters++;
                j += 2;
                continue;
            }
            if (char.IsLetter(c)) letters++;
            else if (!char.IsDigit(c) && c != '_') break;
            j++;
        }
        if (letters == 0) return 0;
        return j - at;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
