using Faultline.Analysis.Actors;
using Faultline.Analysis.Claims;
using Faultline.Analysis.Scenarios;
using Faultline.Archive.Sqlite;
using static Faultline.Tests.Analysis.Scenarios.ScenarioArchives;

namespace Faultline.Tests.Analysis.Scenarios;

/// <summary>The ACH arithmetic and every indicator kind over small real SQLite archives of fictional posts.</summary>
public sealed class ScenarioEvaluatorTests : IDisposable
{
    private static readonly DateOnly Oct15 = new(2022, 10, 15);
    private static DateTimeOffset At(int day, int hour) => new(2022, 10, day, hour, 0, 0, TimeSpan.Zero);

    private readonly TempDir _dir = new();
    private readonly SqliteArchive _archive;

    private const string ThreeHypotheses = """
        hypothesis A | Alpha
        hypothesis B | Beta
        hypothesis C | Gamma

        """;

    public ScenarioEvaluatorTests()
    {
        _archive = Build(_dir.File("small.db"),
        [
            new("alpha_fict", "1", At(10, 9), "Мобилизация продолжается, пишут военкоры."),
            new("alpha_fict", "2", At(14, 9), "Генералы опять виноваты в провале."),
            new("alpha_fict", "3", At(15, 10), "Ядерный удар снова обсуждают в эфире."),
            new("beta_fict", "10", At(15, 11), "Ядерные учения объявлены. Генералы молчат."),
            new("beta_fict", "11", At(15, 12), "Генералы виноваты, считают блогеры."),
            new("blog_a_fict", "20", At(2, 9), "Министерство работает. Спасибо министерству."),
            new("blog_a_fict", "21", At(5, 9), "Министерство сообщает о поставках."),
            new("blog_a_fict", "22", At(14, 9), "Министерство снова провалило снабжение. Позор."),
            new("blog_b_fict", "30", At(15, 8), "Министр Тестов должен уйти. Министерство нас предало."),
            new("blog_b_fict", "31", At(15, 9), "Списков больше нет. Вопрос снят."),
            new("blog_a_fict", "23", At(14, 7), "Министерство готовит список блогеров для преследования."),
        ]);
    }

    public void Dispose()
    {
        _archive.Dispose();
        _dir.Dispose();
    }

    private ScenarioBoard Board(string body, DateOnly? date = null, ActorRegistry? registry = null)
    {
        var file = ScenarioFile.Parse(ThreeHypotheses + body, "test.scenarios");
        var reg = registry ?? Registry;
        Assert.Empty(file.Validate(reg));
        return new ScenarioEvaluator(_archive, reg).Evaluate(file, date ?? Oct15);
    }

    private const string Nuclear = """
        indicator nuke query 1d | Nuclear talk
          terms: ядерн*
          threshold: 2
          weight: 2
          marks: A C; B I; C II

        """;

    private const string Generals = """
        indicator generals query 1d | Generals blamed
          terms: генерал* AND виноваты
          marks: A I; B C; C N

        """;

    [Fact]
    public void TheLeastInconsistentHypothesisRanksFirstEvenAgainstMoreConsistency()
    {
        var board = Board(Nuclear + Generals + """
            indicator gamma-friendly query 3d | Generals in the news
              terms: генерал*
              weight: 5
              marks: A N; B N; C CC
            """);

        var ranking = board.Today.Ranking;
        Assert.Equal(["A", "B", "C"], ranking.Select(s => s.Hypothesis.Id));
        Assert.Equal([1.0, 2.0, 4.0], ranking.Select(s => s.Inconsistency));
        // C is by far the most consistent, yet the most inconsistent: Heuer ranks it last.
        Assert.Equal(10.0, board.Today.Score("C").Consistency);
        Assert.Equal(["nuke"], board.Today.Score("C").Against.Select(c => c.ItemId));
        Assert.Equal(4.0, board.Today.Score("C").Against[0].Points);
        Assert.Contains("A «Alpha» ranks first (least inconsistent)", AchMatrix.Explain(ranking[0], ranking));
        Assert.Contains("against it: «Generals blamed» (I, 1)", AchMatrix.Explain(ranking[0], ranking));
    }

