using System.Text.Json;

namespace Faultline.Tests.Cli;

/// <summary>Claims, track records, grades and related items through the real program over the fictional samples.</summary>
public sealed class ClaimCliTests : IClassFixture<SpreadCliTests.DemoArchive>
{
    private readonly SpreadCliTests.DemoArchive _demo;

    public ClaimCliTests(SpreadCliTests.DemoArchive demo) => _demo = demo;

    private JsonElement Json(params string[] args)
    {
        var r = _demo.Run(["--json", .. args]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    /// <summary>The milblogger's widest claim: the accusation of October 14.</summary>
    private JsonElement TheAccusation() => Json("claims").EnumerateArray().Where(c => c.GetProperty("origin").GetString() == "@severny_rubezh_fict")
        .MaxBy(c => c.GetProperty("members").GetInt32());

    [Fact]
    public void TheAccusationIsAClaimMadeByTheMilbloggerAndSpreadAcrossChannels()
    {
        var claim = TheAccusation();
        Assert.True(claim.GetProperty("channels").GetInt32() >= 4);
        Assert.Equal("walked-back", claim.GetProperty("status").GetString());
        Assert.Contains("ru-mod", claim.GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void TheClaimTimelineStartsWithTheOriginAndCountsAmplifications()
    {
        var id = TheAccusation().GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var detail = Json("claim", id);
        var events = detail.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("made", events[0].GetProperty("kind").GetString());
        Assert.Equal("https://t.me/severny_rubezh_fict/4107", events[0].GetProperty("url").GetString());
        var counts = events.Where(e => e.GetProperty("kind").GetString() == "amplified").Select(e => e.GetProperty("runningCount").GetInt32()).ToList();
        Assert.NotEmpty(counts);
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(events.Select(e => e.GetProperty("time").GetDateTimeOffset()).Order(), events.Select(e => e.GetProperty("time").GetDateTimeOffset()));
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "walked-back" && e.GetProperty("url").GetString() == "https://t.me/severny_rubezh_fict/4111");
    }

    /// <summary>
    /// Regression: the readers' chat posted "Update: the same blogger now says the lists 'no longer exist' …" (news of the
    /// milblogger's retraction) 64 h after its own post about bloggers blaming the ministry, and that claim showed as walked
    /// back though no one retracted it: the negation the update cue found was inside the quoted words of another.
    /// </summary>
    [Fact]
    public void TheReadersChatUpdateQuotingTheBloggersRetractionWalksNoClaimBack()
    {
        using var archive = Faultline.Archive.Sqlite.SqliteArchive.Open(_demo.Db);
        var update = archive.FindPost("Eastern Front Monitor — readers' chat (fictional)", "2206");
        Assert.NotNull(update);
        Assert.Contains("'no longer exist'", update.Post.Text, StringComparison.Ordinal);
        var claims = archive.Claims();
        Assert.DoesNotContain(claims.SelectMany(c => c.Members), m => m.PostId == update.Id && m.Role == Faultline.Analysis.Claims.ClaimRole.WalkBack);
        Assert.DoesNotContain(claims.SelectMany(c => c.Lifecycle), e => e.PostId == update.Id && e.Kind == Faultline.Analysis.Claims.LifecycleEventKind.WalkedBack);
    }

    [Fact]
    public void TheSampleReenactmentIsDeniedEditedAndDeletedBesidesWalkedBack()
    {
        var id = TheAccusation().GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var events = Json("claim", id).GetProperty("events").EnumerateArray()
            .Select(e => (Kind: e.GetProperty("kind").GetString(), Url: e.GetProperty("url").GetString(), Time: e.GetProperty("time").GetDateTimeOffset())).ToList();
        Assert.Contains(("denied", "https://t.me/armeysky_vestnik_fict/2041"), events.Select(e => (e.Kind, e.Url)));
        Assert.Contains(("deleted", "https://t.me/tikhiy_front_fict/884"), events.Select(e => (e.Kind, e.Url)));
        var edit = Assert.Single(events, e => e.Kind == "edited");
        Assert.Equal("https://t.me/golos_peredka_fict/512", edit.Url);
        // The edit is dated by the export's edit time (October 15, 10:40 UTC), not by when the demo imported it.
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 10, 40, 0, TimeSpan.Zero), edit.Time);
    }

    [Fact]
    public void StatusFilterAcceptsOnlyKnownStatuses()
    {
        var r = _demo.Run("claims", "--status", "refuted");
        Assert.Equal(2, r.ExitCode);
        foreach (var c in Json("claims", "--status", "amplified").EnumerateArray())
            Assert.Equal("amplified", c.GetProperty("status").GetString());
    }

    [Fact]
    public void AnAnalystGradeOverridesTheSuggestionAndIsKept()
    {
        var before = Json("track-record", "tikhiy_front_fict");
        Assert.False(before.GetProperty("grade").GetProperty("overridden").GetBoolean());
        var r = _demo.Run("grade", "tikhiy_front_fict", "E", "--note", "deleted its copy of the accusation (fictional test)");
        Assert.Equal(0, r.ExitCode);
        var after = Json("track-record", "tikhiy_front_fict");
        Assert.True(after.GetProperty("grade").GetProperty("overridden").GetBoolean());
        Assert.Equal("E", after.GetProperty("grade").GetProperty("grade").GetString());
        Assert.Contains("deleted its copy", after.GetProperty("grade").GetProperty("note").GetString());
        Assert.NotEmpty(after.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public void AGradeMustBeAToFWithANote()
    {
        Assert.Equal(2, _demo.Run("grade", "tikhiy_front_fict", "Z", "--note", "x").ExitCode);
        Assert.Equal(2, _demo.Run("grade", "tikhiy_front_fict", "B").ExitCode);
    }

    [Fact]
    public void RelatedItemsOfTheAccusationComeWithReasons()
    {
        var items = Json("related", "severny_rubezh_fict/4107").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.NotEmpty(i.GetProperty("reasons").EnumerateArray()));
        Assert.Equal(2, _demo.Run("related", "not-a-post-or-claim").ExitCode);
    }
}
