using System.CommandLine;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline demo`: the fictional samples, end to end.</summary>
internal static class DemoCommand
{
    private static readonly Option<string?> Samples = new("--samples") { Description = "Folder of inputs (default: the bundled fictional samples/)" };

    public const string DefaultDb = "faultline-demo.db";

    public static Command Build()
    {
        var cmd = new Command("demo", "Ingest the bundled fictional samples into a fresh archive (./faultline-demo.db unless --db), print an overview and write the assessment of the walk-back day as HTML") { Samples };
        cmd.SetAction((parse, ct) => RunAsync(parse, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var samples = parse.GetValue(Samples) ?? FindSamples();
        if (samples is null || !Directory.Exists(samples))
        {
            Output.Error("the samples folder was not found; pass --samples FOLDER");
            return 2;
        }
        var explicitDb = parse.GetValue(Globals.Db) ?? Environment.GetEnvironmentVariable("FAULTLINE_DB");
        var dbPath = string.IsNullOrEmpty(explicitDb) ? DefaultDb : explicitDb;
        if (string.IsNullOrEmpty(explicitDb))
        {
            // The default demo archive is rebuilt on every run, so the demo always shows the same thing.
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
        bool json = parse.GetValue(Globals.Json);
        if (!json) AnsiConsole.MarkupLine($"[bold]Faultline demo[/] — ingesting the fictional samples in {Output.Esc(samples)} into {Output.Esc(Path.GetFullPath(dbPath))}\n");
        using var archive = Archive.Sqlite.SqliteArchive.Open(dbPath);
        var handles = Path.Combine(samples, "handles.tsv");
        var files = Ingestor.ExpandPaths([samples])
            .Where(f => !f.EndsWith("README.md", StringComparison.OrdinalIgnoreCase) && Path.GetFullPath(f) != Path.GetFullPath(handles)).ToList();
        var options = new IngestOptions { Handles = IngestCommand.ReadHandles(File.Exists(handles) ? handles : null) };
        var outcomes = await IngestCommand.IngestAsync(archive, files, options, quiet: true, ct).ConfigureAwait(false);
        var totals = archive.Totals();
        if (json)
        {
            AnalyseCommand.Run(archive, new Faultline.Analysis.AnalysisSettings(), quiet: true, ct);
            var written = WriteAssessment(archive, samples, dbPath);
            Output.Json(new { archive = Path.GetFullPath(dbPath), files = outcomes.Select(o => new { o.File, o.Format, o.Error, o.Import }), totals,
                assessment = written?.Path, assessmentDate = written?.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
            return outcomes.Any(o => o.Rejected) ? 1 : 0;
        }
        IngestCommand.PrintSummary(outcomes);
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine($"[bold]Archive[/]: {totals.Sources} sources, {Output.N(totals.Posts)} posts, {Output.N(totals.Versions)} versions, {totals.Deleted} deleted, {totals.Events} source events.");
        AnsiConsole.MarkupLine("By language: " + string.Join(", ", totals.PostsByLanguage.Select(kv => $"{kv.Key} {kv.Value}")));
        AnsiConsole.MarkupLine("By kind: " + string.Join(", ", totals.PostsByKind.Select(kv => $"{kv.Key} {kv.Value}")));
        AnsiConsole.WriteLine();
        var sources = Output.Table("source", "kind", "posts", "edited", "deleted", "span (UTC)");
        foreach (var s in archive.Sources())
            sources.AddRow(Output.Esc(s.Info.Handle is { } h ? "@" + h : s.Info.Title ?? s.Info.Key), s.Info.Kind.ToString(), Output.N(s.Posts), Output.N(s.Edited), Output.N(s.Deleted),
                $"{Output.Time(s.First)} … {Output.Time(s.Last)}");
        AnsiConsole.Write(sources);
        foreach (var q in new[] { "списки", "мілблогери", "lists" })
        {
            var result = archive.Search(new SearchQuery(q) { Limit = 3 });
            AnsiConsole.MarkupLine($"\n[bold]search[/] \"{Output.Esc(q)}\": {Output.N(result.Ranked)} post(s)");
            foreach (var hit in result.Hits)
                AnsiConsole.MarkupLine($"  {Output.Esc(hit.Post.Source.Handle ?? hit.Post.Source.Title)} · {Output.Time(hit.Post.Post.Published)} · {Output.Esc(Trim(hit.Snippet.Text, 110))}");
        }
        AnsiConsole.MarkupLine("\n[bold]Analysis[/]: forwards, citations, copies and rewrites between posts");
        AnalyseCommand.Run(archive, new Faultline.Analysis.AnalysisSettings(), quiet: false, ct);
        var spread = Faultline.Analysis.Cascades.SpreadSnapshot.Load(archive);
        AnsiConsole.MarkupLine("\n[bold]Top cascades[/] (posts that spread the same content)");
        foreach (var c in spread.Cascades.Take(3))
        {
            var origin = spread.Post(c.Id);
            var text = origin.Text.ReplaceLineEndings(" ");
            AnsiConsole.MarkupLine($"  #{c.Id}: {c.Size} posts in {c.Channels} channels from {Output.Esc(spread.Labels[origin.SourceId])} at {Output.Time(origin.Published)} UTC; " +
                                   $"90% within {DuplicatesCommand.Lag(c.TimeTo90.TotalMinutes).TrimStart('+')} — {Output.Esc(Trim(text, 80))}");
        }
        var registry = Faultline.Analysis.Actors.ActorRegistry.Default;
        var view = Faultline.Analysis.Actors.StanceView.Load(archive, registry);
        AnsiConsole.MarkupLine("\n[bold]Stance[/] (author bloc → target bloc: criticise / support / neutral calls, net criticism rate)");
        var cells = view.Matrices.BlocCells().GroupBy(c => (c.AuthorBloc, c.TargetBloc))
            .Select(g => (g.Key, Tally: g.Aggregate(default(Faultline.Analysis.Fractures.StanceTally), (acc, c) => acc + c.Tally)))
            .Where(c => c.Tally.Total > 0).OrderByDescending(c => c.Tally.Criticise).ThenByDescending(c => c.Tally.Total).Take(5);
        foreach (var (key, tally) in cells)
            AnsiConsole.MarkupLine($"  {Output.Esc(key.AuthorBloc)} → {Output.Esc(key.TargetBloc)}: {tally.Criticise} / {tally.Support} / {tally.Neutral}, net {tally.NetCriticismRate:+0.00;-0.00;0.00}");
        var fracture = Faultline.Analysis.Fractures.FractureAnalysis.Analyse(view.Records, view.Matrices, "milbloggers", "mod-establishment", Faultline.Analysis.Fractures.EventsFile.Default());
        AnsiConsole.MarkupLine(fracture.ChangePoints.Count == 0
            ? $"  fracture milbloggers ↔ mod-establishment: no significant change point at α = 0.05 over {fracture.Series.Points.Count} days"
            : "  fracture milbloggers ↔ mod-establishment: change points on " + string.Join(", ", fracture.ChangePoints.Select(c => $"{c.Day:yyyy-MM-dd} (p = {c.PValue:0.000})")));
        var claims = archive.Claims().OrderByDescending(c => c.Members.Count).Take(2).ToList();
        if (claims.Count > 0)
        {
            AnsiConsole.MarkupLine("\n[bold]Claims[/] (propositions that circulate, with where they stand)");
            var labels = Globals.SourceLabels(archive);
            foreach (var c in claims)
            {
                var kinds = string.Join(", ", c.Lifecycle.GroupBy(e => e.Kind).Select(g => $"{ClaimCommands.Kebab(g.Key.ToString())} ×{g.Count()}"));
                AnsiConsole.MarkupLine($"  #{c.Id} ({ClaimCommands.Kebab(c.Status.ToString())}), from {Output.Esc(labels.GetValueOrDefault(c.Members[0].SourceId))}, " +
                                       $"{c.Members.Count} posts: {Output.Esc(Trim(c.Title, 90))}");
                AnsiConsole.MarkupLine($"    [grey]{Output.Esc(kinds)}[/]");
            }
        }
        var assessment = WriteAssessment(archive, samples, dbPath);
        if (assessment is { } a)
        {
            AnsiConsole.MarkupLine($"\n[bold]Assessment[/] of the walk-back day, {a.Day:yyyy-MM-dd}: {a.Endnotes} endnotes, every sentence cited to an archived post version; written to");
            Console.Out.WriteLine(a.Path);
            AnsiConsole.MarkupLine($"[grey]Check it: faultline --db {Output.Esc(dbPath)} report --check {Output.Esc(a.Path)}[/]");
        }
        AnsiConsole.MarkupLine($"\nNext: [bold]faultline --db {Output.Esc(dbPath)} search \"генералы\"[/], [bold]faultline --db {Output.Esc(dbPath)} sources[/], " +
                               $"[bold]faultline --db {Output.Esc(dbPath)} post HANDLE/ID[/], " +
                               $"[bold]faultline --db {Output.Esc(dbPath)} cascade ID[/], [bold]faultline --db {Output.Esc(dbPath)} graph --out spread.gexf[/], " +
                               $"[bold]faultline --db {Output.Esc(dbPath)} claim ID[/], [bold]faultline --db {Output.Esc(dbPath)} stance[/]");
        return outcomes.Any(o => o.Rejected) ? 1 : 0;
    }

    /// <summary>
    /// The footnoted assessment, as HTML beside the archive, for the day the widest walked-back claim was first walked
    /// back, with the shipped scenario board; null when no claim was walked back.
    /// </summary>
    private static (string Path, DateOnly Day, int Endnotes)? WriteAssessment(IArchive archive, string samples, string dbPath)
    {
        var claim = archive.Claims().Where(c => c.Lifecycle.Any(e => e.Kind == Faultline.Analysis.Claims.LifecycleEventKind.WalkedBack))
            .OrderByDescending(c => c.Members.Count).ThenBy(c => c.Id).FirstOrDefault();
        if (claim is null) return null;
        var walkBack = claim.Lifecycle.Where(e => e.Kind == Faultline.Analysis.Claims.LifecycleEventKind.WalkedBack).Min(e => e.Time);
        var day = DateOnly.FromDateTime(walkBack.UtcDateTime);
        var scenarios = Path.Combine(samples, "scenarios", "defeated-regime.scenarios");
        var document = Faultline.Assessment.ReportBuilder.Build(archive, new Faultline.Assessment.ReportOptions
        {
            Date = day,
            ScenarioFile = File.Exists(scenarios) ? scenarios : null,
        });
        var folder = Path.GetDirectoryName(Path.GetFullPath(dbPath)) ?? Environment.CurrentDirectory;
        var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(dbPath)}-assessment-{day:yyyy-MM-dd}.html");
        using (var file = File.Create(path))
            new Faultline.Assessment.Writing.HtmlWriter().Write(document, file, Faultline.Assessment.Writing.WriterOptions.Default);
        return (path, day, document.Endnotes.Count);
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..n] + "…";

    /// <summary>The samples copied beside the program, else samples/ in the repository above it.</summary>
    private static string? FindSamples()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "samples");
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Faultline.slnx"))) return candidate;
        }
        return null;
    }
}