    [Fact]
    public void AnItemMarkedAlikeForEveryHypothesisHasZeroDiagnosticityAndCannotMoveTheRanking()
    {
        const string Everywhere = """
            indicator everywhere query 3d | Generals everywhere
              terms: генерал*
              weight: 5
              marks: A C; B C; C C
            """;
        var without = Board(Nuclear + Generals);
        var with = Board(Nuclear + Generals + Everywhere);

        var d = with.DiagnosticityOf("everywhere");
        Assert.Equal((0, 0.0, "none"), (d.Spread, d.Weighted, d.Label));
        Assert.Equal((3, 6.0, "high"), (with.DiagnosticityOf("nuke").Spread, with.DiagnosticityOf("nuke").Weighted, with.DiagnosticityOf("nuke").Label));
        Assert.True(with.Today.Finding("everywhere").Observed);
        Assert.Equal(without.Today.Ranking.Select(s => s.Hypothesis.Id), with.Today.Ranking.Select(s => s.Hypothesis.Id));
        foreach (var s in with.Today.Ranking)
        {
            Assert.Equal(without.Today.Score(s.Hypothesis.Id).Inconsistency, s.Inconsistency);
            Assert.Equal(without.Today.Score(s.Hypothesis.Id).Consistency + 5, s.Consistency);
        }
    }

    [Theory]
    [InlineData(1, 4.0)]
    [InlineData(3, 2.4)]
    [InlineData(5, 0.8)]
    [InlineData(6, 2.0)]
    public void CredibilityScalesTheWeightOfManualEvidence(int credibility, double inconsistency)
    {
        var board = Board(Nuclear + $"""
            evidence e1 | The exercise was announced
              cite: https://t.me/beta_fict/10
              credibility: {credibility}
              weight: 2
              marks: A II; B N; C N
            """);

        var finding = board.Today.Finding("e1");
        Assert.True(finding.Observed);
        Assert.Equal(inconsistency / 2, finding.Weight, 6);
        Assert.Equal(inconsistency, board.Today.Score("A").Inconsistency, 6);
        Assert.Equal(Id(_archive, "beta_fict/10"), Assert.Single(finding.Posts).PostId);
        Assert.Equal("https://t.me/beta_fict/10", finding.Posts[0].Url);
    }

    [Fact]
    public void ManualEvidenceCountsFromThePublicationOfItsPostAndAnUnresolvedCitationIsFlagged()
    {
        var board = Board(Nuclear + """
            evidence e1 | The exercise was announced
              cite: beta_fict/10
              credibility: 2
              marks: A N; B N; C C
            evidence e2 | A post nobody archived
              cite: @beta_fict/999
              credibility: 1
              marks: A II; B N; C N
            """);

        Assert.True(board.Today.Finding("e1").Observed);
        Assert.False(board.Previous.Finding("e1").Observed);
        Assert.Contains("e1", board.Change.NewlyObserved);
        var missing = board.Today.Finding("e2");
        Assert.False(missing.Observed);
        Assert.Empty(missing.Posts);
        Assert.Contains("not in the archive", missing.Detail);
        Assert.Contains(board.Notes, n => n.Contains("@beta_fict/999", StringComparison.Ordinal) && n.Contains("not counted", StringComparison.Ordinal));
        Assert.Equal(0.0, board.Today.Score("A").Inconsistency);
    }

