using System.Globalization;
using System.Text.Json;
using Faultline.Analysis;
using Faultline.Model;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

public sealed partial class SqliteArchive
{
    private const string AnalysisColumns = """
        p.id, p.source_id, p.native_id, p.published, p.text, p.language, s.handle, s.title, s.kind, p.title,
        p.forward_name, p.forward_handle, p.forward_source, p.forward_post, p.forward_date, p.deleted_at,
        (SELECT m.views FROM metric_snapshots m WHERE m.post_id = p.id AND m.views IS NOT NULL ORDER BY m.observed DESC, m.rowid DESC LIMIT 1),
        (SELECT json_group_array(json_array(l.url, l.host, l.tg_handle, l.tg_post)) FROM post_links l WHERE l.post_id = p.id)
        """;

    /// <inheritdoc />
    public IEnumerable<AnalysisPost> AnalysisPosts(long afterId = 0, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        using var cmd = _db.CreateCommand();
        var where = "p.id > $after";
        cmd.Parameters.AddWithValue("$after", afterId);
        if (from is { } f) { where += " AND p.published >= $from"; cmd.Parameters.AddWithValue("$from", Time.ToMs(f)); }
        if (to is { } t) { where += " AND p.published < $to"; cmd.Parameters.AddWithValue("$to", Time.ToMs(t)); }
        cmd.CommandText = $"SELECT {AnalysisColumns} FROM posts p JOIN sources s ON s.id = p.source_id WHERE {where} ORDER BY p.id";
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return ReadAnalysisPost(r);
    }

