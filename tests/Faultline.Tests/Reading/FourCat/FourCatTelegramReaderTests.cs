using System.Text;
using CsCheck;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.FourCat;
using Faultline.Tests.Reading.Telethon;

namespace Faultline.Tests.Reading.FourCat;

public class FourCatTelegramReaderTests
{
    private static readonly FourCatTelegramReader Reader = new();

    private static string DataFile(string name) => Path.Combine(Corpus.Data, "4cat", name);

    private static Task<List<ReadItem>> ReadAsync(string name) => ReaderHarness.ReadFileAsync(Reader, DataFile(name));

    private static string Span(Post p, Entity e) => p.Text.Substring(e.Offset, e.Length);

    private const string Header = "id,thread_id,chat,author,author_username,body,views,reactions,timestamp,unix_timestamp";

    [Fact]
    public async Task QuotedNewlinesAndDoubledQuotesSurvive()
    {
        var post = (await ReadAsync("telegram.csv")).Posts()[0];
        Assert.Equal("975", post.NativeId);
        Assert.Equal("Говорят, готовят \"списки\".\nЖдём подробностей.", post.Text);
        Assert.Equal("Ждём", Span(post, Assert.Single(post.Entities, e => e.Kind == EntityKind.Bold)));
    }

    [Fact]
    public async Task ChannelAuthoredRowsGiveTheNumericChannelKey()
    {
        var items = await ReadAsync("telegram.csv");
        var source = Assert.Single(items.OfType<SourceStarted>());
        Assert.Equal("telegram:1700000002", source.Source.Key);
        Assert.Equal("okopnaya_pravda_fict", source.Source.Handle);
        Assert.Equal(CoverageKind.Partial, source.Coverage);
        Assert.All(items.Posts(), p => Assert.Null(p.Author));
    }

    [Fact]
    public async Task ReactionsInBothSpellingsBecomeCounts()
    {
        var posts = (await ReadAsync("telegram.csv")).Posts();
        Assert.Equal(new Dictionary<string, long> { ["👍"] = 3, ["🤡"] = 2 }, posts[0].Metrics!.Reactions);
        Assert.Equal(new Dictionary<string, long> { ["👍"] = 12, ["❤"] = 3 }, posts[1].Metrics!.Reactions);
        Assert.Null(posts[2].Metrics!.Reactions);
    }

