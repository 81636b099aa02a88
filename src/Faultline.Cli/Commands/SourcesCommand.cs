using System.CommandLine;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline sources` and `faultline imports`.</summary>
internal static class SourcesCommand
{
    private static readonly Option<string[]> SetHandle = new("--set-handle")
    {
        Description = "Give a source its public handle: --set-handle SOURCE HANDLE (Desktop exports carry none)",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Build()
    {
        var cmd = new Command("sources", "List the archived sources with post counts, date spans, edits and deletions") { SetHandle };
        cmd.SetAction(Run);
        return cmd;
    }

    public static Command BuildImports()
    {
        var cmd = new Command("imports", "List every import: file, format, counts, and the coverage it claims");
        cmd.SetAction(RunImports);
        return cmd;
    }

    private static int Run(ParseResult parse)
    {
        using var archive = Globals.OpenExisting(parse);
        if (archive is null) return 2;
        if (parse.GetValue(SetHandle) is { Length: 2 } pair)
        {
            if (!archive.SetHandle(pair[0], pair[1])) { Output.Error($"no source matches '{pair[0]}'"); return 2; }
        }
        var sources = archive.Sources();
        if (parse.GetValue(Globals.Json))
        {
            Output.Json(sources.Select(s => new
            {
                id = s.Id, key = s.Info.Key, kind = s.Info.Kind, handle = s.Info.Handle, title = s.Info.Title, url = s.Info.Url,
                posts = s.Posts, deleted = s.Deleted, edited = s.Edited, first = s.First, last = s.Last,
            }));
            return 0;
        }
        var table = Output.Table("id", "kind", "handle", "title", "posts", "edited", "deleted", "first", "last");
        foreach (var s in sources)
            table.AddRow(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Info.Kind.ToString(), Output.Esc(s.Info.Handle ?? "—"),
                Output.Esc(s.Info.Title ?? s.Info.Key), Output.N(s.Posts), Output.N(s.Edited), Output.N(s.Deleted), Output.Time(s.First), Output.Time(s.Last));
        Spectre.Console.AnsiConsole.Write(table);
        return 0;
    }

    private static int RunImports(ParseResult parse)
    {
        using var archive = Globals.OpenExisting(parse);
        if (archive is null) return 2;
        var imports = archive.Imports();
        if (parse.GetValue(Globals.Json)) { Output.Json(imports); return 0; }
        var table = Output.Table("#", "when (UTC)", "format", "new", "upd", "same", "del", "coverage", "file");
        foreach (var i in imports)
        {
            var coverage = string.Join("; ", i.Coverage.Select(c => $"{c.Kind.ToString().ToLowerInvariant()} {Output.Time(c.From)}…{Output.Time(c.To)}"));
            table.AddRow(i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Output.Time(i.Started), Output.Esc(i.Format), Output.N(i.New), Output.N(i.Updated),
                Output.N(i.Unchanged), Output.N(i.Deleted), Output.Esc(coverage), Output.Esc(Path.GetFileName(i.File)));
        }
        Spectre.Console.AnsiConsole.Write(table);
        return 0;
    }
}