    [Fact]
    public void TheChangeSinceThePreviousDayNamesNewlyObservedIndicatorsAndRankMoves()
    {
        var board = Board(Nuclear + Generals);

        // October 14: only the generals fired (A inconsistent); October 15: the nuclear talk too.
        Assert.Equal(["B", "C", "A"], board.Previous.Ranking.Select(s => s.Hypothesis.Id));
        Assert.Equal(["A", "B", "C"], board.Today.Ranking.Select(s => s.Hypothesis.Id));
        Assert.Equal(["nuke"], board.Change.NewlyObserved);
        Assert.Empty(board.Change.NoLongerObserved);
        Assert.True(board.Change.RankingChanged);
        Assert.True(board.Change.LeaderChanged);
        var a = board.Change.Hypotheses.Single(h => h.HypothesisId == "A");
        Assert.Equal((3, 1, 2), (a.RankBefore, a.RankNow, a.RankDelta));
        var c = board.Change.Hypotheses.Single(h => h.HypothesisId == "C");
        Assert.Equal(4.0, c.InconsistencyDelta);
    }

    [Fact]
    public void AnIndicatorUnderItsThresholdOrOutsideItsWindowIsNotObserved()
    {
        var board = Board("""
            indicator nuke3 query 1d | Nuclear talk, three posts needed
              terms: ядерн*
              threshold: 3
              marks: A C; B I; C II
            indicator mobilization query 3d | Mobilization
              terms: мобилизац*
              marks: A C; B I; C N
            indicator mobilization-week query 1w | Mobilization over a week
              terms: мобилизац*
              marks: A C; B I; C N
            """);

        var nuke = board.Today.Finding("nuke3");
        Assert.False(nuke.Observed);
        Assert.Equal(2, nuke.Count);
        Assert.Equal(2, nuke.PostIds.Count);
        Assert.False(board.Today.Finding("mobilization").Observed);
        Assert.True(board.Today.Finding("mobilization-week").Observed);
        Assert.Equal(new DateTimeOffset(2022, 10, 16, 0, 0, 0, TimeSpan.Zero), nuke.To);
        Assert.Equal(new DateTimeOffset(2022, 10, 15, 0, 0, 0, TimeSpan.Zero), nuke.From);
    }

