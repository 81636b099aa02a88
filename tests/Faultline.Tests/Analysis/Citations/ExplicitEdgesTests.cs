using Faultline.Analysis;
using Faultline.Analysis.Citations;
using Faultline.Archive.Ingestion;
using Faultline.Model;

namespace Faultline.Tests.Analysis.Citations;

public class ExplicitEdgesTests
{
    private static readonly DateTimeOffset T0 = new(2022, 10, 14, 9, 0, 0, TimeSpan.Zero);

    // Fictional channels: 1 @severny_rubezh «Северный рубеж», 2 @zarechye «Заречье сегодня», 3 @lisova_pravda «Лісова правда»,
    // 4 @millbrook_wire «Millbrook Wire».
    private static readonly SourceAlias[] Sources =
    [
        new(1, "severny_rubezh", "Северный рубеж"),
        new(2, "@Zarechye", "Заречье сегодня", ["zarechye_old"]),
        new(3, "lisova_pravda", "Лісова правда"),
        new(4, "millbrook_wire", "Millbrook Wire"),
    ];

    private static AnalysisPost Post(long id, long source, double minutes, string text, string language = "ru", string? native = null)
    {
        var links = Faultline.Text.EntityScanner.Scan(text).Where(e => e.Kind == EntityKind.Link)
            .Select(e => PostPreparation.ResolveLink(e.Value!)).OfType<Faultline.Archive.LinkTarget>().ToList();
        return new AnalysisPost(id, source, native ?? (id * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), T0.AddMinutes(minutes), text, language)
        {
            Links = links,
        };
    }

    private static ExplicitEdgeResult Find(params AnalysisPost[] posts)
        => new ExplicitEdges().Find(posts, new SourceDirectory(Sources, posts));

    private const string EnglishStory = "A drone hit the oil depot in the village of Kamenka, starting a fire over 300 square metres.";

    private const string Story = "Беспилотник атаковал нефтебазу в посёлке Каменка, возник пожар на площади 300 квадратных метров.";

    [Fact]
    public void AForwardNamingItsPostLinksToThatPost()
    {
        var original = Post(1, 1, 0, Story);
        var forward = Post(2, 2, 5, Story) with { ForwardedFrom = new ForwardOrigin { Handle = "severny_rubezh", PostId = "10" } };

        var result = Find(original, forward, Post(3, 1, 3, "Другой пост того же канала про погоду в Заречной области."));

        Assert.Equal([new PostEdge(1, 2, EdgeKind.Forward, 1)], result.Edges);
    }

    [Fact]
    public void ADesktopForwardWithOnlyATitleLinksToTheLatestPostWithTheSameText()
    {
        var older = Post(1, 1, -60, Story);
        var latest = Post(2, 1, 0, Story);
        var unrelated = Post(3, 1, 2, "Сегодня в Заречной области ожидается снегопад и гололедица.");
        var forward = Post(4, 2, 5, Story) with { ForwardedFrom = new ForwardOrigin { Name = "СЕВЕРНЫЙ РУБЕЖ" } };

        var result = Find(older, latest, unrelated, forward);

        Assert.Equal([new PostEdge(2, 4, EdgeKind.Forward, 1)], result.Edges);
    }

    [Fact]
    public void AForwardFromAKnownSourceWithNoMatchingPostIsASourceRelation()
    {
        var forward = Post(1, 2, 5, Story) with { ForwardedFrom = new ForwardOrigin { Name = "Северный рубеж" } };
        var tooOld = Post(2, 1, -60 * 24 * 8, Story);

        var result = Find(forward, tooOld);

        Assert.Empty(result.Edges);
        Assert.Equal([new SourceRelation(1, 1, EdgeKind.Forward)], result.SourceRelations);
    }

    [Fact]
    public void AForwardFromAnUnknownChannelGivesNothing()
    {
        var forward = Post(1, 2, 5, Story) with { ForwardedFrom = new ForwardOrigin { Name = "Неизвестный канал" } };

        var result = Find(forward);

        Assert.Empty(result.Edges);
        Assert.Empty(result.SourceRelations);
    }

    [Fact]
    public void ALinkToAnArchivedPostOfAnotherChannelCitesIt()
    {
        var cited = Post(1, 1, 0, Story, native: "4521");
        var citing = Post(2, 2, 30, "Подробности пожара в Каменке: https://t.me/severny_rubezh/4521");

        var result = Find(cited, citing);

        Assert.Equal([new PostEdge(1, 2, EdgeKind.Cites, 1)], result.Edges);
    }

    [Fact]
    public void ALinkToAPostThatIsNotArchivedIsOnlyASourceRelation()
    {
        var citing = Post(2, 2, 30, "Подробности пожара в Каменке: t.me/severny_rubezh/9999");

        var result = Find(Post(1, 1, 0, Story, native: "4521"), citing);

        Assert.Empty(result.Edges);
        Assert.Equal([new SourceRelation(2, 1, EdgeKind.Cites)], result.SourceRelations);
    }

