using System.Globalization;
using Faultline.Analysis.Scenarios;
using Faultline.Archive;

namespace Faultline.Assessment.Sections;

/// <summary>
/// Indicators and warnings: the scenario board of the analyst's scenario file for the report's last day. Every fired
/// indicator becomes a sentence citing the posts it rests on; the ACH matrix and the ranking are tables; the method,
/// each hypothesis's standing and the change since the previous day are notes. A change in the ranking is offered as
/// a takeaway, citing the posts of the items that moved it.
/// </summary>
internal sealed class ScenarioBoardSection : IReportSection
{
    /// <inheritdoc/>
    public string Id => "scenarios";

    /// <inheritdoc/>
    public string Heading => "Indicators and warnings";

    /// <inheritdoc/>
    public SectionResult Build(ReportContext context)
    {
        var path = context.Options.ScenarioFile;
        if (string.IsNullOrWhiteSpace(path))
            return SectionResult.Empty("No scenario file was given, so no indicators were watched. A scenario file lists competing hypotheses and the archive queries that bear on them (format and a worked example in docs/scenarios.md; samples/scenarios/defeated-regime.scenarios is one); pass it to the report to add the scenario board here.");
        if (!File.Exists(path))
            return SectionResult.Empty($"The scenario file {path} was not found, so no indicators were watched.");
        ScenarioFile file;
        try
        {
            file = ScenarioFile.Load(path);
        }
        catch (IOException e)
        {
            return SectionResult.Empty($"The scenario file {path} could not be read ({e.Message}), so no indicators were watched.");
        }
        var problems = file.Validate(context.Options.Registry);
        if (problems.Count > 0)
            return new SectionResult([new Note($"The scenario file {path} has problems and was not evaluated:"), .. problems.Take(10).Select(p => new Note(p.ToString())),
                .. problems.Count > 10 ? [new Note($"… and {problems.Count - 10} more problems.")] : Array.Empty<Note>()], []);
        ScenarioBoard board;
        try
        {
            board = new ScenarioEvaluator(context.Archive, context.Options.Registry, context.Sources.Values).Evaluate(file, context.Options.Date);
        }
        catch (ArchiveException e)
        {
            return SectionResult.Empty($"The scenario board could not be filled: {e.Message}");
        }
        return Write(board);
    }

    /// <summary>The blocks and takeaways of a filled board.</summary>
    internal static SectionResult Write(ScenarioBoard board)
    {
        var blocks = new List<Block>();
        var day = Day(board.Date);
        var before = Day(board.Previous.Date);
        var indicators = board.File.Indicators.Count();
        var manual = board.File.ManualEvidence.Count();
        blocks.Add(new Note($"Scenario board «{board.File.Title}» for {day}: {board.File.Hypotheses.Count} competing hypotheses weighed against {indicators} indicator{(indicators == 1 ? "" : "s")} watched in the archive"
                            + (manual > 0 ? $" and {manual} item{(manual == 1 ? "" : "s")} of analyst evidence" : "")
                            + $" (Analysis of Competing Hypotheses). Every window ends at the end of {day} (UTC); only observed items count; hypotheses rank by weighted inconsistency, least first, then by consistency."));

        var sentences = new List<Sentence>();
        foreach (var f in board.Today.Findings.Where(f => f.Observed && f.Posts.Count > 0))
        {
            var isNew = !board.Previous.Finding(f.Item.Id).Observed;
            sentences.Add(f.Item switch
            {
                ManualEvidence m => new Sentence(
                    $"Analyst evidence «{m.Title}», rated information credibility {m.Credibility} ({m.CredibilityWords}), rests on a post by {Names(f.Posts)}{(isNew ? $", published on {day}" : "")}.",
                    Cite(f.Posts)),
                Indicator { Kind: IndicatorKind.Stance } i => new Sentence(
                    $"Indicator «{i.Title}» was observed{(isNew ? $" (new since {before})" : "")}: net criticism of {i.TargetBloc} by {i.AuthorBloc} moved by {AchMatrix.Signed(f.Change ?? 0)} against the {Window(i.Background)} before, "
                    + $"with {Posts(f.Count, f.Capped).Replace(" post", $" {(i.Shift > 0 ? "critical" : "supportive")} post", StringComparison.Ordinal)} {In(i.Window, day)}, among them {(f.Posts.Count == 1 ? "a post" : "posts")} by {Names(f.Posts)}.",
                    Cite(f.Posts)),
                Indicator i => new Sentence(
                    $"Indicator «{i.Title}» was observed{(isNew ? $" (new since {before})" : "")}: {Posts(f.Count, f.Capped)} {In(i.Window, day)}, among them {(f.Posts.Count == 1 ? "a post" : "posts")} by {Names(f.Posts)}.",
                    Cite(f.Posts)),
                _ => throw new InvalidOperationException("unknown item"),
            });
        }
        if (sentences.Count > 0) blocks.Add(new Paragraph(sentences));
        else blocks.Add(new Note($"No indicator of the board was observed in the windows ending on {day}."));

        blocks.Add(Matrix(board));
        blocks.Add(Ranking(board));
        foreach (var s in board.Today.Ranking) blocks.Add(new Note(AchMatrix.Explain(s, board.Today.Ranking)));
        var worthless = board.Diagnosticity.Where(d => d.Spread == 0).Select(d => d.ItemId).ToList();
        if (worthless.Count > 0)
            blocks.Add(new Note($"Marked alike for every hypothesis, {string.Join(", ", worthless)} {(worthless.Count == 1 ? "has" : "have")} no diagnosticity: {(worthless.Count == 1 ? "it moves" : "they move")} every score alike and cannot change the ranking."));
        blocks.Add(new Note(Change(board, before)));
        foreach (var n in board.Notes) blocks.Add(new Note(n));

        return new SectionResult(blocks, Takeaways(board));
    }

