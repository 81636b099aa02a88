using System.Text.Json;
using Faultline.Tests.Analysis.Scenarios;

namespace Faultline.Tests.Cli;

/// <summary>`faultline scenarios` through the real program over the demo archive.</summary>
public sealed class ScenarioCliTests(SpreadCliTests.DemoArchive demo) : IClassFixture<SpreadCliTests.DemoArchive>
{
    private static string Shipped => ScenarioArchives.ShippedFile;

    private JsonElement Json(params string[] args)
    {
        var r = demo.Run(["--json", .. args]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    [Fact]
    public void TheBoardForTheWalkBackDayRanksTheHypothesesAndCitesTheRetraction()
    {
        var board = Json("scenarios", Shipped, "--date", "2022-10-15");

        Assert.Equal("2022-10-15", board.GetProperty("date").GetString());
        Assert.Equal("2022-10-14", board.GetProperty("previousDate").GetString());
        var hypotheses = board.GetProperty("hypotheses").EnumerateArray().ToList();
        Assert.Equal(["H3", "H2", "H1"], hypotheses.Select(h => h.GetProperty("id").GetString()));
        Assert.Equal([1, 2, 3], hypotheses.Select(h => h.GetProperty("rank").GetInt32()));
        Assert.StartsWith("H3 «Withdrawal with blame on subordinates» ranks first", hypotheses[0].GetProperty("explanation").GetString());
        var items = board.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var walkBack = items["crackdown-claim-walked-back"];
        Assert.True(walkBack.GetProperty("observed").GetBoolean());
        Assert.True(walkBack.GetProperty("newlyObserved").GetBoolean());
        Assert.Equal("claim", walkBack.GetProperty("kind").GetString());
        var post = walkBack.GetProperty("posts").EnumerateArray().First();
        Assert.Equal("@severny_rubezh_fict/4111", post.GetProperty("reference").GetString());
        Assert.Equal("https://t.me/severny_rubezh_fict/4111", post.GetProperty("url").GetString());
        Assert.Equal("none", items["mobilization-talk"].GetProperty("diagnosticity").GetProperty("label").GetString());
        Assert.Equal("evidence", items["walk-back-read"].GetProperty("type").GetString());
        Assert.Equal(3, items["walk-back-read"].GetProperty("credibility").GetInt32());
        Assert.Contains("crackdown-claim-walked-back", board.GetProperty("change").GetProperty("newlyObserved").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(board.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("@mod_russia is not in the archive", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTextBoardShowsRankingMatrixEvidenceAndChange()
    {
        var r = demo.Run("scenarios", Shipped, "--date", "2022-10-15");

        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var expected in new[] { "Hypotheses", "ACH matrix", "diagnosticity", "Evidence", "Since 2022-10-14", "@severny_rubezh_fict/4111", "2022-10-15 09:30", "none (0)", "H3 Withdrawal with blame on subordinates" })
            Assert.Contains(expected, r.Stdout);
    }

    [Fact]
    public void WithoutADateTheBoardIsForTheLastDayWithPosts()
        => Assert.Equal("2022-10-16", Json("scenarios", Shipped).GetProperty("date").GetString());

    [Fact]
    public void ABadScenarioFileIsRejectedWithOneLinePerProblemAndNoStackTrace()
    {
        var bad = Path.Combine(demo.Folder, "bad.scenarios");
        File.WriteAllText(bad, "hypothesis H1 | One\nhypothesis H2 | Two\nindicator x query 3d | X\n  terms: ядерн*\n  marks: H1 C; H2 Q\nindicator y actor | Y\n  actor: nobody\n  marks: H1 C; H2 N\n");

        var r = demo.Run("scenarios", bad);

        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal([$"{bad}:5: 'Q' is not a mark (CC strongly consistent, C consistent, N neutral, I inconsistent, II strongly inconsistent)", $"{bad}:7: indicator 'y': unknown actor 'nobody' (see `faultline actors`)"], lines);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void AFileThatIsNoScenarioFileIsRejectedInAFewLines()
    {
        var r = demo.Run("scenarios", Path.Combine(Corpus.RepoRoot, "samples", "telegram-desktop", "severny_rubezh.json"));

        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 2, 21);
        Assert.EndsWith("more problems", lines[^1].TrimEnd());
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void AMissingFileOrABadDateIsAUsageError()
    {
        var missing = demo.Run("scenarios", Path.Combine(demo.Folder, "none.scenarios"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such scenario file", missing.Stderr);

        var date = demo.Run("scenarios", Shipped, "--date", "15.10.2022");
        Assert.Equal(2, date.ExitCode);
        Assert.Contains("--date: '15.10.2022' is not a date", date.Stderr);
    }
}
