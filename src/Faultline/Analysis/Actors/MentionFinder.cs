using Faultline.Text;

namespace Faultline.Analysis.Actors;

/// <summary>One actor named in a post: where (UTF-16 offset and length into the post's text) and as written.</summary>
public sealed record Mention(string ActorId, int Offset, int Length, string Surface);

/// <summary>
/// Finds actor mentions in post text by the registry's aliases: Russian and Ukrainian inflections through
/// per-class ending tables, English possessives, transliterations as listed aliases, capitals-only
/// abbreviations, and case and context rules for names that are also common words. Built once per registry;
/// thread-safe. Does not resolve pronouns, bare titles ("the president") or adjectives ("путинский").
/// </summary>
public sealed class MentionFinder
{
    private readonly ActorRegistry _registry;
    // Keyed by the base of the first alias word; a post word is looked up under each of its possible bases.
    private readonly Dictionary<string, List<AliasPattern>> _byFirstBase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AliasPattern>> _byFirstCased = new(StringComparer.Ordinal);

    /// <summary>Compiles every alias of the registry.</summary>
    public MentionFinder(ActorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        for (var i = 0; i < registry.Actors.Count; i++)
        {
            var actor = registry.Actors[i];
            foreach (var alias in actor.Aliases)
            {
                var pattern = AliasPattern.Compile(actor.Id, i, alias);
                if (pattern.Words.Count == 0) continue;
                var first = pattern.Words[0];
                var index = first.Mode == WordMode.ExactCase ? _byFirstCased : _byFirstBase;
                var key = first.Mode == WordMode.ExactCase ? first.Original : first.Base;
                if (!index.TryGetValue(key, out var list)) index[key] = list = [];
                list.Add(pattern);
            }
        }
    }

    /// <summary>Mentions in the text, in order, not overlapping (the longest alias wins at each place).</summary>
    public IReadOnlyList<Mention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        var candidates = new List<(AliasPattern Pattern, int First, int Last)>();
        for (var i = 0; i < words.Count; i++)
        {
            (AliasPattern Pattern, int Last)? best = null;
            foreach (var pattern in Starting(words[i], text))
            {
                if (!Passes(pattern.Alias.Rule, words[i], text, atSentenceStartToo: true)) continue;
                var last = MatchFrom(pattern, words, i, text);
                if (last < 0) continue;
                if (best is null || Longer(pattern, last, best.Value.Pattern, best.Value.Last, words))
                    best = (pattern, last);
            }
            if (best is null) continue;
            candidates.Add((best.Value.Pattern, i, best.Value.Last));
            i = best.Value.Last;
        }
        if (candidates.Count == 0) return [];

