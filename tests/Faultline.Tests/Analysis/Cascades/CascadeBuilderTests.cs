using Faultline.Analysis;
using Faultline.Analysis.Cascades;

namespace Faultline.Tests.Analysis.Cascades;

public class CascadeBuilderTests
{
    [Fact]
    public void ForwardCopyAndEchoJoinTheOriginsCascade()
    {
        var s = new Spread();
        var origin = s.Post(1, 0);
        var forward = s.Post(2, 2);
        var copy = s.Post(3, 5);
        var echo = s.Post(4, 30);
        var unrelated = s.Post(5, 10);
        s.Edge(origin, forward, EdgeKind.Forward).Edge(origin, copy, EdgeKind.Copy, 0.9).Edge(copy, echo, EdgeKind.Echo, 0.7);

        var cascade = Assert.Single(CascadeBuilder.Build(s.Posts, s.Edges));

        Assert.Equal(origin, cascade.Id);
        Assert.Equal([origin, forward, copy, echo], cascade.Members.Select(m => m.PostId));
        Assert.DoesNotContain(unrelated, cascade.Members.Select(m => m.PostId));
        Assert.Equal(4, cascade.Channels);
        Assert.Equal(EdgeKindSet.Forward | EdgeKindSet.Copy | EdgeKindSet.Echo, cascade.Kinds);
        Assert.Equal(3, cascade.Edges);
        Assert.Equal(ParentReason.Origin, cascade.Origin.Reason);
        Assert.Null(cascade.Origin.ParentPostId);
        var f = cascade.Members[1];
        Assert.Equal((origin, ParentReason.Forward, TimeSpan.FromMinutes(2)), (f.ParentPostId!.Value, f.Reason, f.LagBehindParent));
        var e = cascade.Members[3];
        Assert.Equal((origin, ParentReason.Fallback), (e.ParentPostId!.Value, e.Reason));
        Assert.Equal(TimeSpan.FromMinutes(30), e.LagBehindOrigin);
        Assert.Equal(TimeSpan.FromMinutes(30), cascade.Duration);
    }

    [Fact]
    public void ForwardParentIsTheForwardedMemberNotTheOrigin()
    {
        var s = new Spread();
        var origin = s.Post(1, 0);
        var copy = s.Post(2, 3);
        var forwardOfCopy = s.Post(3, 9);
        s.Edge(origin, copy, EdgeKind.Copy, 0.95).Edge(copy, forwardOfCopy, EdgeKind.Forward);

        var member = CascadeBuilder.Build(s.Posts, s.Edges).Single().Members[2];

        Assert.Equal((copy, ParentReason.Forward), (member.ParentPostId!.Value, member.Reason));
        Assert.Equal(TimeSpan.FromMinutes(6), member.LagBehindParent);
        Assert.Equal(TimeSpan.FromMinutes(9), member.LagBehindOrigin);
    }

    [Fact]
    public void HabitualEchoerGetsTheChannelItEchoesAsParent()
    {
        var s = new Spread();
        // Earlier days: channel 4 retells channel 2 three times.
        for (var day = 0; day < 3; day++)
        {
            var fromTwo = s.Post(2, day * 1440);
            var retold = s.Post(4, day * 1440 + 20);
            s.Edge(fromTwo, retold, EdgeKind.Echo, 0.6);
        }
        // Today: channel 1 breaks the story, channel 2 copies it, then 4 and a newcomer 5 echo it (both linked to the origin only).
        var t = 5 * 1440;
        var origin = s.Post(1, t);
        var two = s.Post(2, t + 4);
        var four = s.Post(4, t + 25);
        var five = s.Post(5, t + 26);
        s.Edge(origin, two, EdgeKind.Copy, 0.9).Edge(origin, four, EdgeKind.Echo, 0.6).Edge(origin, five, EdgeKind.Echo, 0.6);

        var today = CascadeBuilder.Build(s.Posts, s.Edges).Single(c => c.Id == origin);

        var habitual = today.Members.Single(m => m.PostId == four);
        Assert.Equal((two, 2L, ParentReason.Habit), (habitual.ParentPostId!.Value, habitual.ParentSourceId!.Value, habitual.Reason));
        Assert.Equal(TimeSpan.FromMinutes(21), habitual.LagBehindParent);
        var newcomer = today.Members.Single(m => m.PostId == five);
        Assert.Equal((origin, ParentReason.Fallback), (newcomer.ParentPostId!.Value, newcomer.Reason));
    }

    [Fact]
    public void ParentChoiceUsesOnlyHistoryFromBeforeThePost()
    {
        var s = new Spread();
        var origin = s.Post(1, 0);
        var two = s.Post(2, 4);
        var four = s.Post(4, 25);
        s.Edge(origin, two, EdgeKind.Copy, 0.9).Edge(origin, four, EdgeKind.Echo, 0.6);
        // Only on later days does 4 start echoing 2.
        for (var day = 1; day <= 3; day++)
        {
            var fromTwo = s.Post(2, day * 1440);
            s.Edge(fromTwo, s.Post(4, day * 1440 + 20), EdgeKind.Echo, 0.6);
        }

        var first = CascadeBuilder.Build(s.Posts, s.Edges).Single(c => c.Id == origin);

        Assert.Equal(ParentReason.Fallback, first.Members.Single(m => m.PostId == four).Reason);
    }

    [Fact]
    public void TimeTo50And90CountMembersFromTheOrigin()
    {
        var s = new Spread();
        var origin = s.Post(1, 0);
        int[] minutes = [1, 2, 3, 5, 8, 13, 21, 34, 55];
        foreach (var minute in minutes) s.Edge(origin, s.Post(2 + minute % 5, minute), EdgeKind.Copy, 0.9);

        var cascade = CascadeBuilder.Build(s.Posts, s.Edges).Single();

        Assert.Equal(10, cascade.Size);
        // 5th of 10 members posted at minute 5, the 9th at minute 34.
        Assert.Equal(TimeSpan.FromMinutes(5), cascade.TimeTo50);
        Assert.Equal(TimeSpan.FromMinutes(34), cascade.TimeTo90);
        Assert.Equal(TimeSpan.FromMinutes(55), cascade.Duration);
    }

