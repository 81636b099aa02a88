using System.Xml;
using static Faultline.Analysis.Graph.GraphWriting;

namespace Faultline.Analysis.Graph;

/// <summary>
/// Writes the graph as GraphML (directed) with keys label, handle, title, posts, originality (when given) on nodes
/// and label, weight, forwards, copies, echoes, cites, attributions, kinds on edges; Gephi, yEd and networkx read it.
/// </summary>
internal static class GraphMlWriter
{
    /// <summary>The GraphML namespace.</summary>
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    /// <summary>Writes <paramref name="graph"/> to <paramref name="output"/> (UTF-8, left open).</summary>
    public static void Write(AmplificationGraph graph, Stream output, IReadOnlyDictionary<long, double>? originality = null)
    {
        using var xml = XmlWriter.Create(output, Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Namespace);
        Key(xml, "label", "node", "label", "string");
        Key(xml, "handle", "node", "handle", "string");
        Key(xml, "title", "node", "title", "string");
        Key(xml, "posts", "node", "posts", "int");
        if (originality is not null) Key(xml, "originality", "node", "originality", "double");
        Key(xml, "elabel", "edge", "label", "string");
        Key(xml, "weight", "edge", "weight", "double");
        foreach (var name in GexfWriter.EdgeAttributes) Key(xml, name, "edge", name, name == "kinds" ? "string" : "int");

        xml.WriteStartElement("graph");
        xml.WriteAttributeString("id", "amplification");
        xml.WriteAttributeString("edgedefault", "directed");
        foreach (var node in graph.Nodes)
        {
            xml.WriteStartElement("node");
            xml.WriteAttributeString("id", "n" + Number(node.SourceId));
            Data(xml, "label", Safe(node.Label));
            if (node.Handle is not null) Data(xml, "handle", Safe(node.Handle));
            if (node.Title is not null) Data(xml, "title", Safe(node.Title));
            Data(xml, "posts", Number(node.Posts));
            if (originality is not null && originality.TryGetValue(node.SourceId, out var score)) Data(xml, "originality", Number(score));
            xml.WriteEndElement();
        }
        var id = 0;
        foreach (var edge in graph.Edges)
        {
            xml.WriteStartElement("edge");
            xml.WriteAttributeString("id", "e" + Number(id++));
            xml.WriteAttributeString("source", "n" + Number(edge.Source));
            xml.WriteAttributeString("target", "n" + Number(edge.Target));
            Data(xml, "elabel", Kinds(edge));
            Data(xml, "weight", Number(edge.Weight));
            Data(xml, "forwards", Number(edge.Forwards));
            Data(xml, "copies", Number(edge.Copies));
            Data(xml, "echoes", Number(edge.Echoes));
            Data(xml, "cites", Number(edge.Cites));
            Data(xml, "attributions", Number(edge.Attributions));
            Data(xml, "kinds", Kinds(edge));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Key(XmlWriter xml, string id, string domain, string name, string type)
    {
        xml.WriteStartElement("key");
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("for", domain);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data");
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
