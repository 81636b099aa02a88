using System.Text;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;

namespace Faultline.Tests.Archive;

/// <summary>
/// Every kind of bad input named in the foundation issue, through the real ingest path: each file is either
/// fully imported or rejected with one line "position: reason", and a rejected file leaves the archive as it was.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly DateTimeOffset Oct14 = new(2022, 10, 14, 6, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();
    private readonly SqliteArchive _archive;
    private readonly Ingestor _ingestor;
    private readonly string _goodExport;

    public BadInputTests()
    {
        _archive = SqliteArchive.Open(_dir.File("a.db"));
        _ingestor = new Ingestor(_archive, ReaderCatalog.Default);
        _goodExport = _dir.File("good.json");
        DesktopExport.Write(_goodExport, 1700000001, "Северный рубеж (fictional)",
            [new(1, Oct14, "Генералы готовят списки"), new(2, Oct14.AddHours(1), "Подробности позже"), new(3, Oct14.AddHours(2), "Ждём")]);
        Assert.False(Ingest(_goodExport).Rejected);
    }

    private FileOutcome Ingest(string path) => _ingestor.IngestFileAsync(path, new IngestOptions()).GetAwaiter().GetResult();

    private void AssertRejectedAndArchiveUnchanged(string path, string? reasonContains = null)
    {
        var before = Snapshot();
        var outcome = Ingest(path);
        Assert.True(outcome.Rejected, $"{Path.GetFileName(path)} should have been rejected");
        Assert.Matches(@"^(offset|line|item|message|post|row|column|chat|entry|byte)[^\n]*: [^\n]+$", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.DoesNotContain("internal error", outcome.Error);
        if (reasonContains is not null) Assert.Contains(reasonContains, outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Snapshot());
    }

    private string Snapshot()
    {
        var t = _archive.Totals();
        var posts = string.Join("|", _archive.Sources().Select(s => $"{s.Info.Key}:{s.Posts}:{s.Deleted}:{s.Edited}"));
        return $"{t.Posts}/{t.Versions}/{t.Deleted}/{t.Events}/{t.Imports}/{posts}/{_archive.FindPost("telegram:1700000001", "1")!.Post.Text}";
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string GoodText() => File.ReadAllText(_goodExport);

    [Fact]
    public void TruncatedJsonIsRejected()
    {
        var text = GoodText();
        AssertRejectedAndArchiveUnchanged(Write("truncated.json", text[..(text.Length - 40)]));
    }

    [Fact]
    public void InvalidJsonIsRejected()
    {
        var text = GoodText().Replace("\"Подробности позже\"", "\"Подробности позже\" ,, }{");
        AssertRejectedAndArchiveUnchanged(Write("invalid.json", text));
    }

    [Fact]
    public void AnExportInTheWrongEncodingIsRejected()
    {
        // A Desktop export is UTF-8 by definition; the same text saved as windows-1251 is not valid UTF-8.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1251).GetBytes(GoodText().Replace("\"id\": 1,", "\"id\": 11,").Replace("\"id\": 2,", "\"id\": 12,").Replace("\"id\": 3,", "\"id\": 13,"));
        AssertRejectedAndArchiveUnchanged(Write("cp1251.json", bytes));
    }

    [Fact]
    public void MixedEncodingsInOneFileAreRejected()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = GoodText();
        int cut = text.IndexOf("Подробности", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text[..cut]).Concat(Encoding.GetEncoding(1251).GetBytes(text[cut..])).ToArray();
        AssertRejectedAndArchiveUnchanged(Write("mixed.json", bytes));
    }

    [Fact]
    public void ABinaryFileIsRejected()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        bytes[0] = 0x7F; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F';
        AssertRejectedAndArchiveUnchanged(Write("program.bin", bytes), "binary");
    }

    [Fact]
    public void ATenMegabyteSingleLineTextIsRejectedQuickly()
    {
        var line = string.Concat(Enumerable.Repeat("мобилизация списки генералы ", 10 * 1024 * 1024 / 50));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        AssertRejectedAndArchiveUnchanged(Write("one-line.txt", line));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void DuplicateIdsAreRejected()
    {
        var text = GoodText().Replace("\"id\": 3,", "\"id\": 1,");
        AssertRejectedAndArchiveUnchanged(Write("dup.json", text), "twice");
    }

    [Fact]
    public void AMessageWithoutAnIdIsRejected()
    {
        var text = GoodText().Replace("\"id\": 2,", "");
        AssertRejectedAndArchiveUnchanged(Write("noid.json", text));
    }

    [Fact]
    public void AnEmptyFileIsRejected() => AssertRejectedAndArchiveUnchanged(Write("empty.json", ""), "empty");

    [Fact]
    public void HostileHtmlInsideAFeedItemNeverReachesTheText()
    {
        var feed = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Baltic Ledger (fictional)</title><link>https://balticledger.example/</link>
            <item><guid>h1</guid><title>Lists &lt;script&gt;alert(1)&lt;/script&gt;</title><pubDate>Fri, 14 Oct 2022 10:00:00 GMT</pubDate>
            <description><![CDATA[<p onclick="steal()">Bloggers say <a href="javascript:alert(2)">lists</a> exist.</p><script>document.cookie</script><style>p{}</style><iframe src="https://evil.example/"></iframe><img src=x onerror="alert(3)">]]></description></item>
            </channel></rss>
            """;
        var outcome = Ingest(Write("hostile.xml", feed));
        Assert.False(outcome.Rejected, outcome.Error);
        var post = _archive.FindPost("feed:balticledger.example", "h1") ?? _archive.Search(new Faultline.Archive.SearchQuery("bloggers")).Hits.Single().Post;
        Assert.Contains("Bloggers say lists exist.", post.Post.Text);
        foreach (var bad in new[] { "<script", "document.cookie", "alert(", "onerror", "onclick", "<iframe", "p{}" })
            Assert.DoesNotContain(bad, post.Post.Text);
    }

    public void Dispose()
    {
        _archive.Dispose();
        _dir.Dispose();
    }
}
