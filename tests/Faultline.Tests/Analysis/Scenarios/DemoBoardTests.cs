using Faultline.Analysis.Actors;
using Faultline.Analysis.Scenarios;
using static Faultline.Tests.Analysis.Scenarios.ScenarioArchives;

namespace Faultline.Tests.Analysis.Scenarios;

/// <summary>The shipped scenario file over the demo samples: the milblogger's accusation (October 14) and walk-back (October 15).</summary>
public sealed class DemoBoardTests(DemoSamplesArchive demo) : IClassFixture<DemoSamplesArchive>
{
    private static readonly DateOnly Oct15 = new(2022, 10, 15);

    private ScenarioBoard Board(DateOnly date) => new ScenarioEvaluator(demo.Archive, ActorRegistry.Default).Evaluate(ScenarioFile.Load(ShippedFile), date);

    [Fact]
    public void OnTheWalkBackDayTheBlameIndicatorsAreObservedWithCitedPosts()
    {
        var board = Board(Oct15);

        var observed = board.Today.Findings.Where(f => f.Observed).Select(f => f.Item.Id).ToList();
        foreach (var id in new[] { "generals-blamed", "milbloggers-turn-on-mod", "crackdown-claim-walked-back", "milbloggers-claim-victory", "walk-back-read" })
            Assert.Contains(id, observed);
        Assert.DoesNotContain("nuclear-talk", observed);
        Assert.DoesNotContain("general-mobilization", observed);
        foreach (var f in board.Today.Findings.Where(f => f.Observed))
        {
            Assert.NotEmpty(f.Posts);
            Assert.True(f.Count >= f.Posts.Count);
            Assert.All(f.Posts, p => Assert.Contains(p.PostId, f.PostIds));
        }
    }

    [Fact]
    public void TheWalkBackIndicatorCitesTheMilbloggersOwnRetraction()
    {
        var board = Board(Oct15);

        var walkBack = board.Today.Finding("crackdown-claim-walked-back");
        Assert.Contains(Id(demo.Archive, "severny_rubezh_fict/4111"), walkBack.PostIds);
        var first = walkBack.Posts[0];
        Assert.Equal("@severny_rubezh_fict/4111", first.Reference);
        Assert.Equal("https://t.me/severny_rubezh_fict/4111", first.Url);
        Assert.Equal("Списков больше нет.", first.Excerpt);
        Assert.Contains("crackdown-claim-walked-back", board.Change.NewlyObserved);
        Assert.False(board.Previous.Finding("crackdown-claim-walked-back").Observed);
    }

    [Fact]
    public void WithdrawalWithBlameRanksFirstWithNothingAgainstIt()
    {
        var board = Board(Oct15);

        var first = board.Today.Ranking[0];
        Assert.Equal("H3", first.Hypothesis.Id);
        Assert.Equal(0, first.Inconsistency);
        Assert.Contains(first.For, c => c.ItemId == "milbloggers-turn-on-mod" && c.Mark == Mark.StronglyConsistent);
        Assert.Contains(board.Today.Score("H2").Against, c => c.ItemId == "crackdown-claim-walked-back");
        Assert.Equal(0, board.DiagnosticityOf("mobilization-talk").Spread);
    }

    [Fact]
    public void EveryExcerptIsVerbatimFromTheCitedPostsCurrentVersion()
    {
        var keys = demo.Archive.Sources().ToDictionary(s => s.Id, s => s.Info.Key);
        foreach (var day in new[] { new DateOnly(2022, 10, 14), Oct15, new DateOnly(2022, 10, 16) })
        {
            var board = Board(day);
            foreach (var post in board.Today.Findings.Concat(board.Previous.Findings).SelectMany(f => f.Posts))
            {
                Assert.NotNull(post.Excerpt);
                var stored = demo.Archive.AnalysisPostsById([post.PostId]).Single();
                var current = demo.Archive.FindPost(keys[stored.SourceId], stored.NativeId)!;
                Assert.Contains(post.Excerpt!, current.Post.Text, StringComparison.Ordinal);
                Assert.True(post.Excerpt!.Length <= Excerpts.MaxLength);
            }
        }
    }

    [Fact]
    public void TheStanceIndicatorComparesTheWindowWithItsBackground()
    {
        var finding = Board(Oct15).Today.Finding("milbloggers-turn-on-mod");

        Assert.True(finding.Observed);
        Assert.True(finding.Change >= 0.3);
        Assert.Contains("net criticism milbloggers → mod-establishment", finding.Detail);
        Assert.Contains(Id(demo.Archive, "severny_rubezh_fict/4107"), finding.PostIds);
    }
}
