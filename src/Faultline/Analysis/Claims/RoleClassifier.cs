using Faultline.Text;

namespace Faultline.Analysis.Claims;

/// <summary>
/// Decides what a candidate post does with a claim — amplify, report, confirm, deny, walk back or mock — from ru/uk/en
/// cue phrases anchored to the claim; it cannot read irony beyond a few ridicule markers, nor tell who is speaking
/// inside a quotation.
/// </summary>
/// <remarks>
/// A cue word alone never decides: the post must also be about this claim. Anchors, strongest first: a relation to a
/// member (forward, copy, echo, cites, attribution); a t.me link to a member post; at least
/// <see cref="MinKeyTermOverlap"/> of the claim's key stems; or, for the originator's own channel within
/// <see cref="OriginatorWindow"/>, a single key stem. A post with no anchor gets a null role, cue or not.
/// Order of decision: walk-back (only from the originator's channel, an amplifier's, or inside a forward or copy), deny, confirm, mock, report,
/// then amplify. A denial followed by a contrast ("опровергли, но …") is read as the author dismissing the denial.
/// </remarks>
public sealed class RoleClassifier : IRoleClassifier
{
    /// <summary>Key stems a post must share with the claim to be about it when nothing else ties it to the claim.</summary>
    public const int MinKeyTermOverlap = 2;

    /// <summary>Key stems a post with no relation and no cue must share to count as restating the claim (and half of them).</summary>
    public const int MinRestatementOverlap = 3;

    /// <summary>How long after the origin the originator's own post is anchored by a single key stem.</summary>
    public static readonly TimeSpan OriginatorWindow = TimeSpan.FromHours(72);

    /// <inheritdoc />
    public RoleCall Classify(AnalysisPost post, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(context);
        if (post.Id == context.Origin.Id) return new RoleCall(ClaimRole.Origin, ["origin"]);
        if (post.Published < context.Origin.Published) return new RoleCall(null, ["earlier than the origin"]);

        var normalized = context.Reading?.Normalized ?? TextNormalizer.Normalize(post.Text ?? "");
        var anchor = Anchor(post, normalized, context);
        if (anchor is null) return new RoleCall(null, ["not anchored to the claim"]);
        var anchorText = "anchor: " + anchor.Describe();
        var cues = new TextCues(normalized, post.Text ?? "");

        // A forward or copy is itself an amplification: a walk-back inside it (an edit adding "UPD: …") is the amplifier's.
        // Not so for a forward of a third party's post (a press service's denial): that voice is the third party's.
        var forwardOrCopy = context.Relations.Any(r => r is EdgeKind.Forward or EdgeKind.Copy);
        var ownSide = context.FromOriginator || context.FromAmplifier || forwardOrCopy && !ForwardsAThirdParty(post, context);
        var (deny, dismissed) = cues.Deny;

        // An edit note ("UPD: списков больше нет") is always the author's own voice, so in a post that retells the claim
        // (an echo: a rewrite whose later version gained the note no longer reads as a copy) it retracts as in a copy.
        var retells = ownSide || context.Relations.Contains(EdgeKind.Echo) && !ForwardsAThirdParty(post, context);
        if (retells && cues.UpdateNote is { } note) return Call(ClaimRole.WalkBack, note, anchorText);
        if (ownSide)
        {
            if (cues.WalkBack is { } w) return Call(ClaimRole.WalkBack, $"cue «{w.Cue}»", anchorText);
            // The originator or an amplifier calling it false without a "but" is retracting it.
            if (deny is { } own && !dismissed) return Call(ClaimRole.WalkBack, $"cue «{own.Cue}» from {Side(context)}", anchorText);
        }

        if (deny is { } hit)
        {
            if (!dismissed) return Call(ClaimRole.Deny, $"cue «{hit.Cue}»", anchorText);
            return Call(ClaimRole.Amplify, $"denial «{hit.Cue}» quoted and dismissed", anchorText);
        }
        if (!context.FromOriginator && cues.Confirm is { } c)
            return Call(ClaimRole.Confirm, $"cue «{c.Cue}»", anchorText);
        if (cues.Mock is { } m)
            return Call(ClaimRole.Mock, $"cue «{m.Cue}»", anchorText);

        if (!forwardOrCopy && cues.Report is { } r)
            return Call(ClaimRole.Report, $"cue «{r.Cue}»", anchorText);

        if (context.Relations.Count > 0)
            return Call(ClaimRole.Amplify, "relation " + RelationNames(context.Relations), anchorText);
        if (anchor.MemberLink is not null) return Call(ClaimRole.Amplify, "links to a member", anchorText);
        if (Restates(anchor.KeyTerms.Count, context.KeyTerms.Count)) return Call(ClaimRole.Amplify, "restates the claim", anchorText);
        return new RoleCall(null, ["anchored but no cue, relation or restatement; " + anchorText]);
    }

