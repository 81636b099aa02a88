using System.Text;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.Feeds;

namespace Faultline.Tests.Reading.Feeds;

public class FeedReaderTests
{
    private static readonly FeedReader Reader = new();

    static FeedReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Fixture(string name) => Path.Combine(Corpus.Data, "feeds", name);

    [Fact]
    public async Task Windows1251FeedDecodesCyrillicAndKeepsTheTelegramLink()
    {
        var items = await ReaderHarness.ReadFileAsync(Reader, Fixture("severny_rubezh.windows-1251.rss"));
        var source = Assert.IsType<SourceStarted>(items[0]).Source;
        Assert.Equal("feed:https://severny-rubezh.example", source.Key);
        Assert.Equal("Северный рубеж (fictional) — дайджест", source.Title);
        var posts = items.Posts();
        Assert.Equal(2, posts.Count);
        var first = posts[0];
        Assert.Equal("sr-101", first.NativeId);
        Assert.Equal("Генералы готовят «список» военкоров", first.Title);
        Assert.Equal("Артём Стрельцов (fictional)", first.Author);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 15, 20, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("По нашим данным, отдельные генералы готовят список военкоров. Оригинал", first.Text);
        var link = Assert.Single(first.Entities);
        Assert.Equal(EntityKind.TextLink, link.Kind);
        Assert.Equal("https://t.me/severny_rubezh_fict/101", link.Value);
        Assert.Equal("Оригинал", first.Text.Substring(link.Offset, link.Length));
        Assert.Empty(first.Missing);
        Assert.Equal("Списков больше нет, вопрос снят с повестки. Поздравляю всех!", posts[1].Text);
    }

    [Fact]
    public async Task Koi8rFeedDecodesCyrillic()
    {
        var post = Assert.Single((await ReaderHarness.ReadFileAsync(Reader, Fixture("okopnaya_pravda.koi8-r.rss"))).Posts());
        Assert.Equal("Пересказ: генералы и списки", post.Title);
        Assert.Equal("Коллеги пишут, что готовится список. UPD: уточняем детали.", post.Text);
        Assert.Equal("https://okopnaya-pravda.example/p/7", post.Url);
    }

    [Fact]
    public async Task AtomEntryMapsLinksContentDatesAndEnclosures()
    {
        var items = await ReaderHarness.ReadFileAsync(Reader, Fixture("conflict_studies.atom"));
        var source = Assert.IsType<SourceStarted>(items[0]).Source;
        Assert.Equal("feed:https://conflict-studies.example/assessments", source.Key);
        Assert.Equal("https://conflict-studies.example/assessments/", source.Url);
        var posts = items.Posts();
        var first = posts[0];
        Assert.Equal("tag:conflict-studies.example,2022:assessment-2022-10-15", first.NativeId);
        Assert.Equal("Russian Offensive Campaign Assessment, October 14 & 15", first.Title);
        Assert.Equal("https://conflict-studies.example/assessments/2022-10-15", first.Url);
        Assert.Equal("ICS Russia Team (fictional)", first.Author);
        Assert.Equal(new DateTimeOffset(2022, 10, 16, 0, 30, 0, TimeSpan.Zero), first.Published);
        Assert.Equal(new DateTimeOffset(2022, 10, 16, 6, 0, 0, TimeSpan.Zero), first.Edited);
        Assert.StartsWith("A prominent milblogger claimed on October 14", first.Text);
        Assert.Contains("\n\nHe announced on October 15", first.Text);
        Assert.Equal(2, first.Entities.Count);
        Assert.Equal("claimed", first.Text.Substring(first.Entities[0].Offset, first.Entities[0].Length));
        Assert.Equal("https://t.me/severny_rubezh_fict/101", first.Entities[0].Value);
        Assert.Equal("the lists no longer exist", first.Text.Substring(first.Entities[1].Offset, first.Entities[1].Length));
        Assert.Equal("https://conflict-studies.example/assessments/notes#lists", first.Entities[1].Value);
        var pdf = Assert.Single(first.Media);
        Assert.Equal(new MediaRef("file", "https://conflict-studies.example/assessments/2022-10-15.pdf", "application/pdf"), pdf);

        // No <published>: Atom's mandatory <updated> dates it, and nothing is recorded missing for that.
        var second = posts[1];
        Assert.Equal(new DateTimeOffset(2022, 10, 13, 22, 0, 0, TimeSpan.Zero), second.Published);
        Assert.Null(second.Edited);
        Assert.Equal("Ukrainian forces continued counteroffensive operations.", second.Text);
        Assert.Empty(second.Missing);
    }

