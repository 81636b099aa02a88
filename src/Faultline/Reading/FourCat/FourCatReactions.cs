using System.Globalization;

namespace Faultline.Reading.FourCat;

/// <summary>
/// Reads the reactions column of a 4CAT Telegram export. 4CAT writes each emoji repeated once per
/// reaction ("👍👍👍❤❤"); other tools and hand-edited sheets write counts ("👍 12, ❤ 3"). Both are read.
/// </summary>
internal static class FourCatReactions
{
    /// <summary>Reaction counts by emoji, or null when the cell is empty or holds nothing readable.</summary>
    public static Dictionary<string, long>? Parse(string cell, out bool unreadable)
    {
        unreadable = false;
        if (string.IsNullOrWhiteSpace(cell)) return null;
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var piece in cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // 4CAT's fallback for reaction types it does not know is a Python dict: nothing to count.
            if (piece.Contains('{') || piece.Contains('}'))
            {
                unreadable = true;
                continue;
            }
            int digits = piece.Length;
            while (digits > 0 && char.IsAsciiDigit(piece[digits - 1])) digits--;
            var label = piece[..digits].TrimEnd(' ', ':', '×', 'x', '\t');
            if (digits < piece.Length && label.Length > 0)
            {
                if (long.TryParse(piece.AsSpan(digits), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                    Add(result, label, count);
                else unreadable = true;
                continue;
            }
            if (digits < piece.Length)
            {
                unreadable = true;
                continue;
            }
            // Repeated emoji: count runs of the same grapheme (emoji with skin tones or ZWJ stay whole).
            var graphemes = StringInfo.GetTextElementEnumerator(piece);
            while (graphemes.MoveNext())
            {
                var emoji = graphemes.GetTextElement();
                if (string.IsNullOrWhiteSpace(emoji)) continue;
                Add(result, emoji, 1);
            }
        }
        return result.Count > 0 ? result : null;
    }

    private static void Add(Dictionary<string, long> result, string key, long count)
        => result[key] = result.GetValueOrDefault(key) + count;
}