    /// <summary>
    /// Restating the claim without any relation to it needs most of what defines it: at least
    /// <see cref="MinRestatementOverlap"/> key stems and at least half of them, so that a post sharing a few generic
    /// words ("обстрел", "повреждены", "пострадавших") is not taken for the claim.
    /// </summary>
    private static bool Restates(int shared, int keyTerms) => shared >= MinRestatementOverlap && 2 * shared >= keyTerms;

    /// <summary>The post forwards a channel other than the originator's.</summary>
    private static bool ForwardsAThirdParty(AnalysisPost post, ClaimContext context)
    {
        if (post.ForwardedFrom is not { } from) return false;
        var origin = context.Origin;
        var sameHandle = from.Handle is { } h && origin.Handle is { } oh && string.Equals(h.TrimStart('@'), oh.TrimStart('@'), StringComparison.OrdinalIgnoreCase);
        var sameName = from.Name is { } n && origin.SourceTitle is { } t && string.Equals(n.Trim(), t.Trim(), StringComparison.OrdinalIgnoreCase);
        return !sameHandle && !sameName;
    }

    private static readonly string[] EdgeNames = [.. Enum.GetValues<EdgeKind>().Select(k => k.ToString().ToLowerInvariant())];

    /// <summary>"forward, echo": the distinct kinds in order of first appearance, lowercase.</summary>
    private static string RelationNames(IReadOnlyList<EdgeKind> relations)
    {
        if (relations.Count == 1) return EdgeNames[(int)relations[0]];
        var names = new List<string>(relations.Count);
        foreach (var kind in relations)
            if (!names.Contains(EdgeNames[(int)kind])) names.Add(EdgeNames[(int)kind]);
        return string.Join(", ", names);
    }

    private static RoleCall Call(ClaimRole role, string cue, string anchor) => new(role, [cue + "; " + anchor]);

    private static string Side(ClaimContext context) => context.FromOriginator ? "the originator" : "an amplifier";

    /// <summary>What ties a post to the claim, or null when nothing does.</summary>
    private static ClaimAnchor? Anchor(AnalysisPost post, string normalized, ClaimContext context)
    {
        var link = MemberLink(post, context);
        var terms = SharedKeyTerms(context.Reading?.Stems ?? StemsOf(post, normalized), context.KeyTerms);
        var anchor = new ClaimAnchor(context.Relations, link, terms, OriginatorWindowHit: false);
        if (context.Relations.Count > 0 || link is not null || terms.Count >= MinKeyTermOverlap) return anchor;
        if (context.FromOriginator && terms.Count >= 1 && post.Published - context.Origin.Published <= OriginatorWindow)
            return anchor with { OriginatorWindowHit = true };
        return null;
    }

