using System.Xml.Linq;
using Faultline.Assessment.Charts;

namespace Faultline.Tests.Assessment.Charts;

public sealed class SvgChartTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static int Coordinates(string pathData) => pathData.Count(ch => ch is 'M' or 'L' or 'H');

    [Fact]
    public void AYearOfMinutesIsThinnedSoTheChartStaysSmall()
    {
        var points = Enumerable.Range(0, 525_600).Select(i => new ChartPoint(i / 60.0, Math.Sin(i / 5000.0))).ToList();
        var chart = new LineChart
        {
            Title = "a long series",
            X = XAxis.Hours(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Series = [new ChartSeries("sine", points), new ChartSeries("steps", points, SeriesStyle.Step)],
        };

        var svg = chart.Render();

        Assert.True(svg.Length < 30_000, $"{svg.Length} chars");
        var paths = XElement.Parse(svg).Descendants(Ns + "path").Select(p => (string)p.Attribute("d")!).ToList();
        Assert.Contains(paths, d => Coordinates(d) == LineChart.MaxPointsPerSeries);
        Assert.All(paths, d => Assert.True(Coordinates(d) <= 2 * LineChart.MaxPointsPerSeries, $"{Coordinates(d)} coordinates"));
    }

    [Fact]
    public void ThinningAStepSeriesKeepsTheFirstAndTheLastCount()
    {
        var points = Enumerable.Range(1, 10_000).Select(i => new ChartPoint(i, i)).ToList();

        var thin = LineChart.Thin(points, SeriesStyle.Step);

        Assert.Equal(LineChart.MaxPointsPerSeries, thin.Count);
        Assert.Equal(points[0], thin[0]);
        Assert.Equal(points[^1], thin[^1]);
    }

    [Fact]
    public void LabelsWithMarkupCharactersAndEmojiAreEscapedNotBroken()
    {
        const string label = "Военкор \"Восток\" <fict> & Co 🇷🇺";
        var chart = new LineChart
        {
            Title = label,
            X = XAxis.Days(new DateOnly(2022, 10, 1), new DateOnly(2022, 10, 14)),
            Series = [new ChartSeries(label, [new ChartPoint(new DateOnly(2022, 10, 3).DayNumber, 2)])],
            Markers = [new ChartMarker(new DateOnly(2022, 10, 8).DayNumber, "10-08 <bridge> & co")],
        };

        var root = XElement.Parse(chart.Render());

        Assert.Equal(label, (string)root.Element(Ns + "title")!);
        Assert.Contains(root.Descendants(Ns + "text"), t => t.Value == label);
        Assert.Contains(root.Descendants(Ns + "text"), t => t.Value == "10-08 <bridge> & co");
    }

    [Fact]
    public void DayTicksAreAtMostEightAndStartWithTheFullDate()
    {
        var axis = XAxis.Days(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));

        Assert.InRange(axis.Ticks.Count, 2, 8);
        Assert.Equal("2022-01-01", axis.Ticks[0].Label);
        Assert.Matches(@"^\d\d-\d\d$", axis.Ticks[1].Label);
    }

    [Fact]
    public void TheChannelGraphDrawsOneArrowPerLinkAndLabelsEveryChannel()
    {
        var chart = new NetworkChart
        {
            Title = "who took from whom",
            Nodes = [new("@severny_rubezh_fict", 10), new("@okopnaya_pravda_fict", 4), new("@vartovyi_fict", 2), new("Baltic Ledger (fictional) & <co>", 1)],
            Links = [new(0, 1, 5, "a → b: 5 forwards"), new(1, 0, 1, "b → a: 1 copy"), new(0, 2, 2, "a → c"), new(3, 3, 1, "self")],
        };

        var root = XElement.Parse(chart.Render());

        // The self-link is left out; the reciprocal pair both stay.
        var arrows = root.Elements(Ns + "g").ToList();
        Assert.Equal(3, arrows.Count);
        Assert.Equal(["a → b: 5 forwards", "a → c", "b → a: 1 copy"], arrows.Select(g => (string)g.Element(Ns + "title")!).Order(StringComparer.Ordinal));
        Assert.Equal(4, root.Elements(Ns + "circle").Count());
        Assert.Equal(["@okopnaya_pravda_fict", "@severny_rubezh_fict", "@vartovyi_fict", "Baltic Ledger (fictional)…"],
            root.Elements(Ns + "text").Select(t => t.Value).Order(StringComparer.Ordinal));
        var widths = arrows.Select(g => double.Parse((string)g.Elements(Ns + "path").First().Attribute("stroke-width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, widths.Max());
        Assert.Equal(2, widths.Min());
    }
}
