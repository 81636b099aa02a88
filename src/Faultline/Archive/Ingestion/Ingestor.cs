using System.Security.Cryptography;
using System.Threading.Channels;
using Faultline.Model;
using Faultline.Reading;

namespace Faultline.Archive.Ingestion;

/// <summary>Options for one ingest run.</summary>
public sealed record IngestOptions
{
    /// <summary>Channel handle to give sources that have none (Desktop exports carry no handle).</summary>
    public string? Handle { get; init; }
    /// <summary>Read and store even a file whose exact bytes were imported before.</summary>
    public bool Force { get; init; }

    /// <summary>Handles by source title or key, for sources whose input carries none (see <see cref="HandleTable"/>).</summary>
    public IReadOnlyDictionary<string, string> Handles { get; init; } = new Dictionary<string, string>();

    /// <summary>The handle to give a source: its own, else the table's (by key, then title), else <see cref="Handle"/>.</summary>
    internal string? HandleFor(SourceInfo source)
        => source.Handle
           ?? (Handles.TryGetValue(source.Key, out var byKey) ? byKey : null)
           ?? (source.Title is { } title && Handles.TryGetValue(title, out var byTitle) ? byTitle : null)
           ?? Handle;
}

/// <summary>
/// A handle table: one source per line, "title or key", a TAB, the handle; '#' starts a comment. Lets an analyst
/// name the channels of Desktop exports (which carry no handle) once, for every ingest.
/// </summary>
public static class HandleTable
{
    /// <summary>Reads a table; a malformed line is a <see cref="FormatException"/> naming the line.</summary>
    public static Dictionary<string, string> Read(string path)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new FormatException($"{path}: line {n}: expected \"title or key<TAB>handle\"");
            table[parts[0]] = parts[1].TrimStart('@');
        }
        return table;
    }
}

/// <summary>Progress of one file.</summary>
public sealed record IngestProgress(string File, long BytesRead, long BytesTotal, int Posts);

/// <summary>What happened to one file.</summary>
public sealed record FileOutcome(string File, string? Format, ImportRecord? Import, string? Error)
{
    /// <summary>The file's exact bytes were imported before; nothing changed.</summary>
    public ImportRecord? AlreadyImportedAs { get; init; }
    /// <summary>True when the file was rejected.</summary>
    public bool Rejected => Error is not null;
}

/// <summary>
/// Runs files through their readers into the archive: detect by content, read and prepare posts in
/// parallel, write on one thread, one transaction per file. A bad file becomes one error line and leaves
/// the archive unchanged; the other files carry on.
/// </summary>
public sealed class Ingestor(IArchive archive, ReaderCatalog catalog)
{
    private const int BatchSize = 256;
    private const int MaxStoredWarnings = 200;

