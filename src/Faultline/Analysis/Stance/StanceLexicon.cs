using Faultline.Text;

namespace Faultline.Analysis.Stance;

/// <summary>What a lexicon word does in a stance call.</summary>
internal enum CueKind : byte
{
    /// <summary>Blame, insult, failure: the author criticises the actor the word attaches to.</summary>
    Criticise,
    /// <summary>Praise, thanks, endorsement.</summary>
    Support,
    /// <summary>Praise said as an interjection ("браво", "молодцы", "спасибо"): read as irony beside a criticism.</summary>
    Praise,
    /// <summary>Negates the cue a few words after it.</summary>
    Negator,
    /// <summary>Introduces someone else's words ("заявил", "по словам", "claimed"): what follows is reported, not the author's.</summary>
    Reporting,
    /// <summary>The author sides with reported words ("справедливо", "rightly").</summary>
    Endorse,
    /// <summary>An ironic marker ("ну конечно", "так называемый", "yeah right"): flips praise and mocks on its own.</summary>
    Sarcasm,
    /// <summary>I / we: a reporting verb right after it is the author speaking.</summary>
    FirstPerson,
}

/// <summary>One lexicon entry: the kind, the weight and the dictionary form it was listed as (for evidence).</summary>
internal readonly record struct Cue(CueKind Kind, double Weight, string Listed);

/// <summary>
/// The word lists for stance in Russian, Ukrainian and English, matched by stem (<see cref="Stemmer"/>): each listed
/// form is stemmed once as Russian and as Ukrainian (Cyrillic) or as English (Latin), so inflected forms meet.
/// Two-word entries ("ну конечно", "по словам", "so called") are matched as stem pairs and win over single words.
/// </summary>
internal sealed class StanceLexicon
{

