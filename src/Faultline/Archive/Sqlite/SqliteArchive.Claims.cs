using System.Globalization;
using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

public sealed partial class SqliteArchive
{
    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<string>> ActorsByPost() =>
        ReadActors("SELECT DISTINCT post_id, actor_id FROM post_mentions ORDER BY post_id, actor_id");

    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<string>> ActorsByPost(IReadOnlyCollection<long> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        FillIds(posts);
        return ReadActors("SELECT DISTINCT m.post_id, m.actor_id FROM temp.wanted_ids w CROSS JOIN post_mentions m ON m.post_id = w.id ORDER BY m.post_id, m.actor_id");
    }

    private Dictionary<long, IReadOnlyList<string>> ReadActors(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<long, List<string>>();
        while (r.Read())
        {
            if (!map.TryGetValue(r.GetInt64(0), out var list)) map[r.GetInt64(0)] = list = [];
            list.Add(r.GetString(1));
        }
        return map.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<VersionText>> EditedPosts() => ReadVersions("posts p");

    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<VersionText>> EditedPosts(IReadOnlyCollection<long> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        FillIds(posts);
        return ReadVersions("temp.wanted_ids w CROSS JOIN posts p ON p.id = w.id");
    }

    /// <summary>Versions of the posts <paramref name="posts"/> names (a FROM clause that ends in "posts p").</summary>
    private Dictionary<long, IReadOnlyList<VersionText>> ReadVersions(string posts)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"""
            SELECT v.post_id, v.seq, COALESCE(v.edited, v.first_seen), v.text FROM {posts} CROSS JOIN post_versions v ON v.post_id = p.id
            WHERE p.version_count > 1 ORDER BY v.post_id, v.seq
            """;
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<long, List<VersionText>>();
        while (r.Read())
        {
            if (!map.TryGetValue(r.GetInt64(0), out var list)) map[r.GetInt64(0)] = list = [];
            list.Add(new VersionText(r.GetInt32(1), Time.FromMs(r.GetInt64(2)), r.GetString(3)));
        }
        return map.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<VersionText>)kv.Value);
    }

    /// <inheritdoc />
    public IReadOnlyList<long> ChangedPosts(long afterPostId, long afterImportId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id FROM posts WHERE id > $p UNION SELECT id FROM posts WHERE changed_import > $i ORDER BY 1";
        cmd.Parameters.AddWithValue("$p", afterPostId);
        cmd.Parameters.AddWithValue("$i", afterImportId);
        using var r = cmd.ExecuteReader();
        var ids = new List<long>();
        while (r.Read()) ids.Add(r.GetInt64(0));
        return ids;
    }

    /// <inheritdoc />
    public IReadOnlyList<PostEdge> EdgesOf(IReadOnlyCollection<long> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        FillIds(posts);
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT e.earlier, e.later, e.kind, e.score FROM temp.wanted_ids w CROSS JOIN post_edges e ON e.earlier = w.id
            UNION SELECT e.earlier, e.later, e.kind, e.score FROM temp.wanted_ids w CROSS JOIN post_edges e ON e.later = w.id
            ORDER BY 1, 2, 3
            """;
        using var r = cmd.ExecuteReader();
        var list = new List<PostEdge>();
        while (r.Read()) list.Add(new PostEdge(r.GetInt64(0), r.GetInt64(1), ParseKind(r.GetString(2)), r.GetDouble(3)));
        return list;
    }

    /// <inheritdoc />
    public void ReplaceClaims(IEnumerable<Claim> claims) => UpdateClaims(new ClaimChanges([.. claims], []) { ReplaceAll = true });

    /// <inheritdoc />
    /// <remarks>
    /// Rows go to SQLite in batches, as one JSON array a statement that <c>json_each</c> unpacks: a full rebuild writes
    /// about a million member rows, and a statement per row costs more than the writing. A full rebuild also leaves
    /// foreign keys unchecked for its transaction: its members are the posts it has just read, and checking a million of
    /// them against the posts table tripled the time.
    /// </remarks>
    public void UpdateClaims(ClaimChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        bool checkedKeys;
        using (var pragma = _db.CreateCommand())
        {
            pragma.CommandText = "PRAGMA foreign_keys";
            checkedKeys = changes.ReplaceAll && Convert.ToInt64(pragma.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
        }
        // The pragma is a no-op inside a transaction, so it is set before and restored after.
        if (checkedKeys) Exec(_db, "PRAGMA foreign_keys = OFF");
        try
        {
            WriteClaims(changes);
        }
        finally
        {
            if (checkedKeys) Exec(_db, "PRAGMA foreign_keys = ON");
        }
    }

    private const int ClaimBatch = 2_000;

    private void WriteClaims(ClaimChanges changes)
    {
        using var tx = _db.BeginTransaction();
        SqliteCommand Command(string sql)
        {
            var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            cmd.Parameters.Add(new SqliteParameter("$rows", SqliteType.Text));
            return cmd;
        }
        void Run(SqliteCommand cmd, string rows)
        {
            cmd.Parameters[0].Value = rows;
            cmd.ExecuteNonQuery();
        }
        if (changes.ReplaceAll)
        {
            // Counts that no longer match the claims would mislead the next incremental run: they go too, unless replaced.
            Exec(_db, "DELETE FROM claim_members; DELETE FROM claims; DELETE FROM claim_keys; DELETE FROM claim_index;");
        }
        else
        {
            using var remove = Command("""
                DELETE FROM claim_members WHERE claim_id IN (SELECT value FROM json_each($rows));
                DELETE FROM claims WHERE id IN (SELECT value FROM json_each($rows));
                """);
            foreach (var ids in changes.Removed.Concat(changes.Upserts.Select(c => c.Id)).Distinct().Chunk(ClaimBatch))
                Run(remove, JsonRows(ids, static (w, id) => w.WriteNumberValue(id)));
        }
        using var claim = Command("""
            INSERT INTO claims(id, title, language, status, first_post, last_post, key_terms, actors, lifecycle)
            SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8 FROM json_each($rows)
            """);
        using var member = Command("""
            INSERT OR REPLACE INTO claim_members(claim_id, post_id, role, evidence)
            SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each($rows)
            """);
        foreach (var batch in changes.Upserts.Chunk(ClaimBatch))
        {
            Run(claim, JsonRows(batch, static (w, c) =>
            {
                w.WriteStartArray();
                w.WriteNumberValue(c.Id);
                w.WriteStringValue(c.Title);
                w.WriteStringValue(c.Language);
                w.WriteStringValue(c.Status.ToString());
                w.WriteNumberValue(c.Members.Count == 0 ? 0 : c.Members.Min(m => Time.ToMs(m.Published)));
                w.WriteNumberValue(c.Members.Count == 0 ? 0 : c.Members.Max(m => Time.ToMs(m.Published)));
                WriteText(w, Json.Write(c.KeyTerms));
                WriteText(w, Json.Write(c.Actors));
                w.WriteStringValue(Json.Write(c.Lifecycle) ?? "[]");
                w.WriteEndArray();
            }));
            Run(member, JsonRows(batch.SelectMany(c => c.Members.Select(m => (c.Id, Member: m))), static (w, x) =>
            {
                w.WriteStartArray();
                w.WriteNumberValue(x.Id);
                w.WriteNumberValue(x.Member.PostId);
                w.WriteStringValue(x.Member.Role.ToString());
                WriteText(w, Json.Write(x.Member.Evidence));
                w.WriteEndArray();
            }));
        }
        if (changes.Index is { } index)
        {
            using var key = Command("""
                INSERT INTO claim_keys(key, posts) SELECT value->>0, value->>1 FROM json_each($rows) WHERE true
                ON CONFLICT(key) DO UPDATE SET posts = posts + excluded.posts
                """);
            // In key order, so that the new rows go to the end of the pages they belong to instead of all over the tree.
            foreach (var batch in index.Keys.OrderBy(kv => kv.Key, StringComparer.Ordinal).Chunk(ClaimBatch * 10))
                Run(key, JsonRows(batch, static (w, kv) =>
                {
                    w.WriteStartArray();
                    w.WriteStringValue(kv.Key);
                    w.WriteNumberValue(kv.Value);
                    w.WriteEndArray();
                }));
            using var header = _db.CreateCommand();
            header.Transaction = tx;
            header.CommandText = """
                INSERT INTO claim_index(id, posts, last_post_id, last_import_id) VALUES(1, $n, $p, $i)
                ON CONFLICT(id) DO UPDATE SET posts = posts + excluded.posts, last_post_id = excluded.last_post_id, last_import_id = excluded.last_import_id
                """;
            header.Parameters.AddWithValue("$n", index.Posts);
            header.Parameters.AddWithValue("$p", index.LastPostId);
            header.Parameters.AddWithValue("$i", index.LastImportId);
            header.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>A JSON array of one element per item, for <c>json_each</c>.</summary>
    private static string JsonRows<T>(IEnumerable<T> items, Action<System.Text.Json.Utf8JsonWriter, T> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = Json.Options.Encoder, SkipValidation = true }))
        {
            w.WriteStartArray();
            foreach (var item in items) write(w, item);
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON text stored in a column, or null.</summary>
    private static void WriteText(System.Text.Json.Utf8JsonWriter w, string? text)
    {
        if (text is null) w.WriteNullValue();
        else w.WriteStringValue(text);
    }

    /// <inheritdoc />
    public ClaimIndexCounts? ClaimIndex(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        long posts, lastPost, lastImport;
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = "SELECT posts, last_post_id, last_import_id FROM claim_index WHERE id = 1";
            using var r = cmd.ExecuteReader();
            if (!r.Read()) return null;
            (posts, lastPost, lastImport) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
        }
        var counts = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        if (keys.Count > 0)
        {
            Exec(_db, "CREATE TEMP TABLE IF NOT EXISTS wanted_keys(key TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.wanted_keys;");
            using (var tx = _db.BeginTransaction())
            using (var insert = _db.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT OR IGNORE INTO temp.wanted_keys(key) VALUES($k)";
                var k = insert.Parameters.Add("$k", SqliteType.Text);
                insert.Prepare();
                foreach (var key in keys)
                {
                    k.Value = key;
                    insert.ExecuteNonQuery();
                }
                tx.Commit();
            }
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT c.key, c.posts FROM temp.wanted_keys w CROSS JOIN claim_keys c ON c.key = w.key";
            using var r = cmd.ExecuteReader();
            while (r.Read()) counts[r.GetString(0)] = r.GetInt32(1);
        }
        return new ClaimIndexCounts(posts, lastPost, lastImport, counts);
    }

    /// <inheritdoc />
    public IReadOnlyList<Claim> Claims() => ReadClaims(null);

    /// <inheritdoc />
    public IReadOnlyList<Claim> ClaimsOf(IReadOnlyCollection<long> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        FillIds(posts);
        Exec(_db, """
            CREATE TEMP TABLE IF NOT EXISTS wanted_claims(id INTEGER PRIMARY KEY); DELETE FROM temp.wanted_claims;
            INSERT OR IGNORE INTO temp.wanted_claims(id) SELECT m.claim_id FROM temp.wanted_ids w CROSS JOIN claim_members m ON m.post_id = w.id;
            """);
        return ReadClaims("temp.wanted_claims");
    }

    /// <summary>Claims, newest first; only those whose ids a temporary table lists when one is named.</summary>
    private List<Claim> ReadClaims(string? only)
    {
        var members = new Dictionary<long, List<ClaimMember>>();
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = $"""
                SELECT m.claim_id, m.post_id, p.source_id, p.published, m.role, m.evidence
                FROM {(only is null ? "" : $"{only} o CROSS JOIN ")}claim_members m {(only is null ? "" : "ON m.claim_id = o.id ")}CROSS JOIN posts p ON p.id = m.post_id
                ORDER BY m.claim_id, p.published, m.post_id
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!members.TryGetValue(r.GetInt64(0), out var list)) members[r.GetInt64(0)] = list = [];
                list.Add(new ClaimMember(r.GetInt64(1), r.GetInt64(2), Time.FromMs(r.GetInt64(3)), Enum.Parse<ClaimRole>(r.GetString(4)))
                {
                    Evidence = Json.ReadList<string>(Str(r, 5)),
                });
            }
        }
        using var c = _db.CreateCommand();
        c.CommandText = $"""
            SELECT c.id, c.title, c.language, c.status, c.key_terms, c.actors, c.lifecycle
            FROM {(only is null ? "" : $"{only} o CROSS JOIN ")}claims c {(only is null ? "" : "ON c.id = o.id ")}ORDER BY c.first_post DESC, c.id DESC
            """;
        using var cr = c.ExecuteReader();
        var claims = new List<Claim>();
        while (cr.Read())
        {
            long id = cr.GetInt64(0);
            claims.Add(new Claim(id, cr.GetString(1), cr.GetString(2), members.GetValueOrDefault(id) ?? [], Json.ReadList<LifecycleEvent>(cr.GetString(6)),
                Enum.Parse<ClaimStatus>(cr.GetString(3)))
            {
                KeyTerms = Json.ReadList<string>(Str(cr, 4)),
                Actors = Json.ReadList<string>(Str(cr, 5)),
            });
        }
        return claims;
    }

    /// <summary>Fills the connection's temporary id table, for joins with id sets too large for IN lists.</summary>
    private void FillIds(IEnumerable<long> ids)
    {
        Exec(_db, "CREATE TEMP TABLE IF NOT EXISTS wanted_ids(id INTEGER PRIMARY KEY); DELETE FROM temp.wanted_ids;");
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT OR IGNORE INTO temp.wanted_ids(id) VALUES($id)";
        var p = cmd.Parameters.Add("$id", SqliteType.Integer);
        cmd.Prepare();
        foreach (var id in ids)
        {
            p.Value = id;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <inheritdoc />
    public void SaveGradeOverride(GradeOverrideRecord record)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT INTO grade_overrides(source_id, grade, note, analyst, at) VALUES($s, $g, $n, $a, $t)";
        cmd.Parameters.AddWithValue("$s", record.SourceId);
        cmd.Parameters.AddWithValue("$g", record.Grade.ToString());
        cmd.Parameters.AddWithValue("$n", record.Note);
        cmd.Parameters.AddWithValue("$a", (object?)record.Analyst ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$t", Time.ToMs(record.At));
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public IReadOnlyList<GradeOverrideRecord> GradeOverrides(long sourceId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT grade, note, analyst, at FROM grade_overrides WHERE source_id = $s ORDER BY at, id";
        cmd.Parameters.AddWithValue("$s", sourceId);
        using var r = cmd.ExecuteReader();
        var list = new List<GradeOverrideRecord>();
        while (r.Read()) list.Add(new GradeOverrideRecord(sourceId, r.GetString(0)[0], r.GetString(1), Str(r, 2), Time.FromMs(r.GetInt64(3))));
        return list;
    }
}
