using System.Buffers;
using System.Runtime.CompilerServices;
using Faultline.Text;

namespace Faultline.Analysis.NearDuplicates;

/// <summary>
/// The shingle set that near-duplicate detection compares: word 3-grams of the shared normalisation, each hashed
/// to 64 bits, sorted and deduplicated.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Words are <see cref="Tokenizer"/>'s words of <see cref="TextNormalizer.Normalize"/>'s output, so markup,
/// links, case, "ё", emoji and punctuation never make two copies differ.</item>
/// <item>A word hashes to FNV-1a-64 over its UTF-16 code units (apostrophe variants read as "'"), finished by the
/// SplitMix64 mixer; a 3-gram hashes to the mixer over an order-sensitive combination of its three word hashes. That
/// equals hashing the three words joined by a separator in what it distinguishes, and costs one pass per word
/// instead of three.</item>
/// <item>A text of one or two words is one shingle (its words, tagged so it never equals a 3-gram).</item>
/// <item>A text without words (empty, only emoji, only a link) has no shingles and is never a near-duplicate of
/// anything: thousands of "🔥" posts are not copies of each other in any sense an analyst means.</item>
/// </list>
/// With 64-bit hashes a false shingle collision is expected about once per 2^64 / n² pairs of distinct 3-grams:
/// negligible at any archive size, so Jaccard over the hashes is Jaccard over the 3-grams.
/// </remarks>
public static class Shingles
{
    private const ulong FnvOffset = 0xCBF29CE484222325;
    private const ulong FnvPrime = 0x100000001B3;
    private const ulong K1 = 0x9E3779B97F4A7C15;
    private const ulong K2 = 0xC2B2AE3D27D4EB4F;
    private const ulong ShortTextTag = 0x5851F42D4C957F2D;

    /// <summary>Shingles of a raw post text (normalised here first). Sorted ascending, no duplicates.</summary>
    public static ulong[] Of(string text) => OfNormalized(TextNormalizer.Normalize(text));

    /// <summary>Shingles of a text already passed through <see cref="TextNormalizer.Normalize"/>. Sorted, no duplicates.</summary>
    public static ulong[] OfNormalized(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        // A word takes at least one character and one separator: half the length bounds the word count.
        var words = ArrayPool<ulong>.Shared.Rent(normalized.Length / 2 + 2);
        try
        {
            var span = normalized.AsSpan();
            var n = SimpleWords(span, words);
            if (n < 0)
            {
                n = 0;
                var position = 0;
                while (Tokenizer.NextWord(span, ref position, out var start, out var length, out _))
                    words[n++] = WordHash(span.Slice(start, length));
            }
            switch (n)
            {
                case 0: return [];
                case 1: return [Mix(words[0] * K1 + ShortTextTag)];
                case 2: return [Mix(words[0] * K1 + RotateLeft(words[1], 23) * K2 + ShortTextTag)];
            }
            var shingles = new ulong[n - 2];
            for (var i = 0; i < shingles.Length; i++) shingles[i] = Trigram(words[i], words[i + 1], words[i + 2]);
            return SortUnique(shingles);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(words);
        }
    }

    /// <summary>Exact Jaccard similarity of two shingle sets as returned by <see cref="Of"/> (sorted, unique).</summary>
    public static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.IsEmpty || b.IsEmpty) return 0;
        var common = Intersection(a, b);
        return (double)common / (a.Length + b.Length - common);
    }

    /// <summary>Size of the intersection of two sorted, unique sets.</summary>
    internal static int Intersection(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y) { common++; i++; j++; }
            else if (x < y) i++;
            else j++;
        }
        return common;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong z)
    {
        // SplitMix64's finaliser: every input bit reaches every output bit.
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong Trigram(ulong a, ulong b, ulong c) => Mix(a * K1 + RotateLeft(b, 23) * K2 + RotateLeft(c, 46));

    /// <summary>
    /// Hashes the words of a text made only of lowercase ASCII letters, digits, lowercase Cyrillic letters
    /// (U+0430–U+045F) and single spaces — most normalised news text — where a word is simply a run between spaces,
    /// as <see cref="Tokenizer"/> would cut it. Returns −1 at the first other character: the caller then tokenizes
    /// properly. A test holds the two paths equal.
    /// </summary>
    private static int SimpleWords(ReadOnlySpan<char> text, Span<ulong> words)
    {
        var n = 0;
        var h = FnvOffset;
        var inWord = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (inWord) words[n++] = Mix(h);
                h = FnvOffset;
                inWord = false;
                continue;
            }
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or >= '\u0430' and <= '\u045F')) return -1;
            h = (h ^ c) * FnvPrime;
            inWord = true;
        }
        if (inWord) words[n++] = Mix(h);
        return n;
    }

    private static ulong WordHash(ReadOnlySpan<char> word)
    {
        var h = FnvOffset;
        foreach (var ch in word)
        {
            var c = Tokenizer.IsApostrophe(ch) ? '\'' : ch;
            h = (h ^ c) * FnvPrime;
        }
        return Mix(h);
    }

    private static ulong[] SortUnique(ulong[] values)
    {
        Array.Sort(values);
        var n = 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[n - 1]) values[n++] = values[i];
        }
        return n == values.Length ? values : values[..n];
    }
}