    private static string? MemberLink(AnalysisPost post, ClaimContext context)
    {
        foreach (var link in post.Links)
        {
            if (link.TelegramHandle is not { } handle || link.TelegramPostId is not { } id) continue;
            foreach (var member in context.Members.Append(context.Origin))
            {
                if (member.Handle is { } h && string.Equals(h.TrimStart('@'), handle.TrimStart('@'), StringComparison.OrdinalIgnoreCase)
                    && member.NativeId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    return $"{h}/{id}";
            }
        }
        return null;
    }

    /// <summary>The distinct stems of a post's words, in ordinal order.</summary>
    private static string[] StemsOf(AnalysisPost post, string normalized)
    {
        var language = LanguageCodes.Parse(post.Language);
        var stems = Tokenizer.Words(normalized).Select(w => Stemmer.Stem(w, language)).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(stems, StringComparer.Ordinal);
        return stems;
    }

    /// <summary>
    /// The claim's key stems the post shares (<paramref name="stems"/> distinct and in ordinal order), in the claim's
    /// order. Russian and Ukrainian stems of one root often differ only in the ending ("генерал" / "генерали"), so a stem
    /// of five letters or more also meets one that extends it by at most two letters. Sorted stems put the extensions of
    /// a term right after the term's own place, and its shortenings are looked up one by one.
    /// </summary>
    internal static List<string> SharedKeyTerms(IReadOnlyList<string> stems, IReadOnlyList<string> keyTerms)
    {
        const int MinShared = 5, MaxExtra = 2;
        var shared = new List<string>();
        foreach (var term in keyTerms)
        {
            var at = Find(stems, term);
            var found = at >= 0;
            if (!found && term.Length >= MinShared)
            {
                // A longer stem that starts with the term: the first after the term's place, if any.
                for (var i = ~at; i < stems.Count && !found && stems[i].StartsWith(term, StringComparison.Ordinal); i++)
                    found = stems[i].Length - term.Length <= MaxExtra;
                // A shorter stem the term starts with.
                for (var length = Math.Max(MinShared, term.Length - MaxExtra); length < term.Length && !found; length++)
                    found = Find(stems, term.AsSpan(0, length)) >= 0;
            }
            if (found) shared.Add(term);
        }
        return shared;
    }

    /// <summary>Binary search in ordinally sorted stems: the index, or the complement of where it would go.</summary>
    private static int Find(IReadOnlyList<string> sorted, ReadOnlySpan<char> value)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = sorted[mid].AsSpan().SequenceCompareTo(value);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private static CueHit? First(CueSet cues, string text)
    {
        foreach (var hit in cues.Matches(text)) return hit;
        return null;
    }

    /// <summary>The first cue not negated by the word before it ("не подтвердили", "not confirmed").</summary>
    private static CueHit? FirstUnnegated(CueHit[] hits, string normalized, CueHit[] lookalikes)
    {
        foreach (var hit in hits)
        {
            if (lookalikes.Any(l => hit.Start >= l.Start && hit.Start < l.Start + l.Length)) continue;
            if (hit.Cue.StartsWith("не ", StringComparison.Ordinal)) return hit; // the negation is the cue
            if (RoleCues.Negators.Contains(PreviousWord(normalized, hit.Start)) || PreviousWord(normalized, hit.Start).EndsWith("n't", StringComparison.Ordinal)) continue;
            return hit;
        }
        return null;
    }

    private static string PreviousWord(string text, int index)
    {
        var end = index;
        while (end > 0 && !char.IsLetterOrDigit(text[end - 1]) && text[end - 1] != '\'') end--;
        var start = end;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '\'')) start--;
        return text[start..end];
    }

    /// <summary>A contrast word after the denial in the same post: the denial is quoted to be dismissed.</summary>
    private static bool ContrastAfter(string normalized, CueHit deny)
    {
        var after = normalized[(deny.Start + deny.Length)..];
        return RoleCues.Contrast.Matches(after).Any();
    }

    /// <summary>
    /// An edit note ("UPD:") whose own words negate or remove: "UPD: списков больше нет". A negation inside a quotation,
    /// or after a reporting verb ("Update: the blogger now says the lists 'no longer exist'"), is someone else's
    /// retraction reported by the author, not the author's own.
    /// </summary>
    private static string? UpdateThatNegates(string normalized)
    {
        var note = RoleCues.UpdateNote.Match(normalized);
        if (!note.Success) return null;
        var tail = normalized[(note.Index + note.Length)..];
        var cut = tail.IndexOfAny(['\n', '.', '!']);
        var sentence = cut > 0 ? tail[..cut] : tail;
        var reported = RoleCues.Speech.Matches(sentence).FirstOrDefault();
        foreach (var negation in RoleCues.UpdateNegation.Matches(sentence))
        {
            if (reported.Cue is not null && reported.Start < negation.Start) return null;
            if (Quotation.Inside(sentence, negation.Start)) continue;
            return $"cue «{note.Value.Trim().TrimEnd(':', '.', '-', '–', '—').ToUpperInvariant()}» + «{negation.Cue}»";
        }
        return null;
    }

    /// <summary>The cue sets a post is read for, in one pass.</summary>
    private static readonly CueScanner Scanner = new(RoleCues.Deny, RoleCues.NotVerdicts, RoleCues.WalkBack, RoleCues.Confirm, RoleCues.Mock, RoleCues.Report);

    /// <summary>What the cue lists find in one text.</summary>
    private sealed class TextCues
    {
        private readonly string _raw;
        private readonly CueHit[] _walkBack, _mock, _report;
        private (string? Note, bool Done) _update;
        private readonly string _normalized;

        public TextCues(string normalized, string raw)
        {
            (_normalized, _raw) = (normalized, raw);
            var hits = Scanner.Scan(normalized);
            // A verdict's lookalike ("ложный след", "false flag") is no denial.
            var deny = FirstUnnegated(hits[0], normalized, hits[1]);
            Deny = (deny, deny is { } d && ContrastAfter(normalized, d));
            (_walkBack, Confirm, _mock, _report) = (hits[2], FirstUnnegated(hits[3], normalized, []), hits[4], hits[5]);
        }

        /// <summary>The first unnegated denial, and whether a contrast after it dismisses it ("опровергли, но …").</summary>
        public (CueHit? Hit, bool Dismissed) Deny { get; }

        public CueHit? Confirm { get; }
        public string? UpdateNote => (_update.Done ? _update : _update = (UpdateThatNegates(_normalized), true)).Note;
        public CueHit? WalkBack => _walkBack.Length > 0 ? _walkBack[0] : null;
        public CueHit? Mock => _mock.Length > 0 ? _mock[0] : First(RoleCues.Mock, _raw);
        public CueHit? Report => _report.Length > 0 ? _report[0] : null;
    }

    private sealed record ClaimAnchor(IReadOnlyList<EdgeKind> Relations, string? MemberLink, IReadOnlyList<string> KeyTerms, bool OriginatorWindowHit)
    {
        public string Describe()
        {
            var parts = new List<string>();
            if (Relations.Count > 0) parts.Add("relation " + RelationNames(Relations));
            if (MemberLink is not null) parts.Add("link to member " + MemberLink);
            if (KeyTerms.Count > 0) parts.Add($"{KeyTerms.Count} key term{(KeyTerms.Count == 1 ? "" : "s")} ({string.Join(", ", KeyTerms)})");
            if (OriginatorWindowHit) parts.Add("originator's own post within 72 h");
            return string.Join("; ", parts);
        }
    }
}
