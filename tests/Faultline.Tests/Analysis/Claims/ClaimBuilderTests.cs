using System.Text.Json;
using Faultline.Analysis;
using Faultline.Analysis.Claims;

namespace Faultline.Tests.Analysis.Claims;

public class ClaimBuilderTests
{
    private const string Sidorenko = "actor:sidorenko";
    private const string OriginText =
        "Генерал Сидоренко составил список неугодных военкоров. По нашим данным, в списке 27 фамилий блогеров, которых требуют заблокировать.";
    private const string RewriteText =
        "Источники сообщают: генерал Сидоренко подготовил список из 27 военкоров и блогеров для блокировки.";
    private const string RewriteUpdate = RewriteText + " UPD: Минобороны назвало список фейком.";

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    /// <summary>
    /// The hit-list episode: origin (1), forward (2), rewrite later edited with "UPD" (3), a copy later deleted (4),
    /// a ministry denial that names the same general but links nothing (5), the originator's walk-back (6),
    /// a "фейк" denial about something else (7, hard negative), a Ukrainian report linking the origin (8),
    /// and a forward of the origin after the walk-back (9).
    /// </summary>
    private static Episode HitList()
    {
        var e = new Episode();
        e.Post(1, 10, "severny_rubezh", H(0), OriginText, views: 1000, actors: [Sidorenko]);
        e.Post(2, 20, "voenkor_z", H(0.3), OriginText, views: 500, actors: [Sidorenko]);
        e.Post(3, 30, "front_svodka", H(1), RewriteUpdate, views: 300, actors: [Sidorenko]);
        e.Post(4, 50, "kopiya", H(2), OriginText, deleted: true, actors: [Sidorenko]);
        e.Post(8, 70, "ukr_novyny", H(5),
            "Російський блогер стверджує, що генерал Сидоренко склав список з 27 військкорів.", language: "uk", actors: [Sidorenko],
            links: [Episode.LinkTo("severny_rubezh", 1001)]);
        e.Post(5, 40, "mo_press", H(24),
            "Официально опровергаем информацию о якобы составленном генералом Сидоренко списке военкоров и блогеров. Никаких списков нет.",
            actors: [Sidorenko]);
        e.Post(7, 60, "it_novosti", H(26),
            "Опровергаем фейк о массовой блокировке каналов: список заблокированных ресурсов не менялся, провайдеры работают штатно.");
        e.Post(6, 10, "severny_rubezh", H(30),
            "Вопрос снят с повестки, списков больше нет. Генерал Сидоренко лично позвонил военкорам и блогерам.", actors: [Sidorenko]);
        e.Post(9, 20, "voenkor_z", H(48), OriginText, views: 200, actors: [Sidorenko]);
        e.Edge(1, 2, EdgeKind.Forward).Edge(1, 3, EdgeKind.Echo, 0.6).Edge(1, 4, EdgeKind.Copy, 0.95).Edge(1, 9, EdgeKind.Forward);
        e.Versions(3, (H(1), RewriteText), (H(20), RewriteUpdate));
        return e;
    }

    [Fact]
    public void HitListEpisodeHasExactlyItsMembersWithTheirRoles()
    {
        var claim = Assert.Single(ClaimBuilder.Build(HitList().Input(), new CueClassifier()));

        Assert.Equal(1, claim.Id);
        Assert.Equal(
            [(1L, ClaimRole.Origin), (2, ClaimRole.Amplify), (3, ClaimRole.Amplify), (4, ClaimRole.Amplify), (8, ClaimRole.Report),
             (5, ClaimRole.Deny), (6, ClaimRole.WalkBack), (9, ClaimRole.Amplify)],
            claim.Members.Select(m => (m.PostId, m.Role)));
        Assert.DoesNotContain(7, claim.Members.Select(m => m.PostId));
        Assert.Equal(ClaimStatus.WalkedBack, claim.Status);
        Assert.Equal([Sidorenko], claim.Actors);
        Assert.Contains("сидоренк", claim.KeyTerms);
    }

