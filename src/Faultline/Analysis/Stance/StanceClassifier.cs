using Faultline.Analysis.Actors;
using Faultline.Text;

namespace Faultline.Analysis.Stance;

/// <summary>The author's stance toward one actor mentioned in a post.</summary>
/// <param name="ActorId">The actor, as the mention finder named it.</param>
/// <param name="Stance">Criticise, support or neutral.</param>
/// <param name="Confidence">0..1: how one-sided the cues were (0.6 for a neutral call with no cues at all).</param>
/// <param name="Evidence">Every word and rule that fired for this actor, in text order ("criticise: «провал»", "negated: …").</param>
public sealed record ActorStance(string ActorId, StanceKind Stance, double Confidence, IReadOnlyList<string> Evidence);

/// <summary>
/// Calls the author's stance toward each mentioned actor from stemmed ru/uk/en lexicon cues attached to the nearest
/// mention in the same sentence, with negation, sarcasm, scare-quote and reported-speech rules; it reads no
/// context beyond the post and misses irony that carries no marker.
/// </summary>
/// <remarks>
/// The rules, in the order they apply to each cue:
/// <list type="number">
/// <item>Quotation: a cue inside a quoted span longer than four words is someone else's words: neutral.</item>
/// <item>Reported speech: a cue after a reporting verb ("заявил", "обвинил", "пишет", "claimed", "accused") in the
/// same sentence, or anywhere in a sentence with "по словам" / "according to", is attributed to the speaker and is
/// neutral for the author, unless the sentence endorses it ("справедливо", "rightly", "прав") or the verb is the
/// author's own ("я считаю", "мы обвиняем").</item>
/// <item>Negation: a negator ("не", "ни", "нет", "без", "ні", "not", "never", "don't" …) up to three words before the
/// cue, in the same clause, flips it: negated praise is criticism (weight 0.8), negated criticism reads as a
/// defence (support, weight 0.5).</item>
/// <item>Scare quotes: praise inside a short quoted span («успешное» наступление) is criticism; so is a single
/// lowercase word in quotes in a mention's sentence («перегруппировка»), unless a reporting verb precedes it.</item>
/// <item>Agent: a support verb in the third person or past tense right after a mention ("Кремль благодарит",
/// "Zelensky thanked") is the actor's act, not the author's stance: neutral.</item>
/// <item>Sarcasm: praise in a sentence with an ironic marker ("ну конечно", "так называемый", "yeah right", 🤡, 🤦)
/// is criticism; a marker alone is a weak criticism (0.5; an emoji 0.8).</item>
/// <item>Irony: a praise interjection ("браво", "молодцы", "спасибо", "well done") in a sentence that also holds the
/// author's own criticism is criticism ("Браво, опять провал").</item>
/// </list>
/// Each remaining cue attaches to the nearest mention in its sentence (a mention in another clause counts as six
/// words further), and to actors coordinated with that mention ("НАТО и Вашингтон врут"); a sentence without a mention gives its cues, at 0.6 weight, to the nearest mention in a
/// neighbouring sentence, the preceding one first (none further away). Per actor, support and criticism weights are summed; a net below 0.3
/// either way is neutral.
/// </remarks>
public static class StanceClassifier
{
    private const int NegationWindow = 2;
    private const int ClausePenalty = 6;
    private const double OtherSentenceWeight = 0.6;
    private const double NeutralMargin = 0.3;

    [ThreadStatic] private static List<PostToken>? t_tokens;
    [ThreadStatic] private static List<FoundCue>? t_cues;

    private readonly record struct FoundCue(Cue Cue, int Token, int End);

    private sealed class Tally(string actorId)
    {
        public string ActorId { get; } = actorId;
        public double Support;
        public double Criticism;
        public List<string>? Evidence;

        public void Add(double signedWeight, string evidence)
        {
            if (signedWeight > 0) Support += signedWeight;
            else Criticism -= signedWeight;
            (Evidence ??= []).Add(evidence);
        }
    }

    private readonly record struct Mention(int Tally, int First, int Last, int Sentence, int Clause);

    /// <summary>
    /// One stance call per distinct actor in <paramref name="mentions"/>, in order of first mention. Mentions are
    /// spans of <paramref name="text"/> (UTF-16 offsets, as the mention finder reports them); spans outside the text
    /// or covering no word are ignored (the actor is then neutral). Thread-safe; never throws on any text.
    /// </summary>
    public static IReadOnlyList<ActorStance> Classify(string text, string language, IReadOnlyList<(string ActorId, int Offset, int Length)> mentions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentions);
        if (mentions.Count == 0) return [];
        var tokens = t_tokens ??= [];
        PostTokens.Scan(text, LanguageCodes.Parse(language ?? ""), tokens);

