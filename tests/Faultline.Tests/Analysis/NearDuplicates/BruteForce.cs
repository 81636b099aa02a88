using Faultline.Analysis.NearDuplicates;

namespace Faultline.Tests.Analysis.NearDuplicates;

/// <summary>Exact truth: every pair with Jaccard ≥ threshold, by an inverted index over shingles.</summary>
internal static class BruteForce
{
    /// <summary>
    /// Pairs (smaller id, larger id) → Jaccard. Only pairs sharing a shingle can have Jaccard &gt; 0, so the inverted
    /// index enumerates exactly those, counting shared shingles per pair; no pair is estimated.
    /// </summary>
    public static Dictionary<(long, long), double> Pairs(IReadOnlyList<NearDuplicateItem> items, double threshold)
    {
        var postings = new Dictionary<ulong, List<int>>();
        var truth = new Dictionary<(long, long), double>();
        var common = new int[items.Count];
        var touched = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            touched.Clear();
            foreach (var s in items[i].Shingles)
            {
                if (!postings.TryGetValue(s, out var list)) postings[s] = list = [];
                foreach (var j in list)
                {
                    if (common[j]++ == 0) touched.Add(j);
                }
                list.Add(i);
            }
            foreach (var j in touched)
            {
                var c = common[j];
                common[j] = 0;
                var jaccard = (double)c / (items[i].Shingles.Length + items[j].Shingles.Length - c);
                if (jaccard >= threshold) truth[Key(items[i].Id, items[j].Id)] = jaccard;
            }
        }
        return truth;
    }

    public static (long, long) Key(long a, long b) => a < b ? (a, b) : (b, a);
}
