using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Text;

namespace Faultline.Tests.Assessment;

/// <summary>The builder: sections over one context, ranked takeaways, endnotes numbered by first use and resolved to archived versions.</summary>
public sealed class ReportBuilderTests(AssessmentArchive fixture) : IClassFixture<AssessmentArchive>
{
    private AssessmentDocument Build(IReadOnlyList<IReportSection>? sections = null, ReportOptions? options = null)
    {
        using var archive = fixture.Open();
        return ReportBuilder.Build(archive, options ?? TestSections.Day(), sections ?? TestSections.Standard);
    }

    [Fact]
    public void EndnotesAreNumberedInOrderOfFirstUseTakeawaysFirstAndOnePerDistinctPost()
    {
        var document = Build();
        var expected = new List<long>();
        foreach (var s in document.Takeaways.Concat(document.Sections.SelectMany(s => ReportBuilder.Sentences(s.Blocks, tableCells: true))))
            foreach (var c in s.Citations)
                if (!expected.Contains(c.PostId)) expected.Add(c.PostId);
        Assert.Equal(expected, document.Endnotes.Select(n => n.PostId));
        Assert.Equal(Enumerable.Range(1, expected.Count), document.Endnotes.Select(n => n.Number));
        // The origin is cited in a takeaway, in both sections and in a table cell, and has one endnote.
        using var archive = fixture.Open();
        var origin = TestSections.Id(archive, "okopnaya_pravda_fict", "501");
        Assert.Single(document.Endnotes, n => n.PostId == origin);
        // The top takeaway (the walk-back, significance 0.9) holds endnote 1.
        Assert.Equal(TestSections.Id(archive, "okopnaya_pravda_fict", "502"), document.Endnotes[0].PostId);
    }

    [Fact]
    public void EveryEndnoteNamesAnArchivedVersionAndQuotesItVerbatim()
    {
        var document = Build();
        using var archive = fixture.Open();
        Assert.NotEmpty(document.Endnotes);
        foreach (var note in document.Endnotes)
        {
            var post = archive.PostById(note.PostId)!;
            var version = Assert.Single(archive.Versions(note.PostId), v => ContentHash.Short(v.ContentHash) == note.VersionHash);
            Assert.Contains(note.Excerpt, version.Text, StringComparison.Ordinal);
            Assert.NotEmpty(note.Excerpt);
            Assert.InRange(note.Excerpt.Length, 1, ReportBuilder.OpeningExcerptLength);
            Assert.Equal(post.CanonicalUrl, note.Url);
            Assert.Equal(post.Post.NativeId, note.NativeId);
            Assert.Equal(post.Language, note.Language);
        }
        var origin = document.Endnotes.Single(n => n.PostId == TestSections.Id(archive, "okopnaya_pravda_fict", "501"));
        Assert.Equal("https://t.me/okopnaya_pravda_fict/501", origin.Url);
        Assert.Equal("Окопная правда (fictional)", origin.Channel);
        Assert.Equal("okopnaya_pravda_fict", origin.Handle);
        Assert.Equal("Отдельные генералы Министерства обороны составляют списки военкоров и блогеров", origin.Excerpt);
    }

    [Fact]
    public void AnEditedPostIsCitedInTheVersionTheSectionChoseAndADeletedOneAsAnArchivedCopy()
    {
        var document = Build();
        using var archive = fixture.Open();
        var editedId = TestSections.Id(archive, "russky_shtyk_fict", "877");
        var edited = document.Endnotes.Single(n => n.PostId == editedId);
        var versions = archive.Versions(editedId);
        Assert.Equal(2, versions.Count);
        Assert.Equal(ContentHash.Short(versions[0].ContentHash), edited.VersionHash);
        Assert.Equal(2, edited.Versions);
        var deleted = document.Endnotes.Single(n => n.PostId == TestSections.Id(archive, "voen_dnevnik_fict", "3302"));
        Assert.NotNull(deleted.DeletedAt);
        // Without an excerpt the endnote quotes the post's opening words: a prefix cut at a word boundary.
        var text = archive.PostById(deleted.PostId)!.Post.Text;
        Assert.StartsWith(deleted.Excerpt, text, StringComparison.Ordinal);
        Assert.True(deleted.Excerpt.Length == text.TrimEnd().Length || char.IsWhiteSpace(text[deleted.Excerpt.Length]));
    }

