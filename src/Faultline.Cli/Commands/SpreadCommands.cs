using System.CommandLine;
using System.Globalization;
using Faultline.Analysis;
using Faultline.Analysis.Cascades;
using Faultline.Analysis.Graph;
using Faultline.Archive;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline cascades`, `cascade ID`, `channel HANDLE`, `graph`: how content spread.</summary>
internal static class SpreadCommands
{
    private static Option<string?> From() => new("--from") { Description = "Posts published on or after (YYYY-MM-DD, UTC)" };
    private static Option<string?> To() => new("--to") { Description = "Posts published up to the end of this day (YYYY-MM-DD, UTC)" };

    private static SpreadSnapshot? Load(ParseResult parse, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct, out IArchive? archive)
    {
        archive = Globals.OpenExisting(parse);
        if (archive is null) return null;
        AnalyseCommand.EnsureFresh(archive, parse.GetValue(Globals.Json), ct);
        return SpreadSnapshot.Load(archive, from, to);
    }

    private static string Span(TimeSpan t) => DuplicatesCommand.Lag(t.TotalMinutes).TrimStart('+');

    private static string Snip(string s, int n = 90)
    {
        var one = s.ReplaceLineEndings(" ");
        return one.Length <= n ? one : one[..n] + "…";
    }

    public static Command Cascades()
    {
        var from = From();
        var to = To();
        var minChannels = new Option<int>("--min-channels") { Description = "Only cascades reaching at least this many channels", DefaultValueFactory = _ => 2 };
        var limit = new Option<int>("--limit") { Description = "How many to list", DefaultValueFactory = _ => 20 };
        var cmd = new Command("cascades", "List the cascades: posts that spread the same content, largest first, with origin, reach and speed") { from, to, minChannels, limit };
        cmd.SetAction((parse, ct) =>
        {
            var (f, t) = Globals.Window(parse, from, to);
            var snapshot = Load(parse, f, t, ct, out var archive);
            using var _ = archive;
            if (snapshot is null) return Task.FromResult(2);
            var list = snapshot.Cascades.Where(c => c.Channels >= parse.GetValue(minChannels)).Take(Math.Max(1, parse.GetValue(limit))).ToList();
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(list.Select(c => Summary(snapshot, c)));
                return Task.FromResult(0);
            }
            if (list.Count == 0)
            {
                AnsiConsole.MarkupLine("No cascades in this window.");
                return Task.FromResult(0);
            }
            var table = Output.Table("id", "origin (UTC)", "origin channel", "posts", "channels", "50%", "90%", "reach", "kinds", "origin text");
            foreach (var c in list)
            {
                var origin = snapshot.Post(c.Id);
                table.AddRow(c.Id.ToString(CultureInfo.InvariantCulture), Output.Time(origin.Published), Output.Esc(snapshot.Labels[origin.SourceId]), c.Size.ToString(CultureInfo.InvariantCulture),
                    c.Channels.ToString(CultureInfo.InvariantCulture), Span(c.TimeTo50), Span(c.TimeTo90), c.MembersWithViews > 0 ? Output.N(c.Reach) : "—",
                    string.Join(",", c.Kinds.Kinds().Select(k => k.ToString().ToLowerInvariant())), Output.Esc(Snip(origin.Text)));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{snapshot.Cascades.Count} cascade(s) in all; `faultline cascade ID` shows one.[/]");
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static object Summary(SpreadSnapshot s, Cascade c)
    {
        var origin = s.Post(c.Id);
        return new
        {
            id = c.Id,
            origin = new { postId = origin.Id, channel = s.Labels[origin.SourceId], nativeId = origin.NativeId, published = origin.Published, text = Snip(origin.Text, 200) },
            size = c.Size,
            channels = c.Channels,
            timeTo50Minutes = Math.Round(c.TimeTo50.TotalMinutes, 1),
            timeTo90Minutes = Math.Round(c.TimeTo90.TotalMinutes, 1),
            durationMinutes = Math.Round(c.Duration.TotalMinutes, 1),
            reach = c.Reach,
            membersWithViews = c.MembersWithViews,
            kinds = c.Kinds.Kinds().Select(k => k.ToString().ToLowerInvariant()),
        };
    }

    public static Command CascadeDetail()
    {
        var id = new Argument<long>("ID") { Description = "A cascade id (the origin post's id, from `faultline cascades`)" };
        var cmd = new Command("cascade", "Show one cascade as a timeline: every member post with its channel, parent, lag and how it relates") { id };
        cmd.SetAction((parse, ct) =>
        {
            var snapshot = Load(parse, null, null, ct, out var archive);
            using var _ = archive;
            if (snapshot is null) return Task.FromResult(2);
            var wanted = parse.GetValue(id);
            var cascade = snapshot.Cascades.FirstOrDefault(c => c.Id == wanted || c.Members.Any(m => m.PostId == wanted));
            if (cascade is null)
            {
                Output.Error($"no cascade {wanted} (see `faultline cascades`)");
                return Task.FromResult(1);
            }
            var members = cascade.Members.Select(m =>
            {
                var p = snapshot.Post(m.PostId);
                var kinds = m.ParentPostId is { } parent ? snapshot.KindsBetween(parent, m.PostId) : EdgeKindSet.None;
                return new
                {
                    postId = m.PostId,
                    channel = snapshot.Labels[m.SourceId],
                    nativeId = p.NativeId,
                    published = p.Published,
                    lagMinutes = Math.Round(m.LagBehindOrigin.TotalMinutes, 1),
                    parentPostId = m.ParentPostId,
                    parentChannel = m.ParentSourceId is { } ps ? snapshot.Labels[ps] : null,
                    parentReason = m.Reason.ToString().ToLowerInvariant(),
                    relation = kinds.Kinds().Select(k => k.ToString().ToLowerInvariant()),
                    views = m.Views,
                    deleted = p.Deleted,
                    text = Snip(p.Text, 200),
                };
            }).ToList();
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(new { cascade = Summary(snapshot, cascade), members });
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"[bold]Cascade {cascade.Id}[/]: {cascade.Size} posts in {cascade.Channels} channels over {Span(cascade.Duration)}; " +
                                   $"50% after {Span(cascade.TimeTo50)}, 90% after {Span(cascade.TimeTo90)}" + (cascade.MembersWithViews > 0 ? $"; reach {Output.N(cascade.Reach)} views ({cascade.MembersWithViews} with counts)" : ""));
            var table = Output.Table("when (UTC)", "lag", "channel/post", "parent", "via", "text");
            foreach (var m in members)
            {
                table.AddRow(Output.Time(m.published), m.postId == cascade.Id ? "origin" : DuplicatesCommand.Lag(m.lagMinutes),
                    Output.Esc($"{m.channel}/{m.nativeId}") + (m.deleted ? " [red]deleted[/]" : ""),
                    m.parentChannel is null ? "" : Output.Esc(m.parentChannel) + $" [grey]({m.parentReason})[/]",
                    string.Join(",", m.relation), Output.Esc(Snip(m.text)));
            }
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command Channel()
    {
        var handle = new Argument<string>("HANDLE") { Description = "Channel handle (or source title, key or id)" };
        var cmd = new Command("channel", "Show how original a channel is: cascades it started or joined, whom it echoes, who echoes it, its lag, coordination flags") { handle };
        cmd.SetAction((parse, ct) =>
        {
            var snapshot = Load(parse, null, null, ct, out var archive);
            using var _ = archive;
            if (snapshot is null) return Task.FromResult(2);
            var wanted = parse.GetValue(handle)!.Trim().TrimStart('@');
            var source = Globals.FindSource(archive!, wanted);
            if (source is null)
            {
                Output.Error($"no source matches '{wanted}' (see `faultline sources`)");
                return Task.FromResult(1);
            }
            var stats = ChannelStats.Compute(snapshot.Cascades).FirstOrDefault(s => s.SourceId == source.Id);
            var coordination = CoordinationDetector.Detect(snapshot.Cascades, snapshot.Edges);
            var groups = coordination.Groups.Where(g => g.SourceIds.Contains(source.Id)).ToList();
            string Label(long id) => snapshot.Labels.TryGetValue(id, out var l) ? l : "source " + id;
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(new
                {
                    source = new { source.Id, source.Info.Key, source.Info.Handle, source.Info.Title, source.Posts },
                    cascades = stats?.Cascades ?? 0,
                    originated = stats?.Originated ?? 0,
                    joined = stats?.Joined ?? 0,
                    originality = stats is null ? (double?)null : Math.Round(stats.Originality, 3),
                    firstShare = stats is null ? (double?)null : Math.Round(stats.FirstShare, 3),
                    medianJoinLagMinutes = stats?.MedianJoinLag is { } lag ? Math.Round(lag.TotalMinutes, 1) : (double?)null,
                    echoes = stats?.Echoes.Select(e => new { channel = Label(e.SourceId), e.Count, medianLagMinutes = Math.Round(e.MedianLag.TotalMinutes, 1) }),
                    echoedBy = stats?.EchoedBy.Select(e => new { channel = Label(e.SourceId), e.Count, medianLagMinutes = Math.Round(e.MedianLag.TotalMinutes, 1) }),
                    coordination = groups.Select(g => new { channels = g.SourceIds.Select(Label), cascades = g.CascadeIds }),
                });
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"[bold]{Output.Esc(Label(source.Id))}[/] ({Output.Esc(source.Info.Title ?? source.Info.Key)}) · {Output.N(source.Posts)} posts");
            if (stats is null)
            {
                AnsiConsole.MarkupLine("In no cascade yet: nothing it posted was forwarded, copied, rewritten or cited by another archived channel, nor did it take from one.");
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"In {stats.Cascades} cascade(s): started {stats.Originated}, joined {stats.Joined}; originality {stats.Originality:0.00} (smoothed share of cascades it started); " +
                                   $"first in {stats.FirstShare:P0}" + (stats.MedianJoinLag is { } l ? $"; median lag when joining {Span(l)}" : ""));
            if (stats.Echoes.Count > 0)
                AnsiConsole.MarkupLine("Takes from: " + string.Join(", ", stats.Echoes.Take(10).Select(e => $"{Output.Esc(Label(e.SourceId))} ×{e.Count} (median {Span(e.MedianLag)})")));
            if (stats.EchoedBy.Count > 0)
                AnsiConsole.MarkupLine("Taken up by: " + string.Join(", ", stats.EchoedBy.Take(10).Select(e => $"{Output.Esc(Label(e.SourceId))} ×{e.Count} (median {Span(e.MedianLag)})")));
            foreach (var g in groups)
                AnsiConsole.MarkupLine($"[yellow]Coordination[/]: posts the same text within minutes with {Output.Esc(string.Join(", ", g.SourceIds.Where(s => s != source.Id).Select(Label)))} in {g.CascadeIds.Count} cascades");
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command Edge()
    {
        var from = From();
        var to = To();
        var amplified = new Argument<string>("AMPLIFIED") { Description = "The channel whose posts were taken up (handle or title)" };
        var amplifier = new Argument<string>("AMPLIFIER") { Description = "The channel that took them up" };
        var cmd = new Command("edge", "List the post pairs behind one edge of the amplification graph: every forward, copy, echo, citation and attribution from one channel to another") { amplified, amplifier, from, to };
        cmd.SetAction((parse, ct) =>
        {
            var (f, t) = Globals.Window(parse, from, to);
            var snapshot = Load(parse, null, null, ct, out var archive);
            using var _ = archive;
            if (snapshot is null) return Task.FromResult(2);
            long? Resolve(string name) => Globals.FindSource(archive!, name)?.Id;
            var (a, b) = (Resolve(parse.GetValue(amplified)!), Resolve(parse.GetValue(amplifier)!));
            if (a is null || b is null)
            {
                Output.Error($"no source matches '{(a is null ? parse.GetValue(amplified) : parse.GetValue(amplifier))}' (see `faultline sources`)");
                return Task.FromResult(1);
            }
            var graph = AmplificationGraph.Build(snapshot.Posts, snapshot.Edges, f, t);
            var edge = graph.Edges.FirstOrDefault(e => e.Source == a && e.Target == b);
            var pairs = (edge?.Posts ?? []).OrderBy(e => snapshot.Post(e.Later).Published).Select(e =>
            {
                var (earlier, later) = (snapshot.Post(e.Earlier), snapshot.Post(e.Later));
                return new
                {
                    kind = e.Kind.ToString().ToLowerInvariant(),
                    score = Math.Round(e.Score, 3),
                    earlier = new { postId = earlier.Id, earlier.NativeId, earlier.Published, text = Snip(earlier.Text, 160) },
                    later = new { postId = later.Id, later.NativeId, later.Published, text = Snip(later.Text, 160) },
                    lagMinutes = Math.Round((later.Published - earlier.Published).TotalMinutes, 1),
                };
            }).ToList();
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(new { amplified = snapshot.Labels.GetValueOrDefault(a.Value), amplifier = snapshot.Labels.GetValueOrDefault(b.Value), weight = edge?.Weight ?? 0, pairs });
                return Task.FromResult(0);
            }
            if (pairs.Count == 0)
            {
                AnsiConsole.MarkupLine("No posts link these two channels in this direction.");
                return Task.FromResult(0);
            }
            var table = Output.Table("kind", "score", "lag", "amplified post", "amplifier post");
            foreach (var p in pairs)
                table.AddRow(p.kind, p.score.ToString("0.00", CultureInfo.InvariantCulture), DuplicatesCommand.Lag(p.lagMinutes),
                    Output.Esc($"{p.earlier.NativeId} · {Output.Time(p.earlier.Published)} · {Snip(p.earlier.text, 70)}"),
                    Output.Esc($"{p.later.NativeId} · {Output.Time(p.later.Published)} · {Snip(p.later.text, 70)}"));
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command Graph()
    {
        var from = From();
        var to = To();
        var format = new Option<string>("--format") { Description = "gexf (Gephi), graphml or csv", DefaultValueFactory = _ => "gexf" };
        format.AcceptOnlyFromAmong("gexf", "graphml", "csv");
        var output = new Option<string>("--out") { Description = "File to write", Required = true };
        var cmd = new Command("graph", "Export the channel amplification graph (amplified → amplifier, weighted by forwards, copies, echoes, citations, attributions) for Gephi or a spreadsheet") { from, to, format, output };
        cmd.SetAction((parse, ct) =>
        {
            var (f, t) = Globals.Window(parse, from, to);
            var snapshot = Load(parse, null, null, ct, out var archive);
            using var _ = archive;
            if (snapshot is null) return Task.FromResult(2);
            var graph = AmplificationGraph.Build(snapshot.Posts, snapshot.Edges, f, t);
            var originality = ChannelStats.Compute(snapshot.Cascades).ToDictionary(s => s.SourceId, s => s.Originality);
            var path = parse.GetValue(output)!;
            using (var stream = File.Create(path))
            {
                switch (parse.GetValue(format))
                {
                    case "graphml": GraphMlWriter.Write(graph, stream, originality); break;
                    case "csv": CsvEdgeWriter.Write(graph, stream); break;
                    default: GexfWriter.Write(graph, stream, originality); break;
                }
            }
            if (parse.GetValue(Globals.Json)) Output.Json(new { file = Path.GetFullPath(path), nodes = graph.Nodes.Count, edges = graph.Edges.Count });
            else AnsiConsole.MarkupLine($"Wrote {graph.Nodes.Count} channels and {graph.Edges.Count} edges to {Output.Esc(Path.GetFullPath(path))}.");
            return Task.FromResult(0);
        });
        return cmd;
    }
}
