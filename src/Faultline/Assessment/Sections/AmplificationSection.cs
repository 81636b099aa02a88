using Faultline.Analysis;
using Faultline.Analysis.Cascades;
using Faultline.Analysis.Graph;
using Faultline.Assessment.Charts;
using static Faultline.Assessment.ReportProse;

namespace Faultline.Assessment.Sections;

/// <summary>
/// Amplification: the period's widest cascades (origin, size, channels, time to 90%, and how the content travelled:
/// forwards, citations, copies, rewrites), each written as cited sentences naming the origin and the first amplifiers;
/// a table of the top cascades; a timeline chart of cumulative posts per cascade; a channel graph of who took content
/// from whom; and coordination signals (channels posting the same text within minutes, again and again).
/// </summary>
/// <remarks>
/// Everything is read from the period's <see cref="SpreadSnapshot"/>: cascades are built from the posts inside the
/// period only, so a story that began earlier starts at its first post of the period (the section says so).
/// Cascades are ranked as the snapshot ranks them: most channels, then most posts.
/// </remarks>
internal sealed class AmplificationSection : IReportSection
{
    /// <summary>Cascades written up as sentences.</summary>
    public const int MaxWrittenCascades = 3;

    /// <summary>Cascades in the table and the timeline.</summary>
    public const int MaxTableCascades = 5;

    /// <summary>Amplifiers named per cascade.</summary>
    public const int FirstAmplifiers = 3;

    /// <summary>Channels drawn in the channel graph.</summary>
    public const int MaxGraphChannels = 10;

    /// <summary>Coordinated groups written up.</summary>
    public const int MaxGroups = 3;

    /// <inheritdoc />
    public string Id => "amplification";

    /// <inheritdoc />
    public string Heading => "Amplification";

    /// <inheritdoc />
    public SectionResult Build(ReportContext context)
    {
        var spread = context.Spread;
        if (spread.Cascades.Count == 0)
        {
            return SectionResult.Empty(spread.Posts.Count == 0
                ? "The archive holds no posts of the period, so there is no amplification to report."
                : $"None of the period's {Count(spread.Posts.Count, "post")} was forwarded, cited, copied or rewritten by another post of the period, " +
                  "so there is no cascade to report.");
        }

        // A channel repeating itself is not amplification: only cascades that reached another channel are written up.
        var top = spread.Cascades.Where(c => c.Channels >= 2).Take(MaxTableCascades).ToList();
        if (top.Count == 0)
        {
            return SectionResult.Empty($"The period's {Count(spread.Cascades.Count, "cascade")} stayed within the channel that started each, " +
                "so no channel amplified another.");
        }
        var how = HowTheyJoined(spread, top);
        var blocks = new List<Block>
        {
            new Note("A cascade is the set of posts of the period that forwarded, cited, copied or rewrote the same content, as Faultline's " +
                "edges link them; only posts inside the period count, so a story that began earlier starts at its first post of the period. " +
                "Cascades are ranked by the channels they reached, then by posts."),
        };
        var sentences = new List<Sentence>();
        var takeaways = new List<Takeaway>();
        for (var i = 0; i < Math.Min(MaxWrittenCascades, top.Count); i++)
        {
            var (opening, amplifiers) = CascadeSentences(context, top[i], how, i == 0);
            sentences.Add(opening);
            if (amplifiers is not null) sentences.Add(amplifiers);
            if (i == 0) takeaways.Add(new Takeaway(opening, Significance(top[i])));
        }
        blocks.Add(new Paragraph(sentences));
        blocks.Add(CascadeTable(context, top, how));
        blocks.Add(Timeline(context, spread, top));
        if (ChannelGraph(context, spread) is { } graph) blocks.Add(graph);
        blocks.AddRange(Coordination(context, spread));
        return new SectionResult(blocks, takeaways);
    }

