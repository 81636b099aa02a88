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
    /// A full rebuild writes about a million member rows, so rows go through SQLite's own API (<see cref="BulkStatement"/>) in
    /// claim id order (the members' primary key then grows at its end instead of splitting pages all over the tree), and
    /// foreign keys go unchecked for the rebuild's transaction: its members are the posts it has just read, and checking
    /// each against the posts table doubled the time.
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

    private void WriteClaims(ClaimChanges changes)
    {
        using var tx = _db.BeginTransaction();
        if (changes.ReplaceAll)
        {
            // Counts that no longer match the claims would mislead the next incremental run: they go too, unless replaced.
            Exec(_db, "DELETE FROM claim_members; DELETE FROM claims; DELETE FROM claim_keys; DELETE FROM claim_index;");
        }
        else
        {
            using var removeMembers = new BulkStatement(_db, "DELETE FROM claim_members WHERE claim_id = ?1");
            using var removeClaim = new BulkStatement(_db, "DELETE FROM claims WHERE id = ?1");
            foreach (var id in changes.Removed.Concat(changes.Upserts.Select(c => c.Id)).Distinct())
            {
                removeMembers.Bind(1, id).Run();
                removeClaim.Bind(1, id).Run();
            }
        }
        using var claim = new BulkStatement(_db, """
            INSERT INTO claims(id, title, language, status, first_post, last_post, key_terms, actors, lifecycle) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """);
        using var member = new BulkStatement(_db, "INSERT OR REPLACE INTO claim_members(claim_id, post_id, role, evidence) VALUES(?1, ?2, ?3, ?4)");
        foreach (var c in changes.Upserts.OrderBy(c => c.Id))
        {
            var times = c.Members.Count == 0 ? [0L] : c.Members.Select(m => Time.ToMs(m.Published)).ToArray();
            claim.Bind(1, c.Id).Bind(2, c.Title).Bind(3, c.Language).Bind(4, c.Status.ToString()).Bind(5, times.Min()).Bind(6, times.Max())
                .Bind(7, Json.WriteStrings(c.KeyTerms)).Bind(8, Json.WriteStrings(c.Actors)).Bind(9, Json.Write(c.Lifecycle) ?? "[]").Run();
            foreach (var m in c.Members)
                member.Bind(1, c.Id).Bind(2, m.PostId).Bind(3, m.Role.ToString()).Bind(4, Json.WriteStrings(m.Evidence)).Run();
        }
        if (changes.Index is { } index)
        {
            // In key order, so that new keys go to the end of the pages they belong to instead of all over the tree.
            using var key = new BulkStatement(_db, "INSERT INTO claim_keys(key, posts) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET posts = posts + excluded.posts");
            foreach (var (k, n) in index.Keys.OrderBy(kv => kv.Key, StringComparer.Ordinal)) key.Bind(1, k).Bind(2, n).Run();
            using var header = new BulkStatement(_db, """
                INSERT INTO claim_index(id, posts, last_post_id, last_import_id) VALUES(1, ?1, ?2, ?3)
                ON CONFLICT(id) DO UPDATE SET posts = posts + excluded.posts, last_post_id = excluded.last_post_id, last_import_id = excluded.last_import_id
                """);
            header.Bind(1, index.Posts).Bind(2, index.LastPostId).Bind(3, index.LastImportId).Run();
        }
        tx.Commit();
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
