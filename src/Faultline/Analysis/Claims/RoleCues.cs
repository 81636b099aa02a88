using System.Text.RegularExpressions;

namespace Faultline.Analysis.Claims;

/// <summary>
/// The ru/uk/en phrases that mark what a post does with a claim. Phrases are written normalised (lowercase, ё as е);
/// a trailing '*' lets the last word inflect ("опроверг*" finds опровергли, опровергает), otherwise the phrase must
/// stand between word boundaries. A cue alone never decides a role: <see cref="RoleClassifier"/> also needs an anchor.
/// </summary>
internal static class RoleCues
{
    /// <summary>The originator or an amplifier retracts or softens.</summary>
    public static readonly CueSet WalkBack = new(
    [
        // ru
        "списков больше нет", "списка больше нет", "списков нет", "вопрос снят с повестки", "вопрос снят", "снимаем вопрос",
        "беру слова назад", "беру свои слова назад", "ошиблись", "ошибся", "ошиблась", "уже не актуально", "неактуально",
        "больше не актуально", "информация не подтвердилась", "не подтвердилась", "удаляем", "удалил пост",
        "приносим извинения", "прошу прощения", "погорячился", "вопрос закрыт", "отбой",
        // uk
        "списків більше немає", "питання знято", "знято з порядку денного", "беру слова назад", "помилилися", "помилився",
        "вже не актуально", "неактуально", "інформація не підтвердилася", "не підтвердилася", "перепрошуємо",
        // en
        "retracted", "retract*", "correction", "we were wrong", "i was wrong", "no longer relevant", "walk back", "walked back",
        "did not happen after all", "we apologi*", "update: this is not", "has been resolved",
    ]);

    /// <summary>Another actor rejects the claim.</summary>
    public static readonly CueSet Deny = new(
    [
        // ru
        "не соответствует действительности", "не соответствуют действительности", "опровергаем", "опроверг*", "опровержени*",
        "это фейк", "фейк*", "неправда", "ложь", "ложн*", "дезинформаци*", "вброс*", "не обстреливал*",
        // uk
        "це фейк", "не відповідає дійсності", "спростову*", "спростува*", "неправда", "брехня", "дезінформаці*", "вкид*",
        // en
        "denied", "denies", "deny", "false", "fake", "debunk*", "not true", "untrue", "disinformation", "no such",
    ]);

    /// <summary>Another actor confirms the claim.</summary>
    public static readonly CueSet Confirm = new(
    [
        // ru
        "подтверждаем", "подтвердил*", "подтверждает", "подтверждают", "подтверждено", "подтверждение", "это правда",
        "официально подтвержд*",
        // uk
        "підтверджуємо", "підтвердил*", "підтвердив", "підтверджує", "підтверджують", "підтверджено", "це правда",
        // en
        "confirmed", "confirms", "confirm", "we can confirm", "it is true",
    ]);

    /// <summary>Ridicule.</summary>
    public static readonly CueSet Mock = new(
    [
        "🤡", "😂", "🤣", "ха-ха", "хаха*", "ахаха*", "смешно", "ну-ну", "клоун*", "цирк", "анекдот",
        "смішно", "клоуни", "lol", "lmao", "rofl", "clown*", "laughable",
    ]);

    /// <summary>A third party attributes the claim to someone else.</summary>
    public static readonly CueSet Report = new(
    [
        // ru
        "утверждает, что", "утверждают, что", "заявил, что", "заявила, что", "заявили, что", "пишет", "пишут", "как сообщает",
        "сообщает", "сообщают", "по словам", "по данным", "по его словам", "по информации", "якобы", "как утверждает",
        // uk
        "як повідомляє", "повідомляє", "стверджує", "стверджують", "заявив, що", "заявили, що", "пише", "за даними",
        "за словами", "нібито",
        // en
        "claims that", "claimed that", "claim that", "according to", "reportedly", "said that", "alleged*", "reports that",
        "writes that", "says that",
    ]);