    [Fact]
    public async Task RowMapsTimesForwardMetricsAndMedia()
    {
        var posts = (await ReadAsync("telegram.csv")).Posts();
        var fwd = posts[1];
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 15, 2, 10, TimeSpan.Zero), fwd.Published);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 16, 0, 0, TimeSpan.Zero), fwd.Edited);
        Assert.Equal("Северный рубеж (fictional)", fwd.ForwardedFrom!.Name);
        Assert.Equal("severny_rubezh_fict", fwd.ForwardedFrom.Handle);
        Assert.Equal("1700000001", fwd.ForwardedFrom.SourceId);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 13, 20, 0, TimeSpan.Zero), fwd.ForwardedFrom.Date);
        Assert.Equal(2800, fwd.Metrics!.Views);
        Assert.Contains("forwards", fwd.Missing);
        var link = Assert.Single(fwd.Entities, e => e.Kind == EntityKind.TextLink);
        Assert.Equal(("пост Северного рубежа", "https://t.me/severny_rubezh_fict/4512"), (Span(fwd, link), link.Value));

        var last = posts[2];
        Assert.Equal("977", last.ReplyTo);
        Assert.Contains("views", last.Missing);
        Assert.Equal(2, last.Metrics!.Forwards);
        Assert.Equal(("photo", "okopnaya_pravda_fict-979.jpeg"), (last.Media[0].Kind, last.Media[0].File));
    }

    [Fact]
    public async Task PlainBodyStillYieldsLinksAndMentions()
    {
        var post = (await ReadAsync("telegram.csv")).Posts()[2];
        Assert.Equal("t.me/severny_rubezh_fict/4530", Span(post, Assert.Single(post.Entities, e => e.Kind == EntityKind.Link)));
        Assert.Equal("@severny_rubezh_fict", Span(post, Assert.Single(post.Entities, e => e.Kind == EntityKind.Mention)));
    }

    [Fact]
    public async Task WithoutABodyMarkdownColumnTheBodyIsReadAsMarkdown()
    {
        var csv = Header + "\nc-5,c,c,1,c,\"**Срочно**: [пост](https://t.me/severny_rubezh_fict/4512)\",1,,,1665756000\n";
        var post = (await ReaderHarness.ReadTextAsync(Reader, csv)).Posts()[0];
        Assert.Equal("Срочно: пост", post.Text);
        Assert.Equal("https://t.me/severny_rubezh_fict/4512", Assert.Single(post.Entities, e => e.Kind == EntityKind.TextLink).Value);
    }

    [Fact]
    public async Task RawHoldsTheHeaderAndTheRowVerbatim()
    {
        var text = await File.ReadAllTextAsync(DataFile("telegram.csv"));
        int headerEnd = text.IndexOf('\n');
        int secondRow = text.IndexOf("\nokopnaya_pravda_fict-977", StringComparison.Ordinal);
        var post = (await ReadAsync("telegram.csv")).Posts()[0];
        Assert.Equal(text[..headerEnd] + "\n" + text[(headerEnd + 1)..secondRow], post.Raw);
    }

    [Fact]
    public async Task CrlfInsideAQuotedFieldIsKeptAndCountsAsOneLine()
    {
        var csv = Header + "\r\nc-5,c,c,1,c,\"one\r\ntwo\",1,,,1665756000\r\nc-6,c,c,1,c,three,x,,,1665756001\r\n";
        Assert.Equal("one\r\ntwo", (await ReaderHarness.ReadTextAsync(Reader, Header + "\r\nc-5,c,c,1,c,\"one\r\ntwo\",1,,,1665756000\r\n")).Posts()[0].Text);
        var e = ReaderHarness.ParsesOrRejects(Reader, Encoding.UTF8.GetBytes(csv));
        Assert.Equal("line 4", e?.Position);
    }

    [Fact]
    public async Task BomAndCrlfAreHandled()
    {
        var posts = (await ReadAsync("bom_crlf.csv")).Posts();
        Assert.Equal(["975", "977"], posts.Select(p => p.NativeId));
        // The CRLF ending a record is not part of it.
        Assert.Equal("Говорят, готовят \"списки\".\nЖдём подробностей.", posts[0].Text);
        Assert.DoesNotContain('\r', posts[1].Raw[^3..]);
        Assert.StartsWith("id,", posts[0].Raw);
    }

    [Fact]
    public async Task SampleFromEasternFrontMonitorCoversTheEpisode()
    {
        var path = Path.Combine(Corpus.RepoRoot, "samples", "4cat", "eastfront_monitor.csv");
        Assert.Equal("4cat-telegram", (await ReaderHarness.DetectFileAsync(path))?.Format);
        var items = await ReaderHarness.ReadFileAsync(Reader, path);
        Assert.Equal("telegram:1700000005", Assert.Single(items.OfType<SourceStarted>()).Source.Key);
        var posts = items.Posts();
        Assert.InRange(posts.Count, 8, 15);
        Assert.Contains(posts, p => p.Text.Contains("\"list\"") && p.Entities.Any(e => e.Value == "https://t.me/severny_rubezh_fict/4107"));
        Assert.Contains(posts, p => p.ForwardedFrom is { SourceId: "1700000001", Handle: "severny_rubezh_fict" });
        Assert.Contains(posts, p => p.Text.Contains("no longer exist"));
    }

    [Fact]
    public async Task ItemWrapperNdjsonIsUnwrapped()
    {
        var items = await ReadAsync("items.ndjson");
        Assert.Equal(["telegram:1700000003", "telegram:1700000002"], items.OfType<SourceStarted>().Select(s => s.Source.Key));
        var first = items.OfType<SourceStarted>().First().Source;
        Assert.Equal(("tikhiy_front_fict", "Тихий фронт (fictional)"), (first.Handle, first.Title));
        var post = items.Posts()[0];
        Assert.Equal("310", post.NativeId);
        Assert.Equal(5230, post.Metrics!.Views);
        Assert.Contains("\"timestamp_collected\"", post.Raw);
        Assert.Equal("4cat-telegram", (await ReaderHarness.DetectFileAsync(DataFile("items.ndjson")))?.Format);
    }

    [Fact]
    public async Task UnixTimestampWinsOverTheLocalTimestamp()
    {
        var csv = Header + "\nc-5,c,c,1,c,text,1,,2022-10-14 17:00:00,1665756000\n";
        var post = (await ReaderHarness.ReadTextAsync(Reader, csv)).Posts()[0];
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 14, 0, 0, TimeSpan.Zero), post.Published);
    }

    [Fact]
    public async Task WithoutUnixTimestampTheTimestampIsReadAsUtcWithAWarning()
    {
        var context = new ReadContext("x.csv");
        var csv = "id,chat,body,timestamp\n5,c,text,2022-10-14 17:00:00\n";
        var items = new List<ReadItem>();
        await foreach (var item in Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), context)) items.Add(item);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 17, 0, 0, TimeSpan.Zero), items.Posts()[0].Published);
        Assert.Contains(context.Warnings, w => w.Contains("local time"));
        Assert.Equal("telegram:@c", items.OfType<SourceStarted>().Single().Source.Key);
    }

    [Fact]
    public async Task BlankLinesBetweenRowsAreSkipped()
    {
        var csv = Header + "\r\n\r\nc-5,c,c,1,c,one,1,,,1665756000\r\n\r\nc-6,c,c,1,c,two,1,,,1665756001\r\n\r\n";
        Assert.Equal(["5", "6"], (await ReaderHarness.ReadTextAsync(Reader, csv)).Posts().Select(p => p.NativeId));
    }

    [Theory]
    [InlineData(Header + "\nc-5,c,c,1,c,text,1,,,1665756000\nc-6,c,c,1,c,text,1\n", "line 3", "7 fields but the header has 10")]
    [InlineData(Header + "\nc-5,c,c,1,c,\"multi\nline\",1,,,1665756000\nc-6,c,c,1,c,\"never closed,1,,,1665756000\n", "line 4", "never closed")]
    [InlineData(Header + "\nc-5,c,c,1,c,\"text\"x,1,,,1665756000\n", "line 2", "after a closing quote")]
    [InlineData(Header + "\nc-5,c,c,1,c,text,many,,,1665756000\n", "line 2", "views")]
    [InlineData(Header + "\nc-5,c,c,1,c,text,1,,,soon\n", "line 2", "unix_timestamp")]
    [InlineData(Header + "\nc-5,,,1,c,text,1,,,1665756000\n", "line 2", "no chat")]
    [InlineData("id,chat,timestamp\n1,c,2022-10-14 17:00:00\n", "line 1", "\"body\"")]
    public void BadRowsNameTheirLine(string csv, string position, string reason)
    {
        var e = ReaderHarness.ParsesOrRejects(Reader, Encoding.UTF8.GetBytes(csv));
        Assert.NotNull(e);
        Assert.Equal(position, e.Position);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\nc-5,c,c,1,c,text,1,,,1665756000\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var e = ReaderHarness.ParsesOrRejects(Reader, bytes);
        Assert.NotNull(e);
        Assert.Contains("UTF-8", e.Reason);
    }

    [Theory]
    [InlineData("👍 12, ❤ 3", "👍", 12)]
    [InlineData("👍👍👍", "👍", 3)]
    [InlineData("👍🏽👍🏽", "👍🏽", 2)]
    [InlineData("❤️ 7", "❤️", 7)]
    [InlineData("👍: 4", "👍", 4)]
    public void ReactionCellsAreCounted(string cell, string emoji, long count)
    {
        Assert.Equal(count, FourCatReactions.Parse(cell, out bool unreadable)![emoji]);
        Assert.False(unreadable);
    }

    [Fact]
    public void UnknownReactionShapesAreFlaggedNotCounted()
    {
        Assert.Null(FourCatReactions.Parse("{'_': 'ReactionPaid'}", out bool unreadable));
        Assert.True(unreadable);
    }

    [Fact]
    public async Task DetectionTakesFourCatCsvAndLeavesOtherCsvAlone()
    {
        Assert.Equal("4cat-telegram", (await ReaderHarness.DetectFileAsync(DataFile("telegram.csv")))?.Format);
        Assert.Equal("4cat-telegram", (await ReaderHarness.DetectFileAsync(DataFile("bom_crlf.csv")))?.Format);
        Assert.Equal(0, Reader.Detect(new FileSniff("x.csv", "name,value\na,1\n"u8.ToArray())));
        Assert.Equal(0, Reader.Detect(new FileSniff("x.json", "[{\"message_id\":1,\"date\":\"x\",\"text\":\"y\"}]"u8.ToArray())));
    }

    [Fact]
    public void RandomBytesParseOrAreRejected()
    {
        Gen.Byte.Array[0, 300].Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 300);
    }

    [Fact]
    public void MutatedCsvParsesOrIsRejected()
    {
        var valid = File.ReadAllBytes(DataFile("telegram.csv"));
        ByteMutations.Of(valid).Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 400);
    }

    [Fact]
    public void MutatedItemNdjsonParsesOrIsRejected()
    {
        var valid = File.ReadAllBytes(DataFile("items.ndjson"));
        ByteMutations.Of(valid).Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 300);
    }
}
