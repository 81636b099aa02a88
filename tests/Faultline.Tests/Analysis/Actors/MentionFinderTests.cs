using CsCheck;
using Faultline.Analysis.Actors;

namespace Faultline.Tests.Analysis.Actors;

public sealed class MentionFinderTests
{
    private static readonly MentionFinder Finder = new(ActorRegistry.Default);

    private static IEnumerable<string> Ids(string text) => Finder.Find(text).Select(m => m.ActorId);

    [Theory]
    [InlineData("Путин", "Путина", "Путину", "Путиным", "Путине")]
    [InlineData("Зеленський", "Зеленського", "Зеленському", "Зеленським", "Зеленський")]
    [InlineData("Герасимов", "Герасимова", "Герасимову", "Герасимовым", "Герасимове")]
    [InlineData("Минобороны", "МО РФ", "министерство обороны", "Министерства обороны", "министерству обороны")]
    public void RussianAndUkrainianInflectionsMeetTheirActor(params string[] forms)
    {
        var expected = Finder.Find($"Сообщение: {forms[0]} упомянут.").Single().ActorId;
        foreach (var form in forms)
        {
            var text = $"Вчера {form} снова оказался в новостях.";
            var mention = Assert.Single(Finder.Find(text));
            Assert.Equal(expected, mention.ActorId);
            Assert.Equal(form, mention.Surface);
        }
    }

    [Fact]
    public void ShoiguDoesNotInflectAndItsTransliterationsAreFound()
    {
        Assert.Equal(["shoigu", "shoigu", "shoigu"], Ids("Шойгу прибыл. Shoygu left. Shoigu's visit ended."));
        Assert.Equal(["prigozhin", "prigozhin"], Ids("Prigojine et Prigozhin."));
        Assert.Empty(Ids("Шойгун и шойгуист — не имена."));
    }

    [Fact]
    public void FeminineFormsOfAMasculineSurnameAreNotTheMan()
        => Assert.Empty(Ids("Первая леди Зеленская посетила школу."));

    [Fact]
    public void CommonWordsThatLookLikeNamesAreNotMentions()
    {
        Assert.Empty(Ids("В тире не хватает стрелков, а у реки много песков."));
        Assert.Empty(Ids("Рыболовецкая путина началась на Каспии."));
        Assert.Empty(Ids("Отряд вошёл в серую зону у деревни. Передовая и серая зона пустеют."));
        Assert.Empty(Ids("Стрелков в роте стало больше."));
        Assert.Equal(["girkin", "girkin"], Ids("Стрелков снова выступил. Гиркин давно критикует командование."));
    }

    [Fact]
    public void AnAmbiguousNameMidSentenceNeedsOnlyItsCapital()
        => Assert.Equal(["girkin", "grey-zone"], Ids("Об этом написал Стрелков, а канал «Серая зона» добавил подробности."));

    [Fact]
    public void AbbreviationsMatchOnlyInCapitals()
    {
        Assert.Equal(["ua-armed-forces", "ru-mod", "us-gov"], Ids("ВСУ отошли, заявили в МО РФ; US officials agreed."));
        Assert.Empty(Ids("мо рф и всу в нижнем регистре, us too."));
    }

    [Fact]
    public void TheLongestAliasDecidesWhichMinistryIsMeant()
    {
        Assert.Equal(["ua-mod"], Ids("Минобороны Украины сообщило о потерях."));
        Assert.Equal(["uk-gov"], Ids("British Ministry of Defence published an update."));
        Assert.Equal(["ru-mod"], Ids("Минобороны России сообщило об отводе войск."));
        Assert.Equal(["ua-general-staff"], Ids("Генштаб ВСУ опубликовал сводку."));
    }

    [Fact]
    public void HandlesCountOnlyAfterAnAtSignOrInALink()
    {
        Assert.Equal(["grey-zone", "rybar"], Ids("Пишет @grey_zone, подробнее: https://t.me/rybar/12345"));
        Assert.Empty(Ids("a grey zone between the lines"));
    }

    [Fact]
    public void OffsetsPointIntoTheOriginalTextEvenAroundMarkup()
    {
        const string text = "**Срочно** 🔥 [ЧВК «Вагнер»](https://t.me/x) и Путиным…";
        var mentions = Finder.Find(text);
        Assert.Equal(["wagner", "putin"], mentions.Select(m => m.ActorId));
        foreach (var m in mentions) Assert.Equal(m.Surface, text.Substring(m.Offset, m.Length));
        Assert.Equal("ЧВК «Вагнер", mentions[0].Surface);
        Assert.Equal("Путиным", mentions[1].Surface);
    }
}

public sealed class MentionFinderPropertyTests
{
    [Fact]
    public void AnyTextGivesMentionsWhoseOffsetsCutOutTheirSurface()
    {
        var finder = new MentionFinder(ActorRegistry.Default);
        string[] words = ["Путина ", "ВСУ", "«Серая зона»", ". ", "\n", "@rybar", "t.me/", "Шойгу's", "U.S.", "**", "ё", "🔥", "\uD800", "Минобороны ", "Южной ", "стрелков ", "Стрелков ", " "];
        var glued = Gen.Select(Gen.Int[0, words.Length - 1].Array[0, 12], ix => string.Concat(ix.Select(i => words[i])));
        Gen.OneOf(Faultline.Tests.Text.TextGens.AnyText, glued).Sample(text =>
        {
            var mentions = finder.Find(text);
            var end = 0;
            foreach (var m in mentions)
            {
                Assert.True(m.Offset >= end, "mentions are ordered and do not overlap");
                Assert.Equal(m.Surface, text.Substring(m.Offset, m.Length));
                end = m.Offset + m.Length;
            }
        });
    }
}
