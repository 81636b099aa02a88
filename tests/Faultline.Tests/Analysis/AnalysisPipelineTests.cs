using Faultline.Analysis;
using Faultline.Archive;
using Faultline.Archive.Sqlite;

namespace Faultline.Tests.Analysis;

public sealed class AnalysisPipelineTests : IDisposable
{
    private readonly TempDir _dir = new();

    private sealed class Recording(string id, string[] needs, bool throws, List<string> log) : IAnalysisStage
    {
        public string Id => id;
        public string Description => "Records that it ran (test stage).";
        public IReadOnlyList<string> Needs => needs;
        public IReadOnlyList<string> Produces => [];

        public string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken)
        {
            log.Add(id);
            if (throws) throw new InvalidOperationException("broken on purpose");
            return $"{id} done";
        }
    }

    [Fact]
    public void AStageThatThrowsIsReportedWithItsIdAndTheRunGoesOn()
    {
        var log = new List<string>();
        var pipeline = new AnalysisPipeline([
            new Recording("a", [], throws: true, log),
            new Recording("b", [], throws: false, log),
            new Recording("c", ["a"], throws: false, log),
        ]);
        using var archive = SqliteArchive.Open(_dir.File("a.db"));
        var outcomes = pipeline.Run(archive);
        Assert.Equal(["a", "b"], log);
        Assert.Equal("InvalidOperationException: broken on purpose", outcomes[0].Error);
        Assert.True(outcomes[1].Ok);
        Assert.Equal("b done", outcomes[1].Summary);
        Assert.Equal("skipped: a failed", outcomes[2].Error);
    }

    [Fact]
    public void AStageMustComeAfterTheStagesItNeeds()
    {
        var e = Assert.Throws<ArgumentException>(() => new AnalysisPipeline([new Recording("c", ["a"], false, []), new Recording("a", [], false, [])]));
        Assert.Contains("needs a", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
