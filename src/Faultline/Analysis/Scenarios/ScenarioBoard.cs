namespace Faultline.Analysis.Scenarios;

/// <summary>A post that an evidence item rests on, with what a reader needs to find it.</summary>
/// <param name="PostId">The archive's post id.</param>
/// <param name="SourceId">The archive's source id.</param>
/// <param name="Source">The source's title (or key).</param>
/// <param name="Handle">The channel's public handle, when known.</param>
/// <param name="NativeId">The post's id within its source.</param>
/// <param name="Published">Publication time, UTC.</param>
/// <param name="Url">https://t.me/handle/id or the item's URL, when known.</param>
/// <param name="Excerpt">Words quoted verbatim from the current version (null when it has no words).</param>
internal sealed record EvidencePost(long PostId, long SourceId, string Source, string? Handle, string NativeId, DateTimeOffset Published, string? Url, string? Excerpt)
{
    /// <summary>"@handle/4107", or "Source title/id" for a source without a handle.</summary>
    public string Reference => Handle is { } h ? $"@{h}/{NativeId}" : $"{Source}/{NativeId}";
}

/// <summary>What the archive showed for one evidence item on one day.</summary>
/// <param name="Item">The indicator or manual evidence.</param>
/// <param name="From">Start of its window (inclusive).</param>
/// <param name="To">End of its window (exclusive): the end of the day evaluated.</param>
/// <param name="Observed">The item counts on the board this day (an indicator at or over its threshold; manual evidence whose post is archived and published by then).</param>
/// <param name="Count">Evidence posts in the window (manual evidence: 1 when resolved, else 0).</param>
/// <param name="Capped">The count is a lower bound: a search stopped at its ranking cap.</param>
/// <param name="PostIds">Every evidence post found in the window, oldest first.</param>
/// <param name="Posts">The few posts cited for it, most relevant first.</param>
/// <param name="Weight">Its weight on the board (manual evidence: scaled by credibility).</param>
/// <param name="Detail">One line on how the decision was reached ("7 posts, threshold 3"; the stance change; the claims).</param>
internal sealed record ItemFinding(EvidenceItem Item, DateTimeOffset From, DateTimeOffset To, bool Observed, int Count, bool Capped,
    IReadOnlyList<long> PostIds, IReadOnlyList<EvidencePost> Posts, double Weight, string Detail)
{
    /// <summary>For a stance indicator: the change of net criticism against the background (null when the window had no calls).</summary>
    public double? Change { get; init; }
}

/// <summary>One observed item's pull on a hypothesis.</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Title">The item's title.</param>
/// <param name="Mark">How it was marked against the hypothesis.</param>
/// <param name="Points">Weight times the mark's strength (1 or 2).</param>
internal sealed record Contribution(string ItemId, string Title, Mark Mark, double Points);

/// <summary>A hypothesis scored on one day.</summary>
/// <param name="Hypothesis">The hypothesis.</param>
/// <param name="Rank">1 = least inconsistent; tied hypotheses share no rank (ties broken by consistency, then file order).</param>
/// <param name="Inconsistency">Heuer's weighted inconsistency: the sum of points of observed items marked I or II.</param>
/// <param name="Consistency">The sum of points of observed items marked C or CC.</param>
/// <param name="Against">Observed items weighing against it, heaviest first.</param>
/// <param name="For">Observed items consistent with it, heaviest first.</param>
internal sealed record HypothesisScore(Hypothesis Hypothesis, int Rank, double Inconsistency, double Consistency, IReadOnlyList<Contribution> Against, IReadOnlyList<Contribution> For);

/// <summary>How well an item tells the hypotheses apart.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Spread">Highest minus lowest mark across the hypotheses, 0 … 4 (0: marked the same for all, worthless for ranking).</param>
/// <param name="Weighted">Spread times the item's weight.</param>
internal sealed record Diagnosticity(string ItemId, int Spread, double Weighted)
{
    /// <summary>none, low, medium or high.</summary>
    public string Label => Spread switch { 0 => "none", 1 => "low", 2 => "medium", _ => "high" };
}

/// <summary>The board for one day.</summary>
/// <param name="Date">The day; every window ends at its end.</param>
/// <param name="Findings">One per item, in file order.</param>
/// <param name="Ranking">Hypotheses, least inconsistent first.</param>
internal sealed record BoardDay(DateOnly Date, IReadOnlyList<ItemFinding> Findings, IReadOnlyList<HypothesisScore> Ranking)
{
    /// <summary>The finding of an item.</summary>
    public ItemFinding Finding(string itemId) => Findings.First(f => f.Item.Id == itemId);

    /// <summary>The score of a hypothesis.</summary>
    public HypothesisScore Score(string hypothesisId) => Ranking.First(s => s.Hypothesis.Id == hypothesisId);
}

/// <summary>How one hypothesis moved since the previous day.</summary>
internal sealed record HypothesisChange(string HypothesisId, int RankBefore, int RankNow, double InconsistencyBefore, double InconsistencyNow, double ConsistencyBefore, double ConsistencyNow)
{
    /// <summary>Positive: moved up the ranking.</summary>
    public int RankDelta => RankBefore - RankNow;
    /// <summary>Change of weighted inconsistency.</summary>
    public double InconsistencyDelta => InconsistencyNow - InconsistencyBefore;
    /// <summary>Change of consistency.</summary>
    public double ConsistencyDelta => ConsistencyNow - ConsistencyBefore;
}

/// <summary>What changed between the previous day's board and this one.</summary>
/// <param name="Hypotheses">Per hypothesis, in today's rank order.</param>
/// <param name="NewlyObserved">Items observed today and not the day before, in file order.</param>
/// <param name="NoLongerObserved">Items observed the day before and not today.</param>
internal sealed record BoardChange(IReadOnlyList<HypothesisChange> Hypotheses, IReadOnlyList<string> NewlyObserved, IReadOnlyList<string> NoLongerObserved)
{
    /// <summary>The order of the hypotheses differs from the day before.</summary>
    public bool RankingChanged => Hypotheses.Any(h => h.RankDelta != 0);

    /// <summary>A different hypothesis ranks first.</summary>
    public bool LeaderChanged => Hypotheses.Count > 0 && Hypotheses[0].RankBefore != 1;
}

/// <summary>
/// A scenario board: the ACH matrix of a scenario file filled from the archive for a day, with scores, diagnosticity,
/// the ranking and what changed since the previous day.
/// </summary>
/// <param name="File">The scenario file.</param>
/// <param name="Today">The board for the day asked for.</param>
/// <param name="Previous">The board for the day before, by the same method.</param>
/// <param name="Change">What moved between them.</param>
/// <param name="Diagnosticity">One per item, in file order.</param>
/// <param name="Notes">Coverage and method remarks: channels not archived, citations not resolved, searches capped.</param>
internal sealed record ScenarioBoard(ScenarioFile File, BoardDay Today, BoardDay Previous, BoardChange Change, IReadOnlyList<Diagnosticity> Diagnosticity, IReadOnlyList<string> Notes)
{
    /// <summary>The day evaluated.</summary>
    public DateOnly Date => Today.Date;

    /// <summary>The diagnosticity of an item.</summary>
    public Diagnosticity DiagnosticityOf(string itemId) => Diagnosticity.First(d => d.ItemId == itemId);
}
