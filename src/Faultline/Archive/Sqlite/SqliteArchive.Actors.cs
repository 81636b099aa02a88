using Faultline.Analysis.Actors;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

public sealed partial class SqliteArchive
{
    /// <inheritdoc />
    public void SaveActorAnalysis(IEnumerable<PostActorAnalysis> analyses)
    {
        using var tx = _db.BeginTransaction();
        using var clear = _db.CreateCommand();
        clear.Transaction = tx;
        clear.CommandText = "DELETE FROM post_mentions WHERE post_id = $p; DELETE FROM post_stances WHERE post_id = $p; DELETE FROM post_loaded WHERE post_id = $p;";
        var cp = clear.Parameters.Add("$p", SqliteType.Integer);
        using var mention = _db.CreateCommand();
        mention.Transaction = tx;
        mention.CommandText = "INSERT INTO post_mentions(post_id, actor_id, start, length, surface) VALUES($p, $a, $o, $l, $s)";
        var (mp, ma, mo, ml, ms) = (mention.Parameters.Add("$p", SqliteType.Integer), mention.Parameters.Add("$a", SqliteType.Text),
            mention.Parameters.Add("$o", SqliteType.Integer), mention.Parameters.Add("$l", SqliteType.Integer), mention.Parameters.Add("$s", SqliteType.Text));
        using var stance = _db.CreateCommand();
        stance.Transaction = tx;
        stance.CommandText = "INSERT OR REPLACE INTO post_stances(post_id, actor_id, stance, confidence, evidence) VALUES($p, $a, $s, $c, $e)";
        var (sp, sa, ss, sc, se) = (stance.Parameters.Add("$p", SqliteType.Integer), stance.Parameters.Add("$a", SqliteType.Text),
            stance.Parameters.Add("$s", SqliteType.Integer), stance.Parameters.Add("$c", SqliteType.Real), stance.Parameters.Add("$e", SqliteType.Text));
        using var loaded = _db.CreateCommand();
        loaded.Transaction = tx;
        loaded.CommandText = "INSERT INTO post_loaded(post_id, score, terms) VALUES($p, $s, $t)";
        var (lp, ls, lt) = (loaded.Parameters.Add("$p", SqliteType.Integer), loaded.Parameters.Add("$s", SqliteType.Real), loaded.Parameters.Add("$t", SqliteType.Text));
        foreach (var a in analyses)
        {
            cp.Value = a.PostId;
            clear.ExecuteNonQuery();
            foreach (var m in a.Mentions)
            {
                (mp.Value, ma.Value, mo.Value, ml.Value, ms.Value) = (a.PostId, m.ActorId, m.Offset, m.Length, m.Surface);
                mention.ExecuteNonQuery();
            }
            foreach (var s in a.Stances)
            {
                (sp.Value, sa.Value, ss.Value, sc.Value, se.Value) = (a.PostId, s.ActorId, (int)s.Stance, s.Confidence, (object?)Json.Write(s.Evidence) ?? DBNull.Value);
                stance.ExecuteNonQuery();
            }
            if (a.LoadedScore > 0 || a.LoadedTerms.Count > 0)
            {
                (lp.Value, ls.Value, lt.Value) = (a.PostId, a.LoadedScore, (object?)Json.Write(a.LoadedTerms) ?? DBNull.Value);
                loaded.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    /// <inheritdoc />
    public void ClearActorAnalysis() => Exec(_db, "DELETE FROM post_mentions; DELETE FROM post_stances; DELETE FROM post_loaded;");

    /// <inheritdoc />
    public IReadOnlyList<StoredMention> Mentions(string actorId, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 200)
    {
        using var cmd = _db.CreateCommand();
        var where = "m.actor_id = $a";
        cmd.Parameters.AddWithValue("$a", actorId);
        if (from is { } f) { where += " AND p.published >= $from"; cmd.Parameters.AddWithValue("$from", Time.ToMs(f)); }
        if (to is { } t) { where += " AND p.published < $to"; cmd.Parameters.AddWithValue("$to", Time.ToMs(t)); }
        cmd.CommandText = $"""
            SELECT p.id, p.source_id, p.native_id, p.published, p.text, m.actor_id, m.start, m.length, m.surface, s.kind, p.title
            FROM post_mentions m JOIN posts p ON p.id = m.post_id JOIN sources s ON s.id = p.source_id WHERE {where} ORDER BY p.published DESC, p.id DESC, m.start LIMIT {Math.Max(1, limit)}
            """;
        using var r = cmd.ExecuteReader();
        var list = new List<StoredMention>();
        while (r.Read())
            list.Add(new StoredMention(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Time.FromMs(r.GetInt64(3)), AnalysisText(r.GetString(9), Str(r, 10), r.GetString(4)),
                new ActorSpan(r.GetString(5), r.GetInt32(6), r.GetInt32(7), r.GetString(8))));
        return list;
    }

    /// <inheritdoc />
    public IReadOnlyList<StanceRecord> Stances(DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        using var cmd = _db.CreateCommand();
        var where = "1 = 1";
        if (from is { } f) { where += " AND p.published >= $from"; cmd.Parameters.AddWithValue("$from", Time.ToMs(f)); }
        if (to is { } t) { where += " AND p.published < $to"; cmd.Parameters.AddWithValue("$to", Time.ToMs(t)); }
        cmd.CommandText = $"""
            SELECT s.post_id, p.source_id, s.actor_id, p.published, s.stance, s.confidence, s.evidence
            FROM post_stances s JOIN posts p ON p.id = s.post_id WHERE {where} ORDER BY p.published, s.post_id, s.actor_id
            """;
        using var r = cmd.ExecuteReader();
        var list = new List<StanceRecord>();
        while (r.Read())
        {
            list.Add(new StanceRecord(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Time.FromMs(r.GetInt64(3)), (StanceKind)r.GetInt32(4), r.GetDouble(5))
            {
                Evidence = Json.ReadList<string>(Str(r, 6)),
            });
        }
        return list;
    }
}
