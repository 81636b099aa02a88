using System.Globalization;
using Faultline.Analysis.Echoes;
using Faultline.Bench;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Echoes;

/// <summary>Precision and recall of the echo stage on the hand-labelled pairs of the real corpus (Data/echoes/README.md).</summary>
public class EchoQualityTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void EchoesOfTheRealCorpusMatchTheLabelledPairs()
    {
        var corpus = RuNewsCorpus.Load(Corpus.Require("telegram-ru-news"));
        var edges = new EchoFinder().Find(corpus.Posts).Select(e => (e.Earlier, e.Later)).ToHashSet();

        int truePositives = 0, falsePositives = 0, falseNegatives = 0, pairs = 0;
        foreach (var line in File.ReadLines(Path.Combine(Corpus.Data, "echoes", "labelled-pairs.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            var a = corpus.Posts[corpus.IndexOf(Long(f[0]), Long(f[1]))].Id;
            var b = corpus.Posts[corpus.IndexOf(Long(f[2]), Long(f[3]))].Id;
            var linked = edges.Contains((a, b)) || edges.Contains((b, a));
            var echo = f[5] == "echo";
            pairs++;
            if (linked && echo) truePositives++;
            else if (linked) falsePositives++;
            else if (echo) falseNegatives++;
        }
        var precision = truePositives / (double)(truePositives + falsePositives);
        var recall = truePositives / (double)(truePositives + falseNegatives);
        var f1 = 2 * precision * recall / (precision + recall);
        output.WriteLine(FormattableString.Invariant(
            $"{pairs} labelled pairs, {edges.Count} echo edges in the corpus: precision {precision:F3}, recall {recall:F3}, F1 {f1:F3}"));

        Assert.True(pairs >= 150, $"only {pairs} labelled pairs");
        Assert.True(precision >= 0.78, $"precision {precision:F3}");
        Assert.True(recall >= 0.72, $"recall {recall:F3}");
    }

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);
}
