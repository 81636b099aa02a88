using Faultline.Analysis;
using Faultline.Analysis.Actors;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Model;
using Faultline.Reading;

namespace Faultline.Tests.Analysis.Scenarios;

/// <summary>Archives for the scenario tests: small hand-built ones and the demo samples, always real SQLite files.</summary>
internal static class ScenarioArchives
{
    /// <summary>The shipped example scenario file.</summary>
    public static string ShippedFile { get; } = Path.Combine(Corpus.RepoRoot, "samples", "scenarios", "defeated-regime.scenarios");

    /// <summary>A post of a fictional channel for <see cref="Build"/>.</summary>
    public sealed record ChannelPost(string Handle, string Id, DateTimeOffset At, string Text);

    /// <summary>
    /// An archive of the given posts, one source per handle (title "&lt;handle&gt; (fictional)"), imported through the real
    /// import session so that search, versions and handles behave as in production.
    /// </summary>
    public static SqliteArchive Build(string path, IEnumerable<ChannelPost> posts)
    {
        var archive = SqliteArchive.Open(path);
        var n = 1_700_000_100L;
        foreach (var channel in posts.GroupBy(p => p.Handle).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            using var session = archive.BeginImport(Some.Import(channel.Key + ".json"));
            session.BeginSource(Some.Channel("telegram:" + n++, channel.Key, channel.Key + " (fictional)"), CoverageKind.Partial);
            foreach (var p in channel) session.AddPost(Some.Prepared(Some.Post(p.Id, p.Text, p.At)));
            session.Complete([]);
        }
        return archive;
    }

    /// <summary>The archive's id of "handle/native-id".</summary>
    public static long Id(IArchive archive, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return archive.FindPost(key[..slash], key[(slash + 1)..])?.Id ?? throw new InvalidOperationException("no post " + key);
    }

    /// <summary>Records one stance call per post (and the mention behind it), as the actors stage would.</summary>
    public static void Stances(IArchive archive, params (long PostId, string Actor, StanceKind Stance)[] calls)
        => archive.SaveActorAnalysis(calls.GroupBy(c => c.PostId).Select(g => new PostActorAnalysis(g.Key,
            g.Select(c => new ActorSpan(c.Actor, 0, 1, c.Actor)).ToList(),
            g.Select(c => new ActorCall(c.Actor, c.Stance, 0.9, ["test"])).ToList(), 0, [])));

    /// <summary>
    /// A registry with two fictional blocs: bloggers (channels blog_a_fict, blog_b_fict) and the ministry (actors minister,
    /// ministry; channel ministry_fict).
    /// </summary>
    public static ActorRegistry Registry { get; } = ActorRegistry.Parse("""
        bloc bloggers | fictional bloggers
        bloc ministry | a fictional ministry

        actor blog_a channel fictional | Blog A (fictional)
          ru: Блог Альфа
          channel blog_a_fict | its channel
          member bloggers | test fixture
        actor blog_b channel fictional | Blog B (fictional)
          ru: Блог Бета
          channel blog_b_fict | its channel
          member bloggers | test fixture
        actor ministry organisation fictional | The Ministry (fictional)
          ru: Министерство
          channel ministry_fict | its channel
          member ministry | test fixture
        actor minister person fictional | The Minister (fictional)
          ru: Министр Тестов
          member ministry | test fixture
        """, "test-registry.txt");
}

/// <summary>The demo samples ingested through the real readers and analysed by the whole pipeline, once per test class.</summary>
public sealed class DemoSamplesArchive : IDisposable
{
    private readonly TempDir _dir = new();

    /// <summary>Builds the archive.</summary>
    public DemoSamplesArchive()
    {
        var folder = Path.Combine(Corpus.RepoRoot, "samples");
        var handles = Path.Combine(folder, "handles.tsv");
        Archive = SqliteArchive.Open(_dir.File("samples.db"));
        var ingestor = new Ingestor(Archive, ReaderCatalog.Default);
        var options = new IngestOptions { Handles = HandleTable.Read(handles) };
        foreach (var file in Ingestor.ExpandPaths([folder]).Where(f => !f.EndsWith("README.md", StringComparison.OrdinalIgnoreCase) && Path.GetFullPath(f) != Path.GetFullPath(handles)))
        {
            var outcome = ingestor.IngestFileAsync(file, options).GetAwaiter().GetResult();
            Assert.False(outcome.Rejected, $"{file}: {outcome.Error}");
        }
        Assert.All(AnalysisPipeline.Default.Run(Archive), o => Assert.True(o.Ok, $"{o.StageId}: {o.Error}"));
    }

    /// <summary>The analysed archive.</summary>
    internal SqliteArchive Archive { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Archive.Dispose();
        _dir.Dispose();
    }
}
