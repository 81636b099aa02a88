using System.CommandLine;
using System.Globalization;
using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Archive;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline claims`, `claim ID`, `track-record HANDLE`, `grade HANDLE GRADE`, `related POST|CLAIM`.</summary>
internal static class ClaimCommands
{
    private static IArchive? Open(ParseResult parse, CancellationToken ct)
    {
        var archive = Globals.OpenExisting(parse);
        if (archive is not null) AnalyseCommand.EnsureFresh(archive, parse.GetValue(Globals.Json), ct, Globals.LoadRegistry(parse));
        return archive;
    }

    internal static string Kebab(string s) => string.Concat(s.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Where(AnalysisPost p, IReadOnlyDictionary<long, string> labels)
        => p.Handle is { } h ? $"https://t.me/{h}/{p.NativeId}" : $"{labels.GetValueOrDefault(p.SourceId)}/{p.NativeId}";

    private static string Snip(string s, int n) => s.ReplaceLineEndings(" ") is var one && one.Length <= n ? one : one[..n] + "…";

    public static Command Claims()
    {
        var from = new Option<string?>("--from") { Description = "Claims made on or after (YYYY-MM-DD, UTC)" };
        var to = new Option<string?>("--to") { Description = "Claims made up to the end of this day" };
        var status = new Option<string?>("--status") { Description = "made, amplified, denied, walked-back or deleted" };
        status.AcceptOnlyFromAmong("made", "amplified", "denied", "walked-back", "deleted");
        var actor = new Option<string?>("--actor") { Description = "Only claims about this actor id" };
        var cmd = new Command("claims", "List the claims: propositions that circulate, with their origin, spread and where they stand (denied, walked back, deleted)") { from, to, status, actor };
        cmd.SetAction((parse, ct) =>
        {
            var (f, t) = Globals.Window(parse, from, to);
            using var archive = Open(parse, ct);
            if (archive is null) return Task.FromResult(2);
            var labels = Globals.SourceLabels(archive);
            var wanted = parse.GetValue(status);
            var list = archive.Claims().Where(c => c.Members.Count > 0)
                .Where(c => f is null || c.Members[0].Published >= f)
                .Where(c => t is null || c.Members[0].Published < t)
                .Where(c => wanted is null || Kebab(c.Status.ToString()) == wanted)
                .Where(c => parse.GetValue(actor) is not { } a || c.Actors.Contains(a))
                .ToList();
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(list.Select(c => new
                {
                    c.Id, c.Title, c.Language, status = Kebab(c.Status.ToString()), made = c.Members[0].Published, origin = labels.GetValueOrDefault(c.Members[0].SourceId),
                    members = c.Members.Count, channels = c.Members.Select(m => m.SourceId).Distinct().Count(), c.KeyTerms, c.Actors,
                }));
                return Task.FromResult(0);
            }
            if (list.Count == 0) { AnsiConsole.MarkupLine("No claims match."); return Task.FromResult(0); }
            var table = Output.Table("id", "made (UTC)", "origin", "status", "posts", "channels", "claim");
            foreach (var c in list.Take(100))
                table.AddRow(c.Id.ToString(CultureInfo.InvariantCulture), Output.Time(c.Members[0].Published), Output.Esc(labels.GetValueOrDefault(c.Members[0].SourceId)),
                    Kebab(c.Status.ToString()), c.Members.Count.ToString(CultureInfo.InvariantCulture), c.Members.Select(m => m.SourceId).Distinct().Count().ToString(CultureInfo.InvariantCulture),
                    Output.Esc(Snip(c.Title, 100)));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{list.Count} claim(s); `faultline claim ID` shows one's timeline.[/]");
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command ClaimDetail()
    {
        var id = new Argument<long>("ID") { Description = "A claim id (its origin post's id), or the id of any member post" };
        var cmd = new Command("claim", "Show a claim's timeline: made, amplified (running counts and reach), reported, denied, walked back, edited (with the diff), deleted, resurfaced — every event with its post") { id };
        cmd.SetAction((parse, ct) =>
        {
            using var archive = Open(parse, ct);
            if (archive is null) return Task.FromResult(2);
            var wanted = parse.GetValue(id);
            var claim = archive.Claims().FirstOrDefault(c => c.Id == wanted) ?? archive.Claims().FirstOrDefault(c => c.Members.Any(m => m.PostId == wanted));
            if (claim is null) { Output.Error($"no claim {wanted} (see `faultline claims`)"); return Task.FromResult(1); }
            var labels = Globals.SourceLabels(archive);
            var posts = archive.AnalysisPostsById(claim.Members.Select(m => m.PostId).Concat(claim.Lifecycle.Select(e => e.PostId))).ToDictionary(p => p.Id);
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(new
                {
                    claim.Id, claim.Title, claim.Language, status = Kebab(claim.Status.ToString()), claim.KeyTerms, claim.Actors,
                    events = claim.Lifecycle.Select(e => new
                    {
                        kind = Kebab(e.Kind.ToString()), time = e.Time, e.PostId, channel = posts.TryGetValue(e.PostId, out var p) ? labels.GetValueOrDefault(p.SourceId) : null,
                        url = posts.TryGetValue(e.PostId, out var q) ? Where(q, labels) : null, e.Summary, e.RunningCount, e.RunningReach, e.Diff,
                    }),
                    members = claim.Members.Select(m => new { m.PostId, channel = labels.GetValueOrDefault(m.SourceId), m.Published, role = Kebab(m.Role.ToString()), m.Evidence }),
                });
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"[bold]Claim {claim.Id}[/] ({Kebab(claim.Status.ToString())}): {Output.Esc(claim.Title)}");
            if (claim.Actors.Count > 0 || claim.KeyTerms.Count > 0)
                AnsiConsole.MarkupLine($"[grey]actors: {Output.Esc(string.Join(", ", claim.Actors))}; key terms: {Output.Esc(string.Join(", ", claim.KeyTerms.Take(8)))}[/]");
            foreach (var e in claim.Lifecycle)
            {
                var p = posts.GetValueOrDefault(e.PostId);
                var who = p is null ? $"post {e.PostId}" : $"{labels.GetValueOrDefault(p.SourceId)} {Where(p, labels)}";
                var extra = e.RunningCount is { } n ? $" [grey](#{n}{(e.RunningReach is { } reach and > 0 ? $", reach {Output.N(reach)}" : "")})[/]" : "";
                AnsiConsole.MarkupLine($"{Output.Time(e.Time)}  [bold]{Kebab(e.Kind.ToString())}[/]{extra}  {Output.Esc(who)}");
                AnsiConsole.MarkupLine($"    {Output.Esc(e.Diff ?? Snip(p?.Text ?? e.Summary, 160))}");
            }
            var roles = claim.Members.GroupBy(m => m.Role).Select(g => $"{Kebab(g.Key.ToString())} {g.Count()}");
            AnsiConsole.MarkupLine($"[grey]members: {string.Join(", ", roles)}[/]");
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command TrackRecordCommand()
    {
        var handle = new Argument<string>("HANDLE") { Description = "Channel handle (or source title, key or id)" };
        var cmd = new Command("track-record", "Show a source's record: claims it originated, the share walked back, denied or deleted, edits, time to retraction, how often first, and its Admiralty grade with the reasons") { handle };
        cmd.SetAction((parse, ct) =>
        {
            using var archive = Open(parse, ct);
            if (archive is null) return Task.FromResult(2);
            var source = Globals.FindSource(archive, parse.GetValue(handle)!);
            if (source is null) { Output.Error($"no source matches '{parse.GetValue(handle)}' (see `faultline sources`)"); return Task.FromResult(1); }
            var claims = archive.Claims();
            var record = TrackRecords.Compute(claims, archive.AnalysisPosts().ToList()).FirstOrDefault(r => r.SourceId == source.Id)
                         ?? new TrackRecord(source.Id, source.Info.Handle, 0, 0, 0, 0, 0, 0, source.Posts, 0, 0, 0, [], 0, 0);
            var suggestion = AdmiraltyGrading.Suggest(record);
            var last = archive.GradeOverrides(source.Id).LastOrDefault();
            var decision = AdmiraltyGrading.EffectiveGrade(suggestion, last is null ? null : new GradeOverride(last.SourceId, last.Grade, last.Note, last.Analyst, last.At));
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(new { source = new { source.Id, source.Info.Handle, source.Info.Title }, record, grade = decision, history = archive.GradeOverrides(source.Id) });
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"[bold]{Output.Esc(source.Info.Handle is { } h ? "@" + h : source.Info.Title)}[/]: grade [bold]{decision.Grade}[/]" +
                                   (decision.Overridden ? $" (analyst override of suggested {decision.Suggested}: {Output.Esc(decision.Note)})" : " (suggested)"));
            AnsiConsole.MarkupLine($"claims originated {record.ClaimsOriginated}, took part in {record.ClaimsTakenPartIn}; walked back {record.WalkedBack}, denied {record.Denied}, deleted {record.Deleted}; " +
                                   $"edited posts {record.EditedPosts} of {record.Posts}; amplified {record.AmplifiedClaims} others' claims, {record.AmplifiedLaterRetracted} later retracted");
            foreach (var reason in decision.Reasons) AnsiConsole.MarkupLine($"  · {Output.Esc(reason)}");
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command Grade()
    {
        var handle = new Argument<string>("HANDLE") { Description = "Channel handle (or source title, key or id)" };
        var grade = new Argument<string>("GRADE") { Description = "Admiralty source reliability: A (completely reliable) … E (unreliable), F (cannot be judged)" };
        var note = new Option<string>("--note") { Description = "Why (kept with the grade)", Required = true };
        var analyst = new Option<string?>("--analyst") { Description = "Who graded (default: $USER)" };
        var cmd = new Command("grade", "Override a source's suggested reliability grade with a note; every override is kept") { handle, grade, note, analyst };
        cmd.SetAction((parse, ct) =>
        {
            var g = parse.GetValue(grade)!.Trim().ToUpperInvariant();
            using var archive = Globals.OpenExisting(parse);
            if (archive is null) return Task.FromResult(2);
            var source = Globals.FindSource(archive, parse.GetValue(handle)!);
            if (source is null) { Output.Error($"no source matches '{parse.GetValue(handle)}' (see `faultline sources`)"); return Task.FromResult(1); }
            var record = new GradeOverride(source.Id, g.Length == 1 ? g[0] : '?', parse.GetValue(note)!, parse.GetValue(analyst) ?? Environment.GetEnvironmentVariable("USER"), DateTimeOffset.UtcNow);
            var problems = AdmiraltyGrading.Validate(record);
            if (g.Length != 1 || problems.Count > 0) throw new UsageException(string.Join("; ", problems.DefaultIfEmpty($"'{g}' is not a grade A–F")));
            archive.SaveGradeOverride(new GradeOverrideRecord(record.SourceId, record.Grade, record.Note, record.Analyst, record.At));
            if (parse.GetValue(Globals.Json)) Output.Json(record);
            else AnsiConsole.MarkupLine($"{Output.Esc(source.Info.Handle ?? source.Info.Title)} graded {record.Grade}: {Output.Esc(record.Note)}");
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command RelatedCommand()
    {
        var target = new Argument<string>("POST|CLAIM") { Description = "HANDLE/ID (a post) or a claim id" };
        var cmd = new Command("related", "List the nearest other posts and claims to a post or a claim, and why they are related") { target };
        cmd.SetAction((parse, ct) =>
        {
            using var archive = Open(parse, ct);
            if (archive is null) return Task.FromResult(2);
            var text = parse.GetValue(target)!;
            var posts = archive.AnalysisPosts().ToList();
            var claims = archive.Claims();
            var actors = archive.ActorsByPost();
            IReadOnlyList<RelatedItem> items;
            if (text.Contains('/', StringComparison.Ordinal))
            {
                var post = PostReference.Find(archive, text);
                if (post is null) { Output.Error($"no such post: {text}"); return Task.FromResult(1); }
                items = Related.ForPost(post.Id, posts, claims, actors);
            }
            else if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && claims.Any(c => c.Id == id))
            {
                items = Related.ForClaim(id, posts, claims, actors);
            }
            else
            {
                throw new UsageException($"'{text}' is neither HANDLE/ID nor a claim id (see `faultline claims`)");
            }
            var byId = posts.ToDictionary(p => p.Id);
            var labels = Globals.SourceLabels(archive);
            var claimById = claims.ToDictionary(c => c.Id);
            if (parse.GetValue(Globals.Json))
            {
                Output.Json(items.Select(i => new
                {
                    i.Kind, i.Id, score = Math.Round(i.Score, 3), i.Reasons,
                    label = i.Kind == "claim" ? claimById.GetValueOrDefault(i.Id)?.Title : byId.TryGetValue(i.Id, out var p) ? Where(p, labels) : null,
                }));
                return Task.FromResult(0);
            }
            if (items.Count == 0) { AnsiConsole.MarkupLine("Nothing related found."); return Task.FromResult(0); }
            foreach (var i in items)
            {
                var label = i.Kind == "claim" ? $"claim {i.Id}: {Snip(claimById.GetValueOrDefault(i.Id)?.Title ?? "", 90)}"
                    : byId.TryGetValue(i.Id, out var p) ? $"{Where(p, labels)} · {Output.Time(p.Published)} · {Snip(p.Text, 90)}" : $"post {i.Id}";
                AnsiConsole.MarkupLine($"{i.Score:0.00}  {Output.Esc(label)}");
                AnsiConsole.MarkupLine($"      [grey]{Output.Esc(string.Join("; ", i.Reasons))}[/]");
            }
            return Task.FromResult(0);
        });
        return cmd;
    }
}