        var mentions = new List<Mention>(candidates.Count);
        var supported = candidates.Where(c => c.Pattern.Alias.Rule != AliasRule.Ambiguous || Passes(AliasRule.Ambiguous, words[c.First], text, false))
            .Select(c => c.Pattern.ActorId).ToHashSet(StringComparer.Ordinal);
        HashSet<string>? folded = null;
        foreach (var c in candidates)
        {
            if (!Passes(c.Pattern.Alias.Rule, words[c.First], text, false))
            {
                // Capitalised at a sentence start: a common word could be capitalised there too, so ask for support.
                folded ??= words.Select(w => w.Folded).ToHashSet(StringComparer.Ordinal);
                var context = _registry.Actors[c.Pattern.ActorIndex].ContextWords;
                var ok = supported.Contains(c.Pattern.ActorId)
                    || context.Any(cw => folded.Any(f => f.StartsWith(cw, StringComparison.Ordinal)) || text.Contains('@' + cw, StringComparison.OrdinalIgnoreCase));
                if (!ok) continue;
            }
            var actor = _registry.Actors[c.Pattern.ActorIndex];
            // A qualifier next to the name ("китайское Минобороны", "Минобороны Южной Кореи") means another actor.
            if (c.First > 0 && StartsWithAny(words[c.First - 1].Folded, actor.NotAfter) && !Breaks(text, words[c.First - 1], words[c.First])) continue;
            if (c.Last + 1 < words.Count && StartsWithAny(words[c.Last + 1].Folded, actor.NotBefore) && !Breaks(text, words[c.Last], words[c.Last + 1])) continue;
            var start = words[c.First].Start;
            var end = words[c.Last].Start + words[c.Last].Length;
            mentions.Add(new Mention(c.Pattern.ActorId, start, end - start, text[start..end]));
        }
        return mentions;
    }

    private static bool StartsWithAny(string word, IReadOnlyList<string> prefixes)
    {
        foreach (var p in prefixes)
        {
            if (word.StartsWith(p, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Whether an alias starting at <paramref name="first"/> meets its rule; <paramref name="atSentenceStartToo"/>
    /// waives the sentence-start test of ambiguous aliases (checked later, against the whole post).</summary>
    private static bool Passes(AliasRule rule, Word first, string text, bool atSentenceStartToo)
        => rule switch
        {
            AliasRule.Capitalised => char.IsUpper(text[first.Start]),
            AliasRule.Ambiguous => char.IsUpper(text[first.Start]) && (atSentenceStartToo || !SentenceStart(text, first.Start)),
            AliasRule.Handle => first.Start > 0 && text[first.Start - 1] is '@' or '/',
            _ => true,
        };

    private static bool Longer(AliasPattern a, int lastA, AliasPattern b, int lastB, List<Word> words)
        => lastA != lastB ? lastA > lastB
            // Same span: the more exact pattern (more ExactCase/Exact words) wins, then registry order.
            : a.Words.Count(w => w.Mode != WordMode.Inflected) != b.Words.Count(w => w.Mode != WordMode.Inflected)
                ? a.Words.Count(w => w.Mode != WordMode.Inflected) > b.Words.Count(w => w.Mode != WordMode.Inflected)
                : a.ActorIndex < b.ActorIndex;

    private IEnumerable<AliasPattern> Starting(Word word, string text)
    {
        if (_byFirstCased.TryGetValue(text.Substring(word.Start, word.Length), out var cased))
            foreach (var p in cased) yield return p;
        var f = word.Folded;
        for (var cut = 0; cut <= AliasPattern.MaxEnding && cut < f.Length; cut++)
        {
            if (_byFirstBase.TryGetValue(f[..^cut], out var list))
                foreach (var p in list) yield return p;
        }
    }

    /// <summary>The index of the last post word the pattern covers from <paramref name="first"/>, or -1.</summary>
    private static int MatchFrom(AliasPattern pattern, List<Word> words, int first, string text)
    {
        if (first + pattern.Words.Count > words.Count) return -1;
        for (var k = 0; k < pattern.Words.Count; k++)
        {
            var w = words[first + k];
            // A multiword alias does not run across a sentence or line break.
            if (k > 0 && Breaks(text, words[first + k - 1], w)) return -1;
            if (!AliasPattern.Fits(pattern.Words[k], w.Folded, text.AsSpan(w.Start, w.Length))) return -1;
        }
        return first + pattern.Words.Count - 1;
    }

    private static bool Breaks(string text, Word previous, Word next)
    {
        for (var i = previous.Start + previous.Length; i < next.Start; i++)
        {
            // "U.S.", "т.е.": a dot after a single letter is an abbreviation, not a sentence end.
            if (text[i] == '.' && previous.Length == 1) continue;
            if (text[i] is '.' or '!' or '?' or '\n' or ';' or ',' or ':' or '(' or ')') return true;
        }
        return false;
    }

    /// <summary>True when only quotes, brackets, markup or dashes stand between the word and a sentence end or the text start.</summary>
    private static bool SentenceStart(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is '.' or '!' or '?' or '\n' or '…') return true;
            if (char.IsWhiteSpace(c) || c is '«' or '"' or '“' or '„' or '\'' or '(' or '[' or '*' or '_' or '—' or '–' or '-' or '>' or '#') continue;
            if (char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.Surrogate) continue; // emoji bullets
            return false;
        }
        return true;
    }

    private readonly record struct Word(int Start, int Length, string Folded);

    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var position = 0;
        while (Tokenizer.NextWord(text, ref position, out var start, out var length, out _))
            words.Add(new Word(start, length, AliasPattern.Fold(text.AsSpan(start, length))));
        return words;
    }
}
