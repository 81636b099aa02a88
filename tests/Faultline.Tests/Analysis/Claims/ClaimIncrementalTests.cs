using System.Text.Json;
using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>
/// The claims stage run after each import rebuilds only what new or changed posts can reach, and ends where a full
/// rebuild over the same archive ends: the same members with the same roles and evidence, the same lifecycle, status,
/// title, key terms and actors. Over the fictional episodes and samples, through the real readers and every stage.
/// </summary>
public sealed class ClaimIncrementalTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    private static async Task Ingest(IArchive archive, string file, string handles)
    {
        var outcome = await new Ingestor(archive, ReaderCatalog.Default).IngestFileAsync(file, new IngestOptions { Handles = HandleTable.Read(handles) });
        Assert.False(outcome.Rejected, $"{file}: {outcome.Error}");
    }

    /// <summary>Runs every stage; returns what the claims stage said.</summary>
    private string Analyse(IArchive archive)
    {
        var outcomes = AnalysisPipeline.Default.Run(archive);
        Assert.All(outcomes, o => Assert.True(o.Ok, $"{o.StageId}: {o.Error}"));
        var summary = outcomes.Single(o => o.StageId == ClaimStage.StageId).Summary!;
        output.WriteLine($"{archive.Totals().Posts} posts; claims: {summary}");
        return summary;
    }

    /// <summary>
    /// What a claim is: its members with their roles, its lifecycle and its status (not its id: a rebuilt claim may get
    /// another). A kept claim's title, key terms and the terms its members' evidence quotes were weighed by the counts of
    /// when it was built, and the ranking of close terms may shift as the archive grows, so they are compared only where
    /// <paramref name="everything"/> says every claim was rebuilt.
    /// </summary>
    private static string Content(Claim claim, bool everything) => everything
        ? JsonSerializer.Serialize(claim with { Id = 0 }, Readable)
        : JsonSerializer.Serialize(new { Members = claim.Members.Select(m => (m.PostId, m.Role)), claim.Lifecycle, claim.Status }, Readable);

    private static string Content(Claim claim) => Content(claim, everything: true);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Rebuilds every claim over the same archive and checks that the stored ones are the same.</summary>
    private static void AssertSameAsAFullRebuild(IArchive archive, bool everything)
    {
        var incremental = archive.Claims();
        new ClaimStage().Run(archive, new AnalysisSettings { Full = true }, CancellationToken.None);
        var full = archive.Claims();
        Assert.NotEmpty(full);
        var onlyFull = full.Select(c => Content(c, everything)).Except(incremental.Select(c => Content(c, everything))).ToList();
        var onlyIncremental = incremental.Select(c => Content(c, everything)).Except(full.Select(c => Content(c, everything))).ToList();
        Assert.True(onlyFull.Count + onlyIncremental.Count == 0,
            $"full rebuild only:\n{string.Join("\n", onlyFull)}\nincremental only:\n{string.Join("\n", onlyIncremental)}");
        Assert.Equal(full.Select(c => c.Id).Order(), incremental.Select(c => c.Id).Order());
    }

    private static string[] EpisodeFiles(string name, bool later) =>
        [.. Directory.GetFiles(ClaimEpisode.Load(name).Folder, "*.json").Order(StringComparer.Ordinal)
            .Where(f => !f.EndsWith("truth.json", StringComparison.Ordinal) && f.EndsWith("-later.json", StringComparison.Ordinal) == later)];

    private static string Handles(string name) => Path.Combine(ClaimEpisode.Load(name).Folder, "handles.tsv");

    [Theory]
    [InlineData("walked-back")]
    [InlineData("denied-and-persists")]
    [InlineData("confirmed")]
    public async Task AnEpisodeAnalysedHalfwayAndAgainAfterTheRestMatchesAFullRebuild(string name)
    {
        using var archive = SqliteArchive.Open(_dir.File(name + ".db"));
        var first = EpisodeFiles(name, later: false);
        foreach (var f in first.Take(first.Length / 2)) await Ingest(archive, f, Handles(name));
        Analyse(archive);
        foreach (var f in first.Skip(first.Length / 2).Concat(EpisodeFiles(name, later: true))) await Ingest(archive, f, Handles(name));
        Assert.Contains("new or changed posts", Analyse(archive), StringComparison.Ordinal);
        Assert.Equal("nothing new", Analyse(archive));
        AssertSameAsAFullRebuild(archive, everything: true);
    }

    [Fact]
    public async Task EpisodesImportedMonthsApartLeaveEarlierClaimsAsTheyWereAndAnEditOrDeletionLaterTouchesOnlyItsClaim()
    {
        using var archive = SqliteArchive.Open(_dir.File("all.db"));
        foreach (var f in EpisodeFiles("walked-back", later: false)) await Ingest(archive, f, Handles("walked-back"));
        Analyse(archive);
        var october = archive.Claims();

        // November and March: the October claims are neither rebuilt nor rewritten.
        foreach (var name in new[] { "denied-and-persists", "confirmed" })
        {
            foreach (var f in EpisodeFiles(name, later: false)) await Ingest(archive, f, Handles(name));
            var summary = Analyse(archive);
            Assert.Contains("new or changed posts", summary, StringComparison.Ordinal);
            var now = archive.Claims().ToDictionary(c => c.Id);
            Assert.All(october, c => Assert.Equal(Content(c), Content(now[c.Id])));
        }
        var before = archive.Claims();

        // The October re-exports edit one post and lack another: the walked-back claim gains its edit and deletion, the rest stay.
        foreach (var f in EpisodeFiles("walked-back", later: true)) await Ingest(archive, f, Handles("walked-back"));
        Assert.Contains("new or changed posts", Analyse(archive), StringComparison.Ordinal);
        var after = archive.Claims();
        var lists = after.MaxBy(c => c.Members.Count(m => october.Any(o => o.Members.Any(x => x.PostId == m.PostId))))!;
        Assert.Contains(lists.Lifecycle, e => e.Kind == LifecycleEventKind.Edited);
        Assert.Contains(lists.Lifecycle, e => e.Kind == LifecycleEventKind.Deleted);
        var untouched = before.Where(c => c.Members.All(m => m.Published > october.Max(o => o.Members.Max(x => x.Published)) + ClaimStage.Reach(ClaimOptions.Default))).ToList();
        Assert.NotEmpty(untouched);
        Assert.All(untouched, c => Assert.Equal(Content(c), Content(after.Single(a => a.Id == c.Id))));
        AssertSameAsAFullRebuild(archive, everything: false);
    }

    [Fact]
    public async Task TheSamplesImportedInTwoHalvesMatchAFullRebuild()
    {
        var samples = Path.Combine(Corpus.RepoRoot, "samples");
        var handles = Path.Combine(samples, "handles.tsv");
        var files = Ingestor.ExpandPaths([samples])
            .Where(f => !f.EndsWith("README.md", StringComparison.OrdinalIgnoreCase) && Path.GetFullPath(f) != Path.GetFullPath(handles))
            .Order(StringComparer.Ordinal).ToList();
        using var archive = SqliteArchive.Open(_dir.File("samples.db"));
        var telegram = files.Where(f => f.Contains("telegram-desktop", StringComparison.Ordinal)).ToList();
        foreach (var f in telegram) await Ingest(archive, f, handles);
        Analyse(archive);
        foreach (var f in files.Except(telegram)) await Ingest(archive, f, handles);
        Assert.Contains("new or changed posts", Analyse(archive), StringComparison.Ordinal);
        AssertSameAsAFullRebuild(archive, everything: true);
    }

    [Fact]
    public void SpansAroundChangedPostsMergeWhenTheyOverlap()
    {
        var t = Some.Day;
        var spans = ClaimStage.Spans([t.AddDays(20), t, t.AddDays(1)], TimeSpan.FromDays(2));
        Assert.Equal([(t.AddDays(-2), t.AddDays(3)), (t.AddDays(18), t.AddDays(22))], spans);
    }

    public void Dispose() => _dir.Dispose();
}
