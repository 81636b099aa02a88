using System.Text;
using System.Text.Json;
using CsCheck;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.Telethon;

namespace Faultline.Tests.Reading.Telethon;

public class TelethonJsonReaderTests
{
    private static readonly TelethonJsonReader Reader = new();

    private static string DataFile(string name) => Path.Combine(Corpus.Data, "telethon", name);

    private static Task<List<ReadItem>> ReadAsync(string name) => ReaderHarness.ReadFileAsync(Reader, DataFile(name));

    private static string Span(Post p, Entity e) => p.Text.Substring(e.Offset, e.Length);

    [Fact]
    public async Task FlatDumpMixingChannelsStartsASourceAtEachChange()
    {
        var items = await ReadAsync("flat_mixed.json");
        var starts = items.OfType<SourceStarted>().Select(s => s.Source.Key).ToList();
        Assert.Equal(["telegram:1700000001", "telegram:1700000002", "telegram:1700000001"], starts);
        Assert.All(items.OfType<SourceStarted>(), s => Assert.Equal(CoverageKind.Partial, s.Coverage));
        var first = Assert.IsType<SourceStarted>(items[0]).Source;
        Assert.Equal("Северный рубеж (fictional)", first.Title);
        Assert.Equal(SourceKind.TelegramChannel, first.Kind);
        Assert.Equal("1700000001", first.NativeId);
        Assert.Equal(4, items.Posts().Count);
    }

