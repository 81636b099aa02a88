using System.Xml;
using static Faultline.Analysis.Graph.GraphWriting;

namespace Faultline.Analysis.Graph;

/// <summary>
/// Writes the graph as GEXF 1.3 (directed, static) for Gephi: node labels, node attributes handle/title/posts
/// (and originality when given), edge weights and per-kind counts. Node ids are the archive's source ids.
/// </summary>
internal static class GexfWriter
{
    /// <summary>The GEXF 1.3 namespace.</summary>
    public const string Namespace = "http://gexf.net/1.3";

    /// <summary>Writes <paramref name="graph"/> to <paramref name="output"/> (UTF-8, left open).</summary>
    public static void Write(AmplificationGraph graph, Stream output, IReadOnlyDictionary<long, double>? originality = null)
    {
        using var xml = XmlWriter.Create(output, Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("gexf", Namespace);
        xml.WriteAttributeString("version", "1.3");
        xml.WriteStartElement("meta");
        xml.WriteElementString("creator", Namespace, "Faultline");
        xml.WriteElementString("description", Namespace, Description(graph));
        xml.WriteEndElement();

        xml.WriteStartElement("graph");
        xml.WriteAttributeString("defaultedgetype", "directed");
        xml.WriteAttributeString("mode", "static");

        xml.WriteStartElement("attributes");
        xml.WriteAttributeString("class", "node");
        Attribute(xml, "handle", "string");
        Attribute(xml, "title", "string");
        Attribute(xml, "posts", "integer");
        if (originality is not null) Attribute(xml, "originality", "double");
        xml.WriteEndElement();
        xml.WriteStartElement("attributes");
        xml.WriteAttributeString("class", "edge");
        foreach (var name in EdgeAttributes) Attribute(xml, name, name == "kinds" ? "string" : "integer");
        xml.WriteEndElement();

        xml.WriteStartElement("nodes");
        foreach (var node in graph.Nodes)
        {
            xml.WriteStartElement("node");
            xml.WriteAttributeString("id", Number(node.SourceId));
            xml.WriteAttributeString("label", Safe(node.Label));
            xml.WriteStartElement("attvalues");
            if (node.Handle is not null) Value(xml, "handle", Safe(node.Handle));
            if (node.Title is not null) Value(xml, "title", Safe(node.Title));
            Value(xml, "posts", Number(node.Posts));
            if (originality is not null && originality.TryGetValue(node.SourceId, out var score)) Value(xml, "originality", Number(score));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("edges");
        var id = 0;
        foreach (var edge in graph.Edges)
        {
            xml.WriteStartElement("edge");
            xml.WriteAttributeString("id", Number(id++));
            xml.WriteAttributeString("source", Number(edge.Source));
            xml.WriteAttributeString("target", Number(edge.Target));
            xml.WriteAttributeString("weight", Number(edge.Weight));
            xml.WriteStartElement("attvalues");
            Value(xml, "forwards", Number(edge.Forwards));
            Value(xml, "copies", Number(edge.Copies));
            Value(xml, "echoes", Number(edge.Echoes));
            Value(xml, "cites", Number(edge.Cites));
            Value(xml, "attributions", Number(edge.Attributions));
            Value(xml, "kinds", Kinds(edge));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>The edge attribute ids, in the order written.</summary>
    internal static readonly string[] EdgeAttributes = ["forwards", "copies", "echoes", "cites", "attributions", "kinds"];

    private static void Attribute(XmlWriter xml, string name, string type)
    {
        xml.WriteStartElement("attribute");
        xml.WriteAttributeString("id", name);
        xml.WriteAttributeString("title", name);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static void Value(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("attvalue");
        xml.WriteAttributeString("for", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    internal static string Description(AmplificationGraph graph)
        => "Faultline amplification graph: an edge A → B means B took content from A (forwards, copies, echoes, citations, attributions)"
            + (graph.From is { } from ? $"; from {from:yyyy-MM-dd HH:mm}" : "")
            + (graph.To is { } to ? $"; to {to:yyyy-MM-dd HH:mm} (exclusive)" : "");
}
