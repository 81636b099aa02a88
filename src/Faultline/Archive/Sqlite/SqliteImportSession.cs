using System.Globalization;
using Faultline.Model;
using Faultline.Text;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

/// <summary>
/// Writes one file inside one transaction: a reader error, a crash or kill -9 before <see cref="Complete"/>
/// leaves the archive exactly as it was (SQLite rolls the WAL back on next open), and running the import
/// again completes it. The transaction is taken with BEGIN IMMEDIATE, so a second writer waits instead of
/// interleaving.
/// </summary>
internal sealed class SqliteImportSession : IImportSession
{
    private readonly SqliteConnection _db;
    private readonly SqliteTransaction _tx;
    private readonly ImportStart _start;
    private readonly long _now;
    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private readonly Dictionary<long, SourceSpan> _spans = [];
    private long _sourceId = -1;
    private int _new, _updated, _unchanged, _events;
    private bool _completed;

    public SqliteImportSession(SqliteConnection db, ImportStart start)
    {
        _db = db;
        _start = start;
        _now = Time.ToMs(start.Started);
        try
        {
            _tx = db.BeginTransaction(deferred: false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            throw new ArchiveException("the archive is busy with another import; try again when it finishes", e);
        }
        ImportId = Convert.ToInt64(Run("INSERT INTO imports(file, file_hash, file_size, format, started, status) VALUES($f, $h, $s, $fmt, $t, 'running') RETURNING id",
            ("$f", start.File), ("$h", start.FileHash), ("$s", start.FileSize), ("$fmt", start.Format), ("$t", _now)), CultureInfo.InvariantCulture);
    }

    public long ImportId { get; }

    public void BeginSource(SourceInfo source, CoverageKind coverage)
    {
        var existing = Run("SELECT id FROM sources WHERE key = $k", ("$k", source.Key)) ?? SameChannel(source);
        if (existing is null)
        {
            _sourceId = Convert.ToInt64(Run("""
                INSERT INTO sources(key, kind, handle, title, url, native_id, first_import, last_import)
                VALUES($k, $kind, $h, $t, $u, $n, $i, $i) RETURNING id
                """,
                ("$k", source.Key), ("$kind", source.Kind.ToString()), ("$h", Db(source.Handle is null ? null : SqliteArchive.NormalizeHandle(source.Handle))),
                ("$t", Db(source.Title)), ("$u", Db(source.Url)), ("$n", Db(source.NativeId)), ("$i", ImportId)), CultureInfo.InvariantCulture);
        }
        else
        {
            _sourceId = Convert.ToInt64(existing, CultureInfo.InvariantCulture);
            // A newer import may know more (a title change, a handle the analyst supplied): never erase what was known.
            Run("""
                UPDATE sources SET title = COALESCE($t, title), url = COALESCE($u, url), native_id = COALESCE($n, native_id),
                                   handle = COALESCE($h, handle), last_import = $i WHERE id = $id
                """,
                ("$t", Db(source.Title)), ("$u", Db(source.Url)), ("$n", Db(source.NativeId)),
                ("$h", Db(source.Handle is null ? null : SqliteArchive.NormalizeHandle(source.Handle))), ("$i", ImportId), ("$id", _sourceId));
        }
        if (!_spans.TryGetValue(_sourceId, out var span))
            _spans[_sourceId] = new SourceSpan(coverage);
        else if (coverage == CoverageKind.Partial)
            span.Coverage = CoverageKind.Partial;
    }

    /// <summary>
    /// One channel reaches the archive under different keys: "telegram:&lt;id&gt;" from JSON exports and dumps,
    /// "telegram-title:&lt;title&gt;" from HTML exports, "telegram:@handle" from 4CAT. A Telegram source with the
    /// same handle, or an HTML export with the same title, is the same channel; the numeric-id key wins.
    /// </summary>
    private object? SameChannel(SourceInfo source)
    {
        if (source.Kind is not (SourceKind.TelegramChannel or SourceKind.TelegramGroup)) return null;
        object? match = null;
        if (source.Handle is { Length: > 0 } handle)
            match = Run("SELECT id FROM sources WHERE handle = $h AND kind IN ('TelegramChannel', 'TelegramGroup') ORDER BY id LIMIT 1", ("$h", SqliteArchive.NormalizeHandle(handle)));
        if (match is null && source.Title is { Length: > 0 } title)
            match = Run("""
                SELECT id FROM sources WHERE title = $t AND kind IN ('TelegramChannel', 'TelegramGroup')
                  AND ($k LIKE 'telegram-title:%' OR key LIKE 'telegram-title:%') ORDER BY id LIMIT 1
                """, ("$t", title), ("$k", source.Key));
        if (match is not null && IsNumericKey(source.Key))
            Run("UPDATE sources SET key = $k WHERE id = $id AND key NOT GLOB 'telegram:[0-9]*'", ("$k", source.Key), ("$id", match));
        return match;
    }

    private static bool IsNumericKey(string key) => key.StartsWith("telegram:", StringComparison.Ordinal) && key.Length > 9 && key[9..].All(char.IsAsciiDigit);

    public PostOutcome AddPost(PreparedPost prepared)
    {
        if (_sourceId < 0) throw new InvalidOperationException("AddPost before BeginSource");
        var post = prepared.Post;
        _spans[_sourceId].Add(post.Published);
        var entities = Json.Write(prepared.Entities);

        var cmd = Command("find", "SELECT id, content_hash, version_count FROM posts WHERE source_id = $s AND native_id = $n", "$s", "$n");
        cmd.Parameters[0].Value = _sourceId;
        cmd.Parameters[1].Value = post.NativeId;
        long postId = -1;
        string? oldHash = null;
        int versions = 0;
        using (var r = cmd.ExecuteReader())
        {
            if (r.Read())
            {
                postId = r.GetInt64(0);
                oldHash = r.GetString(1);
                versions = r.GetInt32(2);
            }
        }

        PostOutcome outcome;
        if (postId < 0)
        {
            postId = InsertPost(prepared, entities);
            InsertVersion(postId, 1, prepared, entities);
            IndexPost(postId, prepared, deleteOld: false);
            outcome = PostOutcome.New;
            _new++;
        }
        else if (oldHash == prepared.ContentHash)
        {
            var touch = Command("touch", """
                UPDATE posts SET last_seen = $now, last_import = $i, deleted_at = NULL, deleted_import = NULL,
                                 changed_import = CASE WHEN deleted_at IS NULL THEN changed_import ELSE $i END WHERE id = $p;
                UPDATE post_versions SET last_seen = $now, last_import = $i WHERE post_id = $p AND content_hash = $h;
                """, "$now", "$i", "$p", "$h");
            Bind(touch, _now, ImportId, postId, prepared.ContentHash);
            touch.ExecuteNonQuery();
            outcome = PostOutcome.Unchanged;
            _unchanged++;
        }
        else
        {
            // An edit: keep the old version, make this one current. An edit reverted to an earlier text
            // re-marks that version as seen instead of duplicating it.
            var seen = Command("seenVersion", "UPDATE post_versions SET last_seen = $now, last_import = $i WHERE post_id = $p AND content_hash = $h", "$now", "$i", "$p", "$h");
            Bind(seen, _now, ImportId, postId, prepared.ContentHash);
            if (seen.ExecuteNonQuery() == 0)
            {
                versions++;
                InsertVersion(postId, versions, prepared, entities);
            }
            UpdatePost(postId, prepared, entities, versions);
            IndexPost(postId, prepared, deleteOld: true);
            outcome = PostOutcome.Updated;
            _updated++;
        }
        if (post.Metrics is { } m) InsertMetrics(postId, m);
        return outcome;
    }

    public void AddEvent(SourceEvent e)
    {
        if (_sourceId < 0) throw new InvalidOperationException("AddEvent before BeginSource");
        var cmd = Command("event", """
            INSERT INTO source_events(source_id, native_id, time, action, actor, detail, raw, import_id)
            VALUES($s, $n, $t, $a, $actor, $d, $raw, $i) ON CONFLICT(source_id, native_id) DO NOTHING
            """, "$s", "$n", "$t", "$a", "$actor", "$d", "$raw", "$i");
        Bind(cmd, _sourceId, e.NativeId, Time.ToMs(e.Time), e.Action, Db(e.Actor), Db(e.Detail), e.Raw, ImportId);
        cmd.ExecuteNonQuery();
        _events++;
    }

    public ImportRecord Complete(IReadOnlyList<string> warnings)
    {
        int deleted = 0;
        foreach (var (sourceId, span) in _spans)
        {
            if (span.Coverage == CoverageKind.Complete && span.First is { } first && span.Last is { } last)
            {
                // A complete export covering a post's date that lacks the post: it was deleted. Keep it, mark it.
                deleted += Convert.ToInt32(Run("""
                    UPDATE posts SET deleted_at = last_seen, deleted_import = $i, changed_import = $i
                    WHERE source_id = $s AND published BETWEEN $from AND $to AND last_import <> $i AND deleted_at IS NULL
                    """, ("$i", ImportId), ("$s", sourceId), ("$from", first), ("$to", last)), CultureInfo.InvariantCulture);
            }
            InferHandle(sourceId);
            Run("INSERT INTO import_coverage(import_id, source_id, coverage, first_post, last_post, posts) VALUES($i, $s, $c, $f, $l, $n)",
                ("$i", ImportId), ("$s", sourceId), ("$c", span.Coverage.ToString()), ("$f", Db(span.First)), ("$l", Db(span.Last)), ("$n", span.Posts));
        }
        var finished = DateTimeOffset.UtcNow;
        Run("""
            UPDATE imports SET status = 'complete', finished = $fin, posts_new = $new, posts_updated = $upd, posts_unchanged = $unch,
                               posts_deleted = $del, events = $ev, warnings = $w WHERE id = $i
            """,
            ("$fin", Time.ToMs(finished)), ("$new", _new), ("$upd", _updated), ("$unch", _unchanged), ("$del", deleted), ("$ev", _events),
            ("$w", Db(Json.Write(warnings))), ("$i", ImportId));
        _tx.Commit();
        _completed = true;
        return new ImportRecord(ImportId, _start.File, _start.FileHash, _start.Format, _start.Started, finished, "complete")
        {
            New = _new, Updated = _updated, Unchanged = _unchanged, Deleted = deleted, Events = _events, Warnings = warnings,
        };
    }

    /// <summary>
    /// Desktop exports carry no handle. A channel that links to its own posts (t.me/&lt;h&gt;/&lt;id&gt; where id is
    /// one of its post ids, published before the linking post) at least twice, with one handle dominating,
    /// is given that handle. Never overrides a handle already known.
    /// </summary>
    private void InferHandle(long sourceId)
    {
        if (Run("SELECT handle FROM sources WHERE id = $s AND kind IN ('TelegramChannel', 'TelegramGroup')", ("$s", sourceId)) is not DBNull) return;
        // Candidate self-links first (bounded), then one indexed look-up each: a single join lets the planner
        // scan the source's posts once per link, which is quadratic on a large channel.
        var candidates = new List<(string Handle, long Post, long Published)>();
        using (var cmd = _db.CreateCommand())
        {
            cmd.Transaction = _tx;
            cmd.CommandText = """
                SELECT l.tg_handle, l.tg_post, p.published FROM posts p JOIN post_links l ON l.post_id = p.id
                WHERE p.source_id = $s AND l.tg_post IS NOT NULL LIMIT 5000
                """;
            cmd.Parameters.AddWithValue("$s", sourceId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) candidates.Add((r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var own = _db.CreateCommand())
        {
            own.Transaction = _tx;
            own.CommandText = "SELECT published FROM posts WHERE source_id = $s AND native_id = $n";
            own.Parameters.AddWithValue("$s", sourceId);
            var n = own.Parameters.Add("$n", SqliteType.Text);
            foreach (var (handle, post, published) in candidates)
            {
                n.Value = post.ToString(CultureInfo.InvariantCulture);
                if (own.ExecuteScalar() is long target && target <= published) counts[handle] = counts.GetValueOrDefault(handle) + 1;
            }
        }
        var rows = counts.OrderByDescending(kv => kv.Value).Take(2).Select(kv => (Handle: kv.Key, Count: kv.Value)).ToList();
        if (rows.Count == 0 || rows[0].Count < 2 || (rows.Count > 1 && rows[1].Count * 2 > rows[0].Count)) return;
        Run("UPDATE sources SET handle = $h WHERE id = $s", ("$h", rows[0].Handle), ("$s", sourceId));
    }

    public void Dispose()
    {
        foreach (var cmd in _commands.Values) cmd.Dispose();
        if (!_completed)
        {
            try { _tx.Rollback(); } catch (SqliteException) { /* connection already gone */ }
        }
        _tx.Dispose();
    }

    private long InsertPost(PreparedPost prepared, string? entities)
    {
        var p = prepared.Post;
        var f = p.ForwardedFrom;
        var cmd = Command("insertPost", """
            INSERT INTO posts(source_id, native_id, url, author, title, published, edited, text, entities, forward_name, forward_handle,
                              forward_source, forward_post, forward_date, reply_to, media, missing, language, content_hash,
                              first_seen, last_seen, first_import, last_import)
            VALUES($s, $n, $url, $a, $title, $pub, $ed, $text, $ent, $fn, $fh, $fs, $fp, $fd, $rt, $media, $miss, $lang, $hash, $now, $now, $i, $i)
            RETURNING id
            """, "$s", "$n", "$url", "$a", "$title", "$pub", "$ed", "$text", "$ent", "$fn", "$fh", "$fs", "$fp", "$fd", "$rt", "$media", "$miss", "$lang", "$hash", "$now", "$i");
        Bind(cmd, _sourceId, p.NativeId, Db(p.Url), Db(p.Author), Db(p.Title), Time.ToMs(p.Published), Time.Db(p.Edited), p.Text, Db(entities),
            Db(f?.Name), Db(f?.Handle is null ? null : SqliteArchive.NormalizeHandle(f.Handle)), Db(f?.SourceId), Db(f?.PostId), Time.Db(f?.Date), Db(p.ReplyTo),
            Db(Json.Write(p.Media)), Db(Json.Write(p.Missing)), prepared.Language.Code(), prepared.ContentHash, _now, ImportId);
        long id = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        InsertLinksAndCitations(id, prepared);
        return id;
    }

    private void UpdatePost(long postId, PreparedPost prepared, string? entities, int versions)
    {
        var p = prepared.Post;
        var cmd = Command("updatePost", """
            UPDATE posts SET url = COALESCE($url, url), author = COALESCE($a, author), title = $title, edited = $ed, text = $text, entities = $ent,
                             media = $media, missing = $miss, language = $lang, content_hash = $hash, version_count = $vc,
                             last_seen = $now, last_import = $i, deleted_at = NULL, deleted_import = NULL, changed_import = $i
            WHERE id = $p
            """, "$url", "$a", "$title", "$ed", "$text", "$ent", "$media", "$miss", "$lang", "$hash", "$vc", "$now", "$i", "$p");
        Bind(cmd, Db(p.Url), Db(p.Author), Db(p.Title), Time.Db(p.Edited), p.Text, Db(entities), Db(Json.Write(p.Media)), Db(Json.Write(p.Missing)),
            prepared.Language.Code(), prepared.ContentHash, versions, _now, ImportId, postId);
        cmd.ExecuteNonQuery();
        var clear = Command("clearLinks", "DELETE FROM post_links WHERE post_id = $p; DELETE FROM post_citations WHERE post_id = $p;", "$p");
        Bind(clear, postId);
        clear.ExecuteNonQuery();
        InsertLinksAndCitations(postId, prepared);
    }

    private void InsertVersion(long postId, int seq, PreparedPost prepared, string? entities)
    {
        var p = prepared.Post;
        var cmd = Command("insertVersion", """
            INSERT INTO post_versions(post_id, seq, content_hash, text, title, entities, edited, raw, first_seen, last_seen, first_import, last_import)
            VALUES($p, $seq, $h, $text, $title, $ent, $ed, $raw, $now, $now, $i, $i)
            """, "$p", "$seq", "$h", "$text", "$title", "$ent", "$ed", "$raw", "$now", "$i");
        Bind(cmd, postId, seq, prepared.ContentHash, p.Text, Db(p.Title), Db(entities), Time.Db(p.Edited), p.Raw, _now, ImportId);
        cmd.ExecuteNonQuery();
    }

    private void IndexPost(long postId, PreparedPost prepared, bool deleteOld)
    {
        if (deleteOld)
        {
            var del = Command("ftsDelete", "DELETE FROM posts_fts WHERE rowid = $p", "$p");
            Bind(del, postId);
            del.ExecuteNonQuery();
        }
        var cmd = Command("ftsInsert", "INSERT INTO posts_fts(rowid, terms) VALUES($p, $t)", "$p", "$t");
        Bind(cmd, postId, prepared.IndexTerms);
        cmd.ExecuteNonQuery();
    }

    private void InsertLinksAndCitations(long postId, PreparedPost prepared)
    {
        if (prepared.Links.Count > 0)
        {
            var cmd = Command("link", "INSERT INTO post_links(post_id, url, host, tg_handle, tg_post) VALUES($p, $u, $h, $th, $tp)", "$p", "$u", "$h", "$th", "$tp");
            foreach (var l in prepared.Links)
            {
                Bind(cmd, postId, l.Url, l.Host, Db(l.TelegramHandle), l.TelegramPostId is { } tp ? tp : DBNull.Value);
                cmd.ExecuteNonQuery();
            }
        }
        if (prepared.Post.Citations.Count > 0)
        {
            var cmd = Command("citation", "INSERT INTO post_citations(post_id, marker, url, tg_handle, tg_post) VALUES($p, $m, $u, $th, $tp)", "$p", "$m", "$u", "$th", "$tp");
            foreach (var c in prepared.Post.Citations)
            {
                Bind(cmd, postId, c.Marker, c.Url, Db(c.TelegramHandle?.ToLowerInvariant()), c.TelegramPostId is { } tp ? tp : DBNull.Value);
                cmd.ExecuteNonQuery();
            }
        }
    }

    private void InsertMetrics(long postId, Metrics m)
    {
        if (m.Views is null && m.Forwards is null && m.Replies is null && (m.Reactions is null || m.Reactions.Count == 0)) return;
        var cmd = Command("metrics", "INSERT INTO metric_snapshots(post_id, import_id, observed, views, forwards, replies, reactions) VALUES($p, $i, $o, $v, $f, $r, $re)",
            "$p", "$i", "$o", "$v", "$f", "$r", "$re");
        Bind(cmd, postId, ImportId, _now, m.Views is { } v ? v : DBNull.Value, m.Forwards is { } f ? f : DBNull.Value, m.Replies is { } r ? r : DBNull.Value,
            m.Reactions is { Count: > 0 } re ? System.Text.Json.JsonSerializer.Serialize(re, Json.Options) : DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string name, string sql, params string[] parameters)
    {
        if (_commands.TryGetValue(name, out var cmd)) return cmd;
        cmd = _db.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        foreach (var p in parameters) cmd.Parameters.Add(new SqliteParameter(p, null));
        cmd.Prepare();
        _commands[name] = cmd;
        return cmd;
    }

    private static void Bind(SqliteCommand cmd, params object[] values)
    {
        for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i];
    }

    private object? Run(string sql, params (string Name, object Value)[] args)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return sql.Contains("RETURNING", StringComparison.Ordinal) || sql.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
            ? cmd.ExecuteScalar()
            : cmd.ExecuteNonQuery();
    }

    private static object Db(string? s) => s is null ? DBNull.Value : s;

    private static object Db(long? v) => v is null ? DBNull.Value : v.Value;

    /// <summary>What one import saw of one source.</summary>
    private sealed class SourceSpan(CoverageKind coverage)
    {
        public CoverageKind Coverage { get; set; } = coverage;
        public long? First { get; private set; }
        public long? Last { get; private set; }
        public int Posts { get; private set; }

        public void Add(DateTimeOffset published)
        {
            long t = Time.ToMs(published);
            if (First is null || t < First) First = t;
            if (Last is null || t > Last) Last = t;
            Posts++;
        }
    }
}
