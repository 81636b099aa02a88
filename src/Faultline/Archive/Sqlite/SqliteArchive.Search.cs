using System.Text;
using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

public sealed partial class SqliteArchive
{
    /// <summary>
    /// How many of the newest matching posts are ranked. Ranking every hit of a common word over a
    /// million posts would cost seconds; the newest thousand are what an analyst reads first.
    /// </summary>
    public const int RankingCap = 1000;

    /// <inheritdoc />
    public SearchResult Search(SearchQuery query)
    {
        var node = QueryNode.Parse(query.Text);
        var match = ToFts(node, top: true);
        var where = new StringBuilder("posts_fts MATCH $q");
        using var cmd = _db.CreateCommand();
        cmd.Parameters.AddWithValue("$q", match);
        if (query.From is { } from) { where.Append(" AND p.published >= $from"); cmd.Parameters.AddWithValue("$from", Time.ToMs(from)); }
        if (query.To is { } to) { where.Append(" AND p.published < $to"); cmd.Parameters.AddWithValue("$to", Time.ToMs(to)); }
        if (query.Language is { Length: > 0 } lang) { where.Append(" AND p.language = $lang"); cmd.Parameters.AddWithValue("$lang", lang.ToLowerInvariant()); }
        if (!query.IncludeDeleted) where.Append(" AND p.deleted_at IS NULL");
        if (query.Source is { Length: > 0 } source)
        {
            var id = ResolveSource(source) ?? throw new ArchiveException($"no source matches '{source}' (see `faultline sources`)");
            where.Append(" AND p.source_id = $src");
            cmd.Parameters.AddWithValue("$src", id);
        }
        if (query.LinksTo is { Length: > 0 } target)
        {
            var t = target.Trim();
            bool isTelegram = t.StartsWith('@') || t.Contains("t.me/", StringComparison.OrdinalIgnoreCase) || !t.Contains('.');
            if (isTelegram)
            {
                var handle = NormalizeHandle(t);
                where.Append(" AND (EXISTS (SELECT 1 FROM post_links l WHERE l.post_id = p.id AND l.tg_handle = $lt) OR p.forward_handle = $lt)");
                cmd.Parameters.AddWithValue("$lt", handle);
            }
            else
            {
                var url = t.Contains("://", StringComparison.Ordinal) ? t : null;
                var host = (url is null ? t : new Uri(url).Host).ToLowerInvariant();
                if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
                if (url is not null && new Uri(url).AbsolutePath.Length > 1)
                {
                    where.Append(" AND EXISTS (SELECT 1 FROM post_links l WHERE l.post_id = p.id AND l.url LIKE $lu ESCAPE '\\')");
                    cmd.Parameters.AddWithValue("$lu", url.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
                }
                else
                {
                    where.Append(" AND EXISTS (SELECT 1 FROM post_links l WHERE l.post_id = p.id AND (l.host = $lh OR l.host LIKE $lsub))");
                    cmd.Parameters.AddWithValue("$lh", host);
                    cmd.Parameters.AddWithValue("$lsub", "%." + host);
                }
            }
        }
        cmd.CommandText = $"""
            SELECT f.rowid, bm25(posts_fts) FROM posts_fts f JOIN posts p ON p.id = f.rowid
            WHERE {where} ORDER BY f.rowid DESC LIMIT {RankingCap + 1}
            """;
        var scored = new List<(long Id, double Score)>();
        try
        {
            using var r = cmd.ExecuteReader();
            while (r.Read()) scored.Add((r.GetInt64(0), r.GetDouble(1)));
        }
        catch (SqliteException e)
        {
            throw new ArchiveException($"search failed: {e.Message}", e);
        }
        bool capped = scored.Count > RankingCap;
        if (capped) scored.RemoveAt(scored.Count - 1);
        // bm25() is lower-is-better; newer first among equals.
        var top = scored.OrderBy(s => s.Score).ThenByDescending(s => s.Id).Take(Math.Max(1, query.Limit)).ToList();
        if (top.Count == 0) return new SearchResult([], 0, false);
        var ids = string.Join(",", top.Select(t => t.Id));
        var posts = QueryPosts($"WHERE p.id IN ({ids})").ToDictionary(p => p.Id);
        var terms = node.PositiveTerms();
        var hits = top.Where(t => posts.ContainsKey(t.Id)).Select(t =>
        {
            var p = posts[t.Id];
            // The excerpt comes from the text; the headline only when the match is there alone.
            var snippet = Snippets.Build(p.Post.Text, p.Language, terms);
            if (snippet.Highlights.Count == 0 && !string.IsNullOrEmpty(p.Post.Title) && Snippets.Build(p.Post.Title, p.Language, terms) is { Highlights.Count: > 0 } headline)
                snippet = headline;
            return new SearchHit(p, -t.Score, snippet);
        }).ToList();
        return new SearchResult(hits, scored.Count, capped);
    }

    /// <summary>Renders the query for FTS5, whose index holds stems.</summary>
    private static string ToFts(QueryNode node, bool top)
    {
        switch (node)
        {
            case WordNode w:
                return w.Stems.Count == 1 ? Quote(w.Stems[0]) : "(" + string.Join(" OR ", w.Stems.Select(Quote)) + ")";
            case PrefixNode p:
                return Quote(p.Prefix) + "*";
            case PhraseNode ph:
                return Quote(string.Join(' ', ph.Stems));
            case OrNode o:
                return "(" + string.Join(" OR ", o.Items.Select(i => ToFts(i, false))) + ")";
            case AndNode a:
            {
                var positive = a.Items.Where(i => i is not NotNode).Select(i => ToFts(i, false)).ToList();
                var negative = a.Items.OfType<NotNode>().Select(n => ToFts(n.Inner, false)).ToList();
                if (positive.Count == 0) throw new FormatException("a query needs at least one word to look for, not only NOT");
                var s = string.Join(" AND ", positive);
                foreach (var n in negative) s = "(" + s + ") NOT " + n;
                return top ? s : "(" + s + ")";
            }
            case NotNode:
                throw new FormatException("a query needs at least one word to look for, not only NOT");
            default:
                throw new FormatException("unsupported query");
        }
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}
