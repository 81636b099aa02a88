using System.Text.RegularExpressions;
using Faultline.Analysis.Claims;
using CsCheck;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>
/// Cue phrases are matched by comparing characters at word starts; these tests hold that matcher to the regular
/// expression of alternatives it replaced (with '*' read on every word of a phrase, as documented).
/// </summary>
public sealed class CueSetTests
{
    /// <summary>The regular expression the matcher stands for: longest phrase first, word boundaries, '*' takes the rest of the word.</summary>
    private static Regex Oracle(IEnumerable<string> phrases)
    {
        static string Word(string w) => w.EndsWith('*') ? Regex.Escape(w[..^1]) + @"[\p{L}\p{N}]*" : Regex.Escape(w);
        static string Alternative(string phrase)
        {
            var body = string.Join(@"\s+", phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Word));
            var start = char.IsLetterOrDigit(phrase[0]) ? @"(?<![\p{L}\p{N}])" : "";
            var end = phrase.EndsWith('*') || !char.IsLetterOrDigit(phrase[^1]) ? "" : @"(?![\p{L}\p{N}])";
            return start + body + end;
        }
        return new Regex(string.Join("|", phrases.Distinct().OrderByDescending(p => p.Length).Select(Alternative)), RegexOptions.CultureInvariant);
    }

    private static readonly string[] Phrases =
    [
        "не соответствует действительности", "не подтвердилась", "фейк*", "это фейк", "ложн* след", "утверждает, что", "ха-ха",
        "🤡", "claims that", "fake", "deny", "опроверг*", "нет",
    ];

    [Theory]
    [InlineData("это фейковый вброс", "фейковый", 4)]
    [InlineData("нефейк и фейки", "фейки", 9)]
    [InlineData("информация не  соответствует\nдействительности.", "не  соответствует\nдействительности", 11)]
    [InlineData("списки🤡", "🤡", 6)]
    [InlineData("ложный след, а не ложь", "ложный след", 0)]
    [InlineData("fakes are not fake", "fake", 14)]
    public void APhraseIsFoundAtAWordStartWithItsWordsAndEnding(string text, string cue, int start)
    {
        var hit = new CueSet(Phrases).Matches(text).First();
        Assert.Equal((cue, start, cue.Length), (hit.Cue, hit.Start, hit.Length));
    }

    [Fact]
    public void TheMatcherAgreesWithTheRegularExpressionOfItsPhrasesOnAnyText()
    {
        var set = new CueSet(Phrases);
        var oracle = Oracle(Phrases);
        var words = Gen.OneOf<string>("не", "фейк", "фейковый", "это", "ложный", "след", "утверждает,", "что", "ха-ха", "хаха", "claims", "that", "fake",
            "denying", "deny", "опровергли", "нет", "нетто", "🤡", "соответствует", "действительности", "подтвердилась", "x");
        var separators = Gen.OneOf<string>(" ", "  ", "\n", "", ",", ".", "-");
        var text = Gen.Select(words, separators, (w, s) => w + s).Array[0, 14].Select(parts => string.Concat(parts));
        text.Sample(t =>
        {
            var expected = oracle.Matches(t).Select(m => (m.Value, m.Index)).ToList();
            Assert.Equal(expected, set.Matches(t).Select(h => (h.Cue, h.Start)).ToList());
        }, iter: 5000);
    }

    [Fact]
    public void TheMatcherAgreesWithTheRegularExpressionOnTheShippedCues()
    {
        var samples = new[]
        {
            "информация о списках не соответствует действительности, это фейк и вброс",
            "по словам источника, генералы якобы составили списки; пишут, что списков больше нет",
            "uk: це фейк, міністерство спростовує; за словами джерела, нібито",
            "the ministry denied it: not true, debunked as disinformation. reportedly, he claims that lol 🤡",
            "опровергли, но подтвердили позже: подтверждаем, это правда. ха-ха, смешно, клоуны",
        };
        foreach (var set in new[] { RoleCues.Deny, RoleCues.WalkBack, RoleCues.Confirm, RoleCues.Mock, RoleCues.Report, RoleCues.Speech })
        {
            var oracle = Oracle(set.Phrases);
            foreach (var text in samples)
                Assert.Equal(oracle.Matches(text).Select(m => (m.Value, m.Index)), set.Matches(text).Select(h => (h.Cue, h.Start)));
        }
    }
    [Fact]
    public void OneScanOfSeveralSetsFindsWhatEachSetFindsAlone()
    {
        var sets = new[] { new CueSet(Phrases), new CueSet(["фейковый аккаунт", "ложн* след", "fake account*"]), new CueSet(["нет", "не", "x x", "🤡"]) };
        var scanner = new CueScanner(sets);
        var words = Gen.OneOf<string>("не", "фейк", "фейковый", "аккаунт", "ложный", "след", "fake", "account", "accounts", "нет", "x", "🤡", "хаха", "deny");
        var separators = Gen.OneOf<string>(" ", "\n", "", ",", "-");
        Gen.Select(words, separators, (w, s) => w + s).Array[0, 14].Select(parts => string.Concat(parts)).Sample(t =>
        {
            var all = scanner.Scan(t);
            for (var k = 0; k < sets.Length; k++) Assert.Equal(sets[k].Matches(t), all[k]);
        }, iter: 5000);
        var shipped = new[] { RoleCues.Deny, RoleCues.NotVerdicts, RoleCues.WalkBack, RoleCues.Confirm, RoleCues.Mock, RoleCues.Report };
        const string Text = "опровергли, но это фейк: ложный след, фейковый аккаунт; списков больше нет, подтверждаем. ха-ха 🤡, пишут, что";
        var found = new CueScanner(shipped).Scan(Text);
        for (var k = 0; k < shipped.Length; k++) Assert.Equal(shipped[k].Matches(Text), found[k]);
        Assert.Contains(found, hits => hits.Length > 0);
    }
}
