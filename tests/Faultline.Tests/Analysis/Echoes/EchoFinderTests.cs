using Faultline.Analysis;
using Faultline.Analysis.Echoes;

namespace Faultline.Tests.Analysis.Echoes;

public class EchoFinderTests
{
    private static readonly DateTimeOffset T0 = new(2022, 10, 14, 9, 0, 0, TimeSpan.Zero);

    private static AnalysisPost Post(long id, long source, double minutes, string text, string language = "ru")
        => new(id, source, id.ToString(System.Globalization.CultureInfo.InvariantCulture), T0.AddMinutes(minutes), text, language);

    /// <summary>Unrelated posts so that IDF has something to compare against (all fictional).</summary>
    private static IEnumerable<AnalysisPost> Background(long firstId) =>
    [
        Post(firstId, 90, -300, "В Северограде открыли новый каток у речного вокзала, вход бесплатный до конца месяца."),
        Post(firstId + 1, 91, -200, "Учёные вывели сорт морозостойких яблок, который переносит минус сорок градусов."),
        Post(firstId + 2, 92, -100, "Футбольный клуб Звезда проиграл на выезде со счётом 0:3 и опустился на пятое место."),
        Post(firstId + 3, 93, 400, "Мэрия Лесногорска объявила конкурс на лучший проект городского парка."),
        Post(firstId + 4, 94, 500, "Вчора в Дніпровську відкрили бібліотеку з коворкінгом для студентів.", "uk"),
        Post(firstId + 5, 95, 600, "The fictional town of Millbrook opened a new public library on Saturday.", "en"),
    ];

    private const string Wire =
        "Губернатор Заречной области Игорь Светлов сообщил, что беспилотник атаковал нефтебазу в посёлке Каменка. " +
        "Возник пожар на площади 300 квадратных метров, пострадавших нет, на месте работают 12 пожарных расчётов.";

    private const string Rewrite =
        "⚡️Пожар на нефтебазе в Каменке: по словам губернатора Светлова, её атаковал беспилотник. " +
        "Горит 300 квадратных метров, на месте 12 пожарных расчётов, пострадавших нет. Пишет @zarechye_news 👉 Подписаться";

    [Fact]
    public void ARewriteWithEmojiAttributionAndReorderedSentencesIsAnEcho()
    {
        List<AnalysisPost> posts = [.. Background(100), Post(1, 1, 0, Wire), Post(2, 2, 7, Rewrite)];

        var edges = new EchoFinder().Find(posts);

        var edge = Assert.Single(edges);
        Assert.Equal((1L, 2L, EdgeKind.Echo), (edge.Earlier, edge.Later, edge.Kind));
        Assert.InRange(edge.Score, EchoOptions.Default.Threshold, 1);
    }

    [Fact]
    public void TheEarlierPostIsTheSourceWhateverTheInputOrder()
    {
        List<AnalysisPost> posts = [Post(2, 2, 7, Rewrite), .. Background(100), Post(1, 1, 0, Wire)];

        var edge = Assert.Single(new EchoFinder().Find(posts));

        Assert.Equal((1L, 2L), (edge.Earlier, edge.Later));
    }

    [Fact]
    public void PostsOfTheSameSourceAreNeverEchoes()
    {
        List<AnalysisPost> posts = [.. Background(100), Post(1, 1, 0, Wire), Post(2, 1, 7, Rewrite)];

        Assert.Empty(new EchoFinder().Find(posts));
    }

    [Fact]
    public void ARewriteOutsideTheWindowIsNotAnEcho()
    {
        List<AnalysisPost> posts = [.. Background(100), Post(1, 1, 0, Wire), Post(2, 2, 7, Rewrite)];

        Assert.Empty(new EchoFinder(new EchoOptions { Window = TimeSpan.FromMinutes(5) }).Find(posts));
        Assert.Single(new EchoFinder(new EchoOptions { Window = TimeSpan.FromMinutes(10) }).Find(posts));
    }

    [Fact]
    public void TwoDifferentWeatherStoriesOnTheSameDayAreNotEchoes()
    {
        List<AnalysisPost> posts =
        [
            .. Background(100),
            Post(1, 1, 0, "Синоптики предупредили о сильном снегопаде в Заречной области: ночью выпадет до 20 сантиметров снега, ожидается гололедица."),
            Post(2, 2, 90, "В Лесногорске ожидается ледяной дождь и сильный ветер до 25 метров в секунду, синоптики советуют не парковаться под деревьями."),
        ];

        Assert.Empty(new EchoFinder().Find(posts));
    }

    [Fact]
    public void AnUpdateWithNewFiguresScoresBelowARetellingWithTheSameFigures()
    {
        const string First = "Курс северного талера на бирже поднялся выше 106 единиц, евро выше 110, данные торгов.";
        var retold = Pair(First, "Северный талер на бирже — выше 106 единиц, евро — выше 110 по данным торгов.");
        var update = Pair(First, "Северный талер на бирже — выше 112 единиц, евро — выше 117 по данным торгов.");

        Assert.False(retold.NumberConflict);
        Assert.True(update.NumberConflict);
        Assert.True(update.Score < retold.Score - 0.15, $"update {update.Score:F3}, retelling {retold.Score:F3}");
    }

    private static EchoScore Pair(string first, string second, double minutesApart = 30)
        => new EchoFinder().Score([.. Background(100), Post(1, 1, 0, first), Post(2, 2, minutesApart, second)], 0)
            .Single(c => (c.Earlier, c.Later) == (6, 7)).Score;

    [Fact]
    public void AUkrainianRewriteIsAnEcho()
    {
        List<AnalysisPost> posts =
        [
            .. Background(100),
            Post(1, 1, 0, "У Дніпровську рятувальники витягли з річки рибалку, який провалився під лід біля мосту Героїв. Чоловіка 54 років госпіталізували.", "uk"),
            Post(2, 2, 12, "❗️Рибалку, що провалився під лід біля мосту Героїв у Дніпровську, врятували. 54-річного чоловіка госпіталізували, — ДСНС.", "uk"),
        ];

        var edge = Assert.Single(new EchoFinder().Find(posts));
        Assert.Equal((1L, 2L), (edge.Earlier, edge.Later));
    }

    [Fact]
    public void AnEnglishRewriteIsAnEcho()
    {
        List<AnalysisPost> posts =
        [
            .. Background(100),
            Post(1, 1, 0, "Millbrook police arrested two men suspected of stealing 40 paintings from the Harbour Gallery on Friday night.", "en"),
            Post(2, 2, 20, "BREAKING 🚨 Two suspects arrested over the theft of 40 paintings from Millbrook's Harbour Gallery, police say.", "en"),
        ];

        Assert.Single(new EchoFinder().Find(posts));
    }

    [Fact]
    public void TheScoreFallsWithTheLagBetweenThePosts()
    {
        var soon = Pair(Wire, Rewrite, 7);
        var late = Pair(Wire, Rewrite, 600);

        Assert.True(late.Score < soon.Score);
        Assert.Equal(soon.Cosine, late.Cosine, 6);
    }
}
