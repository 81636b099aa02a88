using Faultline.Text;

namespace Faultline.Archive;

/// <summary>Cuts an excerpt around the first words that match a query, and marks every match in it.</summary>
internal static class Snippets
{
    public static Snippet Build(string text, string languageCode, QueryTerms terms, int width = 220)
    {
        var language = LanguageCodes.Parse(languageCode);
        var hits = new List<(int Offset, int Length)>();
        foreach (var (offset, length) in WordSpans(text))
        {
            var word = TextNormalizer.Normalize(text.Substring(offset, length));
            if (word.Length == 0) continue;
            if (Matches(word, language, terms)) hits.Add((offset, length));
        }
        int center = hits.Count > 0 ? hits[0].Offset : 0;
        int start = Math.Max(0, center - width / 3);
        if (start > 0)
        {
            int space = text.LastIndexOf(' ', start);
            start = space >= 0 && center - space < width / 2 ? space + 1 : start;
        }
        int end = Math.Min(text.Length, start + width);
        if (end < text.Length)
        {
            int space = text.IndexOf(' ', end);
            if (space >= 0 && space - end < 30) end = space;
        }
        if (start > 0 && char.IsLowSurrogate(text[start])) start++;
        if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        var prefix = start > 0 ? "…" : "";
        var body = text[start..end].Replace('\n', ' ');
        var suffix = end < text.Length ? "…" : "";
        var marks = hits.Where(h => h.Offset >= start && h.Offset + h.Length <= end)
            .Select(h => (h.Offset - start + prefix.Length, h.Length)).ToList();
        return new Snippet(prefix + body + suffix, marks);
    }

    private static bool Matches(string word, Language language, QueryTerms terms)
    {
        foreach (var p in terms.Prefixes)
            if (word.StartsWith(p, StringComparison.Ordinal)) return true;
        if (terms.Stems.Count == 0) return false;
        if (terms.Stems.Contains(Stemmer.Stem(word, language))) return true;
        foreach (var s in SearchText.QueryStems(word))
            if (terms.Stems.Contains(s)) return true;
        return false;
    }

    /// <summary>Runs of letters and digits (with inner apostrophes) in the original text.</summary>
    internal static IEnumerable<(int Offset, int Length)> WordSpans(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark
                   || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)))
                i++;
            yield return (start, i - start);
        }
    }
}