    [Fact]
    public void ReachSumsTheViewsThatAreKnown()
    {
        var s = new Spread();
        var origin = s.Post(1, 0, views: 120_000);
        s.Edge(origin, s.Post(2, 1, views: 30_500), EdgeKind.Forward);
        s.Edge(origin, s.Post(3, 2), EdgeKind.Copy, 0.85);
        s.Edge(origin, s.Post(4, 3, views: 4_200), EdgeKind.Copy, 0.85);

        var cascade = CascadeBuilder.Build(s.Posts, s.Edges).Single();

        Assert.Equal(154_700, cascade.Reach);
        Assert.Equal(3, cascade.MembersWithViews);
    }

    [Fact]
    public void ChainOfEchoesStopsAtTheSpanLimitInsteadOfGrowingIntoOneGiantCascade()
    {
        var s = new Spread();
        // A story retold every 2 hours for 10 days, each retelling similar only to the previous one.
        long previous = s.Post(1, 0);
        for (var i = 1; i < 120; i++)
        {
            var next = s.Post(1 + i % 6, i * 120);
            s.Edge(previous, next, EdgeKind.Echo, 0.6);
            previous = next;
        }

        var cascades = CascadeBuilder.Build(s.Posts, s.Edges);

        Assert.True(cascades.Count >= 4, $"{cascades.Count} cascades");
        Assert.All(cascades, c => Assert.True(c.Duration <= TimeSpan.FromDays(3), $"cascade {c.Id} spans {c.Duration}"));
        Assert.True(cascades.Max(c => c.Size) <= 37, $"largest {cascades.Max(c => c.Size)}");
    }

    [Fact]
    public void WeakEchoesBelowTheScoreThresholdJoinNothing()
    {
        var s = new Spread();
        long previous = s.Post(1, 0);
        for (var i = 1; i < 50; i++)
        {
            var next = s.Post(1 + i % 6, i * 3);
            s.Edge(previous, next, EdgeKind.Echo, 0.3);
            previous = next;
        }

        Assert.Empty(CascadeBuilder.Build(s.Posts, s.Edges));
        Assert.Single(CascadeBuilder.Build(s.Posts, s.Edges, new CascadeOptions { MinEchoScore = 0.25 }));
    }

    [Fact]
    public void OneEchoDoesNotBridgeTwoEstablishedCascades()
    {
        var s = new Spread();
        var storyA = s.Post(1, 0);
        var copyA = s.Post(2, 3);
        var storyB = s.Post(3, 10);
        var copyB = s.Post(4, 12);
        var lone = s.Post(5, 40);
        s.Edge(storyA, copyA, EdgeKind.Copy, 0.9).Edge(storyB, copyB, EdgeKind.Copy, 0.9)
            .Edge(copyA, storyB, EdgeKind.Echo, 0.9)   // would merge two cascades: refused
            .Edge(copyB, lone, EdgeKind.Echo, 0.55);   // attaches a lone post: admitted

        var cascades = CascadeBuilder.Build(s.Posts, s.Edges);

        Assert.Equal(2, cascades.Count);
        Assert.Equal([storyA, copyA], cascades[0].Members.Select(m => m.PostId));
        Assert.Equal([storyB, copyB, lone], cascades[1].Members.Select(m => m.PostId));
        Assert.Equal(EdgeKindSet.Copy | EdgeKindSet.Echo, cascades[1].Kinds);
    }

    [Fact]
    public void CitationsJoinByDefaultAndCanBeLeftOut()
    {
        var s = new Spread();
        var origin = s.Post(1, 0);
        var citing = s.Post(2, 15);
        var attributing = s.Post(3, 20);
        s.Edge(origin, citing, EdgeKind.Cites).Edge(origin, attributing, EdgeKind.Attribution);

        Assert.Equal(3, CascadeBuilder.Build(s.Posts, s.Edges).Single().Size);
        Assert.Equal(2, CascadeBuilder.Build(s.Posts, s.Edges, new CascadeOptions { IncludeCites = false }).Single().Size);
        Assert.Empty(CascadeBuilder.Build(s.Posts, s.Edges, new CascadeOptions { IncludeCites = false, IncludeAttributions = false }));
    }

    [Fact]
    public void InputOrderDoesNotChangeTheCascades()
    {
        var s = new Spread();
        var random = new Random(1700);
        for (var i = 0; i < 300; i++) s.Post(1 + random.Next(8), random.Next(0, 3 * 1440));
        for (var i = 0; i < 400; i++)
        {
            var (a, b) = (1 + random.Next(300), 1 + random.Next(300));
            if (s[a].Published > s[b].Published) (a, b) = (b, a);
            s.Edge(a, b, (EdgeKind)random.Next(5), Math.Round(random.NextDouble(), 2));
        }

        var expected = Describe(CascadeBuilder.Build(s.Posts, s.Edges));
        var shuffled = Describe(CascadeBuilder.Build(s.Posts.OrderBy(_ => random.Next()).ToArray(), s.Edges.AsEnumerable().Reverse().ToArray()));

        Assert.True(expected.Length > 10);
        Assert.Equal(expected, shuffled);

        static string[] Describe(IReadOnlyList<Cascade> cascades)
            => cascades.Select(c => string.Join(' ', c.Members.Select(m => $"{m.PostId}<{m.ParentPostId}"))).ToArray();
    }
}
