using System.Text;
using CsCheck;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.Reports;
using Faultline.Tests.Reading.Articles;

namespace Faultline.Tests.Reading.Reports;

public class AssessmentReaderTests
{
    private static readonly AssessmentReader Reader = new();
    private static string Sample => Path.Combine(Corpus.RepoRoot, "samples", "reports", "ics_assessment_2022-10-15.md");
    private static string Fixture(string name) => Path.Combine(Corpus.Data, "reports", name);

    private static async Task<(SourceStarted Source, List<Post> Posts)> ReadAsync(string path)
    {
        var items = await ReaderHarness.ReadFileAsync(Reader, path);
        return (Assert.IsType<SourceStarted>(items[0]), items.Posts());
    }

    [Fact]
    public async Task MarkdownParagraphsBecomePostsKeepingTheirMarkers()
    {
        var (source, posts) = await ReadAsync(Sample);
        Assert.Equal(SourceKind.Assessment, source.Source.Kind);
        Assert.Equal("assessment:institute for conflict studies (fictional)", source.Source.Key);
        Assert.Equal("Institute for Conflict Studies (fictional)", source.Source.Title);
        Assert.Equal(CoverageKind.Partial, source.Coverage);
        Assert.Equal(Enumerable.Range(1, posts.Count).Select(n => "#p" + n), posts.Select(p => p.NativeId[p.NativeId.IndexOf('#')..]));
        var takeaway = posts.Single(p => p.Text.StartsWith("A prominent milblogger walked back", StringComparison.Ordinal));
        Assert.EndsWith("to prosecute.[1][2]", takeaway.Text);
        Assert.Equal("- A prominent milblogger walked back his October 14 claim that Ministry of Defence generals were preparing a \"list\" of milbloggers to prosecute.[1][2]", takeaway.Raw);
        Assert.Contains(posts, p => p.Text.Contains("off the agenda, and congratulated his subscribers.[2] ICS cannot independently verify", StringComparison.Ordinal));
        Assert.DoesNotContain(posts, p => p.Text.Contains("https://", StringComparison.Ordinal));
        Assert.DoesNotContain(posts, p => p.Text.StartsWith("October 15, 2022", StringComparison.Ordinal));
        Assert.All(posts, p => Assert.Equal("Russian Information Space Assessment, October 15, 2022 (fictional)", p.Title));
        Assert.All(posts, p => Assert.Equal(new DateTimeOffset(2022, 10, 15, 0, 0, 0, TimeSpan.Zero), p.Published));
        Assert.All(posts, p => Assert.Equal("https://ics.example/assessments/2022-10-15", p.Url));
    }

    [Fact]
    public async Task EndnotesWithSeveralUrlsBecomeCitationsOnTheRightParagraph()
    {
        var (_, posts) = await ReadAsync(Sample);
        var friction = posts.Single(p => p.Text.StartsWith("The episode likely reflects", StringComparison.Ordinal));
        Assert.Equal(
            [(5, "https://mil.ru/ru/news_page/country.htm"), (5, "https://t.me/vartovyi_fict/2107"), (6, "https://ics.example/assessments/2022-09-21"),
             (7, "https://ics.example/assessments/2022-10-01"), (7, "https://ics.example/assessments/2022-10-08")],
            friction.Citations.Select(c => (c.Marker, c.Url)));
        var monitor = posts.Single(p => p.Text.StartsWith("ICS will continue", StringComparison.Ordinal));
        Assert.Empty(monitor.Citations);
    }

    [Fact]
    public async Task ObfuscatedTelegramLinksResolveToHandleAndPostId()
    {
        var (_, posts) = await ReadAsync(Sample);
        var walkBack = posts.Single(p => p.Text.StartsWith("Artyom Streltsov", StringComparison.Ordinal));
        var cites = walkBack.Citations.Where(c => c.Marker == 2).ToList();
        Assert.Equal("https://t.me/severny_rubezh_fict/4111", cites[0].Url);
        Assert.Equal("severny_rubezh_fict", cites[0].TelegramHandle);
        Assert.Equal(4111, cites[0].TelegramPostId);
        Assert.Equal("https://t.me/s/severny_rubezh_fict/4112", cites[1].Url);
        Assert.Equal("severny_rubezh_fict", cites[1].TelegramHandle);
        Assert.Equal(4112, cites[1].TelegramPostId);
    }

