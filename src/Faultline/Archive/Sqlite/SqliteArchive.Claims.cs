using System.Globalization;
using Faultline.Analysis.Claims;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

public sealed partial class SqliteArchive
{
    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<string>> ActorsByPost()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT post_id, actor_id FROM post_mentions ORDER BY post_id, actor_id";
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
    public IReadOnlyDictionary<long, IReadOnlyList<VersionText>> EditedPosts()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT v.post_id, v.seq, COALESCE(v.edited, v.first_seen), v.text FROM post_versions v JOIN posts p ON p.id = v.post_id
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
    public void ReplaceClaims(IEnumerable<Claim> claims)
    {
        using var tx = _db.BeginTransaction();
        using (var clear = _db.CreateCommand())
        {
            clear.Transaction = tx;
            clear.CommandText = "DELETE FROM claim_members; DELETE FROM claims;";
            clear.ExecuteNonQuery();
        }
        using var claim = _db.CreateCommand();
        claim.Transaction = tx;
        claim.CommandText = """
            INSERT INTO claims(id, title, language, status, first_post, last_post, key_terms, actors, lifecycle)
            VALUES($id, $t, $l, $s, $f, $z, $k, $a, $e)
            """;
        foreach (var n in new[] { "$id", "$t", "$l", "$s", "$f", "$z", "$k", "$a", "$e" }) claim.Parameters.Add(new SqliteParameter(n, null));
        using var member = _db.CreateCommand();
        member.Transaction = tx;
        member.CommandText = "INSERT OR REPLACE INTO claim_members(claim_id, post_id, role, evidence) VALUES($c, $p, $r, $e)";
        foreach (var n in new[] { "$c", "$p", "$r", "$e" }) member.Parameters.Add(new SqliteParameter(n, null));
        foreach (var c in claims)
        {
            var times = c.Members.Select(m => Time.ToMs(m.Published)).DefaultIfEmpty(0).ToList();
            object[] values = [c.Id, c.Title, c.Language, c.Status.ToString(), times.Min(), times.Max(),
                (object?)Json.Write(c.KeyTerms) ?? DBNull.Value, (object?)Json.Write(c.Actors) ?? DBNull.Value, Json.Write(c.Lifecycle) ?? "[]"];
            for (int i = 0; i < values.Length; i++) claim.Parameters[i].Value = values[i];
            claim.ExecuteNonQuery();
            foreach (var m in c.Members)
            {
                (member.Parameters[0].Value, member.Parameters[1].Value, member.Parameters[2].Value, member.Parameters[3].Value) =
                    (c.Id, m.PostId, m.Role.ToString(), (object?)Json.Write(m.Evidence) ?? DBNull.Value);
                member.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    /// <inheritdoc />
    public IReadOnlyList<Claim> Claims()
    {
        var members = new Dictionary<long, List<ClaimMember>>();
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = """
                SELECT m.claim_id, m.post_id, p.source_id, p.published, m.role, m.evidence
                FROM claim_members m JOIN posts p ON p.id = m.post_id ORDER BY m.claim_id, p.published, m.post_id
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
        c.CommandText = "SELECT id, title, language, status, key_terms, actors, lifecycle FROM claims ORDER BY first_post DESC, id DESC";
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
