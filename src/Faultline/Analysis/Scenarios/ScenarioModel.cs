using Faultline.Analysis.Actors;
using Faultline.Analysis.Claims;

namespace Faultline.Analysis.Scenarios;

/// <summary>
/// How one evidence item bears on one hypothesis, in Heuer's Analysis of Competing Hypotheses. The numeric value is
/// the score contribution per unit of weight: inconsistency counts the negative side, consistency the positive.
/// </summary>
internal enum Mark
{
    /// <summary>II: strongly inconsistent; counts twice against the hypothesis.</summary>
    StronglyInconsistent = -2,
    /// <summary>I: inconsistent.</summary>
    Inconsistent = -1,
    /// <summary>N: neutral or not applicable.</summary>
    Neutral = 0,
    /// <summary>C: consistent.</summary>
    Consistent = 1,
    /// <summary>CC: strongly consistent.</summary>
    StronglyConsistent = 2,
}

/// <summary>The codes analysts write for marks (CC, C, N, I, II).</summary>
internal static class MarkCodes
{
    /// <summary>The mark for a code, case-insensitive; null when the code is unknown.</summary>
    public static Mark? Parse(string code) => code.ToUpperInvariant() switch
    {
        "CC" => Mark.StronglyConsistent,
        "C" => Mark.Consistent,
        "N" or "NA" => Mark.Neutral,
        "I" => Mark.Inconsistent,
        "II" => Mark.StronglyInconsistent,
        _ => null,
    };

    /// <summary>The code of a mark.</summary>
    public static string Code(this Mark mark) => mark switch
    {
        Mark.StronglyConsistent => "CC",
        Mark.Consistent => "C",
        Mark.Inconsistent => "I",
        Mark.StronglyInconsistent => "II",
        _ => "N",
    };
}

/// <summary>What an indicator asks of the archive.</summary>
internal enum IndicatorKind
{
    /// <summary>Posts matching a full-text query (the search syntax of <c>faultline search</c>).</summary>
    Query,
    /// <summary>Posts that mention a registry actor, optionally with a given stance and by authors of a given bloc.</summary>
    Actor,
    /// <summary>Net criticism of one bloc toward another moving by at least a set amount against the background.</summary>
    Stance,
    /// <summary>Claims matching terms: their posts in the window, or only the lifecycle events of one kind (denied, walked back …).</summary>
    Claim,
    /// <summary>Posts from given channels, optionally matching terms.</summary>
    Source,
}

/// <summary>A hypothesis the board weighs.</summary>
/// <param name="Id">Short id used in marks ("H1").</param>
/// <param name="Title">One line.</param>
/// <param name="Description">What it means, in the analyst's words (may be empty).</param>
/// <param name="Line">Where it is defined.</param>
internal sealed record Hypothesis(string Id, string Title, string Description, int Line);

/// <summary>An item of evidence on the board: an indicator watched in the archive, or an analyst's own entry.</summary>
internal abstract record EvidenceItem(string Id, string Title, IReadOnlyDictionary<string, Mark> Marks, double Weight, int Line)
{
    /// <summary>The item's mark for a hypothesis (neutral when absent, which validation does not allow in a loaded file).</summary>
    public Mark MarkFor(string hypothesisId) => Marks.TryGetValue(hypothesisId, out var m) ? m : Mark.Neutral;
}

/// <summary>An archive query whose result decides whether the indicator was observed on a day.</summary>
internal sealed record Indicator(string Id, IndicatorKind Kind, TimeSpan Window, string Title, IReadOnlyDictionary<string, Mark> Marks, double Weight, int Threshold, int Line)
    : EvidenceItem(Id, Title, Marks, Weight, Line)
{
    /// <summary>Search syntax (query and claim: required; source: optional).</summary>
    public string? Terms { get; init; }
    /// <summary>Only posts in this language (query, source).</summary>
    public string? Language { get; init; }
    /// <summary>The registry actor (actor).</summary>
    public string? ActorId { get; init; }
    /// <summary>Only calls with this stance (actor).</summary>
    public StanceKind? Stance { get; init; }
    /// <summary>Only authors of this bloc (actor).</summary>
    public string? ByBloc { get; init; }
    /// <summary>The criticising bloc (stance).</summary>
    public string? AuthorBloc { get; init; }
    /// <summary>The criticised bloc (stance).</summary>
    public string? TargetBloc { get; init; }
    /// <summary>The change of net criticism against the background that counts (stance): positive, sharper; negative, warmer.</summary>
    public double Shift { get; init; }
    /// <summary>The span before the window the stance is compared with (stance).</summary>
    public TimeSpan Background { get; init; } = TimeSpan.FromDays(30);
    /// <summary>Only lifecycle events of this kind (claim); null: every post of a matching claim.</summary>
    public LifecycleEventKind? Status { get; init; }
    /// <summary>Channel handles, without '@' (source).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
    /// <summary>Free text on what the indicator means.</summary>
    public string Description { get; init; } = "";
    /// <summary>The line of each property ("actor" → 12), so later checks can point at it.</summary>
    public IReadOnlyDictionary<string, int> PropertyLines { get; init; } = new Dictionary<string, int>();

    /// <summary>The line of a property, or the indicator's own line.</summary>
    public int LineOf(string property) => PropertyLines.TryGetValue(property, out var line) ? line : Line;
}

/// <summary>An analyst's own item: a statement resting on one archived post, rated for credibility.</summary>
/// <param name="Citation">As written: https://t.me/handle/123, t.me/handle/123, @handle/123 or handle/123.</param>
/// <param name="Credibility">Admiralty information credibility, 1 (confirmed) … 5 (improbable), 6 (cannot be judged).</param>
internal sealed record ManualEvidence(string Id, string Title, IReadOnlyDictionary<string, Mark> Marks, double Weight, int Line, string Citation, int Credibility)
    : EvidenceItem(Id, Title, Marks, Weight, Line)
{
    /// <summary>How much the credibility rating keeps of the item's weight.</summary>
    public double CredibilityFactor => Credibility switch
    {
        1 => 1.0,
        2 => 0.8,
        3 => 0.6,
        4 => 0.4,
        5 => 0.2,
        _ => 0.5,
    };

    /// <summary>The Admiralty words for the rating.</summary>
    public string CredibilityWords => Credibility switch
    {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    };
}

/// <summary>One problem found in a scenario file.</summary>
/// <param name="File">The file as the analyst named it.</param>
/// <param name="Line">1-based; 0 for the file as a whole.</param>
/// <param name="Message">The reason.</param>
internal sealed record ScenarioProblem(string File, int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
