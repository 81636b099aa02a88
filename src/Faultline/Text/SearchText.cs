using System.Text;

namespace Faultline.Text;

/// <summary>
/// What the full-text index stores for a post and what a query word is looked up as. Both sides go through
/// <see cref="TextNormalizer"/>, <see cref="Tokenizer"/> and <see cref="Stemmer"/>, so "мобилизации" in a post
/// and "мобилизация" typed by an analyst meet at the stem "мобилизац".
/// </summary>
public static class SearchText
{
    [ThreadStatic] private static StringBuilder? t_terms;

    /// <summary>
    /// The space-separated stems of a text's normalised words, in order (duplicates kept, so phrase and proximity
    /// search work). For <see cref="Language.Other"/> each word is stemmed by its own script and letters, the same rule
    /// <see cref="QueryStems"/> uses, so posts whose language was not recognised can still be found.
    /// </summary>
    public static string IndexTerms(string text, Language language)
        => IndexTermsOfNormalized(TextNormalizer.Normalize(text), language);

    /// <summary>As <see cref="IndexTerms"/> for text that has already been through <see cref="TextNormalizer.Normalize"/>.</summary>
    public static string IndexTermsOfNormalized(string normalized, Language language)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var terms = t_terms ??= new StringBuilder(1024);
        terms.Clear();
        var position = 0;
        while (Tokenizer.NextWord(normalized, ref position, out var start, out var length, out var hasApostrophe))
        {
            var word = normalized.AsSpan(start, length);
            string? wordString = null;
            if (hasApostrophe)
            {
                wordString = Tokenizer.UnifyApostrophes(word.ToString());
                word = wordString;
            }
            var wordLanguage = language == Language.Other ? Stemmer.LanguageOfWord(word) : language;
            if (terms.Length > 0) terms.Append(' ');
            terms.Append(Stemmer.Stem(word, wordLanguage, wordString));
        }
        var result = terms.ToString();
        if (terms.Capacity > 64 * 1024) t_terms = null; // do not keep a huge buffer alive per thread
        return result;
    }

    /// <summary>
    /// Candidate stems for one query word whose language is unknown, distinct, in this order: Latin script → the
    /// English stem; Cyrillic with Ukrainian-only letters (і ї є ґ) → the Ukrainian stem; with Russian-only letters
    /// (ы э ъ ё) → the Russian stem; other Cyrillic → the Russian and the Ukrainian stems; any other script → the
    /// normalised word. The word is normalised first; if normalisation splits it ("из-за"), the stems of every part
    /// are returned. Empty when the word has no letters or digits.
    /// </summary>
    public static IReadOnlyList<string> QueryStems(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stems = new List<string>(2);
        foreach (var part in Tokenizer.Words(TextNormalizer.Normalize(word)))
        {
            switch (Scripts.Of(part))
            {
                case Script.Latin:
                    AddDistinct(stems, Stemmer.Stem(part, Language.English));
                    break;
                case Script.Cyrillic when Scripts.HasUkrainianOnlyLetters(part) || part.Contains('\''):
                    AddDistinct(stems, Stemmer.Stem(part, Language.Ukrainian));
                    break;
                case Script.Cyrillic when Scripts.HasRussianOnlyLetters(part):
                    AddDistinct(stems, Stemmer.Stem(part, Language.Russian));
                    break;
                case Script.Cyrillic:
                    AddDistinct(stems, Stemmer.Stem(part, Language.Russian));
                    AddDistinct(stems, Stemmer.Stem(part, Language.Ukrainian));
                    break;
                default:
                    AddDistinct(stems, part);
                    break;
            }
        }
        return stems;
    }

    private static void AddDistinct(List<string> stems, string stem)
    {
        if (!stems.Contains(stem)) stems.Add(stem);
    }
}
