using System.Globalization;
using System.Text;

namespace Faultline.Text;

/// <summary>Cuts normalised text into words.</summary>
/// <remarks>
/// A word is a maximal run of letters and digits (combining marks stay with their letter). An apostrophe
/// (' ’ ʼ) between two letters stays inside the word and is written as "'": Ukrainian "п'ять", "об'єкт", English
/// "don't". Hyphens split words: "из-за" gives "из" and "за", "северо-восток" gives "северо" and "восток",
/// "COVID-19" gives "covid" and "19". Splitting lets a query for one part find the compound, and Russian and
/// Ukrainian spell many compounds both with and without the hyphen; phrase search still finds the pair in order.
/// Underscores, '@' and '#' split too, so a hashtag's words are searchable.
/// </remarks>
public static class Tokenizer
{
    /// <summary>
    /// Words of a normalised text (see <see cref="TextNormalizer.Normalize"/>), in order. The text is expected to be
    /// lowercase already; the tokenizer does not change case.
    /// </summary>
    public static IEnumerable<string> Words(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var position = 0;
        while (NextWord(normalized, ref position, out var start, out var length, out var hasApostrophe))
        {
            var word = normalized.Substring(start, length);
            yield return hasApostrophe ? UnifyApostrophes(word) : word;
        }
    }

    /// <summary>
    /// The next word at or after <paramref name="position"/>: its start and length in <paramref name="text"/>
    /// (apostrophes inside may still be ’ or ʼ when <paramref name="hasApostrophe"/>). Allocation-free, for hot paths.
    /// </summary>
    internal static bool NextWord(ReadOnlySpan<char> text, ref int position, out int start, out int length, out bool hasApostrophe)
    {
        var i = position;
        hasApostrophe = false;
        while (i < text.Length && !IsWordChar(text, i, out _)) i++;
        start = i;
        while (i < text.Length)
        {
            if (IsWordChar(text, i, out var width) || i > start && IsCombiningMark(text[i]))
            {
                i += width;
                continue;
            }
            if (IsApostrophe(text[i]) && i > start && i + 1 < text.Length && IsLetterAt(text, i + 1) && IsLetterBefore(text, i))
            {
                hasApostrophe = true;
                i++;
                continue;
            }
            break;
        }
        length = i - start;
        position = i;
        return length > 0;
    }

    /// <summary>Writes every apostrophe variant as "'".</summary>
    internal static string UnifyApostrophes(string word)
        => word.Replace('’', '\'').Replace('ʼ', '\'');

    internal static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ';

    private static bool IsWordChar(ReadOnlySpan<char> s, int i, out int width)
    {
        var c = s[i];
        width = 1;
        if (c < 0x80) return char.IsAsciiLetterOrDigit(c);
        if (c == 'ʼ') return false; // a letter to Unicode, an apostrophe to readers: handled as one
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
            width = 2;
            return Rune.IsLetterOrDigit(new Rune(c, s[i + 1]));
        }
        return char.IsLetterOrDigit(c);
    }

    /// <summary>Combining marks belong to the word they follow (NFKC leaves some uncomposed), never start one.</summary>
    private static bool IsCombiningMark(char c)
        => c >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsLetterAt(ReadOnlySpan<char> s, int i)
        => char.IsHighSurrogate(s[i]) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) && Rune.IsLetter(new Rune(s[i], s[i + 1]))
            : char.IsLetter(s[i]) && s[i] != 'ʼ';

    private static bool IsLetterBefore(ReadOnlySpan<char> s, int i)
        => i > 0 && (char.IsLetter(s[i - 1]) && s[i - 1] != 'ʼ' || char.IsLowSurrogate(s[i - 1]));
}
