using System.Text.RegularExpressions;
using CsCheck;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Claims;
using Faultline.Analysis.Scenarios;

namespace Faultline.Tests.Analysis.Scenarios;

public sealed partial class ScenarioFileTests
{
    private const string Hypotheses = """
        hypothesis H1 | Nuclear escalation
        hypothesis H2 | General mobilization
        """;

    private static IReadOnlyList<string> Problems(string body, string name = "bad.scenarios")
        => ScenarioFile.Parse(Hypotheses + "\n" + body, name).Problems.Select(p => p.ToString()).ToList();

    [Fact]
    public void TheShippedExampleParsesAndValidatesAgainstTheDefaultRegistry()
    {
        var file = ScenarioFile.Load(ScenarioArchives.ShippedFile);

        Assert.Empty(file.Validate(ActorRegistry.Default));
        Assert.Equal(["H1", "H2", "H3"], file.Hypotheses.Select(h => h.Id));
        Assert.Contains("Nuclear", file.Hypotheses[0].Title);
        Assert.Contains("palace coup", file.Hypotheses[2].Description);
        var kinds = file.Indicators.Select(i => i.Kind).Distinct().ToList();
        Assert.Equal(Enum.GetValues<IndicatorKind>().Order(), kinds.Order());
        Assert.Contains(file.Indicators, i => i.Kind == IndicatorKind.Claim && i.Status == LifecycleEventKind.WalkedBack);
        Assert.Contains(file.Indicators, i => i.Kind == IndicatorKind.Stance && i.AuthorBloc == "milbloggers" && i.TargetBloc == "mod-establishment" && i.Shift == 0.3);
        var evidence = Assert.Single(file.ManualEvidence);
        Assert.Equal(3, evidence.Credibility);
        Assert.All(file.Items, item => Assert.Equal(3, item.Marks.Count));
    }

    [Fact]
    public void AWellFormedIndicatorKeepsEveryFieldAndMarksEveryHypothesis()
    {
        var file = ScenarioFile.Parse(Hypotheses + """

            indicator walk claim 2d | A claim is walked back
              about: First line
              about: and second.
              terms: списк* OR list*
              status: walked-back
              threshold: 2
              weight: 1.5
              marks: H1 II; H2 CC
            evidence e1 | The lists are gone
              cite: https://t.me/severny_rubezh_fict/4111
              credibility: 2
              marks: H1=N, H2=C
            """, "ok.scenarios");

        Assert.Empty(file.Problems);
        var walk = Assert.Single(file.Indicators);
        Assert.Equal((IndicatorKind.Claim, TimeSpan.FromDays(2), 2, 1.5), (walk.Kind, walk.Window, walk.Threshold, walk.Weight));
        Assert.Equal("First line and second.", walk.Description);
        Assert.Equal(LifecycleEventKind.WalkedBack, walk.Status);
        Assert.Equal(Mark.StronglyInconsistent, walk.MarkFor("H1"));
        Assert.Equal(Mark.StronglyConsistent, walk.MarkFor("H2"));
        var e1 = Assert.Single(file.ManualEvidence);
        Assert.Equal(("https://t.me/severny_rubezh_fict/4111", 2, 0.8), (e1.Citation, e1.Credibility, e1.CredibilityFactor));
        Assert.Equal(Mark.Consistent, e1.MarkFor("H2"));
    }