    [Fact]
    public void HitListTimelineShowsEveryEventWithItsPost()
    {
        var claim = Assert.Single(ClaimBuilder.Build(HitList().Input(), new CueClassifier()));

        Assert.Equal(
            [(LifecycleEventKind.Made, 1L, H(0)), (LifecycleEventKind.Amplified, 2, H(0.3)), (LifecycleEventKind.Amplified, 3, H(1)),
             (LifecycleEventKind.Amplified, 4, H(2)), (LifecycleEventKind.Deleted, 4, H(2)), (LifecycleEventKind.Reported, 8, H(5)),
             (LifecycleEventKind.Edited, 3, H(20)), (LifecycleEventKind.Denied, 5, H(24)), (LifecycleEventKind.WalkedBack, 6, H(30)),
             (LifecycleEventKind.Resurfaced, 9, H(48)), (LifecycleEventKind.Amplified, 9, H(48))],
            claim.Lifecycle.Select(e => (e.Kind, e.PostId, e.Time - Episode.T0)));
        var amplified = claim.Lifecycle.Where(e => e.Kind == LifecycleEventKind.Amplified).ToList();
        Assert.Equal([1, 2, 3, 4], amplified.Select(e => e.RunningCount!.Value));
        Assert.Equal([1500L, 1800, 1800, 2000], amplified.Select(e => e.RunningReach!.Value));
        var edit = claim.Lifecycle.Single(e => e.Kind == LifecycleEventKind.Edited);
        Assert.Equal(RewriteText + "{+ UPD: Минобороны назвало список фейком.+}", edit.Diff);
    }

    [Fact]
    public void TitleIsTheOriginsMostCentralSentence()
    {
        var claim = Assert.Single(ClaimBuilder.Build(HitList().Input(), new CueClassifier()));

        Assert.Equal("Генерал Сидоренко составил список неугодных военкоров.", claim.Title);
        Assert.Equal("ru", claim.Language);
    }

    [Fact]
    public void UkrainianReportJoinsThroughTheActorAndTheLinkToTheOrigin()
    {
        var classifier = new CueClassifier();
        var claim = Assert.Single(ClaimBuilder.Build(HitList().Input(), classifier));

        Assert.Equal(ClaimRole.Report, claim.Members.Single(m => m.PostId == 8).Role);
        var (_, context) = classifier.Calls.Single(c => c.PostId == 8);
        Assert.Equal([EdgeKind.Cites], context.Relations);
        Assert.Equal(1, context.Origin.Id);
    }

    [Fact]
    public void UnlinkedUkrainianPostNamingTheActorAndTheNumberJoins()
    {
        var e = HitList();
        e.Post(10, 80, "kyiv_info", H(6), "Генерал Сидоренко нібито склав перелік з 27 прізвищ.", language: "uk", actors: [Sidorenko]);

        var claim = Assert.Single(ClaimBuilder.Build(e.Input(), new CueClassifier()));

        Assert.Contains(10, claim.Members.Select(m => m.PostId));
    }

    [Fact]
    public void DenialOfSomethingElseIsNotPartOfTheClaim()
    {
        var classifier = new CueClassifier();
        var claims = ClaimBuilder.Build(HitList().Input(), classifier);

        Assert.DoesNotContain(claims.SelectMany(c => c.Members), m => m.PostId == 7);
        Assert.DoesNotContain(classifier.Calls, c => c.PostId == 7);
    }

    [Fact]
    public void OtherNewsAboutTheSameGeneralIsNotPartOfTheClaim()
    {
        var e = HitList();
        e.Post(11, 90, "parad", H(10), "Генерал Сидоренко вручил награды выпускникам военного училища в Рязани.", actors: [Sidorenko]);

        var claims = ClaimBuilder.Build(e.Input(), new CueClassifier());

        Assert.DoesNotContain(claims.SelectMany(c => c.Members), m => m.PostId == 11);
    }

    [Fact]
    public void StatusFollowsTheLatestTurn()
    {
        static ClaimStatus StatusOf(Action<Episode> more, bool originDeleted = false)
        {
            var e = new Episode();
            e.Post(1, 10, "a", H(0), OriginText, deleted: originDeleted, actors: [Sidorenko]);
            more(e);
            return Assert.Single(ClaimBuilder.Build(e.Input(), new CueClassifier())).Status;
        }

        Assert.Equal(ClaimStatus.Made, StatusOf(e => e.Post(2, 20, "b", H(1), "Сидоренко высмеивают: " + OriginText, actors: [Sidorenko])));
        Assert.Equal(ClaimStatus.Amplified, StatusOf(e => { e.Post(2, 20, "b", H(1), OriginText); e.Edge(1, 2, EdgeKind.Forward); }));
        Assert.Equal(ClaimStatus.Denied, StatusOf(e =>
        {
            e.Post(2, 20, "b", H(1), OriginText);
            e.Edge(1, 2, EdgeKind.Forward);
            e.Post(3, 30, "c", H(3), "Опровергаем: генерал Сидоренко не составлял список военкоров и блогеров.", actors: [Sidorenko]);
        }));
        Assert.Equal(ClaimStatus.Deleted, StatusOf(e => { e.Post(2, 20, "b", H(1), OriginText); e.Edge(1, 2, EdgeKind.Forward); }, originDeleted: true));
    }

