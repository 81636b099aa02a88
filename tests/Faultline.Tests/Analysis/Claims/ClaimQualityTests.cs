using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>
/// The three fictional episodes through the whole real path — readers, archive (versions and tombstones from the later
/// exports), every analysis stage — scored against their truth files.
/// </summary>
public sealed class ClaimQualityTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    private sealed record Score(string Episode, int TruePositives, int FalsePositives, int FalseNegatives, int EventsFound, int EventsExpected, int NegativesIncluded, List<string> Misses);

    private async Task<Score> Run(string name)
    {
        var episode = ClaimEpisode.Load(name);
        using var archive = SqliteArchive.Open(_dir.File(name + ".db"));
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        var options = new IngestOptions { Handles = HandleTable.Read(Path.Combine(episode.Folder, "handles.tsv")) };
        var files = Directory.GetFiles(episode.Folder, "*.json").Order(StringComparer.Ordinal).ToList();
        foreach (var f in files.Where(f => !f.EndsWith("-later.json", StringComparison.Ordinal) && !f.EndsWith("truth.json", StringComparison.Ordinal)))
            Assert.False((await ingestor.IngestFileAsync(f, options)).Rejected, f);
        foreach (var f in files.Where(f => f.EndsWith("-later.json", StringComparison.Ordinal)))
            Assert.False((await ingestor.IngestFileAsync(f, options)).Rejected, f);
        var outcomes = AnalysisPipeline.Default.Run(archive);
        Assert.All(outcomes, o => Assert.True(o.Ok, $"{o.StageId}: {o.Error}"));

        string Key(long postId)
        {
            var p = archive.AnalysisPostsById([postId]).Single();
            return $"{p.Handle}/{p.NativeId}";
        }
        var claims = archive.Claims();
        int tp = 0, fp = 0, fn = 0, found = 0, expected = 0, negatives = 0;
        var misses = new List<string>();
        var negativeSet = episode.HardNegatives.ToHashSet(StringComparer.Ordinal);
        foreach (var truth in episode.Claims)
        {
            // The claim that holds the truth's origin is the one scored.
            var claim = claims.FirstOrDefault(c => c.Members.Any(m => Key(m.PostId) == truth.Origin));
            var got = claim?.Members.Select(m => Key(m.PostId)).ToHashSet(StringComparer.Ordinal) ?? [];
            var want = truth.Members.Select(m => m.Post).ToHashSet(StringComparer.Ordinal);
            tp += got.Intersect(want).Count();
            fp += got.Except(want).Count();
            fn += want.Except(got).Count();
            misses.AddRange(want.Except(got).Select(k => $"{name}: missing member {k}"));
            misses.AddRange(got.Except(want).Select(k => $"{name}: extra member {k}"));
            negatives += got.Count(negativeSet.Contains);
            var events = claim?.Lifecycle.Select(e => (Kind: e.Kind.ToString(), Post: Key(e.PostId))).ToList() ?? [];
            foreach (var e in truth.Events)
            {
                expected++;
                if (events.Any(g => string.Equals(g.Kind, e.Kind, StringComparison.OrdinalIgnoreCase) && g.Post == e.Post)) found++;
                else misses.Add($"{name}: missing event {e.Kind} at {e.Post}");
            }
        }
        return new Score(name, tp, fp, fn, found, expected, negatives, misses);
    }

    [Fact]
    public async Task ClaimMembershipAndLifecycleMatchTheTruthOfTheFictionalEpisodes()
    {
        var scores = new List<Score>();
        foreach (var name in ClaimEpisode.Names) scores.Add(await Run(name));
        foreach (var s in scores)
        {
            output.WriteLine($"{s.Episode}: members tp {s.TruePositives}, fp {s.FalsePositives}, fn {s.FalseNegatives}; events {s.EventsFound}/{s.EventsExpected}; hard negatives included {s.NegativesIncluded}");
            foreach (var m in s.Misses) output.WriteLine("  " + m);
        }
        int tp = scores.Sum(s => s.TruePositives), fp = scores.Sum(s => s.FalsePositives), fn = scores.Sum(s => s.FalseNegatives);
        double precision = tp / (double)Math.Max(1, tp + fp), recall = tp / (double)Math.Max(1, tp + fn);
        int events = scores.Sum(s => s.EventsFound), expectedEvents = scores.Sum(s => s.EventsExpected);
        output.WriteLine($"membership precision {precision:0.000}, recall {recall:0.000}; lifecycle events {events}/{expectedEvents}; hard negatives included {scores.Sum(s => s.NegativesIncluded)}");
        Assert.Equal(0, scores.Sum(s => s.NegativesIncluded));
        Assert.True(precision >= 0.9, $"membership precision {precision:0.000}");
        Assert.True(recall >= 0.9, $"membership recall {recall:0.000}");
        // Every member and every lifecycle event, the Russian report that spells the bridge's village "Белокаменке" (the
        // Ukrainian posts: "Білокам'янці") included: it meets them on the name's consonant skeleton and two ru/uk cognates.
        Assert.Empty(scores.SelectMany(s => s.Misses));
        Assert.Equal(1.0, recall);
        Assert.Equal(26, expectedEvents);
        Assert.Equal(expectedEvents, events);
    }

    public void Dispose() => _dir.Dispose();
}
