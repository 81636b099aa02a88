using System.Text;
using System.Text.Json;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.TelegramDesktop;

namespace Faultline.Tests.Reading.TelegramDesktop;

public class DesktopJsonReaderTests
{
    private static readonly TelegramDesktopJsonReader Reader = new();
    private static string Fixture(string name) => Path.Combine(Corpus.Data, "telegram-desktop", name);
    private static Task<List<ReadItem>> ReadFixture(string name, ReadContext? context = null)
        => ReaderHarness.ReadFileAsync(Reader, Fixture(name), context);

    [SkippableFact]
    public async Task RealExportFrom2021ImportsAllNineteenMessagesWithEveryEntityType()
    {
        var file = Path.Combine(Corpus.Require("telegram-desktop-2021"), "result.json");
        var items = await ReaderHarness.ReadFileAsync(Reader, file);

        var source = Assert.IsType<SourceStarted>(items[0]);
        Assert.Equal(new SourceInfo(SourceKind.TelegramChannel, "telegram:1292077344") { NativeId = "1292077344", Title = "test" }, source.Source);
        Assert.Equal(CoverageKind.Complete, source.Coverage);
        var posts = items.Posts();
        var events = items.OfType<EventRead>().Select(e => e.Event).ToList();
        Assert.Equal(19, posts.Count + events.Count);
        Assert.Equal("create_channel", Assert.Single(events).Action);
        Assert.All(posts, p => Assert.Contains("date_unixtime", p.Missing));

        var kinds = posts.SelectMany(p => p.Entities).Select(e => e.Kind).ToHashSet();
        Assert.Superset(new HashSet<EntityKind>
        {
            EntityKind.Italic, EntityKind.Bold, EntityKind.Underline, EntityKind.Strikethrough, EntityKind.Pre,
            EntityKind.Code, EntityKind.TextLink, EntityKind.Link, EntityKind.Email,
        }, kinds);
        var links = posts.Single(p => p.NativeId == "14");
        Assert.Equal("text link\n\nexample.com\n\nexample@example.com", links.Text);
        Assert.Equal(new Entity(EntityKind.TextLink, 0, 11, "http://example.com/"), links.Entities[0]);
        Assert.Equal("тестирование utf-8.", posts.Single(p => p.NativeId == "21").Text);
        Assert.Equal(new DateTimeOffset(2020, 11, 12, 14, 18, 17, TimeSpan.Zero), posts.Single(p => p.NativeId == "10").Edited);
        Assert.Equal(new MediaRef("voice_message", "voice_messages/audio_1@12-11-2020_13-01-05.ogg", "audio/ogg"), Assert.Single(posts.Single(p => p.NativeId == "7").Media));
        Assert.Equal("photo", Assert.Single(posts.Single(p => p.NativeId == "3").Media).Kind);
    }

