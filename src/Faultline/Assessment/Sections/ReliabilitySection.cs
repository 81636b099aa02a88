using Faultline.Analysis.Claims;
using static Faultline.Assessment.Sections.ClaimProse;

namespace Faultline.Assessment.Sections;

/// <summary>
/// Source reliability: for every source that posted in the period, the Admiralty grade suggested from its record on the
/// claims up to the start of the period and up to its end (an analyst's override in force at each moment replaces the
/// suggestion); each change is told in a sentence citing the posts that caused it, and a table gives the grades.
/// </summary>
/// <remarks>
/// <para>A record "as of" a moment counts only the members published and the lifecycle events dated before it (edits
/// by the platform's edit mark when known; see <see cref="ClaimEvidence"/>), so a walk-back in the period moves the grade
/// at the period's end and not before. The grades rate a source's record on the claims Faultline tracked, not the
/// truth of any one report (see <see cref="AdmiraltyGrading"/>); thresholds come from <see cref="ReportOptions.Grading"/>.</para>
/// <para>Takeaways: a grade change, 0.55 plus 0.05 per step (at most 0.75), below the claims section's walk-backs.</para>
/// </remarks>
internal sealed class ReliabilitySection : IReportSection
{
    /// <summary>Rows of the grade table; the rest are counted in a note.</summary>
    public const int MaxRows = 25;

    /// <inheritdoc />
    public string Id => "reliability";

    /// <inheritdoc />
    public string Heading => "Source reliability";

    /// <inheritdoc />
    public SectionResult Build(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var active = context.Spread.Posts.Select(p => p.SourceId).ToHashSet();
        if (active.Count == 0) return SectionResult.Empty("No source posted in this period, so no reliability grade is reported.");

        // A source's record is judged on the claims it took part in over the track-record window (ReportOptions.HistoryDays).
        var relevant = context.AllClaims.Where(c => c.Members.Count > 0 && c.Members.Any(m => active.Contains(m.SourceId))).ToList();
        var evidence = new ClaimEvidence(context, context.Claims);
        var before = Records(relevant, context.From, evidence);
        var after = Records(relevant, context.To, evidence);

        var rows = new List<Row>();
        foreach (var source in active)
        {
            var b = before.GetValueOrDefault(source) ?? Empty(source);
            var a = after.GetValueOrDefault(source) ?? Empty(source);
            var overrides = context.Archive.GradeOverrides(source);
            var db = Decide(b, overrides, context.From, context.Options.Grading);
            var da = Decide(a, overrides, context.To, context.Options.Grading);
            if (a.ClaimsTakenPartIn == 0 && !da.Overridden && !db.Overridden) continue;
            rows.Add(new Row(source, context.SourceName(source), b, a, db, da));
        }

        var blocks = new List<Block>();
        var takeaways = new List<Takeaway>();
        var changed = rows.Where(r => r.Changed).OrderByDescending(r => Math.Abs(r.After.Grade - r.Before.Grade)).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var sentences = new List<Sentence>();
        var notes = new List<string>();
        foreach (var r in changed)
        {
            var causes = Causes(r, evidence, context);
            var kind = r.After.Overridden ? "" : "suggested ";
            var grade = r.After.Grade == r.Before.Grade
                ? $"The suggested reliability grade of {r.Name} moved from {r.Before.Suggested} to {r.After.Suggested}, while an analyst's override keeps it at {r.After.Grade}"
                : r.Before.Grade == 'F' ? $"The {kind}reliability of {r.Name} can now be judged: {r.After.Grade}"
                : r.After.Grade == 'F' ? $"The {kind}reliability of {r.Name} can no longer be judged (F; it was {r.Before.Grade})"
                : $"The {kind}reliability grade of {r.Name} moved from {r.Before.Grade} to {r.After.Grade}";
            if (causes.Citations.Count > 0)
            {
                var sentence = new Sentence($"{grade}, after {Names(causes.Parts)}.", causes.Citations);
                sentences.Add(sentence);
                // Only a move between judged grades is news; "cannot be judged" (F) becoming a grade is not.
                if (r.Before.Grade != 'F' && r.After.Grade != 'F' && r.Before.Grade != r.After.Grade)
                    takeaways.Add(new Takeaway(sentence, Math.Min(0.75, 0.55 + 0.05 * Math.Abs(r.After.Grade - r.Before.Grade))));
            }
            else notes.Add($"{grade}; no post of the period explains the change (the archive may have gained older claims).");
            notes.Add($"Reasons for {r.Name} at the end of the period: {string.Join("; ", r.After.Reasons)}." + OverrideNote(r.After));
        }
        if (sentences.Count > 0) blocks.Add(new Paragraph(sentences));
        else blocks.Add(new Note("No active source's reliability grade changed in this period."));
        foreach (var n in notes) blocks.Add(new Note(n));

        var moved = rows.Where(r => !r.Changed && r.RecordChanged).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        if (moved.Count > 0)
            blocks.Add(new Note("Records that changed without moving the grade: " + string.Join("; ", moved.Select(r =>
                $"{r.Name}, {RecordChange(r.BeforeRecord, r.AfterRecord)}, stays {r.After.Grade}")) + "."));

        if (rows.Count > 0)
        {
            var shown = rows.OrderByDescending(r => r.Changed).ThenByDescending(r => r.AfterRecord.ClaimsOriginated)
                .ThenByDescending(r => r.AfterRecord.ClaimsTakenPartIn).ThenBy(r => r.Name, StringComparer.Ordinal).Take(MaxRows).ToList();
            blocks.Add(new Table(
                "Admiralty reliability grades of the sources active in the period (A completely reliable … E unreliable, F cannot be judged), " +
                $"from the claims they took part in over the {context.Options.HistoryDays} days before the period, up to its start and its end " +
                "(`faultline track-record` judges the whole archive)",
                ["Source", "Grade", "Claims originated", "Walked back, denied or deleted", "Median time to retraction", "Overridden"],
                [.. shown.Select(Cells)]));
            if (rows.Count > MaxRows) blocks.Add(new Note($"{Capital(Plural(rows.Count - MaxRows, "further active source"))} with claims are not in the table."));
        }
        else blocks.Add(new Note("No source active in the period has taken part in a claim, so every one of them cannot be judged (F)."));
        return new SectionResult(blocks, takeaways);
    }

