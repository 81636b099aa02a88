using Faultline.Text;

namespace Faultline.Tests.Text;

public class SearchTextTests
{
    private static void SharesAStem(string postText, Language language, string query)
    {
        var terms = SearchText.IndexTerms(postText, language).Split(' ');
        var stems = SearchText.QueryStems(query);
        Assert.True(stems.Intersect(terms).Any(), $"index [{string.Join(' ', terms)}] vs query [{string.Join(' ', stems)}]");
    }

    [Theory]
    [InlineData("Объявлена частичная мобилизации", Language.Russian, "мобилизация")]
    [InlineData("Оголошено хвилю мобілізації", Language.Ukrainian, "мобілізація")]
    [InlineData("Ministry lists milbloggers", Language.English, "list")]
    [InlineData("Заявление Путина", Language.Russian, "Путин")]
    [InlineData("Письмо Путину", Language.Russian, "Путин")]
    [InlineData("Встреча с Путиным", Language.Russian, "Путин")]
    [InlineData("Заява Зеленського", Language.Ukrainian, "Зеленський")]
    [InlineData("Лист Зеленському", Language.Ukrainian, "Зеленський")]
    [InlineData("Списков больше нет, ещё раз", Language.Russian, "еще")]
    [InlineData("Списков больше нет, еще раз", Language.Russian, "ещё")]
    [InlineData("ＭＯＢＩＬＩＺＡＴＩＯＮ ＬＩＳＴＳ", Language.English, "mobilization")]
    [InlineData("The ﬁnal list", Language.English, "final")]
    [InlineData("МОБИЛИЗАЦИЯ", Language.Russian, "мобилизации")]
    [InlineData("Milblogger reports mobilization", Language.Russian, "reports")]
    [InlineData("Росія оголосила мобилизацию", Language.Other, "мобилизация")]
    [InlineData("Украинские каналы пишут: «ситуація під контролем»", Language.Russian, "ситуація")]
    public void InflectedFormsMeetTheQuery(string text, Language language, string query) => SharesAStem(text, language, query);

    [Fact]
    public void IndexTermsKeepOrderAndDuplicates()
        => Assert.Equal("списк списк нет", SearchText.IndexTerms("Списки, списков — нет: https://t.me/x/1", Language.Russian));

    [Theory]
    [InlineData("мобілізація", new[] { "мобілізац" })]
    [InlineData("мобилизацыя", new[] { "мобилизацы" })]
    [InlineData("мобилизация", new[] { "мобилизац" })]
    [InlineData("генерала", new[] { "генера", "генерал" })]
    [InlineData("Lists", new[] { "list" })]
    [InlineData("из-за", new[] { "из", "за" })]
    [InlineData("2022", new[] { "2022" })]
    [InlineData("...", new string[0])]
    public void QueryStemsFollowTheWordsLetters(string word, string[] expected) => Assert.Equal(expected, SearchText.QueryStems(word));
}
