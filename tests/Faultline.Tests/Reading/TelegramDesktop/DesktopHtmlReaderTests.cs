using System.Text;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.TelegramDesktop;

namespace Faultline.Tests.Reading.TelegramDesktop;

public class DesktopHtmlReaderTests
{
    private static readonly TelegramDesktopHtmlReader Reader = new();
    private static string Page(string name) => Path.Combine(Corpus.Data, "telegram-desktop", "html", name);
    private static Task<List<ReadItem>> ReadPage(string name, ReadContext? context = null)
        => ReaderHarness.ReadFileAsync(Reader, Page(name), context);

    [Fact]
    public async Task PageHeaderNamesAPartialSource()
    {
        var items = await ReadPage("messages.html");
        var started = Assert.IsType<SourceStarted>(items[0]);
        Assert.Equal(new SourceInfo(SourceKind.TelegramChannel, "telegram-title:Сводка дня (fictional)") { Title = "Сводка дня (fictional)" }, started.Source);
        Assert.Equal(CoverageKind.Partial, started.Coverage);
    }

    [Fact]
    public async Task AnalystsHandleBecomesTheKey()
    {
        var items = await ReadPage("messages.html", new ReadContext("messages.html") { HandleOverride = "svodka_fict" });
        var source = items.OfType<SourceStarted>().Single().Source;
        Assert.Equal(("telegram-handle:svodka_fict", "svodka_fict"), (source.Key, source.Handle));
    }

    [Fact]
    public async Task TextMarkupBecomesPlainTextAndEntities()
    {
        var post = (await ReadPage("messages.html")).Posts().Single(p => p.NativeId == "2");
        Assert.Equal("🔥 Главное за ночь: https://news.example/a\nВторая строка с курсивом, кодом, зачёркнутым, подчёркнутым и спойлером.", post.Text);
        string Cut(Entity e) => post.Text.Substring(e.Offset, e.Length);
        Assert.Equal(
            [
                (EntityKind.Bold, "Главное"), (EntityKind.Link, "https://news.example/a"), (EntityKind.Italic, "курсивом"),
                (EntityKind.Code, "кодом"), (EntityKind.Strikethrough, "зачёркнутым"), (EntityKind.Underline, "подчёркнутым"),
                (EntityKind.Spoiler, "спойлером"),
            ],
            post.Entities.Select(e => (e.Kind, Cut(e))));
        Assert.Equal(3, post.Entities[0].Offset); // after a surrogate pair and a space
        Assert.Equal("Редактор (fictional)", post.Author); // the signature wins over the sender
    }

    [Fact]
    public async Task DatesWithOffsetsBecomeUtc()
    {
        var post = (await ReadPage("messages.html")).Posts().Single(p => p.NativeId == "2");
        Assert.Equal(new DateTimeOffset(2023, 6, 1, 5, 0, 0, TimeSpan.Zero), post.Published);
        Assert.Empty(post.Missing);
    }

    [Fact]
    public async Task DatesWithoutOffsetAreTakenAsUtcAndReportedMissing()
    {
        var post = (await ReadPage("messages2.html")).Posts().Single(p => p.NativeId == "10");
        Assert.Equal(new DateTimeOffset(2023, 6, 2, 7, 0, 0, TimeSpan.Zero), post.Published);
        Assert.Equal(["date_utc_offset"], post.Missing);
        Assert.Equal("склад: 12\nвыдано: 7Цитата дня", post.Text);
        Assert.Equal([EntityKind.Pre, EntityKind.Blockquote], post.Entities.Select(e => e.Kind));
    }

    [Fact]
    public async Task JoinedMessagesContinueThePreviousSender()
    {
        var posts = (await ReadPage("messages.html")).Posts();
        var joined = posts.Single(p => p.NativeId == "3");
        Assert.Equal("Сводка дня (fictional)", joined.Author);
        string Cut(Entity e) => joined.Text.Substring(e.Offset, e.Length);
        Assert.Equal("#сводка — источник, спасибо @reader_fict; пишите на desk@news.example & звоните", joined.Text);
        Assert.Equal(
            [(EntityKind.Hashtag, "#сводка", null), (EntityKind.TextLink, "источник", "https://news.example/b"),
             (EntityKind.Mention, "@reader_fict", null), (EntityKind.Email, "desk@news.example", null)],
            joined.Entities.Select(e => (e.Kind, Cut(e), e.Value)));
    }

    [Fact]
    public async Task JoinedMessageAtTheTopOfALaterPageHasNoKnownSender()
    {
        var post = (await ReadPage("messages2.html")).Posts().Single(p => p.NativeId == "9");
        Assert.Null(post.Author);
        Assert.Equal(["from_name"], post.Missing);
    }

    [Fact]
    public async Task ForwardsKeepTheOriginNameAndDate()
    {
        var post = (await ReadPage("messages.html")).Posts().Single(p => p.NativeId == "4");
        Assert.Equal(new ForwardOrigin { Name = "Читатель (fictional)", Date = new DateTimeOffset(2023, 5, 31, 19, 10, 5, TimeSpan.Zero) }, post.ForwardedFrom);
        Assert.Equal("Читатель пишет: «у нас тихо».", post.Text);
        Assert.Equal("Сводка дня (fictional)", post.Author);
    }

