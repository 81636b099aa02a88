using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Faultline.Assessment.Charts;

/// <summary>How a series is drawn.</summary>
internal enum SeriesStyle
{
    /// <summary>Points joined by straight lines.</summary>
    Line,
    /// <summary>Unjoined dots.</summary>
    Dots,
    /// <summary>A staircase: flat until the next point, then up (cumulative counts).</summary>
    Step,
}

/// <summary>One point of a series.</summary>
internal readonly record struct ChartPoint(double X, double Y);

/// <summary>A labelled series of points, ordered by x.</summary>
internal sealed record ChartSeries(string Label, IReadOnlyList<ChartPoint> Points, SeriesStyle Style = SeriesStyle.Line)
{
    /// <summary>Its colour; null: the palette's colour for its position.</summary>
    public string? Colour { get; init; }

    /// <summary>Left out of the legend (a daily series drawn under its own moving average).</summary>
    public bool HideInLegend { get; init; }
}

/// <summary>A vertical line at <paramref name="X"/> (a change point, an event), labelled at its top.</summary>
internal sealed record ChartMarker(double X, string Label, string Colour = "#d62728")
{
    /// <summary>Drawn dashed and unlabelled (the label shows on hover): for context such as analyst events.</summary>
    public bool Faint { get; init; }
}

/// <summary>A shaded range of x (the report's period inside a longer window).</summary>
internal sealed record ChartBand(double From, double To, string Label);

/// <summary>An x axis: its range and labelled ticks.</summary>
internal sealed record XAxis(double Min, double Max, IReadOnlyList<(double At, string Label)> Ticks)
{
    private static readonly int[] DaySteps = [1, 2, 7, 14, 28, 56, 91, 182, 364];
    private static readonly int[] HourSteps = [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 672];

    /// <summary>Days as <see cref="DateOnly.DayNumber"/> from <paramref name="first"/> to <paramref name="last"/>, at most 8 ticks.</summary>
    public static XAxis Days(DateOnly first, DateOnly last)
    {
        var span = Math.Max(1, last.DayNumber - first.DayNumber);
        var step = DaySteps.FirstOrDefault(s => span / s <= 8, DaySteps[^1]);
        var ticks = new List<(double, string)>();
        for (var d = first; d <= last; d = d.AddDays(step))
            ticks.Add((d.DayNumber, d.ToString(ticks.Count == 0 ? "yyyy-MM-dd" : "MM-dd", CultureInfo.InvariantCulture)));
        return new XAxis(first.DayNumber - 0.5, last.DayNumber + 0.5, ticks);
    }

    /// <summary>Hours since <paramref name="from"/> up to <paramref name="to"/> (UTC), at most 8 ticks.</summary>
    public static XAxis Hours(DateTimeOffset from, DateTimeOffset to)
    {
        var span = Math.Max(1, (to - from).TotalHours);
        var step = HourSteps.FirstOrDefault(s => span / s <= 8, HourSteps[^1]);
        var ticks = new List<(double, string)>();
        for (double h = 0; h <= span + 1e-9; h += step)
        {
            var t = from.ToUniversalTime().AddHours(h);
            var format = ticks.Count == 0 ? "yyyy-MM-dd HH:mm" : step >= 24 ? "MM-dd" : t.TimeOfDay == TimeSpan.Zero ? "MM-dd HH:mm" : "HH:mm";
            ticks.Add((h, t.ToString(format, CultureInfo.InvariantCulture)));
        }
        return new XAxis(0, span, ticks);
    }
}

/// <summary>
/// A line/dot/step chart with an optional shaded band and vertical markers, as a small self-contained SVG. Each series
/// is cut to at most <see cref="MaxPointsPerSeries"/> points (averaged in buckets, or the last of each bucket for
/// steps), so the size is bounded however long the window.
/// </summary>
internal sealed class LineChart
{
    /// <summary>The most points drawn per series.</summary>
    public const int MaxPointsPerSeries = 400;

    private const double Left = 46, Right = 14, Bottom = 34, LegendRow = 16;

    /// <summary>What the chart shows (the SVG's title).</summary>
    public required string Title { get; init; }

    /// <summary>The x axis.</summary>
    public required XAxis X { get; init; }

    /// <summary>The series, drawn in order (later ones on top).</summary>
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>The y axis label, when any.</summary>
    public string? YLabel { get; init; }

    /// <summary>Vertical markers.</summary>
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    /// <summary>A shaded range, when any.</summary>
    public ChartBand? Band { get; init; }

    /// <summary>The lowest y shown at least (the data may extend it).</summary>
    public double? YMin { get; init; }