    [Theory]
    [InlineData("indicator x query 3d | T\n  terms: ядерн*\n  marks: H1 C", "bad.scenarios:5: no mark for H2 (mark every hypothesis; N for neutral)")]
    [InlineData("indicator x query 3d | T\n  terms: ядерн*\n  marks: H1 C; H2 X", "bad.scenarios:5: 'X' is not a mark (CC strongly consistent, C consistent, N neutral, I inconsistent, II strongly inconsistent)")]
    [InlineData("indicator x query 3d | T\n  terms: ядерн*\n  marks: H1 C; H9 N", "bad.scenarios:5: unknown hypothesis 'H9' (defined: H1, H2)")]
    [InlineData("indicator x query 3x | T\n  terms: a\n  marks: H1 C; H2 N", "bad.scenarios:3: '3x' is not a window (a number and h, d or w: 12h, 3d, 1w; at most 366 days)")]
    [InlineData("indicator x rumour 3d | T\n  terms: a\n  marks: H1 C; H2 N", "bad.scenarios:3: unknown indicator kind 'rumour' (query, actor, stance, claim, source)")]
    [InlineData("indicator x query 3d | T\n  terms: (ядерн*\n  marks: H1 C; H2 N", "bad.scenarios:4: terms: a '(' is not closed")]
    [InlineData("indicator x query 3d | T\n  terms: NOT ядерн*\n  marks: H1 C; H2 N", "bad.scenarios:4: terms: a query needs at least one word to look for outside NOT")]
    [InlineData("indicator x query 3d | T\n  marks: H1 C; H2 N", "bad.scenarios:3: 'x' needs 'terms:' (words in the search syntax (docs/cli.md: words, \"phrases\", prefix*, OR, NOT, parentheses))")]
    [InlineData("indicator x query 3d | T\n  terms: a\n  threshold: 0\n  marks: H1 C; H2 N", "bad.scenarios:5: threshold '0' is not a whole number from 1 to 100000")]
    [InlineData("indicator x query 3d | T\n  terms: a\n  actor: ru-mod\n  marks: H1 C; H2 N", "bad.scenarios:5: 'actor:' does not apply to a query indicator (expected terms:, language:, threshold:, weight:, marks:, about:)")]
    [InlineData("indicator x stance 3d | T\n  between: milbloggers mod\n  shift: 0.3\n  marks: H1 C; H2 N", "bad.scenarios:4: 'milbloggers mod' is not '<author bloc> -> <target bloc>'")]
    [InlineData("indicator x stance 3d | T\n  between: a -> b\n  shift: 0\n  marks: H1 C; H2 N", "bad.scenarios:5: shift '0' is not a number from -2 to 2 other than 0")]
    [InlineData("indicator x claim 3d | T\n  terms: a\n  status: refuted\n  marks: H1 C; H2 N", "bad.scenarios:5: status 'refuted' is not one of made, amplified, reported, confirmed, denied, walked-back, edited, deleted, resurfaced")]
    [InlineData("indicator x source 3d | T\n  channels: good_one t.me/\n  marks: H1 C; H2 N", "bad.scenarios:4: 't.me/' is not a channel handle (letters, digits and '_')")]
    [InlineData("evidence e | S\n  cite: https://example.org/page\n  credibility: 2\n  marks: H1 C; H2 N", "bad.scenarios:4: 'https://example.org/page' is not a post reference (https://t.me/<handle>/<id>, t.me/<handle>/<id>, @<handle>/<id> or <handle>/<id>)")]
    [InlineData("evidence e | S\n  cite: rybar/1\n  credibility: 7\n  marks: H1 C; H2 N", "bad.scenarios:5: credibility '7' is not 1 to 6 (Admiralty: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged)")]
    [InlineData("evidence e | S\n  cite: rybar/1\n  marks: H1 C; H2 N", "bad.scenarios:3: 'e' needs 'credibility:' (the Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged))")]
    [InlineData("terms: a", "bad.scenarios:3: 'terms:' does not apply to a hypothesis (expected about:)")]
    [InlineData("hypothesis H1 | Again\nindicator x query | T\n  terms: a\n  marks: H1 C; H2 N", "bad.scenarios:3: 'H1' is already defined on line 1")]
    [InlineData("claims are fun", "bad.scenarios:3: unknown line 'claims are fun' (expected scenario, hypothesis, indicator, evidence, or 'key: value' under one of them)")]
    public void ABadLineIsReportedWithFileLineAndReason(string body, string expected)
        => Assert.Contains(expected, Problems(body));

    [Fact]
    public void APropertyBeforeAnyItemIsReportedOnItsLine()
        => Assert.Contains("lone.scenarios:2: 'marks:' must follow a hypothesis, indicator or evidence line",
            ScenarioFile.Parse("# a comment\nmarks: H1 C\n", "lone.scenarios").Problems.Select(p => p.ToString()));

    [Fact]
    public void TheRestOfTheFileIsReadWhenOneItemIsBroken()
    {
        var file = ScenarioFile.Parse(Hypotheses + """

            indicator broken query 3d | Broken
              terms: (
              marks: H1 C; H2 N
            indicator fine query 3d | Fine
              terms: ядерн*
              marks: H1 C; H2 N
            """, "mixed.scenarios");

        Assert.Single(file.Problems);
        Assert.Equal("fine", Assert.Single(file.Indicators).Id);
    }

