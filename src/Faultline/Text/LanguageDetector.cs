using System.Collections.Frozen;

namespace Faultline.Text;

/// <summary>
/// Tells Russian, Ukrainian and English posts apart, and everything else as <see cref="Language.Other"/>, from
/// letters and function words alone: no model files, a few kilobytes of word lists, one pass over the text.
/// </summary>
/// <remarks>
/// URLs, @mentions, #hashtags, digits and emoji are skipped. Every other word votes:
/// <list type="bullet">
/// <item>its script (Cyrillic, Latin, other), weighted by length; words that start with a capital count less,
/// because in a Russian post the Latin words are mostly names and brands ("Apple", "Pentagon") and vice versa;</item>
/// <item>letters only one language has: і ї є ґ and an apostrophe inside a Cyrillic word for Ukrainian; ы э ё and
/// ъ before a vowel for Russian; ъ elsewhere (Bulgarian), ў (Belarusian), ј љ њ ђ ћ џ ѓ ќ ѕ (Serbian, Macedonian),
/// ә ғ қ ң ө ұ ү һ (Kazakh and kin) for other; letters with diacritics (ä ß é ñ ł ç …) for other Latin languages;</item>
/// <item>high-frequency function words of Russian, Ukrainian, English and of the languages most often met beside them
/// (Bulgarian, Serbian, Belarusian; German, French, Spanish, Italian, Polish, Portuguese, Dutch); a word shared by
/// several languages splits its vote ("и" is Russian or Bulgarian, "in" English, German, Italian or Dutch).</item>
/// </list>
/// The script with the most weight picks the family; inside it the language with the most votes wins. Cyrillic
/// text with no distinctive evidence at all is taken as Russian (Ukrainian text of any length nearly always has і);
/// Latin text with none is taken as English. Texts with fewer than <see cref="MinLetters"/> letters are Other.
/// </remarks>
public static class LanguageDetector
{
    /// <summary>Below this many letters there is not enough to go on.</summary>
    public const int MinLetters = 3;

    private const float FunctionWordWeight = 6f;
    private const float CapitalisedWeight = 0.3f;
    /// <summary>No function word in the lists is longer; longer words skip the lookup (and its lowercasing).</summary>
    private const int MaxFunctionWordLength = 10;

