using System.Text;
using CsCheck;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.Articles;

namespace Faultline.Tests.Reading.Articles;

public class ArticleReaderTests
{
    private static readonly ArticleReader Reader = new();
    private static string Sample => Path.Combine(Corpus.RepoRoot, "samples", "articles", "baltic_ledger_lists.html");
    private static string Fixture(string name) => Path.Combine(Corpus.Data, "articles", name);

    private static async Task<(SourceStarted Source, Post Post)> ReadAsync(string path)
    {
        var items = await ReaderHarness.ReadFileAsync(Reader, path);
        Assert.Equal(2, items.Count);
        return ((SourceStarted)items[0], items.Posts().Single());
    }

    [Fact]
    public async Task StoryKeepsItsParagraphsAndHeadingsInOrder()
    {
        var (_, post) = await ReadAsync(Sample);
        var paragraphs = post.Text.Split("\n\n");
        Assert.StartsWith("A prominent pro-war Telegram author", paragraphs[0]);
        Assert.Equal("\"No more lists\"", paragraphs[2]);
        Assert.StartsWith("Analysts at the Institute for Conflict Studies (fictional)", paragraphs[^1]);
        Assert.Equal(6, paragraphs.Length);
    }

    [Fact]
    public async Task NavigationFooterWidgetsAndAdsAreDropped()
    {
        var (_, post) = await ReadAsync(Sample);
        foreach (var junk in new[] { "War in Ukraine", "Related stories", "Most read", "Energy prices", "All rights reserved",
                     "Advertisement", "Share on", "cookies", "Subscribe", "Read more", "Get the Ledger", "Privacy", "Russia's information space" })
            Assert.DoesNotContain(junk, post.Text);
    }

    [Fact]
    public async Task LinksInTheStoryBecomeTextLinksWithOffsets()
    {
        var (_, post) = await ReadAsync(Sample);
        var links = post.Entities.Where(e => e.Kind == EntityKind.TextLink).ToList();
        Assert.Equal(4, links.Count);
        var channel = links[0];
        Assert.Equal("Severny Rubezh (fictional)", post.Text.Substring(channel.Offset, channel.Length));
        Assert.Equal("https://t.me/severny_rubezh_fict", channel.Value);
        var desk = links.Single(l => post.Text.Substring(l.Offset, l.Length) == "our research desk");
        Assert.Equal("https://balticledger.example/research/telegram-archive", desk.Value);
    }

