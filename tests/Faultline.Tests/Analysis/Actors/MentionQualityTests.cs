using Faultline.Analysis.Actors;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Actors;

/// <summary>Micro precision and recall of the mention finder over the hand-labelled set in Data/mentions.</summary>
public sealed class MentionQualityTests(ITestOutputHelper output)
{
    private sealed record Labelled(int Line, string Language, string Text, IReadOnlyList<(string ActorId, string Surface)> Expected);

    private static List<Labelled> ReadSet()
    {
        var path = Path.Combine(Corpus.Data, "mentions", "mentions.tsv");
        var items = new List<Labelled>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) continue;
            var parts = lines[i].Split('\t');
            Assert.True(parts.Length == 3, $"mentions.tsv:{i + 1}: expected 3 tab-separated columns");
            var expected = parts[2].Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Split('=', 2)).Select(p => (p[0], p[1])).ToList();
            items.Add(new Labelled(i + 1, parts[0], parts[1], expected));
        }
        return items;
    }

    [Fact]
    public void TheLabelledSetHoldsAtLeast300MentionsInThreeLanguages()
    {
        var set = ReadSet();
        Assert.True(set.Sum(s => s.Expected.Count) >= 300);
        Assert.Equal(["en", "ru", "uk"], set.Select(s => s.Language).Distinct().Order());
        Assert.True(set.Count(s => s.Expected.Count == 0) >= 25, "negatives");
        var ids = ActorRegistry.Default.Actors.Select(a => a.Id).ToHashSet();
        Assert.All(set.SelectMany(s => s.Expected), e => Assert.Contains(e.ActorId, ids));
        Assert.All(set, s => Assert.All(s.Expected, e => Assert.Contains(e.Surface, s.Text, StringComparison.Ordinal)));
    }

    [Fact]
    public void MentionsReachPrecisionAndRecallOfNinetyPercentOnTheLabelledSet()
    {
        var finder = new MentionFinder(ActorRegistry.Default);
        var byLanguage = new SortedDictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        foreach (var item in ReadSet())
        {
            var found = finder.Find(item.Text);
            foreach (var m in found) Assert.Equal(m.Surface, item.Text.Substring(m.Offset, m.Length));
            var remaining = item.Expected.ToList();
            var (tp, fp) = (0, 0);
            foreach (var m in found)
            {
                var k = remaining.IndexOf((m.ActorId, m.Surface));
                if (k >= 0)
                {
                    remaining.RemoveAt(k);
                    tp++;
                }
                else
                {
                    fp++;
                    output.WriteLine($"line {item.Line} false positive {m.ActorId}={m.Surface}: {item.Text}");
                }
            }
            foreach (var miss in remaining) output.WriteLine($"line {item.Line} missed {miss.ActorId}={miss.Surface}: {item.Text}");
            var c = byLanguage.GetValueOrDefault(item.Language);
            byLanguage[item.Language] = (c.Tp + tp, c.Fp + fp, c.Fn + remaining.Count);
        }
        foreach (var (language, c) in byLanguage)
            output.WriteLine($"{language}: P={P(c):F3} R={R(c):F3} (tp {c.Tp}, fp {c.Fp}, fn {c.Fn})");
        var all = (Tp: byLanguage.Values.Sum(c => c.Tp), Fp: byLanguage.Values.Sum(c => c.Fp), Fn: byLanguage.Values.Sum(c => c.Fn));
        output.WriteLine($"all: P={P(all):F3} R={R(all):F3} (tp {all.Tp}, fp {all.Fp}, fn {all.Fn})");
        Assert.True(P(all) >= 0.9, $"precision {P(all):F3}");
        Assert.True(R(all) >= 0.9, $"recall {R(all):F3}");

        static double P((int Tp, int Fp, int Fn) c) => c.Tp + c.Fp == 0 ? 1 : (double)c.Tp / (c.Tp + c.Fp);
        static double R((int Tp, int Fp, int Fn) c) => c.Tp + c.Fn == 0 ? 1 : (double)c.Tp / (c.Tp + c.Fn);
    }
}

/// <summary>The same measure over real posts of the shared corpus, labelled by (file, message_id) with actor ids.</summary>
public sealed class MentionCorpusQualityTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void MentionsInRealNewsPostsReachPrecisionAndRecallOfEightyFivePercent()
    {
        var folder = Corpus.Require("telegram-ru-news");
        var finder = new MentionFinder(ActorRegistry.Default);
        var texts = new Dictionary<(string, long), string>();
        var labels = File.ReadAllLines(Path.Combine(Corpus.Data, "mentions", "real-post-labels.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        foreach (var file in labels.Select(l => l[0]).Distinct())
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));
            foreach (var m in doc.RootElement.EnumerateArray())
                if (m.TryGetProperty("text", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String)
                    texts[(file, m.GetProperty("message_id").GetInt64())] = t.GetString()!;
        }
        int tp = 0, fp = 0, fn = 0;
        foreach (var l in labels)
        {
            var text = texts[(l[0], long.Parse(l[1], System.Globalization.CultureInfo.InvariantCulture))];
            var expected = l[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (var m in finder.Find(text))
            {
                if (expected.Remove(m.ActorId)) tp++;
                else
                {
                    fp++;
                    output.WriteLine($"{l[0]} {l[1]}: false positive {m.ActorId} «{m.Surface}»");
                }
            }
            fn += expected.Count;
            foreach (var miss in expected) output.WriteLine($"{l[0]} {l[1]}: missed {miss}");
        }
        var p = (double)tp / (tp + fp);
        var r = (double)tp / (tp + fn);
        output.WriteLine($"telegram-ru-news: P={p:F3} R={r:F3} (tp {tp}, fp {fp}, fn {fn}) over {labels.Count} posts");
        Assert.True(p >= 0.85, $"precision {p:F3}");
        Assert.True(r >= 0.85, $"recall {r:F3}");
    }
}
