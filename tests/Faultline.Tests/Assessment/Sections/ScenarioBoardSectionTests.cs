using Faultline.Archive;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Tests.Analysis.Scenarios;
using static Faultline.Tests.Analysis.Scenarios.ScenarioArchives;

namespace Faultline.Tests.Assessment.Sections;

/// <summary>The indicators-and-warnings section over the demo samples and a small archive whose ranking changes.</summary>
public sealed class ScenarioBoardSectionTests(DemoSamplesArchive demo) : IClassFixture<DemoSamplesArchive>, IDisposable
{
    private static readonly DateOnly Oct15 = new(2022, 10, 15);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SectionResult Section(IArchive archive, string? file, DateOnly? date = null, Faultline.Analysis.Actors.ActorRegistry? registry = null)
        => new ScenarioBoardSection().Build(new ReportContext(archive, new ReportOptions
        {
            Date = date ?? Oct15, ScenarioFile = file, Registry = registry ?? Faultline.Analysis.Actors.ActorRegistry.Default,
        }));

    private static IEnumerable<Sentence> Sentences(SectionResult result)
        => result.Blocks.OfType<Paragraph>().SelectMany(p => p.Sentences).Concat(result.Blocks.OfType<BulletList>().SelectMany(b => b.Items));

    [Fact]
    public void TheBoardIsTheLastSectionOfTheStandardAssessment()
    {
        var last = ReportSections.Default[^1];
        Assert.IsType<ScenarioBoardSection>(last);
        Assert.Equal(("scenarios", "Indicators and warnings"), (last.Id, last.Heading));
    }

