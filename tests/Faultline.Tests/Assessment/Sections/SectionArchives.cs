using Faultline.Analysis;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Reading;
using Faultline.Tests.Analysis.Claims;

namespace Faultline.Tests.Assessment.Sections;

/// <summary>
/// Archives for the section tests, each built once through the real readers, archive and analysis pipeline: the three
/// fictional claim episodes (first exports, then the later ones that carry the edit and the deletion) and the demo
/// samples. Shared by the section test classes as a fixture so the pipeline runs once per archive.
/// </summary>
public sealed class SectionArchives : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, SqliteArchive> _archives = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The archive of one episode of tests/Faultline.Tests/Data/claims, analysed.</summary>
    internal IArchive Episode(string name)
    {
        lock (_lock)
        {
            if (_archives.TryGetValue(name, out var built)) return built;
            var folder = Path.Combine(AppContext.BaseDirectory, "Data", "claims", name);
            var files = Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "truth.json");
            return _archives[name] = Build(name, files, Path.Combine(folder, "handles.tsv"));
        }
    }

    /// <summary>A private copy of an episode's archive, for a test that writes to it (grade overrides).</summary>
    internal IArchive FreshEpisode(string name)
    {
        lock (_lock)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "Data", "claims", name);
            var files = Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "truth.json");
            var key = $"{name}-{_archives.Count}";
            return _archives[key] = Build(key, files, Path.Combine(folder, "handles.tsv"));
        }
    }

    /// <summary>The demo samples (samples/ of the repository), analysed.</summary>
    internal IArchive Samples()
    {
        lock (_lock)
        {
            if (_archives.TryGetValue("samples", out var built)) return built;
            var folder = Path.Combine(Corpus.RepoRoot, "samples");
            var handles = Path.Combine(folder, "handles.tsv");
            var files = Ingestor.ExpandPaths([folder])
                .Where(f => !f.EndsWith("README.md", StringComparison.OrdinalIgnoreCase) && Path.GetFullPath(f) != Path.GetFullPath(handles));
            // Files the readers reject (a scenario file, notes) are the demo's business, not this fixture's.
            return _archives["samples"] = Build("samples", files, handles, tolerateRejected: true);
        }
    }

    /// <summary>A context for the day <paramref name="date"/> (one-day period).</summary>
    internal static ReportContext Day(IArchive archive, DateOnly date) => new(archive, new ReportOptions { Date = date });

    /// <summary>The archive's id of "handle/native-id".</summary>
    internal static long PostId(IArchive archive, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return archive.FindPost(key[..slash], key[(slash + 1)..])?.Id ?? throw new InvalidOperationException("no post " + key);
    }

    /// <summary>"handle/native-id" of an archived post.</summary>
    internal static string Key(IArchive archive, long postId)
    {
        var p = archive.AnalysisPostsById([postId]).Single();
        return $"{p.Handle}/{p.NativeId}";
    }

    private SqliteArchive Build(string name, IEnumerable<string> files, string handles, bool tolerateRejected = false)
    {
        var archive = SqliteArchive.Open(_dir.File(name + ".db"));
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        var options = new IngestOptions { Handles = HandleTable.Read(handles) };
        // First exports, then the later complete exports that record edits and tombstones.
        var ordered = files.Order(StringComparer.Ordinal).ToList();
        static bool Later(string f) => Path.GetFileNameWithoutExtension(f).EndsWith("-later", StringComparison.Ordinal);
        foreach (var f in ordered.Where(f => !Later(f)).Concat(ordered.Where(Later)))
        {
            var outcome = ingestor.IngestFileAsync(f, options).GetAwaiter().GetResult();
            if (outcome.Rejected && !tolerateRejected) throw new InvalidOperationException($"{f}: {outcome.Error}");
        }
        var outcomes = AnalysisPipeline.Default.Run(archive);
        foreach (var o in outcomes.Where(o => !o.Ok)) throw new InvalidOperationException($"{o.StageId}: {o.Error}");
        return archive;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var a in _archives.Values) a.Dispose();
        _dir.Dispose();
    }
}