    private readonly Dictionary<string, Cue> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), Cue> _pairs = [];

    private StanceLexicon()
    {
        Add(CueKind.Criticise, 1.0, Criticism);
        Add(CueKind.Criticise, 1.0, LoadedLexicon.DehumanisingWords);
        Add(CueKind.Support, 1.0, Support);
        Add(CueKind.Praise, 1.0, Praise);
        Add(CueKind.Negator, 1.0, Negators);
        Add(CueKind.Reporting, 1.0, Reporting);
        Add(CueKind.Endorse, 1.0, Endorsing);
        Add(CueKind.Sarcasm, 0.5, SarcasmMarkers);
        Add(CueKind.FirstPerson, 1.0, FirstPerson);
    }

    /// <summary>The cue for a stem, if any.</summary>
    public bool TryWord(string stem, out Cue cue) => _words.TryGetValue(stem, out cue);

    /// <summary>The cue for two consecutive stems, if any.</summary>
    public bool TryPair(string first, string second, out Cue cue) => _pairs.TryGetValue((first, second), out cue);

    private void Add(CueKind kind, double weight, string[] entries)
    {
        foreach (var entry in entries)
        {
            var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cue = new Cue(kind, weight, entry);
            foreach (var language in LanguagesFor(entry))
            {
                // Longer phrases are matched by their last two words ("кто бы сомневался" by "бы сомневался").
                if (parts.Length == 1) _words.TryAdd(Stemmer.Stem(parts[0], language), cue);
                else _pairs.TryAdd((Stemmer.Stem(parts[^2], language), Stemmer.Stem(parts[^1], language)), cue);
            }
        }
    }

    internal static Language[] LanguagesFor(string entry)
        => entry.Any(char.IsAsciiLetter) ? [Language.English] : [Language.Russian, Language.Ukrainian];

    // Word forms are listed as they occur; several forms where the stemmer keeps them apart (лгут / лжет).
    private static readonly string[] Criticism =
    [
        // ru
        "предатели", "предатель", "предательство", "предали", "провал", "провалили", "провалил", "провальный", "позор",
        "позорный", "позорно", "опозорились", "бездарные", "бездарный", "бездарность", "бездари", "виноваты", "виноват",
        "вина", "лгут", "лжет", "врут", "врет", "ложь", "вранье", "лжецы", "брехня", "обманывают", "обман", "некомпетентные",
        "некомпетентность", "безответственные", "безответственность", "преступные", "преступление", "преступники",
        "воры", "воруют", "коррупция", "коррупционеры", "трусы", "трусость", "бардак", "развал", "катастрофический",
        "халатность", "идиоты", "дураки", "клоуны", "клоунада", "паркетные", "паркетный", "мрази", "твари", "сволочи",
        "бросили", "бросают", "кинули", "сдали", "сдают", "подставили", "угробили", "слили", "слив", "зрада", "абсурд",
        "вредительство", "саботаж", "отставку", "бездействие", "бездействует", "молчит", "молчат", "скрывают",
        "замалчивают", "цинично", "цинизм", "неспособны", "неспособен", "беспомощные", "беспомощность", "фейк", "фейки",
        "пропаганда", "пропагандисты", "диктатор", "агрессор", "оккупанты", "террористы", "терроризм",
        "военные преступления", "позорище", "стыд", "стыдно", "отвратительно", "мерзко", "возмутительно", "разочарование",
        "провалы", "упустили", "лицемерно", "лицемерие", "лицемеры", "скрыть", "скрывает", "втягивает", "затягивает", "сбежали", "бежали", "проспали", "просрали", "обвал", "кошмар",
        // uk
        "зрадники", "зрадник", "зрада", "провал", "провалили", "ганьба", "ганебний", "ганебно", "бездарні", "бездарний",
        "винні", "винен", "брешуть", "бреше", "брехня", "брехуни", "обманюють", "некомпетентні", "безвідповідальні",
        "злочинці", "злочин", "злочинний", "злочинна", "корупція", "корупціонери", "крадуть", "боягузи", "бардак", "ідіоти", "клоуни",
        "покинули", "кинули", "здали", "підставили", "мовчить", "мовчать", "приховують", "цинічно", "нездатні",
        "окупанти", "терористи", "агресор", "диктатор", "пропаганда", "фейк", "соромно", "сором", "огидно",
        "розчарування", "обурливо", "затягує", "втекла", "втекли", "лицемірно", "піар", "піаром", "проспали",
        // en
        "traitors", "traitor", "betrayal", "betrayed", "failure", "failed", "fiasco", "disgrace", "disgraceful",
        "shameful", "shame", "incompetent", "incompetence", "blame", "to blame", "lie", "lies", "lying", "liars",
        "deceive", "corrupt", "corruption", "cowards", "cowardly", "criminal", "criminals", "crimes", "war crimes",
        "reckless", "irresponsible", "clowns", "idiots", "abandoned", "botched", "bungled", "mess", "chaos", "blunder",
        "blunders", "negligence", "propaganda", "dictator", "aggressor",  "occupiers",
        "terrorist", "terrorists", "disastrous", "outrageous", "appalling", "pathetic", "useless", "inept", "hypocrisy",
        "hypocrites", "dithering", "fled", "cover up", "covered up", "silent", "failing", "squandered", "disappointment", "fake",
    ];

    private static readonly string[] Support =
    [
        // ru
        "герои", "герой", "героически", "героический", "героизм", "поддерживаем", "поддерживаю", "поддержка",
        "поддержать", "благодарим", "благодарю", "благодарность", "правильное решение", "правильно", "верное решение",
        "гордимся", "гордость", "горжусь", "уважение", "уважаем", "достойно", "достойный", "мужественно",
        "мужество", "профессионально", "профессионалы", "успешно", "успех", "успешный", "победа", "побед", "отлично",
        "блестяще", "грамотно", "грамотное", "мудрое", "мудро", "защитники", "защищают", "надежный", "доверяем", "доверие", "слава", "храбро", "смелое", "сильное решение", "эффективно", "вовремя",
        // uk
        "герої", "героїв", "героїчно", "героїзм", "підтримуємо", "підтримую", "підтримка", "дякуємо", "вдячні",
        "вдячність", "правильне рішення", "правильно", "пишаємося", "пишаюся", "гордість", "повага", "поважаємо",
        "гідно", "мужньо", "мужність", "професійно", "професіонали", "успішно", "успіх", "перемога", "чудово",
        "захисники", "захищають", "довіряємо", "довіра", "слава", "сміливе",
        "ефективно", "вчасно",
        // en
        "heroes", "heroic", "heroically", "hero", "support", "supporting", "grateful", "gratitude", "thank",
        "right decision", "right call", "proud", "pride", "respect", "courage", "courageous", "brave", "bravery",
        "professional", "professionally", "successful", "success", "successfully", "victory", "excellent", "brilliant",
        "defenders", "defend", "trust", "admirable", "commendable", "decisive", "effective",
        "effectively", "wise", "praise", "applaud", "credit", "deserve", "resilient", "resilience", 
    ];

    private static readonly string[] Praise =
    [
        "браво", "молодцы", "молодец", "спасибо", "гениально", "гениальный", "гениальные", "великолепно", "шикарно",
        "блестящий", "мастерски", "молодці", "дякую", "геніально", "геніальний", "чудовий",
        "bravo", "well done", "thanks", "great", "genius", "masterful", "superb", "stellar", "wonderful",
    ];

    private static readonly string[] Negators =
    [
        "не", "ни", "нет", "без", "никогда", "ні", "немає", "нема", "ніколи",
        "not", "no", "never", "nor", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't",
        "can't", "cannot", "hardly", "without",
    ];

    private static readonly string[] Reporting =
    [
        "заявил", "заявила", "заявило", "заявили", "заявляет", "заявляют", "сообщил", "сообщила", "сообщило", "сообщили",
        "сказал", "сказала", "сказали", "утверждает", "утверждают", "утверждал", "считает", "считают", "пишет", "пишут",
        "написал", "обвинил", "обвинила", "обвинили", "обвиняет", "обвиняют", "назвал", "назвала", "назвали", "называет",
        "называют", "уверяет", "уверяют", "жалуется", "жалуются", "критикует", "критикуют", "раскритиковал",
        "раскритиковали", "по словам", "по мнению", "по версии", "якобы", "считают", "уверен", "уверены",
        "заявив", "заявила", "повідомив", "повідомила", "повідомили", "сказав", "вважає", "вважають", "пише", "пишуть",
        "написав", "звинуватив", "звинуватила", "звинуватили", "звинувачує", "звинувачують", "назвав", "називає",
        "стверджує", "стверджують", "за словами", "на думку", "нібито", "критикує", "розкритикував",
        "said", "says", "claimed", "claims", "stated", "states", "accused", "accuses", "called", "calls", "wrote",
        "writes", "argued", "argues", "alleged", "alleges", "blamed", "blames", "insisted", "insists", "according to",
        "criticised", "criticized", "praised", "told",
    ];

    private static readonly string[] Endorsing =
    [
        "справедливо", "прав", "правы", "верно", "точно подмечено", "согласны", "согласен", "слушно", "має рацію",
        "мають рацію", "погоджуємося", "rightly", "correctly", "agree", "fair point",
    ];

    private static readonly string[] SarcasmMarkers =
    [
        "ну конечно", "ну да", "ага конечно", "кто бы сомневался", "как неожиданно", "так называемый", "так называемая",
        "так называемые", "как всегда", "ну звісно", "ага звісно",
        "хто б сумнівався", "так звані", "так званий", "як завжди", "yeah right", "so called",
        "what a surprise", "as usual", "once again",
    ];

    private static readonly string[] FirstPerson = ["я", "мы", "ми", "i", "we"];

    // Declared after the word lists: static initialisers run in text order.
    /// <summary>The built-in lexicon.</summary>
    public static StanceLexicon Default { get; } = new();
}
