using System.Xml.Linq;

namespace Faultline.Assessment.Charts;

/// <summary>A node of a <see cref="NetworkChart"/>.</summary>
/// <param name="Label">Shown beside the node (an @handle).</param>
/// <param name="Size">Drawn as the circle's area (posts, say).</param>
internal sealed record NetworkNode(string Label, double Size);

/// <summary>A directed, weighted link between two nodes (indexes into the node list).</summary>
/// <param name="From">The node content flowed from.</param>
/// <param name="To">The node that took it.</param>
/// <param name="Weight">Drawn as the line's width.</param>
/// <param name="Tooltip">Shown on hover ("@a → @b: 3 forwards").</param>
internal sealed record NetworkLink(int From, int To, double Weight, string Tooltip);

/// <summary>
/// A small directed graph on a circle: nodes evenly spaced clockwise from the top in the given order, links as
/// straight lines whose width grows with the weight and which end in an arrowhead at the taker. A link with a
/// partner in the other direction is drawn beside it, not over it. Meant for ten or so nodes.
/// </summary>
internal sealed class NetworkChart
{
    private const int MaxLabel = 26;

    /// <summary>What the chart shows (the SVG's title).</summary>
    public required string Title { get; init; }

    /// <summary>The nodes, in drawing order around the circle.</summary>
    public required IReadOnlyList<NetworkNode> Nodes { get; init; }

    /// <summary>The links.</summary>
    public required IReadOnlyList<NetworkLink> Links { get; init; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 400;

    /// <summary>The chart as an &lt;svg&gt; element.</summary>
    public string Render()
    {
        var root = Svg.Root(Width, Height, Title);
        var n = Nodes.Count;
        if (n == 0) return Svg.Write(root);
        double cx = Width / 2.0, cy = Height / 2.0;
        // Leave room beside the ring for the longest label, which sits outside it.
        var labelRoom = Nodes.Max(x => Svg.TextWidth(Svg.Shorten(x.Label, MaxLabel)));
        var ring = Math.Max(60, Math.Min(Height / 2.0 - 40, Width / 2.0 - 30 - labelRoom));
        var maxSize = Math.Max(1e-9, Nodes.Max(x => x.Size));
        var radius = Nodes.Select(x => 5 + 13 * Math.Sqrt(Math.Max(0, x.Size) / maxSize)).ToArray();
        var at = Enumerable.Range(0, n).Select(i =>
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * i / n;
            return (X: cx + ring * Math.Cos(angle), Y: cy + ring * Math.Sin(angle), Angle: angle);
        }).ToArray();

        var maxWeight = Math.Max(1e-9, Links.Count == 0 ? 1 : Links.Max(l => l.Weight));
        var pairs = Links.Select(l => (l.From, l.To)).ToHashSet();
        foreach (var link in Links.OrderBy(l => l.Weight))
        {
            if (link.From == link.To || link.From < 0 || link.To < 0 || link.From >= n || link.To >= n) continue;
            var (x0, y0, _) = at[link.From];
            var (x1, y1, _) = at[link.To];
            var (dx, dy) = (x1 - x0, y1 - y0);
            var length = Math.Sqrt(dx * dx + dy * dy);
            if (length < 1) continue;
            var (ux, uy) = (dx / length, dy / length);
            // Reciprocal links are shifted sideways (to the right of their direction) so both stay visible.
            var shift = pairs.Contains((link.To, link.From)) ? 4.0 : 0.0;
            var (ox, oy) = (-uy * shift, ux * shift);
            var width = 1 + 5 * link.Weight / maxWeight;
            var start = (X: x0 + ux * radius[link.From] + ox, Y: y0 + uy * radius[link.From] + oy);
            var tip = (X: x1 - ux * (radius[link.To] + 2) + ox, Y: y1 - uy * (radius[link.To] + 2) + oy);
            var head = 6 + width * 1.5;
            var baseX = tip.X - ux * head;
            var baseY = tip.Y - uy * head;
            var g = Svg.El("g", ("stroke", "#4a6fa5"), ("fill", "#4a6fa5"), ("opacity", "0.75"));
            g.Add(new XElement(Svg.Ns + "title", link.Tooltip));
            g.Add(Svg.El("path", ("d", $"M{Svg.N(start.X)} {Svg.N(start.Y)}L{Svg.N(baseX)} {Svg.N(baseY)}"), ("stroke-width", width), ("fill", "none")));
            var halfBase = head * 0.45;
            g.Add(Svg.El("path", ("d",
                $"M{Svg.N(tip.X)} {Svg.N(tip.Y)}L{Svg.N(baseX - uy * halfBase)} {Svg.N(baseY + ux * halfBase)}L{Svg.N(baseX + uy * halfBase)} {Svg.N(baseY - ux * halfBase)}Z"),
                ("stroke", "none")));
            root.Add(g);
        }

        for (var i = 0; i < n; i++)
        {
            var (x, y, angle) = at[i];
            var circle = Svg.El("circle", ("cx", x), ("cy", y), ("r", radius[i]), ("fill", Svg.Colour(i)), ("stroke", "#fff"), ("stroke-width", 1.5));
            circle.Add(new XElement(Svg.Ns + "title", Nodes[i].Label));
            root.Add(circle);
            // Labels sit outside the ring, anchored away from the centre so they do not cross the links.
            var cos = Math.Cos(angle);
            var anchor = cos > 0.3 ? "start" : cos < -0.3 ? "end" : "middle";
            var lx = x + (radius[i] + 6) * cos;
            var ly = y + (radius[i] + 6) * Math.Sin(angle) + (Math.Sin(angle) > 0.3 ? 10 : Math.Sin(angle) < -0.3 ? -2 : 4);
            root.Add(Svg.Text(lx, ly, Svg.Shorten(Nodes[i].Label, MaxLabel), anchor, "#222"));
        }
        return Svg.Write(root);
    }
}
