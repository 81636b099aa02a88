using Faultline.Analysis.Fractures;
using SkiaSharp;
using static Faultline.Tests.Analysis.Fractures.FractureData;

namespace Faultline.Tests.Analysis.Fractures;

public sealed class ChartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faultline-charts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FractureReport Report(out IReadOnlyList<BlocVolume> volumes)
    {
        var (records, resolver) = Planted(days: 90, shiftDay: 51, criticiseBefore: 0.2, criticiseAfter: 0.6, perDay: 30, seed: 2);
        volumes = BlocVolume.FromStances(records, resolver);
        return FractureAnalysis.Analyse(records, StanceMatrices.Build(records, resolver), "милблогеры", "Минобороны", EventsFile.Default());
    }

    [Fact]
    public void TheFractureChartIsWrittenAsAPngOfTheAskedSize()
    {
        var report = Report(out _);
        var path = Path.Combine(_dir, "fractures.png");

        FractureChart.Save(report.Series, report.ChangePoints, EventsFile.Default(), path, 1200, 600);

        Assert.True(new FileInfo(path).Length > 20_000, $"{new FileInfo(path).Length} bytes");
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1200, 600), (bitmap.Width, bitmap.Height));
        // Not blank: the drawing uses many colours.
        var colours = new HashSet<SKColor>();
        for (var x = 0; x < bitmap.Width; x += 7)
            for (var y = 0; y < bitmap.Height; y += 7)
                colours.Add(bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 20, $"{colours.Count} colours");
    }

    [Fact]
    public void TheFractureChartSvgCarriesCyrillicLabelsAsText()
    {
        var report = Report(out _);
        var path = Path.Combine(_dir, "fractures.svg");

        FractureChart.Save(report.Series, report.ChangePoints, EventsFile.Default(), path);

        var svg = File.ReadAllText(path);
        Assert.Contains("милблогеры", svg);
        Assert.Contains("Минобороны", svg);
        Assert.Contains(ChartStyle.FontFamily, svg);
    }

    [Fact]
    public void ChartsUseAFontWithCyrillicGlyphs()
    {
        using var typeface = SKFontManager.Default.MatchFamily(ChartStyle.FontFamily);
        Assert.NotNull(typeface);
        Assert.True(typeface.ContainsGlyphs("Путин Зеленський ЇїЄє"), ChartStyle.FontFamily);
    }

    [Fact]
    public void TheVolumeChartIsWrittenWithOneLinePerBloc()
    {
        Report(out var volumes);
        var png = Path.Combine(_dir, "volume.png");
        var svg = Path.Combine(_dir, "volume.svg");

        VolumeChart.Save(volumes, png);
        VolumeChart.Save(volumes, svg);

        Assert.Single(volumes); // only the milbloggers speak in the planted data
        Assert.Equal(90, volumes[0].Days.Count);
        Assert.Equal(30, volumes[0].Posts[0]);
        Assert.True(new FileInfo(png).Length > 10_000);
        Assert.Contains("милблогеры", File.ReadAllText(svg));
    }

    [Fact]
    public void AnUnknownExtensionIsRefusedWithThePath()
    {
        var report = Report(out _);
        var error = Assert.Throws<ArgumentException>(() => FractureChart.Save(report.Series, [], [], Path.Combine(_dir, "x.jpg")));
        Assert.Contains("x.jpg", error.Message);
    }
}
