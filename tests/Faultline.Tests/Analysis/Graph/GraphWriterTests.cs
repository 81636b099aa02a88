using System.Text;
using System.Xml.Linq;
using Faultline.Analysis;
using Faultline.Analysis.Graph;

namespace Faultline.Tests.Analysis.Graph;

public class GraphWriterTests
{
    private static AmplificationGraph Graph() { var s = AmplificationGraphTests.TwoDays(); return AmplificationGraph.Build(s.Posts, s.Edges); }

    private static AmplificationGraph NastyTitles()
    {
        var posts = new[]
        {
            new AnalysisPost(1, 21, "1", Some.Day, "a", "ru") { SourceTitle = "Военкор \"Восток\" <fict> & Co 🇷🇺" },
            new AnalysisPost(2, 22, "2", Some.Day.AddMinutes(1), "a", "ru") { SourceTitle = "Эхо, \"фронта\"\nвторая строка 💥" },
            new AnalysisPost(3, 23, "3", Some.Day.AddMinutes(2), "a", "ru") { SourceTitle = "bad\u0001control\uD800" },
        };
        return AmplificationGraph.Build(posts, [new PostEdge(1, 2, EdgeKind.Copy, 0.9), new PostEdge(1, 3, EdgeKind.Echo, 0.6)]);
    }

    private static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void GexfReadsBackWithNodesLabelsWeightsAndKinds()
    {
        var graph = Graph();
        var originality = new Dictionary<long, double> { [1] = 0.8, [2] = 0.25 };

        var doc = XDocument.Load(new MemoryStream(Bytes(s => GexfWriter.Write(graph, s, originality))));

        XNamespace g = GexfWriter.Namespace;
        Assert.Equal("1.3", doc.Root!.Attribute("version")!.Value);
        var graphElement = doc.Root.Element(g + "graph")!;
        Assert.Equal("directed", graphElement.Attribute("defaultedgetype")!.Value);
        var nodes = graphElement.Element(g + "nodes")!.Elements(g + "node").ToArray();
        Assert.Equal(["1", "2", "3", "4"], nodes.Select(n => n.Attribute("id")!.Value));
        Assert.Equal(graph.Nodes.Select(n => n.Label), nodes.Select(n => n.Attribute("label")!.Value));
        string? Att(XElement e, string name) => e.Element(g + "attvalues")!.Elements(g + "attvalue").SingleOrDefault(a => a.Attribute("for")!.Value == name)?.Attribute("value")!.Value;
        Assert.Equal("0.8", Att(nodes[0], "originality"));
        Assert.Null(Att(nodes[2], "originality"));
        Assert.Equal("5", Att(nodes[1], "posts"));
        Assert.Equal("Военкор \"Восток\" <fict> & Co 🇷🇺", Att(nodes[1], "title"));
        var declared = graphElement.Elements(g + "attributes").SelectMany(a => a.Elements(g + "attribute")).Select(a => a.Attribute("id")!.Value).ToHashSet();
        Assert.All(nodes.Concat(graphElement.Descendants(g + "edge")).SelectMany(e => e.Descendants(g + "attvalue")), v => Assert.Contains(v.Attribute("for")!.Value, declared));
        var edges = graphElement.Element(g + "edges")!.Elements(g + "edge").ToArray();
        Assert.Equal([("1", "2", "3"), ("1", "3", "2"), ("2", "4", "2")], edges.Select(e => (e.Attribute("source")!.Value, e.Attribute("target")!.Value, e.Attribute("weight")!.Value)));
        Assert.Equal(("2", "1", "forward,copy"), (Att(edges[0], "forwards"), Att(edges[0], "copies"), Att(edges[0], "kinds")));
        Assert.Equal("1", Att(edges[1], "cites"));
    }

