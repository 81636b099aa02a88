using Faultline.Analysis.Claims;
using static Faultline.Assessment.Sections.ClaimProse;

namespace Faultline.Assessment.Sections;

/// <summary>
/// New and developing claims: the claims with a post or a lifecycle event in the period, most significant first, each
/// told in one extractive, hedged paragraph (made, spread, reported, confirmed, denied, walked back, edited, deleted —
/// always in that order, every sentence cited to the exact posts) followed by its timeline.
/// </summary>
/// <remarks>
/// <para>Significance, 0–1: reach (the views of its posts, log scale) 0.3, channels 0.25, novelty (made in the period)
/// 0.15, a walk-back or denial in the period 0.3 (an edit or deletion 0.15). Takeaways use the same scale: a walk-back
/// or denial in the period ranks 0.8–1, other claims 0–0.6.</para>
/// <para>The paragraph quotes, never paraphrases: the claim is the sentence of the origin post that carries most of the
/// claim's key stems; reports, denials and walk-backs are quoted at the sentence holding the cue that decided their role;
/// edits quote the words added or removed. Hedging follows the evidence: one source "claimed …; this cannot be
/// independently verified"; a claim confirmed by another party is "reported" and the confirmation follows.</para>
/// </remarks>
internal sealed class ClaimsSection : IReportSection
{
    /// <summary>Claims told in full; the rest are counted in a note.</summary>
    public const int MaxClaims = 8;

    /// <summary>Posts cited for one group (amplifiers, reporters); the sentence names at most three.</summary>
    private const int MaxGroupCitations = 6;

    /// <summary>Timeline entries per claim; amplifications beyond it are counted in a note.</summary>
    private const int MaxTimeline = 20;

    /// <inheritdoc />
    public string Id => "claims";

    /// <inheritdoc />
    public string Heading => "New and developing claims";