    [Fact]
    public async Task UndeclaredHtmlEntitiesAndBareAmpersandsAreRecovered()
    {
        var context = new ReadContext(Fixture("eastfront_entities.rss"));
        var items = await ReaderHarness.ReadFileAsync(Reader, context.FilePath, context);
        var source = Assert.IsType<SourceStarted>(items[0]).Source;
        Assert.Equal("Eastern Front Monitor (fictional) – Digest", source.Title);
        Assert.Equal("feed:https://eastfront-monitor.example/digest", source.Key);
        var post = Assert.Single(items.Posts());
        Assert.Equal("Milbloggers alarmed — «list» claim spreads", post.Title);
        Assert.Equal("Café talk & Q&A: the claim spread to R&D-minded channels © EFM", post.Text);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 20, 0, 0, TimeSpan.Zero), post.Published);
        Assert.Contains(context.Warnings, w => w.Contains("HTML entit", StringComparison.Ordinal));
        Assert.Contains(context.Warnings, w => w.Contains("bare '&'", StringComparison.Ordinal));
        // Raw is cut from the original text, not from the repaired one the parser saw.
        Assert.Contains("<title>Milbloggers&nbsp;alarmed &mdash; &laquo;list&raquo; claim spreads</title>", post.Raw);
        Assert.Contains("Q&A", post.Raw);
        Assert.StartsWith("<item>", post.Raw);
        Assert.EndsWith("</item>", post.Raw);
    }

    [Fact]
    public async Task JsonFeedItemsBecomePostsWithVerbatimRaw()
    {
        string path = Fixture("vartovyi.json");
        var context = new ReadContext(path);
        var items = await ReaderHarness.ReadFileAsync(Reader, path, context);
        var source = Assert.IsType<SourceStarted>(items[0]).Source;
        Assert.Equal("feed:https://vartovyi.example", source.Key);
        Assert.Equal("Vartovyi (fictional) — English digest", source.Title);
        var posts = items.Posts();
        Assert.Equal(3, posts.Count);

        var first = posts[0];
        Assert.Equal("vt-2022-10-14-1", first.NativeId);
        Assert.Equal("Оксана Вартова (fictional)", first.Author);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 18, 15, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Russian milblogger channels report a list of bloggers to prosecute.", first.Text);
        Assert.Equal("report", first.Text.Substring(first.Entities[0].Offset, first.Entities[0].Length));
        Assert.Equal("image", Assert.Single(first.Media).Kind);
        Assert.Contains(first.Raw, File.ReadAllText(path));
        Assert.StartsWith("{", first.Raw);

        var second = posts[1];
        Assert.Equal("20221015", second.NativeId);
        Assert.Equal("Vartovyi desk (fictional)", second.Author);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 12, 30, 0, TimeSpan.Zero), second.Edited);
        Assert.Contains("title", second.Missing);

        var third = posts[2];
        Assert.StartsWith("https://vartovyi.example/news/2022/10/16/analysis", third.NativeId);
        Assert.Contains("id", third.Missing);
        Assert.Contains("date_published", third.Missing);
        Assert.Equal("Fields missing on purpose.", third.Text);
        Assert.Contains(context.Warnings, w => w.StartsWith("item 3: no date_published", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ItemWithoutGuidOrLinkGetsAStableHashId()
    {
        const string feed = "<rss><channel><title>T</title><item><title>Same</title><pubDate>Fri, 14 Oct 2022 10:00:00 GMT</pubDate></item></channel></rss>";
        var a = Assert.Single((await ReaderHarness.ReadTextAsync(Reader, feed)).Posts());
        var b = Assert.Single((await ReaderHarness.ReadTextAsync(Reader, feed)).Posts());
        Assert.StartsWith("hash:", a.NativeId);
        Assert.Equal(a.NativeId, b.NativeId);
        Assert.Contains("guid", a.Missing);
        Assert.Contains("link", a.Missing);
    }

    [Fact]
    public async Task ItemWithoutDateTakesTheChannelDateAndRecordsIt()
    {
        const string feed = "<rss><channel><title>T</title><lastBuildDate>Sat, 15 Oct 2022 09:00:00 +0300</lastBuildDate>"
                            + "<item><guid>1</guid><title>x</title></item></channel></rss>";
        var post = Assert.Single((await ReaderHarness.ReadTextAsync(Reader, feed)).Posts());
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 6, 0, 0, TimeSpan.Zero), post.Published);
        Assert.Contains("pubDate", post.Missing);
    }

    [Fact]
    public async Task EmptyChannelIsNotAnError()
    {
        var items = await ReaderHarness.ReadTextAsync(Reader, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Quiet (fictional)</title><link>https://quiet.example/</link></channel></rss>");
        var started = Assert.IsType<SourceStarted>(Assert.Single(items));
        Assert.Equal("feed:https://quiet.example", started.Source.Key);
    }

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("windows-1252")]
    public async Task FeedDeclaringLatin1ButWrittenInUtf8IsReadAsUtf8(string declared)
    {
        byte[] bytes = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"{declared}\"?><rss><channel><title>Größe — Москва</title></channel></rss>");
        var context = new ReadContext("input");
        var items = await Read(bytes, context);
        Assert.Equal("Größe — Москва", items.OfType<SourceStarted>().Single().Source.Title);
        Assert.Contains(context.Warnings, w => w.Contains("valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ByteOrderMarkWinsOverADisagreeingDeclaration()
    {
        byte[] body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>Вартовий</title></channel></rss>");
        var context = new ReadContext("input");
        var items = await Read([0xEF, 0xBB, 0xBF, .. body], context);
        Assert.Equal("Вартовий", items.OfType<SourceStarted>().Single().Source.Title);
        Assert.Contains(context.Warnings, w => w.Contains("byte-order mark wins", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Utf16FeedWithByteOrderMarkIsRead()
    {
        byte[] bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Київ</title><entry><id>urn:x:1</id><updated>2022-10-14T10:00:00Z</updated></entry></feed>")).ToArray();
        var items = await Read(bytes, new ReadContext("input"));
        Assert.Equal("Київ", items.OfType<SourceStarted>().Single().Source.Title);
        Assert.Single(items.Posts());
        Assert.True(Reader.Detect(new FileSniff("x.xml", bytes)) >= 90);
    }

    [Theory]
    [InlineData(1251, "Генералы готовят список военкоров, вопрос снят с повестки")]
    [InlineData(20866, "Генералы готовят список военкоров, вопрос снят с повестки")]
    [InlineData(1252, "Les généraux préparent une liste, déclare un blogueur à Moscou")]
    public async Task UndeclaredLegacyEncodingIsGuessedFromTheBytes(int codePage, string title)
    {
        byte[] bytes = Encoding.GetEncoding(codePage).GetBytes($"<rss><channel><title>{title}</title></channel></rss>");
        var context = new ReadContext("input");
        var items = await Read(bytes, context);
        Assert.Equal(title, items.OfType<SourceStarted>().Single().Source.Title);
        Assert.Contains(context.Warnings, w => w.Contains("guessed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeclaredUtf8ThatIsNotUtf8IsGuessedWithAWarning()
    {
        byte[] bytes = Encoding.GetEncoding(1251).GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>Тихий фронт (fictional)</title></channel></rss>");
        var context = new ReadContext("input");
        var items = await Read(bytes, context);
        Assert.Equal("Тихий фронт (fictional)", items.OfType<SourceStarted>().Single().Source.Title);
        Assert.Contains(context.Warnings, w => w.Contains("not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotWellFormedXmlIsRejectedWithLineAndColumn()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, "<rss>\n<channel>\n  <item><title>x</titel></item></channel></rss>"));
        Assert.Matches(@"^line 3, column \d+$", error.Position);
        Assert.StartsWith("not well-formed XML", error.Reason);
    }

    [Fact]
    public async Task TruncatedFeedIsRejected()
    {
        string text = File.ReadAllText(Fixture("conflict_studies.atom"));
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, text[..(text.Length / 2)]));
        Assert.StartsWith("line ", error.Position);
    }

    [Fact]
    public async Task XmlWithAnotherRootIsNotAFeed()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, "<?xml version=\"1.0\"?>\n<html><body>moved</body></html>"));
        Assert.Equal("line 2", error.Position);
        Assert.Contains("XML root <html> is not a feed", error.Reason);
    }

    [Theory]
    [InlineData("[{\"message_id\": 1, \"date\": \"2022-10-14\"}]", "neither")]
    [InlineData("{\"version\": \"1.0\", \"items\": []}", "not a JSON Feed")]
    [InlineData("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "not valid JSON")]
    [InlineData("Just some text, not a feed.", "neither")]
    [InlineData("   ", "only whitespace")]
    public async Task NonFeedsAreRejectedWithAReason(string text, string reason)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, text));
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public async Task BinaryDataIsRejected()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadBytesAsync(Reader, [0x3C, 0x72, 0x73, 0x73, 0x00, 0x01, 0x02, 0x89, 0x50, 0x4E]));
        Assert.Contains("binary", error.Reason);
    }

    [Fact]
    public async Task EmptyFileIsRejected()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadBytesAsync(Reader, []));
        Assert.Equal("offset 0", error.Position);
    }

    [Theory]
    [InlineData("severny_rubezh.windows-1251.rss")]
    [InlineData("okopnaya_pravda.koi8-r.rss")]
    [InlineData("conflict_studies.atom")]
    [InlineData("eastfront_entities.rss")]
    [InlineData("vartovyi.json")]
    public async Task EveryFixtureIsDetectedAsAFeed(string name)
    {
        var reader = await ReaderHarness.DetectFileAsync(Fixture(name));
        Assert.Equal("feed", reader?.Format);
        Assert.Equal(95, Reader.Detect(await FileSniff.OfFileAsync(Fixture(name))));
    }

    [Theory]
    [InlineData("[{\"message_id\": 1, \"date\": \"2022-10-14T10:00:00\"}]")]
    [InlineData("{\"name\": \"Channel\", \"type\": \"public_channel\", \"messages\": []}")]
    [InlineData("<!DOCTYPE html><html><head><title>x</title></head><body class=\"page_header\"></body></html>")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("Ведущий: Добрый вечер.")]
    public void OtherFormatsAreNotClaimed(string text)
        => Assert.Equal(0, Reader.Detect(new FileSniff("x", Encoding.UTF8.GetBytes(text))));

    [Theory]
    [InlineData("<!-- generated --><?xml-stylesheet href=\"a.xsl\"?><!DOCTYPE rss SYSTEM \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\">")]
    [InlineData("\uFEFF  <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\">")]
    [InlineData("{ \"title\": \"x\", \"version\": \"https://jsonfeed.org/version/1\" }")]
    public void FeedsAreDetectedPastTheProlog(string head)
        => Assert.Equal(95, Reader.Detect(new FileSniff("x", Encoding.UTF8.GetBytes(head))));

    [Fact]
    public void LegacyEncodedFeedIsDetectedFromItsAsciiMarkup()
    {
        byte[] bytes = Encoding.GetEncoding(20866).GetBytes("<?xml version=\"1.0\" encoding=\"KOI8-R\"?>\n<rss><channel><title>Окопная правда</title>");
        Assert.Equal(95, Reader.Detect(new FileSniff("x", bytes)));
    }

    [Fact]
    public async Task BalticLedgerSampleReportsTheListEpisode()
    {
        string path = Path.Combine(Corpus.RepoRoot, "samples", "feeds", "baltic_ledger.xml");
        var context = new ReadContext(path);
        var items = await ReaderHarness.ReadFileAsync(Reader, path, context);
        var source = Assert.IsType<SourceStarted>(items[0]).Source;
        Assert.Equal("Baltic Ledger (fictional)", source.Title);
        Assert.Equal("feed:https://balticledger.example", source.Key);
        var posts = items.Posts();
        Assert.InRange(posts.Count, 6, 10);
        Assert.All(posts, p => Assert.InRange(p.Published, new DateTimeOffset(2022, 10, 12, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2022, 10, 17, 0, 0, 0, TimeSpan.Zero)));
        var list = Assert.Single(posts, p => p.Url == "https://balticledger.example/2022/10/14/milblogger-list-claim");
        Assert.Contains(list.Entities, e => e.Value is { } v && v.StartsWith("https://t.me/severny_rubezh_fict/", StringComparison.Ordinal));
        Assert.Contains("Baltic Ledger could not verify the claim.", list.Text);
        Assert.Empty(context.Warnings);
    }

    private static async Task<List<ReadItem>> Read(byte[] bytes, ReadContext context)
    {
        using var stream = new MemoryStream(bytes);
        var items = new List<ReadItem>();
        await foreach (var item in Reader.ReadAsync(stream, context)) items.Add(item);
        return items;
    }
}