    [Fact]
    public void ALinkToTheChannelsOwnPostIsNotACitation()
    {
        var result = Find(Post(1, 1, 0, Story, native: "4521"), Post(2, 1, 30, "Напоминаем: https://t.me/severny_rubezh/4521"));

        Assert.Empty(result.Edges);
        Assert.Empty(result.SourceRelations);
    }

    [Theory]
    [InlineData("Пожар на нефтебазе в Каменке охватил 300 квадратных метров, пишет @severny_rubezh", "ru")]
    [InlineData("Пожар на нефтебазе в Каменке охватил 300 квадратных метров — сообщает @Severny_Rubezh.", "ru")]
    [InlineData("По данным «Северный рубеж», пожар на нефтебазе в Каменке охватил 300 квадратных метров.", "ru")]
    [InlineData("Источник: t.me/severny_rubezh — пожар на нефтебазе в Каменке, 300 квадратных метров.", "ru")]
    [InlineData("Пожар на нефтебазе в Каменке, 300 квадратных метров. Пишет [Северный рубеж](https://t.me/severny_rubezh/77)", "ru")]
    [InlineData("Пожежа на нафтобазі в Каменці, 300 квадратних метрів, як повідомляє @severny_rubezh", "uk")]
    [InlineData("За даними @severny_rubezh, пожежа на нафтобазі в Каменці охопила 300 квадратних метрів.", "uk")]
    [InlineData("Fire at the Kamenka oil depot covers 300 square metres, according to @severny_rubezh", "en")]
    [InlineData("Fire at the Kamenka oil depot, 300 square metres (source: @severny_rubezh)", "en")]
    public void AnAttributionPhraseNamingAChannelLinksToItsMostSimilarRecentPost(string text, string language)
    {
        var original = Post(1, 1, 0, language == "en" ? EnglishStory : Story, language == "en" ? "en" : "ru");
        var other = Post(2, 1, 10, "Сегодня в Северограде открыли каток, вход бесплатный.");
        var attributing = Post(3, 2, 40, text, language);

        var result = Find(original, other, attributing);

        var edge = Assert.Single(result.Edges);
        Assert.Equal((1L, 3L, EdgeKind.Attribution), (edge.Earlier, edge.Later, edge.Kind));
    }

    [Fact]
    public void AnAttributionToAChannelWithNoRecentPostIsASourceRelation()
    {
        var result = Find(Post(1, 1, -60 * 72, Story), Post(2, 3, 0, "Як повідомляє @severny_rubezh, у Каменці пожежа.", "uk"));

        Assert.Empty(result.Edges);
        Assert.Equal([new SourceRelation(2, 1, EdgeKind.Attribution)], result.SourceRelations);
    }

    [Theory]
    [InlineData("Пожар на нефтебазе в Каменке охватил 300 квадратных метров, пишет местная газета.")]
    [InlineData("Об этом пишет издание «Вечерний Заречинск» со ссылкой на очевидцев пожара в Каменке.")]
    [InlineData("Пишет нам подписчик: пожар в Каменке до сих пор не потушен.")]
    [InlineData("Our reporter @millbrook_fan visited the Kamenka oil depot fire.")]
    public void AnAttributionWithoutAKnownChannelGivesNothing(string text)
    {
        var result = Find(Post(1, 1, 0, Story), Post(2, 2, 30, text));

        Assert.Empty(result.Edges);
        Assert.Empty(result.SourceRelations);
    }

    [Fact]
    public void AMentionWithoutAnAttributionPhraseIsNotAnAttribution()
    {
        var result = Find(Post(1, 1, 0, Story), Post(2, 2, 30, "Пожар в Каменке. Подписывайтесь на @zarechye и @severny_rubezh"));

        Assert.Empty(result.Edges);
    }

    [Fact]
    public void AnOldHandleAliasResolvesToTheRenamedChannel()
    {
        var original = Post(1, 2, 0, Story);
        var attributing = Post(2, 4, 20, "Пожар на нефтебазе в Каменке: 300 квадратных метров, via @zarechye_old");

        var result = Find(original, attributing);

        Assert.Equal(1, Assert.Single(result.Edges).Earlier);
    }

    [Fact]
    public void TheStageHasAnIdAndADescriptionForAnalysts()
    {
        Assert.Equal("explicit-edges", ExplicitEdges.StageId);
        Assert.Equal("echoes", Faultline.Analysis.Echoes.EchoFinder.StageId);
        Assert.StartsWith("Links", ExplicitEdges.Description);
        Assert.StartsWith("Links", Faultline.Analysis.Echoes.EchoFinder.Description);
    }
}
