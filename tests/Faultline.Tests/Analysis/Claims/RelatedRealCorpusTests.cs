using System.Diagnostics;
using System.Globalization;
using Faultline.Analysis.Claims;
using Faultline.Bench;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>Related items over the real telegram-ru-news corpus, checked against the hand-labelled echo pairs (Data/echoes/README.md).</summary>
public class RelatedRealCorpusTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void LabelledRewritesAreAmongTheRelatedPostsOfTheRealCorpus()
    {
        var corpus = RuNewsCorpus.Load(Corpus.Require("telegram-ru-news"));
        var watch = Stopwatch.StartNew();
        var index = RelatedIndex.Build(corpus.Posts, []);
        var build = watch.Elapsed;

        int echoes = 0, foundTop10 = 0, foundTop50 = 0, foundFirst = 0, negatives = 0, negativesInTop3 = 0;
        var queries = 0;
        watch.Restart();
        foreach (var line in File.ReadLines(Path.Combine(Corpus.Data, "echoes", "labelled-pairs.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            var a = corpus.Posts[corpus.IndexOf(Long(f[0]), Long(f[1]))].Id;
            var b = corpus.Posts[corpus.IndexOf(Long(f[2]), Long(f[3]))].Id;
            var related50 = index.ForPost(a, 50).Where(r => r.Kind == "post").Select(r => r.Id).ToList();
            var related = related50.Take(10).ToList();
            queries++;
            if (f[5] == "echo")
            {
                echoes++;
                if (related.Contains(b)) foundTop10++;
                if (related50.Contains(b)) foundTop50++;
                if (related.FirstOrDefault() == b) foundFirst++;
            }
            else
            {
                negatives++;
                if (related.Take(3).Contains(b)) negativesInTop3++;
            }
        }
        var perQuery = watch.Elapsed.TotalMilliseconds / queries;
        var recall = foundTop10 / (double)echoes;
        output.WriteLine(FormattableString.Invariant(
            $"{corpus.Posts.Count:N0} posts indexed in {build.TotalSeconds:F2} s, {perQuery:F2} ms per query; ") + FormattableString.Invariant(
            $"{echoes} labelled rewrites: partner in top 10 {foundTop10} ({recall:P1}), in top 50 {foundTop50}, first {foundFirst}; ") + FormattableString.Invariant(
            $"{negatives} labelled non-rewrites in top 3: {negativesInTop3}"));

        Assert.True(echoes >= 80, $"only {echoes} labelled rewrites");
        // Big stories have dozens of true rewrites: the labelled partner may be one of many ahead of it, hence top 50 too.
        Assert.True(recall >= 0.8, $"recall@10 {recall:F3}");
        Assert.True(foundTop50 >= 0.9 * echoes, $"recall@50 {foundTop50}/{echoes}");
    }

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);
}
