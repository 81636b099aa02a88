using Faultline.Analysis;
using Faultline.Analysis.Graph;

namespace Faultline.Tests.Analysis.Graph;

public class AmplificationGraphTests
{
    /// <summary>Channel 1 is amplified by 2 (forwards, a copy) and 3 (an echo, a citation); 2 by 4 on the next day.</summary>
    internal static Spread TwoDays()
    {
        var s = new Spread();
        var a = s.Post(1, 0);
        s.Edge(a, s.Post(2, 1), EdgeKind.Forward).Edge(a, s.Post(2, 2), EdgeKind.Forward).Edge(a, s.Post(2, 3), EdgeKind.Copy, 0.9);
        s.Edge(a, s.Post(3, 30), EdgeKind.Echo, 0.6).Edge(a, s.Post(3, 40), EdgeKind.Cites);
        var b = s.Post(2, 1440);
        s.Edge(b, s.Post(4, 1450), EdgeKind.Attribution).Edge(b, s.Post(4, 1460), EdgeKind.Copy, 0.88);
        s.Edge(b, s.Post(2, 1470), EdgeKind.Copy, 0.99); // a channel repeating itself: no self-loop
        return s;
    }

    [Fact]
    public void EdgesRunFromTheAmplifiedToTheAmplifierWithCountsPerKind()
    {
        var s = TwoDays();

        var graph = AmplificationGraph.Build(s.Posts, s.Edges);

        Assert.Equal([(1L, 2L, 3), (1L, 3L, 2), (2L, 4L, 2)], graph.Edges.Select(e => (e.Source, e.Target, e.Weight)));
        var first = graph.Edges[0];
        Assert.Equal((2, 1, 0, 0, 0), (first.Forwards, first.Copies, first.Echoes, first.Cites, first.Attributions));
        Assert.Equal((0, 0, 1, 1, 0), (graph.Edges[1].Forwards, graph.Edges[1].Copies, graph.Edges[1].Echoes, graph.Edges[1].Cites, graph.Edges[1].Attributions));
        Assert.Equal([2L, 3L, 4L], first.Posts.Select(p => p.Later));
        Assert.DoesNotContain(graph.Edges, e => e.Source == e.Target);
        Assert.Equal([1L, 2L, 3L, 4L], graph.Nodes.Select(n => n.SourceId));
        Assert.Equal("severny_rubezh_fict", graph.Node(1).Label);
        Assert.Equal(5, graph.Node(2).Posts);
    }

    [Fact]
    public void DateRangeFiltersOnTheLaterPost()
    {
        var s = TwoDays();
        var day2 = Some.Day.AddDays(1);

        var first = AmplificationGraph.Build(s.Posts, s.Edges, to: day2);
        var second = AmplificationGraph.Build(s.Posts, s.Edges, from: day2);
        var window = AmplificationGraph.Build(s.Posts, s.Edges, from: Some.Day.AddMinutes(2), to: Some.Day.AddMinutes(35));

        Assert.Equal([(1L, 2L), (1L, 3L)], first.Edges.Select(e => (e.Source, e.Target)));
        Assert.Equal([(2L, 4L)], second.Edges.Select(e => (e.Source, e.Target)));
        Assert.Equal((2, 2), (second.Node(2).Posts, second.Node(4).Posts)); // channel 2: its day-2 post and the self-copy
        Assert.DoesNotContain(second.Nodes, n => n.SourceId == 3);
        // Forward at minute 2 and copy at 3 are in; the forward at minute 1 and the citation at 40 are out.
        Assert.Equal([(1L, 2L, 1, 1, 0, 2), (1L, 3L, 0, 0, 1, 1)],
            window.Edges.Select(e => (e.Source, e.Target, e.Forwards, e.Copies, e.Echoes, e.Weight)));
    }

    [Fact]
    public void ClashingLabelsAreMadeUnique()
    {
        var posts = new[]
        {
            new AnalysisPost(1, 10, "1", Some.Day, "a", "ru") { SourceTitle = "Новости (fictional)" },
            new AnalysisPost(2, 11, "2", Some.Day.AddMinutes(1), "a", "ru") { SourceTitle = "Новости (fictional)" },
            new AnalysisPost(3, 12, "3", Some.Day.AddMinutes(2), "a", "ru"),
        };

        var graph = AmplificationGraph.Build(posts, [new PostEdge(1, 2, EdgeKind.Copy, 0.9)]);

        Assert.Equal(["Новости (fictional) #10", "Новости (fictional) #11", "source 12"], graph.Nodes.Select(n => n.Label));
    }
}