    private static readonly FrozenDictionary<string, Votes> FunctionWords = BuildFunctionWords();
    private static readonly FrozenDictionary<string, Votes>.AlternateLookup<ReadOnlySpan<char>> FunctionWordLookup =
        FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The language of a text: ru, uk, en or other. Thread-safe, allocation-free for ordinary posts.</summary>
    public static Language Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tally = new Tally();
        Span<char> lower = stackalloc char[MaxFunctionWordLength];
        var s = text.AsSpan();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '@' or '#' or '/' && i + 1 < s.Length && (char.IsLetterOrDigit(s[i + 1]) || s[i + 1] == '_'))
            {
                // A mention, hashtag or bot command: its words are names, not language.
                i++;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                continue;
            }
            if (BareLinks.MayStartAt(s, i))
            {
                var url = BareLinks.Match(s, i);
                if (url > 0)
                {
                    i += url;
                    continue;
                }
            }
            if (!char.IsLetter(c))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < s.Length && (char.IsLetter(s[i]) || Tokenizer.IsApostrophe(s[i]) && i + 1 < s.Length && char.IsLetter(s[i + 1])))
                i++;
            // A letter glued to digits ("F16", "Су-34") is a designation, not a word.
            if (i < s.Length && char.IsDigit(s[i]) || start > 0 && char.IsDigit(s[start - 1])) continue;
            tally.AddWord(s[start..i], lower);
        }
        return tally.Decide();
    }

    /// <summary>Votes a word or a letter gives to each language.</summary>
    private readonly record struct Votes(float Ru, float Uk, float En, float Other);

    /// <summary>Running evidence for one text.</summary>
    private struct Tally
    {
        private float _cyrillicWeight, _latinWeight, _otherWeight;
        private int _letters;
        private float _ru, _uk, _cyrillicOther, _en, _latinOther;

        public void AddWord(ReadOnlySpan<char> word, Span<char> lower)
        {
            int cyrillic = 0, latin = 0, other = 0;
            bool ukLetter = false, ruLetter = false, otherCyrillicLetter = false, belarusianLetter = false, diacritic = false, apostrophe = false;
            for (var k = 0; k < word.Length; k++)
            {
                var c = word[k];
                if (c < 0x80) { if (char.IsAsciiLetter(c)) latin++; else apostrophe |= c == '\''; continue; }
                if (Scripts.IsCyrillic(c))
                {
                    cyrillic++;
                    switch (c)
                    {
                        case 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ': ukLetter = true; break;
                        case 'ы' or 'э' or 'ё' or 'Ы' or 'Э' or 'Ё': ruLetter = true; break;
                        case 'ъ' or 'Ъ':
                            // Russian writes ъ only before е ё ю я; Bulgarian uses it as a vowel anywhere.
                            if (k + 1 < word.Length && word[k + 1] is 'е' or 'ё' or 'ю' or 'я') ruLetter = true;
                            else otherCyrillicLetter = true;
                            break;
                        case 'ў' or 'Ў':
                            // Belarusian: frequent (every "у" after a vowel), and its texts mix і with ы.
                            otherCyrillicLetter = true;
                            belarusianLetter = true;
                            break;
                        case 'ј' or 'Ј' or 'љ' or 'Љ' or 'њ' or 'Њ' or 'ђ' or 'Ђ' or 'ћ' or 'Ћ' or 'џ' or 'Џ'
                            or 'ѓ' or 'Ѓ' or 'ќ' or 'Ќ' or 'ѕ' or 'Ѕ' or 'ә' or 'Ә' or 'ғ' or 'Ғ' or 'қ' or 'Қ' or 'ң' or 'Ң'
                            or 'ө' or 'Ө' or 'ұ' or 'Ұ' or 'ү' or 'Ү' or 'һ' or 'Һ':
                            otherCyrillicLetter = true;
                            break;
                    }
                    continue;
                }
                if (c is >= '\u00C0' and <= '\u024F')
                {
                    latin++;
                    diacritic = true;
                    continue;
                }
                if (c is '’' or 'ʼ') { apostrophe = true; continue; }
                if (char.IsLetter(c)) other++;
            }
            var letters = cyrillic + latin + other;
            if (letters == 0) return;
            _letters += letters;
            var weight = char.IsUpper(word[0]) ? CapitalisedWeight : 1f;

            Votes fw = default;
            var isFunctionWord = false;
            if (word.Length <= MaxFunctionWordLength)
            {
                var n = word.ToLowerInvariant(lower);
                if (n > 0)
                {
                    var key = lower[..n];
                    for (var k = 0; k < key.Length; k++) if (key[k] is '’' or 'ʼ') key[k] = '\'';
                    isFunctionWord = FunctionWordLookup.TryGetValue(key, out fw);
                }
            }

            if (cyrillic >= latin && cyrillic >= other)
            {
                _cyrillicWeight += cyrillic * weight + (isFunctionWord ? FunctionWordWeight : 0);
                if (ukLetter || apostrophe) _uk += 1;
                if (ruLetter) _ru += 1;
                if (otherCyrillicLetter) _cyrillicOther += belarusianLetter ? 3 : 2;
                _ru += fw.Ru;
                _uk += fw.Uk;
                _cyrillicOther += fw.Other;
            }
            else if (latin >= other)
            {
                _latinWeight += latin * weight + (isFunctionWord ? FunctionWordWeight : 0);
                if (diacritic) _latinOther += 1;
                _en += fw.En;
                _latinOther += fw.Other;
            }
            else
            {
                _otherWeight += other * weight;
            }
        }

        public readonly Language Decide()
        {
            if (_letters < MinLetters) return Language.Other;
            if (_otherWeight > _cyrillicWeight && _otherWeight > _latinWeight) return Language.Other;
            if (_cyrillicWeight >= _latinWeight)
            {
                if (_cyrillicOther > _ru && _cyrillicOther > _uk) return Language.Other;
                return _uk > _ru ? Language.Ukrainian : Language.Russian;
            }
            return _latinOther > _en ? Language.Other : Language.English;
        }
    }

    private static FrozenDictionary<string, Votes> BuildFunctionWords()
    {
        // Each list holds frequent words of one language; a word in several lists splits its vote between them.
        string[] ru =
        [
            "и", "что", "это", "как", "из", "он", "она", "они", "оно", "его", "ее", "её", "их", "был", "была", "было",
            "были", "будет", "будут", "также", "уже", "еще", "ещё", "после", "или", "если", "только", "чтобы", "когда",
            "где", "который", "которая", "которое", "которые", "которых", "которым", "этот", "эта", "эти", "этого",
            "этом", "этой", "года", "году", "время", "сегодня", "всё", "все", "всех", "нет", "есть", "может", "ли",
            "же", "бы", "об", "от", "под", "во", "со", "также", "между", "более", "очень", "сейчас", "себя", "свои",
            "своих", "своей", "заявил", "заявила", "сообщил", "сообщает", "словам", "против", "однако",
            "почему", "какие", "такой", "такие", "тоже", "ни", "него", "неё", "нее", "них", "мы", "вы", "я", "меня",
            "вас", "нас", "этих", "здесь", "теперь", "раньше", "около", "пока", "лишь", "даже", "снова", "всего",
        ];
        string[] uk =
        [
            "і", "й", "та", "що", "це", "як", "від", "але", "з", "із", "зі", "вже", "ще", "його", "її", "їх", "вони",
            "він", "вона", "воно", "був", "була", "було", "були", "буде", "будуть", "також", "після", "або", "якщо",
            "лише", "тільки", "щоб", "коли", "де", "чи", "який", "яка", "яке", "які", "яких", "якого", "якій", "цей",
            "ця", "ці", "цього", "цієї", "цих", "року", "сьогодні", "всі", "усі", "немає", "є", "може", "під", "свої",
            "своїх", "своєї", "між", "більш", "дуже", "зараз", "себе", "заявив", "заявила", "повідомив", "повідомляє",
            "словами", "проти", "однак", "проте", "чому", "такий", "такі", "теж", "ні", "нього", "неї", "них",
            "ми", "ви", "я", "мене", "вас", "нас", "цих", "тут", "тепер", "раніше", "близько", "поки", "навіть",
            "знову", "усього", "наразі", "зокрема", "адже", "тому", "саме",
        ];
        string[] cyrillicOther =
        [
            // Bulgarian
            "и", "че", "да", "се", "са", "е", "ще", "като", "това", "този", "тази", "тези", "които", "който", "която",
            "към", "във", "със", "след", "беше", "бяха", "има", "няма", "също", "според", "от", "или", "само", "днес",
            "през", "ние", "тя", "бе", "сме", "сте", "вече", "година", "утре", "още", "както", "обаче",
            "защото", "кога", "тук", "нещо", "всички", "всеки",
            // Serbian and Macedonian
            "је", "су", "од", "који", "која", "које", "што", "али", "као", "био", "била", "било", "ће", "није", "нису",
            "због", "код", "након", "према", "током", "још", "ќе", "го", "со",
            // Belarusian
            "гэта", "ад", "пра", "ён", "яна", "яны", "быў", "таксама", "калі", "ці", "ужо", "вельмі", "але", "і", "з", "што",
        ];
        string[] en =
        [
            "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from", "it",
            "be", "are", "this", "have", "has", "had", "an", "said", "were", "will", "not", "but", "which", "they",
            "their", "he", "she", "his", "her", "its", "after", "who", "been", "would", "there", "about", "more",
            "into", "than", "over", "also", "or", "we", "our", "can", "could", "what", "when", "up", "out", "other",
            "some", "only", "them", "these", "those", "says", "told", "while", "amid", "since", "under", "against",
            "during", "between", "new", "no", "just", "you", "your", "all", "how", "why", "where", "did", "does",
            "do", "if", "so", "because", "near", "according", "reported", "claims", "claimed", "least", "a",
            "people", "should", "may", "many", "now", "still", "first", "two", "three", "one", "i", "my",
        ];
        string[] latinOther =
        [
            // German
            "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "auf", "für", "sich",
            "dem", "des", "im", "auch", "es", "sind", "wird", "wurde", "nach", "bei", "aus", "dass", "als", "wie", "hat",
            "haben", "oder", "aber", "noch", "nur", "über", "gegen", "seit", "einen", "einem", "in", "an",
            // French
            "le", "la", "les", "de", "des", "et", "est", "une", "un", "du", "que", "qui", "dans", "pour", "pas", "sur",
            "au", "aux", "avec", "il", "elle", "ce", "cette", "sont", "par", "ont", "été", "mais", "ou", "plus", "leur",
            "selon", "contre", "après", "a",
            // Spanish
            "el", "los", "las", "y", "en", "del", "se", "por", "una", "para", "con", "es", "su", "al", "como", "más",
            "pero", "sus", "fue", "ha", "han", "este", "esta", "según", "tras", "desde", "sobre", "no",
            // Italian
            "di", "che", "e", "per", "non", "sono", "della", "si", "gli", "nel", "nella", "è", "anche", "dopo", "dei",
            "delle", "secondo",
            // Polish
            "i", "w", "z", "na", "nie", "się", "do", "że", "jest", "to", "o", "od", "po", "jak", "ale", "dla", "przez",
            "oraz", "został", "była", "być", "są", "ich", "który", "która", "które", "także", "tym",
            // Portuguese
            "os", "as", "em", "um", "não", "uma", "dos", "das", "na", "mais", "foi", "ao", "pelo", "pela",
            // Dutch
            "het", "een", "en", "van", "te", "dat", "op", "zijn", "met", "voor", "er", "ook", "aan", "werd", "is",
        ];

        var lists = new (string[] Words, int Slot)[] { (ru, 0), (uk, 1), (en, 2), (cyrillicOther, 3), (latinOther, 3) };
        var sets = lists.Select(l => (Set: l.Words.ToHashSet(StringComparer.Ordinal), l.Slot)).ToArray();
        var all = lists.SelectMany(l => l.Words).Distinct(StringComparer.Ordinal);
        var votes = new Dictionary<string, Votes>(StringComparer.Ordinal);
        foreach (var word in all)
        {
            var slots = sets.Where(s => s.Set.Contains(word)).Select(s => s.Slot).Distinct().ToArray();
            var share = 1f / slots.Length;
            votes[word] = new Votes(
                slots.Contains(0) ? share : 0, slots.Contains(1) ? share : 0,
                slots.Contains(2) ? share : 0, slots.Contains(3) ? share : 0);
        }
        System.Diagnostics.Debug.Assert(votes.Keys.All(w => w.Length <= MaxFunctionWordLength));
        return votes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
