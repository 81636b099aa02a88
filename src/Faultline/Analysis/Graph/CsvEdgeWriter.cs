using System.Text;
using static Faultline.Analysis.Graph.GraphWriting;

namespace Faultline.Analysis.Graph;

/// <summary>
/// Writes the edge list as CSV (RFC 4180, UTF-8, LF line ends): source,target,weight,forwards,copies,echoes,cites,attributions,
/// with source and target as the nodes' unique labels (Gephi's spreadsheet import takes them as node ids and labels).
/// </summary>
internal static class CsvEdgeWriter
{
    /// <summary>The header row.</summary>
    public const string Header = "source,target,weight,forwards,copies,echoes,cites,attributions";

    /// <summary>Writes the edges of <paramref name="graph"/> to <paramref name="output"/> (left open).</summary>
    public static void Write(AmplificationGraph graph, Stream output)
    {
        var labels = graph.Nodes.ToDictionary(n => n.SourceId, n => n.Label);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Header);
        foreach (var edge in graph.Edges)
        {
            writer.Write(Field(labels[edge.Source]));
            writer.Write(',');
            writer.Write(Field(labels[edge.Target]));
            foreach (var count in new[] { edge.Weight, edge.Forwards, edge.Copies, edge.Echoes, edge.Cites, edge.Attributions })
            {
                writer.Write(',');
                writer.Write(Number(count));
            }
            writer.WriteLine();
        }
    }

    /// <summary>A field quoted when it holds a comma, quote or line break; quotes doubled. Leading =+-@ are kept: the file is data, not a formula sheet.</summary>
    internal static string Field(string value)
        => value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
