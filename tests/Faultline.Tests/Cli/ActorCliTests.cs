using System.Text.Json;

namespace Faultline.Tests.Cli;

/// <summary>Actors, mentions, stance, fractures and charts through the real program over the fictional samples.</summary>
public sealed class ActorCliTests : IClassFixture<SpreadCliTests.DemoArchive>
{
    private readonly SpreadCliTests.DemoArchive _demo;

    public ActorCliTests(SpreadCliTests.DemoArchive demo) => _demo = demo;

    private JsonElement Json(params string[] args)
    {
        var r = _demo.Run(["--json", .. args]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    [Fact]
    public void TheShippedRegistryValidates()
    {
        var r = _demo.Run("actors", "--validate");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no problems", r.Stdout);
        Assert.Contains(Json("actors").EnumerateArray(), a => a.GetProperty("id").GetString() == "ru-mod");
    }

    [Fact]
    public void ABrokenRegistryIsReportedWithLineNumbersAndExitCode1()
    {
        var file = Path.Combine(_demo.Folder, "broken-registry.txt");
        File.WriteAllText(file, "bloc milbloggers | pro-war bloggers\nactor x person | X\nmember nosuchbloc 2022-01-01.. | source\nru: Икс\n");
        var r = _demo.Run("--registry", file, "actors", "--validate");
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"broken-registry\.txt:3: .*nosuchbloc", r.Stderr);
    }

    [Fact]
    public void MilbloggersCriticiseTheMinistryInTheStanceMatrix()
    {
        var cells = Json("stance").GetProperty("cells").EnumerateArray().ToList();
        var cell = cells.Single(c => c.GetProperty("author").GetString() == "milbloggers" && c.GetProperty("target").GetString() == "mod-establishment");
        Assert.True(cell.GetProperty("criticise").GetInt32() > cell.GetProperty("support").GetInt32());
        Assert.True(cell.GetProperty("netCriticismRate").GetDouble() > 0);
        var byActor = Json("stance", "--by", "actor").GetProperty("cells").EnumerateArray();
        Assert.Contains(byActor, c => c.GetProperty("target").GetString() == "ru-mod");
    }

    [Fact]
    public void MentionsPointAtTheWordsInThePost()
    {
        var mentions = Json("mentions", "ru-mod").EnumerateArray().ToList();
        Assert.NotEmpty(mentions);
        foreach (var m in mentions)
        {
            var surface = m.GetProperty("surface").GetString()!;
            Assert.Matches("(?i)минобороны|міноборони|министерств|міністерств|ministry|defen[cs]e|mod|мо рф", surface);
        }
        Assert.Contains(mentions, m => m.GetProperty("stance").GetString() == "criticise");
    }

    [Fact]
    public void AnUnknownActorIsAUsageError()
    {
        var r = _demo.Run("mentions", "no-such-actor");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no actor", r.Stderr);
    }

    [Fact]
    public void TheFractureSeriesCoversTheSampleDays()
    {
        var report = Json("fractures", "--between", "milbloggers", "mod-establishment");
        var days = report.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("day").GetString()).ToList();
        Assert.Contains("2022-10-14", days);
        Assert.Equal(JsonValueKind.Array, report.GetProperty("changePoints").ValueKind);
    }

    [Theory]
    [InlineData("fractures", "fractures.svg")]
    [InlineData("volume", "volume.png")]
    public void ChartsAreWritten(string kind, string file)
    {
        var path = Path.Combine(_demo.Folder, file);
        var r = _demo.Run("chart", kind, "--out", path);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(new FileInfo(path).Length > 2000);
        if (file.EndsWith(".svg", StringComparison.Ordinal)) Assert.Contains("<svg", File.ReadAllText(path));
    }

    [Fact]
    public void AChartNeedsSvgOrPng()
    {
        var r = _demo.Run("chart", "volume", "--out", Path.Combine(_demo.Folder, "chart.jpg"));
        Assert.Equal(2, r.ExitCode);
    }
}
