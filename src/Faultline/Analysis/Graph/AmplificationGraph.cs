namespace Faultline.Analysis.Graph;

/// <summary>A channel in the amplification graph.</summary>
/// <param name="SourceId">The archive's source id.</param>
/// <param name="Label">Handle (without @: a leading @ turns a CSV cell into a formula in spreadsheets), else title, else "source N"; made unique by appending " #N" on a clash.</param>
/// <param name="Handle">The public handle, when known.</param>
/// <param name="Title">The title, when known.</param>
/// <param name="Posts">Its posts inside the date range.</param>
internal sealed record ChannelNode(long SourceId, string Label, string? Handle, string? Title, int Posts);

/// <summary>
/// Content flowing from <see cref="Source"/> (the channel of the earlier post: the amplified) to <see cref="Target"/>
/// (the channel of the later post: the amplifier). Gephi's in-degree then counts who gets amplified.
/// </summary>
internal sealed record AmplificationEdge(long Source, long Target, int Forwards, int Copies, int Echoes, int Cites, int Attributions)
{
    /// <summary>Total weight: the number of post pairs behind the edge, all kinds counted alike.</summary>
    public int Weight => Forwards + Copies + Echoes + Cites + Attributions;

    /// <summary>The post edges behind this channel edge, in input order.</summary>
    public IReadOnlyList<PostEdge> Posts { get; init; } = [];

    /// <summary>The count of one kind.</summary>
    public int Count(EdgeKind kind) => kind switch
    {
        EdgeKind.Forward => Forwards,
        EdgeKind.Copy => Copies,
        EdgeKind.Echo => Echoes,
        EdgeKind.Cites => Cites,
        _ => Attributions,
    };
}

/// <summary>
/// Channel-to-channel amplification: who took content from whom, counted per kind of evidence, over an optional date
/// range. Counts post pairs, not distinct stories, and leaves out a channel repeating itself (no self-loops).
/// </summary>
internal sealed class AmplificationGraph
{
    /// <summary>One line for analysts.</summary>
    public const string Description =
        "Draws who amplifies whom: channel-to-channel edges counted per forward, copy, echo, citation and attribution over a date range; counts post pairs, not stories, and ignores a channel repeating itself.";

    private AmplificationGraph(IReadOnlyList<ChannelNode> nodes, IReadOnlyList<AmplificationEdge> edges, DateTimeOffset? from, DateTimeOffset? to)
    {
        Nodes = nodes;
        Edges = edges;
        From = from;
        To = to;
    }

    /// <summary>Channels with a post in the range or an edge, ordered by source id.</summary>
    public IReadOnlyList<ChannelNode> Nodes { get; }
    /// <summary>Edges, heaviest first (then by source and target id).</summary>
    public IReadOnlyList<AmplificationEdge> Edges { get; }
    /// <summary>Start of the range (inclusive), when given.</summary>
    public DateTimeOffset? From { get; }
    /// <summary>End of the range (exclusive), when given.</summary>
    public DateTimeOffset? To { get; }

    /// <summary>
    /// Builds the graph from the post edges whose later post was published in [<paramref name="from"/>,
    /// <paramref name="to"/>) (either end open when null). Edges naming an unknown post are skipped. A date-only
    /// "--to" should be passed as the next day's midnight to include that day.
    /// </summary>
    public static AmplificationGraph Build(IReadOnlyList<AnalysisPost> posts, IReadOnlyList<PostEdge> edges, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var byId = new Dictionary<long, AnalysisPost>(posts.Count);
        foreach (var post in posts) byId.TryAdd(post.Id, post);

        var channels = new SortedDictionary<long, (string? Handle, string? Title, int Posts)>();
        foreach (var post in posts)
        {
            channels.TryGetValue(post.SourceId, out var c);
            channels[post.SourceId] = (c.Handle ?? post.Handle, c.Title ?? post.SourceTitle, c.Posts + (InRange(post.Published) ? 1 : 0));
        }

        var pairs = new Dictionary<(long, long), (int[] Counts, List<PostEdge> Posts)>();
        foreach (var edge in edges)
        {
            if (!byId.TryGetValue(edge.Earlier, out var earlier) || !byId.TryGetValue(edge.Later, out var later)) continue;
            if (!InRange(later.Published) || earlier.SourceId == later.SourceId) continue;
            var key = (earlier.SourceId, later.SourceId);
            if (!pairs.TryGetValue(key, out var acc)) pairs[key] = acc = (new int[5], []);
            acc.Counts[(int)edge.Kind]++;
            acc.Posts.Add(edge);
        }

        var edgeList = pairs
            .Select(kv => new AmplificationEdge(kv.Key.Item1, kv.Key.Item2, kv.Value.Counts[0], kv.Value.Counts[1], kv.Value.Counts[2], kv.Value.Counts[3], kv.Value.Counts[4])
            { Posts = kv.Value.Posts })
            .OrderByDescending(e => e.Weight).ThenBy(e => e.Source).ThenBy(e => e.Target)
            .ToArray();
        var used = new HashSet<long>(edgeList.SelectMany(e => new[] { e.Source, e.Target }));
        var kept = channels.Where(kv => kv.Value.Posts > 0 || used.Contains(kv.Key)).ToArray();

        // Labels must be unique: Gephi's CSV import and many readers key nodes by label.
        var baseLabels = kept.Select(kv => Label(kv.Key, kv.Value.Handle, kv.Value.Title)).ToArray();
        var clashes = baseLabels.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var nodes = kept.Select((kv, i) => new ChannelNode(kv.Key,
            clashes.Contains(baseLabels[i]) ? $"{baseLabels[i]} #{kv.Key}" : baseLabels[i], kv.Value.Handle, kv.Value.Title, kv.Value.Posts)).ToArray();
        return new AmplificationGraph(nodes, edgeList, from, to);

        bool InRange(DateTimeOffset t) => (from is null || t >= from) && (to is null || t < to);

        // Labels carry no control characters or lone surrogates, so every format shows the same one.
        static string Label(long id, string? handle, string? title)
            => !string.IsNullOrWhiteSpace(handle) ? GraphWriting.Safe(handle.TrimStart('@'))
                : !string.IsNullOrWhiteSpace(title) ? GraphWriting.Safe(title.Trim())
                : $"source {id}";
    }

    /// <summary>The node of a source id.</summary>
    public ChannelNode Node(long sourceId) => Nodes.First(n => n.SourceId == sourceId);
}