    private sealed record Row(long Source, string Name, TrackRecord BeforeRecord, TrackRecord AfterRecord, GradeDecision Before, GradeDecision After)
    {
        public bool Changed => Before.Grade != After.Grade || Before.Suggested != After.Suggested;

        public bool RecordChanged => BeforeRecord.ClaimsOriginated != AfterRecord.ClaimsOriginated || BeforeRecord.Problems != AfterRecord.Problems
            || BeforeRecord.EditedPosts != AfterRecord.EditedPosts;
    }

    private static Dictionary<long, TrackRecord> Records(IReadOnlyList<Claim> claims, DateTimeOffset until, ClaimEvidence evidence)
    {
        var asOf = claims.Select(c => evidence.AsOf(c, until)).Where(c => c.Members.Count > 0).ToList();
        return TrackRecords.Compute(asOf, []).ToDictionary(r => r.SourceId);
    }

    private static TrackRecord Empty(long source) => new(source, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], 0, 0);

    /// <summary>The grade in force at <paramref name="at"/>: the latest valid override made before it, else the suggestion.</summary>
    private static GradeDecision Decide(TrackRecord record, IReadOnlyList<Archive.GradeOverrideRecord> overrides, DateTimeOffset at, GradingOptions options)
    {
        var suggestion = AdmiraltyGrading.Suggest(record, options);
        var o = overrides.Where(o => o.At < at).Select(o => new GradeOverride(o.SourceId, o.Grade, o.Note, o.Analyst, o.At))
            .LastOrDefault(o => AdmiraltyGrading.Validate(o).Count == 0);
        return AdmiraltyGrading.EffectiveGrade(suggestion, o);
    }

    private static string OverrideNote(GradeDecision d) =>
        d.Overridden ? $" An analyst{(d.Analyst is { } a ? " (" + a + ")" : "")} set the grade to {d.Grade} instead of the suggested {d.Suggested}: {d.Note}" : "";

    /// <summary>
    /// What in the period moved a source's record, one part per claim with the posts behind it: "it made and walked back
    /// the claim «…»", "it made the claim «…», which X denied", "X denied its claim «…»", "it edited a post of the claim «…»".
    /// </summary>
    private static (List<string> Parts, List<Citation> Citations) Causes(Row r, ClaimEvidence evidence, ReportContext context)
    {
        var parts = new List<string>();
        var citations = new List<Citation>();
        foreach (var claim in context.Claims)
        {
            var story = evidence.Story(claim, context.To);
            if (story.Made is not { } made) continue;
            var period = story.Events.Where(e => e.Time >= context.From).ToList();
            var own = story.Originator == r.Source;
            var verbs = new List<string>();
            var others = new List<string>();
            var cited = new List<Citation>();
            var lead = evidence.Lead(claim, made, ClaimExcerpts.ShortLength);
            if (own && made.Time >= context.From) verbs.Add("made");
            if (own)
            {
                // One walk-back and one denial say why the record moved; the originator's own walk-back comes first.
                if ((period.FirstOrDefault(e => e.Kind == LifecycleEventKind.WalkedBack && e.SourceId == r.Source)
                    ?? period.FirstOrDefault(e => e.Kind == LifecycleEventKind.WalkedBack)) is { } w)
                {
                    if (w.SourceId == r.Source) verbs.Add("walked back");
                    else others.Add($"{evidence.Name(w.SourceId)} retracted");
                    cited.Add(evidence.CiteCue(claim, w));
                }
                if (period.FirstOrDefault(e => e.Kind == LifecycleEventKind.Denied) is { } d)
                {
                    others.Add($"{evidence.Name(d.SourceId)} denied");
                    cited.Add(evidence.CiteCue(claim, d));
                }
                if (period.FirstOrDefault(e => e.Kind == LifecycleEventKind.Deleted && e.SourceId == r.Source) is { } deletion)
                {
                    verbs.Add("deleted a post of");
                    cited.Add(evidence.CiteLead(claim, deletion));
                }
            }
            if (period.FirstOrDefault(e => e.Kind == LifecycleEventKind.Edited && e.SourceId == r.Source) is { } edit)
            {
                verbs.Add("edited a post of");
                cited.Add(evidence.CiteLead(claim, edit));
            }
            if (verbs.Count == 0 && others.Count == 0) continue;
            var name = lead is { } q ? "claim " + q : "claim";
            parts.Add(verbs.Count > 0
                ? $"it {Names(verbs)} {(verbs.Contains("made") ? "the" : "its")} {name}" + (others.Count > 0 ? ", which " + Names(others) : "")
                : $"{Names(others)} its {name}");
            citations.Add(evidence.Cite(made.PostId, made.Version, lead));
            citations.AddRange(cited);
        }
        return (parts, citations.Distinct().ToList());
    }

    private static string RecordChange(TrackRecord before, TrackRecord after)
    {
        var parts = new List<string>();
        if (after.ClaimsOriginated > before.ClaimsOriginated) parts.Add($"{Plural(after.ClaimsOriginated - before.ClaimsOriginated, "new claim")}");
        if (after.WalkedBack > before.WalkedBack) parts.Add($"{Plural(after.WalkedBack - before.WalkedBack, "claim")} walked back");
        if (after.Denied > before.Denied) parts.Add($"{Plural(after.Denied - before.Denied, "claim")} denied");
        if (after.Deleted > before.Deleted) parts.Add($"{Plural(after.Deleted - before.Deleted, "claim")} with a deleted post");
        if (after.EditedPosts > before.EditedPosts) parts.Add($"{Plural(after.EditedPosts - before.EditedPosts, "claim post")} edited");
        return parts.Count == 0 ? "its record changed" : string.Join(", ", parts);
    }

    private static IReadOnlyList<Sentence> Cells(Row r)
    {
        var a = r.AfterRecord;
        var grade = r.Before.Grade == r.After.Grade ? r.After.Grade.ToString() : $"{r.Before.Grade} → {r.After.Grade}";
        var problems = a.ClaimsOriginated == 0 ? "—" : $"{a.Problems} of {a.ClaimsOriginated} ({Percent(a.ProblemShare)})";
        var median = a.MedianTimeToRetraction is { } m ? AdmiraltyGrading.Duration(m) : "—";
        var overridden = r.After.Overridden ? $"yes (suggested {r.After.Suggested})" : "no";
        return [.. new[] { r.Name, grade, a.ClaimsOriginated.ToString(System.Globalization.CultureInfo.InvariantCulture), problems, median, overridden }
            .Select(s => new Sentence(s, []))];
    }
}
