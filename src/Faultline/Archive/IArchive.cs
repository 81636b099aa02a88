using Faultline.Model;

namespace Faultline.Archive;

/// <summary>
/// The storage contract. Readers never see it and analysis reads through it, so a second provider
/// (PostgreSQL) plugs in without touching either. Every provider must pass the one contract test suite.
/// </summary>
public interface IArchive : IAnalysisStore, IDisposable
{
    /// <summary>A completed import of a file with this SHA-256, if any (re-importing the same file changes nothing).</summary>
    ImportRecord? FindImportByHash(string fileHash);

    /// <summary>
    /// Starts importing one file. Everything the session writes becomes visible at once on
    /// <see cref="IImportSession.Complete"/>, or not at all (rejection, crash, kill -9).
    /// </summary>
    IImportSession BeginImport(ImportStart start);

    /// <summary>Every source with its post counts.</summary>
    IReadOnlyList<SourceSummary> Sources();

    /// <summary>Sets the public handle of a source (Desktop exports carry none).</summary>
    bool SetHandle(string source, string handle);

    /// <summary>Imports, newest first.</summary>
    IReadOnlyList<ImportRecord> Imports();

    /// <summary>
    /// A post by source and native id. The source is matched by handle, key, numeric id or exact title.
    /// </summary>
    StoredPost? FindPost(string source, string nativeId);

    /// <summary>A post by the archive's own id (current version), or null.</summary>
    StoredPost? PostById(long id);

    /// <summary>Every distinct version of a post, oldest first.</summary>
    IReadOnlyList<StoredVersion> Versions(long postId);

    /// <summary>Metric snapshots of a post, oldest first.</summary>
    IReadOnlyList<MetricSnapshot> MetricHistory(long postId);

    /// <summary>Service events of a source, in time order.</summary>
    IReadOnlyList<StoredEvent> Events(string source);

    /// <summary>Full-text search with filters, ranked.</summary>
    SearchResult Search(SearchQuery query);

    /// <summary>Totals for overviews.</summary>
    ArchiveTotals Totals();
}

/// <summary>One file being imported. Not thread-safe: one writer.</summary>
public interface IImportSession : IDisposable
{
    /// <summary>The import's id (valid once completed).</summary>
    long ImportId { get; }

    /// <summary>Starts or switches the current source.</summary>
    void BeginSource(SourceInfo source, CoverageKind coverage);

    /// <summary>Adds or updates one post of the current source.</summary>
    PostOutcome AddPost(PreparedPost post);

    /// <summary>Adds one service event of the current source (idempotent by native id).</summary>
    void AddEvent(SourceEvent sourceEvent);

    /// <summary>Tombstones vanished posts, records coverage and counts, and commits.</summary>
    ImportRecord Complete(IReadOnlyList<string> warnings);
}