    /// <summary>
    /// How a cascade's reach ranks among takeaways: channels reached (log scale, 31 channels → 1) plus known views
    /// (log scale, a million views → 0.3), capped at 1.
    /// </summary>
    internal static double Significance(Cascade cascade) =>
        Math.Min(1, Math.Log2(1 + cascade.Channels) / 5 + Math.Log10(1 + cascade.Reach) / 20);

    private static (Sentence Opening, Sentence? Amplifiers) CascadeSentences(ReportContext context, Cascade cascade,
        IReadOnlyDictionary<long, EdgeKind?> how, bool widest)
    {
        var origin = cascade.Origin;
        var opening = new Sentence(
            $"{Channel(context, origin.SourceId)} posted at {When(origin.Published)} what became {(widest ? "the period's widest cascade" : "a cascade")}: " +
            $"{Count(cascade.Size, "post")} in {Count(cascade.Channels, "channel")} within the period, 90% of them within {Duration(cascade.TimeTo90)} of the first" +
            (cascade.MembersWithViews > 0 ? $", with {Count(cascade.Reach, "view")} known" : "") + ".",
            [Quoting.Cite(context, origin.PostId)]);

        // The first post of each other channel, in time order.
        var firsts = cascade.Members.Skip(1)
            .Where(m => m.SourceId != origin.SourceId)
            .GroupBy(m => m.SourceId).Select(g => g.First())
            .OrderBy(m => m.Published).ThenBy(m => m.PostId)
            .Take(FirstAmplifiers).ToList();
        if (firsts.Count == 0) return (opening, null);
        var parts = firsts.Select(m => $"{Channel(context, m.SourceId)}, {Relation(how.GetValueOrDefault(m.PostId))} {Duration(m.LagBehindOrigin)} later").ToList();
        var amplifiers = new Sentence(
            (firsts.Count == 1 ? "The first other channel to carry it was " : "The first other channels to carry it were ") + string.Join("; ", parts.Take(parts.Count - 1)) +
            (parts.Count > 1 ? "; and " : "") + parts[^1] + ".",
            [.. firsts.Select(m => Quoting.Cite(context, m.PostId))]);
        return (opening, amplifiers);
    }

    /// <summary>
    /// For each non-origin member of the given cascades, the strongest kind of edge reaching it from an earlier member of
    /// its cascade (forward, then citation, copy, attribution, rewrite); null when it joined only by inference.
    /// </summary>
    private static Dictionary<long, EdgeKind?> HowTheyJoined(SpreadSnapshot spread, IReadOnlyList<Cascade> cascades)
    {
        var cascadeOf = new Dictionary<long, int>();
        for (var c = 0; c < cascades.Count; c++)
            foreach (var m in cascades[c].Members) cascadeOf.TryAdd(m.PostId, c);
        var result = cascadeOf.Keys.ToDictionary(id => id, _ => (EdgeKind?)null);
        foreach (var edge in spread.Edges)
        {
            if (!cascadeOf.TryGetValue(edge.Later, out var c) || !cascadeOf.TryGetValue(edge.Earlier, out var e) || c != e) continue;
            if (result[edge.Later] is not { } known || Strength(edge.Kind) > Strength(known)) result[edge.Later] = edge.Kind;
        }
        foreach (var cascade in cascades) result[cascade.Origin.PostId] = null;
        return result;

        static int Strength(EdgeKind kind) => kind switch
        {
            EdgeKind.Forward => 5,
            EdgeKind.Cites => 4,
            EdgeKind.Copy => 3,
            EdgeKind.Attribution => 2,
            _ => 1,
        };
    }

    private static string Relation(EdgeKind? kind) => kind switch
    {
        EdgeKind.Forward => "a forward",
        EdgeKind.Cites => "a post linking to it",
        EdgeKind.Copy => "a copy",
        EdgeKind.Attribution => "a post naming its channel",
        EdgeKind.Echo => "a rewrite",
        _ => "a related post",
    };

