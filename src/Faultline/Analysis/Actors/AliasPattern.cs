using Faultline.Text;

namespace Faultline.Analysis.Actors;

/// <summary>How one word of an alias meets a word of a post.</summary>
internal enum WordMode
{
    /// <summary>The base followed by one of the endings allowed for the alias word's class.</summary>
    Inflected,
    /// <summary>The same word, any case (indeclinable names such as "Шойгу", short function words, "=word").</summary>
    Exact,
    /// <summary>The same word in the same case (abbreviations written in capitals: "МО", "ВСУ", "US").</summary>
    ExactCase,
}

/// <summary>One compiled alias word: the base a post word must start with and the endings it may carry.</summary>
internal sealed record AliasWord(string Base, string Original, WordMode Mode, IReadOnlySet<string> Endings);

/// <summary>An alias compiled for matching: its words in order, the actor and the rule.</summary>
internal sealed record AliasPattern(string ActorId, int ActorIndex, ActorAlias Alias, IReadOnlyList<AliasWord> Words)
{
    private static readonly HashSet<string> OnlyItself = [""];

    // Endings by the class of the alias word's own ending. Russian and Ukrainian forms share one table: the base
    // must already equal a registered name's base, so a few extra endings cost little precision and spare a
    // language guess on short posts. The masculine surname classes deliberately lack the feminine forms
    // ("Зеленская" is not "Зеленский").
    private static readonly (string Suffix, HashSet<string> Endings)[] CyrillicClasses =
    [
        ("ий", Set("ий ый ій ого его ому ему им ым ім ом ем ие ые і их ых іх ими ыми іми")),
        ("ый", Set("ий ый ій ого его ому ему им ым ім ом ем ие ые і их ых іх ими ыми іми")),
        ("ой", Set("ой ого ому ым им ом ые ых ыми")),
        ("ій", Set("ій ього ьому ім ьої ю ого ому")),
        ("ая", Set("ая ой ую ою а у ої ій")),
        ("ые", Set("ые ых ым ыми")),
        ("ие", Set("ие их им ими")),
        ("яя", Set("яя ей юю ею я ю ьої ій")),
        ("ое", Set("ое ого ому ым им ом")),
        ("ее", Set("ее его ему им ем")),
        ("а", Set("а ы и і е у ой ою ей ам ами ах ів ов ом ій ої")),
        ("я", Set("я и і ї е ю ей ею єю ям ями ях ів")),
        ("о", Set("о а у ом е і ого ому им ім")),
        ("е", Set("е а у ом і ого ому им ім ий")),
        ("ь", Set("ь я ю ем ем е и і ей ям ями ях ів ею ом")),
        ("й", Set("й я ю ем е и ев ям єм ї")),
        ("ы", Set("_ ы а е у ой ам ами ах ов ев ей")),
        ("и", Set("_ и і а е у ам ями ами ах ях ів ов ей ям")),
        ("і", Set("і и ам ами ах ів их ими им")),
    ];

    private static readonly HashSet<string> CyrillicConsonant = Set("_ а я у ю ом ем ым им ім е ы и і ов ев ів ам ами ах ові еві ою");
    private static readonly HashSet<string> LatinEndings = Set("_ 's s s'");

    /// <summary>The longest ending in any table, so a post word is split at most this many ways.</summary>
    public const int MaxEnding = 4;

    /// <summary>Compiles an alias (see docs/registry.md for "=", capitals and handles).</summary>
    public static AliasPattern Compile(string actorId, int actorIndex, ActorAlias alias)
    {
        var words = new List<AliasWord>();
        var text = alias.Text;
        var position = 0;
        while (Tokenizer.NextWord(text, ref position, out var start, out var length, out _))
        {
            var original = Tokenizer.UnifyApostrophes(text.Substring(start, length));
            var forcedExact = start > 0 && text[start - 1] == '=';
            words.Add(CompileWord(original, forcedExact || alias.Rule == AliasRule.Handle));
        }
        return new AliasPattern(actorId, actorIndex, alias, words);
    }

    /// <summary>The key under which two aliases count as the same name (for duplicate checks).</summary>
    public static string Key(string aliasText)
    {
        var p = Compile("", 0, new ActorAlias(aliasText, "", AliasRule.Plain, 0));
        return string.Join(' ', p.Words.Select(w => w.Mode == WordMode.ExactCase ? w.Original : w.Base));
    }

    /// <summary>Lowercase, ё → е, apostrophes unified: the form post words are compared in.</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            var c = char.ToLowerInvariant(word[i]);
            buffer[i] = c switch { 'ё' => 'е', '’' or 'ʼ' => '\'', _ => c };
        }
        return new string(buffer);
    }

    private static AliasWord CompileWord(string original, bool exact)
    {
        var folded = Fold(original);
        var letters = original.Where(char.IsLetter).ToList();
        if (letters.Count > 0 && letters.All(char.IsUpper) && !exact)
            return new AliasWord(original, original, WordMode.ExactCase, OnlyItself);
        if (exact || folded.Length <= 3 || folded.Any(char.IsDigit)) return new AliasWord(folded, original, WordMode.Exact, OnlyItself);
        var script = Scripts.Of(folded);
        if (script == Script.Latin) return new AliasWord(folded, original, WordMode.Inflected, LatinEndings);
        if (script != Script.Cyrillic) return new AliasWord(folded, original, WordMode.Exact, OnlyItself);
        // Indeclinable: names ending in -у/-ю/-и after a vowel or in -о of foreign origin are caught by the -у/-ю rule
        // ("Шойгу"); others take "=" in the registry.
        if (folded[^1] is 'у' or 'ю') return new AliasWord(folded, original, WordMode.Exact, OnlyItself);
        foreach (var (suffix, endings) in CyrillicClasses)
        {
            if (folded.EndsWith(suffix, StringComparison.Ordinal) && folded.Length - suffix.Length >= 3)
                return new AliasWord(folded[..^suffix.Length], original, WordMode.Inflected, endings);
        }
        return new AliasWord(folded, original, WordMode.Inflected, CyrillicConsonant);
    }

    private static HashSet<string> Set(string endings)
        => endings.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e == "_" ? "" : e).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a post word (folded and original) fits alias word <paramref name="w"/>.</summary>
    public static bool Fits(AliasWord w, string folded, ReadOnlySpan<char> original) => w.Mode switch
    {
        WordMode.ExactCase => original.SequenceEqual(w.Original),
        WordMode.Exact => folded == w.Base,
        _ => folded.StartsWith(w.Base, StringComparison.Ordinal) && w.Endings.Contains(folded[w.Base.Length..]),
    };
}
