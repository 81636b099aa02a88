using Faultline.Analysis;
using Faultline.Archive;
using Faultline.Model;

namespace Faultline.Tests.Archive;

/// <summary>
/// The storage contract: every provider runs this same suite (SQLite now, PostgreSQL later).
/// </summary>
public abstract class ArchiveContract : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<IArchive> _open = [];

    /// <summary>Creates an empty archive of the provider under test, in the given folder.</summary>
    protected abstract IArchive Create(string folder);

    private IArchive NewArchive()
    {
        var a = Create(_dir.Path);
        _open.Add(a);
        return a;
    }

    private static ImportRecord Import(IArchive archive, SourceInfo source, CoverageKind coverage, params Post[] posts)
    {
        using var s = archive.BeginImport(Some.Import());
        s.BeginSource(source, coverage);
        foreach (var p in posts) s.AddPost(Some.Prepared(p));
        return s.Complete([]);
    }

    [Fact]
    public void NewPostKeepsEveryFieldAndItsRawPayloadVerbatim()
    {
        var archive = NewArchive();
        var raw = "{ \"id\": 7, \"text\": [\"Генералы \", {\"type\":\"bold\",\"text\":\"готовят\"}], \"odd\" : true }";
        var post = Some.Post("7", "Генералы готовят списки блогеров", raw: raw) with
        {
            Author = "Артём Стрельцов (fictional)",
            Edited = Some.Day.AddHours(1),
            Entities = [new Entity(EntityKind.Bold, 9, 7)],
            ForwardedFrom = new ForwardOrigin { Name = "Окопная правда (fictional)" },
            ReplyTo = "5",
            Media = [new MediaRef("photo", "photos/1.jpg")],
            Missing = ["date_unixtime"],
        };
        var record = Import(archive, Some.Channel(), CoverageKind.Complete, post);
        Assert.Equal(1, record.New);

        var stored = archive.FindPost("telegram:1700000001", "7");
        Assert.NotNull(stored);
        Assert.Equal(raw, stored.Post.Raw);
        Assert.Equal(post.Text, stored.Post.Text);
        Assert.Equal("Артём Стрельцов (fictional)", stored.Post.Author);
        Assert.Equal(post.Edited, stored.Post.Edited);
        Assert.Equal(post.Published, stored.Post.Published);
        Assert.Contains(stored.Post.Entities, e => e is { Kind: EntityKind.Bold, Offset: 9, Length: 7 });
        Assert.Equal("Окопная правда (fictional)", stored.Post.ForwardedFrom?.Name);
        Assert.Equal("5", stored.Post.ReplyTo);
        Assert.Equal("photo", Assert.Single(stored.Post.Media).Kind);
        Assert.Equal(["date_unixtime"], stored.Post.Missing);
        Assert.Equal("ru", stored.Language);
        Assert.Equal(64, stored.ContentHash.Length);
    }

    [Fact]
    public void SeeingTheSameTextAgainAddsNoVersion()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Списков больше нет."));
        var second = Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Списков больше нет."));
        Assert.Equal((0, 0, 1), (second.New, second.Updated, second.Unchanged));
        var post = archive.FindPost("telegram:1700000001", "1")!;
        Assert.Single(archive.Versions(post.Id));
    }

    [Fact]
    public void AnEditBecomesANewVersionAndTheOldTextIsKept()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Генералы готовят списки."));
        var second = Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Генералы готовят списки. UPD: списков больше нет."));
        Assert.Equal(1, second.Updated);
        var post = archive.FindPost("telegram:1700000001", "1")!;
        var versions = archive.Versions(post.Id);
        Assert.Equal(["Генералы готовят списки.", "Генералы готовят списки. UPD: списков больше нет."], versions.Select(v => v.Text));
        Assert.Equal([1, 2], versions.Select(v => v.Sequence));
        Assert.Equal(2, post.VersionCount);
        Assert.Equal(versions[1].Text, post.Post.Text);
    }

    [Fact]
    public void APostIsFoundByItsArchiveIdWithItsCanonicalUrlAndAnUnknownIdFindsNothing()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(handle: "severny_rubezh_fict"), CoverageKind.Complete, Some.Post("4107", "Генералы готовят списки."));
        var found = archive.FindPost("severny_rubezh_fict", "4107")!;
        var byId = archive.PostById(found.Id);
        Assert.NotNull(byId);
        Assert.Equal(found.Post.Text, byId.Post.Text);
        Assert.Equal(found.ContentHash, byId.ContentHash);
        Assert.Equal("https://t.me/severny_rubezh_fict/4107", byId.CanonicalUrl);
        Assert.Null(archive.PostById(found.Id + 1000));
    }

    [Fact]
    public void AnEditRevertedToAnEarlierTextDoesNotDuplicateThatVersion()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "A"));
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "B"));
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "A"));
        var post = archive.FindPost("telegram:1700000001", "1")!;
        Assert.Equal(["A", "B"], archive.Versions(post.Id).Select(v => v.Text));
        Assert.Equal("A", post.Post.Text);
    }

    [Fact]
    public void ACompleteExportTombstonesPostsItLacksWithinItsSpanOnly()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete,
            Some.Post("1", "первый"), Some.Post("2", "второй"), Some.Post("3", "третий"), Some.Post("9", "поздний"));
        // The newer export covers posts 1..3 only: post 2 vanished inside that span; post 9 lies outside it.
        var record = Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "первый"), Some.Post("3", "третий"));
        Assert.Equal(1, record.Deleted);
        var deleted = archive.FindPost("telegram:1700000001", "2")!;
        Assert.NotNull(deleted.DeletedAt);
        Assert.Equal("второй", deleted.Post.Text);
        Assert.Equal(deleted.LastSeen, deleted.DeletedAt);
        Assert.Null(archive.FindPost("telegram:1700000001", "9")!.DeletedAt);
        Assert.Equal(4, archive.Totals().Posts);
    }

    [Fact]
    public void APartialInputNeverTombstones()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Partial, Some.Post("1", "первый"), Some.Post("2", "второй"), Some.Post("3", "третий"));
        var record = Import(archive, Some.Channel(), CoverageKind.Partial, Some.Post("1", "первый"), Some.Post("3", "третий"));
        Assert.Equal(0, record.Deleted);
        Assert.Null(archive.FindPost("telegram:1700000001", "2")!.DeletedAt);
    }

    [Fact]
    public void ATombstonedPostThatReappearsIsNoLongerDeleted()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"), Some.Post("3", "c"));
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("3", "c"));
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"), Some.Post("3", "c"));
        Assert.Null(archive.FindPost("telegram:1700000001", "2")!.DeletedAt);
    }

    [Fact]
    public void AnImportThatIsNotCompletedLeavesTheArchiveAsItWas()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"));
        var before = archive.Totals();
        using (var s = archive.BeginImport(Some.Import()))
        {
            s.BeginSource(Some.Channel("telegram:1700000002"), CoverageKind.Complete);
            s.AddPost(Some.Prepared(Some.Post("1", "changed")));
            s.AddPost(Some.Prepared(Some.Post("2", "new")));
        }
        Assert.Equal(before, archive.Totals() with { PostsByKind = before.PostsByKind, PostsByLanguage = before.PostsByLanguage });
        Assert.Single(archive.Sources());
        Assert.Single(archive.Imports());
    }

    [Fact]
    public void ServiceEventsAreKeptOncePerId()
    {
        var archive = NewArchive();
        for (int i = 0; i < 2; i++)
        {
            using var s = archive.BeginImport(Some.Import());
            s.BeginSource(Some.Channel(), CoverageKind.Complete);
            s.AddEvent(new SourceEvent("3", Some.Day, "pin_message", "{\"id\":3}") { Actor = "Северный рубеж (fictional)", Detail = "2" });
            s.Complete([]);
        }
        var e = Assert.Single(archive.Events("telegram:1700000001"));
        Assert.Equal("pin_message", e.Event.Action);
        Assert.Equal("2", e.Event.Detail);
    }

    [Fact]
    public void MetricsAreSnapshotsWithTheTimeObserved()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Partial, Some.Post("1", "a") with { Metrics = new Metrics { Views = 100, Forwards = 3 } });
        Import(archive, Some.Channel(), CoverageKind.Partial, Some.Post("1", "a") with { Metrics = new Metrics { Views = 250, Forwards = 9, Reactions = new Dictionary<string, long> { ["👍"] = 4 } } });
        var post = archive.FindPost("telegram:1700000001", "1")!;
        var history = archive.MetricHistory(post.Id);
        Assert.Equal([100L, 250L], history.Select(h => h.Metrics.Views!.Value));
        Assert.Equal(4, history[1].Metrics.Reactions!["👍"]);
    }

    [Fact]
    public void AFileImportedBeforeIsFoundByItsHash()
    {
        var archive = NewArchive();
        using (var s = archive.BeginImport(Some.Import(hash: "abc123")))
        {
            s.BeginSource(Some.Channel(), CoverageKind.Complete);
            s.AddPost(Some.Prepared(Some.Post("1", "a")));
            s.Complete([]);
        }
        Assert.NotNull(archive.FindImportByHash("abc123"));
        Assert.Null(archive.FindImportByHash("other"));
        var import = Assert.Single(archive.Imports());
        var coverage = Assert.Single(import.Coverage);
        Assert.Equal(CoverageKind.Complete, coverage.Kind);
        Assert.Equal(1, coverage.Posts);
    }

    [Fact]
    public void TelegramPostsGetTheirCanonicalUrlOnceTheHandleIsKnown()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("42", "a"));
        Assert.Null(archive.FindPost("telegram:1700000001", "42")!.CanonicalUrl);
        Assert.True(archive.SetHandle("telegram:1700000001", "@Severny_Rubezh_Fict"));
        Assert.Equal("https://t.me/severny_rubezh_fict/42", archive.FindPost("severny_rubezh_fict", "42")!.CanonicalUrl);
    }

    [Fact]
    public void AChannelThatLinksToItsOwnPostsIsGivenThatHandle()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete,
            Some.Post("10", "Первый пост"),
            Some.Post("11", "Продолжение: https://t.me/severny_rubezh_fict/10"),
            Some.Post("12", "Напоминаем t.me/severny_rubezh_fict/11 и https://t.me/other_channel/5"));
        Assert.Equal("severny_rubezh_fict", archive.Sources().Single().Info.Handle);
    }

    [Fact]
    public void SearchFindsInflectedFormsAndRespectsFilters()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete,
            Some.Post("1", "Объявлена частичная мобилизация.", Some.Day),
            Some.Post("2", "Военкоматы готовятся к мобилизации резервистов.", Some.Day.AddDays(2)),
            Some.Post("3", "Погода в Москве.", Some.Day));
        Import(archive, Some.Channel("telegram:1700000004", title: "Вартовий (fictional)"), CoverageKind.Complete,
            Some.Post("1", "Оголошено часткову мобілізацію в Росії, пише https://t.me/severny_rubezh_fict/1", Some.Day));

        Assert.Equal(2, archive.Search(new SearchQuery("мобилизация")).Hits.Count);
        Assert.Equal(["2"], archive.Search(new SearchQuery("мобилизация") { From = Some.Day.AddDays(1) }).Hits.Select(h => h.Post.Post.NativeId));
        Assert.Single(archive.Search(new SearchQuery("мобілізація")).Hits);
        Assert.Single(archive.Search(new SearchQuery("мобілізація OR мобилизация") { Language = "uk" }).Hits);
        Assert.Equal("Вартовий (fictional)", archive.Search(new SearchQuery("мобілізація") { LinksTo = "@severny_rubezh_fict" }).Hits.Single().Post.Source.Title);
        Assert.Empty(archive.Search(new SearchQuery("мобилизация") { Source = "Вартовий (fictional)" }).Hits);
        Assert.Equal(["1"], archive.Search(new SearchQuery("мобилизация -резервистов")).Hits.Select(h => h.Post.Post.NativeId));
        Assert.Equal(["2"], archive.Search(new SearchQuery("\"мобилизации резервистов\"")).Hits.Select(h => h.Post.Post.NativeId));
        var hit = archive.Search(new SearchQuery("мобилизацию")).Hits.First(h => h.Post.Post.NativeId == "2");
        var (offset, length) = Assert.Single(hit.Snippet.Highlights);
        Assert.Equal("мобилизации", hit.Snippet.Text.Substring(offset, length));
    }

    [Fact]
    public void OneChannelArrivingUnderDifferentKeysIsOneSource()
    {
        var archive = NewArchive();
        // An HTML export (title only), then a JSON export of the same channel (numeric id), then a 4CAT dump (handle).
        Import(archive, new SourceInfo(SourceKind.TelegramChannel, "telegram-title:Окопная правда (fictional)") { Title = "Окопная правда (fictional)" },
            CoverageKind.Partial, Some.Post("1", "a"));
        Import(archive, new SourceInfo(SourceKind.TelegramChannel, "telegram:1700000002") { Title = "Окопная правда (fictional)", Handle = "okopnaya_pravda_fict" },
            CoverageKind.Partial, Some.Post("2", "b"));
        Import(archive, new SourceInfo(SourceKind.TelegramChannel, "telegram:@okopnaya_pravda_fict") { Handle = "okopnaya_pravda_fict" },
            CoverageKind.Partial, Some.Post("3", "c"));
        var source = Assert.Single(archive.Sources());
        Assert.Equal("telegram:1700000002", source.Info.Key);
        Assert.Equal(3, source.Posts);
        Assert.Equal("https://t.me/okopnaya_pravda_fict/1", archive.FindPost("okopnaya_pravda_fict", "1")!.CanonicalUrl);
    }

    [Fact]
    public void AnalysisPostsCarryLinksForwardsViewsAndDeletion()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(handle: "severny_rubezh_fict"), CoverageKind.Complete,
            Some.Post("1", "Оригинал"),
            Some.Post("2", "Смотрите https://t.me/okopnaya_pravda_fict/305") with
            {
                ForwardedFrom = new ForwardOrigin { Name = "Окопная правда (fictional)", PostId = "300" },
                Metrics = new Metrics { Views = 1200 },
            },
            Some.Post("3", "Третий"));
        Import(archive, Some.Channel(handle: "severny_rubezh_fict"), CoverageKind.Complete, Some.Post("1", "Оригинал"), Some.Post("3", "Третий"));
        var posts = archive.AnalysisPosts().ToList();
        Assert.Equal(3, posts.Count);
        var second = posts.Single(p => p.NativeId == "2");
        Assert.Equal("severny_rubezh_fict", second.Handle);
        Assert.Equal(1200, second.Views);
        Assert.True(second.Deleted);
        Assert.Equal("Окопная правда (fictional)", second.ForwardedFrom?.Name);
        var link = Assert.Single(second.Links);
        Assert.Equal(("okopnaya_pravda_fict", 305L), (link.TelegramHandle, link.TelegramPostId));
        Assert.Equal(["3"], archive.AnalysisPosts(afterId: second.Id).Select(p => p.NativeId));
        Assert.Equal(second.Id, archive.PostId(second.SourceId, "2"));
        Assert.Equal(["2"], archive.AnalysisPostsById([second.Id, 999_999]).Select(p => p.NativeId));
    }

    [Fact]
    public void ASignatureIsDroppedWhenItsPostIsEdited()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"));
        var ids = archive.AnalysisPosts().Select(p => p.Id).ToList();
        archive.SaveSignatures([(ids[0], [1, 2, 3]), (ids[1], [4, 5, 6])]);
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b, edited"));
        var sigs = archive.Signatures().ToList();
        Assert.Equal(ids[0], Assert.Single(sigs).PostId);
        Assert.Equal(new byte[] { 1, 2, 3 }, sigs[0].Signature);
    }

    [Fact]
    public void EdgesAreUpsertedFilteredAndCleared()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"), Some.Post("3", "c"));
        var ids = archive.AnalysisPosts().Select(p => p.Id).ToList();
        archive.SaveEdges([new PostEdge(ids[0], ids[1], EdgeKind.Copy, 0.85), new PostEdge(ids[0], ids[2], EdgeKind.Echo, 0.4)]);
        archive.SaveEdges([new PostEdge(ids[0], ids[1], EdgeKind.Copy, 0.9)]);
        Assert.Equal(0.9, archive.Edges([EdgeKind.Copy]).Single().Score);
        Assert.Equal(2, archive.Edges(post: ids[0]).Count);
        Assert.Single(archive.Edges(post: ids[2]));
        archive.ClearEdges(EdgeKind.Echo);
        Assert.Equal(EdgeKind.Copy, Assert.Single(archive.Edges()).Kind);
    }

    [Fact]
    public void AnalysisStateRoundTripsAndTheWatermarkFollowsImports()
    {
        var archive = NewArchive();
        Assert.Null(archive.State("near-duplicates"));
        Assert.Equal((0L, 0L), archive.Watermark());
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"));
        var (post, import) = archive.Watermark();
        Assert.True(post > 0 && import > 0);
        var when = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        archive.SaveState(new AnalysisState("near-duplicates", post, import, when, "bands=20"));
        Assert.Equal(new AnalysisState("near-duplicates", post, import, when, "bands=20"), archive.State("near-duplicates"));
    }

    [Fact]
    public void MentionsAndStancesAreReplacedPerPostAndReadBackInOrder()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Минобороны опять врёт."), Some.Post("2", "Минобороны молодцы."));
        var ids = archive.AnalysisPosts().Select(p => p.Id).ToList();
        archive.SaveActorAnalysis([
            new PostActorAnalysis(ids[0], [new ActorSpan("mod-russia", 0, 10, "Минобороны")], [new ActorCall("mod-russia", Faultline.Analysis.Actors.StanceKind.Support, 0.5, ["x"])], 0, []),
        ]);
        archive.SaveActorAnalysis([
            new PostActorAnalysis(ids[0], [new ActorSpan("mod-russia", 0, 10, "Минобороны")], [new ActorCall("mod-russia", Faultline.Analysis.Actors.StanceKind.Criticise, 0.8, ["«врёт»"])], 3.5, ["врёт"]),
            new PostActorAnalysis(ids[1], [new ActorSpan("mod-russia", 0, 10, "Минобороны")], [new ActorCall("mod-russia", Faultline.Analysis.Actors.StanceKind.Support, 0.7, ["«молодцы»"])], 0, []),
        ]);
        var stances = archive.Stances();
        Assert.Equal([Faultline.Analysis.Actors.StanceKind.Criticise, Faultline.Analysis.Actors.StanceKind.Support], stances.Select(s => s.Stance));
        Assert.Equal(["«врёт»"], stances[0].Evidence);
        var mentions = archive.Mentions("mod-russia");
        Assert.Equal(2, mentions.Count);
        Assert.Equal("Минобороны", mentions[0].Text.Substring(mentions[0].Span.Offset, mentions[0].Span.Length));
        Assert.Empty(archive.Mentions("putin"));
        archive.ClearActorAnalysis();
        Assert.Empty(archive.Stances());
    }

    [Fact]
    public void ClaimsAreReplacedWholeAndReadBackWithMembersAndLifecycle()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Генералы готовят списки."), Some.Post("2", "Списков больше нет."));
        var posts = archive.AnalysisPosts().ToList();
        var claim = new Faultline.Analysis.Claims.Claim(posts[0].Id, "Генералы готовят списки.", "ru",
            [
                new Faultline.Analysis.Claims.ClaimMember(posts[0].Id, posts[0].SourceId, posts[0].Published, Faultline.Analysis.Claims.ClaimRole.Origin),
                new Faultline.Analysis.Claims.ClaimMember(posts[1].Id, posts[1].SourceId, posts[1].Published, Faultline.Analysis.Claims.ClaimRole.WalkBack) { Evidence = ["cue «списков больше нет»"] },
            ],
            [
                new Faultline.Analysis.Claims.LifecycleEvent(Faultline.Analysis.Claims.LifecycleEventKind.Made, posts[0].Published, posts[0].Id, "made"),
                new Faultline.Analysis.Claims.LifecycleEvent(Faultline.Analysis.Claims.LifecycleEventKind.Edited, posts[1].Published, posts[1].Id, "edited") { Diff = "{+UPD+}" },
            ],
            Faultline.Analysis.Claims.ClaimStatus.WalkedBack) { KeyTerms = ["списк"], Actors = ["ru-mod"] };
        archive.ReplaceClaims([claim with { Title = "old" }]);
        archive.ReplaceClaims([claim]);
        var stored = Assert.Single(archive.Claims());
        Assert.Equal("Генералы готовят списки.", stored.Title);
        Assert.Equal(Faultline.Analysis.Claims.ClaimStatus.WalkedBack, stored.Status);
        Assert.Equal([Faultline.Analysis.Claims.ClaimRole.Origin, Faultline.Analysis.Claims.ClaimRole.WalkBack], stored.Members.Select(m => m.Role));
        Assert.Equal(["cue «списков больше нет»"], stored.Members[1].Evidence);
        Assert.Equal("{+UPD+}", stored.Lifecycle[1].Diff);
        Assert.Equal(["ru-mod"], stored.Actors);

        archive.SaveGradeOverride(new GradeOverrideRecord(posts[0].SourceId, 'C', "two walk-backs this month", "analyst", Some.Day));
        archive.SaveGradeOverride(new GradeOverrideRecord(posts[0].SourceId, 'D', "a third", null, Some.Day.AddDays(1)));
        Assert.Equal(['C', 'D'], archive.GradeOverrides(posts[0].SourceId).Select(o => o.Grade));
    }

    [Fact]
    public void ClaimsTouchingAPeriodAreReadWholeAndNewestFirst()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Генералы готовят списки.", Some.Day), Some.Post("2", "Списков больше нет.", Some.Day.AddDays(1)),
            Some.Post("3", "Погода.", Some.Day.AddDays(2)), Some.Post("4", "Другая история.", Some.Day.AddDays(3)));
        var posts = archive.AnalysisPosts().ToList();
        Faultline.Analysis.Claims.Claim Claim(params int[] members) => new(posts[members[0]].Id, "claim " + members[0], "ru",
            members.Select((m, i) => new Faultline.Analysis.Claims.ClaimMember(posts[m].Id, posts[m].SourceId, posts[m].Published,
                i == 0 ? Faultline.Analysis.Claims.ClaimRole.Origin : Faultline.Analysis.Claims.ClaimRole.Amplify)).ToList(),
            [new Faultline.Analysis.Claims.LifecycleEvent(Faultline.Analysis.Claims.LifecycleEventKind.Made, posts[members[0]].Published, posts[members[0]].Id, "made")],
            Faultline.Analysis.Claims.ClaimStatus.Amplified) { KeyTerms = ["k" + members[0]] };
        archive.ReplaceClaims([Claim(0, 1), Claim(2), Claim(3)]);

        // The second day holds only the second member of the first claim: that claim comes back whole.
        var claim = Assert.Single(archive.ClaimsTouching(Some.Day.AddDays(1), Some.Day.AddDays(2)));
        Assert.Equal([posts[0].Id, posts[1].Id], claim.Members.Select(m => m.PostId));
        Assert.Equal(["k0"], claim.KeyTerms);
        Assert.Single(claim.Lifecycle);
        Assert.Equal([posts[3].Id, posts[2].Id, posts[0].Id], archive.ClaimsTouching(Some.Day, Some.Day.AddDays(10)).Select(c => c.Id));
        Assert.Empty(archive.ClaimsTouching(Some.Day.AddDays(20), Some.Day.AddDays(30)));
    }

    [Fact]
    public void ChangedPostsAreTheNewOnesAndThoseAnImportEditedTombstonedOrRestored()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"), Some.Post("3", "c"), Some.Post("4", "d"));
        var (lastPost, lastImport) = archive.Watermark();
        Assert.Empty(archive.ChangedPosts(lastPost, lastImport));
        var id = (string native) => archive.FindPost("telegram:1700000001", native)!.Id;

        // Seen again unchanged: nothing changed. Then 2 is edited, 3 is gone from a complete export, 5 is new.
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"), Some.Post("3", "c"), Some.Post("4", "d"));
        Assert.Empty(archive.ChangedPosts(lastPost, lastImport));
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b, edited"), Some.Post("4", "d"), Some.Post("5", "e"));
        Assert.Equal([id("2"), id("3"), id("5")], archive.ChangedPosts(lastPost, lastImport));

        // A reverted edit and a tombstoned post seen again are changes too; what came before the watermark is not.
        var (afterPost, afterImport) = archive.Watermark();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"), Some.Post("3", "c"), Some.Post("4", "d"), Some.Post("5", "e"));
        Assert.Equal([id("2"), id("3")], archive.ChangedPosts(afterPost, afterImport));
        Assert.Equal([id("2"), id("3"), id("5")], archive.ChangedPosts(lastPost, lastImport));
    }

    [Fact]
    public void EdgesActorsAndVersionsAreReadForASetOfPosts()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Минобороны: a"), Some.Post("2", "b"), Some.Post("3", "c"), Some.Post("4", "d"));
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "Минобороны: a2"), Some.Post("2", "b"), Some.Post("3", "c2"), Some.Post("4", "d"));
        var ids = archive.AnalysisPosts().Select(p => p.Id).ToList();
        archive.SaveEdges([new PostEdge(ids[0], ids[1], EdgeKind.Copy, 0.9), new PostEdge(ids[1], ids[2], EdgeKind.Echo, 0.5), new PostEdge(ids[2], ids[3], EdgeKind.Forward, 1)]);
        archive.SaveActorAnalysis([new PostActorAnalysis(ids[0], [new ActorSpan("ru-mod", 0, 10, "Минобороны")], [], 0, [])]);

        Assert.Equal([(ids[0], ids[1]), (ids[1], ids[2])], archive.EdgesOf([ids[1]]).Select(e => (e.Earlier, e.Later)));
        Assert.Equal([(ids[0], ids[1]), (ids[2], ids[3])], archive.EdgesOf([ids[0], ids[3]]).Select(e => (e.Earlier, e.Later)).Order());
        Assert.Empty(archive.EdgesOf([]));
        Assert.Equal(["ru-mod"], archive.ActorsByPost([ids[0], ids[1]])[ids[0]]);
        Assert.Empty(archive.ActorsByPost([ids[1]]));
        var versions = archive.EditedPosts([ids[0], ids[1]]);
        Assert.Equal([ids[0]], versions.Keys);
        Assert.Equal(["Минобороны: a", "Минобороны: a2"], versions[ids[0]].Select(v => v.Text));
        Assert.Equal([ids[0], ids[2]], archive.EditedPosts().Keys.Order());
    }

    [Fact]
    public void ClaimsAreUpdatedInPlaceRemovedAndFoundByTheirMembers()
    {
        var archive = NewArchive();
        Import(archive, Some.Channel(), CoverageKind.Complete, Some.Post("1", "a"), Some.Post("2", "b"), Some.Post("3", "c"), Some.Post("4", "d"), Some.Post("5", "e"));
        var posts = archive.AnalysisPosts().ToList();
        Faultline.Analysis.Claims.Claim Claim(string title, params AnalysisPost[] members) => new(members[0].Id, title, "ru",
            [.. members.Select((p, i) => new Faultline.Analysis.Claims.ClaimMember(p.Id, p.SourceId, p.Published,
                i == 0 ? Faultline.Analysis.Claims.ClaimRole.Origin : Faultline.Analysis.Claims.ClaimRole.Amplify))],
            [new Faultline.Analysis.Claims.LifecycleEvent(Faultline.Analysis.Claims.LifecycleEventKind.Made, members[0].Published, members[0].Id, "made")],
            Faultline.Analysis.Claims.ClaimStatus.Amplified);
        archive.ReplaceClaims([Claim("first", posts[0], posts[1]), Claim("second", posts[2], posts[3])]);

        Assert.Equal(["second"], archive.ClaimsOf([posts[3].Id, posts[4].Id]).Select(c => c.Title));
        Assert.Equal(["second", "first"], archive.ClaimsOf([posts[1].Id, posts[2].Id, posts[3].Id]).Select(c => c.Title));
        Assert.Empty(archive.ClaimsOf([posts[4].Id]));

        // The second claim grows by post 5 (same id, stored in place); the first is removed; a third arrives.
        archive.UpdateClaims(new ClaimChanges([Claim("second, grown", posts[2], posts[3], posts[4])], [posts[0].Id]));
        var stored = archive.Claims();
        Assert.Equal(["second, grown"], stored.Select(c => c.Title));
        Assert.Equal([posts[2].Id, posts[3].Id, posts[4].Id], stored[0].Members.Select(m => m.PostId));
        archive.UpdateClaims(new ClaimChanges([Claim("third", posts[0], posts[1])], []));
        Assert.Equal(["second, grown", "third"], archive.Claims().Select(c => c.Title));
        Assert.Equal(["third"], archive.ClaimsOf([posts[1].Id]).Select(c => c.Title));
        archive.UpdateClaims(new ClaimChanges([], [posts[0].Id, posts[2].Id, 999_999]));
        Assert.Empty(archive.Claims());
    }

    [Fact]
    public void ClaimKeyCountsAreReplacedAddedToAndForgottenWithTheClaims()
    {
        var archive = NewArchive();
        Assert.Null(archive.ClaimIndex(["aсписк"]));
        archive.UpdateClaims(new ClaimChanges([], []) { ReplaceAll = true, Index = new ClaimIndexCounts(10, 7, 2, new Dictionary<string, int> { ["aсписк"] = 3, ["dt.me/x/1"] = 1 }) });
        var index = archive.ClaimIndex(["aсписк", "aгенерал"]);
        Assert.NotNull(index);
        Assert.Equal((10L, 7L, 2L), (index.Posts, index.LastPostId, index.LastImportId));
        Assert.Equal(new Dictionary<string, int> { ["aсписк"] = 3 }, index.Keys);

        archive.UpdateClaims(new ClaimChanges([], []) { Index = new ClaimIndexCounts(2, 9, 3, new Dictionary<string, int> { ["aсписк"] = 1, ["aгенерал"] = 2 }) });
        index = archive.ClaimIndex(["aсписк", "aгенерал", "dt.me/x/1"])!;
        Assert.Equal((12L, 9L, 3L), (index.Posts, index.LastPostId, index.LastImportId));
        Assert.Equal(new Dictionary<string, int> { ["aсписк"] = 4, ["aгенерал"] = 2, ["dt.me/x/1"] = 1 }, index.Keys);
        Assert.Empty(archive.ClaimIndex([])!.Keys);

        // Claims replaced without counts leave none behind that no longer match them.
        archive.ReplaceClaims([]);
        Assert.Null(archive.ClaimIndex(["aсписк"]));
    }

    public void Dispose()
    {
        foreach (var a in _open) a.Dispose();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
