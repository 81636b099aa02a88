using Faultline.Analysis;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Reading;
using Faultline.Tests.Analysis.Claims;

namespace Faultline.Tests.Assessment.Sections;

/// <summary>The walk-backs, denials and deletions section on the fictional episodes, analysed by the real pipeline.</summary>
public sealed class WalkBacksSectionTests(SectionArchives archives) : IClassFixture<SectionArchives>
{
    private static readonly DateOnly WalkBackDay = new(2022, 10, 15);
    private static readonly WalkBacksSection Section = new();

    [Fact]
    public void TheWalkBackDayListsEachWalkBackOnceWithTheEditThatRetractedAmongThem()
    {
        var archive = archives.Episode("walked-back");
        var truth = ClaimEpisode.Load("walked-back").Claims.Single();
        var result = Section.Build(SectionArchives.Day(archive, WalkBackDay));

        var walkBacks = Assert.IsType<Paragraph>(result.Blocks[0]);
        Assert.Equal(truth.Events.Where(e => e.Kind == "walkedBack").Select(e => e.Post).Order(StringComparer.Ordinal),
            SectionChecks.Keys(archive, walkBacks.Sentences).Where(k => k != truth.Origin).Order(StringComparer.Ordinal));
        Assert.All(walkBacks.Sentences, s => Assert.StartsWith("On October 15, ", s.Text, StringComparison.Ordinal));
        Assert.All(walkBacks.Sentences, s => Assert.Equal(SectionArchives.PostId(archive, truth.Origin), s.Citations[0].PostId));

        var edited = SectionArchives.PostId(archive, "russky_shtyk_fict/877");
        var edit = Assert.Single(walkBacks.Sentences, s => s.Citations.Any(c => c.PostId == edited));
        Assert.Contains("edited its post on the claim «", edit.Text, StringComparison.Ordinal);
        Assert.EndsWith("to add «UPD: списков больше нет, вопрос снят».", edit.Text, StringComparison.Ordinal);
        Assert.Equal(archive.Versions(edited)[^1].ContentHash, edit.Citations.Single(c => c.PostId == edited).ContentHash);
        // Told once: no separate list of edits, and the deletion is dated the day before.
        Assert.Single(result.Blocks.OfType<Paragraph>());
        Assert.Empty(result.Takeaways);
        SectionChecks.AreCitedVerbatim(archive, result, "walk-backs");
    }

    [Fact]
    public void ADeletionIsListedOnTheDayItsLastCopyDatesFromAndSaysTheArchivedCopyRemains()
    {
        var archive = archives.Episode("walked-back");
        var result = Section.Build(SectionArchives.Day(archive, WalkBackDay.AddDays(-1)));
        var deletion = Assert.Single(Assert.Single(result.Blocks.OfType<Paragraph>()).Sentences);
        Assert.StartsWith("Военный дневник Z (fictional) (@voen_dnevnik_fict) deleted its post on the claim «", deletion.Text, StringComparison.Ordinal);
        Assert.EndsWith("some time after 2022-10-14 10:20 UTC; the archived copy remains.", deletion.Text, StringComparison.Ordinal);
        Assert.Equal(["okopnaya_pravda_fict/501", "voen_dnevnik_fict/3302"], SectionChecks.Keys(archive, [deletion]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ADenialIsQuotedFromTheDenyingPost()
    {
        var archive = archives.Episode("denied-and-persists");
        var result = Section.Build(SectionArchives.Day(archive, new DateOnly(2022, 11, 2)));
        var denial = Assert.Single(Assert.Single(result.Blocks.OfType<Paragraph>()).Sentences);
        Assert.StartsWith("On November 2, Пресс-служба Заречной районной администрации (fictional) (@zarechny_press_fict) denied the claim «", denial.Text, StringComparison.Ordinal);
        Assert.Contains("не соответствует действительности", denial.Text, StringComparison.Ordinal);
        Assert.Equal(["donbass_seychas_fict/7001", "zarechny_press_fict/150"], SectionChecks.Keys(archive, [denial]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AConfirmedClaimWithNothingRetractedGivesANote()
    {
        var archive = archives.Episode("confirmed");
        var result = Section.Build(SectionArchives.Day(archive, new DateOnly(2023, 3, 18)));
        Assert.StartsWith("No claim was walked back", Assert.IsType<Note>(Assert.Single(result.Blocks)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditsAndDeletionsOfPostsInNoClaimAreLeftOut()
    {
        using var dir = new TempDir();
        using var archive = SqliteArchive.Open(dir.File("unclaimed.db"));
        var day = new DateTimeOffset(2022, 10, 14, 8, 0, 0, TimeSpan.Zero);
        DesktopExport.Write(dir.File("first.json"), 1700000099, "Погода у фронта (fictional)",
        [
            new(1, day, "Утром туман, днём облачно, к вечеру дождь."),
            new(2, day.AddHours(2), "Завтра ожидается похолодание до нуля градусов."),
            new(3, day.AddHours(4), "Ветер северный, умеренный."),
        ]);
        // A complete later export: the first post edited, the second gone (tombstones fall inside the span it covers).
        DesktopExport.Write(dir.File("later.json"), 1700000099, "Погода у фронта (fictional)",
        [
            new(1, day, "Утром туман, днём облачно, к вечеру снег.", Edited: day.AddHours(3)),
            new(3, day.AddHours(4), "Ветер северный, умеренный."),
        ]);
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        foreach (var f in new[] { "first.json", "later.json" })
            Assert.False((await ingestor.IngestFileAsync(dir.File(f), new IngestOptions { Handle = "pogoda_fict" })).Rejected);
        Assert.All(AnalysisPipeline.Default.Run(archive), o => Assert.True(o.Ok, o.Error));
        Assert.Equal(1, archive.Sources().Single().Deleted);
        Assert.Equal(1, archive.Sources().Single().Edited);
        Assert.Empty(archive.Claims());

        var result = Section.Build(new ReportContext(archive, new ReportOptions { Date = DateOnly.FromDateTime(day.UtcDateTime) }));
        Assert.IsType<Note>(Assert.Single(result.Blocks));
    }
}