    /// <summary>An edit note: softens only when the note itself negates ("UPD: списков нет").</summary>
    public static readonly Regex UpdateNote = new(@"(?<![\p{L}\p{N}])(update|upd|апд|оновлення|обновление)\s*[:.\-–—]?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Reporting verbs: in an edit note, what follows them is someone else's word ("Update: the blogger now says …").</summary>
    public static readonly CueSet Speech = new(
    [
        "говорит", "говорят", "заявил*", "заявляет", "заявляют", "пишет", "пишут", "утверждает", "утверждают", "сообщает", "сообщают",
        "сообщил", "сообщила", "сообщили", "по словам", "по его словам", "по ее словам",
        "каже", "кажуть", "заявив", "заявила", "заявили", "пише", "пишуть", "стверджує", "стверджують", "повідомляє", "повідомив*", "за словами",
        "says", "said", "say", "claims", "claimed", "writes", "wrote", "insists", "according to",
    ]);

    /// <summary>Negations that, in an edit note, soften or retract.</summary>
    public static readonly CueSet UpdateNegation = new(["не", "нет", "ні", "немає", "no", "not", "never", "удален*", "видален*", "removed", "deleted"]);

    /// <summary>Words that, right before a denial or confirmation, negate it ("не подтвердили", "not confirmed").</summary>
    public static readonly HashSet<string> Negators = new(StringComparer.Ordinal) { "не", "ні", "not", "never", "no", "нет", "без" };

    /// <summary>A contrast after a denial: the author quotes the denial to dismiss it ("опровергли, но …").</summary>
    public static readonly CueSet Contrast = new(["но", "однако", "тем не менее", "але", "проте", "втім", "but", "however", "yet", "nevertheless"]);

    /// <summary>"False flag" and the like: "false" that is not a verdict on a claim.</summary>
    public static readonly CueSet NotVerdicts = new(["false flag", "ложн* след", "фейков* аккаунт*", "fake account*"]);
}

/// <summary>Where quotations are in a text: another voice's words.</summary>
internal static class Quotation
{
    /// <summary>
    /// True when <paramref name="index"/> lies inside «…», „…“, “…”, "…" or '…'. An apostrophe between two letters
    /// ("п'ять", "don't") is part of a word, not a quotation mark.
    /// </summary>
    public static bool Inside(string text, int index)
    {
        int guillemets = 0;
        bool curly = false, straight = false, single = false;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            switch (text[i])
            {
                case '«': guillemets++; break;
                case '»': guillemets = Math.Max(0, guillemets - 1); break;
                case '„': curly = true; break;
                case '“': curly = !curly; break;
                case '”': curly = false; break;
                case '"': straight = !straight; break;
                case '\'' when !(i > 0 && char.IsLetter(text[i - 1]) && i + 1 < text.Length && char.IsLetter(text[i + 1])): single = !single; break;
            }
        }
        return guillemets > 0 || curly || straight || single;
    }
}

/// <summary>One match of a cue phrase in a normalised text.</summary>
internal readonly record struct CueHit(string Cue, int Start, int Length);

/// <summary>
/// A set of cue phrases, matched against normalised (lowercase) text the way one regular expression of alternatives
/// would match them (leftmost first; at one position, the longest phrase first; matches do not overlap), but by
/// comparing characters at word starts: a regular expression of a hundred alternatives behind a word-boundary check
/// cost some 40 µs a post, and the claim builder asks for several sets per candidate post.
/// </summary>
/// <remarks>
/// A phrase's spaces match one or more whitespace characters. A phrase that starts with a letter or digit matches only
/// where no letter or digit precedes it; one that ends with a letter or digit only where none follows. A word that ends
/// with '*' takes the rest of the word ("ложн* след" finds "ложный след"). Phrases that start with a symbol (emoji) match
/// anywhere.
/// </remarks>
internal sealed class CueSet
{
    private readonly Dictionary<char, string[][]> _byFirst = [];

