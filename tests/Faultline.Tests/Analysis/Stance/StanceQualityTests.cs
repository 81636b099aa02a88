using Faultline.Analysis.Actors;
using Faultline.Analysis.Stance;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Stance;

/// <summary>Accuracy and per-class F1 of the stance classifier on the hand-labelled set (Data/stance/labelled.tsv).</summary>
public sealed class StanceQualityTests(ITestOutputHelper output)
{
    private sealed record Item(string Split, string Language, string ActorId, string Mention, StanceKind Expected, string Text);

    private static readonly StanceKind[] Classes = [StanceKind.Criticise, StanceKind.Support, StanceKind.Neutral];

    private static List<Item> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(Corpus.Data, "stance", "labelled.tsv")).Skip(1).Where(l => l.Length > 0);
        return lines.Select(l => l.Split('\t')).Select(f => new Item(f[0], f[1], f[2], f[3], f[4] switch
        {
            "criticise" => StanceKind.Criticise,
            "support" => StanceKind.Support,
            "neutral" => StanceKind.Neutral,
            _ => throw new FormatException("bad label " + f[4]),
        }, f[5])).ToList();
    }

    /// <summary>Classifies each post once with every labelled actor's mentions (all occurrences of each surface).</summary>
    private static List<(Item Item, StanceKind Predicted)> Predict(IEnumerable<Item> items)
    {
        var results = new List<(Item, StanceKind)>();
        foreach (var post in items.GroupBy(i => (i.Text, i.Language)))
        {
            var mentions = new List<(string, int, int)>();
            foreach (var item in post)
            {
                for (var at = post.Key.Text.IndexOf(item.Mention, StringComparison.Ordinal); at >= 0;
                     at = post.Key.Text.IndexOf(item.Mention, at + item.Mention.Length, StringComparison.Ordinal))
                    mentions.Add((item.ActorId, at, item.Mention.Length));
            }
            var calls = StanceClassifier.Classify(post.Key.Text, post.Key.Language, mentions);
            foreach (var item in post) results.Add((item, calls.Single(c => c.ActorId == item.ActorId).Stance));
        }
        return results;
    }

    private (double Accuracy, double MacroF1, Dictionary<StanceKind, double> F1) Measure(string split)
    {
        var predictions = Predict(Load().Where(i => i.Split == split));
        var accuracy = predictions.Count(p => p.Item.Expected == p.Predicted) / (double)predictions.Count;
        var f1 = new Dictionary<StanceKind, double>();
        foreach (var c in Classes)
        {
            var tp = predictions.Count(p => p.Predicted == c && p.Item.Expected == c);
            var fp = predictions.Count(p => p.Predicted == c && p.Item.Expected != c);
            var fn = predictions.Count(p => p.Predicted != c && p.Item.Expected == c);
            var precision = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
            var recall = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
            f1[c] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            output.WriteLine($"{split} {c}: precision {precision:F3} recall {recall:F3} F1 {f1[c]:F3} (n={tp + fn})");
        }
        var macro = f1.Values.Average();
        output.WriteLine($"{split}: {predictions.Count} items, accuracy {accuracy:F3}, macro-F1 {macro:F3}");
        foreach (var miss in predictions.Where(p => p.Item.Expected != p.Predicted))
            output.WriteLine($"  miss [{miss.Item.Language}] {miss.Item.ActorId}: expected {miss.Item.Expected}, got {miss.Predicted}: {miss.Item.Text}");
        return (accuracy, macro, f1);
    }

    [Fact]
    public void TheLabelledSetHoldsAtLeast300ItemsInThreeLanguagesAndThreeClasses()
    {
        var items = Load();
        Assert.True(items.Count >= 300, $"{items.Count} items");
        Assert.Equal(["en", "ru", "uk"], items.Select(i => i.Language).Distinct().Order().ToArray());
        Assert.All(Classes, c => Assert.Contains(items, i => i.Expected == c));
        Assert.All(items, i => Assert.Contains(i.Mention, i.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void StanceOnTheTuningSplitReachesItsAccuracyAndF1Floors()
    {
        var (accuracy, macro, f1) = Measure("tune");
        Assert.True(accuracy >= TuneAccuracyFloor, $"accuracy {accuracy:F3}");
        Assert.True(macro >= TuneMacroF1Floor, $"macro-F1 {macro:F3}");
        Assert.All(Classes, c => Assert.True(f1[c] >= TuneClassF1Floor, $"{c} F1 {f1[c]:F3}"));
    }

    [Fact]
    public void StanceOnTheHeldOutHardSplitReachesItsAccuracyFloor()
    {
        var (accuracy, macro, _) = Measure("holdout");
        Assert.True(accuracy >= HoldoutAccuracyFloor, $"accuracy {accuracy:F3}");
        Assert.True(macro >= HoldoutMacroF1Floor, $"macro-F1 {macro:F3}");
    }

    // Measured: tune accuracy 0.889, macro-F1 0.890 (criticise 0.897, support 0.891, neutral 0.880);
    // held-out hard split accuracy 0.286, macro-F1 0.308 (never tuned on; it records how far rules fall short).
    private const double TuneAccuracyFloor = 0.87;
    private const double TuneMacroF1Floor = 0.87;
    private const double TuneClassF1Floor = 0.85;
    private const double HoldoutAccuracyFloor = 0.26;
    private const double HoldoutMacroF1Floor = 0.28;
}
