using Faultline.Analysis;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;

namespace Faultline.Tests.Analysis;

/// <summary>New imports extend the analysis instead of recomputing it.</summary>
public sealed class IncrementalAnalysisTests : IDisposable
{
    private static readonly DateTimeOffset Oct14 = new(2022, 10, 14, 6, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();

    private const string Claim = "Генералы Министерства обороны готовят список военкоров и блогеров, которых хотят судить за дискредитацию армии. Мы молчать не будем.";

    [Fact]
    public async Task ASecondImportIsLinkedToTheFirstWithoutResigningIt()
    {
        using var archive = SqliteArchive.Open(_dir.File("a.db"));
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        var first = _dir.File("first.json");
        DesktopExport.Write(first, 1700000001, "Северный рубеж (fictional)", [new(4107, Oct14, Claim), new(4108, Oct14.AddHours(1), "Погода на фронте: дожди.")]);
        await ingestor.IngestFileAsync(first, new IngestOptions { Handle = "severny_rubezh_fict" });
        var run1 = AnalysisPipeline.Default.Run(archive);
        Assert.All(run1, o => Assert.True(o.Ok, o.Error));
        Assert.Empty(archive.Edges());

        var second = _dir.File("second.json");
        DesktopExport.Write(second, 1700000003, "Тихий фронт (fictional)", [new(884, Oct14.AddMinutes(12), Claim + " 🔥"), new(885, Oct14.AddHours(2), "Без комментариев.")]);
        await ingestor.IngestFileAsync(second, new IngestOptions { Handle = "tikhiy_front_fict" });
        var run2 = AnalysisPipeline.Default.Run(archive);
        Assert.All(run2, o => Assert.True(o.Ok, o.Error));
        Assert.Contains("2 restored", run2.Single(o => o.StageId == "near-duplicates").Summary);

        var copy = Assert.Single(archive.Edges([EdgeKind.Copy]));
        Assert.Equal(archive.FindPost("severny_rubezh_fict", "4107")!.Id, copy.Earlier);
        Assert.Equal(archive.FindPost("tikhiy_front_fict", "884")!.Id, copy.Later);
        Assert.True(copy.Score >= 0.8);

        var run3 = AnalysisPipeline.Default.Run(archive);
        Assert.All(run3, o => Assert.Equal("nothing new", o.Summary));
        Assert.Single(archive.Edges([EdgeKind.Copy]));
    }

    [Fact]
    public async Task TheCopyThresholdIsConfigurableAndAChangeRecomputesTheCopies()
    {
        using var archive = SqliteArchive.Open(_dir.File("t.db"));
        var first = _dir.File("a.json");
        // Same story, a third of the words changed: Jaccard of 3-gram shingles well under 0.8, over 0.3.
        DesktopExport.Write(first, 1700000001, "Северный рубеж (fictional)", [new(1, Oct14, Claim)]);
        var second = _dir.File("b.json");
        DesktopExport.Write(second, 1700000003, "Тихий фронт (fictional)",
            [new(2, Oct14.AddMinutes(5), "Генералы Министерства обороны готовят список военкоров и блогеров, которых хотят судить за дискредитацию армии. Подробности позже, следите за каналом.")]);
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        await ingestor.IngestFileAsync(first, new IngestOptions());
        await ingestor.IngestFileAsync(second, new IngestOptions());

        AnalysisPipeline.Default.Run(archive, new AnalysisSettings { CopyThreshold = 0.8 });
        Assert.Empty(archive.Edges([EdgeKind.Copy]));
        AnalysisPipeline.Default.Run(archive, new AnalysisSettings { CopyThreshold = 0.5 });
        var copy = Assert.Single(archive.Edges([EdgeKind.Copy]));
        Assert.InRange(copy.Score, 0.5, 0.8);
        AnalysisPipeline.Default.Run(archive, new AnalysisSettings { CopyThreshold = 0.8 });
        Assert.Empty(archive.Edges([EdgeKind.Copy]));
    }

    [Fact]
    public async Task TheActorStageCallsStanceAndRerunsWhenTheRegistryChanges()
    {
        using var archive = SqliteArchive.Open(_dir.File("r.db"));
        var file = _dir.File("c.json");
        DesktopExport.Write(file, 1700000001, "Северный рубеж (fictional)",
            [new(1, Oct14, "Позор Минобороны: генералы опять провалили снабжение и врут о потерях.")]);
        await new Ingestor(archive, ReaderCatalog.Default).IngestFileAsync(file, new IngestOptions { Handle = "severny_rubezh_fict" });
        AnalysisPipeline.Default.Run(archive);
        var call = Assert.Single(archive.Stances());
        Assert.Equal("ru-mod", call.ActorId);
        Assert.Equal(Faultline.Analysis.Actors.StanceKind.Criticise, call.Stance);
        Assert.NotEmpty(call.Evidence);

        // A registry that no longer knows the ministry: the stage re-runs over everything and the call is gone.
        var registry = Faultline.Analysis.Actors.ActorRegistry.Parse("bloc kremlin | presidency\nactor putin person | Vladimir Putin\nru: ^Путин\nmember kremlin 2000-05-07.. | president, public record\n", "small.txt");
        var outcome = AnalysisPipeline.Default.Run(archive, new AnalysisSettings { Registry = registry }).Single(o => o.StageId == "actors");
        Assert.True(outcome.Ok, outcome.Error);
        Assert.Empty(archive.Stances());
    }

    public void Dispose() => _dir.Dispose();
}
