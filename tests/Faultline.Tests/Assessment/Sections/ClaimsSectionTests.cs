using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Tests.Analysis.Claims;

namespace Faultline.Tests.Assessment.Sections;

/// <summary>
/// The claims section on the fictional episodes and the demo samples, each ingested through the real readers and
/// analysed by the real pipeline; the episodes' truth files say which posts each paragraph must cite.
/// </summary>
public sealed class ClaimsSectionTests(SectionArchives archives) : IClassFixture<SectionArchives>
{
    private static readonly DateOnly WalkBackDay = new(2022, 10, 15);
    private static readonly ClaimsSection Section = new();

    private static ClaimEpisode.TruthClaim Truth(string episode) => ClaimEpisode.Load(episode).Claims.Single();

    private static IEnumerable<string> Posts(ClaimEpisode.TruthClaim truth, string kind) => truth.Events.Where(e => e.Kind == kind).Select(e => e.Post);

    [Fact]
    public void TheWalkBackDayParagraphCitesExactlyTheEpisodesPostsAndTheEditedPostsLaterVersion()
    {
        var archive = archives.Episode("walked-back");
        var truth = Truth("walked-back");
        var result = Section.Build(SectionArchives.Day(archive, WalkBackDay));

        var paragraph = SectionChecks.ParagraphCiting(archive, result, truth.Origin);
        Assert.NotNull(paragraph);
        Assert.Same(paragraph, result.Blocks.OfType<Paragraph>().First());
        // Origin, amplifiers, reports, the mock and the walk-backs: every member, and nothing else.
        Assert.Equal(truth.Members.Select(m => m.Post).Order(StringComparer.Ordinal),
            SectionChecks.Keys(archive, paragraph.Sentences).Order(StringComparer.Ordinal));

        var edited = Assert.Single(Posts(truth, "edited"));
        var editedId = SectionArchives.PostId(archive, edited);
        var versions = archive.Versions(editedId);
        Assert.Equal(2, versions.Count);
        var edit = Assert.Single(paragraph.Sentences, s => s.Text.Contains("edited", StringComparison.Ordinal));
        var editCitation = Assert.Single(edit.Citations);
        Assert.Equal(editedId, editCitation.PostId);
        Assert.Equal(versions[^1].ContentHash, editCitation.ContentHash);
        Assert.StartsWith("UPD", editCitation.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(editCitation.Excerpt!, versions[0].Text, StringComparison.Ordinal);
        Assert.Contains("«" + editCitation.Excerpt + "»", edit.Text, StringComparison.Ordinal);

        var deleted = Assert.Single(Posts(truth, "deleted"));
        Assert.Single(SectionChecks.Citing(archive, paragraph, deleted), s => s.Text.Contains("has since deleted its post; the archived copy remains", StringComparison.Ordinal));
        var authorsWalkBack = truth.Events.First(e => e.Kind == "walkedBack" && e.Post.Split('/')[0] == truth.Origin.Split('/')[0]).Post;
        Assert.Contains("walked the claim back on October 15", Assert.Single(SectionChecks.Citing(archive, paragraph, authorsWalkBack)).Text, StringComparison.Ordinal);
        var spread = SectionChecks.Citing(archive, paragraph, Posts(truth, "amplified").First());
        Assert.Equal(Posts(truth, "amplified").Order(StringComparer.Ordinal), SectionChecks.Keys(archive, spread).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheParagraphTellsAccusationSpreadWalkBackEditAndDeletionInThatOrder()
    {
        var archive = archives.Episode("walked-back");
        var truth = Truth("walked-back");
        var paragraph = SectionChecks.ParagraphCiting(archive, Section.Build(SectionArchives.Day(archive, WalkBackDay)), truth.Origin)!;
        int At(string post) => paragraph.Sentences.ToList().FindIndex(s => s.Citations.Any(c => c.PostId == SectionArchives.PostId(archive, post)));
        int Containing(string words) => paragraph.Sentences.ToList().FindIndex(s => s.Text.Contains(words, StringComparison.Ordinal));

        var order = new[] { At(truth.Origin), At(Posts(truth, "amplified").First()), Containing("walked the claim back"), Containing("edited"), Containing("deleted") };
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Equal(0, order[0]);
        Assert.Contains("this cannot be independently verified", paragraph.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Contains("the Ministry of Defence of the Russian Federation", paragraph.Sentences[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTimelineFollowsTheParagraphWithEveryEventOfTheTruthUpToTheDay()
    {
        var archive = archives.Episode("walked-back");
        var truth = Truth("walked-back");
        var result = Section.Build(SectionArchives.Day(archive, WalkBackDay));
        var paragraph = SectionChecks.ParagraphCiting(archive, result, truth.Origin)!;
        var timeline = Assert.IsType<BulletList>(result.Blocks[result.Blocks.ToList().IndexOf(paragraph) + 1]);
        var listed = SectionChecks.Keys(archive, timeline.Items);
        Assert.Subset(listed, truth.Events.Select(e => e.Post).ToHashSet(StringComparer.Ordinal));
        Assert.Superset(listed, truth.Members.Select(m => m.Post).ToHashSet(StringComparer.Ordinal));
        Assert.Contains(timeline.Items, i => i.Text.Contains("walked back by", StringComparison.Ordinal) && i.Text.Contains("(in an edit)", StringComparison.Ordinal));
        Assert.All(timeline.Items, i => Assert.Contains(" UTC", i.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void TheDayBeforeTheWalkBackTellsNoWalkBackYet()
    {
        var archive = archives.Episode("walked-back");
        var truth = Truth("walked-back");
        var paragraph = SectionChecks.ParagraphCiting(archive, Section.Build(SectionArchives.Day(archive, WalkBackDay.AddDays(-1))), truth.Origin)!;
        var cited = SectionChecks.Keys(archive, paragraph.Sentences);
        Assert.DoesNotContain(paragraph.Sentences, s => s.Text.Contains("walked the claim back", StringComparison.Ordinal) || s.Text.Contains("edited", StringComparison.Ordinal));
        foreach (var walkBack in Posts(truth, "walkedBack").Where(p => !Posts(truth, "edited").Contains(p))) Assert.DoesNotContain(walkBack, cited);
    }

    [Fact]
    public void TheDeniedEpisodeParagraphCitesTheDenialAndTheChannelThatDismissedIt()
    {
        var archive = archives.Episode("denied-and-persists");
        var truth = Truth("denied-and-persists");
        var result = Section.Build(SectionArchives.Day(archive, new DateOnly(2022, 11, 2)));
        var paragraph = SectionChecks.ParagraphCiting(archive, result, truth.Origin);
        Assert.NotNull(paragraph);
        var denial = Assert.Single(SectionChecks.Citing(archive, paragraph, Assert.Single(Posts(truth, "denied"))));
        Assert.Contains("denied the claim", denial.Text, StringComparison.Ordinal);
        Assert.Contains("не соответствует действительности", denial.Text, StringComparison.Ordinal);
        var dismissal = Assert.Single(SectionChecks.Citing(archive, paragraph, Assert.Single(Posts(truth, "resurfaced"))));
        Assert.Contains("quoted the denial and dismissed it", dismissal.Text, StringComparison.Ordinal);
        Assert.Contains(result.Takeaways, t => t.Significance >= 0.8 && t.Sentence.Text.Contains("denied", StringComparison.Ordinal));
    }

    [Fact]
    public void TheNextDayTellsWhoKeptSpreadingTheClaimAfterTheDenial()
    {
        var archive = archives.Episode("denied-and-persists");
        var truth = Truth("denied-and-persists");
        var paragraph = SectionChecks.ParagraphCiting(archive, Section.Build(SectionArchives.Day(archive, new DateOnly(2022, 11, 3))), truth.Origin)!;
        var denied = truth.Events.ToList().FindIndex(e => e.Kind == "denied");
        var later = truth.Events.Skip(denied + 1).Where(e => e.Kind == "amplified").Select(e => e.Post).ToList();
        var after = Assert.Single(paragraph.Sentences, s => s.Text.StartsWith("After the denial", StringComparison.Ordinal));
        Assert.Equal(later.Order(StringComparer.Ordinal), SectionChecks.Keys(archive, [after]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheConfirmedEpisodeIsReportedWithItsConfirmationAndWithoutTheUnverifiableHedge()
    {
        var archive = archives.Episode("confirmed");
        var truth = Truth("confirmed");
        var result = Section.Build(SectionArchives.Day(archive, new DateOnly(2023, 3, 18)));
        var paragraph = SectionChecks.ParagraphCiting(archive, result, truth.Origin);
        Assert.NotNull(paragraph);
        Assert.Contains(" reported: «", paragraph.Sentences[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(paragraph.Sentences, s => s.Text.Contains("cannot be independently verified", StringComparison.Ordinal));
        var confirmation = Assert.Single(SectionChecks.Citing(archive, paragraph, Assert.Single(Posts(truth, "confirmed"))));
        Assert.Contains("confirmed it", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Підтверджуємо", confirmation.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("walked-back", "2022-10-13", "2022-10-16")]
    [InlineData("denied-and-persists", "2022-11-01", "2022-11-04")]
    [InlineData("confirmed", "2023-03-17", "2023-03-19")]
    public void EverySentenceOfEverySectionIsCitedAndEveryQuoteIsVerbatimInTheCitedVersion(string episode, string first, string last)
    {
        var archive = archives.Episode(episode);
        for (var day = DateOnly.Parse(first); day <= DateOnly.Parse(last); day = day.AddDays(1))
            foreach (var section in new IReportSection[] { new ClaimsSection(), new WalkBacksSection(), new ReliabilitySection() })
                SectionChecks.AreCitedVerbatim(archive, section.Build(SectionArchives.Day(archive, day)), $"{episode} {day} {section.Id}");
    }

    [Fact]
    public void EverySentenceOnTheDemoSamplesIsCitedAndEveryQuoteIsVerbatim()
    {
        var archive = archives.Samples();
        for (var day = new DateOnly(2022, 10, 10); day <= new DateOnly(2022, 10, 16); day = day.AddDays(1))
            foreach (var section in new IReportSection[] { new ClaimsSection(), new WalkBacksSection(), new ReliabilitySection() })
                SectionChecks.AreCitedVerbatim(archive, section.Build(SectionArchives.Day(archive, day)), $"samples {day} {section.Id}");
    }

    [Fact]
    public void OnTheDemoSamplesTheWalkBackDayLeadsWithTheAccusationAndItsWalkBack()
    {
        var archive = archives.Samples();
        var result = Section.Build(SectionArchives.Day(archive, WalkBackDay));
        var paragraph = SectionChecks.ParagraphCiting(archive, result, "severny_rubezh_fict/4107");
        Assert.NotNull(paragraph);
        Assert.Same(paragraph, result.Blocks.OfType<Paragraph>().First());
        Assert.Contains("severny_rubezh_fict/4107", SectionChecks.Keys(archive, [paragraph.Sentences[0]]));
        var walkBack = Assert.Single(SectionChecks.Citing(archive, paragraph, "severny_rubezh_fict/4111"));
        Assert.Contains("walked the claim back", walkBack.Text, StringComparison.Ordinal);
        Assert.Contains("Списков больше нет", walkBack.Text, StringComparison.Ordinal);
        Assert.Matches("(amplified|spread|forwarded|copied|rewrote) the claim", paragraph.Sentences[1].Text);
        var lead = result.Takeaways.MaxBy(t => t.Significance)!;
        Assert.Contains("severny_rubezh_fict/4111", SectionChecks.Keys(archive, [lead.Sentence]));
    }

    [Fact]
    public void TheWalkBackIsTheStrongestTakeawayOfItsDay()
    {
        var archive = archives.Episode("walked-back");
        var result = Section.Build(SectionArchives.Day(archive, WalkBackDay));
        var lead = result.Takeaways.MaxBy(t => t.Significance)!;
        Assert.InRange(lead.Significance, 0.8, 1.0);
        Assert.Contains("walked back", lead.Sentence.Text, StringComparison.Ordinal);
        Assert.Equal(["okopnaya_pravda_fict/501", "okopnaya_pravda_fict/502"], SectionChecks.Keys(archive, [lead.Sentence]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnEmptyPeriodGivesEachSectionANoteAndNoTakeaways()
    {
        var archive = archives.Episode("walked-back");
        var context = SectionArchives.Day(archive, new DateOnly(2021, 6, 1));
        foreach (var section in new IReportSection[] { new ClaimsSection(), new WalkBacksSection(), new ReliabilitySection() })
        {
            var result = section.Build(context);
            Assert.IsType<Note>(Assert.Single(result.Blocks));
            Assert.Empty(result.Takeaways);
        }
    }

    [Fact]
    public void TheDefaultReportListsTheClaimSectionsInReadingOrder()
    {
        var ids = ReportSections.Default.Select(s => s.Id).ToList();
        Assert.True(ids.IndexOf("claims") >= 0 && ids.IndexOf("claims") < ids.IndexOf("walk-backs"));
        Assert.True(ids.IndexOf("walk-backs") < ids.IndexOf("reliability"));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
