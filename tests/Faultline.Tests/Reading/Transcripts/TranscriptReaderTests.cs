using System.Diagnostics;
using System.Text;
using CsCheck;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.Transcripts;
using Faultline.Tests.Reading.Articles;

namespace Faultline.Tests.Reading.Transcripts;

public class TranscriptReaderTests
{
    private static readonly TranscriptReader Reader = new();
    private static string Sample => Path.Combine(Corpus.RepoRoot, "samples", "transcripts", "vecherniy_efir_2022-10-14.txt");
    private static string Fixture(string name) => Path.Combine(Corpus.Data, "transcripts", name);

    [Fact]
    public async Task HeaderNamesTheSourceAndEveryTurnBecomesAPost()
    {
        var items = await ReaderHarness.ReadFileAsync(Reader, Sample);
        var started = Assert.IsType<SourceStarted>(items[0]);
        Assert.Equal(SourceKind.Transcript, started.Source.Kind);
        Assert.Equal("transcript:вечерний эфир (fictional)", started.Source.Key);
        Assert.Equal("Вечерний эфир (fictional)", started.Source.Title);
        Assert.Equal(CoverageKind.Partial, started.Coverage);
        var posts = items.Posts();
        Assert.Equal(10, posts.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => "#t" + n), posts.Select(p => p.NativeId[p.NativeId.IndexOf('#')..]));
        Assert.All(posts, p => Assert.StartsWith(posts[0].NativeId.Split('#')[0], p.NativeId));
        Assert.All(posts, p => Assert.Equal("Кто составляет списки? Военкоры и министерство (fictional episode)", p.Title));
        Assert.All(posts, p => Assert.Equal("https://vecherniy-efir.example/2022/10/14/spiski", p.Url));
    }

    [Fact]
    public async Task TimestampsAreAddedToTheHeaderDateInUtc()
    {
        var posts = (await ReaderHarness.ReadFileAsync(Reader, Sample)).Posts();
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 16, 0, 20, TimeSpan.Zero), posts[1].Published);
        Assert.Equal(new DateTimeOffset(2022, 10, 14, 16, 5, 45, TimeSpan.Zero), posts[^1].Published);
        Assert.All(posts, p => Assert.Equal(TimeSpan.Zero, p.Published.Offset));
    }

    [Fact]
    public async Task SpeakerLabelsBecomeAuthorsAndStageDirectionsStayUnattributed()
    {
        var posts = (await ReaderHarness.ReadFileAsync(Reader, Sample)).Posts();
        Assert.Null(posts[0].Author);
        Assert.Contains("speaker", posts[0].Missing);
        Assert.Equal("(Заставка программы. Все участники и программа вымышлены.)", posts[0].Text);
        Assert.Equal("ВЕДУЩИЙ (Олег Марков, fictional)", posts[1].Author);
        Assert.Equal("ГОСТЬ (Игорь Белов, военный блогер, fictional)", posts[2].Author);
        Assert.StartsWith("Добрый вечер.", posts[1].Text);
    }

    [Fact]
    public async Task ContinuationLinesBelongToThePreviousTurn()
    {
        var posts = (await ReaderHarness.ReadFileAsync(Reader, Sample)).Posts();
        Assert.Equal("Я читал этот пост утром. Если списки есть, это удар по тем, кто первым говорил правду о Харькове и Лимане.\nЛюди пишут с передовой, у них нет пресс-службы.", posts[2].Text);
        Assert.Equal("Вот именно. Значит, людей это задело. Генералы должны воевать, а не составлять списки.\n\nЯ скажу больше: после мобилизации к военкорам прислушиваются больше, чем к брифингам.", posts[5].Text);
        Assert.Equal("[00:01:02] ГОСТЬ (Игорь Белов, военный блогер, fictional): Я читал этот пост утром. Если списки есть, это удар по тем, кто первым говорил правду о Харькове и Лимане.\nЛюди пишут с передовой, у них нет пресс-службы.", posts[2].Raw);
    }

    [Fact]
    public async Task TurnsWithoutTimestampKeepTheHeaderTimeAndSayWhatIsMissing()
    {
        var posts = (await ReaderHarness.ReadFileAsync(Reader, Fixture("radio_hour.txt"))).Posts();
        Assert.Equal(3, posts.Count);
        Assert.Equal("PRESENTER", posts[0].Author);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 8, 0, 0, TimeSpan.Zero), posts[0].Published);
        Assert.Contains("timestamp", posts[0].Missing);
        Assert.Contains("title", posts[0].Missing);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 8, 2, 30, TimeSpan.Zero), posts[1].Published);
        Assert.Equal("The claim and its withdrawal both came from one channel.\n\nNobody else produced a document.", posts[1].Text);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 9, 2, 3, TimeSpan.Zero), posts[2].Published);
        Assert.DoesNotContain("timestamp", posts[2].Missing);
    }

    [Fact]
    public async Task DateWithoutOffsetIsReadAsUtcAndNoted()
    {
        var posts = (await ReaderHarness.ReadFileAsync(Reader, Fixture("no_zone_crlf.txt"))).Posts();
        var post = Assert.Single(posts);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 8, 0, 0, TimeSpan.Zero), post.Published);
        Assert.Contains("date time zone", post.Missing);
        Assert.Equal("Line one.\nmore text", post.Text);
        Assert.DoesNotContain('\r', post.Raw);
    }

    [Theory]
    [InlineData("Source: Radio (fictional)\n\nHOST: hello", "line 2")]
    [InlineData("Title: x\nDate: 2022-10-14\nLanguage: en\n\nHOST: hello", "line 4")]
    [InlineData("HOST: hello\nGUEST: hi", "line 2")]
    [InlineData("\n\nJust some text\nwith no header", "line 3")]
    public async Task MissingHeaderIsAnInputErrorWithItsLine(string text, string position)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadTextAsync(Reader, text));
        Assert.Equal(position, error.Position);
        Assert.Equal("transcript header needs Source: and Date:", error.Reason);
    }

    [Fact]
    public async Task UnreadableDateIsAnInputErrorOnItsLine()
    {
        var error = await Assert.ThrowsAsync<InputException>(() =>
            ReaderHarness.ReadTextAsync(Reader, "Source: Radio (fictional)\nDate: last Friday\n\nHOST: hello"));
        Assert.Equal("line 2", error.Position);
    }

    [Fact]
    public async Task TenMegabyteSingleLineIsRejectedQuicklyWithOneError()
    {
        var bytes = new byte[10 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');
        "word: "u8.CopyTo(bytes);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadBytesAsync(Reader, bytes));
        Assert.Equal("line 1", error.Position);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void OnlyTextWithTheHeaderIsDetected()
    {
        Assert.Equal(90, Reader.Detect(new FileSniff("x.txt", File.ReadAllBytes(Sample))));
        Assert.Equal(0, Reader.Detect(Sniff("HOST: hello\nGUEST: hi")));
        Assert.Equal(0, Reader.Detect(Sniff("---\ntitle: x\nsource: y\ndate: 2022-10-14\n---\n")));
        Assert.Equal(0, Reader.Detect(Sniff("<html><body>Source: x Date: y</body></html>")));
    }

    [Fact]
    public void LowercaseLabelsAreNotSpeakers()
    {
        Assert.False(TranscriptReader.TryTurnStart("Note: this is not a speaker", out _, out _, out _));
        Assert.True(TranscriptReader.TryTurnStart("[00:00:01] Note: a timed line", out var offset, out var speaker, out var text));
        Assert.Equal(TimeSpan.FromSeconds(1), offset);
        Assert.Null(speaker);
        Assert.Equal("Note: a timed line", text);
    }

    [Fact]
    public void RandomTextEitherParsesOrIsRejected()
    {
        var line = Gen.OneOf(Gen.Const("Source: R (fictional)"), Gen.Const("Date: 2022-10-14 19:00 +03:00"), Gen.Const(""),
            Gen.Const("[00:01:02] HOST: hi"), Gen.Const("GUEST (X, fictional): yes"), Gen.String[0, 40], Gen.Const("[99:99] X:"));
        line.Array[0, 12].Select(l => Encoding.UTF8.GetBytes(string.Join("\n", l)))
            .Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 400);
    }

    [Fact]
    public void RandomBytesEitherParseOrAreRejected() =>
        Gen.Byte.Array[0, 1000].Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 300);

    [Fact]
    public void MutatedTranscriptsEitherParseOrAreRejected() =>
        DocumentMutations.Of(File.ReadAllBytes(Sample)).Sample(bytes => ReaderHarness.ParsesOrRejects(Reader, bytes), iter: 400);

    private static FileSniff Sniff(string text) => new("x", Encoding.UTF8.GetBytes(text));
}