    /// <summary>The highest y shown at least (the data may extend it).</summary>
    public double? YMax { get; init; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 720;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 280;

    /// <summary>The chart as an &lt;svg&gt; element.</summary>
    public string Render()
    {
        var series = Series.Select(s => s with { Points = Thin(s.Points, s.Style) }).ToArray();
        var legend = series.Select((s, i) => (s.Label, Colour: s.Colour ?? Svg.Colour(i), s.HideInLegend)).Where(l => !l.HideInLegend).ToArray();
        var rows = LegendRows(legend.Select(l => l.Label).ToArray());
        var top = 10 + rows.Count * LegendRow + 8;
        var plotW = Width - Left - Right;
        var plotH = Height - top - Bottom;

        var ys = series.SelectMany(s => s.Points).Select(p => p.Y).Where(double.IsFinite).ToList();
        var yMin = Math.Min(YMin ?? double.PositiveInfinity, ys.Count > 0 ? ys.Min() : 0);
        var yMax = Math.Max(YMax ?? double.NegativeInfinity, ys.Count > 0 ? ys.Max() : 1);
        if (!double.IsFinite(yMin)) yMin = 0;
        if (!double.IsFinite(yMax) || yMax <= yMin) yMax = yMin + 1;
        var (yTicks, yLo, yHi) = NiceTicks(yMin, yMax);
        var xSpan = Math.Max(1e-9, X.Max - X.Min);
        double Px(double x) => Left + (x - X.Min) / xSpan * plotW;
        double Py(double y) => top + (yHi - y) / (yHi - yLo) * plotH;

        var root = Svg.Root(Width, Height, Title);
        if (Band is { } band)
        {
            var x0 = Math.Clamp(Px(band.From), Left, Left + plotW);
            var x1 = Math.Clamp(Px(band.To), Left, Left + plotW);
            root.Add(Svg.El("rect", ("x", x0), ("y", top), ("width", Math.Max(1, x1 - x0)), ("height", plotH), ("fill", "#000"), ("fill-opacity", "0.06")));
            root.Add(Svg.Text(x0 + 3, top + plotH - 4, band.Label, fill: "#555", size: 10));
        }

        // Grid and axes.
        var grid = new StringBuilder();
        foreach (var t in yTicks) grid.Append($"M{Svg.N(Left)} {Svg.N(Py(t))}H{Svg.N(Left + plotW)}");
        root.Add(Svg.El("path", ("d", grid.ToString()), ("stroke", "#ddd"), ("fill", "none")));
        foreach (var t in yTicks) root.Add(Svg.Text(Left - 4, Py(t) + 4, Label(t), "end", "#333"));
        if (yLo < 0 && yHi > 0) root.Add(Svg.El("path", ("d", $"M{Svg.N(Left)} {Svg.N(Py(0))}H{Svg.N(Left + plotW)}"), ("stroke", "#999"), ("fill", "none")));
        root.Add(Svg.El("path", ("d", $"M{Svg.N(Left)} {Svg.N(top)}V{Svg.N(top + plotH)}H{Svg.N(Left + plotW)}"), ("stroke", "#666"), ("fill", "none")));
        foreach (var (at, label) in X.Ticks)
        {
            var x = Px(at);
            if (x < Left - 0.5 || x > Left + plotW + 0.5) continue;
            root.Add(Svg.El("path", ("d", $"M{Svg.N(x)} {Svg.N(top + plotH)}v4"), ("stroke", "#666")));
            // Keep the first and last labels inside the picture.
            var half = Svg.TextWidth(label) / 2;
            var (lx, anchor) = x - half < 2 ? (Math.Max(2, x - 4), "start") : x + half > Width - 2 ? (Math.Min(Width - 2, x + 4), "end") : (x, "middle");
            root.Add(Svg.Text(lx, top + plotH + 16, label, anchor, "#333"));
        }
        if (YLabel is { } yLabel)
            root.Add(Svg.Text(12, top + plotH / 2, yLabel, "middle", "#333", 10, -90));

        // Series.
        for (var i = 0; i < series.Length; i++)
        {
            var s = series[i];
            var colour = s.Colour ?? Svg.Colour(i);
            var points = s.Points.Where(p => double.IsFinite(p.Y)).ToArray();
            if (points.Length == 0) continue;
            var d = new StringBuilder();
            switch (s.Style)
            {
                case SeriesStyle.Dots:
                    foreach (var p in points) d.Append($"M{Svg.N(Px(p.X))} {Svg.N(Py(p.Y))}h0");
                    root.Add(Svg.El("path", ("d", d.ToString()), ("stroke", colour), ("stroke-opacity", "0.6"), ("stroke-width", 5), ("stroke-linecap", "round"), ("fill", "none")));
                    break;
                case SeriesStyle.Step:
                    d.Append($"M{Svg.N(Px(points[0].X))} {Svg.N(Py(points[0].Y))}");
                    foreach (var p in points.Skip(1)) d.Append($"H{Svg.N(Px(p.X))}V{Svg.N(Py(p.Y))}");
                    root.Add(Svg.El("path", ("d", d.ToString()), ("stroke", colour), ("stroke-width", 2), ("fill", "none")));
                    break;
                default:
                    d.Append($"M{Svg.N(Px(points[0].X))} {Svg.N(Py(points[0].Y))}");
                    foreach (var p in points.Skip(1)) d.Append($"L{Svg.N(Px(p.X))} {Svg.N(Py(p.Y))}");
                    if (points.Length == 1) d.Append("h0");
                    root.Add(Svg.El("path", ("d", d.ToString()), ("stroke", colour), ("stroke-width", 2), ("stroke-linecap", "round"), ("fill", "none")));
                    break;
            }
        }

        // Markers on top of the data, labelled at the top edge of the plot.
        foreach (var m in Markers)
        {
            var x = Px(m.X);
            if (x < Left - 0.5 || x > Left + plotW + 0.5) continue;
            var line = Svg.El("path", ("d", $"M{Svg.N(x)} {Svg.N(top)}V{Svg.N(top + plotH)}"), ("stroke", m.Colour),
                ("stroke-width", m.Faint ? 1 : 2), ("stroke-dasharray", m.Faint ? "3 3" : null));
            line.Add(new XElement(Svg.Ns + "title", m.Label));
            root.Add(line);
            if (!m.Faint) root.Add(Svg.Text(x + 3, top + 11, m.Label, fill: m.Colour, size: 10));
        }

        // Legend rows above the plot.
        for (var r = 0; r < rows.Count; r++)
        {
            double x = Left;
            foreach (var index in rows[r])
            {
                var (label, colour, _) = legend[index];
                var y = 10 + r * LegendRow;
                root.Add(Svg.El("rect", ("x", x), ("y", y + 2), ("width", 10), ("height", 10), ("fill", colour)));
                root.Add(Svg.Text(x + 14, y + 11, label));
                x += 14 + Svg.TextWidth(label) + 14;
            }
        }
        return Svg.Write(root);
    }

    private List<List<int>> LegendRows(IReadOnlyList<string> labels)
    {
        var rows = new List<List<int>>();
        double x = Left;
        for (var i = 0; i < labels.Count; i++)
        {
            var w = 14 + Svg.TextWidth(labels[i]) + 14;
            if (rows.Count == 0 || x + w > Width - Right && rows[^1].Count > 0)
            {
                rows.Add([]);
                x = Left;
            }
            rows[^1].Add(i);
            x += w;
        }
        return rows;
    }

    /// <summary>At most <see cref="MaxPointsPerSeries"/> points: bucket means, or each bucket's last point for steps.</summary>
    internal static IReadOnlyList<ChartPoint> Thin(IReadOnlyList<ChartPoint> points, SeriesStyle style)
    {
        if (points.Count <= MaxPointsPerSeries) return points;
        var result = new ChartPoint[MaxPointsPerSeries];
        for (var b = 0; b < MaxPointsPerSeries; b++)
        {
            var start = (int)((long)b * points.Count / MaxPointsPerSeries);
            var end = (int)((long)(b + 1) * points.Count / MaxPointsPerSeries);
            if (style == SeriesStyle.Step)
            {
                result[b] = points[end - 1];
                continue;
            }
            double sx = 0, sy = 0;
            var n = 0;
            for (var i = start; i < end; i++)
            {
                sx += points[i].X;
                if (double.IsFinite(points[i].Y)) { sy += points[i].Y; n++; }
            }
            result[b] = new ChartPoint(sx / (end - start), n == 0 ? double.NaN : sy / n);
        }
        if (style == SeriesStyle.Step) result[0] = points[0];
        return result;
    }

    /// <summary>"Nice" ticks (1, 2 or 5 × 10ⁿ apart) covering [min, max], and the range they span.</summary>
    internal static (IReadOnlyList<double> Ticks, double Low, double High) NiceTicks(double min, double max)
    {
        var raw = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var t = low; t <= high + step / 2; t += step) ticks.Add(Math.Round(t / step) * step);
        return (ticks, low, high);
    }

    private static string Label(double value) =>
        Math.Abs(value) >= 1000 || value == Math.Round(value)
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("0.0#", CultureInfo.InvariantCulture);
}
