using System.CommandLine;
using System.Globalization;
using Faultline.Analysis.Scenarios;
using Spectre.Console;

namespace Faultline.Cli.Commands;

/// <summary>`faultline scenarios FILE [--date D]`: the scenario board (Analysis of Competing Hypotheses) for a day.</summary>
internal static class ScenariosCommand
{
    private const int MaxProblems = 20;

    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "A scenario file: hypotheses, indicators and evidence with their marks (format in docs/scenarios.md)" };
        var date = new Option<string?>("--date") { Description = "The day to evaluate, YYYY-MM-DD (UTC); every window ends at its end. Default: the last day with posts" };
        var cmd = new Command("scenarios", "Weigh competing hypotheses against the archive for a day: fill the ACH matrix from the indicators, rank the hypotheses (least inconsistent first) with the evidence posts, and show what changed since the day before") { file, date };
        cmd.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"{path}: no such scenario file");
            var registry = Globals.LoadRegistry(parse);
            var scenario = ScenarioFile.Load(path);
            var problems = scenario.Validate(registry);
            if (problems.Count > 0)
            {
                // A file that is not a scenario file at all (a binary, an export) would otherwise print a line for each of its lines.
                foreach (var p in problems.Take(MaxProblems)) Console.Error.WriteLine(p.ToString());
                if (problems.Count > MaxProblems) Console.Error.WriteLine($"{path}: … and {problems.Count - MaxProblems} more problems");
                return Task.FromResult(2);
            }
            var json = parse.GetValue(Globals.Json);
            using var archive = Globals.OpenExisting(parse);
            if (archive is null) return Task.FromResult(2);
            AnalyseCommand.EnsureFresh(archive, json, ct, registry);
            var sources = archive.Sources();
            DateOnly day;
            if (parse.GetValue(date) is { } text)
            {
                if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                    throw new UsageException($"--date: '{text}' is not a date (use YYYY-MM-DD)");
            }
            else if (ScenarioEvaluator.LastDay(sources) is { } last) day = last;
            else
            {
                Output.Error("the archive has no posts; ingest some or pass --date");
                return Task.FromResult(1);
            }
            var board = new ScenarioEvaluator(archive, registry, sources).Evaluate(scenario, day);
            if (json) Output.Json(Shape(board));
            else Print(board);
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static object Shape(ScenarioBoard board)
    {
        var previous = board.Previous;
        return new
        {
            file = board.File.Name,
            title = board.File.Title,
            description = board.File.Description,
            date = board.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            previousDate = previous.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            hypotheses = board.Today.Ranking.Select(s =>
            {
                var before = previous.Score(s.Hypothesis.Id);
                return new
                {
                    s.Hypothesis.Id, s.Hypothesis.Title, s.Hypothesis.Description, s.Rank, s.Inconsistency, s.Consistency,
                    rankBefore = before.Rank, inconsistencyBefore = before.Inconsistency, consistencyBefore = before.Consistency,
                    explanation = AchMatrix.Explain(s, board.Today.Ranking),
                    against = s.Against.Select(c => new { item = c.ItemId, mark = c.Mark.Code(), c.Points }),
                    @for = s.For.Select(c => new { item = c.ItemId, mark = c.Mark.Code(), c.Points }),
                };
            }),
            items = board.Today.Findings.Select(f =>
            {
                var before = previous.Finding(f.Item.Id);
                var d = board.DiagnosticityOf(f.Item.Id);
                var indicator = f.Item as Indicator;
                return new
                {
                    f.Item.Id,
                    type = indicator is null ? "evidence" : "indicator",
                    kind = indicator?.Kind.ToString().ToLowerInvariant(),
                    f.Item.Title,
                    window = indicator is null ? null : ScenarioFile.WindowText(indicator.Window),
                    from = indicator is null ? (DateTimeOffset?)null : f.From,
                    f.To,
                    threshold = indicator?.Threshold,
                    credibility = (f.Item as ManualEvidence)?.Credibility,
                    f.Weight,
                    f.Observed,
                    observedBefore = before.Observed,
                    newlyObserved = f.Observed && !before.Observed,
                    f.Count,
                    countBefore = before.Count,
                    f.Capped,
                    f.Detail,
                    diagnosticity = new { d.Spread, d.Weighted, d.Label },
                    marks = board.File.Hypotheses.ToDictionary(h => h.Id, h => f.Item.MarkFor(h.Id).Code()),
                    f.PostIds,
                    posts = f.Posts.Select(p => new { p.PostId, p.Reference, channel = p.Source, p.Handle, p.Url, p.Published, p.Excerpt }),
                };
            }),
            change = new
            {
                board.Change.RankingChanged, board.Change.LeaderChanged, board.Change.NewlyObserved, board.Change.NoLongerObserved,
            },
            notes = board.Notes,
        };
    }

    private static void Print(ScenarioBoard board)
    {
        var today = board.Today;
        var previous = board.Previous;
        var hypotheses = board.File.Hypotheses;
        var dayText = board.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var beforeText = previous.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        AnsiConsole.MarkupLine($"[bold]{Output.Esc(board.File.Title)}[/] — board for {dayText} (every window ends at {board.Date.AddDays(1):yyyy-MM-dd} 00:00 UTC; compared with {beforeText})");
        if (board.File.Description.Length > 0) AnsiConsole.MarkupLine($"[grey]{Output.Esc(board.File.Description)}[/]");

        AnsiConsole.MarkupLine("\n[bold]Hypotheses[/], least inconsistent first");
        var ranking = Output.Table("rank", "hypothesis", "inconsistency", "consistency", $"since {beforeText}");
        foreach (var s in today.Ranking)
        {
            var before = previous.Score(s.Hypothesis.Id);
            var move = s.Rank == before.Rank ? "=" : s.Rank < before.Rank ? $"▲ from {before.Rank}" : $"▼ from {before.Rank}";
            ranking.AddRow(s.Rank.ToString(CultureInfo.InvariantCulture), Output.Esc($"{s.Hypothesis.Id} {s.Hypothesis.Title}"), AchMatrix.Number(s.Inconsistency),
                AchMatrix.Number(s.Consistency), Output.Esc($"{move} (inconsistency {AchMatrix.Signed(s.Inconsistency - before.Inconsistency)}, consistency {AchMatrix.Signed(s.Consistency - before.Consistency)})"));
        }
        AnsiConsole.Write(ranking);
        foreach (var s in today.Ranking) AnsiConsole.MarkupLine($"  · {Output.Esc(AchMatrix.Explain(s, today.Ranking))}");

        AnsiConsole.MarkupLine("\n[bold]ACH matrix[/] (only observed items count; an item marked alike for every hypothesis has no diagnosticity)");
        var matrix = Output.Table(["item", "kind", "window", "observed", "posts", "weight", "diagnosticity", .. hypotheses.Select(h => h.Id)]);
        foreach (var f in today.Findings)
        {
            var indicator = f.Item as Indicator;
            var d = board.DiagnosticityOf(f.Item.Id);
            var observed = f.Observed ? (previous.Finding(f.Item.Id).Observed ? "yes" : "yes, new") : previous.Finding(f.Item.Id).Observed ? "no (was yes)" : "no";
            string[] row =
            [
                Output.Esc(f.Item.Id), indicator?.Kind.ToString().ToLowerInvariant() ?? "evidence", indicator is null ? "" : ScenarioFile.WindowText(indicator.Window),
                f.Observed ? $"[bold]{observed}[/]" : $"[grey]{observed}[/]",
                indicator is null ? (f.Count == 1 ? "1" : "—") : $"{f.Count}{(f.Capped ? "+" : "")}/{indicator.Threshold}",
                AchMatrix.Number(f.Weight), $"{d.Label} ({d.Spread})",
                .. hypotheses.Select(h => f.Item.MarkFor(h.Id).Code() is var code && f.Observed ? $"[bold]{code}[/]" : $"[grey]{code}[/]"),
            ];
            matrix.AddRow(row);
        }
        AnsiConsole.Write(matrix);

        AnsiConsole.MarkupLine("\n[bold]Evidence[/]");
        foreach (var f in today.Findings)
        {
            var mark = f.Observed ? "[green]✓[/]" : "[grey]·[/]";
            AnsiConsole.MarkupLine($"{mark} [bold]{Output.Esc(f.Item.Id)}[/] «{Output.Esc(f.Item.Title)}»: {Output.Esc(f.Detail)}");
            foreach (var p in f.Posts)
                AnsiConsole.MarkupLine($"      {Output.Esc(p.Reference)}  {Output.Time(p.Published)}  [grey]{Output.Esc(p.Excerpt is null ? "" : "«" + Snip(p.Excerpt, 120) + "»")}[/]");
            if (f.Observed && f.Count > f.Posts.Count && f.PostIds.Count > f.Posts.Count)
                AnsiConsole.MarkupLine($"      [grey]… and {f.PostIds.Count - f.Posts.Count} more (--json lists every post id)[/]");
        }

        AnsiConsole.MarkupLine($"\n[bold]Since {beforeText}[/]");
        var change = board.Change;
        AnsiConsole.MarkupLine(change.NewlyObserved.Count == 0 ? "  no indicator newly observed" : "  newly observed: " + Output.Esc(string.Join(", ", change.NewlyObserved)));
        if (change.NoLongerObserved.Count > 0) AnsiConsole.MarkupLine("  no longer observed: " + Output.Esc(string.Join(", ", change.NoLongerObserved)));
        if (!change.RankingChanged) AnsiConsole.MarkupLine("  the ranking is unchanged");
        else
            foreach (var h in change.Hypotheses.Where(h => h.RankDelta != 0))
                AnsiConsole.MarkupLine($"  {Output.Esc(h.HypothesisId)} moved from rank {h.RankBefore} to {h.RankNow}");

        if (board.Notes.Count > 0)
        {
            AnsiConsole.MarkupLine("\n[bold]Notes[/]");
            foreach (var n in board.Notes) AnsiConsole.MarkupLine($"  [grey]{Output.Esc(n)}[/]");
        }
    }

    private static string Snip(string s, int n)
    {
        var one = s.ReplaceLineEndings(" ");
        return one.Length <= n ? one : one[..(n - 1)] + "…";
    }
}
