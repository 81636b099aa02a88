using System.Globalization;

namespace Faultline.Analysis.Claims;

/// <summary>A suggested source-reliability grade on the Admiralty scale with every reason that led to it.</summary>
/// <param name="Grade">A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged.</param>
/// <param name="Reasons">The facts and the rule applied, in words an analyst can check.</param>
public sealed record GradeSuggestion(char Grade, IReadOnlyList<string> Reasons);

/// <summary>An analyst's grade for a source, replacing the suggestion; the lead stores it in the archive.</summary>
public sealed record GradeOverride(long SourceId, char Grade, string Note, string? Analyst, DateTimeOffset At);

/// <summary>The grade in force: the analyst's override when there is one, the suggestion otherwise.</summary>
/// <param name="Grade">The grade.</param>
/// <param name="Overridden">True when an analyst set it.</param>
/// <param name="Note">The analyst's note (null for a suggestion).</param>
/// <param name="Analyst">Who overrode it, when known.</param>
/// <param name="Reasons">The suggestion's reasons (kept under an override so the analyst sees what was overruled).</param>
/// <param name="Suggested">The suggested grade.</param>
public sealed record GradeDecision(char Grade, bool Overridden, string? Note, string? Analyst, IReadOnlyList<string> Reasons, char Suggested);

/// <summary>The thresholds of <see cref="AdmiraltyGrading.Suggest"/>.</summary>
public sealed record GradingOptions
{
    /// <summary>The defaults documented on <see cref="AdmiraltyGrading"/>.</summary>
    public static GradingOptions Default { get; } = new();

    /// <summary>Fewer originated claims than this give F (cannot be judged).</summary>
    public int MinClaims { get; init; } = 3;

    /// <summary>A needs at least this many originated claims; with fewer, a clean record gets B.</summary>
    public int MinClaimsForA { get; init; } = 20;

    /// <summary>Problem share (walked back, denied or deleted) at or below which the grade is A.</summary>
    public double MaxProblemShareA { get; init; } = 0.02;

    /// <summary>… B.</summary>
    public double MaxProblemShareB { get; init; } = 0.10;

    /// <summary>… C.</summary>
    public double MaxProblemShareC { get; init; } = 0.25;

    /// <summary>… D; above it, E.</summary>
    public double MaxProblemShareD { get; init; } = 0.50;

    /// <summary>When more than this share of its claim posts were edited after publication, the grade drops one step (not below E).</summary>
    public double MaxEditedMemberShare { get; init; } = 0.25;
}

/// <summary>
/// Suggests a reliability grade for a source from its <see cref="TrackRecord"/> and applies analyst overrides.
/// </summary>
/// <remarks>
/// <para>Rules, with the defaults of <see cref="GradingOptions"/>: fewer than 3 originated claims → F. Otherwise the
/// problem share p = (originated claims walked back, denied or deleted) / (originated claims) decides:
/// p ≤ 2% → A (needs ≥ 20 claims, else B), p ≤ 10% → B, p ≤ 25% → C, p ≤ 50% → D, above → E. Then, when more than 25%
/// of the source's claim posts were edited after publication in a way that changed the claim, the grade drops one
/// step. Median time to retraction, how often it is first and the bad claims it amplified are shown as reasons but do
/// not move the grade: they describe the source, they are not evidence that its own reporting is wrong.</para>
/// <para>The grade rates the source's record on claims Faultline tracked, not the truth of any one report; a denial by
/// an adversary counts like any other, which the analyst weighs and may override.</para>
/// </remarks>
public static class AdmiraltyGrading
{
    /// <summary>What the grading does, for analysts.</summary>
    public const string Description =
        "Suggests an Admiralty reliability grade (A–F) from the share of a source's claims later walked back, denied or deleted and its edits; " +
        "it counts denials by anyone, including adversaries, and cannot judge sources with fewer than 3 claims.";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The suggested grade with its reasons.</summary>
    public static GradeSuggestion Suggest(TrackRecord record, GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var o = options ?? GradingOptions.Default;
        var reasons = new List<string>();
        var n = record.ClaimsOriginated;

        if (n < o.MinClaims)
        {
            reasons.Add($"{Count(n, "claim")} originated, fewer than {o.MinClaims}: too few to judge");
            AddContext(record, reasons);
            return new GradeSuggestion('F', reasons);
        }

        var p = record.ProblemShare;
        reasons.Add($"{record.Problems} of {n} claims walked back, denied or deleted ({Percent(p)})" + Breakdown(record));
        char grade;
        if (p <= o.MaxProblemShareA)
        {
            if (n >= o.MinClaimsForA) { grade = 'A'; reasons.Add($"at most {Percent(o.MaxProblemShareA)} with at least {o.MinClaimsForA} claims → A"); }
            else { grade = 'B'; reasons.Add($"at most {Percent(o.MaxProblemShareA)}, but A needs at least {o.MinClaimsForA} claims → B"); }
        }
        else if (p <= o.MaxProblemShareB) { grade = 'B'; reasons.Add($"at most {Percent(o.MaxProblemShareB)} → B"); }
        else if (p <= o.MaxProblemShareC) { grade = 'C'; reasons.Add($"at most {Percent(o.MaxProblemShareC)} → C"); }
        else if (p <= o.MaxProblemShareD) { grade = 'D'; reasons.Add($"at most {Percent(o.MaxProblemShareD)} → D"); }
        else { grade = 'E'; reasons.Add($"more than {Percent(o.MaxProblemShareD)} → E"); }

        if (record.EditedMemberShare > o.MaxEditedMemberShare && grade < 'E')
        {
            grade++;
            reasons.Add($"{record.EditedPosts} of {record.MemberPosts} claim posts edited after publication ({Percent(record.EditedMemberShare)}), " +
                $"more than {Percent(o.MaxEditedMemberShare)} → one step down to {grade}");
        }
        else if (record.EditedPosts > 0)
            reasons.Add($"{record.EditedPosts} of {record.MemberPosts} claim posts edited after publication ({Percent(record.EditedMemberShare)})");

        AddContext(record, reasons);
        return new GradeSuggestion(grade, reasons);
    }

