using System.Globalization;
using System.Text;
using System.Xml;

namespace Faultline.Analysis.Graph;

/// <summary>What the XML writers share: settings, safe text, invariant numbers.</summary>
internal static class GraphWriting
{
    /// <summary>UTF-8 without a byte order mark, indented; the stream stays open.</summary>
    public static XmlWriterSettings Settings { get; } = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        CloseOutput = false,
    };

    /// <summary>
    /// The text with the characters XML 1.0 cannot carry at all (control characters, lone surrogates) replaced by
    /// U+FFFD; XmlWriter escapes the rest (quotes, &lt;, &amp;) and keeps Cyrillic and emoji as they are.
    /// </summary>
    public static string Safe(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = XmlConvert.IsXmlChar(c);
            var pair = !ok && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c);
            if (ok || pair)
            {
                builder?.Append(c);
                if (pair) { builder?.Append(text[i + 1]); i++; }
                continue;
            }
            builder ??= new StringBuilder(text, 0, i, text.Length);
            builder.Append('\uFFFD');
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>Invariant round-trip text of a number.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Invariant text of an integer.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The kinds present on an edge, comma-separated, lower case ("forward,copy").</summary>
    public static string Kinds(AmplificationEdge edge)
        => string.Join(',', Enum.GetValues<EdgeKind>().Where(k => edge.Count(k) > 0).Select(k => k.ToString().ToLowerInvariant()));
}
