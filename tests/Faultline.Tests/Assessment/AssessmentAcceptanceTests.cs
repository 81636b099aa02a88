using Faultline.Archive;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Assessment.Writing;
using Faultline.Tests.Assessment.Sections;
using Faultline.Tests.Cli;

namespace Faultline.Tests.Assessment;

/// <summary>
/// The assessment as the analyst gets it: every built-in section, the builder, every writer and the checker together,
/// over the demo samples (as `faultline demo` writes them) and over the fictional claim episodes.
/// </summary>
public sealed class AssessmentAcceptanceTests(SpreadCliTests.DemoArchive demo, SectionArchives archives)
    : IClassFixture<SpreadCliTests.DemoArchive>, IClassFixture<SectionArchives>
{
    private static readonly DateOnly WalkBackDay = new(2022, 10, 15);

    private string DemoReport => Path.Combine(demo.Folder, "demo-assessment-2022-10-15.html");

    private static string Scenarios => Path.Combine(Corpus.RepoRoot, "samples", "scenarios", "defeated-regime.scenarios");

    [Fact]
    public void TheDemoWritesTheWalkBackDayAsHtmlAndPrintsItsPath()
    {
        Assert.Contains(DemoReport, demo.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(DemoReport);
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("October 15, 2022", html, StringComparison.Ordinal);
        Assert.Contains("Indicators and warnings", html, StringComparison.Ordinal);
        var r = demo.Run("report", "--check", DemoReport);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.StartsWith("ok:", r.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDemoReportTellsTheAccusationItsAmplificationTheDenialAndTheWalkBackWithTheExactPosts()
    {
        using var archive = SqliteArchive.Open(demo.Db);
        var document = ReportBuilder.Build(archive, new ReportOptions { Date = WalkBackDay, ScenarioFile = Scenarios });
        long Id(string key) => SectionArchives.PostId(archive, key);
        var accusation = Id("severny_rubezh_fict/4107");
        var denial = Id("armeysky_vestnik_fict/2041");
        var walkBack = Id("severny_rubezh_fict/4111");
        var amplifiers = new[] { "tikhiy_front_fict/884", "okopnaya_pravda_fict/304", "golos_peredka_fict/512" }.Select(Id).ToHashSet();

        var claims = document.Sections.Single(s => s.Id == "claims");
        var paragraph = claims.Blocks.OfType<Paragraph>().Single(p => p.Sentences[0].Citations.Any(c => c.PostId == accusation));
        Sentence Citing(Func<Sentence, bool> match) => Assert.Single(paragraph.Sentences, s => match(s));
        var made = paragraph.Sentences[0];
        var amplified = Citing(s => s.Text.Contains("amplified the claim", StringComparison.Ordinal));
        var denied = Citing(s => s.Text.Contains("denied the claim", StringComparison.Ordinal));
        var walkedBack = Citing(s => s.Text.Contains("walked the claim back", StringComparison.Ordinal));
        Assert.Contains("made a claim", made.Text, StringComparison.Ordinal);
        Assert.Superset(amplifiers, amplified.Citations.Select(c => c.PostId).ToHashSet());
        Assert.Equal([denial], denied.Citations.Select(c => c.PostId));
        Assert.Equal([walkBack], walkedBack.Citations.Select(c => c.PostId));
        var order = new[] { made, amplified, denied, walkedBack }.Select(s => paragraph.Sentences.ToList().IndexOf(s)).ToList();
        Assert.Equal(order.Order(), order);

        // The endnotes behind those sentences point at the exact posts.
        var urls = document.Endnotes.ToDictionary(e => e.PostId, e => e.Url);
        Assert.Equal("https://t.me/severny_rubezh_fict/4107", urls[accusation]);
        Assert.Equal("https://t.me/armeysky_vestnik_fict/2041", urls[denial]);
        Assert.Equal("https://t.me/severny_rubezh_fict/4111", urls[walkBack]);
        var html = File.ReadAllText(DemoReport);
        foreach (var url in new[] { urls[accusation], urls[denial], urls[walkBack] })
            Assert.Contains(url!, html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDemoReportCarriesTheScenarioBoard()
    {
        using var archive = SqliteArchive.Open(demo.Db);
        var document = ReportBuilder.Build(archive, new ReportOptions { Date = WalkBackDay, ScenarioFile = Scenarios });
        var board = document.Sections.Single(s => s.Id == "scenarios");
        Assert.NotEmpty(board.Blocks.OfType<Table>());
        Assert.NotEmpty(board.Blocks.OfType<Paragraph>().SelectMany(p => p.Sentences).SelectMany(s => s.Citations));
    }

    public static TheoryData<string, string> EpisodeDays() => new()
    {
        { "walked-back", "2022-10-14" }, { "walked-back", "2022-10-15" },
        { "denied-and-persists", "2022-11-02" }, { "denied-and-persists", "2022-11-03" },
        { "confirmed", "2023-03-18" },
    };

    [Theory]
    [MemberData(nameof(EpisodeDays))]
    public void EveryBuiltInSectionTogetherPassesTheCheckInEveryFormatOnTheEpisodes(string episode, string day)
    {
        var archive = archives.Episode(episode);
        var document = ReportBuilder.Build(archive, new ReportOptions { Date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(ReportSections.Default.Select(s => s.Id), document.Sections.Select(s => s.Id));
        Assert.DoesNotContain(document.Sections.SelectMany(s => s.Blocks).OfType<Note>(), n => n.Text.Contains("could not be written", StringComparison.Ordinal));
        EveryEndnoteResolves(archive, document);
        foreach (var format in new[] { "md", "html", "json" })
        {
            var writer = AssessmentWriters.ByFormat(format)!;
            using var buffer = new MemoryStream();
            writer.Write(document, buffer, WriterOptions.Default);
            var result = ReportCheck.Check($"{episode}-{day}{writer.Extension}", System.Text.Encoding.UTF8.GetString(buffer.ToArray()), archive);
            Assert.True(result.Ok, string.Join("\n", result.Failures));
        }
    }

    [Fact]
    public void AnEmptyPeriodGivesAShortValidReportThatPassesTheCheck()
    {
        using var archive = SqliteArchive.Open(demo.Db);
        var document = ReportBuilder.Build(archive, new ReportOptions { Date = new DateOnly(2023, 6, 1) });
        Assert.Empty(document.Endnotes);
        Assert.Empty(document.Takeaways);
        using var buffer = new MemoryStream();
        new HtmlWriter().Write(document, buffer, WriterOptions.Default);
        Assert.InRange(buffer.Length, 1, 64 * 1024);
        var result = ReportCheck.Check("empty.html", System.Text.Encoding.UTF8.GetString(buffer.ToArray()), archive);
        Assert.True(result.Ok, string.Join("\n", result.Failures));
    }

    private static void EveryEndnoteResolves(IArchive archive, AssessmentDocument document)
    {
        Assert.Equal(Enumerable.Range(1, document.Endnotes.Count), document.Endnotes.Select(e => e.Number));
        foreach (var note in document.Endnotes)
        {
            var version = archive.Versions(note.PostId).FirstOrDefault(v => v.ContentHash.StartsWith(note.VersionHash, StringComparison.Ordinal));
            Assert.True(version is not null, $"endnote [{note.Number}]: no version {note.VersionHash} of post {note.PostId}");
            Assert.Contains(note.Excerpt, version!.Text, StringComparison.Ordinal);
        }
    }
}
