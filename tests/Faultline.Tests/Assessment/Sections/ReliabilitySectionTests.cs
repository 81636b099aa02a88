using Faultline.Analysis.Claims;
using Faultline.Archive;
using Faultline.Assessment;
using Faultline.Assessment.Sections;

namespace Faultline.Tests.Assessment.Sections;

/// <summary>The source-reliability section on the fictional walked-back episode, analysed by the real pipeline.</summary>
public sealed class ReliabilitySectionTests(SectionArchives archives) : IClassFixture<SectionArchives>
{
    private static readonly DateOnly WalkBackDay = new(2022, 10, 15);
    private const string Originator = "Окопная правда (fictional) (@okopnaya_pravda_fict)";

    /// <summary>One originated claim is too few for the default thresholds (F); one is enough here, so the grade can move.</summary>
    private static readonly GradingOptions OneClaimIsEnough = new() { MinClaims = 1 };

    private static ReportContext Day(IArchive archive, DateOnly day, GradingOptions? grading = null) =>
        new(archive, new ReportOptions { Date = day, Grading = grading ?? GradingOptions.Default });

    private static IReadOnlyList<Sentence> Row(SectionResult result, string source) =>
        Assert.Single(Assert.Single(result.Blocks.OfType<Table>()).Rows, r => r[0].Text == source);

    [Fact]
    public void TheOriginatorsGradeFallsOnTheWalkBackDayCitingTheWalkBack()
    {
        var archive = archives.Episode("walked-back");
        var result = new ReliabilitySection().Build(Day(archive, WalkBackDay, OneClaimIsEnough));

        var change = Assert.Single(Assert.Single(result.Blocks.OfType<Paragraph>()).Sentences);
        Assert.StartsWith($"The suggested reliability grade of {Originator} moved from B to E, after it walked back its claim «", change.Text, StringComparison.Ordinal);
        Assert.Equal(["okopnaya_pravda_fict/501", "okopnaya_pravda_fict/502"], SectionChecks.Keys(archive, [change]).Order(StringComparer.Ordinal));
        Assert.Equal("B → E", Row(result, Originator)[1].Text);
        Assert.Equal("1 of 1 (100%)", Row(result, Originator)[3].Text);
        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.StartsWith($"Reasons for {Originator}", StringComparison.Ordinal) && n.Text.Contains("→ E", StringComparison.Ordinal));
        var takeaway = Assert.Single(result.Takeaways);
        Assert.Same(change, takeaway.Sentence);
        SectionChecks.AreCitedVerbatim(archive, result, "reliability");
    }

    [Fact]
    public void TheDayBeforeTheWalkBackTheOriginatorHasACleanRecord()
    {
        var archive = archives.Episode("walked-back");
        var result = new ReliabilitySection().Build(Day(archive, WalkBackDay.AddDays(-1), OneClaimIsEnough));
        Assert.Equal("B", Row(result, Originator)[1].Text.Split(' ')[^1]);
        Assert.Equal("0 of 1 (0%)", Row(result, Originator)[3].Text);
        Assert.DoesNotContain(SectionChecks.Assertions(result), s => s.Text.Contains("walked back", StringComparison.Ordinal));
    }

    [Fact]
    public void WithTooFewClaimsToJudgeTheGradeStaysFAndTheRecordChangeIsANote()
    {
        var archive = archives.Episode("walked-back");
        var result = new ReliabilitySection().Build(Day(archive, WalkBackDay));
        Assert.Empty(result.Blocks.OfType<Paragraph>());
        Assert.Empty(result.Takeaways);
        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text == "No active source's reliability grade changed in this period.");
        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.Contains($"{Originator}, 1 claim walked back, stays F", StringComparison.Ordinal));
        Assert.Equal("F", Row(result, Originator)[1].Text);
    }

    [Fact]
    public void AnAnalystsOverrideKeepsTheGradeAndTheSectionSaysWhatItOverrules()
    {
        var archive = archives.FreshEpisode("walked-back");
        var source = archive.FindPost("okopnaya_pravda_fict", "501")!.Source;
        var sourceId = archive.Sources().Single(s => s.Info.Key == source.Key).Id;
        archive.SaveGradeOverride(new GradeOverrideRecord(sourceId, 'C', "Fictional analyst's note: accurate on the front line, loose on politics.", "analyst",
            new DateTimeOffset(2022, 10, 1, 0, 0, 0, TimeSpan.Zero)));
        var result = new ReliabilitySection().Build(Day(archive, WalkBackDay, OneClaimIsEnough));

        var change = Assert.Single(Assert.Single(result.Blocks.OfType<Paragraph>()).Sentences);
        Assert.Contains("moved from B to E, while an analyst's override keeps it at C", change.Text, StringComparison.Ordinal);
        Assert.Equal("C", Row(result, Originator)[1].Text);
        Assert.Equal("yes (suggested E)", Row(result, Originator)[5].Text);
        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.Contains("loose on politics", StringComparison.Ordinal));
        Assert.Empty(result.Takeaways);
    }

    [Fact]
    public void ADenialByAnotherPartyMovesTheOriginatorsGradeAndCitesTheDenial()
    {
        var archive = archives.Episode("denied-and-persists");
        var result = new ReliabilitySection().Build(Day(archive, new DateOnly(2022, 11, 2), OneClaimIsEnough));
        var change = Assert.Single(Assert.Single(result.Blocks.OfType<Paragraph>()).Sentences);
        Assert.Contains("can now be judged: E", change.Text, StringComparison.Ordinal);
        Assert.Contains("denied", change.Text, StringComparison.Ordinal);
        Assert.Contains("zarechny_press_fict/150", SectionChecks.Keys(archive, [change]));
        // "Cannot be judged" becoming a grade is not a takeaway.
        Assert.Empty(result.Takeaways);
    }
}
