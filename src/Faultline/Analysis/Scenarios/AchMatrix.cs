using System.Globalization;

namespace Faultline.Analysis.Scenarios;

/// <summary>
/// The arithmetic of Heuer's Analysis of Competing Hypotheses over a filled matrix. Only observed items count. An item's
/// points against a hypothesis are its weight times 1 (I) or 2 (II); for it, times 1 (C) or 2 (CC). Hypotheses rank by
/// weighted inconsistency, least first — evidence refutes better than it confirms — then by consistency, then in file
/// order. An item marked the same for every hypothesis has zero diagnosticity: it moves every score alike and cannot
/// change the ranking.
/// </summary>
internal static class AchMatrix
{
    private const double Tolerance = 1e-9;

    /// <summary>Scores and ranks the hypotheses on the observed findings.</summary>
    public static IReadOnlyList<HypothesisScore> Score(IReadOnlyList<Hypothesis> hypotheses, IReadOnlyList<ItemFinding> findings)
    {
        var scored = hypotheses.Select((h, order) =>
        {
            var against = new List<Contribution>();
            var support = new List<Contribution>();
            foreach (var f in findings.Where(f => f.Observed))
            {
                var mark = f.Item.MarkFor(h.Id);
                var points = f.Weight * Math.Abs((int)mark);
                if (mark < 0) against.Add(new Contribution(f.Item.Id, f.Item.Title, mark, points));
                else if (mark > 0) support.Add(new Contribution(f.Item.Id, f.Item.Title, mark, points));
            }
            return (Hypothesis: h, Order: order, Against: Heaviest(against), For: Heaviest(support));
        }).ToList();
        var ranked = scored
            .OrderBy(s => Round(s.Against.Sum(c => c.Points)))
            .ThenByDescending(s => Round(s.For.Sum(c => c.Points)))
            .ThenBy(s => s.Order)
            .ToList();
        return ranked.Select((s, i) => new HypothesisScore(s.Hypothesis, i + 1, Round(s.Against.Sum(c => c.Points)), Round(s.For.Sum(c => c.Points)), s.Against, s.For)).ToList();

        static List<Contribution> Heaviest(List<Contribution> list)
            => list.OrderByDescending(c => c.Points).ThenBy(c => c.ItemId, StringComparer.Ordinal).ToList();
    }

    /// <summary>How much each item discriminates between the hypotheses (independent of whether it was observed).</summary>
    public static IReadOnlyList<Diagnosticity> DiagnosticityOf(IReadOnlyList<Hypothesis> hypotheses, IEnumerable<(EvidenceItem Item, double Weight)> items)
        => items.Select(x =>
        {
            var marks = hypotheses.Select(h => (int)x.Item.MarkFor(h.Id)).ToList();
            var spread = marks.Count == 0 ? 0 : marks.Max() - marks.Min();
            return new Diagnosticity(x.Item.Id, spread, Round(spread * x.Weight));
        }).ToList();

    /// <summary>What moved between two days of the same board.</summary>
    public static BoardChange Compare(BoardDay previous, BoardDay today)
    {
        var hypotheses = today.Ranking.Select(now =>
        {
            var before = previous.Score(now.Hypothesis.Id);
            return new HypothesisChange(now.Hypothesis.Id, before.Rank, now.Rank, before.Inconsistency, now.Inconsistency, before.Consistency, now.Consistency);
        }).ToList();
        var newly = today.Findings.Where(f => f.Observed && !previous.Finding(f.Item.Id).Observed).Select(f => f.Item.Id).ToList();
        var gone = today.Findings.Where(f => !f.Observed && previous.Finding(f.Item.Id).Observed).Select(f => f.Item.Id).ToList();
        return new BoardChange(hypotheses, newly, gone);
    }

    /// <summary>
    /// Why a hypothesis stands where it does, in one line: its rank and scores, ties, and the observed items that weigh
    /// against it and for it.
    /// </summary>
    public static string Explain(HypothesisScore score, IReadOnlyList<HypothesisScore> ranking)
    {
        var h = score.Hypothesis;
        var position = score.Rank == 1 ? "ranks first (least inconsistent)" : $"ranks {Ordinal(score.Rank)} of {ranking.Count}";
        var tied = ranking.Where(o => o != score && Math.Abs(o.Inconsistency - score.Inconsistency) < Tolerance).ToList();
        var level = tied.Where(o => Math.Abs(o.Consistency - score.Consistency) < Tolerance).Select(o => o.Hypothesis.Id).ToList();
        var tie = level.Count > 0 ? $", level with {string.Join(", ", level)} on both scores (kept in file order)"
            : tied.Count > 0 ? $", tied on inconsistency with {string.Join(", ", tied.Select(o => o.Hypothesis.Id))}" : "";
        var against = score.Against.Count == 0 ? "no observed item weighs against it" : "against it: " + string.Join("; ", score.Against.Select(Describe));
        var support = score.For.Count == 0 ? "none observed is consistent with it" : "consistent with it: " + string.Join("; ", score.For.Select(Describe));
        return $"{h.Id} «{h.Title}» {position}: weighted inconsistency {Number(score.Inconsistency)}, consistency {Number(score.Consistency)}{tie}; {against}; {support}.";

        static string Describe(Contribution c) => $"«{c.Title}» ({c.Mark.Code()}, {Number(c.Points)})";
    }

    /// <summary>"1.5", "2", "0".</summary>
    public static string Number(double value) => Round(value).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"+1.5", "-2", "0".</summary>
    public static string Signed(double value) => Round(value) switch
    {
        > 0 and var v => "+" + Number(v),
        var v => Number(v),
    };

    /// <summary>first, second, third, 4th …</summary>
    public static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };

    private static double Round(double value) => Math.Round(value, 6);
}
