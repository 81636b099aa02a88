using Xunit.Abstractions;
using System.Diagnostics;
using System.Text.Json;
using CsCheck;
using Faultline.Analysis.NearDuplicates;
using Faultline.Bench;

namespace Faultline.Tests.Analysis.NearDuplicates;

public class NearDuplicateFinderTests(ITestOutputHelper output)
{
    private static List<NearDuplicateItem> Planted(int count, int seed = 2022)
        => NearDuplicateCorpus.Generate(count, seed).ConvertAll(p => new NearDuplicateItem(p.Id, Shingles.Of(p.Text)));

    [Fact]
    public void AddingInBatchesFindsTheSamePairsAsOneBatch()
    {
        var items = Planted(6000);
        var batch = NearDuplicateFinder.Find(items);
        var finder = new NearDuplicateFinder();
        var incremental = finder.AddAndFind(items[..1000])
            .Concat(finder.AddAndFind(items[1000..4500]))
            .Concat(finder.AddAndFind(items[4500..]))
            .ToList();
        Assert.NotEmpty(batch);
        Assert.Equal(Normalise(batch), Normalise(incremental));
    }

    [Fact]
    public void RestoredSignaturesFindTheSamePairsAsKeptShingles()
    {
        var items = Planted(4000);
        var old = items[..2500];
        var signatures = new MinHashSignature[old.Count];
        new NearDuplicateFinder().AddAndFind(old, (i, s) => signatures[i] = s);

        var byId = items.ToDictionary(i => i.Id);
        var asked = 0;
        var restored = new NearDuplicateFinder(shinglesOfRestored: ids =>
        {
            asked += ids.Count;
            return ids.ToDictionary(id => id, id => byId[id].Shingles);
        });
        // Round trip through bytes, as the archive stores them.
        restored.Restore(old.Select((item, i) => (item.Id, MinHashSignature.FromBytes(signatures[i].ToBytes()))));
        var later = restored.AddAndFind(items[2500..]);

        var expected = NearDuplicateFinder.Find(items).Where(p => byId[p.Second].Id > 0 && IsNew(p, old)).ToList();
        Assert.NotEmpty(later);
        Assert.Equal(Normalise(expected), Normalise(later));
        Assert.InRange(asked, 1, 2500); // only candidates are fetched back

        static bool IsNew(NearDuplicatePair p, List<NearDuplicateItem> old)
            => !(old.Any(o => o.Id == p.First) && old.Any(o => o.Id == p.Second));
    }

    [Fact]
    public void PostsWithNothingInCommonGiveNoPairsAndNoError()
        => Assert.Empty(NearDuplicateFinder.Find([new NearDuplicateItem(1, Shingles.Of("один два три")), new NearDuplicateItem(2, Shingles.Of("четыре пять шесть"))]));

    [Fact]
    public void TheFinderNeverReturnsAPairBelowTheThreshold()
    {
        var gen = Gen.Select(Gen.Int[20, 300], Gen.Int[1, 1_000_000], Gen.Double[0.5, 1.0]);
        Check.Sample(gen, t =>
        {
            var (count, seed, threshold) = t;
            var items = Planted(count, seed);
            var pairs = NearDuplicateFinder.Find(items, threshold);
            var byId = items.ToDictionary(i => i.Id);
            foreach (var p in pairs)
            {
                var exact = Shingles.Jaccard(byId[p.First].Shingles, byId[p.Second].Shingles);
                Assert.Equal(exact, p.Jaccard);
                Assert.True(exact >= threshold, $"{p} below {threshold}");
                Assert.NotEqual(p.First, p.Second);
            }
            Assert.Equal(pairs.Count, pairs.Select(p => BruteForce.Key(p.First, p.Second)).Distinct().Count());
        }, iter: 60);
    }

    [Fact]
    public void OnAPlantedCorpusRecallIsAtLeast97PercentAndPrecision99()
    {
        var items = Planted(30_000);
        var (recall, precision) = Measure("planted 30,000 posts", items);
        Assert.True(recall >= 0.97, $"recall {recall:F4}");
        Assert.True(precision >= 0.99, $"precision {precision:F4}");
    }

    [SkippableFact]
    public void OnTheRealNewsCorpusRecallIsAtLeast97PercentAndPrecision99()
    {
        var folder = Corpus.Require("telegram-ru-news");
        var items = new List<NearDuplicateItem>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var message in doc.RootElement.EnumerateArray())
            {
                var text = message.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                items.Add(new NearDuplicateItem(items.Count + 1, Shingles.Of(text)));
            }
        }
        var (recall, precision) = Measure($"telegram-ru-news, {items.Count:N0} posts", items);
        Assert.True(recall >= 0.97, $"recall {recall:F4}");
        Assert.True(precision >= 0.99, $"precision {precision:F4}");
    }

    private (double Recall, double Precision) Measure(string name, List<NearDuplicateItem> items)
    {
        var clock = Stopwatch.StartNew();
        var truth = BruteForce.Pairs(items, NearDuplicateFinder.DefaultThreshold);
        var bruteSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var found = NearDuplicateFinder.Find(items);
        var findSeconds = clock.Elapsed.TotalSeconds;
        var hits = found.Count(p => truth.ContainsKey(BruteForce.Key(p.First, p.Second)));
        var recall = truth.Count == 0 ? 1 : (double)hits / truth.Count;
        var precision = found.Count == 0 ? 1 : (double)hits / found.Count;
        var bands = truth.Values.GroupBy(j => j >= 0.999 ? "1.0" : j >= 0.9 ? "[0.9,1)" : "[0.8,0.9)")
            .OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"{name}: {truth.Count:N0} true pairs at J ≥ 0.8 ({string.Join(", ", bands)}); found {found.Count:N0}, " +
            $"recall {recall:F4}, precision {precision:F4}; brute force {bruteSeconds:F2} s, finder {findSeconds:F2} s");
        foreach (var missed in truth.Where(t => !found.Any(f => BruteForce.Key(f.First, f.Second) == t.Key)).Take(5))
            output.WriteLine($"  missed {missed.Key} J = {missed.Value:F3}");
        return (recall, precision);
    }

    private static List<(long, long, double)> Normalise(IEnumerable<NearDuplicatePair> pairs)
        => pairs.Select(p => (BruteForce.Key(p.First, p.Second).Item1, BruteForce.Key(p.First, p.Second).Item2, p.Jaccard)).Order().ToList();
}