    public CueSet(IReadOnlyList<string> phrases)
    {
        Phrases = phrases;
        // Longest first, so that "не соответствует действительности" wins over a shorter phrase inside it.
        foreach (var group in phrases.Distinct().OrderByDescending(p => p.Length).GroupBy(p => p[0]))
            _byFirst[group.Key] = [.. group.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
    }

    /// <summary>The phrases, as written.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>Every non-overlapping match, in order.</summary>
    public IEnumerable<CueHit> Matches(string normalized)
    {
        var i = 0;
        while (i < normalized.Length)
        {
            if (i > 0 && IsWordChar(normalized[i]) && IsWordChar(normalized[i - 1]))
            {
                // No cue starts inside a word: on to the word's end.
                while (i < normalized.Length && IsWordChar(normalized[i])) i++;
                continue;
            }
            if (_byFirst.TryGetValue(normalized[i], out var candidates))
            {
                var end = -1;
                foreach (var parts in candidates)
                    if ((end = Match(normalized, i, parts)) >= 0) break;
                if (end >= 0)
                {
                    yield return new CueHit(normalized[i..end], i, end - i);
                    i = end;
                    continue;
                }
            }
            i++;
        }
    }

    /// <summary>The phrases by first character, longest first.</summary>
    internal IReadOnlyDictionary<char, string[][]> ByFirst => _byFirst;

    /// <summary>Where a phrase (its space-separated parts) starting at <paramref name="start"/> ends, or -1.</summary>
    internal static int Match(string text, int start, string[] parts)
    {
        var at = start;
        for (var p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            var last = p == parts.Length - 1;
            var prefix = part.EndsWith('*');
            var literal = prefix ? part.AsSpan(0, part.Length - 1) : part.AsSpan();
            if (p > 0)
            {
                var spaces = at;
                while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
                if (at == spaces) return -1;
            }
            if (!text.AsSpan(at).StartsWith(literal, StringComparison.Ordinal)) return -1;
            at += literal.Length;
            if (prefix)
                while (at < text.Length && IsWordChar(text[at])) at++;
            else if (last && literal.Length > 0 && IsWordChar(literal[^1]) && at < text.Length && IsWordChar(text[at])) return -1;
        }
        return at;
    }

    internal static bool IsWordChar(char c) => char.IsLetter(c) || char.IsNumber(c);
}

/// <summary>
/// Several cue sets at once: one pass over a text finds each set's matches as its own <see cref="CueSet.Matches"/>
/// would (non-overlapping within the set, in order), looking up each character once instead of once per set.
/// </summary>
internal sealed class CueScanner
{
    private readonly int _sets;
    private readonly Dictionary<char, (int Set, string[][] Phrases)[]> _byFirst = [];

    public CueScanner(params CueSet[] sets)
    {
        _sets = sets.Length;
        foreach (var first in sets.SelectMany(s => s.ByFirst.Keys).Distinct())
            _byFirst[first] = [.. sets.Select((set, i) => (i, set.ByFirst.GetValueOrDefault(first))).Where(x => x.Item2 is not null).Select(x => (x.i, x.Item2!))];
    }

    /// <summary>Each set's matches, in the order the sets were given; an empty array for a set with none.</summary>
    public CueHit[][] Scan(string normalized)
    {
        List<CueHit>?[] hits = new List<CueHit>?[_sets];
        var next = new int[_sets];
        var i = 0;
        while (i < normalized.Length)
        {
            if (i > 0 && CueSet.IsWordChar(normalized[i]) && CueSet.IsWordChar(normalized[i - 1]))
            {
                // No cue starts inside a word: on to the word's end.
                while (i < normalized.Length && CueSet.IsWordChar(normalized[i])) i++;
                continue;
            }
            if (_byFirst.TryGetValue(normalized[i], out var entries))
            {
                foreach (var (set, phrases) in entries)
                {
                    // A set resumes after its own last match, as its own scan would.
                    if (next[set] > i) continue;
                    foreach (var parts in phrases)
                    {
                        var end = CueSet.Match(normalized, i, parts);
                        if (end < 0) continue;
                        (hits[set] ??= []).Add(new CueHit(normalized[i..end], i, end - i));
                        next[set] = end;
                        break;
                    }
                }
            }
            i++;
        }
        return [.. hits.Select(h => h is null ? [] : h.ToArray())];
    }
}
