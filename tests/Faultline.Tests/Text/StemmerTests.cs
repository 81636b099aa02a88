using Faultline.Text;
using Xunit.Abstractions;

namespace Faultline.Tests.Text;

public class StemmerTests(ITestOutputHelper output)
{
    /// <summary>Inflected Ukrainian forms and the form they must meet (a news vocabulary: nouns, names, adjectives, verbs).</summary>
    public static readonly TheoryData<string, string> UkrainianForms = new()
    {
        { "мобілізації", "мобілізація" }, { "мобілізацію", "мобілізація" }, { "мобілізацією", "мобілізація" },
        { "мобілізацій", "мобілізація" }, { "Зеленського", "Зеленський" }, { "Зеленському", "Зеленський" },
        { "Зеленським", "Зеленський" }, { "ракети", "ракета" }, { "ракеті", "ракета" }, { "ракету", "ракета" },
        { "ракетою", "ракета" }, { "ракетами", "ракета" }, { "ракетах", "ракета" }, { "ракет", "ракета" },
        { "удару", "удар" }, { "ударом", "удар" }, { "ударів", "удар" }, { "ударами", "удар" }, { "удари", "удар" },
        { "президента", "президент" }, { "президентові", "президент" }, { "президентом", "президент" },
        { "президентів", "президент" }, { "області", "область" }, { "областю", "область" }, { "областей", "область" },
        { "областях", "область" }, { "України", "Україна" }, { "Україні", "Україна" }, { "Україну", "Україна" },
        { "Україною", "Україна" }, { "військового", "військовий" }, { "військовому", "військовий" },
        { "військових", "військовий" }, { "військовими", "військовий" }, { "військова", "військовий" },
        { "військові", "військовий" }, { "військовою", "військовий" }, { "останнього", "останній" },
        { "останньому", "останній" }, { "останні", "останній" }, { "російського", "російський" },
        { "російських", "російський" }, { "російська", "російський" }, { "заявили", "заявила" }, { "заявило", "заявила" },
        { "повідомили", "повідомила" }, { "повідомляють", "повідомляє" }, { "атакують", "атакує" },
        { "Петрова", "Петров" }, { "Петровим", "Петров" }, { "Львові", "Львів" }, { "військове", "військовий" }, { "бореться", "борються" },
        { "генералів", "генерал" }, { "генерали", "генерал" }, { "генералам", "генерал" }, { "блогерів", "блогер" },
        { "списку", "списки" }, { "списків", "списки" }, { "фронту", "фронт" }, { "фронті", "фронт" }, { "міста", "місто" }, { "місті", "місто" },
        { "містом", "місто" }, { "війни", "війна" }, { "війні", "війна" }, { "війну", "війна" }, { "війною", "війна" },
        { "обстрілів", "обстріл" }, { "обстрілами", "обстріл" }, { "об'єкта", "об'єкт" }, { "об'єктів", "об'єкт" },
        { "людям", "люди" }, { "людей", "люди" }, { "країни", "країна" }, { "країнах", "країна" },
    };

    /// <summary>Words that must stay apart although they share letters.</summary>
    public static readonly TheoryData<string, string> UkrainianDistinct = new()
    {
        { "мир", "мирний" }, { "ракета", "ракетний" }, { "Україна", "українці" }, { "танк", "танкер" },
        { "ніч", "нічний" }, { "область", "обласний" }, { "військо", "війна" }, { "генерал", "генеральний" },
    };

    [Theory]
    [MemberData(nameof(UkrainianForms))]
    public void UkrainianInflectionsConflate(string form, string lemma)
        => Assert.Equal(Stem(lemma, Language.Ukrainian), Stem(form, Language.Ukrainian));

    [Theory]
    [MemberData(nameof(UkrainianDistinct))]
    public void UkrainianDerivationsStayApart(string a, string b)
        => Assert.NotEqual(Stem(a, Language.Ukrainian), Stem(b, Language.Ukrainian));

    [Fact]
    public void UkrainianListIsLargeEnough()
    {
        Assert.True(UkrainianForms.Count() >= 40);
        foreach (var row in UkrainianForms)
        {
            output.WriteLine($"{row[0]} → {Stem((string)row[0], Language.Ukrainian)}   {row[1]} → {Stem((string)row[1], Language.Ukrainian)}");
        }
    }

    [Fact]
    public void UkrainianStemsKeepAtLeastThreeLetters()
    {
        foreach (var word in new[] { "він", "вона", "воно", "вони", "їх", "ідея", "ідеї", "бути", "Київ" })
        {
            var stem = Stem(word, Language.Ukrainian);
            Assert.True(stem.Length >= Math.Min(3, word.Length), $"{word} → {stem}");
        }
    }

    [Theory]
    [InlineData("путина", "путин")]
    [InlineData("путину", "путин")]
    [InlineData("путиным", "путин")]
    [InlineData("мобилизации", "мобилизация")]
    [InlineData("генералов", "генералы")]
    [InlineData("списков", "списки")]
    public void RussianUsesSnowball(string form, string lemma) => Assert.Equal(Stem(lemma, Language.Russian), Stem(form, Language.Russian));

    [Theory]
    [InlineData("lists", "list")]
    [InlineData("generals", "general")]
    [InlineData("running", "run")]
    [InlineData("mobilization", "mobilizations")]
    public void EnglishUsesPorter2(string form, string lemma) => Assert.Equal(Stem(lemma, Language.English), Stem(form, Language.English));

    [Fact]
    public void ScriptPicksTheStemmerInsideAPost()
    {
        Assert.Equal(Stem("lists", Language.English), Stem("lists", Language.Russian));
        Assert.Equal(Stem("lists", Language.English), Stem("lists", Language.Ukrainian));
        Assert.Equal(Stem("мобилизации", Language.Russian), Stem("мобилизации", Language.English));
        Assert.Equal("мобілізац", Stem("мобілізації", Language.English));
        Assert.Equal(Stem("ситуація", Language.Ukrainian), Stem("ситуація", Language.Russian));
        Assert.Equal(Stem("мобилизацыя", Language.Russian), Stem("мобилизацыя", Language.Ukrainian));
        Assert.NotEqual(Stem("генерала", Language.Russian), Stem("генерала", Language.Ukrainian));
    }

    [Fact]
    public void OtherLanguageDigitsAndForeignScriptsAreLeftAlone()
    {
        Assert.Equal("списков", Stemmer.Stem("списков", Language.Other));
        Assert.Equal("2022", Stemmer.Stem("2022", Language.Russian));
        Assert.Equal("πόλεμος", Stemmer.Stem("πόλεμος", Language.English));
        var garbage = new string('а', Stemmer.MaxWordLength + 1);
        Assert.Equal(garbage, Stemmer.Stem(garbage, Language.Russian));
    }

    [Fact]
    public void StemmingIsThreadSafe()
    {
        var words = new[] { "мобилизации", "генералов", "списков", "lists", "generals", "мобілізації", "Зеленського" };
        var expected = words.Select(w => Stem(w, Language.Russian)).ToArray();
        Parallel.For(0, 20_000, i =>
        {
            var k = i % words.Length;
            // Vary the input so that caches miss and Snowball objects are exercised concurrently.
            var word = words[k] + (i % 3 == 0 ? "" : new string('ь', i % 2));
            var stem = Stem(word, Language.Russian);
            if (i % 3 == 0) Assert.Equal(expected[k], stem);
        });
    }

    private static string Stem(string word, Language language) => Stemmer.Stem(TextNormalizer.Normalize(word), language);
}
