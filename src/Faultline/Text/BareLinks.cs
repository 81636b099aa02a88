using System.Buffers;

namespace Faultline.Text;

/// <summary>
/// Finds URLs written as plain text: "http(s)://…", "www.…", "t.me/…" (and telegram.me / telegram.dog) and bare
/// domains with a well-known top-level domain ("ria.ru/news", "meduza.io"). Shared by
/// <see cref="TextNormalizer"/> (which removes them) and <see cref="EntityScanner"/> (which reports them), so both
/// agree on what a URL is.
/// </summary>
/// <remarks>
/// A URL starts at a boundary (not after an ASCII letter or digit, '-', '_', '.', '@', '/' or '#', so e-mail
/// addresses and path pieces are not taken) and runs to whitespace or a quote/angle bracket; trailing
/// punctuation (".,;:!?'*…" and unbalanced closing brackets) is not part of it. Bare domains need a TLD from a
/// short list so that "e.g." or "3.14" are left alone; Cyrillic domains are found only with a scheme.
/// </remarks>
internal static class BareLinks
{
    private static readonly SearchValues<char> Stops = SearchValues.Create(" \t\r\n\f\v<>\"«»“”„`\u00A0\u2028\u2029\u3000");

    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "org", "net", "ru", "ua", "by", "kz", "io", "me", "info", "gov", "edu", "mil", "int", "uk", "de",
        "fr", "eu", "us", "tv", "su", "co", "news", "online", "site", "pl", "it", "es", "ge", "am", "az", "md",
        "lv", "lt", "ee", "fi", "se", "no", "nl", "be", "ch", "at", "cz", "il", "tr", "cn", "jp", "ca", "au",
        "app", "dev", "ly", "gl", "cc", "xyz", "biz", "pro", "media", "live", "world", "today", "example", "ro",
        "bg", "rs", "hu", "sk", "dk", "gr", "pt", "ie", "ir", "sy", "tj", "uz", "kg", "tm", "mn", "tech", "blog",
    };

    /// <summary>Whether a URL could start at <paramref name="i"/> (cheap test before <see cref="Match"/>).</summary>
    public static bool MayStartAt(ReadOnlySpan<char> s, int i)
    {
        if (!char.IsAsciiLetterOrDigit(s[i])) return false;
        if (i == 0) return true;
        var p = s[i - 1];
        return !(char.IsAsciiLetterOrDigit(p) || p is '-' or '_' or '.' or '@' or '/' or '#' or '\\' or '%' or '=' or '&' or '+');
    }

    /// <summary>Length of the URL starting at <paramref name="i"/>, or 0 when none starts there.</summary>
    public static int Match(ReadOnlySpan<char> s, int i)
    {
        var rest = s[i..];
        int bodyStart;
        if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) bodyStart = 8;
        else if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) bodyStart = 7;
        else if (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) bodyStart = 4;
        else if (rest.StartsWith("t.me/", StringComparison.OrdinalIgnoreCase)) bodyStart = 5;
        else if (rest.StartsWith("telegram.me/", StringComparison.OrdinalIgnoreCase)
                 || rest.StartsWith("telegram.dog/", StringComparison.OrdinalIgnoreCase)) bodyStart = 12 + (rest[9] == 'd' ? 1 : 0);
        else return BareDomain(rest);

        if (bodyStart >= rest.Length || !char.IsLetterOrDigit(rest[bodyStart]) && rest[bodyStart] is not ('+' or '_' or '@' or '['))
            return 0;
        var end = Body(rest, bodyStart);
        return end > bodyStart ? end : 0;
    }

    private static int BareDomain(ReadOnlySpan<char> s)
    {
        var j = 0;
        var lastLabelStart = 0;
        var labels = 0;
        while (true)
        {
            var start = j;
            while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '-' && j > start)) j++;
            if (j == start) return 0;
            labels++;
            lastLabelStart = start;
            if (j + 1 < s.Length && s[j] == '.' && char.IsAsciiLetterOrDigit(s[j + 1])) j++;
            else break;
        }
        if (labels < 2) return 0;
        if (!TopLevelDomains.GetAlternateLookup<ReadOnlySpan<char>>().Contains(s[lastLabelStart..j])) return 0;
        if (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] is '_' or '@' or '-')) return 0;
        if (j < s.Length && (s[j] is '/' or '?' or '#' || s[j] == ':' && j + 1 < s.Length && char.IsAsciiDigit(s[j + 1])))
            return Body(s, j);
        return j;
    }

    /// <summary>End of the URL body that starts at <paramref name="from"/>, trailing punctuation excluded.</summary>
    private static int Body(ReadOnlySpan<char> s, int from)
    {
        var stop = s[from..].IndexOfAny(Stops);
        var end = stop < 0 ? s.Length : from + stop;
        // Cut at a control character or a lone surrogate: neither belongs in a URL.
        for (var k = from; k < end; k++)
        {
            if (char.IsControl(s[k]) || char.IsSurrogate(s[k]) && !(k + 1 < end && char.IsSurrogatePair(s[k], s[k + 1])))
            {
                end = k;
                break;
            }
            if (char.IsHighSurrogate(s[k])) k++;
        }
        while (end > from)
        {
            var last = s[end - 1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '*' or '…' or '’' or '‘' or '»' or '"')
            {
                end--;
                continue;
            }
            if (last is ')' or ']' or '}' && Unbalanced(s[..end], last))
            {
                end--;
                continue;
            }
            break;
        }
        return end;
    }

    private static bool Unbalanced(ReadOnlySpan<char> url, char close)
    {
        var open = close switch { ')' => '(', ']' => '[', _ => '{' };
        return url.Count(close) > url.Count(open);
    }
}
