using System.Text.RegularExpressions;
using Faultline.Analysis.Claims;
using Faultline.Text;

namespace Faultline.Assessment.Sections;

/// <summary>
/// Picks the words a claim paragraph quotes from a post: always a verbatim substring of the text it is given (so that
/// <c>report --check</c> finds it in the cited version), one sentence at most, cut on a word boundary when long.
/// </summary>
internal static partial class ClaimExcerpts
{
    /// <summary>Longest quote, in characters; longer sentences are cut on a word boundary around the cue.</summary>
    public const int MaxLength = 280;

    /// <summary>Quotes inside takeaways and group sentences that only name the claim.</summary>
    public const int ShortLength = 140;

    [GeneratedRegex(@"(?<=[.!?…])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex("«([^»]+)»")]
    private static partial Regex QuotedCue();

    /// <summary>A quote: verbatim <see cref="Text"/>, and whether words were left out before or after it.</summary>
    public readonly record struct Quote(string Text, bool CutBefore = false, bool CutAfter = false)
    {
        /// <summary>«text», with "…" outside the marks where words were left out, so the quoted words stay verbatim.</summary>
        public override string ToString() => (CutBefore ? "…" : "") + "«" + Text + "»" + (CutAfter ? "…" : "");
    }

    /// <summary>The sentence of <paramref name="text"/> that carries most of the claim's key stems (the earliest on a tie); null for an empty text.</summary>
    public static Quote? Lead(string text, IReadOnlyList<string> keyTerms, string language, int max = MaxLength)
    {
        var sentences = Sentences(text);
        if (sentences.Count == 0) return null;
        var best = sentences[0];
        var bestRank = (-1, -1);
        var terms = keyTerms.ToHashSet(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            var sentence = text.Substring(s.Start, s.Length);
            var stems = ClaimBuilder.StemsOf(sentence, language).ToList();
            var hits = terms.Count == 0 ? 0 : stems.Count(stem => terms.Contains(stem) || terms.Any(t => SharePrefix(stem, t)));
            // A sentence of one or two words ("Важно.") only leads when nothing else does.
            var rank = (stems.Count >= 3 ? 1 : 0, hits);
            if (rank.CompareTo(bestRank) > 0) { best = s; bestRank = rank; }
        }
        return Cut(text, best, best.Start, max);
    }

    /// <summary>
    /// The sentence holding the first cue named in a member's evidence («cue» as the classifier wrote it, normalised),
    /// found again in the original text; null when none of the cues is in it.
    /// </summary>
    public static Quote? AroundCue(string text, IEnumerable<string> evidence, int max = MaxLength)
    {
        foreach (var line in evidence)
            foreach (Match m in QuotedCue().Matches(line))
            {
                var at = Find(text, m.Groups[1].Value);
                if (at < 0) continue;
                var sentence = Sentences(text).FirstOrDefault(s => at >= s.Start && at < s.Start + s.Length);
                if (sentence.Length > 0) return Cut(text, sentence, at, max);
            }
        return null;
    }

    /// <summary>The opening words of a text, one sentence at most; null when it has none.</summary>
    public static Quote? Opening(string text, int max = MaxLength)
    {
        var sentences = Sentences(text);
        return sentences.Count == 0 ? null : Cut(text, sentences[0], sentences[0].Start, max);
    }

    /// <summary>A piece of an edit (words added or removed) as a quote: trimmed, cut to <paramref name="max"/>; null when blank.</summary>
    public static Quote? Piece(string piece, int max = MaxLength)
    {
        var trimmed = piece.Trim();
        if (trimmed.Length == 0) return null;
        return Cut(trimmed, new Span(0, trimmed.Length), 0, max);
    }

    /// <summary>What an edit changed: the longest run of words it added (in <paramref name="after"/>) and removed (in <paramref name="before"/>).</summary>
    public static (Quote? Added, Quote? Removed) Change(string before, string after)
    {
        var diff = TextDiff.Words(before, after);
        string Longest(DiffKind kind) => diff.Where(p => p.Kind == kind).Select(p => p.Text).OrderByDescending(t => t.Trim().Length).FirstOrDefault() ?? "";
        return (Piece(Longest(DiffKind.Added)), Piece(Longest(DiffKind.Removed)));
    }

    /// <summary>"«quote»" after a colon, or nothing.</summary>
    public static string Colon(Quote? quote) => quote is { } q ? ": " + q : "";

    /// <summary>A shorter version of a quote (the prefix, cut on a word boundary).</summary>
    public static Quote Shorten(Quote quote, int max)
    {
        if (quote.Text.Length <= max) return quote;
        var cut = Cut(quote.Text, new Span(0, quote.Text.Length), 0, max);
        return cut with { CutBefore = quote.CutBefore, CutAfter = true };
    }

    /// <summary>Sentence spans of a text, trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<Span> Sentences(string text)
    {
        var spans = new List<Span>();
        if (string.IsNullOrEmpty(text)) return spans;
        var start = 0;
        foreach (Match m in SentenceBreak().Matches(text))
        {
            Add(start, m.Index);
            start = m.Index + m.Length;
        }
        Add(start, text.Length);
        return spans;

        void Add(int from, int to)
        {
            while (from < to && char.IsWhiteSpace(text[from])) from++;
            while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
            if (to > from) spans.Add(new Span(from, to - from));
        }
    }

    /// <summary>A span of a text.</summary>
    public readonly record struct Span(int Start, int Length);

    /// <summary>
    /// Where a normalised cue ("списков больше нет", "опроверг*", "upd") occurs in the original text: case ignored, ё read
    /// as е, any run of spaces for a space, a trailing '*' for an inflected ending; -1 when absent.
    /// </summary>
    public static int Find(string text, string cue)
    {
        if (string.IsNullOrWhiteSpace(cue)) return -1;
        var prefix = cue.EndsWith('*');
        var body = prefix ? cue[..^1] : cue;
        var pattern = string.Concat(body.Select(c => c switch
        {
            'е' or 'ё' => "[её]",
            ' ' => @"\s+",
            _ => Regex.Escape(c.ToString()),
        }));
        if (char.IsLetterOrDigit(body.FirstOrDefault())) pattern = @"(?<![\p{L}\p{N}])" + pattern;
        pattern += prefix ? @"[\p{L}\p{N}]*" : char.IsLetterOrDigit(body.LastOrDefault()) ? @"(?![\p{L}\p{N}])" : "";
        var match = Regex.Match(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Index : -1;
    }

    /// <summary>Russian and Ukrainian stems of one root often differ only in the ending ("генерал" / "генерали").</summary>
    private static bool SharePrefix(string a, string b)
    {
        const int MinShared = 5;
        if (a.Length < MinShared || b.Length < MinShared || Math.Abs(a.Length - b.Length) > 2) return false;
        var n = Math.Min(a.Length, b.Length);
        return a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, n));
    }

    /// <summary>The sentence, or, when longer than <paramref name="max"/>, a window of whole words that holds <paramref name="focus"/>.</summary>
    private static Quote Cut(string text, Span sentence, int focus, int max)
    {
        if (sentence.Length <= max)
        {
            // The sentence's own full stop would double the one that ends the report's sentence: «Списков больше нет».
            var length = sentence.Length;
            if (length > 1 && text[sentence.Start + length - 1] == '.' && text[sentence.Start + length - 2] != '.') length--;
            return new Quote(text.Substring(sentence.Start, length));
        }
        var end = sentence.Start + sentence.Length;
        var from = Math.Clamp(focus - max / 4, sentence.Start, end - max);
        // Start and end on word boundaries, inside the window.
        if (from > sentence.Start)
        {
            while (from < end && !char.IsWhiteSpace(text[from - 1])) from++;
        }
        var to = Math.Min(end, from + max);
        if (to < end)
        {
            var back = to;
            while (back > from && !char.IsWhiteSpace(text[back])) back--;
            if (back > from) to = back;
        }
        while (to > from && (char.IsWhiteSpace(text[to - 1]) || text[to - 1] is ',' or ';' or ':' or '—' or '–' or '-')) to--;
        while (from < to && char.IsWhiteSpace(text[from])) from++;
        return new Quote(text[from..to], from > sentence.Start, to < end);
    }
}
