using Faultline.Analysis.Actors;
using ScottPlot;
using SkiaSharp;

namespace Faultline.Analysis.Fractures;

/// <summary>Posts per day by one author bloc.</summary>
/// <param name="Bloc">The author bloc.</param>
/// <param name="Days">Consecutive days.</param>
/// <param name="Posts">Distinct posts on each day, aligned with <paramref name="Days"/>.</param>
internal sealed record BlocVolume(string Bloc, IReadOnlyList<DateOnly> Days, IReadOnlyList<int> Posts)
{
    /// <summary>
    /// Distinct posts with at least one stance call per author bloc per day, every day from the first to the last
    /// record (0 where a bloc was silent); authors resolved as in <see cref="StanceMatrices"/>.
    /// </summary>
    public static IReadOnlyList<BlocVolume> FromStances(IReadOnlyList<StanceRecord> records, BlocResolver resolver)
    {
        var seen = new HashSet<(long Post, int Bloc)>();
        var counts = new Dictionary<(int Day, int Bloc), int>();
        int first = int.MaxValue, last = int.MinValue;
        foreach (var record in records)
        {
            var author = resolver.ActorOfAuthor(record.AuthorSourceId);
            if (author is null)
                continue;
            var day = BlocResolver.DayOf(record.Published);
            foreach (var bloc in resolver.BlocIndexesOf(author, day))
            {
                if (!seen.Add((record.PostId, bloc)))
                    continue;
                counts[(day.DayNumber, bloc)] = counts.GetValueOrDefault((day.DayNumber, bloc)) + 1;
                first = Math.Min(first, day.DayNumber);
                last = Math.Max(last, day.DayNumber);
            }
        }
        if (counts.Count == 0)
            return [];
        var days = Enumerable.Range(first, last - first + 1).Select(DateOnly.FromDayNumber).ToArray();
        return counts.Keys.Select(k => k.Bloc).Distinct().Order()
            .Select(b => new BlocVolume(resolver.Blocs[b], days, days.Select(d => counts.GetValueOrDefault((d.DayNumber, b))).ToArray()))
            .ToArray();
    }
}

