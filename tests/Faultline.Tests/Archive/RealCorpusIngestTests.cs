using System.Text.Json;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;

namespace Faultline.Tests.Archive;

/// <summary>The real shared corpora through the whole ingest path into a real archive file.</summary>
public sealed class RealCorpusIngestTests : IDisposable
{
    private readonly TempDir _dir = new();

    [SkippableFact]
    public async Task TheRussianNewsDumpImportsCompletelyAndIsSearchable()
    {
        var folder = Corpus.Require("telegram-ru-news");
        var files = Directory.GetFiles(folder, "*_messages.json").Order(StringComparer.Ordinal).ToList();
        int expected = files.Sum(f => JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.GetArrayLength());

        using var archive = SqliteArchive.Open(_dir.File("news.db"));
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        foreach (var file in files)
        {
            var outcome = await ingestor.IngestFileAsync(file, new IngestOptions());
            Assert.False(outcome.Rejected, $"{file}: {outcome.Error}");
            Assert.Equal("telethon-json", outcome.Format);
        }
        var totals = archive.Totals();
        Assert.Equal(expected, totals.Posts);
        Assert.Equal(expected, totals.Versions);
        Assert.Equal(files.Count, archive.Sources().Count);
        Assert.True(totals.PostsByLanguage["ru"] > expected * 0.95, "the news dump is Russian");

        // Stemmed search over real text: the inflected forms of one word all find the same posts.
        var a = archive.Search(new SearchQuery("мобилизация") { Limit = 1000 }).Ranked;
        var b = archive.Search(new SearchQuery("мобилизации") { Limit = 1000 }).Ranked;
        Assert.True(a > 0);
        Assert.Equal(a, b);
        var hit = archive.Search(new SearchQuery("Москва") { Limit = 5 }).Hits.First();
        Assert.NotEmpty(hit.Snippet.Highlights);

        // Importing the same files again changes nothing.
        foreach (var file in files) Assert.NotNull((await ingestor.IngestFileAsync(file, new IngestOptions())).AlreadyImportedAs);
        Assert.Equal(expected, archive.Totals().Posts);
    }

    [SkippableFact]
    public async Task EveryRealFeedIsImportedOrRejectedWithOneLineAndNothingThrows()
    {
        var folders = new[] { "feeds-feedreader", "feeds-rss-parser" }.Select(Corpus.Require).ToList();
        using var archive = SqliteArchive.Open(_dir.File("feeds.db"));
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        var files = Ingestor.ExpandPaths(folders).Where(f => !Path.GetFileName(f).StartsWith("LICENSE", StringComparison.Ordinal)).ToList();
        var outcomes = new List<FileOutcome>();
        foreach (var f in files) outcomes.Add(await ingestor.IngestFileAsync(f, new IngestOptions()));
        Assert.All(outcomes.Where(o => o.Rejected), o => Assert.DoesNotContain("internal error", o.Error));
        Assert.True(outcomes.Count(o => !o.Rejected) >= files.Count - 2, string.Join("\n", outcomes.Where(o => o.Rejected).Select(o => $"{o.File}: {o.Error}")));
        Assert.True(archive.Totals().Posts > 500);
    }

    [SkippableFact]
    public async Task TheReal2021DesktopExportImportsEveryMessage()
    {
        var file = Path.Combine(Corpus.Require("telegram-desktop-2021"), "result.json");
        using var archive = SqliteArchive.Open(_dir.File("d.db"));
        var outcome = await new Ingestor(archive, ReaderCatalog.Default).IngestFileAsync(file, new IngestOptions { Handle = "tg2md_test" });
        Assert.False(outcome.Rejected, outcome.Error);
        var messages = JsonDocument.Parse(File.ReadAllBytes(file)).RootElement.GetProperty("messages").GetArrayLength();
        var totals = archive.Totals();
        Assert.Equal(messages, totals.Posts + totals.Events);
        var firstId = JsonDocument.Parse(File.ReadAllBytes(file)).RootElement.GetProperty("messages").EnumerateArray()
            .First(m => m.GetProperty("type").GetString() == "message").GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("https://t.me/tg2md_test/" + firstId, archive.FindPost("tg2md_test", firstId)!.CanonicalUrl);
    }

    public void Dispose() => _dir.Dispose();
}