    [Fact]
    public void AFileNeedsTwoHypothesesAndSomethingToWeigh()
    {
        var problems = ScenarioFile.Parse("hypothesis H1 | Alone\n", "thin.scenarios").Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("thin.scenarios: the file defines 1 hypothesis; competing hypotheses need at least two ('hypothesis <id> | <title>')", problems);
        Assert.Contains("thin.scenarios: the file has no indicators or evidence to weigh ('indicator …' or 'evidence …')", problems);
    }

    [Fact]
    public void UnknownActorsAndBlocsAreReportedAgainstTheRegistry()
    {
        var file = ScenarioFile.Parse(Hypotheses + """

            indicator a actor 1d | Actor
              actor: nobody
              marks: H1 C; H2 N
            indicator s stance 3d | Stance
              between: milblogers -> mod-establishment
              shift: 0.2
              marks: H1 C; H2 N
            """, "reg.scenarios");

        Assert.Empty(file.Problems);
        var problems = file.Validate(ActorRegistry.Default).Select(p => p.ToString()).ToList();
        Assert.Contains("reg.scenarios:4: indicator 'a': unknown actor 'nobody' (see `faultline actors`)", problems);
        Assert.Contains(problems, p => p.StartsWith("reg.scenarios:7: indicator 's': unknown bloc 'milblogers'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://t.me/severny_rubezh_fict/4111", "severny_rubezh_fict", "4111")]
    [InlineData("t.me/s/severny_rubezh_fict/4111?single", "severny_rubezh_fict", "4111")]
    [InlineData("@severny_rubezh_fict/4111", "severny_rubezh_fict", "4111")]
    [InlineData("severny_rubezh_fict/4111", "severny_rubezh_fict", "4111")]
    public void PostReferencesAreReadInEveryUsualShape(string text, string handle, string id)
        => Assert.Equal((handle, id), PostCitation.Parse(text));

    [Fact]
    public void AnyTextEitherParsesOrGivesOneLineProblemsAndNeverThrows()
    {
        string[] fragments =
        [
            "hypothesis", "indicator", "evidence", "scenario", "H1", "H2", "x", "|", "marks:", "terms:", "actor:", "stance:", "by:",
            "between:", "->", "shift:", "background:", "status:", "channels:", "cite:", "credibility:", "weight:", "threshold:", "language:",
            "about:", "C", "CC", "I", "II", "N", "3d", "12h", "0", "-1", "1e9", "query", "actor", "claim", "source", "stance", "ядерн*",
            "\"", "(", ")", "OR", "NOT", "-", ";", ",", "=", "@x/1", "t.me/a_b/12", "#", "\n", "\r\n", " ", "\t", "\uFEFF", "walked-back", "ru-mod",
        ];
        var line = Gen.OneOf(Gen.Int[0, fragments.Length - 1].Select(i => fragments[i]), Gen.String[0, 8]);
        var registry = ActorRegistry.Default;
        line.Array[0, 80].Select(parts => string.Concat(parts)).Sample(text =>
        {
            var file = ScenarioFile.Parse(text, "fuzz.scenarios");
            var lines = text.Split('\n').Length;
            foreach (var p in file.Validate(registry))
            {
                Assert.Matches(ProblemLine(), p.ToString());
                Assert.InRange(p.Line, 0, lines);
            }
        }, iter: 2000);
    }

    [Fact]
    public void EveryMutationOfTheShippedFileParsesOrGivesOneLineProblems()
    {
        var lines = File.ReadAllLines(ScenarioArchives.ShippedFile);
        Gen.Select(Gen.Int[0, lines.Length - 1], Gen.Int[0, 3], Gen.Int[0, 200], (at, how, cut) => how switch
        {
            0 => lines.Where((_, i) => i != at),
            1 => lines.Take(at).Append(lines[at]).Concat(lines.Skip(at)),
            2 => lines.Select((l, i) => i == at ? l[..Math.Min(cut, l.Length)] : l),
            _ => lines.Select((l, i) => i == at ? l.Replace(':', ' ').Replace('|', ':') : l),
        }).Sample(mutated =>
        {
            var file = ScenarioFile.Parse(string.Join('\n', mutated), "mutated.scenarios");
            foreach (var p in file.Validate(ActorRegistry.Default)) Assert.Matches(ProblemLine(), p.ToString());
        }, iter: 500);
    }

    [GeneratedRegex(@"^[^\n]+?(:\d+)?: [^\n]+$")]
    private static partial Regex ProblemLine();
}
