using System.Globalization;
using Faultline.Model;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. Readers and writers may run at the same time;
/// one import at a time holds the write lock for its whole file, which is what makes a file all-or-nothing.
/// </summary>
public sealed partial class SqliteArchive : IArchive
{
    private readonly SqliteConnection _db;

    private SqliteArchive(SqliteConnection db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The archive file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) an archive file and brings its schema up to date.</summary>
    public static SqliteArchive Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) System.IO.Directory.CreateDirectory(dir);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate };
        var db = new SqliteConnection(builder.ToString());
        try
        {
            db.Open();
            Exec(db, "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
            Migrations.Apply(db);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new ArchiveException($"{path}: not a usable Faultline archive ({e.Message.TrimEnd('.')})", e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
        return new SqliteArchive(db, full);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try { Exec(_db, "PRAGMA optimize;"); } catch (SqliteException) { /* best effort on close */ }
        _db.Dispose();
    }

    /// <inheritdoc />
    public ImportRecord? FindImportByHash(string fileHash)
        => QueryImports("WHERE file_hash = $h AND status = 'complete' ORDER BY id LIMIT 1", ("$h", fileHash)).FirstOrDefault();

    /// <inheritdoc />
    public IImportSession BeginImport(ImportStart start) => new SqliteImportSession(_db, start);

    /// <inheritdoc />
    public IReadOnlyList<ImportRecord> Imports() => QueryImports("ORDER BY id DESC");

    /// <inheritdoc />
    public IReadOnlyList<SourceSummary> Sources()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT s.id, s.key, s.kind, s.handle, s.title, s.url, s.native_id,
                   COUNT(p.id), COUNT(p.deleted_at), SUM(p.version_count > 1), MIN(p.published), MAX(p.published)
            FROM sources s LEFT JOIN posts p ON p.source_id = s.id
            GROUP BY s.id ORDER BY s.kind, COALESCE(s.handle, s.title, s.key)
            """;
        using var r = cmd.ExecuteReader();
        var list = new List<SourceSummary>();
        while (r.Read())
        {
            list.Add(new SourceSummary(r.GetInt64(0), ReadSource(r, 1), r.GetInt32(7), r.GetInt32(8), r.IsDBNull(9) ? 0 : r.GetInt32(9),
                Time.FromDb(r.GetValue(10)), Time.FromDb(r.GetValue(11))));
        }
        return list;
    }

    /// <inheritdoc />
    public bool SetHandle(string source, string handle)
    {
        var id = ResolveSource(source);
        if (id is null) return false;
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "UPDATE sources SET handle = $h WHERE id = $id";
        cmd.Parameters.AddWithValue("$h", NormalizeHandle(handle));
        cmd.Parameters.AddWithValue("$id", id.Value);
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <inheritdoc />
    public StoredPost? FindPost(string source, string nativeId)
    {
        var sourceId = ResolveSource(source);
        if (sourceId is null) return null;
        return QueryPosts("WHERE p.source_id = $s AND p.native_id = $n", ("$s", sourceId.Value), ("$n", nativeId)).FirstOrDefault();
    }

    /// <inheritdoc />
    public StoredPost? PostById(long id) => QueryPosts("WHERE p.id = $id", ("$id", id)).FirstOrDefault();

    /// <inheritdoc />
    public IReadOnlyList<StoredVersion> Versions(long postId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT seq, content_hash, text, title, edited, first_seen, last_seen, first_import, last_import, raw
            FROM post_versions WHERE post_id = $p ORDER BY seq
            """;
        cmd.Parameters.AddWithValue("$p", postId);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredVersion>();
        while (r.Read())
        {
            list.Add(new StoredVersion(r.GetInt32(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                Time.FromDb(r.GetValue(4)), Time.FromMs(r.GetInt64(5)), Time.FromMs(r.GetInt64(6)), r.GetInt64(7), r.GetInt64(8), r.GetString(9)));
        }
        return list;
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricSnapshot> MetricHistory(long postId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT observed, import_id, views, forwards, replies, reactions FROM metric_snapshots WHERE post_id = $p ORDER BY observed, rowid";
        cmd.Parameters.AddWithValue("$p", postId);
        using var r = cmd.ExecuteReader();
        var list = new List<MetricSnapshot>();
        while (r.Read())
        {
            list.Add(new MetricSnapshot(Time.FromMs(r.GetInt64(0)), r.GetInt64(1), new Metrics
            {
                Views = r.IsDBNull(2) ? null : r.GetInt64(2),
                Forwards = r.IsDBNull(3) ? null : r.GetInt64(3),
                Replies = r.IsDBNull(4) ? null : r.GetInt64(4),
                Reactions = r.IsDBNull(5) ? null : Json.ReadObject<Dictionary<string, long>>(r.GetString(5)),
            }));
        }
        return list;
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredEvent> Events(string source)
    {
        var sourceId = ResolveSource(source);
        if (sourceId is null) return [];
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT s.key, e.native_id, e.time, e.action, e.raw, e.actor, e.detail
            FROM source_events e JOIN sources s ON s.id = e.source_id WHERE e.source_id = $s ORDER BY e.time, e.id
            """;
        cmd.Parameters.AddWithValue("$s", sourceId.Value);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredEvent>();
        while (r.Read())
        {
            list.Add(new StoredEvent(r.GetString(0), new SourceEvent(r.GetString(1), Time.FromMs(r.GetInt64(2)), r.GetString(3), r.GetString(4))
            {
                Actor = r.IsDBNull(5) ? null : r.GetString(5),
                Detail = r.IsDBNull(6) ? null : r.GetString(6),
            }));
        }
        return list;
    }

    /// <inheritdoc />
    public ArchiveTotals Totals()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM posts), (SELECT COUNT(*) FROM post_versions),
                   (SELECT COUNT(*) FROM posts WHERE deleted_at IS NOT NULL), (SELECT COUNT(*) FROM source_events),
                   (SELECT COUNT(*) FROM imports WHERE status = 'complete')
            """;
        int[] n = new int[6];
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            for (int i = 0; i < n.Length; i++) n[i] = r.GetInt32(i);
        }
        return new ArchiveTotals(n[0], n[1], n[2], n[3], n[4], n[5],
            GroupCount("SELECT language, COUNT(*) FROM posts GROUP BY language ORDER BY 2 DESC"),
            GroupCount("SELECT s.kind, COUNT(*) FROM posts p JOIN sources s ON s.id = p.source_id GROUP BY s.kind ORDER BY 2 DESC"));
    }

    private Dictionary<string, int> GroupCount(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var d = new Dictionary<string, int>();
        while (r.Read()) d[r.GetString(0)] = r.GetInt32(1);
        return d;
    }

    /// <summary>Finds a source id by handle (with or without @), key, numeric id or exact title.</summary>
    internal long? ResolveSource(string source)
    {
        var s = source.Trim();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT id FROM sources
            WHERE handle = $h COLLATE NOCASE OR key = $s OR native_id = $s OR title = $s OR CAST(id AS TEXT) = $s
            ORDER BY (handle = $h COLLATE NOCASE) DESC, (key = $s) DESC LIMIT 1
            """;
        cmd.Parameters.AddWithValue("$h", NormalizeHandle(s));
        cmd.Parameters.AddWithValue("$s", s);
        var v = cmd.ExecuteScalar();
        return v is null or DBNull ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);
    }

    /// <summary>"@Rybar", "t.me/rybar", "https://t.me/rybar" → "rybar".</summary>
    internal static string NormalizeHandle(string handle)
    {
        var h = handle.Trim();
        foreach (var prefix in new[] { "https://", "http://" })
            if (h.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) h = h[prefix.Length..];
        foreach (var prefix in new[] { "www.t.me/", "t.me/s/", "t.me/", "telegram.me/", "@" })
            if (h.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) h = h[prefix.Length..];
        int slash = h.IndexOf('/');
        if (slash >= 0) h = h[..slash];
        return h.ToLowerInvariant();
    }

    private List<ImportRecord> QueryImports(string where, params (string Name, object Value)[] args)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"""
            SELECT id, file, file_hash, format, started, finished, status, posts_new, posts_updated, posts_unchanged, posts_deleted, events, warnings
            FROM imports {where}
            """;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        var list = new List<ImportRecord>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                list.Add(new ImportRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Time.FromMs(r.GetInt64(4)), Time.FromDb(r.GetValue(5)), r.GetString(6))
                {
                    New = r.GetInt32(7), Updated = r.GetInt32(8), Unchanged = r.GetInt32(9), Deleted = r.GetInt32(10), Events = r.GetInt32(11),
                    Warnings = Json.ReadList<string>(r.IsDBNull(12) ? null : r.GetString(12)),
                });
            }
        }
        return list.Select(i => i with { Coverage = CoverageOf(i.Id) }).ToList();
    }

    private List<ImportCoverage> CoverageOf(long importId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT s.key, c.coverage, c.first_post, c.last_post, c.posts FROM import_coverage c JOIN sources s ON s.id = c.source_id WHERE c.import_id = $i";
        cmd.Parameters.AddWithValue("$i", importId);
        using var r = cmd.ExecuteReader();
        var list = new List<ImportCoverage>();
        while (r.Read())
            list.Add(new ImportCoverage(r.GetString(0), Enum.Parse<CoverageKind>(r.GetString(1)), Time.FromDb(r.GetValue(2)), Time.FromDb(r.GetValue(3)), r.GetInt32(4)));
        return list;
    }

    private const string PostColumns = """
        p.id, s.key, s.kind, s.handle, s.title, s.url, s.native_id,
        p.native_id, p.published, p.text, p.edited, p.author, p.title, p.url, p.entities, p.forward_name, p.forward_handle,
        p.forward_source, p.forward_post, p.forward_date, p.reply_to, p.media, p.missing, p.language, p.content_hash,
        p.version_count, p.first_seen, p.last_seen, p.deleted_at,
        (SELECT raw FROM post_versions v WHERE v.post_id = p.id ORDER BY v.last_seen DESC, v.seq DESC LIMIT 1)
        """;

    internal List<StoredPost> QueryPosts(string where, params (string Name, object Value)[] args)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"SELECT {PostColumns} FROM posts p JOIN sources s ON s.id = p.source_id {where}";
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredPost>();
        while (r.Read()) list.Add(ReadPost(r));
        return list;
    }

    private static SourceInfo ReadSource(SqliteDataReader r, int at) => new(Enum.Parse<SourceKind>(r.GetString(at + 1)), r.GetString(at))
    {
        Handle = r.IsDBNull(at + 2) ? null : r.GetString(at + 2),
        Title = r.IsDBNull(at + 3) ? null : r.GetString(at + 3),
        Url = r.IsDBNull(at + 4) ? null : r.GetString(at + 4),
        NativeId = r.IsDBNull(at + 5) ? null : r.GetString(at + 5),
    };

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private StoredPost ReadPost(SqliteDataReader r)
    {
        var source = ReadSource(r, 1);
        ForwardOrigin? forward = null;
        if (!r.IsDBNull(15) || !r.IsDBNull(16) || !r.IsDBNull(17))
        {
            forward = new ForwardOrigin { Name = Str(r, 15), Handle = Str(r, 16), SourceId = Str(r, 17), PostId = Str(r, 18), Date = Time.FromDb(r.GetValue(19)) };
        }
        long id = r.GetInt64(0);
        var post = new Post
        {
            NativeId = r.GetString(7),
            Published = Time.FromMs(r.GetInt64(8)),
            Text = r.GetString(9),
            Edited = Time.FromDb(r.GetValue(10)),
            Author = Str(r, 11),
            Title = Str(r, 12),
            Url = Str(r, 13),
            Entities = Json.ReadList<Entity>(Str(r, 14)),
            ForwardedFrom = forward,
            ReplyTo = Str(r, 20),
            Media = Json.ReadList<MediaRef>(Str(r, 21)),
            Missing = Json.ReadList<string>(Str(r, 22)),
            Citations = CitationsOf(id),
            Raw = Str(r, 29) ?? "",
        };
        return new StoredPost(id, source, post, r.GetString(23), r.GetString(24))
        {
            CanonicalUrl = CanonicalUrl(source, post),
            VersionCount = r.GetInt32(25),
            FirstSeen = Time.FromMs(r.GetInt64(26)),
            LastSeen = Time.FromMs(r.GetInt64(27)),
            DeletedAt = Time.FromDb(r.GetValue(28)),
        };
    }

    private List<Citation> CitationsOf(long postId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT marker, url, tg_handle, tg_post FROM post_citations WHERE post_id = $p ORDER BY rowid";
        cmd.Parameters.AddWithValue("$p", postId);
        using var r = cmd.ExecuteReader();
        var list = new List<Citation>();
        while (r.Read())
            list.Add(new Citation(r.GetInt32(0), r.GetString(1)) { TelegramHandle = Str(r, 2), TelegramPostId = r.IsDBNull(3) ? null : r.GetInt64(3) });
        return list;
    }

    /// <summary>
    /// https://t.me/&lt;handle&gt;/&lt;id&gt; for Telegram posts whose channel handle is known; the item's own URL otherwise.
    /// Derived on read, so setting a handle later fixes every URL at once.
    /// </summary>
    internal static string? CanonicalUrl(SourceInfo source, Post post)
        => source.Kind is SourceKind.TelegramChannel or SourceKind.TelegramGroup && source.Handle is { Length: > 0 } h
            ? $"https://t.me/{h}/{post.NativeId}"
            : post.Url;

    internal static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
