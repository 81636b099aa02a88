using Faultline.Archive;
using Faultline.Text;

namespace Faultline.Analysis.Scenarios;

/// <summary>
/// Cuts the words a board quotes from a post: the sentence holding the first word that matches the indicator's terms
/// (or the opening sentence), at most <see cref="MaxLength"/> characters, always a verbatim substring of the text so
/// that an endnote's excerpt can be checked against the archived version.
/// </summary>
internal static class Excerpts
{
    /// <summary>The longest excerpt, in UTF-16 characters.</summary>
    public const int MaxLength = 200;

    /// <summary>A verbatim excerpt of <paramref name="text"/>, or null when it has no words.</summary>
    public static string? Of(string text, string languageCode, QueryTerms? terms)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var language = LanguageCodes.Parse(languageCode);
        var hit = -1;
        var first = -1;
        foreach (var (offset, length) in Snippets.WordSpans(text))
        {
            if (first < 0) first = offset;
            if (terms is null) break;
            var word = TextNormalizer.Normalize(text.Substring(offset, length));
            if (word.Length > 0 && Matches(word, language, terms))
            {
                hit = offset;
                break;
            }
        }
        return first < 0 ? null : Cut(text, hit >= 0 ? hit : first);
    }

    /// <summary>A verbatim excerpt of the sentence holding the character at <paramref name="offset"/>, or null when the text has no words.</summary>
    public static string? At(string text, int offset)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Cut(text, Math.Clamp(offset, 0, text.Length - 1));
    }

    private static string? Cut(string text, int at)
    {
        var start = SentenceStart(text, at);
        var end = SentenceEnd(text, at);
        if (end - start > MaxLength)
        {
            // Keep the matched word in view: start a little before it, at a word boundary.
            start = Math.Max(start, at - MaxLength / 3);
            if (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                var space = text.IndexOf(' ', start);
                if (space >= 0 && space < at) start = space + 1;
            }
            end = Math.Min(end, start + MaxLength);
            if (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                var space = text.LastIndexOf(' ', end - 1, end - start);
                if (space > at) end = space;
            }
        }
        if (start < text.Length && char.IsLowSurrogate(text[start])) start++;
        if (end > start && char.IsHighSurrogate(text[end - 1])) end--;
        var excerpt = text[start..end].Trim();
        return excerpt.Length == 0 ? null : excerpt;
    }

    private static int SentenceStart(string text, int at)
    {
        for (var i = at - 1; i >= 0; i--)
        {
            if (text[i] == '\n') return i + 1;
            if (text[i] is '.' or '!' or '?' or '…' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])) return i + 1;
        }
        return 0;
    }

    private static int SentenceEnd(string text, int at)
    {
        for (var i = at; i < text.Length; i++)
        {
            if (text[i] == '\n') return i;
            if (text[i] is '.' or '!' or '?' or '…' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))) return i + 1;
        }
        return text.Length;
    }

    private static bool Matches(string word, Language language, QueryTerms terms)
    {
        foreach (var p in terms.Prefixes)
        {
            if (word.StartsWith(p, StringComparison.Ordinal)) return true;
            // The index holds stems, so a prefix also matches a word whose stem starts with it.
            if (Stemmer.Stem(word, language).StartsWith(p, StringComparison.Ordinal)) return true;
        }
        if (terms.Stems.Count == 0) return false;
        if (terms.Stems.Contains(Stemmer.Stem(word, language))) return true;
        foreach (var s in SearchText.QueryStems(word))
            if (terms.Stems.Contains(s)) return true;
        return false;
    }
}
