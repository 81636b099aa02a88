using System.CommandLine;
using System.Globalization;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Fractures;
using Faultline.Archive;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline actors`, `mentions`, `stance`, `fractures`, `chart`: who criticises whom, and when fractures open.</summary>
internal static class ActorCommands
{
    private static Option<string?> From() => new("--from") { Description = "Posts published on or after (YYYY-MM-DD, UTC)" };
    private static Option<string?> To() => new("--to") { Description = "Posts published up to the end of this day (YYYY-MM-DD, UTC)" };

    private static IArchive? Open(ParseResult parse, ActorRegistry registry, CancellationToken ct)
    {
        var archive = Globals.OpenExisting(parse);
        if (archive is not null) AnalyseCommand.EnsureFresh(archive, parse.GetValue(Globals.Json), ct, registry);
        return archive;
    }

    private static string Pct(double v) => double.IsNaN(v) ? "—" : v.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);

    public static Command Actors()
    {
        var validate = new Option<bool>("--validate") { Description = "Check the registry and list every problem with its line (exit 1 if any)" };
        var explain = new Option<string?>("--explain") { Description = "Explain one actor: names, aliases, blocs over time with sources, channels" };
        var cmd = new Command("actors", "List, validate or explain the actor registry (actors, aliases in ru/uk/en, blocs with dates, channels)") { validate, explain };
        cmd.SetAction(parse =>
        {
            var registry = Globals.LoadRegistry(parse);
            var problems = registry.Validate();
            if (parse.GetValue(explain) is { } id)
            {
                var text = registry.Explain(id);
                if (text is null) { Output.Error($"no actor '{id}' in {registry.File}"); return 1; }
                Console.WriteLine(text);
                return 0;
            }
            if (parse.GetValue(validate))
            {
                if (parse.GetValue(Globals.Json)) Output.Json(new { file = registry.File, problems = problems.Select(p => new { p.File, p.Line, p.Message }) });
                else if (problems.Count == 0) AnsiConsole.MarkupLine($"{Output.Esc(registry.File)}: {registry.Actors.Count} actors, {registry.Blocs.Count} blocs, no problems.");
                else foreach (var p in problems) Console.Error.WriteLine(p.ToString());
                return problems.Count == 0 ? 0 : 1;
            }
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(registry.Actors.Select(a => new
                {
                    a.Id, kind = a.Kind.ToString().ToLowerInvariant(), a.Name, a.Fictional,
                    aliases = a.Aliases.Select(x => new { x.Text, x.Language }),
                    memberships = a.Memberships.Select(m => new { m.Membership.Bloc, from = m.Membership.From, to = m.Membership.To, source = m.Source }),
                    channels = a.Channels.Select(c => c.Handle),
                }));
                return problems.Count == 0 ? 0 : 1;
            }
            var table = Output.Table("id", "kind", "name", "blocs now", "channels", "aliases");
            foreach (var a in registry.Actors)
                table.AddRow(Output.Esc(a.Id), a.Kind.ToString().ToLowerInvariant(), Output.Esc(a.Name + (a.Fictional ? " (fictional)" : "")),
                    Output.Esc(string.Join(", ", registry.BlocsOf(a.Id, today))), Output.Esc(string.Join(", ", a.Channels.Select(c => "@" + c.Handle))),
                    Output.Esc(string.Join("; ", a.Aliases.Take(6).Select(x => x.Text)) + (a.Aliases.Count > 6 ? "; …" : "")));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{registry.Actors.Count} actors in {registry.Blocs.Count} blocs from {Output.Esc(registry.File)}; {problems.Count} problem(s) (`--validate` lists them).[/]");
            return problems.Count == 0 ? 0 : 1;
        });
        return cmd;
    }

    public static Command Mentions()
    {
        var actor = new Argument<string>("ACTOR") { Description = "Actor id (see `faultline actors`)" };
        var from = From();
        var to = To();
        var limit = new Option<int>("--limit") { Description = "How many mentions", DefaultValueFactory = _ => 50 };
        var cmd = new Command("mentions", "List the posts that mention an actor (any inflection, alias or transliteration), newest first, with the author's stance") { actor, from, to, limit };
        cmd.SetAction((parse, ct) =>
        {
            var registry = Globals.LoadRegistry(parse);
            var id = parse.GetValue(actor)!;
            if (registry.Find(id) is null) throw new UsageException($"no actor '{id}' in the registry (see `faultline actors`)");
            var (f, t) = Globals.Window(parse, from, to);
            using var archive = Open(parse, registry, ct);
            if (archive is null) return Task.FromResult(2);
            var mentions = archive.Mentions(id, f, t, Math.Clamp(parse.GetValue(limit), 1, 5000));
            var stances = archive.Stances(f, t).Where(s => s.ActorId == id).ToDictionary(s => s.PostId);
            var labels = Globals.SourceLabels(archive);
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(mentions.Select(m => new
                {
                    m.PostId, channel = labels[m.SourceId], m.NativeId, m.Published, surface = m.Span.Surface, offset = m.Span.Offset, length = m.Span.Length,
                    stance = stances.TryGetValue(m.PostId, out var s) ? s.Stance.ToString().ToLowerInvariant() : null,
                    evidence = stances.TryGetValue(m.PostId, out var e) ? e.Evidence : null,
                }));
                return Task.FromResult(0);
            }
            if (mentions.Count == 0) { AnsiConsole.MarkupLine("No mentions."); return Task.FromResult(0); }
            foreach (var m in mentions)
            {
                var start = Math.Max(0, m.Span.Offset - 60);
                var end = Math.Min(m.Text.Length, m.Span.Offset + m.Span.Length + 80);
                var before = m.Text[start..m.Span.Offset].ReplaceLineEndings(" ");
                var after = m.Text[(m.Span.Offset + m.Span.Length)..end].ReplaceLineEndings(" ");
                var call = stances.TryGetValue(m.PostId, out var s) ? $" · {s.Stance.ToString().ToLowerInvariant()}" + (s.Evidence.Count > 0 ? $" ({Output.Esc(string.Join("; ", s.Evidence.Take(2)))})" : "") : "";
                AnsiConsole.MarkupLine($"[bold]{Output.Esc(labels[m.SourceId])}[/]/{Output.Esc(m.NativeId)} · {Output.Time(m.Published)}{call}");
                AnsiConsole.MarkupLine($"  {(start > 0 ? "…" : "")}{Output.Esc(before)}[black on yellow]{Output.Esc(m.Span.Surface)}[/]{Output.Esc(after)}{(end < m.Text.Length ? "…" : "")}");
            }
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command Stance()
    {
        var from = From();
        var to = To();
        var by = new Option<string>("--by") { Description = "Columns: target blocs or target actors", DefaultValueFactory = _ => "bloc" };
        by.AcceptOnlyFromAmong("bloc", "actor");
        var cmd = new Command("stance", "Show who criticises whom: the author bloc → target bloc (or actor) matrix of criticise / support / neutral calls and the net criticism rate") { from, to, by };
        cmd.SetAction((parse, ct) =>
        {
            var registry = Globals.LoadRegistry(parse);
            var (f, t) = Globals.Window(parse, from, to);
            using var archive = Open(parse, registry, ct);
            if (archive is null) return Task.FromResult(2);
            var view = StanceView.Load(archive, registry, f, t);
            var byActor = parse.GetValue(by) == "actor";
            var flat = byActor
                ? view.Matrices.ActorCells().Select(c => (c.AuthorBloc, Target: c.TargetActor, c.Tally))
                : view.Matrices.BlocCells().Select(c => (c.AuthorBloc, Target: c.TargetBloc, c.Tally));
            var rows = flat.GroupBy(c => (c.AuthorBloc, c.Target))
                .Select(g => (g.Key.AuthorBloc, g.Key.Target, Tally: g.Aggregate(default(StanceTally), (acc, c) => acc + c.Tally)))
                .Where(r => r.Tally.Total > 0).OrderBy(r => r.AuthorBloc, StringComparer.Ordinal).ThenByDescending(r => r.Tally.Total).ToList();
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(new
                {
                    by = byActor ? "actor" : "bloc",
                    calls = view.Records.Count,
                    unattributed = view.Matrices.Unattributed,
                    cells = rows.Select(r => new { author = r.AuthorBloc, target = r.Target, criticise = r.Tally.Criticise, support = r.Tally.Support, neutral = r.Tally.Neutral, netCriticismRate = Math.Round(r.Tally.NetCriticismRate, 3) }),
                });
                return Task.FromResult(0);
            }
            if (rows.Count == 0)
            {
                AnsiConsole.MarkupLine($"No stance calls by channels the registry places in a bloc ({view.Records.Count} calls in all, {view.Matrices.Unattributed} by channels in no bloc).");
                return Task.FromResult(0);
            }
            var table = Output.Table("author bloc", byActor ? "target actor" : "target bloc", "criticise", "support", "neutral", "net criticism");
            foreach (var r in rows)
                table.AddRow(Output.Esc(r.AuthorBloc), Output.Esc(r.Target), r.Tally.Criticise.ToString(CultureInfo.InvariantCulture), r.Tally.Support.ToString(CultureInfo.InvariantCulture),
                    r.Tally.Neutral.ToString(CultureInfo.InvariantCulture), Pct(r.Tally.NetCriticismRate));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]net criticism = (criticise − support) / all calls; {view.Records.Count} calls, {view.Matrices.Unattributed} by channels in no bloc (not counted).[/]");
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static Option<string[]> Between() => new("--between")
    {
        Description = "The two blocs (default: milbloggers mod-establishment)",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
    };

    private static Option<string?> Events() => new("--events") { Description = "Events file (date, title, kind; docs/events.md); default: public 2022 milestones" };

    private static IReadOnlyList<AnalystEvent> LoadEvents(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is not { } path) return EventsFile.Default();
        if (!File.Exists(path)) throw new UsageException($"--events: {path}: no such file");
        var result = EventsFile.Load(path);
        if (result.Errors.Count > 0) throw new UsageException(string.Join("\n", result.Errors));
        return result.Events;
    }

    private static (string A, string B) Blocs(ParseResult parse, Option<string[]> between, ActorRegistry registry)
    {
        var pair = parse.GetValue(between) is { Length: 2 } p ? (p[0], p[1]) : ("milbloggers", "mod-establishment");
        foreach (var b in new[] { pair.Item1, pair.Item2 })
            if (registry.Blocs.All(x => x.Id != b)) throw new UsageException($"--between: no bloc '{b}' (blocs: {string.Join(", ", registry.Blocs.Select(x => x.Id))})");
        return pair;
    }

    public static Command Fractures()
    {
        var between = Between();
        var events = Events();
        var cmd = new Command("fractures", "Find when the fracture between two blocs shifted: the daily index, significant change points (CUSUM, permutation test), candidate catalysts and the posts that drove it") { between, events };
        cmd.SetAction((parse, ct) =>
        {
            var registry = Globals.LoadRegistry(parse);
            var (a, b) = Blocs(parse, between, registry);
            var evs = LoadEvents(parse, events);
            using var archive = Open(parse, registry, ct);
            if (archive is null) return Task.FromResult(2);
            var view = StanceView.Load(archive, registry);
            var report = FractureAnalysis.Analyse(view.Records, view.Matrices, a, b, evs);
            var labels = Globals.SourceLabels(archive);
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(new
                {
                    blocs = new[] { a, b },
                    series = report.Series.Points.Select(p => new { day = p.Day, calls = p.Tally.Total, rate = Math.Round(p.Rate, 3), smoothed = Math.Round(p.Smoothed, 3) }),
                    changePoints = report.ChangePoints.Select(c => new
                    {
                        day = c.Day, meanBefore = Math.Round(c.MeanBefore, 3), meanAfter = Math.Round(c.MeanAfter, 3), pValue = c.PValue,
                        catalysts = c.Catalysts.Select(e => new { e.Date, e.End, e.Kind, e.Title }),
                        drivingPosts = c.DrivingPosts.Select(d => new { d.PostId, channel = labels.GetValueOrDefault(d.AuthorSourceId), d.Day, d.TargetActors, contribution = Math.Round(d.Contribution, 4), d.Evidence }),
                    }),
                });
                return Task.FromResult(0);
            }
            var observed = report.Series.Points.Count(p => p.Tally.Total > 0);
            AnsiConsole.MarkupLine($"[bold]Fracture {Output.Esc(a)} ↔ {Output.Esc(b)}[/]: {report.Series.Points.Count} days, {observed} with stance calls between them.");
            if (report.ChangePoints.Count == 0)
            {
                AnsiConsole.MarkupLine("No significant change point (α = 0.05).");
                return Task.FromResult(0);
            }
            foreach (var c in report.ChangePoints)
            {
                AnsiConsole.MarkupLine($"\n[bold]{c.Day:yyyy-MM-dd}[/]: index {Pct(c.MeanBefore)} → {Pct(c.MeanAfter)} (p = {c.PValue:0.000})");
                foreach (var e in c.Catalysts) AnsiConsole.MarkupLine($"  candidate catalyst: {e.Date:yyyy-MM-dd} {Output.Esc(e.Title)} [grey]({Output.Esc(e.Kind)})[/]");
                foreach (var d in c.DrivingPosts.Take(5))
                    AnsiConsole.MarkupLine($"  driving post: {Output.Esc(labels.GetValueOrDefault(d.AuthorSourceId) ?? "?")} post #{d.PostId} on {d.Day:yyyy-MM-dd} about {Output.Esc(string.Join(", ", d.TargetActors))}" +
                                           (d.Evidence.Count > 0 ? $" [grey]({Output.Esc(string.Join("; ", d.Evidence.Take(2)))})[/]" : ""));
            }
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command Chart()
    {
        var kind = new Argument<string>("KIND") { Description = "fractures or volume" };
        kind.AcceptOnlyFromAmong("fractures", "volume");
        var output = new Option<string>("--out") { Description = "File to write: .svg or .png", Required = true };
        var between = Between();
        var events = Events();
        var cmd = new Command("chart", "Draw the fracture index (with change points and events) or the daily volume of posts by bloc, as SVG or PNG") { kind, output, between, events };
        cmd.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            var ext = Path.GetExtension(path).ToLowerInvariant();
            if (ext is not (".svg" or ".png")) throw new UsageException($"--out: {path}: use a .svg or .png file");
            var registry = Globals.LoadRegistry(parse);
            using var archive = Open(parse, registry, ct);
            if (archive is null) return Task.FromResult(2);
            var view = StanceView.Load(archive, registry);
            if (parse.GetValue(kind) == "volume")
            {
                VolumeChart.Save(BlocVolume.FromStances(view.Records, view.Resolver), path);
            }
            else
            {
                var (a, b) = Blocs(parse, between, registry);
                var evs = LoadEvents(parse, events);
                var report = FractureAnalysis.Analyse(view.Records, view.Matrices, a, b, evs);
                FractureChart.Save(report.Series, report.ChangePoints, evs, path);
            }
            if (parse.GetValue(Globals.Json)) Output.Json(new { file = Path.GetFullPath(path) });
            else AnsiConsole.MarkupLine($"Wrote {Output.Esc(Path.GetFullPath(path))}");
            return Task.FromResult(0);
        });
        return cmd;
    }
}
