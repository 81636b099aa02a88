using System.Globalization;

namespace Faultline.Assessment.Writing;

/// <summary>
/// What every writer shares: where the markers of a sentence go, and the parts of an endnote line, written the same
/// way in every format so that <c>report --check</c> reads them with one pattern:
/// <code>[n] Title (@handle), 2022-10-14 09:12 UTC, URL, version abcdef123456 (edited, 3 versions; deleted after …, archived copy): «excerpt»</code>
/// </summary>
internal static class EndnoteFormat
{
    /// <summary>Written in place of the URL when the source has none; the checker then finds the post by channel and item.</summary>
    public const string NoUrlPrefix = "no public URL, item ";

    /// <summary>Endnote numbers by post, for the markers of each sentence.</summary>
    public static Dictionary<long, int> Numbers(AssessmentDocument document) => document.Endnotes.ToDictionary(n => n.PostId, n => n.Number);

    /// <summary>The distinct endnote numbers of a sentence, in citation order.</summary>
    public static List<int> Markers(Sentence sentence, IReadOnlyDictionary<long, int> numbers)
    {
        var list = new List<int>(sentence.Citations.Count);
        foreach (var c in sentence.Citations)
            if (numbers.TryGetValue(c.PostId, out var n) && !list.Contains(n)) list.Add(n);
        return list;
    }

    /// <summary>Splits a sentence into its body and its final punctuation mark(s), where the markers go between.</summary>
    public static (string Body, string Punctuation) SplitFinalPunctuation(string text)
    {
        var t = text.TrimEnd();
        int end = t.Length;
        while (end > 0 && t[end - 1] is '.' or '!' or '?' or '…') end--;
        return (t[..end], t[end..]);
    }

    /// <summary>"2022-10-14 09:12 UTC".</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The channel as named in the endnote: its title, with "(@handle)" when known.</summary>
    public static string Channel(Endnote note) => note.Handle is { Length: > 0 } h ? $"{note.Channel} (@{h})" : note.Channel;

    /// <summary>The URL as written, and the link target (null when there is none or it must not be a link).</summary>
    public static (string Text, string? Href) Where(Endnote note, WriterOptions options)
    {
        if (note.Url is not { Length: > 0 } url) return (NoUrlPrefix + note.NativeId, null);
        return options.ObfuscateHostile && HostileDomains.IsHostile(url) ? (HostileDomains.Obfuscate(url), null) : (url, url);
    }

    /// <summary>"edited, 3 versions; deleted after 2022-10-15 10:00 UTC, archived copy", or null for a post seen once and still there.</summary>
    public static string? Status(Endnote note)
    {
        var parts = new List<string>(2);
        if (note.Versions > 1) parts.Add($"edited, {note.Versions} versions");
        if (note.DeletedAt is { } deleted) parts.Add($"deleted after {Time(deleted)}, archived copy");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
