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

        // A forward or copy is itself an amplification: a walk-back inside it (an edit adding "UPD: …") is the amplifier's.
        // Not so for a forward of a third party's post (a press service's denial): that voice is the third party's.
        var forwardOrCopy = context.Relations.Any(r => r is EdgeKind.Forward or EdgeKind.Copy);
        var ownSide = context.FromOriginator || context.FromAmplifier || forwardOrCopy && !ForwardsAThirdParty(post, context);
        var deny = FirstUnnegated(RoleCues.Deny, normalized, skipVerdictLookalikes: true);
        var dismissed = deny is { } d && ContrastAfter(normalized, d);

        // An edit note ("UPD: списков больше нет") is always the author's own voice, so in a post that retells the claim
        // (an echo: a rewrite whose later version gained the note no longer reads as a copy) it retracts as in a copy.
        var retells = ownSide || context.Relations.Contains(EdgeKind.Echo) && !ForwardsAThirdParty(post, context);
        if (retells && UpdateThatNegates(normalized) is { } note) return Call(ClaimRole.WalkBack, note, anchorText);
        if (ownSide)
        {
            if (First(RoleCues.WalkBack, normalized) is { } w) return Call(ClaimRole.WalkBack, $"cue «{w.Cue}»", anchorText);
            // The originator or an amplifier calling it false without a "but" is retracting it.
            if (deny is { } own && !dismissed) return Call(ClaimRole.WalkBack, $"cue «{own.Cue}» from {Side(context)}", anchorText);
        }

        if (deny is { } hit)
        {
            if (!dismissed) return Call(ClaimRole.Deny, $"cue «{hit.Cue}»", anchorText);
            return Call(ClaimRole.Amplify, $"denial «{hit.Cue}» quoted and dismissed", anchorText);
        }
        if (!context.FromOriginator && FirstUnnegated(RoleCues.Confirm, normalized, skipVerdictLookalikes: false) is { } c)
            return Call(ClaimRole.Confirm, $"cue «{c.Cue}»", anchorText);
        if ((First(RoleCues.Mock, normalized) ?? First(RoleCues.Mock, post.Text ?? "")) is { } m)
            return Call(ClaimRole.Mock, $"cue «{m.Cue}»", anchorText);

        if (!forwardOrCopy && First(RoleCues.Report, normalized) is { } r)
            return Call(ClaimRole.Report, $"cue «{r.Cue}»", anchorText);

        if (context.Relations.Count > 0)
            return Call(ClaimRole.Amplify, "relation " + string.Join(", ", context.Relations.Distinct().Select(k => k.ToString().ToLowerInvariant())), anchorText);
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

    /// <summary>The distinct stems of a post's words.</summary>
    private static List<string> StemsOf(AnalysisPost post, string normalized)
    {
        var language = LanguageCodes.Parse(post.Language);
        return [.. Tokenizer.Words(normalized).Select(w => Stemmer.Stem(w, language)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The claim's key stems the post shares, in the claim's order. Stems of related languages meet on a shared prefix.</summary>
    private static List<string> SharedKeyTerms(IReadOnlyList<string> stems, IReadOnlyList<string> keyTerms)
    {
        var shared = new List<string>();
        foreach (var term in keyTerms)
        {
            if (stems.Contains(term) || stems.Any(s => SamePrefix(s, term))) shared.Add(term);
        }
        return shared;
    }

    /// <summary>Russian and Ukrainian stems of one root often differ only in the ending: "генерал" / "генерали".</summary>
    private static bool SamePrefix(string a, string b)
    {
        const int MinShared = 5;
        if (a.Length < MinShared || b.Length < MinShared) return false;
        var n = Math.Min(a.Length, b.Length);
        return a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, n)) && Math.Abs(a.Length - b.Length) <= 2;
    }

    private static CueHit? First(CueSet cues, string text)
    {
        foreach (var hit in cues.Matches(text)) return hit;
        return null;
    }

    /// <summary>The first cue not negated by the word before it ("не подтвердили", "not confirmed").</summary>
    private static CueHit? FirstUnnegated(CueSet cues, string normalized, bool skipVerdictLookalikes)
    {
        List<CueHit>? lookalikes = null;
        foreach (var hit in cues.Matches(normalized))
        {
            lookalikes ??= skipVerdictLookalikes ? [.. RoleCues.NotVerdicts.Matches(normalized)] : [];
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

    private sealed record ClaimAnchor(IReadOnlyList<EdgeKind> Relations, string? MemberLink, IReadOnlyList<string> KeyTerms, bool OriginatorWindowHit)
    {
        public string Describe()
        {
            var parts = new List<string>();
            if (Relations.Count > 0) parts.Add("relation " + string.Join(", ", Relations.Distinct().Select(k => k.ToString().ToLowerInvariant())));
            if (MemberLink is not null) parts.Add("link to member " + MemberLink);
            if (KeyTerms.Count > 0) parts.Add($"{KeyTerms.Count} key term{(KeyTerms.Count == 1 ? "" : "s")} ({string.Join(", ", KeyTerms)})");
            if (OriginatorWindowHit) parts.Add("originator's own post within 72 h");
            return string.Join("; ", parts);
        }
    }
}