/// <summary>Draws a fracture index with its change points and events, to .png or .svg (chosen by the extension).</summary>
internal static class FractureChart
{
    /// <summary>Saves the chart: daily index as dots, its moving average as a line, change points and events as vertical lines.</summary>
    public static void Save(FractureSeries series, IReadOnlyList<FractureChangePoint> changePoints, IReadOnlyList<AnalystEvent> events,
        string path, int width = 1400, int height = 700)
    {
        var plot = new Plot();
        var observed = series.ObservedPoints;
        if (observed.Count > 0)
        {
            var daily = plot.Add.ScatterPoints(observed.Select(p => ChartStyle.X(p.Day)).ToArray(), observed.Select(p => p.Rate).ToArray());
            daily.MarkerSize = 4;
            daily.Color = Colors.SteelBlue.WithAlpha(0.5);
            daily.LegendText = "за день / daily";
            var smooth = observed.Where(p => !double.IsNaN(p.Smoothed)).ToArray();
            var line = plot.Add.ScatterLine(smooth.Select(p => ChartStyle.X(p.Day)).ToArray(), smooth.Select(p => p.Smoothed).ToArray());
            line.LineWidth = 2;
            line.Color = Colors.Navy;
            line.LegendText = "скользящее среднее / moving average";
        }

        var first = series.Points.Count > 0 ? series.Points[0].Day : DateOnly.MinValue;
        var last = series.Points.Count > 0 ? series.Points[^1].Day : DateOnly.MaxValue;
        var top = observed.Count == 0 ? 1 : Math.Max(observed.Max(p => p.Rate), 0) + 0.05;
        foreach (var e in events.Where(e => e.LastDay >= first && e.Date <= last))
        {
            var line = plot.Add.VerticalLine(ChartStyle.X(e.Date));
            line.Color = Colors.Gray.WithAlpha(0.7);
            line.LinePattern = LinePattern.Dotted;
            line.LineWidth = 1;
            // Labels run down from the top inside the plot, so they neither cover the title nor get cut off.
            var label = plot.Add.Text($"{e.Date:MM-dd} {Shorten(e.Title, 45)}", ChartStyle.X(e.Date), top);
            label.LabelRotation = 90;
            label.LabelAlignment = Alignment.LowerLeft;
            label.LabelFontSize = 10;
            label.LabelFontColor = Colors.DimGray;
        }
        foreach (var change in changePoints)
        {
            var line = plot.Add.VerticalLine(ChartStyle.X(change.Day));
            line.Color = Colors.Crimson;
            line.LineWidth = 2;
            line.Text = $"{change.Day:yyyy-MM-dd} Δ {change.Magnitude:+0.00;−0.00} p={change.PValue:0.###}";
            line.LabelFontSize = 11;
        }

        plot.Title($"Индекс раскола / fracture index: {series.BlocA} ↔ {series.BlocB}");
        plot.YLabel("чистая доля критики / net criticism rate");
        ChartStyle.DateAxis(plot);
        plot.ShowLegend(Alignment.LowerRight);
        ChartStyle.Save(plot, path, width, height);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>Draws posts per day by author bloc, to .png or .svg (chosen by the extension).</summary>
internal static class VolumeChart
{
    /// <summary>Saves one line per bloc.</summary>
    public static void Save(IReadOnlyList<BlocVolume> volumes, string path, int width = 1400, int height = 700)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < volumes.Count; i++)
        {
            var v = volumes[i];
            var line = plot.Add.ScatterLine(v.Days.Select(ChartStyle.X).ToArray(), v.Posts.Select(p => (double)p).ToArray());
            line.LineWidth = 2;
            line.Color = palette.GetColor(i);
            line.LegendText = v.Bloc;
        }
        plot.Title("Публикации по блокам / posts per day by bloc");
        plot.YLabel("публикаций / posts");
        ChartStyle.DateAxis(plot);
        plot.ShowLegend(Alignment.UpperLeft);
        ChartStyle.Save(plot, path, width, height);
    }
}

/// <summary>What both charts share: dates on the x axis, a font with Cyrillic glyphs, saving by extension.</summary>
internal static class ChartStyle
{
    private const string Sample = "Ждём раскол ЇїЄє";
    private static readonly Lazy<string> CyrillicFont = new(FindCyrillicFont);

    /// <summary>The family used for every label: DejaVu Sans when installed, else whatever the system has with Cyrillic glyphs.</summary>
    public static string FontFamily => CyrillicFont.Value;

    /// <summary>A day as a chart x coordinate (OLE automation date, what ScottPlot's date axis reads).</summary>
    public static double X(DateOnly day) => day.ToDateTime(TimeOnly.MinValue).ToOADate();

    /// <summary>Dates on the x axis, written yyyy-MM-dd.</summary>
    public static void DateAxis(Plot plot)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
            automatic.LabelFormatter = d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies the font and writes the file; the extension (.png or .svg) picks the format.</summary>
    public static void Save(Plot plot, string path, int width, int height)
    {
        // Set the family on every label explicitly: ScottPlot's default family may lack Cyrillic glyphs and
        // would draw boxes instead of letters.
        plot.Font.Set(FontFamily);
        foreach (var line in plot.GetPlottables<ScottPlot.Plottables.VerticalLine>())
            line.LabelFontName = FontFamily;
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>())
            text.LabelFontName = FontFamily;
        plot.Legend.FontName = FontFamily;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png":
                plot.SavePng(path, width, height);
                break;
            case ".svg":
                plot.SaveSvg(path, width, height);
                break;
            default:
                throw new ArgumentException($"{path}: a chart is saved as .png or .svg, not '{Path.GetExtension(path)}'.", nameof(path));
        }
    }

    private static string FindCyrillicFont()
    {
        foreach (var family in new[] { "DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial" })
        {
            using var typeface = SKFontManager.Default.MatchFamily(family);
            if (typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)
                && typeface.ContainsGlyphs(Sample))
                return family;
        }
        return Fonts.Detect(Sample);
    }
}
