using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Archive;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>Related items on a small fictional corpus: a rewrite, a Ukrainian retelling, a shared link, and background.</summary>
public class RelatedTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2022, 10, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly LinkTarget Link = new("https://zarechye.example/news/1", "zarechye.example", null, null);

    private const long Wire = 1, Rewrite = 2, Ukrainian = 3, English = 4, LaterFire = 5;

    private static AnalysisPost Post(long id, long source, double minutes, string text, string language = "ru")
        => new(id, source, id.ToString(System.Globalization.CultureInfo.InvariantCulture), T0.AddMinutes(minutes), text, language);

    private static readonly IReadOnlyList<AnalysisPost> Posts =
    [
        Post(Wire, 10, 0, "Губернатор Заречной области Игорь Светлов сообщил, что беспилотник атаковал нефтебазу в посёлке Каменка. " +
            "Возник пожар на площади 300 квадратных метров, пострадавших нет, на месте работают 12 пожарных расчётов.") with { Links = [Link] },
        Post(Rewrite, 11, 12, "⚡️Пожар на нефтебазе в Каменке: по словам губернатора Светлова, её атаковал беспилотник. " +
            "Горит 300 квадратных метров, на месте 12 пожарных расчётов, пострадавших нет. Пишет @zarechye_news 👉 Подписаться"),
        Post(Ukrainian, 12, 40, "Голова Зарічної області заявив про атаку дрона на паливний склад біля Кам'янки, постраждалих немає.", "uk"),
        Post(English, 13, 120, "Officials in the region confirm a drone strike overnight; details at the governor's page.", "en") with { Links = [Link] },
        Post(LaterFire, 14, 7 * 24 * 60, "В Лесногорске загорелся склад мебели, пожар потушили за два часа, пострадавших нет."),
        Post(20, 90, -300, "В Северограде открыли новый каток у речного вокзала, вход бесплатный до конца месяца."),
        Post(21, 91, -200, "Учёные вывели сорт морозостойких яблок, который переносит минус сорок градусов."),
        Post(22, 92, -100, "Футбольный клуб Звезда проиграл на выезде со счётом 0:3 и опустился на пятое место."),
        Post(23, 93, 400, "Мэрия Лесногорска объявила конкурс на лучший проект городского парка."),
        Post(24, 94, 500, "Вчора в Дніпровську відкрили бібліотеку з коворкінгом для студентів.", "uk"),
        Post(25, 95, 600, "The fictional town of Millbrook opened a new public library on Saturday.", "en"),
        Post(26, 96, 60, "Губернатор Северной области провёл совещание о подготовке к отопительному сезону."),
    ];

    private static readonly IReadOnlyDictionary<long, IReadOnlyList<string>> Actors = new Dictionary<long, IReadOnlyList<string>>
    {
        [Wire] = ["person:svetlov"],
        [Rewrite] = ["person:svetlov"],
        [Ukrainian] = ["person:svetlov"],
        [26] = ["person:severov"],
    };

    private static readonly Claim Strike = new(7, "беспилотник атаковал нефтебазу", "ru",
        [new(Wire, 10, T0, ClaimRole.Origin), new(Rewrite, 11, T0.AddMinutes(12), ClaimRole.Amplify)], [], ClaimStatus.Amplified);

    private static RelatedIndex Index(IReadOnlyList<Claim>? claims = null) => RelatedIndex.Build(Posts, claims ?? [], Actors);

    [Fact]
    public void RewriteComesFirstWithTheRareWordsItShares()
    {
        var related = Index().ForPost(Wire);
        foreach (var r in related) output.WriteLine(FormattableString.Invariant($"{r.Kind} {r.Id} {r.Score:F3}: {string.Join("; ", r.Reasons)}"));
        var first = related[0];
        Assert.Equal(("post", Rewrite), (first.Kind, first.Id));
        Assert.StartsWith("shared rare words (cosine ", first.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("нефтебазу", first.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("shared actors: person:svetlov", first.Reasons);
        Assert.Contains("12 min apart", first.Reasons);
    }

    [Fact]
    public void UkrainianRetellingIsFoundThroughTheSharedActor()
    {
        var item = Index().ForPost(Wire).Single(r => r.Id == Ukrainian);
        Assert.Contains("shared actors: person:svetlov", item.Reasons);
        Assert.Contains("40 min apart", item.Reasons);
        Assert.True(item.Score >= RelatedOptions.Default.MinScore);
    }

    [Fact]
    public void SameLinkRelatesAPostWithNoWordsInCommon()
    {
        var item = Index().ForPost(Wire).Single(r => r.Id == English);
        Assert.Contains("same link: https://zarechye.example/news/1", item.Reasons);
    }

    [Fact]
    public void UnrelatedPostsAreNotReturned()
    {
        var ids = Index().ForPost(Wire).Select(r => r.Id).ToHashSet();
        Assert.Equal(new HashSet<long> { Rewrite, Ukrainian, English }, ids);
        Assert.DoesNotContain(LaterFire, ids);
    }

    [Fact]
    public void PostListsItsOwnClaimAsRelated()
    {
        var related = Index([Strike]).ForPost(Ukrainian);
        var claim = Assert.Single(related, r => r.Kind == "claim");
        Assert.Equal(7, claim.Id);
        Assert.Contains("shared actors: person:svetlov", claim.Reasons);
        var own = Index([Strike]).ForPost(Rewrite).Single(r => r.Kind == "claim");
        Assert.Contains("contains this post", own.Reasons);
    }

    [Fact]
    public void ClaimFindsPostsOutsideItsMembersAndSkipsItsOwn()
    {
        var related = Index([Strike]).ForClaim(7);
        var ids = related.Select(r => r.Id).ToList();
        Assert.DoesNotContain(Wire, ids);
        Assert.DoesNotContain(Rewrite, ids);
        Assert.Contains(Ukrainian, ids);
        Assert.Contains(English, ids);
        Assert.All(related, r => Assert.Equal("post", r.Kind));
    }

    [Fact]
    public void SameClaimIsAReasonBetweenMembers()
    {
        var item = Index([Strike]).ForPost(Wire).Single(r => r.Kind == "post" && r.Id == Rewrite);
        Assert.Contains("same claim #7", item.Reasons);
    }

    [Fact]
    public void ClaimFindsAnotherClaimThroughTheSharedActor()
    {
        var retelling = new Claim(8, "атака дрона", "uk", [new(Ukrainian, 12, T0.AddMinutes(40), ClaimRole.Origin)], [], ClaimStatus.Made);
        var item = Assert.Single(Index([Strike, retelling]).ForClaim(7), r => r.Kind == "claim");
        Assert.Equal(8, item.Id);
        Assert.Contains("shared actors: person:svetlov", item.Reasons);
        Assert.Contains("28 min apart", item.Reasons);
    }

    [Fact]
    public void SameCascadeIsAReason()
    {
        var index = RelatedIndex.Build(Posts, [], Actors, new Dictionary<long, long> { [Wire] = 3, [LaterFire] = 3 });
        var item = index.ForPost(Wire).Single(r => r.Id == LaterFire);
        Assert.Contains("same cascade #3", item.Reasons);
        Assert.DoesNotContain(item.Reasons, r => r.EndsWith(" apart", StringComparison.Ordinal)); // a week apart: beyond the window
    }

    [Fact]
    public void OneOffQueriesMatchTheIndex()
        => Assert.Equal(Index().ForPost(Wire).Select(r => r.Id), Related.ForPost(Wire, Posts, [], Actors).Select(r => r.Id));

    [Fact]
    public void UnknownIdsGiveNothing()
    {
        Assert.Empty(Index().ForPost(999));
        Assert.Empty(Index().ForClaim(999));
    }
}
