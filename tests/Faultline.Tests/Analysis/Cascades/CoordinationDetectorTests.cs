using Faultline.Analysis;
using Faultline.Analysis.Cascades;

namespace Faultline.Tests.Analysis.Cascades;

public class CoordinationDetectorTests
{
    /// <summary>Channels 6, 7, 8 post the same text within two minutes of channel 5, in <paramref name="times"/> stories.</summary>
    private static Spread SameTextTogether(int times, double spreadMinutes = 2)
    {
        var s = new Spread();
        for (var story = 0; story < 6; story++)
        {
            var t = story * 1440;
            var origin = s.Post(5, t);
            // Every story is picked up by channel 1 by copy an hour later: it never co-posts within the window.
            s.Edge(origin, s.Post(1, t + 60), EdgeKind.Copy, 0.9);
            if (story >= times) continue;
            for (var k = 0; k < 3; k++) s.Edge(origin, s.Post(6 + k, t + 10 + k * spreadMinutes / 2), EdgeKind.Copy, 0.92);
        }
        return s;
    }

    [Fact]
    public void ThreeChannelsPostingTheSameTextTogetherInThreeCascadesAreFlagged()
    {
        var s = SameTextTogether(3);

        var report = CoordinationDetector.Detect(CascadeBuilder.Build(s.Posts, s.Edges), s.Edges);

        Assert.Equal([(6L, 7L), (6L, 8L), (7L, 8L)], report.Pairs.Select(p => (p.SourceA, p.SourceB)).Order());
        Assert.All(report.Pairs, p => Assert.Equal(3, p.CascadeIds.Count));
        var group = Assert.Single(report.Groups);
        Assert.Equal([6L, 7L, 8L], group.SourceIds);
        Assert.Equal(3, group.JointCascadeIds.Count);
        Assert.Equal(group.CascadeIds, group.JointCascadeIds);
    }

    [Fact]
    public void TwiceIsNotAPattern()
    {
        var s = SameTextTogether(2);

        var report = CoordinationDetector.Detect(CascadeBuilder.Build(s.Posts, s.Edges), s.Edges);

        Assert.Empty(report.Pairs);
        Assert.Empty(report.Groups);
    }

    [Fact]
    public void SameTextOutsideTheWindowIsNotCoordination()
    {
        var s = SameTextTogether(4, spreadMinutes: 12);

        var report = CoordinationDetector.Detect(CascadeBuilder.Build(s.Posts, s.Edges), s.Edges);

        // 6 and 7 (and 7 and 8) are 6 minutes apart, 6 and 8 twelve: nothing within 5 minutes.
        Assert.Empty(report.Pairs);
        var wider = CoordinationDetector.Detect(CascadeBuilder.Build(s.Posts, s.Edges), s.Edges, new CoordinationOptions { Window = TimeSpan.FromMinutes(6) });
        Assert.Equal([(6L, 7L), (7L, 8L)], wider.Pairs.Select(p => (p.SourceA, p.SourceB)).Order());
        // A chain 6–7–8 is two groups of two, not a group of three.
        Assert.Equal(2, wider.Groups.Count);
        Assert.All(wider.Groups, g => Assert.Equal(2, g.SourceIds.Count));
    }
}