    [Fact]
    public void CitedPostsCarryVerbatimExcerptsAroundTheMatchedWords()
    {
        var board = Board(Generals);

        var posts = board.Today.Finding("generals").Posts;
        var post = Assert.Single(posts);
        Assert.Equal(Id(_archive, "beta_fict/11"), post.PostId);
        Assert.Equal("@beta_fict/11", post.Reference);
        Assert.Equal("Генералы виноваты, считают блогеры.", post.Excerpt);
        Assert.Contains(post.Excerpt!, _archive.FindPost("beta_fict", "11")!.Post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AStanceIndicatorFiresWhenNetCriticismMovesAgainstTheBackground()
    {
        Stances(_archive,
            (Id(_archive, "blog_a_fict/20"), "ministry", StanceKind.Support),
            (Id(_archive, "blog_a_fict/21"), "ministry", StanceKind.Neutral),
            (Id(_archive, "blog_a_fict/22"), "ministry", StanceKind.Criticise),
            (Id(_archive, "blog_b_fict/30"), "minister", StanceKind.Criticise),
            (Id(_archive, "blog_b_fict/30"), "ministry", StanceKind.Criticise),
            (Id(_archive, "blog_a_fict/23"), "ministry", StanceKind.Neutral));
        var board = Board("""
            indicator sharper stance 2d | Bloggers turn on the ministry
              between: bloggers -> ministry
              shift: 0.3
              threshold: 2
              marks: A N; B C; C CC
            indicator warmer stance 2d | Bloggers warm to the ministry
              between: bloggers -> ministry
              shift: -0.3
              marks: A C; B N; C I
            indicator minister actor 1d | The minister is criticised by a blogger
              actor: minister
              stance: criticise
              by: bloggers
              marks: A N; B N; C C
            """);

        var sharper = board.Today.Finding("sharper");
        // Window October 14–15: 3 critical and 1 neutral calls (+0.75); background: 1 support, 1 neutral (−0.5).
        Assert.True(sharper.Observed, sharper.Detail);
        Assert.Equal(1.25, sharper.Change!.Value, 6);
        Assert.Equal([Id(_archive, "blog_a_fict/22"), Id(_archive, "blog_b_fict/30")], sharper.PostIds);
        Assert.Contains("Министерство снова провалило снабжение.", sharper.Posts.Select(p => p.Excerpt));
        Assert.False(board.Today.Finding("warmer").Observed);
        var minister = board.Today.Finding("minister");
        Assert.True(minister.Observed);
        Assert.Equal("Министр Тестов должен уйти.", Assert.Single(minister.Posts).Excerpt);
        Assert.Equal(["C", "B", "A"], board.Today.Ranking.Select(s => s.Hypothesis.Id));
    }

    [Fact]
    public void AClaimIndicatorCountsTheLifecycleEventsOfMatchingClaimsInItsWindow()
    {
        var origin = Id(_archive, "blog_a_fict/23");
        var walkBack = Id(_archive, "blog_b_fict/31");
        _archive.ReplaceClaims(
        [
            new Claim(origin, "Министерство готовит список блогеров для преследования.", "ru",
                [new ClaimMember(origin, 0, At(14, 7), ClaimRole.Origin), new ClaimMember(walkBack, 0, At(15, 9), ClaimRole.WalkBack)],
                [new LifecycleEvent(LifecycleEventKind.Made, At(14, 7), origin, "made"), new LifecycleEvent(LifecycleEventKind.WalkedBack, At(15, 9), walkBack, "walked back")],
                ClaimStatus.WalkedBack) { KeyTerms = ["списк", "блогер"] },
        ]);
        var board = Board("""
            indicator walked claim 2d | A list claim is walked back
              terms: списк*
              status: walked-back
              marks: A N; B I; C C
            indicator any claim 2d | A list claim circulates
              terms: список
              marks: A N; B N; C C
            indicator other claim 2d | Another claim circulates
              terms: ядерн*
              marks: A C; B N; C N
            """);

        Assert.True(board.Today.Finding("walked").Observed);
        Assert.Equal([walkBack], board.Today.Finding("walked").PostIds);
        Assert.Contains("#" + origin, board.Today.Finding("walked").Detail);
        Assert.False(board.Previous.Finding("walked").Observed);
        Assert.Equal([origin, walkBack], board.Today.Finding("any").PostIds);
        Assert.False(board.Today.Finding("other").Observed);
    }

    [Fact]
    public void ASourceIndicatorWatchesItsChannelsAndNamesThoseNotArchived()
    {
        var board = Board("""
            indicator beta-any source 1d | Beta posts at all
              channels: beta_fict @missing_fict
              threshold: 2
              marks: A C; B N; C N
            indicator beta-nuclear source 1d | Beta speaks of nuclear matters
              channels: t.me/beta_fict alpha_fict
              terms: ядерн*
              threshold: 2
              marks: A C; B N; C N
            """);

        Assert.True(board.Today.Finding("beta-any").Observed);
        Assert.Equal([Id(_archive, "beta_fict/10"), Id(_archive, "beta_fict/11")], board.Today.Finding("beta-any").PostIds);
        Assert.Equal(2, board.Today.Finding("beta-nuclear").Count);
        Assert.Contains(board.Notes, n => n.Contains("@missing_fict is not in the archive", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameArchiveFileAndDayGiveTheSameBoard()
    {
        const string Body = Nuclear + Generals + """
            indicator beta-any source 1d | Beta posts at all
              channels: beta_fict
              marks: A C; B N; C N
            """;
        static string Render(ScenarioBoard b) => string.Join("\n",
            b.Today.Ranking.Select(s => $"{s.Rank} {s.Hypothesis.Id} {s.Inconsistency} {s.Consistency}")
                .Concat(b.Today.Findings.Select(f => $"{f.Item.Id} {f.Observed} {f.Count} {string.Join(",", f.PostIds)} {string.Join(",", f.Posts.Select(p => p.PostId + p.Excerpt))} {f.Detail}")));

        Assert.Equal(Render(Board(Body)), Render(Board(Body)));
    }
}