    private static Table Matrix(ScenarioBoard board)
    {
        var hypotheses = board.File.Hypotheses;
        var rows = board.Today.Findings.Select(f =>
        {
            var indicator = f.Item as Indicator;
            var d = board.DiagnosticityOf(f.Item.Id);
            var was = board.Previous.Finding(f.Item.Id).Observed;
            var observed = f.Observed ? (was ? "yes" : "yes (new)") : was ? "no (was yes)" : "no";
            var posts = indicator is null ? (f.Count == 1 ? "cited post" : "not in archive") : $"{f.Count}{(f.Capped ? "+" : "")} of {indicator.Threshold} needed";
            IReadOnlyList<Sentence> row =
            [
                Cell($"{f.Item.Title} ({f.Item.Id})"),
                Cell(indicator is null ? "analyst evidence" : $"{indicator.Kind.ToString().ToLowerInvariant()}, {Window(indicator.Window)}"),
                Cell(observed), Cell(posts), Cell(AchMatrix.Number(f.Weight)), Cell($"{d.Label} ({d.Spread})"),
                .. hypotheses.Select(h => Cell(f.Item.MarkFor(h.Id).Code())),
            ];
            return row;
        }).ToList();
        return new Table("ACH matrix: marks CC, C (consistent), N (neutral), I, II (inconsistent); only observed items count",
            ["Item", "Kind and window", "Observed", "Posts", "Weight", "Diagnosticity", .. hypotheses.Select(h => h.Id)], rows);
    }

    private static Table Ranking(ScenarioBoard board)
    {
        var before = Day(board.Previous.Date);
        var rows = board.Today.Ranking.Select(s =>
        {
            var previous = board.Previous.Score(s.Hypothesis.Id);
            var move = s.Rank == previous.Rank ? "unchanged" : $"{(s.Rank < previous.Rank ? "up" : "down")} from {AchMatrix.Ordinal(previous.Rank)}";
            IReadOnlyList<Sentence> row =
            [
                Cell(s.Rank.ToString(CultureInfo.InvariantCulture)), Cell($"{s.Hypothesis.Id}: {s.Hypothesis.Title}"),
                Cell(AchMatrix.Number(s.Inconsistency)), Cell(AchMatrix.Number(s.Consistency)),
                Cell($"{move}; inconsistency {AchMatrix.Signed(s.Inconsistency - previous.Inconsistency)}, consistency {AchMatrix.Signed(s.Consistency - previous.Consistency)}"),
            ];
            return row;
        }).ToList();
        return new Table("Hypotheses, least inconsistent first", ["Rank", "Hypothesis", "Weighted inconsistency", "Consistency", $"Since {before}"], rows);
    }

