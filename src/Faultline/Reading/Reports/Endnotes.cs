using System.Globalization;
using System.Text.RegularExpressions;
using Faultline.Model;

namespace Faultline.Reading.Reports;

/// <summary>
/// Endnotes of an assessment: "[n] url1; url2; …", with hostile domains written obfuscated
/// ("kremlin dot ru/…", "t(.)me/…", "hxxps://…") so readers do not click them by accident.
/// </summary>
internal static partial class Endnotes
{
    /// <summary>The markers in a paragraph ("…said.[26][27]" gives 26, 27), in order, without repeats.</summary>
    public static List<int> Markers(string paragraph)
    {
        var markers = new List<int>();
        foreach (Match m in MarkerPattern().Matches(paragraph))
            if (int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && !markers.Contains(n))
                markers.Add(n);
        return markers;
    }

    /// <summary>Splits the text of an endnotes section into notes: each starts with "[n]" at the start of a line.</summary>
    public static Dictionary<int, List<string>> Split(string section)
    {
        var notes = new Dictionary<int, List<string>>();
        var starts = NoteStartPattern().Matches(section);
        for (int i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            int end = i + 1 < starts.Count ? starts[i + 1].Index : section.Length;
            if (!int.TryParse(start.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) continue;
            var urls = Urls(section[(start.Index + start.Length)..end]);
            if (notes.TryGetValue(n, out var existing)) existing.AddRange(urls.Where(u => !existing.Contains(u)));
            else notes[n] = urls;
        }
        return notes;
    }

    /// <summary>True when a line starts an endnote that carries at least one URL.</summary>
    public static bool IsNoteLine(string text)
    {
        var m = NoteStartPattern().Match(text);
        return m.Success && m.Index == 0 && Urls(text[m.Length..]).Count > 0;
    }

    /// <summary>The URLs of one endnote, de-obfuscated and with https:// added where the scheme is missing.</summary>
    public static List<string> Urls(string note)
    {
        var text = MarkdownLinkPattern().Replace(note, "$2 ");
        text = AngleUrlPattern().Replace(text, "$1 ");
        text = Deobfuscate(text);
        var urls = new List<string>();
        foreach (var token in text.Split([';', ' ', '\t', '\n', '\r', '\u00A0', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.Length > 2048) continue;
            var candidate = token.Trim('(', '<', '"', '\'', '“', '”', '«', '»', '[', ']').TrimEnd('.', ':', ')', '>');
            if (!UrlPattern().IsMatch(candidate)) continue;
            if (!candidate.StartsWith("http", StringComparison.OrdinalIgnoreCase)) candidate = "https://" + candidate;
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out _)) continue;
            if (!urls.Contains(candidate)) urls.Add(candidate);
        }
        return urls;
    }

    /// <summary>Undoes the usual defanging: " dot ", "(.)", "[.]", "[dot]", "hxxp", "[:]".</summary>
    public static string Deobfuscate(string text)
    {
        text = BracketDotPattern().Replace(text, ".");
        text = SpacedDotPattern().Replace(text, ".");
        text = text.Replace("hxxp", "http", StringComparison.OrdinalIgnoreCase).Replace("[:]", ":", StringComparison.Ordinal);
        return text;
    }

    /// <summary>One citation, with the Telegram handle and post id when the URL is a t.me post link.</summary>
    public static Citation Cite(int marker, string url)
    {
        var citation = new Citation(marker, url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return citation;
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        if (host is not ("t.me" or "telegram.me" or "telegram.dog")) return citation;
        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 3 && parts[0] == "c" && parts[1].All(char.IsAsciiDigit) && TryPostId(parts[^1], out var inPrivate))
            // t.me/c/<channel id>/<post>: a channel known only by its numeric id; kept as "c/<id>" so it cannot pass for a handle.
            return citation with { TelegramHandle = "c/" + parts[1], TelegramPostId = inPrivate };
        if (parts.Length >= 3 && parts[0] == "s") parts = parts[1..];
        if (parts.Length >= 2 && HandlePattern().IsMatch(parts[0]) && TryPostId(parts[1], out var id))
            return citation with { TelegramHandle = parts[0].ToLowerInvariant(), TelegramPostId = id };
        return citation;
    }

    private static bool TryPostId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    [GeneratedRegex(@"\[(\d{1,4})\]")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^[ \t]*\[(\d{1,4})\](?!:)", RegexOptions.Multiline)]
    private static partial Regex NoteStartPattern();

    [GeneratedRegex(@"\[([^\]\n]{0,500})\]\(([^)\s]{1,2000})\)")]
    private static partial Regex MarkdownLinkPattern();

    [GeneratedRegex(@"<((?:https?|hxxps?)://[^>\s]{1,2000})>", RegexOptions.IgnoreCase)]
    private static partial Regex AngleUrlPattern();

    [GeneratedRegex(@"\s?[\[\(\{]\s?(?:\.|dot)\s?[\]\)\}]\s?", RegexOptions.IgnoreCase)]
    private static partial Regex BracketDotPattern();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}])[ \t]+dot[ \t]+(?=[\p{L}\p{N}])", RegexOptions.IgnoreCase)]
    private static partial Regex SpacedDotPattern();

    [GeneratedRegex(@"^(?:https?://)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})\.)+\p{L}{2,24}(?::\d{1,5})?(?:[/?#]\S*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{3,31}$")]
    private static partial Regex HandlePattern();
}