    [Fact]
    public async Task HtmlReportKeepsOnlyTheReportColumnAndItsCitations()
    {
        var (source, posts) = await ReadAsync(Fixture("ics_assessment_2022-10-14.html"));
        Assert.Equal("assessment:institute for conflict studies (fictional)", source.Source.Key);
        Assert.Equal(5, posts.Count);
        Assert.DoesNotContain(posts, p => p.Text.Contains("Subscribe", StringComparison.Ordinal) || p.Text.Contains("Home", StringComparison.Ordinal));
        Assert.DoesNotContain(posts, p => p.Text.StartsWith("Key Takeaways", StringComparison.Ordinal) || p.Text == "Endnotes");
        Assert.All(posts, p => Assert.Equal(new DateTimeOffset(2022, 10, 14, 0, 0, 0, TimeSpan.Zero), p.Published));
        Assert.All(posts, p => Assert.Contains("published time", p.Missing));

        Assert.Equal("A prominent milblogger accused Ministry of Defence generals of preparing a list of milbloggers to prosecute.[1]", posts[0].Text);
        Assert.Equal(["https://t.me/severny_rubezh_fict/40001", "https://t.me/s/severny_rubezh_fict/40002"], posts[0].Citations.Select(c => c.Url));
        Assert.StartsWith("<li>", posts[0].Raw);
        Assert.EndsWith("</li>", posts[0].Raw);

        var claim = posts[2];
        Assert.Contains("\"discrediting\" the army.[1] ICS cannot", claim.Text);
        Assert.StartsWith("<p>Artyom Streltsov (fictional) of the <a href=\"https://t.me/severny_rubezh_fict\">", claim.Raw);
        var link = Assert.Single(claim.Entities);
        Assert.Equal("Severny Rubezh (fictional)", claim.Text.Substring(link.Offset, link.Length));

        var amplified = posts[3];
        Assert.Equal([2, 2, 3, 3, 3, 4], amplified.Citations.Select(c => c.Marker));
        Assert.Equal(
            ["https://t.me/okopnaya_pravda_fict/5120", "https://t.me/tikhiy_front_fict/7733", "https://t.me/c/1700000004/2291",
             "https://kremlin.ru/events/president/news/123", "https://tass.ru/politika/456", "https://mil.example/news/1"],
            amplified.Citations.Select(c => c.Url));
        Assert.Equal("okopnaya_pravda_fict", amplified.Citations[0].TelegramHandle);
        Assert.Equal("c/1700000004", amplified.Citations[2].TelegramHandle);
        Assert.Equal(2291, amplified.Citations[2].TelegramPostId);
        Assert.Null(amplified.Citations[3].TelegramHandle);
    }

    [Fact]
    public async Task EndnotesAfterARuleWithEscapedMarkersAreRead()
    {
        var items = await ReaderHarness.ReadFileAsync(Reader, Fixture("plain_notes.md"));
        var source = Assert.IsType<SourceStarted>(items[0]);
        Assert.Equal("assessment:plain_notes.md", source.Source.Key);
        var post = Assert.Single(items.Posts());
        Assert.Equal("A fictional analyst wrote that the claim spread quickly.[1] Another paragraph cites two notes.[1][2]", post.Text);
        Assert.Equal(["https://t.me/eastfront_monitor_fict/881", "https://rybar-fict.example/post/1", "https://example.org/a"],
            post.Citations.Select(c => c.Url));
        Assert.Contains("publisher", post.Missing);
        Assert.Contains("published", post.Missing);
    }

    [Theory]
    [InlineData("t dot me/rybar/40001", "https://t.me/rybar/40001", "rybar", 40001L)]
    [InlineData("https://t(.)me/Rybar/40001?single", "https://t.me/Rybar/40001?single", "rybar", 40001L)]
    [InlineData("hxxps://t[.]me/s/rybar/7", "https://t.me/s/rybar/7", "rybar", 7L)]
    [InlineData("https://t.me/c/1700000001/55", "https://t.me/c/1700000001/55", "c/1700000001", 55L)]
    [InlineData("kremlin dot ru/events/123", "https://kremlin.ru/events/123", null, null)]
    [InlineData("https://t.me/rybar", "https://t.me/rybar", null, null)]
    public void EndnoteUrlsAreDeobfuscatedAndTelegramLinksResolved(string note, string url, string? handle, long? postId)
    {
        var found = Assert.Single(Endnotes.Urls(note));
        Assert.Equal(url, found);
        var citation = Endnotes.Cite(3, found);
        Assert.Equal(handle, citation.TelegramHandle);
        Assert.Equal(postId, citation.TelegramPostId);
    }

    [Fact]
    public async Task AssessmentsAreDetectedAboveArticlesButOrdinaryMarkdownIsNot()
    {
        Assert.Equal(97, Reader.Detect(await SniffFile(Sample)));
        Assert.Equal(97, Reader.Detect(await SniffFile(Fixture("ics_assessment_2022-10-14.html"))));
        Assert.Equal(97, Reader.Detect(await SniffFile(Fixture("plain_notes.md"))));
        Assert.Equal(0, Reader.Detect(await SniffFile(Fixture("readme_like.md"))));
        Assert.Equal(0, Reader.Detect(Sniff("# Notes\n\nSome text [1] here.\n\n## Endnotes\n\n[1] Interview with the author, 2022.")));
        Assert.Equal(0, Reader.Detect(await SniffFile(Path.Combine(Corpus.RepoRoot, "samples", "articles", "baltic_ledger_lists.html"))));
        Assert.Same(Reader.GetType(), (await ReaderHarness.DetectFileAsync(Fixture("ics_assessment_2022-10-14.html")))?.GetType());
    }

    [Fact]
    public async Task MarkdownWithoutParagraphsIsRejected()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, "# Title only\n"));
        Assert.Equal("no assessment paragraphs found", error.Reason);
    }

    [Fact]
    public void RandomBytesEitherParseOrAreRejected() =>
        Gen.Byte.Array[0, 1500].Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 300);

    [Fact]
    public void MutatedMarkdownReportsEitherParseOrAreRejected() =>
        DocumentMutations.Of(File.ReadAllBytes(Sample)).Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 300);

    [Fact]
    public void MutatedHtmlReportsEitherParseOrAreRejected() =>
        DocumentMutations.Of(File.ReadAllBytes(Fixture("ics_assessment_2022-10-14.html")))
            .Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 200);

    private static FileSniff Sniff(string text) => new("x", Encoding.UTF8.GetBytes(text));
    private static Task<FileSniff> SniffFile(string path) => FileSniff.OfFileAsync(path);
}