    [Fact]
    public async Task MetadataComesFromMetaTagsInUtc()
    {
        var (source, post) = await ReadAsync(Sample);
        Assert.Equal("Milblogger says \"lists\" of critics are gone a day after alarm", post.Title);
        Assert.Equal("Liis Kangur (fictional)", post.Author);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 15, 40, 0, TimeSpan.Zero), post.Published);
        Assert.Equal(TimeSpan.Zero, post.Published.Offset);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 18, 5, 0, TimeSpan.Zero), post.Edited);
        Assert.Equal("https://balticledger.example/2022/10/15/milblogger-lists-walk-back", post.NativeId);
        Assert.Equal(post.NativeId, post.Url);
        Assert.Equal(SourceKind.Website, source.Source.Kind);
        Assert.Equal("web:balticledger.example", source.Source.Key);
        Assert.Equal("Baltic Ledger (fictional)", source.Source.Title);
        Assert.Equal(CoverageKind.Partial, source.Coverage);
        Assert.Empty(post.Missing);
    }

    [Fact]
    public async Task RawIsTheWholeFile()
    {
        var (_, post) = await ReadAsync(Sample);
        Assert.Equal(await File.ReadAllTextAsync(Sample), post.Raw);
    }

    [Fact]
    public async Task JsonLdGivesBylineDateAndHeadline()
    {
        var (source, post) = await ReadAsync(Fixture("jsonld_only.html"));
        Assert.Equal("Ferry delays continue for a third day", post.Title);
        Assert.Equal("Mart Tamm (fictional)", post.Author);
        Assert.Equal(new DateTimeOffset(2022, 10, 13, 7, 15, 0, TimeSpan.Zero), post.Published);
        Assert.Equal("web:harbour-notes.example", source.Source.Key);
        Assert.Equal("Harbour Notes (fictional)", source.Source.Title);
        Assert.Contains("a shortage of crews", post.Text);
        Assert.Contains("normal timetable", post.Text);
        Assert.DoesNotContain("You might like", post.Text);
        Assert.DoesNotContain("First comment", post.Text);
        Assert.DoesNotContain("Sport", post.Text);
        Assert.Equal("https://port.example/notices/1013", Assert.Single(post.Entities).Value);
    }

    [Fact]
    public async Task HostileMarkupNeverReachesTheText()
    {
        var html = (await File.ReadAllTextAsync(Fixture("hostile.html"))).Replace("HUGE_ATTRIBUTE", new string('x', 2_000_000));
        var post = (await ReaderHarness.ReadTextAsync(Reader, html)).Posts().Single();
        foreach (var leak in new[] { "alert", "injected", "noscript-text", "svg-text", "iframe fallback", "hidden-", "<script", "xxxx", "onerror" })
            Assert.DoesNotContain(leak, post.Text);
        Assert.Contains("the only real story text", post.Text);
        Assert.Contains("ends the story", post.Text);
        var link = Assert.Single(post.Entities);
        Assert.Equal("https://safe.example/page", link.Value);
        Assert.Equal("a safe link", post.Text.Substring(link.Offset, link.Length));
    }

    [Fact]
    public async Task FiveThousandDeepNestingIsReadWithoutCrashing()
    {
        var html = "<html><head><title>Deep (fictional)</title></head><body>"
            + string.Concat(Enumerable.Repeat("<div><span>", 5000))
            + "<p>Story text at the bottom of a very deep page, long enough to count as a paragraph.</p><script>alert(1)</script>"
            + "</body></html>";
        var post = (await ReaderHarness.ReadTextAsync(Reader, html)).Posts().Single();
        Assert.Contains("Story text at the bottom", post.Text);
        Assert.DoesNotContain("alert", post.Text);
    }

    [Fact]
    public async Task AbsurdNestingIsRefusedQuicklyWithAPosition()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "x</body></html>";
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, html));
        Assert.StartsWith("offset ", error.Position);
    }

    [Fact]
    public async Task PageWithoutMetadataNamesWhatIsMissing()
    {
        var html = "<html><body><p>Only a paragraph of fictional text, with a comma, and nothing else at all on the page.</p></body></html>";
        var items = await ReaderHarness.ReadTextAsync(Reader, html, "saved_page.html");
        var source = (SourceStarted)items[0];
        var post = items.Posts().Single();
        Assert.Equal("web:saved_page.html", source.Source.Key);
        Assert.Equal("saved_page.html", post.NativeId);
        Assert.Null(post.Url);
        Assert.Equal(ArticleReader.UnknownTime, post.Published);
        Assert.Contains("canonical url", post.Missing);
        Assert.Contains("published", post.Missing);
        Assert.Contains("author", post.Missing);
        Assert.Contains("title", post.Missing);
    }

    [Fact]
    public async Task ArticleHtmlIsDetectedButTelegramExportPagesAndFeedsAreNot()
    {
        Assert.Equal(50, Reader.Detect(new FileSniff("a.html", await File.ReadAllBytesAsync(Sample))));
        Assert.Equal(0, Reader.Detect(Sniff("<html><body><div class=\"page_header\"></div><div class=\"history\"><div class=\"message default\"></div></div></body></html>")));
        Assert.Equal(0, Reader.Detect(Sniff("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>")));
        Assert.Equal(0, Reader.Detect(Sniff("# Just Markdown\n\nText.")));
    }

    [Fact]
    public void RandomBytesEitherParseOrAreRejected() =>
        Gen.Byte.Array[0, 2000].Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 300);

    [Fact]
    public void MutatedArticlesEitherParseOrAreRejected()
    {
        var valid = File.ReadAllBytes(Sample);
        DocumentMutations.Of(valid).Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 200);
    }

    private static FileSniff Sniff(string text) => new("x", Encoding.UTF8.GetBytes(text));
}
