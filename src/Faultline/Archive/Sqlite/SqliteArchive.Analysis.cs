using System.Globalization;
using System.Text.Json;
using Faultline.Analysis;
using Faultline.Model;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

public sealed partial class SqliteArchive
{
    private const string LatestViews =
        "(SELECT m.views FROM metric_snapshots m WHERE m.post_id = p.id AND m.views IS NOT NULL ORDER BY m.observed DESC, m.rowid DESC LIMIT 1)";

    private const string AnalysisColumns = $"""
        p.id, p.source_id, p.native_id, p.published, p.text, p.language, s.handle, s.title, s.kind, p.title,
        p.forward_name, p.forward_handle, p.forward_source, p.forward_post, p.forward_date, p.deleted_at,
        {LatestViews},
        (SELECT json_group_array(json_array(l.url, l.host, l.tg_handle, l.tg_post)) FROM post_links l WHERE l.post_id = p.id)
        """;

    /// <summary>Below this many posts a whole read is not worth a second connection.</summary>
    private const long ParallelReadFloor = 50_000;

    /// <inheritdoc />
    /// <remarks>
    /// A read of every post (a full analysis: a million posts take seconds) is split in two halves of the id range,
    /// read at once on this connection and a second read-only one, and each half takes its posts' latest views from one
    /// ordered pass over the metric snapshots instead of a lookup per post. The posts come in id order either way.
    /// </remarks>
    public IEnumerable<AnalysisPost> AnalysisPosts(long afterId = 0, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        if (afterId == 0 && from is null && to is null)
        {
            using var range = _db.CreateCommand();
            range.CommandText = "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM posts";
            using var r = range.ExecuteReader();
            r.Read();
            var (min, max) = (r.GetInt64(0), r.GetInt64(1));
            if (max - min >= ParallelReadFloor) return AllAnalysisPosts(min - 1, max);
        }
        return FilteredAnalysisPosts(afterId, from, to);
    }

    private List<AnalysisPost> AllAnalysisPosts(long after, long last)
    {
        var middle = after + (last - after) / 2;
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, Mode = SqliteOpenMode.ReadOnly };
        using var second = new SqliteConnection(builder.ToString());
        second.Open();
        Exec(second, "PRAGMA busy_timeout = 10000; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
        var upper = Task.Run(() => ReadPostRange(second, middle, last));
        var posts = ReadPostRange(_db, after, middle);
        posts.AddRange(upper.GetAwaiter().GetResult());
        return posts;
    }

    /// <summary>The posts with ids in (<paramref name="after"/>, <paramref name="last"/>], in id order.</summary>
    private static List<AnalysisPost> ReadPostRange(SqliteConnection db, long after, long last)
    {
        var views = new Dictionary<long, long>();
        using (var cmd = db.CreateCommand())
        {
            // The latest non-empty snapshot of each post wins, as in the per-post lookup.
            cmd.CommandText = "SELECT post_id, views FROM metric_snapshots WHERE post_id > $a AND post_id <= $b AND views IS NOT NULL ORDER BY post_id, observed, rowid";
            cmd.Parameters.AddWithValue("$a", after);
            cmd.Parameters.AddWithValue("$b", last);
            using var r = cmd.ExecuteReader();
            while (r.Read()) views[r.GetInt64(0)] = r.GetInt64(1);
        }
        var posts = new List<AnalysisPost>();
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"SELECT {AnalysisColumns.Replace(LatestViews, "NULL", StringComparison.Ordinal)} FROM posts p JOIN sources s ON s.id = p.source_id WHERE p.id > $a AND p.id <= $b ORDER BY p.id";
            cmd.Parameters.AddWithValue("$a", after);
            cmd.Parameters.AddWithValue("$b", last);
            using var r = cmd.ExecuteReader();
            while (r.Read()) posts.Add(ReadAnalysisPost(r, views));
        }
        return posts;
    }

    private IEnumerable<AnalysisPost> FilteredAnalysisPosts(long afterId, DateTimeOffset? from, DateTimeOffset? to)
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

    /// <summary>A post as analysis reads it; its views from <paramref name="views"/> when given, else from its column.</summary>
    private static AnalysisPost ReadAnalysisPost(SqliteDataReader r, Dictionary<long, long>? views = null)
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
            Views = views is not null ? (views.TryGetValue(r.GetInt64(0), out var v) ? v : null) : r.IsDBNull(16) ? null : r.GetInt64(16),
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
