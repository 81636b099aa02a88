using System.CommandLine;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Reading;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline ingest PATH...`</summary>
internal static class IngestCommand
{
    private static readonly Argument<string[]> Paths = new("PATH") { Description = "Files or folders (read recursively)", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Handle = new("--handle") { Description = "Public channel handle for sources that carry none (Telegram Desktop exports)" };
    private static readonly Option<string?> Handles = new("--handles") { Description = "Table of handles: lines \"source title or key<TAB>handle\"" };
    private static readonly Option<bool> Force = new("--force") { Description = "Read a file again even if its exact bytes were imported before" };

    public static Command Build()
    {
        var cmd = new Command("ingest", "Read exports, dumps, feeds, articles, assessments and transcripts into the archive") { Paths, Handle, Handles, Force };
        cmd.SetAction((parse, ct) => RunAsync(parse, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var files = Ingestor.ExpandPaths(parse.GetValue(Paths)!).ToList();
        using var archive = Globals.OpenArchive(parse);
        var options = new IngestOptions { Handle = parse.GetValue(Handle), Force = parse.GetValue(Force), Handles = ReadHandles(parse.GetValue(Handles)) };
        var outcomes = await IngestAsync(archive, files, options, parse.GetValue(Globals.Json), ct).ConfigureAwait(false);
        if (parse.GetValue(Globals.Json)) Output.Json(outcomes.Select(ToJson));
        else PrintSummary(outcomes);
        return outcomes.Any(o => o.Rejected) ? 1 : 0;
    }

    internal static Dictionary<string, string> ReadHandles(string? path)
    {
        if (path is null) return [];
        if (!File.Exists(path)) throw new UsageException($"--handles: {path}: no such file");
        try
        {
            return HandleTable.Read(path);
        }
        catch (FormatException e)
        {
            throw new UsageException("--handles: " + e.Message);
        }
    }

    /// <summary>Ingests files with a progress bar on a terminal, plain progress lines otherwise.</summary>
    internal static async Task<List<FileOutcome>> IngestAsync(IArchive archive, IReadOnlyList<string> files, IngestOptions options, bool quiet, CancellationToken ct)
    {
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        var outcomes = new List<FileOutcome>();
        if (Output.IsTerminal && !quiet)
        {
            await AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    foreach (var file in files)
                    {
                        var task = ctx.AddTask(Output.Esc(Shorten(file)), maxValue: 1);
                        var progress = new SyncProgress<IngestProgress>(p => task.Value = p.BytesTotal == 0 ? 1 : (double)p.BytesRead / p.BytesTotal);
                        outcomes.Add(await ingestor.IngestFileAsync(file, options, progress, ct).ConfigureAwait(false));
                        task.Value = 1;
                    }
                }).ConfigureAwait(false);
        }
        else
        {
            for (int i = 0; i < files.Count; i++)
            {
                var file = files[i];
                int lastPercent = -10;
                var progress = new SyncProgress<IngestProgress>(p =>
                {
                    int percent = p.BytesTotal == 0 ? 100 : (int)(100 * p.BytesRead / p.BytesTotal);
                    if (!quiet && p.BytesTotal > 8 << 20 && percent >= lastPercent + 10)
                    {
                        lastPercent = percent;
                        Console.Error.WriteLine($"ingest: {file}: {percent}% ({Output.N(p.Posts)} posts)");
                    }
                });
                if (!quiet && files.Count > 1) Console.Error.WriteLine($"ingest: [{i + 1}/{files.Count}] {file}");
                outcomes.Add(await ingestor.IngestFileAsync(file, options, progress, ct).ConfigureAwait(false));
            }
        }
        return outcomes;
    }

    internal static void PrintSummary(IReadOnlyList<FileOutcome> outcomes)
    {
        var table = Output.Table("file", "format", "new", "updated", "unchanged", "deleted", "events", "result");
        foreach (var o in outcomes)
        {
            if (o.Rejected) continue;
            if (o.AlreadyImportedAs is { } earlier)
            {
                table.AddRow(Output.Esc(Shorten(o.File)), Output.Esc(o.Format), "0", "0", "0", "0", "0", $"[grey]already imported (import #{earlier.Id}); nothing changed[/]");
                continue;
            }
            var r = o.Import!;
            var note = r.Warnings.Count > 0 ? $"[yellow]ok, {r.Warnings.Count} warning(s)[/]" : "[green]ok[/]";
            table.AddRow(Output.Esc(Shorten(o.File)), Output.Esc(o.Format), Output.N(r.New), Output.N(r.Updated), Output.N(r.Unchanged), Output.N(r.Deleted), Output.N(r.Events), note);
        }
        if (table.Rows.Count > 0) AnsiConsole.Write(table);
        foreach (var o in outcomes.Where(o => o.Import is { Warnings.Count: > 0 }))
            foreach (var w in o.Import!.Warnings.Take(5))
                Console.Error.WriteLine($"warning: {o.File}: {w}");
        foreach (var o in outcomes.Where(o => o.Rejected))
            Console.Error.WriteLine($"{o.File}: {o.Error}");
        int rejected = outcomes.Count(o => o.Rejected);
        var totalNew = outcomes.Sum(o => o.Import?.New ?? 0);
        AnsiConsole.MarkupLine($"{outcomes.Count} file(s): {outcomes.Count - rejected} imported, {rejected} rejected; {Output.N(totalNew)} new post(s).");
    }

    private static object ToJson(FileOutcome o) => new
    {
        file = o.File,
        format = o.Format,
        status = o.Rejected ? "rejected" : o.AlreadyImportedAs is not null ? "already-imported" : "imported",
        error = o.Error,
        import = o.Import ?? o.AlreadyImportedAs,
    };

    private static string Shorten(string path) => path.Length <= 60 ? path : "…" + path[^59..];

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