    [Fact]
    public void MockeryIsListedAsAReportAndDoesNotCountAsSpread()
    {
        var e = new Episode();
        e.Post(1, 10, "a", H(0), OriginText, views: 100, actors: [Sidorenko]);
        e.Post(2, 20, "b", H(1), "Высмеивают всерьёз: " + OriginText, views: 50, actors: [Sidorenko]);

        var claim = Assert.Single(ClaimBuilder.Build(e.Input(), new CueClassifier()));

        Assert.Equal(ClaimRole.Mock, claim.Members[1].Role);
        var mocked = claim.Lifecycle[1];
        Assert.Equal((LifecycleEventKind.Reported, 2L), (mocked.Kind, mocked.PostId));
        Assert.StartsWith("mocked by @b", mocked.Summary);
        Assert.Equal(ClaimStatus.Made, claim.Status);
    }

    [Fact]
    public void ClaimComesBackAfterAQuietSpell()
    {
        var e = new Episode();
        e.Post(1, 10, "severny_rubezh", H(0), OriginText, actors: [Sidorenko]);
        e.Post(2, 20, "b", H(2), OriginText);
        e.Post(3, 30, "c", H(24 * 5), OriginText);
        e.Edge(1, 2, EdgeKind.Forward).Edge(1, 3, EdgeKind.Forward);

        var claim = Assert.Single(ClaimBuilder.Build(e.Input(), new CueClassifier()));

        Assert.Equal(
            [(LifecycleEventKind.Made, 1L), (LifecycleEventKind.Amplified, 2), (LifecycleEventKind.Resurfaced, 3), (LifecycleEventKind.Amplified, 3)],
            claim.Lifecycle.Select(x => (x.Kind, x.PostId)));
        Assert.Contains("quiet", claim.Lifecycle[2].Summary);
    }

    [Fact]
    public void LoneSimilarPostsFormAClaimAroundTheEarliest()
    {
        var e = new Episode();
        e.Post(1, 10, "a", H(0), OriginText, actors: [Sidorenko]);
        e.Post(2, 20, "b", H(3), RewriteText, actors: [Sidorenko]);
        e.Post(3, 30, "c", H(80), RewriteText, actors: [Sidorenko]);

        var claim = Assert.Single(ClaimBuilder.Build(e.Input(), new CueClassifier()));

        Assert.Equal([1L, 2], claim.Members.Select(m => m.PostId));
    }

    [Fact]
    public void SameInputInAnyOrderGivesTheSameClaims()
    {
        var first = JsonSerializer.Serialize(ClaimBuilder.Build(HitList().Input(), new CueClassifier()));
        var again = JsonSerializer.Serialize(ClaimBuilder.Build(HitList().Input(shuffled: true), new CueClassifier()));

        Assert.Equal(first, again);
    }

    private const string UkrainianBridge = "Вночі пошкоджено автомобільний міст у Білокам'янці: два прольоти зруйновані, рух зупинено.";

    [Fact]
    public void ARussianReportSpellingTheVillageTheRussianWayJoinsTheUkrainianClaim()
    {
        var e = new Episode();
        e.Post(1, 10, "pivdennyi", H(0), UkrainianBridge, language: "uk");
        e.Post(2, 20, "ova_press", H(3), "Підтверджуємо: внаслідок нічного удару пошкоджено автомобільний міст у Білокам'янці. Рух транспорту перекрито.", language: "uk");
        e.Post(3, 30, "rus_monitor", H(2), "Украинские каналы пишут, что ночью повреждён автомобильный мост в Белокаменке, движение остановлено.");
        var claim = Assert.Single(ClaimBuilder.Build(e.Input(), new RoleClassifier()));
        Assert.Equal([(1L, ClaimRole.Origin), (3, ClaimRole.Report), (2, ClaimRole.Confirm)], claim.Members.Select(m => (m.PostId, m.Role)));
    }

    [Fact]
    public void APlaceNameSpeltAnotherWayIsNotEnoughOnItsOwnAcrossLanguages()
    {
        var e = new Episode();
        e.Post(1, 10, "pivdennyi", H(0), UkrainianBridge, language: "uk");
        e.Post(2, 20, "pivdennyi_2", H(0.5), UkrainianBridge, language: "uk");
        e.Post(3, 30, "rus_school", H(2), "В Белокаменке открыли новую школу: директор рассказал о планах на учебный год.");
        e.Edge(1, 2, EdgeKind.Copy, 1);
        var claim = Assert.Single(ClaimBuilder.Build(e.Input(), new RoleClassifier()));
        Assert.DoesNotContain(3, claim.Members.Select(m => m.PostId));
    }
}
