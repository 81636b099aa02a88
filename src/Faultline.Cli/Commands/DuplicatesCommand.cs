using System.CommandLine;
using Faultline.Analysis;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline duplicates POST`: every post related to one post, by kind.</summary>
internal static class DuplicatesCommand
{
    private static readonly Argument<string> Ref = new("POST") { Description = "HANDLE/ID or a t.me link" };

    public static Command Build()
    {
        var cmd = new Command("duplicates", "List the forwards, copies (near-duplicates), rewrites (echoes), citations and attributions of one post, before and after it") { Ref };
        cmd.SetAction((parse, ct) =>
        {
            using var archive = Globals.OpenExisting(parse);
            if (archive is null) return Task.FromResult(2);
            bool json = parse.GetValue(Globals.Json);
            AnalyseCommand.EnsureFresh(archive, json, ct);
            var post = PostReference.Find(archive, parse.GetValue(Ref)!);
            if (post is null)
            {
                Output.Error($"no such post: {parse.GetValue(Ref)} (see `faultline sources`)");
                return Task.FromResult(1);
            }
            var edges = archive.Edges(post: post.Id);
            var others = archive.AnalysisPostsById(edges.Select(e => e.Earlier == post.Id ? e.Later : e.Earlier)).ToDictionary(p => p.Id);
            var rows = edges.Where(e => others.ContainsKey(e.Earlier == post.Id ? e.Later : e.Earlier)).Select(e =>
            {
                var other = others[e.Earlier == post.Id ? e.Later : e.Earlier];
                return new
                {
                    relation = e.Earlier == post.Id ? "later" : "earlier",
                    kind = e.Kind,
                    score = Math.Round(e.Score, 3),
                    postId = other.Id,
                    channel = other.Handle is { } h ? "@" + h : other.SourceTitle,
                    nativeId = other.NativeId,
                    published = other.Published,
                    lagMinutes = Math.Round((other.Published - post.Post.Published).TotalMinutes, 1),
                    deleted = other.Deleted,
                    text = other.Text.Length > 140 ? other.Text[..140] + "…" : other.Text,
                };
            }).OrderBy(r => r.published).ToList();
            if (json)
            {
                Output.Json(new { post = new { post.Id, source = post.Source.Handle ?? post.Source.Key, post.Post.NativeId, post.Post.Published, url = post.CanonicalUrl }, related = rows });
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"[bold]{Output.Esc(post.Source.Handle is { } sh ? "@" + sh : post.Source.Title)}[/] post {Output.Esc(post.Post.NativeId)} · {Output.Time(post.Post.Published)} UTC");
            AnsiConsole.WriteLine(post.Post.Text.Length > 300 ? post.Post.Text[..300] + "…" : post.Post.Text);
            if (rows.Count == 0)
            {
                AnsiConsole.MarkupLine("\nNo forwards, copies, echoes, citations or attributions found.");
                return Task.FromResult(0);
            }
            var table = Output.Table("when", "lag", "relation", "kind", "score", "channel/post", "text");
            foreach (var r in rows)
                table.AddRow(Output.Time(r.published), Lag(r.lagMinutes), r.relation, r.kind.ToString().ToLowerInvariant(), r.score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                    Output.Esc($"{r.channel}/{r.nativeId}") + (r.deleted ? " [red]deleted[/]" : ""), Output.Esc(r.text.ReplaceLineEndings(" ")));
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        });
        return cmd;
    }

    internal static string Lag(double minutes)
    {
        var sign = minutes < 0 ? "−" : "+";
        var m = Math.Abs(minutes);
        return m < 60 ? $"{sign}{m:0} min" : m < 48 * 60 ? $"{sign}{m / 60:0.#} h" : $"{sign}{m / 1440:0.#} d";
    }
}