        var tallies = new List<Tally>();
        var found = new List<Mention>(mentions.Count);
        foreach (var (actorId, offset, length) in mentions)
        {
            var index = tallies.FindIndex(t => t.ActorId == actorId);
            if (index < 0)
            {
                index = tallies.Count;
                tallies.Add(new Tally(actorId ?? ""));
            }
            if (offset < 0 || length <= 0 || offset > text.Length - length) continue;
            var first = FirstTokenEndingAfter(tokens, offset);
            if (first >= tokens.Count || tokens[first].Start >= offset + length) continue;
            var last = first;
            while (last + 1 < tokens.Count && tokens[last + 1].Start < offset + length) last++;
            found.Add(new Mention(index, first, last, tokens[first].Sentence, tokens[first].Clause));
        }
        found.Sort((a, b) => a.First.CompareTo(b.First));

        if (found.Count > 0)
        {
            var cues = t_cues ??= [];
            FindCues(tokens, found, cues);
            Judge(text, tokens, cues, found, tallies);
        }

        var results = new ActorStance[tallies.Count];
        for (var i = 0; i < tallies.Count; i++) results[i] = Decide(tallies[i]);
        return results;
    }

    private static int FirstTokenEndingAfter(List<PostToken> tokens, int offset)
    {
        int lo = 0, hi = tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (tokens[mid].Start + tokens[mid].Length <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Lexicon cues outside mention spans, two-word entries first.</summary>
    private static void FindCues(List<PostToken> tokens, List<Mention> mentions, List<FoundCue> cues)
    {
        cues.Clear();
        var lexicon = StanceLexicon.Default;
        var m = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            while (m < mentions.Count && mentions[m].Last < i) m++;
            if (m < mentions.Count && mentions[m].First <= i) continue;
            var inNextMention = m < mentions.Count && mentions[m].First == i + 1;
            if (i + 1 < tokens.Count && !inNextMention && tokens[i + 1].Sentence == tokens[i].Sentence
                && lexicon.TryPair(tokens[i].Stem, tokens[i + 1].Stem, out var pair))
            {
                cues.Add(new FoundCue(pair, i, i + 1));
                i++;
                continue;
            }
            if (lexicon.TryWord(tokens[i].Stem, out var cue)) cues.Add(new FoundCue(cue, i, i));
        }
    }

    private static void Judge(string text, List<PostToken> tokens, List<FoundCue> cues, List<Mention> mentions, List<Tally> tallies)
    {
        // Sentence facts: where reported speech starts, whether the author endorses it, irony markers, own criticism.
        var sentences = tokens[^1].Sentence + 1;
        Span<int> reportFrom = sentences <= 256 ? stackalloc int[sentences] : new int[sentences];
        Span<bool> endorsed = sentences <= 256 ? stackalloc bool[sentences] : new bool[sentences];
        Span<bool> ironic = sentences <= 256 ? stackalloc bool[sentences] : new bool[sentences];
        Span<bool> ownCriticism = sentences <= 256 ? stackalloc bool[sentences] : new bool[sentences];
        reportFrom.Fill(int.MaxValue);
        foreach (var token in tokens)
        {
            if (token.MockingEmojiBefore) ironic[token.Sentence] = true;
        }
        foreach (var c in cues)
        {
            var s = tokens[c.Token].Sentence;
            switch (c.Cue.Kind)
            {
                case CueKind.Reporting when c.End > c.Token:
                    reportFrom[s] = -1; // "по словам", "according to": the whole sentence is someone else's
                    break;
                case CueKind.Reporting:
                    var own = cues.Any(f => f.Cue.Kind == CueKind.FirstPerson && f.End < c.Token && c.Token - f.End <= 2
                        && tokens[f.Token].Sentence == s);
                    if (!own && c.Token < reportFrom[s]) reportFrom[s] = c.Token;
                    break;
                case CueKind.Endorse:
                    endorsed[s] = true;
                    break;
                case CueKind.Sarcasm:
                    ironic[s] = true;
                    break;
            }
        }
        foreach (var c in cues)
        {
            var s = tokens[c.Token].Sentence;
            if (c.Cue.Kind == CueKind.Criticise && !IsReported(c, tokens, reportFrom, endorsed) && Negator(cues, c, tokens) is null)
                ownCriticism[s] = true;
        }

        foreach (var c in cues)
        {
            if (c.Cue.Kind is not (CueKind.Criticise or CueKind.Support or CueKind.Praise or CueKind.Sarcasm)) continue;
            var s = tokens[c.Token].Sentence;
            var words = Surface(text, tokens, c);
            var (target, weight) = Target(tokens, mentions, c.Token);
            if (target < 0) continue;
            var tally = new Targets(tallies, Coordinated(tokens, mentions, target, weight));
            var where = weight < 1 ? " (from a sentence without a mention)" : "";
            if (tokens[c.Token].Quote == QuoteKind.Quotation)
            {
                tally.Add(0, $"quotation: «{words}» is inside someone else's words — not the author's{where}");
                continue;
            }
            if (IsReported(c, tokens, reportFrom, endorsed))
            {
                var from = reportFrom[s];
                var verb = from >= 0 ? Surface(text, tokens, cues.First(f => f.Token == from)) : "по словам / according to";
                tally.Add(0, $"reported: «{words}» after «{verb}» — the speaker's, not the author's{where}");
                continue;
            }
            var endorsement = endorsed[s] && reportFrom[s] != int.MaxValue ? " (endorsed by the author)" : "";
            switch (c.Cue.Kind)
            {
                case CueKind.Sarcasm:
                    if (!cues.Any(f => f.Cue.Kind is CueKind.Support or CueKind.Praise && tokens[f.Token].Sentence == s))
                        tally.Add(-c.Cue.Weight * weight, $"sarcasm marker: «{words}» → criticise{where}");
                    continue;
                case CueKind.Criticise:
                    if (Negator(cues, c, tokens) is { } negCritic)
                        tally.Add(0.5 * weight, $"negated: «{Surface(text, tokens, negCritic)}» + «{words}» → defence, support{where}");
                    else tally.Add(-c.Cue.Weight * weight, $"criticise: «{words}»{endorsement}{where}");
                    continue;
            }
            // Support and praise.
            if (IsActorsOwnAction(text, tokens, mentions, c))
                tally.Add(0, $"agent: «{words}» is what the actor does, not the author's stance{where}");
            else if (Negator(cues, c, tokens) is { } negator)
                tally.Add(-0.8 * weight, $"negated: «{Surface(text, tokens, negator)}» + «{words}» → criticise{where}");
            else if (tokens[c.Token].Quote == QuoteKind.Scare)
                tally.Add(-c.Cue.Weight * weight, $"scare quotes: «{words}» in quotation marks → criticise{where}");
            else if (ironic[s])
                tally.Add(-c.Cue.Weight * weight, $"sarcasm: «{words}» beside an ironic marker → criticise{where}");
            else if (c.Cue.Kind == CueKind.Praise && ownCriticism[s])
                tally.Add(-c.Cue.Weight * weight, $"irony: praise «{words}» beside criticism → criticise{where}");
            else tally.Add(c.Cue.Weight * weight, $"support: «{words}»{endorsement}{where}");
        }

        // Scare quotes around an ordinary lowercase word («перегруппировка», «уничтожило») distance the author from
        // the actor's own wording; titles and names in quotes («Ахмат») start with a capital and are left alone.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Quote != QuoteKind.Scare || i > 0 && tokens[i - 1].Quote == QuoteKind.Scare && tokens[i - 1].Sentence == tokens[i].Sentence) continue;
            var end = i;
            while (end + 1 < tokens.Count && tokens[end + 1].Quote == QuoteKind.Scare && tokens[end + 1].Sentence == tokens[i].Sentence) end++;
            var first = text[tokens[i].Start];
            var hasPraise = cues.Any(c => c.Token >= i && c.Token <= end && c.Cue.Kind is CueKind.Support or CueKind.Praise);
            var inMention = mentions.Any(m => m.First <= end && m.Last >= i);
            // Only one quoted word counts: news quotes a speaker's two- or three-word phrase verbatim all the time.
            if (end > i || !char.IsLower(first) || hasPraise || inMention || reportFrom[tokens[i].Sentence] < i) continue;
            var (target, weight) = Target(tokens, mentions, i);
            if (weight < 1) continue;
            var quoted = text[tokens[i].Start..(tokens[end].Start + tokens[end].Length)];
            if (target >= 0) tallies[mentions[target].Tally].Add(-0.8 * weight, $"scare quotes: «{quoted}» → criticise");
        }

        // A mocking emoji with no word cue of its own still mocks the nearest actor.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].MockingEmojiBefore) continue;
            var (target, weight) = Target(tokens, mentions, i);
            if (target >= 0) tallies[mentions[target].Tally].Add(-0.8 * weight, "sarcasm marker: mocking emoji (🤡/🤦) → criticise");
        }
    }

    /// <summary>
    /// "Кремль благодарит военкоров", "Путин не поддержал идею", "Zelensky thanked the troops": a support verb in the
    /// third person or past tense right after a mention (at most one word between) reports the actor's own act.
    /// </summary>
    private static bool IsActorsOwnAction(string text, List<PostToken> tokens, List<Mention> mentions, FoundCue c)
    {
        if (!mentions.Any(m => m.Last < c.Token && c.Token - m.Last <= 2 && tokens[m.Last].Clause == tokens[c.Token].Clause)) return false;
        var word = text.AsSpan(tokens[c.End].Start, tokens[c.End].Length);
        foreach (var ending in VerbEndings)
        {
            if (word.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] VerbEndings =
        ["ет", "ит", "ют", "ят", "ил", "ила", "ило", "или", "ал", "ала", "ало", "али", "ив", "ує", "ює", "є", "ed", "supports", "backs", "thanks", "praises"];

    private static bool IsReported(FoundCue c, List<PostToken> tokens, Span<int> reportFrom, Span<bool> endorsed)
    {
        var s = tokens[c.Token].Sentence;
        return c.Token > reportFrom[s] && !endorsed[s];
    }

    /// <summary>A negator up to three words before the cue in the same clause, with no other sentiment cue between.</summary>
    private static FoundCue? Negator(List<FoundCue> cues, FoundCue cue, List<PostToken> tokens)
    {
        var index = cues.IndexOf(cue);
        for (var j = index - 1; j >= 0; j--)
        {
            var before = cues[j];
            if (cue.Token - before.End > NegationWindow || tokens[before.Token].Clause != tokens[cue.Token].Clause) return null;
            if (before.Cue.Kind == CueKind.Negator) return before;
            if (before.Cue.Kind is CueKind.Criticise or CueKind.Support or CueKind.Praise) return null;
        }
        return null;
    }

    /// <summary>
    /// The target mention's actor and the actors coordinated with it in the same clause, at most three words apart
    /// ("Генштаб и лично Герасимов виноваты", "НАТО и Вашингтон врут"). Only for cues inside the sentence.
    /// </summary>
    private static List<int> Coordinated(List<PostToken> tokens, List<Mention> mentions, int target, double weight)
    {
        var t = mentions[target];
        var result = new List<int>(2) { t.Tally };
        if (weight < 1) return result;
        foreach (var m in mentions)
        {
            if (result.Contains(m.Tally) || m.Sentence != t.Sentence || m.Clause != t.Clause) continue;
            var gap = m.First > t.Last ? m.First - t.Last : t.First - m.Last;
            if (gap is > 0 and <= 3) result.Add(m.Tally);
        }
        return result;
    }

    private readonly struct Targets(List<Tally> tallies, List<int> indices)
    {
        public void Add(double signedWeight, string evidence)
        {
            foreach (var i in indices) tallies[i].Add(signedWeight, evidence);
        }
    }

    /// <summary>The nearest mention (its index): same sentence first (other clauses count as further away), else the nearest sentence.</summary>
    private static (int Tally, double Weight) Target(List<PostToken> tokens, List<Mention> mentions, int token)
    {
        var sentence = tokens[token].Sentence;
        var clause = tokens[token].Clause;
        int best = -1, bestDistance = int.MaxValue;
        foreach (var m in mentions)
        {
            if (m.Sentence != sentence) continue;
            var distance = token < m.First ? m.First - token : token - m.Last;
            if (m.Clause != clause || tokens[m.Last].Clause != clause && token > m.Last) distance += ClausePenalty;
            if (distance < bestDistance)
            {
                best = mentions.IndexOf(m);
                bestDistance = distance;
            }
        }
        if (best >= 0) return (best, 1);
        var bestGap = int.MaxValue;
        foreach (var m in mentions)
        {
            // Only the neighbouring sentences: in a long news post a distant mention is rarely what a cue is about.
            if (Math.Abs(m.Sentence - sentence) > 1) continue;
            // Preceding sentences win ties: "Минобороны молчит. Позор." blames the ministry.
            var gap = m.Sentence < sentence ? 2 * (sentence - m.Sentence) : 2 * (m.Sentence - sentence) + 1;
            if (gap < bestGap || gap == bestGap && m.Sentence < sentence)
            {
                best = mentions.IndexOf(m);
                bestGap = gap;
            }
        }
        return (best, OtherSentenceWeight);
    }

    private static string Surface(string text, List<PostToken> tokens, FoundCue c)
    {
        var start = tokens[c.Token].Start;
        return text[start..(tokens[c.End].Start + tokens[c.End].Length)];
    }

    private static ActorStance Decide(Tally tally)
    {
        var evidence = (IReadOnlyList<string>?)tally.Evidence ?? [];
        var net = tally.Support - tally.Criticism;
        var total = tally.Support + tally.Criticism;
        if (total == 0) return new ActorStance(tally.ActorId, StanceKind.Neutral, evidence.Count == 0 ? 0.6 : 0.5, evidence);
        if (Math.Abs(net) < NeutralMargin) return new ActorStance(tally.ActorId, StanceKind.Neutral, 0.4, evidence);
        var confidence = Math.Min(0.95, 0.5 + 0.5 * Math.Abs(net) / (total + 0.5));
        return new ActorStance(tally.ActorId, net > 0 ? StanceKind.Support : StanceKind.Criticise, Math.Round(confidence, 3), evidence);
    }
}
