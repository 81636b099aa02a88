using System.Collections.Concurrent;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Faultline.Text;

/// <summary>Reduces words to stems so that inflected forms meet in search and analysis.</summary>
/// <remarks>
/// The stemmer is chosen by the word's script, the post's language deciding only between Russian and Ukrainian:
/// a Latin-script word is stemmed as English in any post (Snowball English, Porter2); a Cyrillic word with letters
/// only Ukrainian has (і ї є ґ, or an apostrophe) as Ukrainian (<see cref="UkrainianStemmer"/>), one with letters
/// only Russian has (ы э ъ) as Russian (Snowball Russian), and any other Cyrillic word as Ukrainian in a Ukrainian
/// post and as Russian otherwise. That is the rule <see cref="SearchText.QueryStems"/> applies to a query word,
/// so quotes in the other language are found too. Words in other
/// scripts, digits and words longer than <see cref="MaxWordLength"/> are returned as they are. Results are cached
/// per stemmer in bounded concurrent dictionaries (cleared when full, which costs only a warm-up); Snowball objects
/// keep state, so each thread has its own.
/// </remarks>
public static class Stemmer
{
    /// <summary>Longer "words" are hashes, base64 or glued garbage: not worth stemming or caching.</summary>
    public const int MaxWordLength = 40;

    private const int CacheCapacity = 250_000;

    [ThreadStatic] private static RussianStemmer? t_russian;
    [ThreadStatic] private static EnglishStemmer? t_english;

    private static readonly StemCache RussianCache = new(w => Snowball(t_russian ??= new RussianStemmer(), w));
    private static readonly StemCache EnglishCache = new(w => Snowball(t_english ??= new EnglishStemmer(), w));
    private static readonly StemCache UkrainianCache = new(UkrainianStemmer.Stem);

    /// <summary>
    /// The stem of one lowercase word in a post of the given language. <see cref="Language.Other"/> returns the word
    /// itself. Thread-safe.
    /// </summary>
    public static string Stem(string word, Language language)
    {
        ArgumentNullException.ThrowIfNull(word);
        return language == Language.Other ? word : Stem(word.AsSpan(), language, word);
    }

    /// <summary>The stem of a word given as a span; allocates only on a cache miss.</summary>
    internal static string Stem(ReadOnlySpan<char> word, Language language, string? wordString = null)
    {
        if (language == Language.Other || word.IsEmpty || word.Length > MaxWordLength) return wordString ?? word.ToString();
        var cache = CacheFor(Scripts.Of(word), word, language);
        return cache is null ? wordString ?? word.ToString() : cache.Get(word, wordString);
    }

    /// <summary>The language whose stemmer a word gets when the post's language is unknown (Other): by script and letters.</summary>
    internal static Language LanguageOfWord(ReadOnlySpan<char> word) => Scripts.Of(word) switch
    {
        Script.Latin => Language.English,
        Script.Cyrillic => Scripts.HasUkrainianOnlyLetters(word) ? Language.Ukrainian : Language.Russian,
        _ => Language.Other,
    };

    private static StemCache? CacheFor(Script script, ReadOnlySpan<char> word, Language language) => script switch
    {
        Script.Latin => EnglishCache,
        // Letters only one of the two languages has outrank the post's language: a Ukrainian quote in a Russian
        // post is stemmed as Ukrainian, as the same word typed as a query would be (SearchText.QueryStems).
        Script.Cyrillic when Scripts.HasUkrainianOnlyLetters(word) || word.Contains('\'') => UkrainianCache,
        Script.Cyrillic when Scripts.HasRussianOnlyLetters(word) => RussianCache,
        Script.Cyrillic when language == Language.Ukrainian => UkrainianCache,
        Script.Cyrillic => RussianCache,
        _ => null,
    };

    private static string Snowball(SnowballProgram stemmer, string word)
    {
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        return stem == word ? word : stem;
    }

    /// <summary>A bounded word → stem cache; a full cache is emptied rather than evicted entry by entry.</summary>
    private sealed class StemCache(Func<string, string> stem)
    {
        private readonly ConcurrentDictionary<string, string> _stems = new(StringComparer.Ordinal);
        private int _count;

        public string Get(ReadOnlySpan<char> word, string? wordString)
        {
            var lookup = _stems.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(word, out var cached)) return cached;
            var key = wordString ?? word.ToString();
            var result = stem(key);
            if (Interlocked.Increment(ref _count) > CacheCapacity)
            {
                _stems.Clear();
                Interlocked.Exchange(ref _count, 0);
            }
            _stems.TryAdd(key, result);
            return result;
        }
    }
}

/// <summary>The writing system of a word, as far as stemming cares.</summary>
internal enum Script
{
    None,
    Latin,
    Cyrillic,
    Other,
}

/// <summary>Script tests shared by stemming, query expansion and language detection.</summary>
internal static class Scripts
{
    /// <summary>The script most of the word's letters are in; None for digits only.</summary>
    public static Script Of(ReadOnlySpan<char> word)
    {
        int latin = 0, cyrillic = 0, other = 0;
        foreach (var c in word)
        {
            if (c < 0x80)
            {
                if (char.IsAsciiLetter(c)) latin++;
            }
            else if (IsCyrillic(c)) cyrillic++;
            else if (c is >= '\u00C0' and <= '\u024F' && c != '\u00D7' && c != '\u00F7') latin++;
            else if (char.IsLetter(c) && c != 'ʼ' || char.IsSurrogate(c)) other++;
        }
        if (latin == 0 && cyrillic == 0) return other > 0 ? Script.Other : Script.None;
        if (cyrillic >= latin) return cyrillic >= other ? Script.Cyrillic : Script.Other;
        return latin >= other ? Script.Latin : Script.Other;
    }

    /// <summary>Cyrillic letters (basic block and supplement).</summary>
    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u052F';

    /// <summary>і ї є ґ: letters Ukrainian has and Russian lacks.</summary>
    public static bool HasUkrainianOnlyLetters(ReadOnlySpan<char> word) => word.IndexOfAny("іїєґІЇЄҐ") >= 0;

    /// <summary>ы э ъ ё: letters Russian has and Ukrainian lacks.</summary>
    public static bool HasRussianOnlyLetters(ReadOnlySpan<char> word) => word.IndexOfAny("ыэъёЫЭЪЁ") >= 0;
}