    /// <inheritdoc />
    public IReadOnlyList<AnalysisPost> AnalysisPostsById(IEnumerable<long> ids)
    {
        var list = new List<AnalysisPost>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = $"SELECT {AnalysisColumns} FROM posts p JOIN sources s ON s.id = p.source_id WHERE p.id IN ({string.Join(",", chunk)}) ORDER BY p.id";
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(ReadAnalysisPost(r));
        }
        return list;
    }

    private static AnalysisPost ReadAnalysisPost(SqliteDataReader r)
    {
        var text = AnalysisText(r.GetString(8), Str(r, 9), r.GetString(4));
        ForwardOrigin? forward = null;
        if (!r.IsDBNull(10) || !r.IsDBNull(11) || !r.IsDBNull(12))
            forward = new ForwardOrigin { Name = Str(r, 10), Handle = Str(r, 11), SourceId = Str(r, 12), PostId = Str(r, 13), Date = Time.FromDb(r.GetValue(14)) };
        var links = new List<LinkTarget>();
        // Most posts link nowhere: their empty array is not worth a parser.
        if (!r.IsDBNull(17) && r.GetString(17) is { Length: > 2 } json)
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var l in doc.RootElement.EnumerateArray())
            {
                links.Add(new LinkTarget(l[0].GetString()!, l[1].GetString()!, l[2].ValueKind == JsonValueKind.Null ? null : l[2].GetString(),
                    l[3].ValueKind == JsonValueKind.Null ? null : l[3].GetInt64()));
            }
        }
        return new AnalysisPost(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Time.FromMs(r.GetInt64(3)), text, r.GetString(5))
        {
            Handle = Str(r, 6),
            SourceTitle = Str(r, 7),
            ForwardedFrom = forward,
            Deleted = !r.IsDBNull(15),
            Views = r.IsDBNull(16) ? null : r.GetInt64(16),
            Links = links,
        };
    }

    /// <summary>
    /// The text analysis reads (and mention offsets point into): a feed item's or article's headline is part of what
    /// spreads, so it leads; a transcript's or report's title is the same for every turn or paragraph, so it does not.
    /// </summary>
    internal static string AnalysisText(string sourceKind, string? title, string text)
        => sourceKind is nameof(SourceKind.Feed) or nameof(SourceKind.Website) && title is { Length: > 0 } ? title + "\n\n" + text : text;

    /// <inheritdoc />
    public IEnumerable<(long PostId, byte[] Signature)> Signatures()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT g.post_id, g.signature FROM post_signatures g JOIN posts p ON p.id = g.post_id AND p.content_hash = g.content_hash ORDER BY g.post_id";
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return (r.GetInt64(0), (byte[])r.GetValue(1));
    }

    /// <inheritdoc />
    public void SaveSignatures(IEnumerable<(long PostId, byte[] Signature)> signatures)
    {
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO post_signatures(post_id, content_hash, signature) SELECT $p, content_hash, $s FROM posts WHERE id = $p
            ON CONFLICT(post_id) DO UPDATE SET content_hash = excluded.content_hash, signature = excluded.signature
            """;
        var p = cmd.Parameters.Add("$p", SqliteType.Integer);
        var s = cmd.Parameters.Add("$s", SqliteType.Blob);
        cmd.Prepare();
        foreach (var (postId, signature) in signatures)
        {
            p.Value = postId;
            s.Value = signature;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <inheritdoc />
    public void SaveEdges(IEnumerable<PostEdge> edges)
    {
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO post_edges(earlier, later, kind, score) VALUES($e, $l, $k, $s)
            ON CONFLICT(earlier, later, kind) DO UPDATE SET score = excluded.score
            """;
        var e = cmd.Parameters.Add("$e", SqliteType.Integer);
        var l = cmd.Parameters.Add("$l", SqliteType.Integer);
        var k = cmd.Parameters.Add("$k", SqliteType.Text);
        var s = cmd.Parameters.Add("$s", SqliteType.Real);
        cmd.Prepare();
        foreach (var edge in edges)
        {
            (e.Value, l.Value, k.Value, s.Value) = (edge.Earlier, edge.Later, KindName(edge.Kind), edge.Score);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <inheritdoc />
    public void ClearEdges(params EdgeKind[] kinds)
    {
        if (kinds.Length == 0) return;
        Exec(_db, $"DELETE FROM post_edges WHERE kind IN ({string.Join(",", kinds.Select(k => "'" + KindName(k) + "'"))})");
    }

    /// <inheritdoc />
    public IReadOnlyList<PostEdge> Edges(IReadOnlyCollection<EdgeKind>? kinds = null, long? post = null)
    {
        using var cmd = _db.CreateCommand();
        var where = new List<string>();
        if (kinds is { Count: > 0 }) where.Add($"kind IN ({string.Join(",", kinds.Select(k => "'" + KindName(k) + "'"))})");
        if (post is { } id)
        {
            where.Add("(earlier = $p OR later = $p)");
            cmd.Parameters.AddWithValue("$p", id);
        }
        cmd.CommandText = "SELECT earlier, later, kind, score FROM post_edges" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "");
        using var r = cmd.ExecuteReader();
        var list = new List<PostEdge>();
        while (r.Read()) list.Add(new PostEdge(r.GetInt64(0), r.GetInt64(1), ParseKind(r.GetString(2)), r.GetDouble(3)));
        return list;
    }

    /// <inheritdoc />
    public AnalysisState? State(string stage)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT last_post_id, last_import_id, finished, detail FROM analysis_state WHERE stage = $s";
        cmd.Parameters.AddWithValue("$s", stage);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new AnalysisState(stage, r.GetInt64(0), r.GetInt64(1), Time.FromMs(r.GetInt64(2)), Str(r, 3)) : null;
    }

    /// <inheritdoc />
    public void SaveState(AnalysisState state)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            INSERT INTO analysis_state(stage, last_post_id, last_import_id, finished, detail) VALUES($s, $p, $i, $f, $d)
            ON CONFLICT(stage) DO UPDATE SET last_post_id = excluded.last_post_id, last_import_id = excluded.last_import_id,
                                            finished = excluded.finished, detail = excluded.detail
            """;
        cmd.Parameters.AddWithValue("$s", state.Stage);
        cmd.Parameters.AddWithValue("$p", state.LastPostId);
        cmd.Parameters.AddWithValue("$i", state.LastImportId);
        cmd.Parameters.AddWithValue("$f", Time.ToMs(state.Finished));
        cmd.Parameters.AddWithValue("$d", (object?)state.Detail ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public (long LastPostId, long LastImportId) Watermark()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT COALESCE((SELECT MAX(id) FROM posts), 0), COALESCE((SELECT MAX(id) FROM imports WHERE status = 'complete'), 0)";
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }

    /// <inheritdoc />
    public long? PostId(long sourceId, string nativeId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id FROM posts WHERE source_id = $s AND native_id = $n";
        cmd.Parameters.AddWithValue("$s", sourceId);
        cmd.Parameters.AddWithValue("$n", nativeId);
        return cmd.ExecuteScalar() is long id ? id : null;
    }

    private static string KindName(EdgeKind kind) => kind.ToString().ToLowerInvariant();

    private static EdgeKind ParseKind(string s) => Enum.Parse<EdgeKind>(s, ignoreCase: true);
}