    [Fact]
    public void OpeningWordsAreCutAtAWordBoundaryAndKeepTheTextVerbatim()
    {
        var text = "  Первая строка\n\nвторая   строка " + string.Join(' ', Enumerable.Repeat("словословослово", 30));
        var words = ReportBuilder.OpeningWords(text);
        Assert.InRange(words.Length, 100, ReportBuilder.OpeningExcerptLength);
        Assert.Contains(words, text, StringComparison.Ordinal);
        Assert.StartsWith("Первая строка\n\nвторая   строка", words, StringComparison.Ordinal);
        Assert.EndsWith("словословослово", words, StringComparison.Ordinal);
        Assert.Equal("short text", ReportBuilder.OpeningWords("short text \n"));
    }

    [Fact]
    public void TakeawaysAreRankedBySignificanceWithoutRepeatsAndAtMostSeven()
    {
        var document = Build([new TestSections.ManyTakeaways(), .. TestSections.Standard]);
        Assert.Equal(ReportBuilder.MaxTakeaways, document.Takeaways.Count);
        Assert.Equal("Takeaway number 10 about the lists.", document.Takeaways[0].Text);
        var plain = Build();
        // The walk-back (0.9) leads, then the regional outlet (0.85), then the accusation (0.8); the repeat of the walk-back
        // with different spacing (0.7) is dropped.
        Assert.Equal(3, plain.Takeaways.Count);
        Assert.StartsWith("The next day the author", plain.Takeaways[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("A regional outlet", plain.Takeaways[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Окопная правда", plain.Takeaways[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASectionThatThrowsBecomesANoteAndTheOtherSectionsAreStillWritten()
    {
        var document = Build([new TestSections.Broken(), .. TestSections.Standard]);
        Assert.Equal(3, document.Sections.Count);
        var note = Assert.IsType<Note>(Assert.Single(document.Sections[0].Blocks));
        Assert.Equal("The Broken (test) section could not be written: the stance view is not loaded", note.Text);
        Assert.Contains(document.Sections[1].Blocks, b => b is Paragraph);
        Assert.NotEmpty(document.Endnotes);
    }

    [Fact]
    public void AQuoteThatIsNotInTheCitedTextIsABugAndStopsTheReportWithAClearMessage()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build([new TestSections.Misquoting()]));
        Assert.Contains("test-misquote", e.Message, StringComparison.Ordinal);
        Assert.Contains("«генералы готовят расстрельные списки»", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not contain these words verbatim", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyPeriodGivesAShortReportWithACoverageNoteAndNoEndnotes()
    {
        var document = Build(options: new ReportOptions { Date = new DateOnly(2021, 3, 1) });
        Assert.Empty(document.Takeaways);
        Assert.Empty(document.Endnotes);
        Assert.All(document.Sections, s => Assert.IsType<Note>(Assert.Single(s.Blocks)));
        Assert.Contains(document.Notes, n => n.Contains("no posts published between 2021-03-01 00:00 to 2021-03-02 00:00 UTC", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCoverageNoteCountsThePostsAndSourcesOfThePeriod()
    {
        var document = Build();
        using var archive = fixture.Open();
        var posts = archive.AnalysisPosts(0, document.From, document.To).ToList();
        var sources = posts.Select(p => p.SourceId).Distinct().Count();
        Assert.StartsWith($"This assessment rests on the {posts.Count} posts from {sources} sources", document.Notes[0], StringComparison.Ordinal);
        Assert.Contains("later deleted", document.Notes[0], StringComparison.Ordinal);
        Assert.Equal("report.db", document.ArchiveName);
    }

    [Theory]
    [InlineData(2022, 10, 15, 1, "Russian information space assessment, October 15, 2022")]
    [InlineData(2022, 10, 15, 7, "Russian information space assessment, October 9–15, 2022")]
    [InlineData(2022, 10, 2, 7, "Russian information space assessment, September 26 – October 2, 2022")]
    [InlineData(2023, 1, 2, 5, "Russian information space assessment, December 29, 2022 – January 2, 2023")]
    public void TheTitleNamesTheDayOrThePeriod(int year, int month, int day, int days, string title)
        => Assert.Equal(title, ReportBuilder.Title(new ReportOptions { Date = new DateOnly(year, month, day), Days = days }));
}