    private static string HowSpread(Cascade cascade, IReadOnlyDictionary<long, EdgeKind?> how)
    {
        var counts = cascade.Members.Skip(1).CountBy(m => how.GetValueOrDefault(m.PostId) is { } k ? (int)k : -1).ToDictionary();
        var parts = new (int Kind, string One, string Many)[]
        {
            ((int)EdgeKind.Forward, "forward", "forwards"), ((int)EdgeKind.Cites, "citation", "citations"), ((int)EdgeKind.Copy, "copy", "copies"),
            ((int)EdgeKind.Echo, "rewrite", "rewrites"), ((int)EdgeKind.Attribution, "attribution", "attributions"), (-1, "inferred", "inferred"),
        }.Where(p => counts.GetValueOrDefault(p.Kind) > 0).Select(p => Count(counts[p.Kind], p.One, p.Many)).ToList();
        return parts.Count == 0 ? "–" : string.Join(", ", parts);
    }

    private static Table CascadeTable(ReportContext context, IReadOnlyList<Cascade> cascades, IReadOnlyDictionary<long, EdgeKind?> how) => new(
        "The period's widest cascades",
        ["Origin", "First post (UTC)", "Posts", "Channels", "90% within", "How it spread", "Known views"],
        cascades.Select(c => (IReadOnlyList<Sentence>)
        [
            new Sentence(Channel(context, c.Origin.SourceId), [Quoting.Cite(context, c.Origin.PostId)]),
            Cell(c.Origin.Published.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            Cell(c.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Cell(c.Channels.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Cell(c.Size > 1 ? Duration(c.TimeTo90) : "–"),
            Cell(HowSpread(c, how)),
            Cell(c.MembersWithViews == 0 ? "unknown" : c.Reach.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)),
        ]).ToList());

    private static Sentence Cell(string text) => new(text, []);

    private static Chart Timeline(ReportContext context, SpreadSnapshot spread, IReadOnlyList<Cascade> cascades)
    {
        var from = context.From;
        var series = cascades.Select(c =>
        {
            var points = new List<ChartPoint>(c.Size + 1);
            for (var i = 0; i < c.Members.Count; i++) points.Add(new ChartPoint((c.Members[i].Published - from).TotalHours, i + 1));
            points.Add(new ChartPoint((context.To - from).TotalHours, c.Size)); // carry the line to the end of the period
            var label = spread.Labels.GetValueOrDefault(c.Origin.SourceId) ?? Channel(context, c.Origin.SourceId);
            return new ChartSeries($"{Svg.Shorten(label, 24)} {c.Origin.Published.UtcDateTime:MM-dd HH:mm}", points, SeriesStyle.Step);
        }).ToList();
        var chart = new LineChart
        {
            Title = $"Cumulative posts of the period's widest cascades, {context.From:yyyy-MM-dd} to {context.To.AddDays(-1):yyyy-MM-dd}",
            X = XAxis.Hours(context.From, context.To),
            YLabel = "posts",
            YMin = 0,
            Series = series,
        };
        var alt = "Cumulative posts per cascade over the period: " +
            string.Join("; ", cascades.Select(c => $"{spread.Labels.GetValueOrDefault(c.Origin.SourceId)} from {c.Origin.Published.UtcDateTime:HH:mm} UTC, " +
                $"{Count(c.Size, "post")}, 90% within {Duration(c.TimeTo90)}")) + ".";
        return new Chart("Cascade timelines: posts carrying each of the widest cascades, counted as they appeared (UTC); each line starts at the origin's post.",
            chart.Render(), alt);
    }

    private static Chart? ChannelGraph(ReportContext context, SpreadSnapshot spread)
    {
        var graph = AmplificationGraph.Build(spread.Posts, spread.Edges, context.From, context.To);
        if (graph.Edges.Count == 0) return null;
        var degree = new Dictionary<long, int>();
        foreach (var e in graph.Edges)
        {
            degree[e.Source] = degree.GetValueOrDefault(e.Source) + e.Weight;
            degree[e.Target] = degree.GetValueOrDefault(e.Target) + e.Weight;
        }
        var channels = degree.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(MaxGraphChannels).Select(kv => kv.Key).ToList();
        var index = channels.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var label = channels.ToDictionary(id => id, id => spread.Labels.GetValueOrDefault(id) ?? Channel(context, id));
        var links = graph.Edges.Where(e => index.ContainsKey(e.Source) && index.ContainsKey(e.Target))
            .Select(e => new NetworkLink(index[e.Source], index[e.Target], e.Weight, $"{label[e.Source]} → {label[e.Target]}: {Kinds(e)}"))
            .ToList();
        var nodes = channels.Select(id => new NetworkNode(label[id], graph.Nodes.FirstOrDefault(n => n.SourceId == id)?.Posts ?? 0)).ToList();
        var chart = new NetworkChart { Title = $"Who took content from whom, {context.From:yyyy-MM-dd} to {context.To.AddDays(-1):yyyy-MM-dd}", Nodes = nodes, Links = links };
        var alt = $"Amplification among the {Count(channels.Count, "busiest channel")} of the period: " +
            string.Join("; ", links.OrderByDescending(l => l.Weight).Take(8).Select(l => l.Tooltip)) + ".";
        return new Chart("Channel graph: an arrow runs from the channel whose post was taken to the channel that forwarded, cited, copied or rewrote it; " +
            "its width grows with the number of such posts; circles grow with the channel's posts in the period.", chart.Render(), alt);

        static string Kinds(AmplificationEdge e) => string.Join(", ", new[]
        {
            (e.Forwards, "forward", "forwards"), (e.Cites, "citation", "citations"), (e.Copies, "copy", "copies"),
            (e.Echoes, "rewrite", "rewrites"), (e.Attributions, "attribution", "attributions"),
        }.Where(k => k.Item1 > 0).Select(k => Count(k.Item1, k.Item2, k.Item3)));
    }

    private static IEnumerable<Block> Coordination(ReportContext context, SpreadSnapshot spread)
    {
        var options = CoordinationOptions.Default;
        var report = CoordinationDetector.Detect(spread.Cascades, spread.Edges, options);
        if (report.Groups.Count == 0)
        {
            yield return new Note($"No two channels posted the same text within {Duration(options.Window)} of each other in " +
                $"{options.MinCascades} or more cascades of the period (coordination check).");
            yield break;
        }
        var byId = spread.Cascades.ToDictionary(c => c.Id);
        var sentences = new List<Sentence>();
        foreach (var group in report.Groups.Take(MaxGroups))
        {
            // Cite each channel's post in one cascade where the whole group posted together (else the first shared one).
            var cascade = byId[group.JointCascadeIds.Count > 0 ? group.JointCascadeIds[0] : group.CascadeIds[0]];
            var citations = group.SourceIds
                .Select(s => cascade.Members.Where(m => m.SourceId == s).Select(m => (long?)m.PostId).FirstOrDefault())
                .OfType<long>().Select(id => Quoting.Cite(context, id)).ToArray();
            if (citations.Length == 0) continue;
            var names = group.SourceIds.Select(id => Channel(context, id)).ToList();
            sentences.Add(new Sentence($"{List(names)} posted the same text within {Duration(options.Window)} of one another in " +
                $"{Count(group.CascadeIds.Count, "cascade")} of the period" +
                (group.JointCascadeIds.Count > 0 && group.SourceIds.Count > 2 ? $", all of them together in {group.JointCascadeIds.Count}" : "") + ".",
                citations));
        }
        if (sentences.Count > 0) yield return new Paragraph(sentences);
        yield return new Note("Posting the same text within minutes, repeatedly, shows synchrony, not who arranged it: channels copying one " +
            "wire feed or one press service are flagged too.");
    }
}
