using System.Text.RegularExpressions;

namespace Faultline.Assessment.Writing;

/// <summary>
/// The domains a report writes obfuscated when asked (<see cref="WriterOptions.ObfuscateHostile"/>), the way ISW does,
/// so that readers do not open them by accident: "https://t.me/rybar/4107" becomes "t dot me/rybar/4107" and is not a link.
/// </summary>
/// <remarks>
/// The one list, kept here: Telegram (t.me, telegram.me), every domain under the Russian country codes .ru, .su and .рф,
/// and the state outlets rt.com and sputniknews.com, each with any subdomain. <c>report --check</c> reads the
/// obfuscated form back (Reading/Reports/Endnotes.Deobfuscate).
/// </remarks>
public static partial class HostileDomains
{
    /// <summary>Hosts that are hostile with any subdomain.</summary>
    public static IReadOnlyList<string> Hosts { get; } = ["t.me", "telegram.me", "rt.com", "sputniknews.com"];

    /// <summary>Top-level domains whose every host is hostile (.рф also in its ASCII form).</summary>
    public static IReadOnlyList<string> TopLevelDomains { get; } = ["ru", "su", "рф", "xn--p1ai"];

    /// <summary>True when the URL's host is on the list.</summary>
    public static bool IsHostile(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = HostOf(url).TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0) return false;
        if (Hosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal))) return true;
        var tld = host[(host.LastIndexOf('.') + 1)..];
        return TopLevelDomains.Contains(tld, StringComparer.Ordinal);
    }

    /// <summary>"https://www.kremlin.ru/events/1" → "www dot kremlin dot ru/events/1": no scheme, the host's dots spelt out, the rest as it was.</summary>
    public static string Obfuscate(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var (host, rest) = Split(url);
        return host.Replace(".", " dot ", StringComparison.Ordinal) + rest;
    }

    /// <summary>
    /// Every hostile URL or bare domain inside running text obfuscated ("читайте t.me/rybar/1" → "читайте t dot me/rybar/1");
    /// the rest of the text unchanged. Deterministic, so the checker can apply it to an archived text and compare.
    /// </summary>
    public static string ObfuscateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UrlInText().Replace(text, m => IsHostile(m.Value) ? Obfuscate(m.Value) : m.Value);
    }

    /// <summary>The document with every text a reader sees (title, notes, sentences, captions, excerpts) obfuscated.</summary>
    internal static AssessmentDocument ObfuscateDocument(AssessmentDocument d)
    {
        Sentence S(Sentence s) => s with { Text = ObfuscateText(s.Text) };
        Block B(Block b) => b switch
        {
            Paragraph p => new Paragraph([.. p.Sentences.Select(S)]),
            BulletList l => new BulletList([.. l.Items.Select(S)]),
            Note n => new Note(ObfuscateText(n.Text)),
            Table t => new Table(t.Caption is null ? null : ObfuscateText(t.Caption), [.. t.Header.Select(ObfuscateText)], [.. t.Rows.Select(r => (IReadOnlyList<Sentence>)[.. r.Select(S)])]),
            Chart c => c with { Caption = ObfuscateText(c.Caption), AltText = ObfuscateText(c.AltText) },
            _ => b,
        };
        return d with
        {
            Title = ObfuscateText(d.Title),
            Notes = [.. d.Notes.Select(ObfuscateText)],
            Takeaways = [.. d.Takeaways.Select(S)],
            Sections = [.. d.Sections.Select(s => s with { Heading = ObfuscateText(s.Heading), Blocks = [.. s.Blocks.Select(B)] })],
            Endnotes = [.. d.Endnotes.Select(n => n with { Excerpt = ObfuscateText(n.Excerpt) })],
        };
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}@.-])(?:https?://)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})\.)+\p{L}[\p{L}\p{N}-]{1,23}(?::\d{1,5})?(?:[/?#][^\s«»""<>]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex UrlInText();

    private static string HostOf(string url) => Split(url).Host;

    private static (string Host, string Tail) Split(string url)
    {
        var s = url.Trim();
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) s = s[(scheme + 3)..];
        int end = s.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? s : s[..end];
        var rest = end < 0 ? "" : s[end..];
        int at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        int port = authority.LastIndexOf(':');
        var host = port >= 0 ? authority[..port] : authority;
        return (host, (port >= 0 ? authority[port..] : "") + rest);
    }
}
