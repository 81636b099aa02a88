using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;

namespace Faultline.Tests.Archive;

public sealed class IngestionTests : IDisposable
{
    private static readonly DateTimeOffset Oct14 = new(2022, 10, 14, 6, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();
    private readonly SqliteArchive _archive;
    private readonly Ingestor _ingestor;

    public IngestionTests()
    {
        _archive = SqliteArchive.Open(_dir.File("a.db"));
        _ingestor = new Ingestor(_archive, ReaderCatalog.Default);
    }

    private static DesktopExport.Message M(long id, DateTimeOffset date, string text, DateTimeOffset? edited = null) => new(id, date, text, edited);

    private FileOutcome Ingest(string path) => _ingestor.IngestFileAsync(path, new IngestOptions()).GetAwaiter().GetResult();

    private string Export(string name, params DesktopExport.Message[] messages)
    {
        var path = _dir.File(name);
        DesktopExport.Write(path, 1700000001, "Северный рубеж (fictional)", messages);
        return path;
    }

    [Fact]
    public void ReimportingTheSameExportChangesNothing()
    {
        var path = Export("a.json", M(1, Oct14, "Генералы готовят списки"), M(2, Oct14.AddHours(1), "Подробности позже"));
        var first = Ingest(path);
        Assert.Equal(2, first.Import!.New);
        var before = _archive.Totals();
        var again = Ingest(path);
        Assert.NotNull(again.AlreadyImportedAs);
        Assert.Null(again.Import);
        Assert.Equal(before, _archive.Totals() with { PostsByKind = before.PostsByKind, PostsByLanguage = before.PostsByLanguage });
        Assert.Single(_archive.Imports());
    }

    [Fact]
    public void ANewerExportAddsPostsRecordsEditsAndTombstonesDeletions()
    {
        Ingest(Export("old.json", M(1, Oct14, "Генералы готовят списки блогеров"), M(2, Oct14.AddHours(1), "Будем следить"), M(3, Oct14.AddHours(2), "Подробности позже")));
        var newer = Ingest(Export("new.json",
            M(1, Oct14, "Генералы готовят списки блогеров. UPD: списков больше нет", Oct14.AddDays(1)),
            M(3, Oct14.AddHours(2), "Подробности позже"),
            M(4, Oct14.AddDays(1), "Вопрос снят с повестки")));
        var r = newer.Import!;
        Assert.Equal((1, 1, 1, 1), (r.New, r.Updated, r.Unchanged, r.Deleted));
        var edited = _archive.FindPost("telegram:1700000001", "1")!;
        Assert.Equal(2, _archive.Versions(edited.Id).Count);
        Assert.Equal(Oct14.AddDays(1), edited.Post.Edited);
        Assert.NotNull(_archive.FindPost("telegram:1700000001", "2")!.DeletedAt);
    }

    [Fact]
    public void ARejectedFileLeavesTheArchiveUnchangedAndTheOtherFilesCarryOn()
    {
        Ingest(Export("good.json", M(1, Oct14, "Первый")));
        var before = _archive.Totals();
        var full = File.ReadAllText(Export("full.json", M(1, Oct14, "Изменённый"), M(2, Oct14.AddHours(1), "Второй"), M(3, Oct14.AddHours(2), "Третий")));
        var truncated = _dir.File("truncated.json");
        File.WriteAllText(truncated, full[..(full.Length * 2 / 3)]);
        var bad = Ingest(truncated);
        Assert.True(bad.Rejected);
        Assert.Matches(@"^(offset|line|message|item) ", bad.Error);
        Assert.Equal(before, _archive.Totals() with { PostsByKind = before.PostsByKind, PostsByLanguage = before.PostsByLanguage });
        Assert.Equal("Первый", _archive.FindPost("telegram:1700000001", "1")!.Post.Text);

        var good = Ingest(Export("later.json", M(5, Oct14.AddDays(2), "Пятый")));
        Assert.Equal(1, good.Import!.New);
    }

    [Fact]
    public void ADuplicatePostIdRejectsTheWholeFile()
    {
        var outcome = Ingest(Export("dup.json", M(1, Oct14, "a"), M(2, Oct14.AddHours(1), "b"), M(1, Oct14.AddHours(2), "c")));
        Assert.True(outcome.Rejected);
        Assert.Matches("duplicate|twice", outcome.Error);
        Assert.Equal(0, _archive.Totals().Posts);
    }

    [Fact]
    public void AFutureDateIsAWarningNotARejection()
    {
        var outcome = Ingest(Export("future.json", M(1, DateTimeOffset.UtcNow.AddYears(3), "Из будущего")));
        Assert.False(outcome.Rejected);
        Assert.Contains(outcome.Import!.Warnings, w => w.Contains("future", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnrecognisedTextFileIsRejectedNamingTheSupportedFormats()
    {
        var path = _dir.File("notes.txt");
        File.WriteAllText(path, "Just some notes the analyst left in the folder.\nNothing to import.\n");
        var outcome = Ingest(path);
        Assert.True(outcome.Rejected);
        Assert.Contains("unrecognised format", outcome.Error);
    }

    public void Dispose()
    {
        _archive.Dispose();
        _dir.Dispose();
    }
}