    [Fact]
    public void GraphMlReadsBackWithKeysLabelsAndWeights()
    {
        var graph = Graph();

        var doc = XDocument.Load(new MemoryStream(Bytes(s => GraphMlWriter.Write(graph, s))));

        XNamespace g = GraphMlWriter.Namespace;
        var keys = doc.Root!.Elements(g + "key").ToDictionary(k => k.Attribute("id")!.Value, k => (For: k.Attribute("for")!.Value, Name: k.Attribute("attr.name")!.Value));
        Assert.Equal(("node", "label"), keys["label"]);
        Assert.Equal(("edge", "weight"), keys["weight"]);
        Assert.False(keys.ContainsKey("originality"));
        var graphElement = doc.Root.Element(g + "graph")!;
        Assert.Equal("directed", graphElement.Attribute("edgedefault")!.Value);
        string Data(XElement e, string key) => e.Elements(g + "data").Single(d => d.Attribute("key")!.Value == key).Value;
        var nodes = graphElement.Elements(g + "node").ToArray();
        Assert.Equal(graph.Nodes.Select(n => n.Label), nodes.Select(n => Data(n, "label")));
        var edges = graphElement.Elements(g + "edge").ToArray();
        Assert.Equal([("n1", "n2", "3"), ("n1", "n3", "2"), ("n2", "n4", "2")], edges.Select(e => (e.Attribute("source")!.Value, e.Attribute("target")!.Value, Data(e, "weight"))));
        Assert.Equal(("1", "1", "echo,cites"), (Data(edges[1], "echoes"), Data(edges[1], "cites"), Data(edges[1], "kinds")));
        Assert.All(doc.Descendants(g + "data"), d => Assert.Contains(d.Attribute("key")!.Value, keys.Keys));
    }

    [Fact]
    public void QuotesAnglesAmpersandsCyrillicAndEmojiSurviveBothXmlFormats()
    {
        var graph = NastyTitles();

        var gexf = XDocument.Load(new MemoryStream(Bytes(s => GexfWriter.Write(graph, s))));
        var graphMl = XDocument.Load(new MemoryStream(Bytes(s => GraphMlWriter.Write(graph, s))));

        XNamespace g = GexfWriter.Namespace, m = GraphMlWriter.Namespace;
        var gexfLabels = gexf.Descendants(g + "node").Select(n => n.Attribute("label")!.Value).ToArray();
        var graphMlLabels = graphMl.Descendants(m + "node").Select(n => n.Elements(m + "data").First(d => d.Attribute("key")!.Value == "label").Value).ToArray();
        Assert.Equal("Военкор \"Восток\" <fict> & Co 🇷🇺", gexfLabels[0]);
        Assert.Equal("Эхо, \"фронта\"\nвторая строка 💥", gexfLabels[1]);
        // Characters XML cannot carry become U+FFFD instead of breaking the file.
        Assert.Equal("bad\uFFFDcontrol\uFFFD", gexfLabels[2]);
        Assert.Equal(gexfLabels, graphMlLabels);
        var bytes = Bytes(s => GexfWriter.Write(graph, s));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        Assert.Contains("Военкор", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void CsvEdgeListRoundTrips()
    {
        foreach (var graph in new[] { Graph(), NastyTitles() })
        {
            var text = Encoding.UTF8.GetString(Bytes(s => CsvEdgeWriter.Write(graph, s)));

            var rows = ParseCsv(text);

            Assert.Equal(CsvEdgeWriter.Header.Split(','), rows[0]);
            var labels = graph.Nodes.ToDictionary(n => n.SourceId, n => n.Label);
            var expected = graph.Edges.Select(e => new[]
            {
                labels[e.Source], labels[e.Target], $"{e.Weight}", $"{e.Forwards}", $"{e.Copies}", $"{e.Echoes}", $"{e.Cites}", $"{e.Attributions}",
            }).ToArray();
            Assert.Equal(expected, rows.Skip(1).ToArray());
        }
    }

    /// <summary>A strict RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes).</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else field.Append(c);
        }
        Assert.False(quoted, "unterminated quote");
        Assert.Empty(row);
        return rows;
    }
}