    private static string Change(ScenarioBoard board, string before)
    {
        var c = board.Change;
        var parts = new List<string>();
        parts.Add(c.NewlyObserved.Count == 0 ? "no item was newly observed" : $"newly observed: {Titles(board, c.NewlyObserved)}");
        if (c.NoLongerObserved.Count > 0) parts.Add($"no longer observed: {Titles(board, c.NoLongerObserved)}");
        parts.Add(c.RankingChanged
            ? "the ranking changed: " + string.Join(", ", c.Hypotheses.Where(h => h.RankDelta != 0).Select(h => $"{h.HypothesisId} from {AchMatrix.Ordinal(h.RankBefore)} to {AchMatrix.Ordinal(h.RankNow)}"))
            : "the ranking is unchanged");
        return $"Since {before}: {string.Join("; ", parts)}.";
    }

    private static IReadOnlyList<Takeaway> Takeaways(ScenarioBoard board)
    {
        var change = board.Change;
        if (!change.RankingChanged) return [];
        // The posts of the items that moved the ranking: newly observed, or no longer observed the day before.
        var movers = board.Today.Findings.Where(f => change.NewlyObserved.Contains(f.Item.Id)).SelectMany(f => f.Posts)
            .Concat(board.Previous.Findings.Where(f => change.NoLongerObserved.Contains(f.Item.Id)).SelectMany(f => f.Posts))
            .DistinctBy(p => p.PostId).Take(4).ToList();
        if (movers.Count == 0) return [];
        var leader = board.Today.Ranking[0].Hypothesis;
        var moved = change.NewlyObserved.Select(id => board.Today.Finding(id).Item.Title).ToList();
        var why = moved.Count > 0 ? $" after {(moved.Count == 1 ? "the indicator" : "the indicators")} {string.Join(" and ", moved.Select(t => "«" + t + "»"))} {(moved.Count == 1 ? "was" : "were")} observed" : " as earlier indicators lapsed";
        var text = change.LeaderChanged
            ? $"On the scenario board, «{leader.Title}» now ranks first among the competing hypotheses (least inconsistent with the evidence){why}."
            : $"The ranking of the competing hypotheses on the scenario board changed{why}; «{leader.Title}» still ranks first.";
        return [new Takeaway(new Sentence(text, Cite(movers)), change.LeaderChanged ? 0.7 : 0.4)];
    }

    private static string Titles(ScenarioBoard board, IEnumerable<string> ids) => string.Join(", ", ids.Select(id => "«" + board.Today.Finding(id).Item.Title + "»"));

    private static IReadOnlyList<Citation> Cite(IEnumerable<EvidencePost> posts) => posts.Select(p => new Citation(p.PostId, null, p.Excerpt)).ToList();

    private static string Names(IReadOnlyList<EvidencePost> posts)
    {
        // A source without a title (a 4CAT dump) is named by its handle, not by its internal key.
        var names = posts.Select(p => p.Handle is { } h ? (p.Source.StartsWith("telegram:", StringComparison.Ordinal) ? "@" + h : $"{p.Source} (@{h})") : p.Source)
            .Distinct().ToList();
        return names.Count switch
        {
            1 => names[0],
            2 => $"{names[0]} and {names[1]}",
            _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
        };
    }

    private static string Posts(int count, bool capped) => capped ? $"at least {count} posts" : count == 1 ? "1 post" : $"{count} posts";

    private static string Window(TimeSpan span) => span.TotalHours % 24 == 0
        ? (span.TotalDays == 1 ? "day" : $"{span.TotalDays:0} days")
        : (span.TotalHours == 1 ? "hour" : $"{span.TotalHours:0} hours");

    private static string In(TimeSpan window, string day) => window == TimeSpan.FromDays(1) ? $"on {day}" : $"in the {Window(window)} to the end of {day}";

    private static string Day(DateOnly d) => d.ToString("MMMM d", CultureInfo.InvariantCulture);

    private static Sentence Cell(string text) => new(text, []);
}
