using System.Text.Json;
using System.Xml.Linq;

namespace Faultline.Tests.Cli;

/// <summary>The fictional samples through the real program: ingest, analyse, then every spread view.</summary>
public sealed class SpreadCliTests : IClassFixture<SpreadCliTests.DemoArchive>
{
    /// <summary>One demo archive shared by the tests of this class (ingesting the samples takes a few seconds).</summary>
    public sealed class DemoArchive : IDisposable
    {
        private readonly TempDir _dir = new();

        public DemoArchive()
        {
            Db = _dir.File("demo.db");
            var r = CliRunner.Run(_dir.Path, "--db", Db, "demo", "--samples", Path.Combine(Corpus.RepoRoot, "samples"));
            Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
            Folder = _dir.Path;
            Output = r.Stdout;
        }

        /// <summary>What the demo printed.</summary>
        public string Output { get; }

        public string Db { get; }

        public string Folder { get; }

        internal CliRunner.Result Run(params string[] args) => CliRunner.Run(Folder, ["--db", Db, .. args]);

        public void Dispose() => _dir.Dispose();
    }

    private readonly DemoArchive _demo;

    public SpreadCliTests(DemoArchive demo) => _demo = demo;

    private JsonElement Json(params string[] args)
    {
        var r = _demo.Run(["--json", .. args]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    [Fact]
    public void TheAccusationIsTheLargestCascadeAndStartsWithTheMilblogger()
    {
        var top = Json("cascades").EnumerateArray().First();
        Assert.Equal("@severny_rubezh_fict", top.GetProperty("origin").GetProperty("channel").GetString());
        Assert.Equal("4107", top.GetProperty("origin").GetProperty("nativeId").GetString());
        Assert.True(top.GetProperty("channels").GetInt32() >= 5);
        var kinds = top.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Contains("forward", kinds);
        Assert.Contains("cites", kinds);
    }

    [Fact]
    public void TheCascadeTimelineNamesTheForwardingChannelAndItsParent()
    {
        var id = Json("cascades").EnumerateArray().First().GetProperty("id").GetInt64();
        var detail = Json("cascade", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var members = detail.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal("origin", members[0].GetProperty("parentReason").GetString());
        var forward = members.Single(m => m.GetProperty("channel").GetString() == "@okopnaya_pravda_fict" && m.GetProperty("relation").EnumerateArray().Any(k => k.GetString() == "forward"));
        Assert.Equal("@severny_rubezh_fict", forward.GetProperty("parentChannel").GetString());
        Assert.True(forward.GetProperty("lagMinutes").GetDouble() > 0);
        Assert.Equal(members.Select(m => m.GetProperty("published").GetDateTimeOffset()).Order(), members.Select(m => m.GetProperty("published").GetDateTimeOffset()));
    }

    [Fact]
    public void DuplicatesOfTheAccusationListForwardsAndCitations()
    {
        var related = Json("duplicates", "severny_rubezh_fict/4107").GetProperty("related").EnumerateArray().ToList();
        Assert.Contains(related, r => r.GetProperty("kind").GetString() == "forward" && r.GetProperty("channel").GetString() == "@okopnaya_pravda_fict");
        Assert.Contains(related, r => r.GetProperty("kind").GetString() == "cites" && r.GetProperty("channel").GetString() == "@vartovyi_fict");
        Assert.All(related, r => Assert.Equal("later", r.GetProperty("relation").GetString()));
    }

    [Fact]
    public void TheMilbloggerIsTheMostOriginalChannel()
    {
        var origin = Json("channel", "severny_rubezh_fict");
        var amplifier = Json("channel", "okopnaya_pravda_fict");
        Assert.True(origin.GetProperty("originated").GetInt32() >= 2);
        Assert.True(origin.GetProperty("originality").GetDouble() > amplifier.GetProperty("originality").GetDouble());
        Assert.Contains(amplifier.GetProperty("echoes").EnumerateArray(), e => e.GetProperty("channel").GetString() == "@severny_rubezh_fict");
    }

    [Theory]
    [InlineData("gexf")]
    [InlineData("graphml")]
    [InlineData("csv")]
    public void TheGraphExportsInEachFormat(string format)
    {
        var file = Path.Combine(_demo.Folder, "spread." + format);
        var r = _demo.Run("graph", "--format", format, "--out", file);
        Assert.Equal(0, r.ExitCode);
        if (format == "csv")
        {
            var lines = File.ReadAllLines(file);
            Assert.StartsWith("source,target,weight", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("severny_rubezh_fict,okopnaya_pravda_fict,", StringComparison.Ordinal));
            return;
        }
        var doc = XDocument.Load(file);
        Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "node");
        Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "edge");
    }

    [Fact]
    public void EveryGraphEdgeListsThePostsBehindIt()
    {
        var edge = Json("edge", "severny_rubezh_fict", "okopnaya_pravda_fict");
        var pairs = edge.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(edge.GetProperty("weight").GetInt32(), pairs.Count);
        Assert.Contains(pairs, p => p.GetProperty("kind").GetString() == "forward" && p.GetProperty("earlier").GetProperty("nativeId").GetString() == "4107");
        Assert.All(pairs, p => Assert.True(p.GetProperty("lagMinutes").GetDouble() >= 0));
    }

    [Fact]
    public void AnUnknownCascadeIsExitCode1()
    {
        var r = _demo.Run("cascade", "999999");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no cascade", r.Stderr);
    }
}
