namespace Faultline.Text;

/// <summary>
/// A light suffix-stripping stemmer for Ukrainian, written for Faultline because Snowball and Lucene ship none.
/// It aims at recall for search ("мобілізації" finds "мобілізація", "Зеленського" finds "Зеленський"), not at
/// linguistic roots.
/// </summary>
/// <remarks>
/// Three steps, each allowed only while at least <see cref="MinStem"/> characters remain:
/// <list type="number">
/// <item>a reflexive -ся / -сь (so -ться leaves -ть for the verb endings below);</item>
/// <item>the longest inflection from <see cref="Endings"/>: adjective (-ого -ому -ими -их -ий -ій -ою -ої …),
/// -ов-/-ев- adjective and surname forms (-овий -ові -ова -ов …), noun (-ами -ями -еві -ах -ях -ів -їв -ом -ем
/// -ою -ею …), present-tense verb (-ють -уть -ять -ить -емо …) and single vowels (-а -я -у -ю -і -ї -о -е -є -и -ь -й);</item>
/// <item>one trailing vowel or soft sign left behind ("мобілізаці|ї" → "мобілізац", "останнь|ого" → "останн"),
/// so that "-ія/-ії/-ію/-ій" nouns and soft adjectives meet their other forms.</item>
/// </list>
/// Verb endings beginning with a consonant (-ти, -ла, -ли, -ло, -в, -ть) are left alone: they collide with noun
/// stems ("ракети", "генерали", "область"), and a news search is mostly for nouns and names. Past forms still
/// meet each other ("заявила", "заявили" → "заявил") but not the masculine "заявив" or the infinitive.
/// Not handled: the і/о/е alternation in closed syllables ("рік"/"року", "Київ"/"Києва", "ніч"/"ночі"),
/// suppletive forms, and verb aspect. Known over-conflation: short stems can meet ("вода" and "водій" → "вод").
/// </remarks>
internal static class UkrainianStemmer
{
    /// <summary>Shortest stem a step may leave.</summary>
    public const int MinStem = 3;

    // Order does not matter: StripLongest tries the longest ending lengths first.
    private static readonly string[] Endings =
    [
        // adjectives and pronominal forms
        "ього", "ьому", "ьої", "ого", "ому", "ої", "ими", "іми", "ій", "ий", "им", "ім", "их", "іх", "ою", "ею",
        // the -ов-/-ев- stem of possessive adjectives and surnames goes with its ending, so that "військовий",
        // "військові", "військова" meet, and "Петров", "Петрова", "Петровим" too
        "ов", "ова", "ове", "ову", "ово", "ові", "овий", "ового", "овому", "овим", "ових", "овими", "овій", "овою",
        "ової", "ев", "ева", "еву", "еві", "евим", "єв", "єва", "єву", "єві", "євим",
        // nouns
        "ами", "ями", "еві", "єві", "ах", "ях", "ів", "їв", "ей", "ом", "ем", "єм", "ам", "ям", "єю",
        // verbs: only present-tense endings; -ти, -ла, -ли, -ло, -в, -ть would eat noun stems
        // ("ракети", "генерали", "область"), so past forms meet each other through the final vowel only
        "ють", "уть", "ять", "ать", "ить", "іть", "еть", "єть", "ємо", "емо", "имо", "ете", "єте", "ите", "еш", "єш", "иш",
        // single letters
        "а", "я", "у", "ю", "і", "ї", "о", "е", "є", "и", "ь", "й",
    ];

    private static readonly string[][] EndingsByLength = GroupByLength(Endings);

    /// <summary>The stem of one lowercase Ukrainian word.</summary>
    public static string Stem(string word)
    {
        var end = word.Length;
        if (end <= MinStem) return word;
        var span = word.AsSpan();

        // Reflexive verbs: -ся/-сь go first ("бореться" → "бореть", "борються" → "борють").
        if (end - 2 >= MinStem && (span[..end].EndsWith("ся") || span[..end].EndsWith("сь"))) end -= 2;

        end = StripLongest(span, end);

        if (end - 1 >= MinStem && span[end - 1] is 'а' or 'я' or 'у' or 'ю' or 'і' or 'ї' or 'о' or 'е' or 'є' or 'и' or 'ь' or 'й')
            end--;

        return end == word.Length ? word : word[..end];
    }

    private static int StripLongest(ReadOnlySpan<char> word, int end)
    {
        for (var length = EndingsByLength.Length - 1; length >= 1; length--)
        {
            if (end - length < MinStem) continue;
            var tail = word.Slice(end - length, length);
            foreach (var ending in EndingsByLength[length])
            {
                if (tail.SequenceEqual(ending)) return end - length;
            }
        }
        return end;
    }

    private static string[][] GroupByLength(string[] endings)
    {
        var max = endings.Max(e => e.Length);
        var groups = new string[max + 1][];
        for (var length = 0; length <= max; length++) groups[length] = endings.Where(e => e.Length == length).Distinct().ToArray();
        return groups;
    }
}