    [Fact]
    public async Task OldSchemaTakesLocalDatesAsUtcAndSaysSo()
    {
        var posts = (await ReadFixture("schema-2021.json")).Posts();
        var post = posts.Single(p => p.NativeId == "4");
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 10, 9, 30, TimeSpan.Zero), post.Published);
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 10, 12, 0, TimeSpan.Zero), post.Edited);
        Assert.Equal(["date_unixtime", "edited_unixtime"], post.Missing);
        Assert.Equal("Ирина В. (fictional)", post.Author);
        Assert.Equal("Срочно: нужны аптечки, @olegk_fict — сможешь забрать?", post.Text);
        Assert.Equal([new Entity(EntityKind.Bold, 0, 7), new Entity(EntityKind.Mention, 23, 11)], post.Entities);
    }

    [Fact]
    public async Task SchemaOf2022UsesUnixTimeWithoutTextEntities()
    {
        var items = await ReadFixture("schema-2022.json");
        var first = items.Posts().Single(p => p.NativeId == "2");
        // date says 09:01 local (UTC+3); date_unixtime is authoritative
        Assert.Equal(new DateTimeOffset(2022, 5, 1, 6, 1, 0, TimeSpan.Zero), first.Published);
        Assert.Empty(first.Missing);
        Assert.Equal("Первый пост канала. #почта $USD", first.Text);
        Assert.Equal([new Entity(EntityKind.Hashtag, 20, 6), new Entity(EntityKind.Cashtag, 27, 4)], first.Entities);
        var edited = items.Posts().Single(p => p.NativeId == "4");
        Assert.Equal(["edited_unixtime"], edited.Missing);
        Assert.Equal(SourceKind.TelegramChannel, items.OfType<SourceStarted>().Single().Source.Kind);
    }

    [Fact]
    public async Task TextEntitiesCountUtf16UnitsAfterEmoji()
    {
        var post = (await ReadFixture("schema-2023.json")).Posts().Single(p => p.NativeId == "10");
        Assert.Equal("🔥🇺🇦 Главное за ночь: https://news.example/a", post.Text);
        var bold = post.Entities[0];
        Assert.Equal(EntityKind.Bold, bold.Kind);
        Assert.Equal(7, bold.Offset); // 🔥 is 2 units, 🇺🇦 is 4, then a space
        Assert.Equal("Главное", post.Text.Substring(bold.Offset, bold.Length));
        var link = post.Entities[1];
        Assert.Equal("https://news.example/a", post.Text.Substring(link.Offset, link.Length));
        Assert.Equal(new DateTimeOffset(2023, 6, 1, 5, 10, 0, TimeSpan.Zero), post.Edited);
        Assert.Equal("Редактор (fictional)", post.Author);
    }

    [Fact]
    public async Task EntityTypesKeepTheirValues()
    {
        var post = (await ReadFixture("schema-2023.json")).Posts().Single(p => p.NativeId == "11");
        string Cut(Entity e) => post.Text.Substring(e.Offset, e.Length);
        var byKind = post.Entities.ToDictionary(e => e.Kind);
        Assert.Equal("777000111", byKind[EntityKind.MentionName].Value);
        Assert.Equal("Пётр (fictional)", Cut(byKind[EntityKind.MentionName]));
        Assert.Equal("5368324170671202286", byKind[EntityKind.CustomEmoji].Value);
        Assert.Equal("😎", Cut(byKind[EntityKind.CustomEmoji]));
        Assert.Equal("цитату дня", Cut(byKind[EntityKind.Blockquote]));
        Assert.Equal("подчёркнутое", Cut(byKind[EntityKind.Underline]));
        Assert.Equal("зачёркнутое", Cut(byKind[EntityKind.Strikethrough]));
        Assert.Equal(new Entity(EntityKind.Other, post.Text.Length - 9, 9, "bank_card"), byKind[EntityKind.Other]);
        Assert.Equal(new ForwardOrigin { Name = "Читатель (fictional)" }, post.ForwardedFrom);
    }

    [Fact]
    public async Task PreferTextEntitiesWhenBothFormsDisagree()
    {
        const string json = """
            {"name":"x","type":"public_channel","id":1,"messages":[
             {"id":1,"type":"message","date":"2023-01-01T00:00:00","date_unixtime":"1672531200",
              "text":"stale","text_entities":[{"type":"plain","text":"fresh "},{"type":"italic","text":"text"}]}]}
            """;
        var post = (await ReaderHarness.ReadTextAsync(Reader, json)).Posts().Single();
        Assert.Equal("fresh text", post.Text);
        Assert.Equal([new Entity(EntityKind.Italic, 6, 4)], post.Entities);
    }

    [Fact]
    public async Task ServiceMessagesBecomeEventsNotPosts()
    {
        var items = await ReadFixture("schema-2021.json");
        var events = items.OfType<EventRead>().Select(e => e.Event).ToList();
        Assert.Equal(["migrate_from_group", "join_group_by_link", "pin_message"], events.Select(e => e.Action));
        Assert.Equal("Олег К. (fictional)", events[1].Actor);
        Assert.Equal("Ирина В. (fictional)", events[1].Detail);
        Assert.Equal("3", events[2].Detail);
        Assert.DoesNotContain(items.Posts(), p => p.NativeId is "1" or "2" or "11");
        Assert.Equal(SourceKind.TelegramGroup, items.OfType<SourceStarted>().Single().Source.Kind);

        var renamed = (await ReadFixture("schema-2022.json")).OfType<EventRead>().Last().Event;
        Assert.Equal(("edit_channel_title", "Полевая почта 2 (fictional)"), (renamed.Action, renamed.Detail));
    }

    [Fact]
    public async Task PollsBecomeTextWithOptions()
    {
        var post = (await ReadFixture("schema-2022.json")).Posts().Single(p => p.NativeId == "3");
        Assert.Equal("Что публиковать чаще?\n— Сводки (70 votes)\n— Письма (50 votes)", post.Text);
        Assert.Equal([new MediaRef("poll")], post.Media);
    }

    [Fact]
    public async Task MediaPlaceholdersBecomeReferences()
    {
        var old = (await ReadFixture("schema-2021.json")).Posts();
        Assert.Equal([new MediaRef("location", "geo:50.0,36.25")], old.Single(p => p.NativeId == "6").Media);
        Assert.Equal([new MediaRef("sticker", "stickers/sticker.webp")], old.Single(p => p.NativeId == "7").Media);
        Assert.Equal([new MediaRef("contact", "contacts/contact_1.vcard")], old.Single(p => p.NativeId == "8").Media);
        var mid = (await ReadFixture("schema-2022.json")).Posts();
        Assert.Equal([new MediaRef("photo", "photos/photo_2@03-05-2022_07-45-00.jpg")], mid.Single(p => p.NativeId == "4").Media);
        // "(File not included …)" is a placeholder, not a file name
        Assert.Equal([new MediaRef("voice_message", null, "audio/ogg")], mid.Single(p => p.NativeId == "5").Media);
        var video = (await ReadFixture("schema-2023.json")).Posts().Single(p => p.NativeId == "13");
        Assert.Equal([new MediaRef("video_file", "video_files/clip.mp4", "video/mp4")], video.Media);
        Assert.Equal("", video.Text);
    }

    [Fact]
    public async Task RepliesForwardsAndFormattingSurvive()
    {
        var posts = (await ReadFixture("schema-2021.json")).Posts();
        Assert.Equal("4", posts.Single(p => p.NativeId == "5").ReplyTo);
        var forward = posts.Single(p => p.NativeId == "9");
        Assert.Equal("Координаторы (fictional)", forward.ForwardedFrom?.Name);
        Assert.Equal([EntityKind.TextLink, EntityKind.Email, EntityKind.Phone], forward.Entities.Select(e => e.Kind));
        Assert.Equal("https://sheets.example/fict", forward.Entities[0].Value);
        var code = posts.Single(p => p.NativeId == "10");
        Assert.Equal("склад: 12\nвыдано: 7\n/status /start@shtab_bot", code.Text);
        Assert.Equal([EntityKind.Pre, EntityKind.Code, EntityKind.BotCommand], code.Entities.Select(e => e.Kind));
        Assert.Null(code.Entities[0].Value); // an empty language is no language
    }

    [Fact]
    public async Task RawIsTheVerbatimMessageObject()
    {
        var text = await File.ReadAllTextAsync(Fixture("schema-2023.json"));
        foreach (var item in await ReadFixture("schema-2023.json"))
        {
            string? raw = item switch { PostRead p => p.Post.Raw, EventRead e => e.Event.Raw, _ => null };
            if (raw is null) continue;
            Assert.StartsWith("{", raw);
            Assert.EndsWith("}", raw);
            Assert.Contains(raw, text);
            using var doc = JsonDocument.Parse(raw);
            Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("id").ValueKind);
        }
    }

    [Fact]
    public async Task AccountExportYieldsEveryChatAsItsOwnSource()
    {
        var items = await ReadFixture("account-export.json", new ReadContext("x") { HandleOverride = "ignored_fict" });
        var sources = items.OfType<SourceStarted>().Select(s => s.Source).ToList();
        Assert.Equal(["telegram:400000009", "telegram:1600000055", "telegram:400000077"], sources.Select(s => s.Key));
        Assert.Equal([SourceKind.TelegramGroup, SourceKind.TelegramChannel, SourceKind.TelegramGroup], sources.Select(s => s.Kind));
        Assert.All(sources, s => Assert.Null(s.Handle));
        Assert.Equal("Бывшая группа (fictional)", sources[2].Title);

        // each post follows its own source header
        var owner = new Dictionary<string, string>();
        string? current = null;
        foreach (var item in items)
        {
            if (item is SourceStarted s) current = s.Source.Key;
            else if (item is PostRead p) owner[current + "/" + p.Post.NativeId] = p.Post.Text;
        }
        Assert.Equal(["telegram:400000009/100", "telegram:400000009/101", "telegram:1600000055/7", "telegram:400000077/1"], owner.Keys);
        Assert.Equal("👋 здравствуй", owner["telegram:400000009/101"]);
    }

    [Fact]
    public async Task SingleChatExportCarriesTheAnalystsHandle()
    {
        var items = await ReadFixture("schema-2023.json", new ReadContext("x") { HandleOverride = "svodka_fict" });
        var source = items.OfType<SourceStarted>().Single().Source;
        Assert.Equal(("svodka_fict", "telegram:1600000033", "1600000033", "Сводка дня (fictional)"), (source.Handle, source.Key, source.NativeId, source.Title));
    }

    [Fact]
    public async Task SortedKeysPutTheHeaderAfterTheMessagesAndStillWork()
    {
        var items = await ReadFixture("sorted-keys.json");
        var source = Assert.IsType<SourceStarted>(items[0]);
        Assert.Equal(("telegram:1600000044", "Отсортировано (fictional)", SourceKind.TelegramGroup), (source.Source.Key, source.Source.Title, source.Source.Kind));
        Assert.Equal(["первое", "второе"], items.Posts().Select(p => p.Text));
    }

    [Fact]
    public async Task FutureDatesAreKeptAsDated()
    {
        // The warning is the ingest pipeline's, for every format (IngestionTests.AFutureDateIsAWarningNotARejection).
        var context = new ReadContext("future-date.json");
        var posts = (await ReadFixture("future-date.json", context)).Posts();
        Assert.Equal(2090, Assert.Single(posts).Published.Year); // 2091-01-01 00:00 at UTC+3
    }

    [Theory]
    [InlineData("truncated.json", "line ", "cut short")]
    [InlineData("missing-id.json", "offset ", "message 2 has no id")]
    [InlineData("duplicate-ids.json", "offset ", "message id 5 appears twice")]
    [InlineData("not-json.json", "line 1", "malformed")]
    public async Task MalformedExportsAreRejectedWithAPosition(string file, string position, string reason)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReadFixture(Path.Combine("malformed", file)));
        Assert.StartsWith(position, error.Position);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public async Task DuplicateIdIsReportedAtTheOffsetOfTheRepeat()
    {
        var bytes = await File.ReadAllBytesAsync(Fixture("malformed/duplicate-ids.json"));
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadBytesAsync(Reader, bytes));
        int offset = int.Parse(error.Position["offset ".Length..]);
        Assert.StartsWith("{\n   \"id\": 5,", Encoding.UTF8.GetString(bytes, offset, bytes.Length - offset));
        Assert.True(offset > bytes.Length / 2, "the second id 5 is the later one");
    }

    [Theory]
    [InlineData("", "no JSON")]
    [InlineData("[1,2]", "does not start with an object")]
    [InlineData("{\"about\":\"x\"}", "neither")]
    [InlineData("{\"name\":\"x\",\"type\":\"public_channel\",\"id\":1,\"messages\":[{\"id\":1,\"type\":\"message\",\"text\":\"\"}]}", "no date")]
    [InlineData("{\"name\":\"x\",\"type\":\"public_channel\",\"id\":1,\"messages\":[{\"id\":1,\"date_unixtime\":\"soon\"}]}", "not a number")]
    [InlineData("{\"name\":\"x\",\"type\":\"public_channel\",\"id\":1,\"messages\":{}}", "not a list")]
    [InlineData("{\"name\":\"x\",\"type\":\"public_channel\",\"id\":1,\"messages\":[{\"id\":1,\"date\":\"2022-10-14T1-:00:00\"}]}", "not a date")]
    [InlineData("{\"name\":\"x\",\"type\":\"public_channel\",\"messages\":[]}", "no chat id")]
    [InlineData("{\"name\":\"x\",\"type\":\"public_channel\",\"id\":1,\"messages\":[]} trailing", "malformed")]
    public async Task OddInputsGiveOneLineReasons(string json, string reason)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, json));
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public async Task InvalidUtf8InsideAMessageIsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"x\",\"type\":\"public_channel\",\"id\":1,\"messages\":[{\"id\":1,\"date_unixtime\":\"1\",\"extra\":\"AB\"}]}");
        int at = Array.IndexOf(bytes, (byte)'A');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // an invalid two-byte sequence
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadBytesAsync(Reader, bytes));
        Assert.Contains("UTF-8", error.Reason);
    }

    [Fact]
    public async Task ByteOrderMarkIsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(await File.ReadAllBytesAsync(Fixture("schema-2022.json"))).ToArray();
        Assert.Equal(4, (await ReaderHarness.ReadBytesAsync(Reader, bytes)).Posts().Count);
    }

    [Theory]
    [InlineData("schema-2021.json")]
    [InlineData("schema-2022.json")]
    [InlineData("schema-2023.json")]
    [InlineData("account-export.json")]
    [InlineData("sorted-keys.json")]
    public async Task TinyWindowsGiveTheSameItemsAsOneLargeWindow(string file)
    {
        var expected = await ReadFixture(file);
        // 16 bytes: every message straddles many refills, and each forces the window to grow
        var tiny = new TelegramDesktopJsonReader { BufferSize = 16 };
        var actual = await ReaderHarness.ReadFileAsync(tiny, Fixture(file));
        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public async Task SamplesReadCompletely()
    {
        var folder = Path.Combine(Corpus.RepoRoot, "samples", "telegram-desktop");
        var severny = await ReaderHarness.ReadFileAsync(Reader, Path.Combine(folder, "severny_rubezh.json"));
        var posts = severny.Posts();
        Assert.InRange(posts.Count, 8, 25);
        Assert.Contains(posts, p => p.Published.Date == new DateTime(2022, 10, 14) && p.Text.Contains("список", StringComparison.Ordinal) && p.Edited is not null);
        Assert.Contains(posts, p => p.Published.Date == new DateTime(2022, 10, 15) && p.Text.Contains("Списков больше нет", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.ForwardedFrom is not null);
        Assert.Contains(posts, p => p.ReplyTo is not null);
        Assert.Contains(posts, p => p.Media.Any(m => m.Kind == "poll"));
        Assert.Contains(posts, p => p.Media.Any(m => m.Kind == "photo"));
        Assert.Equal("pin_message", severny.OfType<EventRead>().Single().Event.Action);
        Assert.EndsWith("(fictional)", severny.OfType<SourceStarted>().Single().Source.Title);

        var account = await ReaderHarness.ReadFileAsync(Reader, Path.Combine(folder, "account_export.json"));
        Assert.Equal(["telegram:1700000003", "telegram:1700000006"], account.OfType<SourceStarted>().Select(s => s.Source.Key));
        Assert.All(account.OfType<SourceStarted>(), s => Assert.EndsWith("(fictional)", s.Source.Title));
    }

    [Theory]
    [InlineData("schema-2021.json")]
    [InlineData("schema-2022.json")]
    [InlineData("schema-2023.json")]
    [InlineData("account-export.json")]
    public async Task FixturesAreDetectedAsDesktopJson(string file)
        => Assert.Equal("telegram-desktop-json", (await ReaderHarness.DetectFileAsync(Fixture(file)))?.Format);

    [Theory]
    [InlineData("[{\"message_id\": 1, \"date\": \"2024-05-01T10:00:00+00:00\", \"text\": \"x\"}]")]
    [InlineData("<rss version=\"2.0\"><channel><title>x</title></channel></rss>")]
    [InlineData("{\"items\": [], \"id\": 1}")]
    public void OtherInputsAreNotClaimed(string text)
        => Assert.Equal(0, Reader.Detect(new FileSniff("x", Encoding.UTF8.GetBytes(text))));

    internal static List<string> Describe(IEnumerable<ReadItem> items) => items.Select(i => i switch
    {
        SourceStarted s => $"source {s.Source}",
        PostRead p => $"post {p.Post.NativeId} {p.Post.Published:O} {p.Post.Text} [{string.Join(",", p.Post.Entities)}] [{string.Join(",", p.Post.Media)}] {p.Post.Raw}",
        EventRead e => $"event {e.Event}",
        _ => i.ToString()!,
    }).ToList();
}
