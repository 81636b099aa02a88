using System.Globalization;
using Faultline.Archive;

namespace Faultline.Assessment;

/// <summary>
/// Builds citations whose excerpts are verbatim substrings of the cited version: the sentence around the words that
/// made a call (stance evidence quotes them in «»), or else the post's opening words.
/// </summary>
/// <remarks>
/// The excerpt is cut from the archived version's own text, not from the analysis text, because a feed item's analysis
/// text leads with its headline, which the version keeps apart; <c>report --check</c> compares against the version.
/// Cuts fall on sentence ends, line breaks or spaces, never inside a surrogate pair, and never span a line break.
/// </remarks>
internal static class Quoting
{
    /// <summary>The longest excerpt, in UTF-16 units.</summary>
    public const int MaxLength = 220;

    /// <summary>The opening words run to at least this many characters when the first line has them.</summary>
    private const int MinOpening = 60;

    /// <summary>
    /// A citation of the post's current version, quoting the sentence around the first of <paramref name="cues"/> that
    /// occurs in it, else its opening words. A post whose versions are missing is cited without an excerpt.
    /// </summary>
    public static Citation Cite(ReportContext context, long postId, IEnumerable<string>? cues = null)
    {
        var version = CurrentVersion(context, postId);
        if (version is null)
            return new Citation(postId);
        var text = version.Text;
        string? excerpt = null;
        foreach (var cue in cues ?? [])
            if ((excerpt = Around(text, cue)) is not null) break;
        excerpt ??= Opening(text);
        return new Citation(postId, version.ContentHash, excerpt.Length == 0 ? null : excerpt);
    }

    /// <summary>The words quoted in «» in stance evidence ("criticise: «провал»" → "провал"), in order, distinct.</summary>
    public static IReadOnlyList<string> CueWords(IEnumerable<string> evidence)
    {
        var words = new List<string>();
        foreach (var line in evidence)
        {
            for (var start = line.IndexOf('«'); start >= 0; start = line.IndexOf('«', start + 1))
            {
                var end = line.IndexOf('»', start + 1);
                if (end < 0) break;
                var word = line[(start + 1)..end].Trim();
                if (word.Length > 0 && !words.Contains(word)) words.Add(word);
            }
        }
        return words;
    }

    /// <summary>
    /// The version the archive holds as current: the latest whose text the analysis text ends with (the analysis text
    /// is the version's text, after a headline for feed items), else the latest.
    /// </summary>
    internal static StoredVersion? CurrentVersion(ReportContext context, long postId)
    {
        var versions = context.Archive.Versions(postId);
        if (versions.Count == 0) return null;
        var analysed = context.Post(postId)?.Text;
        for (var i = versions.Count - 1; i >= 0; i--)
            if (analysed is not null && analysed.EndsWith(versions[i].Text, StringComparison.Ordinal)) return versions[i];
        return versions[^1];
    }

    /// <summary>The sentence of <paramref name="text"/> around <paramref name="words"/> (ordinal, then ignoring case), or null when absent.</summary>
    internal static string? Around(string text, string words)
    {
        if (words.Length == 0) return null;
        var at = text.IndexOf(words, StringComparison.Ordinal);
        if (at < 0) at = text.IndexOf(words, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var end = at + words.Length;
        var start = SentenceStart(text, at);
        var stop = SentenceEnd(text, end);
        if (stop - start > MaxLength)
        {
            // Too long: a window centred on the words, cut at spaces.
            var room = Math.Max(0, MaxLength - words.Length) / 2;
            var from = Math.Max(start, at - room);
            var to = Math.Min(stop, end + room);
            if (from > start) from = NextSpace(text, from, at);
            if (to < stop) to = PreviousSpace(text, to, end);
            (start, stop) = (from, to);
        }
        return Clean(text, start, stop);
    }

    /// <summary>The first sentence or line of <paramref name="text"/>, cut at a space to at most <see cref="MaxLength"/>.</summary>
    internal static string Opening(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (start == text.Length) return "";
        // Whole sentences of the first line until the excerpt says something ("Важно." alone does not).
        var stop = SentenceEnd(text, start + 1);
        while (stop - start < MinOpening && stop < text.Length && text[stop] is not ('\n' or '\r'))
            stop = SentenceEnd(text, stop + 1);
        if (stop - start > MaxLength) stop = PreviousSpace(text, start + MaxLength, start + 1);
        return Clean(text, start, stop);
    }

    private static string Clean(string text, int start, int stop)
    {
        if (start > 0 && char.IsLowSurrogate(text[start])) start++;
        if (stop < text.Length && stop > start && char.IsLowSurrogate(text[stop])) stop--;
        return text[start..stop].Trim();
    }

    private static int SentenceStart(string text, int at)
    {
        for (var i = at - 1; i >= 0; i--)
        {
            if (text[i] == '\n') return i + 1;
            if (IsSentenceEnd(text, i)) return i + 1;
        }
        return 0;
    }

    /// <summary>The index just past the sentence end (its punctuation kept), the line break, or the text's end.</summary>
    private static int SentenceEnd(string text, int from)
    {
        for (var i = Math.Max(0, from); i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r') return i;
            if (IsSentenceEnd(text, i)) return i + 1;
        }
        return text.Length;
    }

    // A full stop, ! ? or … followed by a space or the end: "3.5 km" and "t.me/x" do not end a sentence.
    private static bool IsSentenceEnd(string text, int i) =>
        text[i] is '.' or '!' or '?' or '…' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));

    private static int NextSpace(string text, int from, int limit)
    {
        for (var i = from; i < limit; i++)
            if (char.IsWhiteSpace(text[i])) return i + 1;
        return from;
    }

    private static int PreviousSpace(string text, int to, int limit)
    {
        for (var i = Math.Min(to, text.Length) - 1; i > limit; i--)
            if (char.IsWhiteSpace(text[i])) return i;
        return to;
    }
}

/// <summary>Numbers, times and lists as the report writes them (invariant culture, English prose).</summary>
internal static class ReportProse
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A channel as prose names it: <see cref="ReportContext.SourceName"/>, except that a source known only by its
    /// key and handle (a 4CAT dump carries no title) is named by its @handle rather than "telegram:1700000005".
    /// </summary>
    public static string Channel(ReportContext context, long sourceId) =>
        context.Sources.TryGetValue(sourceId, out var s) && s.Info.Title is null && s.Info.Handle is { } h ? "@" + h : context.SourceName(sourceId);

    /// <summary>"07:15 UTC on October 14".</summary>
    public static string When(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("HH:mm 'UTC on' MMMM d", Invariant);

    /// <summary>"October 14, 2022".</summary>
    public static string Day(DateOnly day) => day.ToString("MMMM d, yyyy", Invariant);

    /// <summary>"45 minutes", "2.1 hours", "1.5 days".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalMinutes < 1 ? "under a minute"
        : span.TotalMinutes < 90 ? Count((int)Math.Round(span.TotalMinutes), "minute")
        : span.TotalHours < 48 ? span.TotalHours.ToString("0.#", Invariant) + " hours"
        : span.TotalDays.ToString("0.#", Invariant) + " days";

    /// <summary>"1 post", "3 posts" (the plural given when it is not the noun + "s").</summary>
    public static string Count(long n, string noun, string? plural = null) =>
        n.ToString("#,0", Invariant) + " " + (n == 1 ? noun : plural ?? noun + "s");

    /// <summary>A signed rate with two decimals ("+0.40", "-0.15", "0.00").</summary>
    public static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", Invariant);

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
