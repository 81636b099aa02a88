using System.Collections.Concurrent;
using System.Text;
using Faultline.Text;

namespace Faultline.Analysis.Claims;

/// <summary>A coarse, spelling-insensitive key for a capitalised name, so "Сидоренко", "Сидоренка" and "Sydorenko" meet.</summary>
/// <remarks>
/// The word is stemmed (Snowball for its script), Cyrillic (ru and uk letters) is romanised, then both scripts are
/// folded: y/j/й/і/ї/ы → i, е/є/э → e, w → v, kh → h, final vowels dropped, doubled letters collapsed, and the key cut to six letters.
/// Coarse on purpose: a false meeting of two names only adds a small bonus to a similarity.
/// <see cref="Skeleton"/> goes further for Russian and Ukrainian, which spell the vowels of one root differently.
/// </remarks>
internal static class Translit
{
    private const int KeyLength = 6;
    private const int SkeletonLength = 5;

    private const int CacheCapacity = 250_000;
    private static readonly ConcurrentDictionary<string, (string Key, string Skeleton)> Cache = new(StringComparer.Ordinal);
    private static int _cached;

    public static string NameKey(string word) => Keys(word).Key;

    /// <summary>
    /// The consonant skeleton of a word: its romanised stem's first letter, then its consonants, doubled letters collapsed,
    /// cut to five letters. Russian and Ukrainian write one root with different vowels (мост / міст, Белокаменка /
    /// Білокам'янка / Bilokamianka: "blkmn"), and Ukrainian shifts a final к to ц before a case ending ("у Білокам'янці"),
    /// which the cut leaves out. Coarser than <see cref="NameKey"/>, so read only where spellings really differ.
    /// </summary>
    public static string Skeleton(string word) => Keys(word).Skeleton;

    /// <summary>Both keys of a word, worked out once per word: the claim index asks for them for every word of every post.</summary>
    public static (string Key, string Skeleton) Keys(ReadOnlySpan<char> word)
    {
        const int MaxStack = 128;
        var buffer = word.Length <= MaxStack ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(buffer);
        var lookup = Cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(buffer, out var keys)) return keys;
        var lower = buffer.ToString();
        var latin = Latin(lower);
        keys = (KeyOf(latin), SkeletonOf(latin));
        // A full cache is emptied rather than evicted entry by entry, as the stemmer's is.
        if (Interlocked.Increment(ref _cached) > CacheCapacity)
        {
            Cache.Clear();
            Interlocked.Exchange(ref _cached, 0);
        }
        Cache.TryAdd(lower, keys);
        return keys;
    }

    private static string KeyOf(StringBuilder latin)
    {
        // Stemmers disagree on final vowels ("Шойгу" loses its "у" as a case ending, "Shoigu" keeps it): drop them on both sides.
        var end = latin.Length;
        while (end > 3 && "aeiou".Contains(latin[end - 1], StringComparison.Ordinal)) end--;
        var key = new StringBuilder(KeyLength);
        for (var i = 0; i < end && key.Length < KeyLength; i++)
            if (key.Length == 0 || key[^1] != latin[i]) key.Append(latin[i]);
        return key.ToString();
    }

    private static string SkeletonOf(StringBuilder latin)
    {
        var key = new StringBuilder(SkeletonLength);
        for (var i = 0; i < latin.Length && key.Length < SkeletonLength; i++)
        {
            var ch = latin[i];
            if (i > 0 && "aeiou".Contains(ch, StringComparison.Ordinal)) continue;
            if (key.Length == 0 || key[^1] != ch) key.Append(ch);
        }
        return key.ToString();
    }

    /// <summary>The word's stem, romanised and folded (y/j/й/і/ї/ы → i, е/є/э → e, w → v, kh → h, a Latin c before a consonant → k).</summary>
    private static StringBuilder Latin(string word)
    {
        var latin = new StringBuilder(word.Length + 4);
        // The stemmer (chosen by script) drops the case endings first: "Путина" and "Путин" meet, and the cut below can be longer.
        foreach (var ch in Stemmer.Stem(word, Language.Russian))
            latin.Append(ch switch
            {
                'а' => "a", 'б' => "b", 'в' => "v", 'г' or 'ґ' => "g", 'д' => "d", 'е' or 'ё' or 'є' or 'э' => "e",
                'ж' => "zh", 'з' => "z", 'и' or 'і' or 'ї' or 'й' or 'ы' => "i", 'к' => "k", 'л' => "l", 'м' => "m",
                'н' => "n", 'о' => "o", 'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f",
                'х' => "h", 'ц' => "ts", 'ч' => "ch", 'ш' => "sh", 'щ' => "sch", 'ъ' or 'ь' or '\'' => "", 'ю' => "iu",
                'я' => "ia", 'y' or 'j' => "i", 'w' => "v", _ => char.IsLetter(ch) ? ch.ToString() : "",
            });
        latin.Replace("kh", "h");
        // A Latin "c" before a consonant or a back vowel is a "k" ("discredit" / "дискредит", "Crimea" / "Крым").
        for (var i = 0; i < latin.Length; i++)
            if (latin[i] == 'c' && (i + 1 == latin.Length || !"eiyh".Contains(latin[i + 1], StringComparison.Ordinal))) latin[i] = 'k';
        return latin;
    }
}