    [Fact]
    public async Task RepliesAndMediaArePlaceholders()
    {
        var posts = (await ReadPage("messages.html")).Posts();
        var photo = posts.Single(p => p.NativeId == "5");
        Assert.Equal("2", photo.ReplyTo);
        Assert.Equal([new MediaRef("photo", "photos/photo_1@01-06-2023_09-30-00.jpg")], photo.Media);
        Assert.Equal([new MediaRef("voice_message", "voice_messages/audio_1@01-06-2023_11-00-00.ogg")], posts.Single(p => p.NativeId == "8").Media);
    }

    [Fact]
    public async Task PollsBecomeTextWithOptions()
    {
        var poll = (await ReadPage("messages.html")).Posts().Single(p => p.NativeId == "6");
        Assert.Equal("Что публиковать чаще?\n— Сводки (70 votes)\n— Письма (50 votes)", poll.Text);
        Assert.Equal([new MediaRef("poll")], poll.Media);
    }

    [Fact]
    public async Task ServiceBlocksBecomeEventsAndDaySeparatorsVanish()
    {
        var items = await ReadPage("messages.html");
        var events = items.OfType<EventRead>().Select(e => e.Event).ToList();
        Assert.Equal([("1", "create_channel"), ("7", "pin_message")], events.Select(e => (e.NativeId, e.Action)));
        Assert.Equal("Channel «Сводка дня (fictional)» created", events[0].Detail);
        // the creation has no date of its own: it takes the page's first known time
        Assert.Equal(new DateTimeOffset(2023, 6, 1, 5, 0, 0, TimeSpan.Zero), events[0].Time);
        Assert.Equal(new DateTimeOffset(2023, 6, 1, 7, 0, 0, TimeSpan.Zero), events[1].Time);
        Assert.Equal(["2", "3", "4", "5", "6", "8"], items.Posts().Select(p => p.NativeId));
    }

    [Fact]
    public async Task RawIsTheExactSourceOfTheMessageBlock()
    {
        var source = await File.ReadAllTextAsync(Page("messages.html"));
        foreach (var post in (await ReadPage("messages.html")).Posts())
        {
            Assert.StartsWith($"<div class=\"message default clearfix", post.Raw);
            Assert.Contains($"id=\"message{post.NativeId}\"", post.Raw);
            Assert.EndsWith("</div>", post.Raw);
            Assert.Contains(post.Raw, source);
        }
    }

    [Fact]
    public async Task SampleOfTheAmplifierReadsCompletely()
    {
        var path = Path.Combine(Corpus.RepoRoot, "samples", "telegram-desktop", "okopnaya_pravda", "messages.html");
        Assert.Equal("telegram-desktop-html", (await ReaderHarness.DetectFileAsync(path))?.Format);
        var items = await ReaderHarness.ReadFileAsync(Reader, path);
        var posts = items.Posts();
        Assert.InRange(posts.Count, 8, 25);
        Assert.Equal("Окопная правда (fictional)", items.OfType<SourceStarted>().Single().Source.Title);
        var forward = posts.Single(p => p.ForwardedFrom?.Name == "Северный рубеж (fictional)" && p.Published.Day == 14);
        Assert.Contains("«список»", forward.Text);
        Assert.Contains(posts, p => p.Text.Contains("UPD", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.ReplyTo == "305");
    }

    [Theory]
    [InlineData("<html><body><div class=\"page_header\"></div></body></html>", "no div.history")]
    [InlineData("<div class=\"page_header\"><div class=\"text bold\">X</div></div><div class=\"history\"><div class=\"message default\" id=\"nope\"></div></div>", "no id")]
    [InlineData("<div class=\"page_header\"><div class=\"text bold\">X</div></div><div class=\"history\"><div class=\"message default\" id=\"message5\"><div class=\"body\"><div class=\"date\" title=\"31.02.2023 10:00:00\"></div></div></div></div>", "not a calendar date")]
    [InlineData("<div class=\"page_header\"><div class=\"text bold\">X</div></div><div class=\"history\"><div class=\"message default\" id=\"message5\"><div class=\"body\"></div></div></div>", "no date")]
    [InlineData("<div class=\"page_header\"><div class=\"text bold\">X</div></div><div class=\"history\"><div class=\"message default\" id=\"message5\"><div class=\"body\"><div class=\"date\" title=\"01.01.2023 10:00:00\"></div></div></div><div class=\"message default\" id=\"message5\"><div class=\"body\"><div class=\"date\" title=\"01.01.2023 10:00:00\"></div></div></div></div>", "appears twice")]
    public async Task BrokenPagesAreRejectedWithALine(string html, string reason)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, html));
        Assert.StartsWith("line ", error.Position);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public async Task PagesAreDetectedAsDesktopHtmlAndArticlesAreNot()
    {
        Assert.Equal("telegram-desktop-html", (await ReaderHarness.DetectFileAsync(Page("messages.html")))?.Format);
        Assert.Equal("telegram-desktop-html", (await ReaderHarness.DetectFileAsync(Page("messages2.html")))?.Format);
        var article = "<html><head><title>News</title></head><body><article><div class=\"message\">hi</div></article></body></html>";
        Assert.Equal(0, Reader.Detect(new FileSniff("a.html", Encoding.UTF8.GetBytes(article))));
    }
}
