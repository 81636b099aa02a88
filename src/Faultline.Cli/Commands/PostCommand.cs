using System.CommandLine;
using Faultline.Text;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline post HANDLE/ID`</summary>
internal static class PostCommand
{
    private static readonly Argument<string> Ref = new("HANDLE/ID") { Description = "A post: channel handle (or source title, key or id), a slash, the post's id; or a t.me link" };
    private static readonly Option<bool> Raw = new("--raw") { Description = "Also print the original payload of every version" };

    public static Command Build()
    {
        var cmd = new Command("post", "Show one post with every version seen, a word diff between versions, metrics and deletion") { Ref, Raw };
        cmd.SetAction(Run);
        return cmd;
    }

    private static int Run(ParseResult parse)
    {
        var (source, id) = PostReference.Parse(parse.GetValue(Ref)!);
        using var archive = Globals.OpenExisting(parse);
        if (archive is null) return 2;
        var post = archive.FindPost(source, id);
        if (post is null)
        {
            Output.Error($"no post {id} in a source matching '{source}' (see `faultline sources`)");
            return 1;
        }
        var versions = archive.Versions(post.Id);
        var metrics = archive.MetricHistory(post.Id);
        if (parse.GetValue(Globals.Json))
        {
            Output.Json(new { post, versions, metrics });
            return 0;
        }
        var p = post.Post;
        AnsiConsole.MarkupLine($"[bold]{Output.Esc(post.Source.Title ?? post.Source.Key)}[/] ({Output.Esc(post.Source.Handle is { } h ? "@" + h : post.Source.Key)}) · post {Output.Esc(p.NativeId)}");
        AnsiConsole.MarkupLine($"published {Output.Time(p.Published)} UTC · language {post.Language} · hash {ContentHash.Short(post.ContentHash)}" +
                               (p.Edited is { } e ? $" · last edited {Output.Time(e)} UTC" : ""));
        if (post.CanonicalUrl is { } url) AnsiConsole.MarkupLine($"url: {Output.Esc(url)}");
        if (p.Author is { } author) AnsiConsole.MarkupLine($"author: {Output.Esc(author)}");
        if (p.ForwardedFrom is { } f) AnsiConsole.MarkupLine($"forwarded from: {Output.Esc(f.Name ?? f.Handle ?? f.SourceId)}{(f.PostId is { } fp ? " post " + Output.Esc(fp) : "")}");
        if (p.ReplyTo is { } rt) AnsiConsole.MarkupLine($"reply to: {Output.Esc(rt)}");
        if (post.DeletedAt is { } d) AnsiConsole.MarkupLine($"[red]deleted[/]: absent from a later complete export; last seen {Output.Time(d)} UTC");
        if (p.Media.Count > 0) AnsiConsole.MarkupLine($"media: {Output.Esc(string.Join(", ", p.Media.Select(m => m.Kind)))}");
        if (p.Citations.Count > 0) AnsiConsole.MarkupLine($"citations: {Output.Esc(string.Join("; ", p.Citations.Select(c => $"[{c.Marker}] {c.Url}")))}");
        if (p.Missing.Count > 0) AnsiConsole.MarkupLine($"[grey]fields the input lacked: {Output.Esc(string.Join(", ", p.Missing))}[/]");
        foreach (var m in metrics)
            AnsiConsole.MarkupLine($"[grey]metrics at {Output.Time(m.Observed)}: views {m.Metrics.Views?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}, forwards {m.Metrics.Forwards?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}" +
                                   (m.Metrics.Reactions is { Count: > 0 } re ? ", reactions " + Output.Esc(string.Join(" ", re.Select(kv => $"{kv.Key}{kv.Value}"))) : "") + "[/]");
        AnsiConsole.WriteLine();
        for (int i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            AnsiConsole.MarkupLine($"[bold]version {v.Sequence}[/] · {ContentHash.Short(v.ContentHash)} · seen {Output.Time(v.FirstSeen)}–{Output.Time(v.LastSeen)} UTC (imports #{v.FirstImport}–#{v.LastImport})" +
                                   (v.Edited is { } ve ? $" · edited {Output.Time(ve)}" : ""));
            if (i == 0) AnsiConsole.WriteLine(v.Text);
            else AnsiConsole.MarkupLine(Diff(versions[i - 1].Text, v.Text));
            if (parse.GetValue(Raw)) AnsiConsole.MarkupLine($"[grey]{Output.Esc(v.Raw)}[/]");
            AnsiConsole.WriteLine();
        }
        return 0;
    }

    /// <summary>Coloured on a terminal; git's word-diff markers [-removed-]{+added+} otherwise.</summary>
    private static string Diff(string older, string newer) => string.Concat(TextDiff.Words(older, newer).Select(piece => (piece.Kind, Output.IsTerminal) switch
    {
        (DiffKind.Removed, true) => $"[red strikethrough]{Output.Esc(piece.Text)}[/]",
        (DiffKind.Added, true) => $"[green underline]{Output.Esc(piece.Text)}[/]",
        (DiffKind.Removed, false) => Output.Esc("[-" + piece.Text + "-]"),
        (DiffKind.Added, false) => Output.Esc("{+" + piece.Text + "+}"),
        _ => Output.Esc(piece.Text),
    }));
}