    [Fact]
    public void OnTheWalkBackDayEveryFiredIndicatorIsACitedSentence()
    {
        var result = Section(demo.Archive, ShippedFile);

        var sentences = Sentences(result).ToList();
        Assert.True(sentences.Count >= 5);
        Assert.All(sentences, s =>
        {
            Assert.NotEmpty(s.Citations);
            Assert.DoesNotContain("[", s.Text, StringComparison.Ordinal);
            Assert.Matches(@"[.!?]$", s.Text);
        });
        var walkBack = sentences.Single(s => s.Text.StartsWith("Indicator «A claim that the ministry is cracking down on its critics is walked back» was observed (new since October 14): ", StringComparison.Ordinal));
        Assert.Contains(walkBack.Citations, c => c.PostId == Id(demo.Archive, "severny_rubezh_fict/4111") && c.Excerpt == "Списков больше нет.");
        Assert.Contains(sentences, s => s.Text.StartsWith("Indicator «Milbloggers turn on the defence ministry» was observed: net criticism of mod-establishment by milbloggers moved by +", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.Text.StartsWith("Analyst evidence «", StringComparison.Ordinal) && s.Text.Contains("information credibility 3 (possibly true)", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryQuotedExcerptIsVerbatimFromTheCitedPost()
    {
        var result = Section(demo.Archive, ShippedFile);

        var keys = demo.Archive.Sources().ToDictionary(s => s.Id, s => s.Info.Key);
        var citations = Sentences(result).SelectMany(s => s.Citations).ToList();
        Assert.NotEmpty(citations);
        foreach (var c in citations)
        {
            Assert.Null(c.ContentHash);
            Assert.NotNull(c.Excerpt);
            var post = demo.Archive.AnalysisPostsById([c.PostId]).Single();
            var current = demo.Archive.FindPost(keys[post.SourceId], post.NativeId)!;
            Assert.Contains(c.Excerpt!, current.Post.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheMatrixAndRankingAreTablesAndTheMethodAndChangeAreNotes()
    {
        var result = Section(demo.Archive, ShippedFile);

        var tables = result.Blocks.OfType<Table>().ToList();
        Assert.Equal(2, tables.Count);
        var matrix = tables[0];
        Assert.Equal(["Item", "Kind and window", "Observed", "Posts", "Weight", "Diagnosticity", "H1", "H2", "H3"], matrix.Header);
        Assert.Equal(14, matrix.Rows.Count);
        Assert.All(matrix.Rows, r => Assert.Equal(matrix.Header.Count, r.Count));
        Assert.Contains(matrix.Rows, r => r[0].Text == "Mobilization in the news (any kind) (mobilization-talk)" && r[5].Text == "none (0)");
        var ranking = tables[1];
        Assert.Equal("H3: Withdrawal with blame on subordinates", ranking.Rows[0][1].Text);
        Assert.Equal("Since October 14", ranking.Header[^1]);
        var notes = result.Blocks.OfType<Note>().Select(n => n.Text).ToList();
        Assert.Contains(notes, n => n.Contains("Analysis of Competing Hypotheses", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("H3 «Withdrawal with blame on subordinates» ranks first (least inconsistent)", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Since October 14: newly observed: ", StringComparison.Ordinal) && n.Contains("the ranking is unchanged", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("mobilization-talk has no diagnosticity", StringComparison.Ordinal));
        Assert.Empty(result.Takeaways);
    }

    [Fact]
    public void WithoutAScenarioFileTheSectionSaysHowToAddOne()
    {
        var result = Section(demo.Archive, null);

        var note = Assert.IsType<Note>(Assert.Single(result.Blocks));
        Assert.Contains("docs/scenarios.md", note.Text);
        Assert.Empty(result.Takeaways);
    }

    [Fact]
    public void AMissingOrBrokenScenarioFileBecomesNotesNamingFileAndLine()
    {
        var missing = Section(demo.Archive, _dir.File("absent.scenarios"));
        Assert.Contains("was not found", Assert.IsType<Note>(Assert.Single(missing.Blocks)).Text);

        var bad = _dir.File("bad.scenarios");
        File.WriteAllText(bad, "hypothesis H1 | One\nhypothesis H2 | Two\nindicator x query 3d | X\n  terms: (ядерн*\n  marks: H1 C; H2 N\n");
        var result = Section(demo.Archive, bad);
        var notes = result.Blocks.OfType<Note>().Select(n => n.Text).ToList();
        Assert.Contains($"{bad}:4: terms: a '(' is not closed", notes);
        Assert.Empty(Sentences(result));
    }

    [Fact]
    public void AChangeInTheRankingBecomesACitedTakeaway()
    {
        static DateTimeOffset At(int day, int hour) => new(2022, 10, day, hour, 0, 0, TimeSpan.Zero);
        using var archive = Build(_dir.File("small.db"),
        [
            new("alpha_fict", "2", At(14, 9), "Генералы опять виноваты в провале."),
            new("alpha_fict", "3", At(15, 10), "Ядерный удар снова обсуждают в эфире."),
            new("beta_fict", "10", At(15, 11), "Ядерные учения объявлены."),
        ]);
        var file = _dir.File("change.scenarios");
        File.WriteAllText(file, """
            hypothesis A | Alpha
            hypothesis B | Beta
            indicator generals query 3d | Generals blamed
              terms: генерал*
              marks: A I; B C
            indicator nuke query 1d | Nuclear talk
              terms: ядерн*
              threshold: 2
              weight: 3
              marks: A CC; B II
            """);

        var result = Section(archive, file, registry: Registry);

        var takeaway = Assert.Single(result.Takeaways);
        Assert.Equal("On the scenario board, «Alpha» now ranks first among the competing hypotheses (least inconsistent with the evidence) after the indicator «Nuclear talk» was observed.", takeaway.Sentence.Text);
        Assert.Equal([Id(archive, "alpha_fict/3"), Id(archive, "beta_fict/10")], takeaway.Sentence.Citations.Select(c => c.PostId).Order());
        Assert.True(takeaway.Significance > 0);
        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.Contains("the ranking changed: A from second to first, B from first to second", StringComparison.Ordinal));
    }
}