    /// <summary>What is wrong with an override: empty when it is valid (grade A–F, a note that is not blank).</summary>
    public static IReadOnlyList<string> Validate(GradeOverride grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        var errors = new List<string>();
        if (grade.Grade is < 'A' or > 'F') errors.Add($"grade '{grade.Grade}' is not on the Admiralty scale A–F");
        if (string.IsNullOrWhiteSpace(grade.Note)) errors.Add("an override needs a note saying why");
        return errors;
    }

    /// <summary>
    /// The grade in force: <paramref name="analystOverride"/> with its note when given, else <paramref name="suggestion"/>.
    /// Throws <see cref="ArgumentException"/> naming the problems when the override is invalid (see <see cref="Validate"/>).
    /// </summary>
    public static GradeDecision EffectiveGrade(GradeSuggestion suggestion, GradeOverride? analystOverride)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        if (analystOverride is null) return new GradeDecision(suggestion.Grade, false, null, null, suggestion.Reasons, suggestion.Grade);
        var errors = Validate(analystOverride);
        if (errors.Count > 0) throw new ArgumentException("invalid grade override: " + string.Join("; ", errors), nameof(analystOverride));
        return new GradeDecision(analystOverride.Grade, true, analystOverride.Note.Trim(), analystOverride.Analyst, suggestion.Reasons, suggestion.Grade);
    }

    /// <summary>A duration the way an analyst says it: "45 min", "20 h", "3.5 d".</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalMinutes < 60 ? $"{t.TotalMinutes.ToString("0", Inv)} min"
        : t.TotalHours < 48 ? $"{t.TotalHours.ToString("0.#", Inv)} h"
        : $"{t.TotalDays.ToString("0.#", Inv)} d";

    private static void AddContext(TrackRecord r, List<string> reasons)
    {
        if (r.MedianTimeToRetraction is { } median)
            reasons.Add($"median time to retraction {Duration(median)} (over {Count(r.Retractions.Count, "claim")})");
        if (r.ClaimsTakenPartIn > 0)
            reasons.Add($"first in {r.ClaimsOriginated} of {Count(r.ClaimsTakenPartIn, "claim")} it took part in ({Percent(r.FirstShare)})");
        if (r.AmplifiedLaterRetracted > 0)
            reasons.Add($"amplified {r.AmplifiedLaterRetracted} of {Count(r.AmplifiedClaims, "claim")} of others later denied or walked back");
    }

    private static string Breakdown(TrackRecord r)
    {
        var parts = new List<string>();
        if (r.WalkedBack > 0) parts.Add($"{r.WalkedBack} walked back");
        if (r.Denied > 0) parts.Add($"{r.Denied} denied");
        if (r.Deleted > 0) parts.Add($"{r.Deleted} deleted");
        return parts.Count == 0 ? "" : ": " + string.Join(", ", parts);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Percent(double share) => (share * 100).ToString("0.#", Inv) + "%";
}