    /// <inheritdoc />
    public SectionResult Build(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evidence = new ClaimEvidence(context, context.Claims);
        var stories = context.Claims.Select(c => evidence.Story(c, context.To)).Where(s => Touches(s, context)).ToList();
        if (stories.Count == 0) return SectionResult.Empty("No claim had a post or a lifecycle event in this period.");

        var ranked = stories.Select(s => (Story: s, Score: Significance(s, evidence, context)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Story.Origin.Published).ThenBy(x => x.Story.Claim.Id).ToList();
        var blocks = new List<Block>();
        var takeaways = new List<Takeaway>();
        foreach (var (story, score) in ranked.Take(MaxClaims))
        {
            var narrator = new Narrator(story, evidence, context);
            var sentences = narrator.Paragraph();
            if (sentences.Count == 0) continue;
            blocks.Add(new Paragraph(sentences));
            var (items, omitted) = narrator.Timeline();
            if (items.Count > 0) blocks.Add(new BulletList(items));
            if (omitted > 0) blocks.Add(new Note($"The timeline leaves out {Plural(omitted, "further amplification")}."));
            if (narrator.Takeaway(score) is { } t) takeaways.Add(t);
        }
        // Walk-backs and denials lead the report even for claims below the cap.
        foreach (var (story, score) in ranked.Skip(MaxClaims))
            if (new Narrator(story, evidence, context).Takeaway(score) is { Significance: >= 0.8 } t) takeaways.Add(t);
        if (ranked.Count > MaxClaims)
            blocks.Add(new Note($"{Capital(Plural(ranked.Count - MaxClaims, "further claim"))} touched the period but ranked lower (less reach, fewer channels, no walk-back or denial); `faultline claims` lists them."));
        return new SectionResult(blocks, takeaways);
    }

    private static bool Touches(ClaimStory s, ReportContext context) =>
        s.Members.Count > 0 && s.Made is not null
        // A claim is a proposition that circulates: a lone post that nobody took up, and that was never retracted, edited
        // or deleted, is not news for the report.
        && (s.Members.Select(m => m.PostId).Distinct().Count() > 1 || s.Events.Any(e => e.Kind != LifecycleEventKind.Made))
        && (s.Members.Any(m => m.Published >= context.From) || s.Events.Any(e => e.Time >= context.From));

    private static double Significance(ClaimStory s, ClaimEvidence evidence, ReportContext context)
    {
        var reach = s.Members.Select(m => m.PostId).Distinct().Sum(id => evidence.Post(id)?.Views ?? 0);
        var channels = s.Members.Select(m => m.SourceId).Distinct().Count();
        var inPeriod = s.Events.Where(e => e.Time >= context.From).ToList();
        var retraction = inPeriod.Any(e => e.Kind is LifecycleEventKind.WalkedBack or LifecycleEventKind.Denied) ? 1.0
            : inPeriod.Any(e => e.Kind is LifecycleEventKind.Edited or LifecycleEventKind.Deleted) ? 0.5 : 0;
        return 0.3 * Math.Min(1, Math.Log10(1 + reach) / 6)
            + 0.25 * Math.Min(1, (channels - 1) / 9.0)
            + 0.15 * (s.Origin.Published >= context.From ? 1 : 0.4)
            + 0.3 * retraction;
    }

    /// <summary>Writes one claim's paragraph, timeline and takeaway.</summary>
    private sealed class Narrator(ClaimStory story, ClaimEvidence evidence, ReportContext context)
    {
        private readonly Claim _claim = story.Claim;
        private readonly int _year = context.Options.Date.Year;
        private readonly StoryEvent _made = story.Made!;

        private string Name(long source) => evidence.Name(source);

        private bool ByOriginator(StoryEvent e) => e.SourceId == story.Originator;

        /// <summary>" on October 15" when the event's day differs from the day the claim was made.</summary>
        private string OnDay(StoryEvent e) => e.Time.UtcDateTime.Date == _made.Time.UtcDateTime.Date ? "" : " on " + Day(e.Time, _year);

        private IEnumerable<StoryEvent> Of(LifecycleEventKind kind) => story.Events.Where(e => e.Kind == kind);

        /// <summary>The first event of each source, in time order.</summary>
        private static List<StoryEvent> FirstPerSource(IEnumerable<StoryEvent> events) =>
            events.GroupBy(e => e.SourceId).Select(g => g.First()).OrderBy(e => e.Time).ToList();

        public List<Sentence> Paragraph()
        {
            var sentences = new List<Sentence>();
            void Say(string text, IEnumerable<Citation> citations)
            {
                var list = citations.ToList();
                if (list.Count > 0) sentences.Add(new Sentence(text, list));
            }

            // 1. The claim, hedged by what else the archive holds.
            var confirmed = Independent().Count > 0;
            var actors = _claim.Actors.Select(context.Options.Registry.Find).OfType<Analysis.Actors.Actor>().Select(Actor).Distinct().Take(3).ToList();
            var lead = evidence.Lead(_claim, _made);
            var who = $"On {Day(_made.Time, _year)}, {Name(story.Originator)}";
            var about = actors.Count > 0 ? $" about {Names(actors)}" : "";
            var what = lead is { } q ? ": " + q : " in a post without text";
            Say(confirmed
                    ? $"{who} reported{(actors.Count > 0 ? " on " + Names(actors) : "")}{what}."
                    : $"{who} {(actors.Count > 0 ? "made a claim" + about : "claimed")}{what}; this cannot be independently verified.",
                [evidence.Cite(_made.PostId, _made.Version, lead)]);

            // 2. Spread before any retraction.
            var retractions = story.Events.Where(e => e.Kind is LifecycleEventKind.Denied or LifecycleEventKind.WalkedBack).ToList();
            var firstRetraction = retractions.Count > 0 ? retractions.Min(e => e.Time) : DateTimeOffset.MaxValue;
            var spread = FirstPerSource(Of(LifecycleEventKind.Amplified).Where(e => !ByOriginator(e) && e.Time < firstRetraction));
            if (spread.Count > 0)
                Say(Spread(spread), spread.Take(MaxGroupCitations).Select(e => evidence.CiteLead(_claim, e)));

            // 3. Reports, ridicule and confirmation by others.
            var reports = FirstPerSource(Of(LifecycleEventKind.Reported).Where(e => !e.IsMock && !ByOriginator(e)));
            if (reports.Count == 1)
                Say($"{Name(reports[0].SourceId)} reported it as a claim{ClaimExcerpts.Colon(evidence.CueOrLead(_claim, reports[0]))}.", [evidence.CiteCue(_claim, reports[0])]);
            else if (reports.Count > 1)
                Say(Group(reports, "reported it as a claim"), reports.Take(MaxGroupCitations).Select(e => evidence.CiteCue(_claim, e)));
            var mocks = FirstPerSource(Of(LifecycleEventKind.Reported).Where(e => e.IsMock && !ByOriginator(e)));
            if (mocks.Count == 1)
                Say($"{Name(mocks[0].SourceId)} ridiculed the claim{ClaimExcerpts.Colon(evidence.CueOrLead(_claim, mocks[0]))}.", [evidence.CiteCue(_claim, mocks[0])]);
            else if (mocks.Count > 1)
                Say(Group(mocks, "ridiculed the claim"), mocks.Take(MaxGroupCitations).Select(e => evidence.CiteCue(_claim, e)));
            var independent = Independent();
            foreach (var c in FirstPerSource(Of(LifecycleEventKind.Confirmed).Where(e => !ByOriginator(e))).Take(3))
                Say($"{Name(c.SourceId)}{(independent.Contains(c) ? "" : ", which had spread the claim,")} confirmed it{OnDay(c)}{ClaimExcerpts.Colon(evidence.CueOrLead(_claim, c))}.",
                    [evidence.CiteCue(_claim, c)]);

            // 4. Denials.
            foreach (var d in FirstPerSource(Of(LifecycleEventKind.Denied)).Take(3))
                Say($"{Name(d.SourceId)} denied the claim{OnDay(d)}{ClaimExcerpts.Colon(evidence.CueOrLead(_claim, d))}.", [evidence.CiteCue(_claim, d)]);

            // 5. Walk-backs (those an edit brought are told with the edit).
            var walkBacks = Of(LifecycleEventKind.WalkedBack).Where(e => !e.ByEdit).ToList();
            foreach (var w in walkBacks.Where(ByOriginator).Take(2))
                Say($"The author walked the claim back{OnDay(w)}{ClaimExcerpts.Colon(evidence.CueOrLead(_claim, w))}.", [evidence.CiteCue(_claim, w)]);
            var others = FirstPerSource(walkBacks.Where(e => !ByOriginator(e)));
            var forwards = others.Where(e => ClaimEvidence.SpreadVerb(e) == "forwarded").ToList();
            if (forwards.Count > 0)
                Say($"{Names([.. forwards.Select(e => Name(e.SourceId))])} forwarded the walk-back.", forwards.Select(e => evidence.CiteCue(_claim, e)));
            var own = others.Except(forwards).ToList();
            if (own.Count == 1)
                Say($"{Name(own[0].SourceId)} then retracted the claim or relayed the retraction{ClaimExcerpts.Colon(evidence.CueOrLead(_claim, own[0]))}.", [evidence.CiteCue(_claim, own[0])]);
            else if (own.Count > 1)
                Say($"{Names([.. own.Select(e => Name(e.SourceId))])} then retracted the claim or relayed the retraction.", own.Select(e => evidence.CiteCue(_claim, e)));

            // 6. What went on after the first denial or walk-back.
            if (retractions.Count > 0)
            {
                var after = Of(LifecycleEventKind.Amplified).Where(e => e.Time > firstRetraction && !ByOriginator(e)).ToList();
                var dismissers = FirstPerSource(after.Where(ClaimEvidence.DismissesDenial));
                foreach (var d in dismissers.Take(2))
                    Say($"{Name(d.SourceId)} quoted the denial and dismissed it{ClaimExcerpts.Colon(evidence.CueOrLead(_claim, d))}.", [evidence.CiteCue(_claim, d)]);
                var rest = FirstPerSource(after.Where(e => !dismissers.Contains(e)));
                var which = retractions.MinBy(e => e.Time)!.Kind == LifecycleEventKind.Denied ? "the denial" : "the walk-back";
                if (rest.Count > 0)
                    Say($"After {which}, " + (rest.Count <= 3
                            ? $"{Names([.. rest.Select(e => Name(e.SourceId))])} still posted about the claim."
                            : $"{Count(rest.Count)} {Outlets(context, rest.Select(e => e.SourceId))} still posted about the claim, among them {Names([.. rest.Take(3).Select(e => Name(e.SourceId))])}."),
                        rest.Take(MaxGroupCitations).Select(e => evidence.CiteLead(_claim, e)));
            }

            // 7. Edits, then deletions.
            foreach (var e in Of(LifecycleEventKind.Edited).Take(4))
                if (Edit(e) is { } s) sentences.Add(s);
            var deleted = FirstPerSource(Of(LifecycleEventKind.Deleted));
            var originDeleted = deleted.Where(e => e.PostId == story.Origin.PostId).ToList();
            if (originDeleted.Count > 0)
                Say("The author has since deleted the original post; the archived copy remains.", originDeleted.Select(e => evidence.CiteLead(_claim, e)));
            var otherDeleted = deleted.Except(originDeleted).ToList();
            if (otherDeleted.Count == 1)
                Say($"{Name(otherDeleted[0].SourceId)} has since deleted its post; the archived copy remains.", [evidence.CiteLead(_claim, otherDeleted[0])]);
            else if (otherDeleted.Count > 1)
                Say($"{Names([.. otherDeleted.Select(e => Name(e.SourceId))])} have since deleted their posts; the archived copies remain.",
                    otherDeleted.Select(e => evidence.CiteLead(_claim, e)));
            return sentences;
        }

        /// <summary>Confirmations by a party other than the originator that had not spread the claim before: the only ones that lift the hedge.</summary>
        private List<StoryEvent> Independent() =>
            [.. Of(LifecycleEventKind.Confirmed).Where(c => !ByOriginator(c)
                && !story.Events.Any(e => e.Kind == LifecycleEventKind.Amplified && e.SourceId == c.SourceId && e.Time <= c.Time))];

        /// <summary>"Within 68 minutes, three other channels spread the claim: A forwarded it, B copied it and C rewrote it."</summary>
        private string Spread(List<StoryEvent> spread)
        {
            var within = $"Within {Span(spread.Max(e => e.Time) - _made.Time)}, ";
            if (spread.Count == 1) return within + $"{Name(spread[0].SourceId)} {ClaimEvidence.SpreadVerb(spread[0]) ?? "amplified"} the claim.";
            if (spread.Count <= 3)
                return within + $"{Count(spread.Count)} other {Outlets(context, spread.Select(e => e.SourceId))} spread the claim: "
                    + Names([.. spread.Select(e => $"{Name(e.SourceId)} {ClaimEvidence.SpreadVerb(e) ?? "amplified"} it")]) + ".";
            return within + $"{Count(spread.Count)} other {Outlets(context, spread.Select(e => e.SourceId))} amplified the claim, among them "
                + Names([.. spread.Take(3).Select(e => ClaimEvidence.SpreadVerb(e) is { } v ? $"{Name(e.SourceId)} ({Noun(v)})" : Name(e.SourceId))]) + ".";
        }

        /// <summary>"forward", "copy", "rewrite", "link", "restatement".</summary>
        private static string Kind(string verb) => verb switch
        {
            "forwarded" => "forward",
            "copied" => "copy",
            "rewrote" => "rewrite",
            "linked to" => "link",
            _ => "restatement",
        };

        private static string Noun(string verb) => "a " + Kind(verb);

        private string Group(List<StoryEvent> events, string predicate) => events.Count <= 3
            ? $"{Names([.. events.Select(e => Name(e.SourceId))])} {predicate}."
            : $"{Capital(Count(events.Count))} {Outlets(context, events.Select(e => e.SourceId))} {predicate}, among them {Names([.. events.Take(3).Select(e => Name(e.SourceId))])}.";

        /// <summary>"The author later edited the post to add «…»", citing the new version (and the old one for removed words).</summary>
        private Sentence? Edit(StoryEvent e)
        {
            var who = ByOriginator(e) ? "The author" : Name(e.SourceId);
            var post = e.PostId == story.Origin.PostId ? "the original post" : "its post";
            if (e.Previous is not { } before)
                return new Sentence($"{who} later edited {post}{OnDay(e)}.", [evidence.CiteLead(_claim, e)]);
            var (added, removed) = ClaimExcerpts.Change(before.Text, e.Version.Text);
            var citations = new List<Citation>();
            string change;
            if (added is { } a && removed is { } r)
            {
                change = $"to replace {r} with {a}";
                citations.Add(evidence.Cite(e.PostId, before, r));
                citations.Add(evidence.Cite(e.PostId, e.Version, a));
            }
            else if (added is { } a2)
            {
                change = $"to add {a2}";
                citations.Add(evidence.Cite(e.PostId, e.Version, a2));
            }
            else if (removed is { } r2)
            {
                change = $"to remove {r2}";
                citations.Add(evidence.Cite(e.PostId, before, r2));
            }
            else
            {
                change = "";
                citations.Add(evidence.CiteLead(_claim, e));
            }
            return new Sentence($"{who} later edited {post}{OnDay(e)}{(change.Length > 0 ? " " + change : "")}.", citations);
        }

        /// <summary>The claim's events up to the end of the period, each a cited line; amplifications beyond the cap are left out.</summary>
        public (List<Sentence> Items, int Omitted) Timeline()
        {
            var keep = story.Events.Where(e => e.Kind != LifecycleEventKind.Amplified).ToList();
            var room = Math.Max(0, MaxTimeline - keep.Count);
            var amplified = story.Events.Where(e => e.Kind == LifecycleEventKind.Amplified).ToList();
            keep.AddRange(amplified.Take(room));
            var items = story.Events.Where(keep.Contains).Select(Line).ToList();
            return (items, amplified.Count - Math.Min(room, amplified.Count));
        }

        private Sentence Line(StoryEvent e)
        {
            var name = Name(e.SourceId);
            var (when, what) = e.Kind switch
            {
                LifecycleEventKind.Made => (Time(e.Time), "made by " + name),
                LifecycleEventKind.Amplified => (Time(e.Time), "amplified by " + name + (ClaimEvidence.SpreadVerb(e) is { } v ? $" ({Kind(v)})" : "")),
                LifecycleEventKind.Reported when e.IsMock => (Time(e.Time), "ridiculed by " + name),
                LifecycleEventKind.Reported => (Time(e.Time), "reported by " + name),
                LifecycleEventKind.Confirmed => (Time(e.Time), "confirmed by " + name),
                LifecycleEventKind.Denied => (Time(e.Time), "denied by " + name),
                LifecycleEventKind.WalkedBack => (Time(e.Time), "walked back by " + name + (e.ByEdit ? " (in an edit)" : "")),
                LifecycleEventKind.Edited => (Time(e.Time), "edited by " + name),
                LifecycleEventKind.Deleted => ("after " + Time(e.Time), "deleted by " + name + "; the archived copy remains"),
                _ => (Time(e.Time), "resurfaced via " + name),
            };
            var citation = e.Kind switch
            {
                LifecycleEventKind.Edited when e.Previous is { } before && ClaimExcerpts.Change(before.Text, e.Version.Text).Added is { } added
                    => evidence.Cite(e.PostId, e.Version, added),
                LifecycleEventKind.Made or LifecycleEventKind.Amplified or LifecycleEventKind.Deleted or LifecycleEventKind.Resurfaced or LifecycleEventKind.Edited
                    => evidence.CiteLead(_claim, e),
                _ => evidence.CiteCue(_claim, e),
            };
            return new Sentence($"{when}: {what}.", [citation]);
        }

        /// <summary>The claim's candidate for the key takeaways, or null when it has nothing cited to say.</summary>
        public Takeaway? Takeaway(double score)
        {
            var lead = evidence.Lead(_claim, _made, ClaimExcerpts.ShortLength);
            if (lead is null) return null;
            var origin = evidence.Cite(_made.PostId, _made.Version, lead);
            var inPeriod = story.Events.Where(e => e.Time >= context.From).ToList();
            var walkBack = inPeriod.FirstOrDefault(e => e.Kind == LifecycleEventKind.WalkedBack && ByOriginator(e))
                ?? inPeriod.FirstOrDefault(e => e.Kind == LifecycleEventKind.WalkedBack);
            var denial = inPeriod.FirstOrDefault(e => e.Kind == LifecycleEventKind.Denied);
            if (walkBack is not null && (denial is null || walkBack.Time <= denial.Time || ByOriginator(walkBack)))
            {
                var words = evidence.CueOrLead(_claim, walkBack, ClaimExcerpts.ShortLength);
                var text = ByOriginator(walkBack)
                    ? $"{Name(story.Originator)} walked back its claim {lead}{ClaimExcerpts.Colon(words)}."
                    : $"{Name(walkBack.SourceId)}, which had spread the claim {lead} by {Name(story.Originator)}, retracted it or relayed the retraction{ClaimExcerpts.Colon(words)}.";
                return new Takeaway(new Sentence(text, [origin, evidence.Cite(walkBack.PostId, walkBack.Version, words)]), 0.8 + 0.2 * score);
            }
            if (denial is not null)
            {
                var words = evidence.CueOrLead(_claim, denial, ClaimExcerpts.ShortLength);
                return new Takeaway(new Sentence($"{Name(denial.SourceId)} denied the claim {lead} made by {Name(story.Originator)}{ClaimExcerpts.Colon(words)}.",
                    [origin, evidence.Cite(denial.PostId, denial.Version, words)]), 0.8 + 0.2 * score);
            }
            if (Independent().FirstOrDefault(e => e.Time >= context.From) is { } confirmation)
            {
                var words = evidence.CueOrLead(_claim, confirmation, ClaimExcerpts.ShortLength);
                return new Takeaway(new Sentence($"{Name(story.Originator)} reported {lead}, and {Name(confirmation.SourceId)} confirmed it{ClaimExcerpts.Colon(words)}.",
                    [origin, evidence.Cite(confirmation.PostId, confirmation.Version, words)]), 0.7 * score + 0.1);
            }
            var spread = FirstPerSource(inPeriod.Where(e => e.Kind == LifecycleEventKind.Amplified && !ByOriginator(e)));
            var citations = new List<Citation> { origin };
            citations.AddRange(spread.Take(3).Select(e => evidence.CiteLead(_claim, e)));
            if (story.Origin.Published >= context.From)
            {
                var text = $"{Name(story.Originator)} claimed {lead}; this cannot be independently verified"
                    + (spread.Count > 0 ? $", and {Count(spread.Count)} other {Outlets(context, spread.Select(e => e.SourceId))} amplified it." : ".");
                return new Takeaway(new Sentence(text, citations), 0.6 * score);
            }
            if (spread.Count == 0) return null;
            return new Takeaway(new Sentence($"The claim {lead} by {Name(story.Originator)} kept spreading: {Count(spread.Count)} more {Outlets(context, spread.Select(e => e.SourceId))} amplified it.", citations), 0.5 * score);
        }
    }
}
