using Faultline.Analysis.Claims;

namespace Faultline.Archive.Sqlite;

public sealed partial class SqliteArchive
{
    /// <inheritdoc />
    public IReadOnlyList<Claim> ClaimsTouching(DateTimeOffset from, DateTimeOffset to)
    {
        // Claim ids through the publication index and the member index, then those claims whole: a period's claims
        // without reading every claim of the archive.
        var ids = new SortedSet<long>();
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = """
                SELECT DISTINCT m.claim_id FROM posts p JOIN claim_members m ON m.post_id = p.id
                WHERE p.published >= $from AND p.published < $to
                """;
            cmd.Parameters.AddWithValue("$from", Time.ToMs(from));
            cmd.Parameters.AddWithValue("$to", Time.ToMs(to));
            using var r = cmd.ExecuteReader();
            while (r.Read()) ids.Add(r.GetInt64(0));
        }
        var members = new Dictionary<long, List<ClaimMember>>();
        var claims = new List<(long FirstPost, Claim Claim)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var list = string.Join(",", chunk);
            using (var cmd = _db.CreateCommand())
            {
                cmd.CommandText = $"""
                    SELECT m.claim_id, m.post_id, p.source_id, p.published, m.role, m.evidence
                    FROM claim_members m JOIN posts p ON p.id = m.post_id WHERE m.claim_id IN ({list}) ORDER BY m.claim_id, p.published, m.post_id
                    """;
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    if (!members.TryGetValue(r.GetInt64(0), out var ms)) members[r.GetInt64(0)] = ms = [];
                    ms.Add(new ClaimMember(r.GetInt64(1), r.GetInt64(2), Time.FromMs(r.GetInt64(3)), Enum.Parse<ClaimRole>(r.GetString(4)))
                    {
                        Evidence = Json.ReadList<string>(Str(r, 5)),
                    });
                }
            }
            using var c = _db.CreateCommand();
            c.CommandText = $"SELECT id, title, language, status, key_terms, actors, lifecycle, first_post FROM claims WHERE id IN ({list})";
            using var cr = c.ExecuteReader();
            while (cr.Read())
            {
                var id = cr.GetInt64(0);
                claims.Add((cr.GetInt64(7), new Claim(id, cr.GetString(1), cr.GetString(2), members.GetValueOrDefault(id) ?? [], Json.ReadList<LifecycleEvent>(cr.GetString(6)),
                    Enum.Parse<ClaimStatus>(cr.GetString(3)))
                {
                    KeyTerms = Json.ReadList<string>(Str(cr, 4)),
                    Actors = Json.ReadList<string>(Str(cr, 5)),
                }));
            }
        }
        return claims.OrderByDescending(c => c.FirstPost).ThenByDescending(c => c.Claim.Id).Select(c => c.Claim).ToList();
    }
}