    /// <summary>Expands files and folders (recursively) into the files to read, in a stable order.</summary>
    public static IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true })
                    .Where(f => !IsArchiveFile(f) && !IsMethodFile(f) && !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal);
                foreach (var f in files) yield return f;
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>A scenario file (docs/scenarios.md) is the analyst's method, never an input, even inside a folder of inputs.</summary>
    private static bool IsMethodFile(string f) => f.EndsWith(".scenarios", StringComparison.OrdinalIgnoreCase);

    private static bool IsArchiveFile(string f)
        => f.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".db-wal", StringComparison.OrdinalIgnoreCase)
           || f.EndsWith(".db-shm", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".db-journal", StringComparison.OrdinalIgnoreCase);

    /// <summary>Imports one file; never throws for bad input.</summary>
    public async Task<FileOutcome> IngestFileAsync(string path, IngestOptions options, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var display = path;
        if (!File.Exists(path)) return new FileOutcome(display, null, null, Directory.Exists(path) ? "is a folder" : "no such file");
        string hash;
        long size;
        FileSniff sniff;
        try
        {
            (hash, size) = await HashAsync(path, cancellationToken).ConfigureAwait(false);
            sniff = await FileSniff.OfFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            return new FileOutcome(display, null, null, "cannot read: " + e.Message);
        }
        catch (UnauthorizedAccessException)
        {
            return new FileOutcome(display, null, null, "permission denied");
        }

        var (reader, reason) = catalog.Detect(sniff);
        if (reader is null) return new FileOutcome(display, null, null, "offset 0: " + reason);
        if (!options.Force && archive.FindImportByHash(hash) is { } earlier)
            return new FileOutcome(display, reader.Format, null, null) { AlreadyImportedAs = earlier };

        var context = new ReadContext(Path.GetFullPath(path)) { HandleOverride = options.Handle };
        try
        {
            using var session = archive.BeginImport(new ImportStart(Path.GetFullPath(path), hash, size, reader.Format, DateTimeOffset.UtcNow));
            await using var stream = new CountingStream(File.OpenRead(path));
            await RunAsync(reader, stream, context, session, options.HandleFor, p => progress?.Report(new IngestProgress(display, stream.Position, size, p)), cancellationToken).ConfigureAwait(false);
            var warnings = context.Warnings.Count <= MaxStoredWarnings
                ? context.Warnings
                : [.. context.Warnings.Take(MaxStoredWarnings), $"… and {context.Warnings.Count - MaxStoredWarnings} more"];
            var record = session.Complete(warnings);
            progress?.Report(new IngestProgress(display, size, size, record.New + record.Updated + record.Unchanged));
            return new FileOutcome(display, reader.Format, record, null);
        }
        catch (InputException e)
        {
            return new FileOutcome(display, reader.Format, null, $"{e.Position}: {e.Reason}");
        }
        catch (ArchiveException e)
        {
            return new FileOutcome(display, reader.Format, null, e.Message);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A reader bug, not bad input: still one line for the analyst, and the archive is rolled back.
            return new FileOutcome(display, reader.Format, null, $"internal error in the {reader.Format} reader ({e.GetType().Name}: {e.Message}); please report it");
        }
    }

    private static async Task RunAsync(IFormatReader reader, Stream stream, ReadContext context, IImportSession session, Func<SourceInfo, string?> handles, Action<int> onBatch, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        Exception? readFailure = null;
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<ReadItem>(BatchSize);
                await foreach (var item in reader.ReadAsync(stream, context, cts.Token).ConfigureAwait(false))
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        await channel.Writer.WriteAsync(PreparedBatch.Of(batch), cts.Token).ConfigureAwait(false);
                        batch = new List<ReadItem>(BatchSize);
                    }
                }
                if (batch.Count > 0) await channel.Writer.WriteAsync(PreparedBatch.Of(batch), cts.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                readFailure = e;
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, cts.Token);

        var seen = new HashSet<ulong>();
        string? sourceKey = null;
        int posts = 0, item = 0, future = 0;
        var futureLimit = DateTimeOffset.UtcNow.AddDays(1);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                for (int i = 0; i < batch.Items.Count; i++)
                {
                    item++;
                    switch (batch.Items[i])
                    {
                        case SourceStarted s:
                            sourceKey = s.Source.Key;
                            session.BeginSource(s.Source with { Handle = handles(s.Source) }, s.Coverage);
                            break;
                        case PostRead p:
                            if (sourceKey is null) throw new InputException($"item {item}", "a post came before its source");
                            if (!seen.Add(Key(sourceKey, p.Post.NativeId)))
                                throw new InputException($"item {item}", $"duplicate post id {p.Post.NativeId} in one file");
                            if (p.Post.Published > futureLimit && future++ < 5)
                                context.Warn($"item {item}", $"post {p.Post.NativeId} is dated {p.Post.Published:yyyy-MM-dd HH:mm} UTC, in the future");
                            session.AddPost(batch.Prepared[i]!);
                            posts++;
                            break;
                        case EventRead e:
                            if (sourceKey is null) throw new InputException($"item {item}", "an event came before its source");
                            session.AddEvent(e.Event);
                            break;
                    }
                }
                onBatch(posts);
            }
        }
        catch
        {
            await cts.CancelAsync().ConfigureAwait(false);
            try { await producer.ConfigureAwait(false); } catch (OperationCanceledException) { /* stopping */ }
            throw;
        }
        await producer.ConfigureAwait(false);
        if (future > 5) context.Warn("file", $"{future} posts in all are dated in the future (kept as dated; check the source's clock or time zone)");
        if (readFailure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(readFailure).Throw();
    }

    /// <summary>64-bit FNV-1a of source and post id: a compact set for duplicate detection over a million posts.</summary>
    private static ulong Key(string source, string nativeId)
    {
        ulong h = 14695981039346656037;
        foreach (char c in source) { h ^= c; h *= 1099511628211; }
        h ^= 0xFFFF; h *= 1099511628211;
        foreach (char c in nativeId) { h ^= c; h *= 1099511628211; }
        return h;
    }

    private static async Task<(string Hash, long Size)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }

    /// <summary>Items of one batch with their posts prepared in parallel.</summary>
    private sealed record PreparedBatch(List<ReadItem> Items, PreparedPost?[] Prepared)
    {
        public static PreparedBatch Of(List<ReadItem> items)
        {
            var prepared = new PreparedPost?[items.Count];
            Parallel.For(0, items.Count, i =>
            {
                if (items[i] is PostRead p) prepared[i] = PostPreparation.Prepare(p.Post);
            });
            return new PreparedBatch(items, prepared);
        }
    }
}

/// <summary>Counts the bytes read, for progress.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) { int n = inner.Read(buffer, offset, count); _position += n; return n; }
    public override int Read(Span<byte> buffer) { int n = inner.Read(buffer); _position += n; return n; }
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _position += n;
        return n;
    }
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
}