    [Fact]
    public async Task FlatDumpTextLosesItsMarkdownAndKeepsTheLinks()
    {
        var post = (await ReadAsync("flat_mixed.json")).Posts()[0];
        Assert.Equal("4512", post.NativeId);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 13, 20, 0, TimeSpan.Zero), post.Published);
        Assert.Equal("Генералы готовят списки военкоров. Подробнее — Артём Стрельцов (fictional) #списки", post.Text);
        var link = Assert.Single(post.Entities, e => e.Kind == EntityKind.TextLink);
        Assert.Equal("Подробнее", Span(post, link));
        Assert.Equal("https://t.me/severny_rubezh_fict/4511", link.Value);
        Assert.Equal("Генералы готовят списки", Span(post, Assert.Single(post.Entities, e => e.Kind == EntityKind.Bold)));
        Assert.Equal("#списки", Span(post, Assert.Single(post.Entities, e => e.Kind == EntityKind.Hashtag)));
        // A flat dump says nothing about views or edits: recorded as missing, not as zero.
        Assert.Null(post.Metrics);
        Assert.Contains("views", post.Missing);
        Assert.Contains("edit_date", post.Missing);
    }

    [Fact]
    public async Task UnknownFieldsStayInRawOnly()
    {
        var post = (await ReadAsync("flat_mixed.json")).Posts()[0];
        using var raw = JsonDocument.Parse(post.Raw);
        Assert.Equal("fictional fixture", raw.RootElement.GetProperty("collector_note").GetString());
        Assert.Equal("politics", raw.RootElement.GetProperty("category").GetString());
        Assert.StartsWith("{", post.Raw);
        Assert.EndsWith("}", post.Raw);
    }

    [Fact]
    public async Task NullTextBecomesAnEmptyPost()
    {
        var post = (await ReadAsync("flat_mixed.json")).Posts()[3];
        Assert.Equal("4533", post.NativeId);
        Assert.Equal("", post.Text);
    }

    [Fact]
    public async Task FlatNdjsonReadsLikeTheArray()
    {
        var fromArray = (await ReadAsync("flat_mixed.json")).Posts().Take(2).Select(p => (p.NativeId, p.Text)).ToList();
        var fromLines = (await ReadAsync("flat.ndjson")).Posts().Select(p => (p.NativeId, p.Text)).ToList();
        Assert.Equal(fromArray, fromLines);
    }

    [Fact]
    public async Task ToDictMessageMapsMetricsForwardAndEntities()
    {
        var items = await ReadAsync("todict.json");
        var post = items.Posts().Single(p => p.NativeId == "310");
        Assert.Equal("🔥🔥 Срочно: генералы и списки. @severny_rubezh_fict #цензура", post.Text);
        Assert.Equal("Срочно", Span(post, post.Entities.Single(e => e.Kind == EntityKind.Bold)));
        var link = post.Entities.Single(e => e.Kind == EntityKind.TextLink);
        Assert.Equal(("списки", "https://t.me/severny_rubezh_fict/4512"), (Span(post, link), link.Value));
        Assert.Equal("@severny_rubezh_fict", Span(post, post.Entities.Single(e => e.Kind == EntityKind.Mention)));

        Assert.Equal(5230, post.Metrics!.Views);
        Assert.Equal(88, post.Metrics.Forwards);
        Assert.Equal(12, post.Metrics.Replies);
        Assert.Equal(40, post.Metrics.Reactions!["👍"]);
        Assert.Equal(3, post.Metrics.Reactions["custom:5368324170671202286"]);

        Assert.Equal("1700000001", post.ForwardedFrom!.SourceId);
        Assert.Equal("4512", post.ForwardedFrom.PostId);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 13, 20, 0, TimeSpan.Zero), post.ForwardedFrom.Date);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 14, 30, 0, TimeSpan.Zero), post.Edited);
        Assert.Equal("Админ (fictional)", post.Author);
        Assert.Empty(post.Missing);
    }

    [Fact]
    public async Task NullCountersAreMissingAndOldStringReactionsCount()
    {
        var post = (await ReadAsync("todict.json")).Posts().Single(p => p.NativeId == "311");
        Assert.Contains("views", post.Missing);
        Assert.Contains("forwards", post.Missing);
        Assert.Contains("replies", post.Missing);
        Assert.Equal(2, post.Metrics!.Reactions!["❤"]);
        Assert.Null(post.Metrics.Views);
        Assert.Equal("310", post.ReplyTo);
        var media = Assert.Single(post.Media);
        Assert.Equal(("document", "video/mp4"), (media.Kind, media.MimeType));
        Assert.Null(post.ForwardedFrom);
    }

    [Fact]
    public async Task ServiceMessagesBecomeEventsAndEmptyMessagesAreSkipped()
    {
        var items = await ReadAsync("todict.json");
        var ev = Assert.Single(items.OfType<EventRead>()).Event;
        Assert.Equal(("312", "ChatEditTitle", "Тихий фронт 2 (fictional)"), (ev.NativeId, ev.Action, ev.Detail));
        Assert.DoesNotContain(items.Posts(), p => p.NativeId == "313");
        Assert.Equal(["telegram:1700000003", "telegram:1700000002"], items.OfType<SourceStarted>().Select(s => s.Source.Key));
    }

    [Fact]
    public async Task ToDictNdjsonReadsLikeTheArray()
    {
        static IEnumerable<string> Shape(List<ReadItem> items) => items.Select(i => i switch
        {
            SourceStarted s => "source " + s.Source.Key,
            PostRead p => $"post {p.Post.NativeId} {p.Post.Text} {p.Post.Entities.Count} {p.Post.Metrics?.Views}",
            EventRead e => "event " + e.Event.NativeId,
            _ => "?",
        });
        Assert.Equal(Shape(await ReadAsync("todict.json")), Shape(await ReadAsync("todict.ndjson")));
    }

    [Fact]
    public async Task EmptyArrayIsValidAndHoldsNoPosts()
    {
        Assert.Empty(await ReadAsync("empty.json"));
    }

    [Fact]
    public async Task SampleFromVartovyiReadsAsOneChannel()
    {
        var items = await ReaderHarness.ReadFileAsync(Reader, Path.Combine(Corpus.RepoRoot, "samples", "telethon", "vartovyi.ndjson"));
        var source = Assert.Single(items.OfType<SourceStarted>()).Source;
        Assert.Equal("telegram:1700000004", source.Key);
        Assert.Equal(("Вартовий (fictional)", "vartovyi_fict"), (source.Title, source.Handle));
        var posts = items.Posts();
        Assert.InRange(posts.Count, 6, 12);
        Assert.All(posts, p => Assert.InRange(p.Published, new DateTimeOffset(2022, 10, 13, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2022, 10, 17, 0, 0, 0, TimeSpan.Zero)));
        var forward = Assert.Single(posts, p => p.ForwardedFrom is not null);
        Assert.Equal(("1700000001", "4107"), (forward.ForwardedFrom!.SourceId, forward.ForwardedFrom.PostId));
        Assert.All(posts, p => Assert.NotNull(p.Metrics?.Views));
        Assert.Contains(posts, p => p.Text.Contains("списков больше нет"));
    }

    [Fact]
    public async Task DetectionPicksTelethonForBothShapes()
    {
        foreach (var name in new[] { "flat_mixed.json", "flat.ndjson", "todict.json", "todict.ndjson" })
            Assert.Equal("telethon-json", (await ReaderHarness.DetectFileAsync(DataFile(name)))?.Format);
    }

    [Theory]
    [InlineData("{\"name\":\"Канал\",\"type\":\"public_channel\",\"id\":1,\"messages\":[{\"id\":1,\"type\":\"message\",\"date\":\"2022-10-14T10:00:00\",\"text\":\"x\"}]}")]
    [InlineData("[{\"title\":\"not telegram\",\"date\":\"2022\"}]")]
    [InlineData("id,chat,body,timestamp\n1,a,b,c\n")]
    public void OtherJsonIsNotClaimed(string text)
    {
        Assert.Equal(0, Reader.Detect(new FileSniff("x.json", Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void DetectionReadsKeysNotTextFragments()
    {
        // "peer_id" inside a message text must not make an unrelated object look like a Telethon dump.
        var text = "[{\"title\":\"about \\\"peer_id\\\" and \\\"_\\\": \\\"Message\\\"\",\"date\":1}]";
        Assert.Equal(0, Reader.Detect(new FileSniff("x.json", Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public async Task TruncatedArrayIsRejectedWithALine()
    {
        var bytes = await File.ReadAllBytesAsync(DataFile("flat_mixed.json"));
        var e = ReaderHarness.ParsesOrRejects(Reader, bytes[..(bytes.Length / 2)]);
        Assert.NotNull(e);
        Assert.StartsWith("line ", e.Position);
        Assert.Contains("truncated", e.Reason);
    }

    [Theory]
    [InlineData("[{\"message_id\": 1, \"sender_id\": -1001700000001, \"text\": \"x\", \"date\": \"2022-10-14T10:00:00+00:00\"},]", "line 1", "comma")]
    [InlineData("[\n{\"message_id\": 1, \"text\": \"x\", \"date\": \"2022-10-14T10:00:00+00:00\"}]", "line 2", "no channel")]
    [InlineData("{\"message_id\": 1, \"sender_id\": 5, \"text\": \"x\", \"date\": \"yesterday\"}", "line 1", "not a date")]
    [InlineData("{\"message_id\": \"abc\", \"sender_id\": 5, \"text\": \"x\", \"date\": \"2022-10-14\"}", "line 1", "not a message number")]
    [InlineData("{\"message_id\": 1, \"sender_id\": 5, \"text\": \"x\", \"date\": 1665756130}\n\n{\"message_id\": 2, \"sender_id\": 5, \"text\": x}", "line 3", "not valid JSON")]
    [InlineData("[1, 2]", "line 1", "expected a message object")]
    [InlineData("{\"message_id\": 1, \"sender_id\": 5, \"text\": \"x\"}", "line 1", "no date")]
    [InlineData("hello", "line 1", "expected a JSON array")]
    public void BadMessagesNameTheirLine(string text, string position, string reason)
    {
        var e = ReaderHarness.ParsesOrRejects(Reader, Encoding.UTF8.GetBytes(text));
        Assert.NotNull(e);
        Assert.Equal(position, e.Position);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void EntityOutsideTheTextIsDroppedWithAWarning()
    {
        var context = new ReadContext("x.ndjson");
        var json = "{\"_\":\"Message\",\"id\":1,\"peer_id\":{\"_\":\"PeerChannel\",\"channel_id\":7},\"date\":\"2022-10-14T10:00:00+00:00\",\"message\":\"abc\",\"entities\":[{\"_\":\"MessageEntityBold\",\"offset\":2,\"length\":5}]}";
        using var doc = JsonDocument.Parse(json);
        var mapped = TelethonMessage.Map(doc.RootElement, json, "line 1", context);
        Assert.Empty(Assert.IsType<PostRead>(mapped.Item).Post.Entities);
        Assert.Single(context.Warnings);
    }

    [Fact]
    public async Task UnixDatesAndFourCatChatInfoAreUnderstood()
    {
        var line = "{\"_type\":\"Message\",\"id\":9,\"peer_id\":{\"_type\":\"PeerChannel\",\"channel_id\":1700000002},\"date\":1665756130.0,\"message\":\"UPD\",\"_chat\":{\"id\":1700000002,\"title\":\"Окопная правда (fictional)\",\"username\":\"okopnaya_pravda_fict\"},\"views\":10}";
        var items = await ReaderHarness.ReadTextAsync(Reader, line + "\n");
        var source = Assert.IsType<SourceStarted>(items[0]).Source;
        Assert.Equal(("okopnaya_pravda_fict", "Окопная правда (fictional)", "https://t.me/okopnaya_pravda_fict"), (source.Handle, source.Title, source.Url));
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 14, 2, 10, TimeSpan.Zero), items.Posts()[0].Published);
    }

    [Fact]
    public void RandomBytesParseOrAreRejected()
    {
        Gen.Byte.Array[0, 300].Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 300);
    }

    [Fact]
    public void MutatedFlatDumpsParseOrAreRejected()
    {
        var valid = File.ReadAllBytes(DataFile("flat_mixed.json"));
        ByteMutations.Of(valid).Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 400);
    }

    [Fact]
    public void MutatedToDictDumpsParseOrAreRejected()
    {
        var valid = File.ReadAllBytes(DataFile("todict.ndjson"));
        ByteMutations.Of(valid).Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 400);
    }
}
