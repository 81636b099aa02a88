using Faultline.Text;

namespace Faultline.Analysis.Stance;

/// <summary>The kinds of loaded language a post can carry.</summary>
public enum LoadedCategory
{
    /// <summary>Emotionally charged words: outrage, disgust, shame, insult.</summary>
    Emotional,
    /// <summary>Appeals to fear: threat, catastrophe, annihilation.</summary>
    Fear,
    /// <summary>Dehumanising terms for a people, an army or a group (slurs used in the information space).</summary>
    Dehumanising,
}

/// <summary>One word that made a post's loaded-language score.</summary>
/// <param name="Word">The word as written in the post.</param>
/// <param name="Category">Which kind of loaded language it is.</param>
/// <param name="Offset">Where it starts in the post's text (UTF-16 code units).</param>
public sealed record LoadedTerm(string Word, LoadedCategory Category, int Offset);

/// <summary>A post's loaded-language score with the words that triggered it.</summary>
/// <param name="Score">
/// Weighted hits per 100 words (dehumanising terms weigh 2, the others 1); posts shorter than 20 words count as 20
/// so that one word in a three-word post does not read as saturation. 0 when nothing fired.
/// </param>
/// <param name="Words">How many words the post has.</param>
/// <param name="Terms">Every triggering word, in text order.</param>
public sealed record LoadedLanguageScore(double Score, int Words, IReadOnlyList<LoadedTerm> Terms)
{
    /// <summary>How many triggering words of a category the post holds.</summary>
    public int Count(LoadedCategory category) => Terms.Count(t => t.Category == category);
}

/// <summary>
/// Scores emotionally charged words, appeals to fear and dehumanising terms in one post by a stemmed lexicon
/// (ru/uk/en); it counts words and does not judge whom they target or whether they are quoted.
/// </summary>
public static class LoadedLanguage
{
    private const int MinimumWords = 20;

    [ThreadStatic] private static List<PostToken>? t_tokens;

    /// <summary>The loaded-language score of a post's text in the given language ("ru", "uk", "en"; others use the script).</summary>
    public static LoadedLanguageScore Score(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = t_tokens ??= [];
        PostTokens.Scan(text, LanguageCodes.Parse(language ?? ""), tokens);
        List<LoadedTerm>? terms = null;
        var weighted = 0.0;
        foreach (var token in tokens)
        {
            if (!LoadedLexicon.Default.TryGet(token.Stem, out var category)) continue;
            (terms ??= []).Add(new LoadedTerm(text.Substring(token.Start, token.Length), category, token.Start));
            weighted += category == LoadedCategory.Dehumanising ? 2 : 1;
        }
        var score = weighted == 0 ? 0 : 100.0 * weighted / Math.Max(tokens.Count, MinimumWords);
        return new LoadedLanguageScore(score, tokens.Count, terms ?? (IReadOnlyList<LoadedTerm>)[]);
    }
}

/// <summary>
/// The loaded-language word lists, matched by stem. The dehumanising list records slurs as they are used in the
/// Russia–Ukraine information space (by either side); it is data for measurement, not endorsement. Some entries
/// collide with ordinary words ("укроп" is also dill, "вата" cotton wool), which over-counts in cooking posts.
/// </summary>
internal sealed class LoadedLexicon
{

    private readonly Dictionary<string, LoadedCategory> _stems = new(StringComparer.Ordinal);

    private LoadedLexicon()
    {
        // Dehumanising first: a stem listed twice keeps its first, strongest category.
        Add(LoadedCategory.Dehumanising, DehumanisingWords);
        Add(LoadedCategory.Fear, FearWords);
        Add(LoadedCategory.Emotional, EmotionalWords);
    }

    public bool TryGet(string stem, out LoadedCategory category) => _stems.TryGetValue(stem, out category);

    private void Add(LoadedCategory category, string[] words)
    {
        foreach (var word in words)
        {
            foreach (var language in StanceLexicon.LanguagesFor(word)) _stems.TryAdd(Stemmer.Stem(word, language), category);
        }
    }

    /// <summary>Slurs for Ukrainians, Russians and soldiers as used in the information space; shared with the stance lexicon as criticism.</summary>
    internal static readonly string[] DehumanisingWords =
    [
        // used against Ukrainians / the Ukrainian side
        "укропы", "укроп", "укропов", "хохлы", "хохол", "хохлов", "бандеровцы", "бандеровцев", "укронацисты", "укронацистов",
        "нацики", "свидомиты", "хунта",
        // used against Russians / the Russian side
        "орки", "орков", "орк", "рашисты", "рашистов", "рашист", "русня", "кацапы", "кацапов", "москали", "ватники",
        "ватник", "свинособаки", "мобики", "мобиков", "чмобики", "чмобиков", "нелюди", "нелюдь", "недолюди",
        "орки", "орків", "рашисти", "рашистів", "кацапи", "кацапів", "москалі", "москалів", "ватники", "свинособаки",
        "чмобіки", "чмобіків", "мобіки", "мобіків", "нелюди", "недолюди",
        "orcs", "orc", "ruscists", "rashists", "vatniks", "vatnik", "khokhols", "subhuman", "subhumans", "vermin",
        "cockroaches", "тараканы", "таргани",
    ];

    private static readonly string[] FearWords =
    [
        "угроза", "угрожает", "катастрофа", "катастрофы", "уничтожат", "уничтожение", "истребят", "истребление",
        "геноцид", "апокалипсис", "паника", "панику", "ядерный", "ядерного", "смертельная", "резня", "гибель", "погибнем",
        "опасность", "страшно", "страх", "вторжение", "хаос", "загроза", "загрожує", "знищать", "знищення", "геноцид",
        "паніка", "ядерний", "ядерного", "загибель", "небезпека", "страшно", "страх", "хаос",
        "threat", "threatens", "catastrophe", "catastrophic", "annihilate", "annihilation", "genocide", "apocalypse",
        "panic", "nuclear", "slaughter", "doom", "extermination", "terrifying", "deadly", "invasion", "chaos",
    ];

    private static readonly string[] EmotionalWords =
    [
        "позор", "позорный", "ужас", "ужасно", "кошмар", "чудовищный", "чудовищно", "отвратительный", "отвратительно",
        "омерзительно", "мерзко", "предательство", "предатели", "подлость", "подлый", "зверство", "зверства", "трагедия",
        "ярость", "возмутительно", "возмутительный", "шок", "шокирующий", "мрази", "твари", "сволочи", "уроды", "ублюдки",
        "кровавый", "бесчеловечный", "варвары", "варварский", "ганьба", "ганебний", "жах", "жахливий", "жахливо",
        "огидний", "огидно", "зрада", "зрадники", "підлість", "звірства", "звірство", "трагедія", "шок", "мерзота",
        "покидьки", "виродки", "кривавий", "варвари", "варварський", "нелюдський",
        "shameful", "disgrace", "disgraceful", "horrific", "horrible", "outrageous", "disgusting", "monstrous",
        "atrocity", "atrocities", "treason", "betrayal", "traitors", "shocking", "vile", "barbaric", "barbarians",
        "bloody", "heinous", "evil", "savage", "butchers",
    ];

    // Declared after the word lists: static initialisers run in text order.
    public static LoadedLexicon Default { get; } = new();
}
