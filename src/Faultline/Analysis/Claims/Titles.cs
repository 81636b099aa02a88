using System.Text.RegularExpressions;

namespace Faultline.Analysis.Claims;

/// <summary>Picks a claim's title: its most central sentence, in the original language.</summary>
internal static partial class Titles
{
    private const int MinStems = 3;
    private const int MaxLength = 240;

    [GeneratedRegex(@"(?<=[.!?…])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\*\*|__|~~|\|\||`")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>
    /// The origin's sentence whose stems, weighted by idf, are on average most covered by the members' stems
    /// (sentences of fewer than three stems only when there is nothing else; any member's sentences when the origin
    /// has none). Ties go to the earlier sentence.
    /// </summary>
    public static string MostCentralSentence(AnalysisPost origin, IReadOnlyList<AnalysisPost> members, IEnumerable<int[]> memberKeys, ClaimBuilder.PostIndex index)
    {
        // Members have a few dozen keys each: a scan of each array beats building a set for it.
        var memberStems = memberKeys.ToList();
        var best = Best(origin, memberStems, index) ?? members.Skip(1).Select(m => Best(m, memberStems, index)).Where(b => b is not null)
            .OrderByDescending(b => b!.Value.Score).FirstOrDefault();
        return best?.Sentence ?? Clean(origin.Text);
    }

    private static (string Sentence, double Score)? Best(AnalysisPost post, List<int[]> memberStems, ClaimBuilder.PostIndex index)
    {
        (string Sentence, double Score)? best = null;
        var bestRank = (-1, -1.0);
        var sentences = SentenceBreak().Split(post.Text);
        if (sentences.Length == 1 && Clean(sentences[0]) is { Length: > 0 } only) return (only, 1); // nothing to choose from
        foreach (var raw in sentences)
        {
            var sentence = Clean(raw);
            var stems = ClaimBuilder.StemsOf(sentence, post.Language).Select(index.StemId).ToList();
            if (stems.Count == 0) continue;
            var weights = stems.Select(index.IdfOf).ToArray();
            var total = weights.Sum();
            var coverage = memberStems.Average(keys => Covered(keys, stems, weights) / total);
            var rank = (stems.Count >= MinStems ? 1 : 0, coverage);
            if (rank.CompareTo(bestRank) > 0)
            {
                bestRank = rank;
                best = (sentence, coverage);
            }
        }
        return best;
    }

    /// <summary>The summed weights of the stems a member has, in the stems' order.</summary>
    private static double Covered(int[] keys, List<int> stems, double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < stems.Count; i++) sum += Array.IndexOf(keys, stems[i]) >= 0 ? weights[i] : 0;
        return sum;
    }

    private static string Clean(string text)
    {
        var clean = Spaces().Replace(Markup().Replace(text, ""), " ").Trim();
        return clean.Length <= MaxLength ? clean : clean[..(MaxLength - 1)] + "…";
    }
}
