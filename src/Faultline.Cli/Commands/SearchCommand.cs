using System.CommandLine;
using System.Text;
using Faultline.Archive;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline search QUERY`</summary>
internal static class SearchCommand
{
    private static readonly Argument<string[]> Query = new("QUERY") { Description = "Words (any inflection), \"phrases\", prefix*, OR, NOT/-word, ( )", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> From = new("--from") { Description = "Published on or after (YYYY-MM-DD, UTC)" };
    private static readonly Option<string?> To = new("--to") { Description = "Published before the end of this day (YYYY-MM-DD, UTC)" };
    private static readonly Option<string?> Source = new("--source") { Description = "Only this source (handle, title, key or id)" };
    private static readonly Option<string?> Lang = new("--lang") { Description = "Only this language: ru, uk, en, other" };
    private static readonly Option<string?> LinksTo = new("--links-to") { Description = "Only posts linking to a channel (@handle, t.me/handle) or a site/URL" };
    private static readonly Option<int> Limit = new("--limit") { Description = "How many results", DefaultValueFactory = _ => 20 };

    public static Command Build()
    {
        var cmd = new Command("search", "Full-text search over every archived post, ranked, with highlighted snippets") { Query, From, To, Source, Lang, LinksTo, Limit };
        cmd.SetAction(Run);
        return cmd;
    }

    private static int Run(ParseResult parse)
    {
        var lang = parse.GetValue(Lang);
        if (lang is not null && lang is not ("ru" or "uk" or "en" or "other")) throw new UsageException($"--lang: '{lang}' is not one of ru, uk, en, other");
        var (from, to) = Globals.Window(parse, From, To);
        var query = new SearchQuery(string.Join(' ', parse.GetValue(Query)!))
        {
            From = from,
            To = to,
            Source = parse.GetValue(Source),
            Language = lang,
            LinksTo = parse.GetValue(LinksTo),
            Limit = Math.Clamp(parse.GetValue(Limit), 1, 1000),
        };
        using var archive = Globals.OpenExisting(parse);
        if (archive is null) return 2;
        SearchResult result;
        try
        {
            result = archive.Search(query);
        }
        catch (FormatException e)
        {
            throw new UsageException("query: " + e.Message);
        }
        if (parse.GetValue(Globals.Json))
        {
            Output.Json(new
            {
                query = query.Text,
                ranked = result.Ranked,
                capped = result.Capped,
                hits = result.Hits.Select(h => new
                {
                    postId = h.Post.Id,
                    source = h.Post.Source.Handle ?? h.Post.Source.Key,
                    sourceTitle = h.Post.Source.Title,
                    nativeId = h.Post.Post.NativeId,
                    url = h.Post.CanonicalUrl,
                    published = h.Post.Post.Published,
                    language = h.Post.Language,
                    score = Math.Round(h.Score, 4),
                    deleted = h.Post.DeletedAt is not null,
                    snippet = h.Snippet.Text,
                    highlights = h.Snippet.Highlights.Select(x => new[] { x.Offset, x.Length }),
                }),
            });
            return 0;
        }
        if (result.Hits.Count == 0)
        {
            AnsiConsole.MarkupLine("No posts match.");
            return 0;
        }
        foreach (var h in result.Hits)
        {
            var p = h.Post;
            var who = p.Source.Handle is { } handle ? "@" + handle : p.Source.Title ?? p.Source.Key;
            var flags = (p.DeletedAt is not null ? " [red]deleted[/]" : "") + (p.VersionCount > 1 ? $" [yellow]{p.VersionCount} versions[/]" : "");
            AnsiConsole.MarkupLine($"[bold]{Output.Esc(who)}[/] · {Output.Time(p.Post.Published)} UTC · {p.Language}{flags}  [grey]{Output.Esc(p.CanonicalUrl ?? who + "/" + p.Post.NativeId)}[/]");
            AnsiConsole.MarkupLine("  " + Highlight(h.Snippet));
        }
        var more = result.Capped ? $" (ranked the {Output.N(result.Ranked)} newest matches)" : "";
        AnsiConsole.MarkupLine($"[grey]{result.Hits.Count} of {Output.N(result.Ranked)} shown{more}[/]");
        return 0;
    }

    private static string Highlight(Snippet s)
    {
        var sb = new StringBuilder();
        int at = 0;
        foreach (var (offset, length) in s.Highlights)
        {
            if (offset < at) continue;
            sb.Append(Output.Esc(s.Text[at..offset])).Append("[black on yellow]").Append(Output.Esc(s.Text.Substring(offset, length))).Append("[/]");
            at = offset + length;
        }
        sb.Append(Output.Esc(s.Text[at..]));
        return sb.ToString();
    }
}
