using Faultline.Analysis;
using Faultline.Analysis.Cascades;

namespace Faultline.Tests.Analysis.Cascades;

public class ChannelStatsTests
{
    /// <summary>Three stories: channel 1 breaks each, 2 forwards within minutes, 3 retells 2 an hour later.</summary>
    private static IReadOnlyList<ChannelStats> ThreeStories()
    {
        var s = new Spread();
        for (var story = 0; story < 3; story++)
        {
            var t = story * 1440;
            var origin = s.Post(1, t);
            var forward = s.Post(2, t + 2 + story);
            s.Edge(origin, forward, EdgeKind.Forward);
            s.Edge(forward, s.Post(3, t + 60), EdgeKind.Echo, 0.7);
        }
        return ChannelStats.Compute(CascadeBuilder.Build(s.Posts, s.Edges));
    }

    [Fact]
    public void ChannelThatBreaksEveryStoryIsTheMostOriginal()
    {
        var stats = ThreeStories().ToDictionary(c => c.SourceId);

        // Prior: 3 cascades over 9 channel memberships = 1/3; originality = (originated + 2/3) / (cascades + 2).
        Assert.Equal((3, 3, 0), (stats[1].Cascades, stats[1].Originated, stats[1].Joined));
        Assert.Equal((3 + 2.0 / 3) / 5, stats[1].Originality, 9);
        Assert.Equal((2.0 / 3) / 5, stats[2].Originality, 9);
        Assert.Equal(1.0, stats[1].FirstShare);
        Assert.Equal(0.0, stats[3].FirstShare);
        Assert.True(stats[1].Originality > 0.7 && stats[2].Originality < 0.2);
        Assert.Null(stats[1].MedianJoinLag);
        // Channel 2 joined after 2, 3 and 4 minutes.
        Assert.Equal(TimeSpan.FromMinutes(3), stats[2].MedianJoinLag);
        Assert.Equal(TimeSpan.FromMinutes(60), stats[3].MedianJoinLag);
    }

    [Fact]
    public void EchoLinksNameWhomAChannelEchoesAndWhoEchoesIt()
    {
        var stats = ThreeStories().ToDictionary(c => c.SourceId);

        // Channel 3 took from 2 once it had a habit of it (stories two and three; lags 57 and 56 minutes, the lower
        // middle is reported); the first time nothing told it apart, so its parent was the origin in channel 1.
        Assert.Equal([(2L, 2, TimeSpan.FromMinutes(56)), (1L, 1, TimeSpan.FromMinutes(60))],
            stats[3].Echoes.Select(l => (l.SourceId, l.Count, l.MedianLag)));
        Assert.Equal([2L, 3L], stats[1].EchoedBy.Select(l => l.SourceId).Order());
        Assert.Equal(3, stats[1].EchoedBy.Single(l => l.SourceId == 2).Count);
        Assert.Empty(stats[1].Echoes);
    }
}
