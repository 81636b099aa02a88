using Faultline.Analysis.Claims;
using static Faultline.Assessment.Sections.ClaimProse;

namespace Faultline.Assessment.Sections;

/// <summary>
/// Walk-backs, denials and deletions: every walk-back, denial, edit and deletion of a claim's post dated inside the
/// period, grouped by kind, one cited sentence each. Edits quote the words added (from the new version) or removed
/// (from the old one). Posts that belong to no claim are out of scope: their edits and deletions are not listed.
/// </summary>
/// <remarks>
/// An edit that retracted the claim ("UPD: списков больше нет") is told once, among the walk-backs. A deletion is dated
/// by the claims stage's lower bound (the last version's first sighting, else the publication), since exports do not
/// say when a post vanished; the sentence says so. The section offers no takeaways: the claims section already ranks
/// walk-backs and denials at the top, and the same event twice among the takeaways would crowd out others.
/// </remarks>
internal sealed class WalkBacksSection : IReportSection
{
    /// <summary>Sentences per kind; the rest are counted in a note.</summary>
    public const int MaxPerKind = 15;

    /// <inheritdoc />
    public string Id => "walk-backs";

    /// <inheritdoc />
    public string Heading => "Walk-backs, denials and deletions";

    private static readonly (LifecycleEventKind Kind, string Label)[] Kinds =
    [
        (LifecycleEventKind.WalkedBack, "walk-back"),
        (LifecycleEventKind.Denied, "denial"),
        (LifecycleEventKind.Edited, "edit"),
        (LifecycleEventKind.Deleted, "deletion"),
    ];

    /// <inheritdoc />
    public SectionResult Build(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evidence = new ClaimEvidence(context, context.Claims);
        var found = new List<(ClaimStory Story, StoryEvent Event)>();
        foreach (var claim in context.Claims)
        {
            var story = evidence.Story(claim, context.To);
            if (story.Made is null) continue;
            // An edit that brought a walk-back or denial is told with it.
            var told = story.Events.Where(e => e.ByEdit && e.Kind is LifecycleEventKind.WalkedBack or LifecycleEventKind.Denied)
                .Select(e => (e.PostId, e.Time)).ToHashSet();
            foreach (var e in story.Events.Where(e => e.Time >= context.From))
            {
                if (!Kinds.Any(k => k.Kind == e.Kind)) continue;
                if (e.Kind == LifecycleEventKind.Edited && told.Contains((e.PostId, e.Time))) continue;
                found.Add((story, e));
            }
        }
        if (found.Count == 0)
            return SectionResult.Empty("No claim was walked back, denied, edited or deleted in this period, as far as the archive shows.");

        var blocks = new List<Block>();
        var year = context.Options.Date.Year;
        foreach (var (kind, label) in Kinds)
        {
            var group = found.Where(f => f.Event.Kind == kind).OrderBy(f => f.Event.Time).ThenBy(f => f.Event.PostId).ToList();
            if (group.Count == 0) continue;
            blocks.Add(new Paragraph([.. group.Take(MaxPerKind).Select(f => Tell(f.Story, f.Event, evidence, year))]));
            if (group.Count > MaxPerKind)
                blocks.Add(new Note($"{Capital(Plural(group.Count - MaxPerKind, "further " + label))} in this period are not listed."));
        }
        return new SectionResult(blocks, []);
    }

    private static Sentence Tell(ClaimStory story, StoryEvent e, ClaimEvidence evidence, int year)
    {
        var claim = story.Claim;
        var made = story.Made!;
        var lead = evidence.Lead(claim, made, ClaimExcerpts.ShortLength);
        var origin = evidence.Cite(made.PostId, made.Version, lead);
        var claimName = lead is { } q ? "the claim " + q : "a claim";
        var name = evidence.Name(e.SourceId);
        var byOriginator = e.SourceId == story.Originator;
        var by = byOriginator ? "" : " by " + evidence.Name(story.Originator);
        var on = $"On {Day(e.Time, year)}, ";
        switch (e.Kind)
        {
            case LifecycleEventKind.WalkedBack:
            {
                var words = evidence.CueOrLead(claim, e);
                var cite = evidence.Cite(e.PostId, e.Version, words);
                if (e.ByEdit && e.Previous is { } before && ClaimExcerpts.Change(before.Text, e.Version.Text).Added is { } added)
                    return new Sentence($"{on}{name} edited its post on {claimName}{by} to add {added}.", [origin, evidence.Cite(e.PostId, e.Version, added)]);
                var verb = byOriginator ? "walked back its claim " + (lead?.ToString() ?? "")
                    : ClaimEvidence.SpreadVerb(e) == "forwarded" ? $"forwarded the walk-back of {claimName}{by}"
                    : $"retracted {claimName}{by} or relayed the retraction";
                return new Sentence($"{on}{name} {verb.TrimEnd()}{ClaimExcerpts.Colon(words)}.", [origin, cite]);
            }
            case LifecycleEventKind.Denied:
            {
                var words = evidence.CueOrLead(claim, e);
                return new Sentence($"{on}{name} denied {claimName}{by}{ClaimExcerpts.Colon(words)}.", [origin, evidence.Cite(e.PostId, e.Version, words)]);
            }
            case LifecycleEventKind.Edited:
            {
                var post = e.PostId == story.Origin.PostId ? "the original post of" : "its post on";
                if (e.Previous is not { } before)
                    return new Sentence($"{on}{name} edited {post} {claimName}{by}.", [origin, evidence.CiteLead(claim, e)]);
                var (added, removed) = ClaimExcerpts.Change(before.Text, e.Version.Text);
                var citations = new List<Citation> { origin };
                var parts = new List<string>();
                if (removed is { } r)
                {
                    parts.Add("removed " + r);
                    citations.Add(evidence.Cite(e.PostId, before, r));
                }
                if (added is { } a)
                {
                    parts.Add("added " + a);
                    citations.Add(evidence.Cite(e.PostId, e.Version, a));
                }
                if (citations.Count == 1) citations.Add(evidence.CiteLead(claim, e));
                return new Sentence($"{on}{name} edited {post} {claimName}{by}{(parts.Count > 0 ? ": it " + Names(parts) : "")}.", citations);
            }
            default:
            {
                var post = e.PostId == story.Origin.PostId ? "the original post of" : "its post on";
                var last = evidence.CiteLead(claim, e);
                return new Sentence($"{name} deleted {post} {claimName}{by} some time after {Time(e.Time)}; the archived copy remains.",
                    e.PostId == made.PostId ? [last] : [origin, last]);
            }
        }
    }
}
