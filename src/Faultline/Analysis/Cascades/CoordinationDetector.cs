namespace Faultline.Analysis.Cascades;

/// <summary>Thresholds for <see cref="CoordinationDetector"/>.</summary>
internal sealed record CoordinationOptions
{
    /// <summary>Defaults: the same text within 5 minutes, in at least 3 distinct cascades.</summary>
    public static CoordinationOptions Default { get; } = new();

    /// <summary>Two posts of the same text count as together when at most this far apart. Default 5 minutes.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Distinct cascades a pair must share before it is flagged. Default 3.</summary>
    public int MinCascades { get; init; } = 3;
}

/// <summary>Two channels that posted the same text within the window in <see cref="CascadeIds"/> (ascending).</summary>
internal sealed record CoordinatedPair(long SourceA, long SourceB, IReadOnlyList<long> CascadeIds);

/// <summary>
/// A maximal set of channels every two of which are a flagged pair. <see cref="CascadeIds"/> is the union of its
/// pairs' cascades; <see cref="JointCascadeIds"/> those in which every channel of the group took part together.
/// </summary>
internal sealed record CoordinatedGroup(IReadOnlyList<long> SourceIds, IReadOnlyList<CoordinatedPair> Pairs,
    IReadOnlyList<long> CascadeIds, IReadOnlyList<long> JointCascadeIds);

/// <summary>Flagged pairs and groups.</summary>
internal sealed record CoordinationReport(IReadOnlyList<CoordinatedPair> Pairs, IReadOnlyList<CoordinatedGroup> Groups);

/// <summary>
/// Flags channels that post the same text within a short window again and again. Sees only Copy edges inside
/// cascades; a flag shows repeated synchrony, not who coordinated it: channels copying the same wire feed
/// within minutes are flagged too.
/// </summary>
/// <remarks>
/// "The same text": posts of one cascade joined by a chain of Copy edges (so two copies of one original pair up
/// even when the copy stage linked each only to the original). Within each such copy cluster, posts of two
/// different channels at most <see cref="CoordinationOptions.Window"/> apart make the channel pair co-post in that
/// cascade. Pairs that co-post in ≥ <see cref="CoordinationOptions.MinCascades"/> distinct cascades are flagged;
/// groups are the maximal cliques (Bron–Kerbosch) of the flagged-pair graph, so a chain A–B, B–C does not make
/// A and C a group.
/// </remarks>
internal static class CoordinationDetector
{
    /// <summary>Stage id.</summary>
    public const string Id = "coordination";

    /// <summary>One line for analysts.</summary>
    public const string Description =
        "Flags groups of channels that post the same text within 5 minutes in at least 3 cascades; shows synchrony, not intent: channels copying one wire feed are flagged too.";

