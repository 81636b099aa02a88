using System.Globalization;
using System.Xml.Linq;

namespace Faultline.Assessment.Charts;

/// <summary>
/// What the report's charts share: SVG elements built with <see cref="XElement"/> (so text is always escaped and the
/// markup always well formed), compact numbers, and a palette.
/// </summary>
/// <remarks>
/// Why hand-rolled rather than ScottPlot's SVG export (which works headless here): ScottPlot writes an XML declaration
/// and numbered clip-path ids ("cl_4") that clash when several charts sit inline in one HTML page, where ids are
/// global; it names an installed font family; and a 90-day chart comes out at ~70 KB. These charts use no ids, no
/// external resources and the generic "sans-serif" family, and stay a few KB each, so a report keeps well under 2 MB.
/// </remarks>
internal static class Svg
{
    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Category10 colours (d3), readable on white and in greyscale print as distinct lines.</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The colour of the <paramref name="i"/>-th series.</summary>
    public static string Colour(int i) => Palette[i % Palette.Count];

    /// <summary>The root element: a fixed view box that scales to the page width, a title for screen readers.</summary>
    public static XElement Root(int width, int height, string title) =>
        new(Ns + "svg",
            new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("width", width),
            new XAttribute("height", height),
            new XAttribute("role", "img"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", 11),
            new XElement(Ns + "title", title),
            new XElement(Ns + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "#fff")));

    /// <summary>An element in the SVG namespace with attributes given as name/value pairs (null values are left out).</summary>
    public static XElement El(string name, params (string Name, object? Value)[] attributes)
    {
        var element = new XElement(Ns + name);
        foreach (var (n, v) in attributes)
            if (v is not null) element.SetAttributeValue(n, v is double d ? N(d) : v);
        return element;
    }

    /// <summary>A text label.</summary>
    public static XElement Text(double x, double y, string text, string anchor = "start", string? fill = null, double? size = null, double? rotate = null)
    {
        var element = El("text", ("x", x), ("y", y), ("text-anchor", anchor == "start" ? null : anchor), ("fill", fill),
            ("font-size", size), ("transform", rotate is { } r ? $"rotate({N(r)} {N(x)} {N(y)})" : null));
        element.Value = text;
        return element;
    }

    /// <summary>A number with at most one decimal, invariant culture ("12.5", "-3", "0").</summary>
    public static string N(double value)
    {
        var rounded = Math.Round(value, 1);
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>The finished markup, without indentation (charts are inlined and every byte counts at scale).</summary>
    public static string Write(XElement root) => root.ToString(SaveOptions.DisableFormatting);

    /// <summary>An approximate width of a label in pixels (for legend layout; no font metrics are available).</summary>
    public static double TextWidth(string text, double size = 11) => text.Length * size * 0.58;

    /// <summary>A label shortened to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--; // never split a surrogate pair: XML cannot hold half of one
        return text[..cut].TrimEnd() + "…";
    }
}