    /// <summary>Finds the flagged pairs and groups; both ordered by most cascades first.</summary>
    public static CoordinationReport Detect(IReadOnlyList<Cascade> cascades, IReadOnlyList<PostEdge> edges, CoordinationOptions? options = null)
    {
        options ??= CoordinationOptions.Default;
        var memberOf = new Dictionary<long, (int Cascade, CascadeMember Member)>();
        for (var c = 0; c < cascades.Count; c++)
            foreach (var member in cascades[c].Members) memberOf.TryAdd(member.PostId, (c, member));

        // Copy clusters: union-find over the posts of copy edges that stay inside one cascade.
        var node = new Dictionary<long, int>();
        var parent = new List<int>();
        foreach (var edge in edges)
        {
            if (edge.Kind != EdgeKind.Copy) continue;
            if (!memberOf.TryGetValue(edge.Earlier, out var a) || !memberOf.TryGetValue(edge.Later, out var b) || a.Cascade != b.Cascade) continue;
            var ra = Find(Node(edge.Earlier));
            var rb = Find(Node(edge.Later));
            if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        var clusters = new Dictionary<int, List<CascadeMember>>();
        foreach (var (post, i) in node)
        {
            var root = Find(i);
            if (!clusters.TryGetValue(root, out var list)) clusters[root] = list = [];
            list.Add(memberOf[post].Member);
        }

        var pairCascades = new Dictionary<(long, long), SortedSet<long>>();
        var togetherIn = new Dictionary<long, HashSet<long>>(); // cascade → channels that co-posted in it
        var window = options.Window;
        foreach (var cluster in clusters.Values)
        {
            cluster.Sort((x, y) => x.Published != y.Published ? x.Published.CompareTo(y.Published) : x.PostId.CompareTo(y.PostId));
            var cascadeId = cascades[memberOf[cluster[0].PostId].Cascade].Id;
            for (var i = 0; i < cluster.Count; i++)
            {
                for (var j = i + 1; j < cluster.Count && cluster[j].Published - cluster[i].Published <= window; j++)
                {
                    var (x, y) = (cluster[i].SourceId, cluster[j].SourceId);
                    if (x == y) continue;
                    var key = x < y ? (x, y) : (y, x);
                    if (!pairCascades.TryGetValue(key, out var set)) pairCascades[key] = set = [];
                    set.Add(cascadeId);
                    if (!togetherIn.TryGetValue(cascadeId, out var channels)) togetherIn[cascadeId] = channels = [];
                    channels.Add(x);
                    channels.Add(y);
                }
            }
        }

        var pairs = pairCascades
            .Where(kv => kv.Value.Count >= options.MinCascades)
            .Select(kv => new CoordinatedPair(kv.Key.Item1, kv.Key.Item2, kv.Value.ToArray()))
            .OrderByDescending(p => p.CascadeIds.Count).ThenBy(p => p.SourceA).ThenBy(p => p.SourceB)
            .ToArray();

        var neighbours = new SortedDictionary<long, SortedSet<long>>();
        foreach (var pair in pairs)
        {
            Neighbours(pair.SourceA).Add(pair.SourceB);
            Neighbours(pair.SourceB).Add(pair.SourceA);
        }
        var cliques = new List<long[]>();
        BronKerbosch([], [.. neighbours.Keys], [], neighbours, cliques);
        var byKey = pairs.ToDictionary(p => (p.SourceA, p.SourceB));
        var groups = cliques.Select(clique =>
        {
            var groupPairs = new List<CoordinatedPair>();
            for (var i = 0; i < clique.Length; i++)
                for (var j = i + 1; j < clique.Length; j++) groupPairs.Add(byKey[(clique[i], clique[j])]);
            var all = groupPairs.SelectMany(p => p.CascadeIds).Distinct().Order().ToArray();
            var joint = all.Where(id => togetherIn[id].IsSupersetOf(clique)).ToArray();
            return new CoordinatedGroup(clique, groupPairs, all, joint);
        })
        .OrderByDescending(g => g.SourceIds.Count).ThenByDescending(g => g.JointCascadeIds.Count).ThenBy(g => g.SourceIds[0])
        .ToArray();
        return new CoordinationReport(pairs, groups);

        int Node(long post)
        {
            if (!node.TryGetValue(post, out var i)) { node[post] = i = parent.Count; parent.Add(i); }
            return i;
        }

        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }

        SortedSet<long> Neighbours(long source)
        {
            if (!neighbours.TryGetValue(source, out var set)) neighbours[source] = set = [];
            return set;
        }
    }

    /// <summary>Maximal cliques with pivoting; each clique comes out sorted ascending.</summary>
    private static void BronKerbosch(List<long> r, List<long> p, List<long> x, SortedDictionary<long, SortedSet<long>> graph, List<long[]> cliques)
    {
        if (p.Count == 0 && x.Count == 0)
        {
            if (r.Count >= 2) cliques.Add([.. r.Order()]);
            return;
        }
        var pivot = p.Concat(x).MaxBy(v => graph[v].Count(p.Contains));
        foreach (var v in p.Where(v => !graph[pivot].Contains(v)).ToArray())
        {
            BronKerbosch([.. r, v], [.. p.Where(graph[v].Contains)], [.. x.Where(graph[v].Contains)], graph, cliques);
            p.Remove(v);
            x.Add(v);
        }
    }
}
