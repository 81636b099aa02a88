using System.Collections.Concurrent;

namespace Faultline.Analysis.NearDuplicates;

/// <summary>A post to compare: its archive id and its <see cref="Shingles"/> (sorted, unique).</summary>
public sealed record NearDuplicateItem(long Id, ulong[] Shingles);

/// <summary>
/// Two near-duplicate posts: <paramref name="First"/> was added to the finder before <paramref name="Second"/>
/// (order of addition, not of publication: the caller orients edges by date). <paramref name="Jaccard"/> is exact.
/// </summary>
public readonly record struct NearDuplicatePair(long First, long Second, double Jaccard);

/// <summary>
/// Finds every pair of posts whose shingle sets have Jaccard similarity at or above a threshold: MinHash
/// signatures, LSH banding for candidates, exact Jaccard to verify. Grows incrementally: each
/// <see cref="AddAndFind"/> reports the pairs among its new items and between them and everything added before.
/// </summary>
/// <remarks>
/// Precision is 1 by construction (every reported pair was verified exactly); recall is bounded by the banding's
/// collision probability (≥ 0.998 at J = 0.8, higher above; see <see cref="LshIndex"/>). Not thread-safe: one
/// <see cref="AddAndFind"/> at a time (it parallelises internally).
/// </remarks>
public sealed class NearDuplicateFinder
{
    /// <summary>The default similarity threshold.</summary>
    public const double DefaultThreshold = 0.8;

    private readonly LshIndex index = new();
    private readonly List<long> ids = [];
    private readonly List<ulong[]?> shingles = []; // null for restored slots: resolved on demand
    private readonly Func<IReadOnlyList<long>, IReadOnlyDictionary<long, ulong[]>>? resolve;

    /// <summary>A finder reporting pairs with Jaccard ≥ <paramref name="threshold"/>.</summary>
    /// <param name="threshold">In (0, 1]. Below about 0.7 the banding's recall falls (see <see cref="LshIndex"/>).</param>
    /// <param name="shinglesOfRestored">
    /// Given ids passed to <see cref="Restore"/>, returns their shingles (for example from the archived texts);
    /// called once per <see cref="AddAndFind"/>, only for restored posts that are candidates. Required only when
    /// <see cref="Restore"/> is used.
    /// </param>
    public NearDuplicateFinder(double threshold = DefaultThreshold,
        Func<IReadOnlyList<long>, IReadOnlyDictionary<long, ulong[]>>? shinglesOfRestored = null)
    {
        if (!(threshold > 0 && threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be in (0, 1]");
        Threshold = threshold;
        resolve = shinglesOfRestored;
    }

    /// <summary>The similarity threshold.</summary>
    public double Threshold { get; }

    /// <summary>Posts indexed (posts without shingles are never indexed).</summary>
    public int Count => ids.Count;

    /// <summary>Approximate heap bytes of the LSH tables (excluding the shingles kept for verification).</summary>
    public long IndexBytes => index.Bytes;

    /// <summary>All near-duplicate pairs among <paramref name="items"/>.</summary>
    public static IReadOnlyList<NearDuplicatePair> Find(IReadOnlyList<NearDuplicateItem> items, double threshold = DefaultThreshold)
        => new NearDuplicateFinder(threshold).AddAndFind(items);

    /// <summary>
    /// Puts back posts signed in an earlier run (their stored <see cref="MinHashSignature"/>), without comparing them
    /// to anything; later <see cref="AddAndFind"/> calls find pairs with them.
    /// </summary>
    public void Restore(IEnumerable<(long Id, MinHashSignature Signature)> signed)
    {
        ArgumentNullException.ThrowIfNull(signed);
        if (resolve is null) throw new InvalidOperationException("Restore needs the shinglesOfRestored callback to verify candidates");
        var list = signed.ToList();
        var keys = new uint[list.Count * LshIndex.Bands];
        Span<uint> buffer = stackalloc uint[LshIndex.Bands];
        for (var i = 0; i < list.Count; i++)
        {
            LshIndex.BandKeys(list[i].Signature.Values, buffer);
            for (var b = 0; b < LshIndex.Bands; b++) keys[b * list.Count + i] = buffer[b];
            ids.Add(list[i].Id);
            shingles.Add(null);
        }
        index.AddRange(keys, list.Count, collide: false);
    }

    /// <summary>
    /// Signs and indexes <paramref name="items"/>, then returns every pair with Jaccard ≥ <see cref="Threshold"/>
    /// among them and between them and the posts already held, each pair once, in a deterministic order.
    /// </summary>
    /// <param name="items">Posts to add; an item without shingles is skipped (never a near-duplicate).</param>
    /// <param name="signed">
    /// Called with each item's position in <paramref name="items"/> and its signature, for the caller to store;
    /// called from several threads at once.
    /// </param>
    public IReadOnlyList<NearDuplicatePair> AddAndFind(IReadOnlyList<NearDuplicateItem> items, Action<int, MinHashSignature>? signed = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) return [];
        var n = items.Count;
        var keys = new uint[n * LshIndex.Bands]; // band-major: keys[b * n + i]
        var signable = new bool[n];
        Parallel.ForEach(Partitioner.Create(0, n, Math.Max(256, n / (Environment.ProcessorCount * 8) + 1)),
            () => (Values: new uint[MinHashSignature.Length], Keys: new uint[LshIndex.Bands]),
            (range, _, buffers) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    if (!MinHashSignature.TrySign(items[i].Shingles, buffers.Values)) continue;
                    signable[i] = true;
                    LshIndex.BandKeys(buffers.Values, buffers.Keys);
                    for (var b = 0; b < LshIndex.Bands; b++) keys[b * n + i] = buffers.Keys[b];
                    if (signed is not null) signed(i, MinHashSignature.FromValues(buffers.Values));
                }
                return buffers;
            },
            _ => { });

        var first = ids.Count;
        var added = 0;
        for (var i = 0; i < n; i++)
        {
            if (!signable[i]) continue;
            ids.Add(items[i].Id);
            shingles.Add(items[i].Shingles);
            added++;
        }
        if (added == 0) return [];
        if (added < n) keys = Compact(keys, signable, added);
        var collisions = index.AddRange(keys, added, collide: true)!;

        // One entry per shared band: sort and drop repeats; the packed order is (later, earlier), deterministic.
        var candidates = new ulong[collisions.Sum(c => c.Count)];
        var at = 0;
        foreach (var c in collisions)
        {
            c.CopyTo(candidates, at);
            at += c.Count;
        }
        Array.Sort(candidates);
        var unique = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (unique == 0 || candidates[i] != candidates[unique - 1]) candidates[unique++] = candidates[i];
        }

        if (unique == 0) return [];
        var jaccard = new double[unique];
        var deferred = new ConcurrentBag<int>();
        Parallel.ForEach(Partitioner.Create(0, unique, Math.Max(1024, unique / (Environment.ProcessorCount * 8) + 1)), range =>
        {
            for (var k = range.Item1; k < range.Item2; k++)
            {
                var later = (int)(candidates[k] >> 32);
                var earlier = (int)(uint)candidates[k];
                var theirs = shingles[earlier];
                if (theirs is null)
                {
                    jaccard[k] = double.NaN;
                    deferred.Add(k);
                    continue;
                }
                jaccard[k] = Verify(shingles[later]!, theirs);
            }
        });
        if (!deferred.IsEmpty) VerifyRestored(candidates, jaccard, deferred);

        var pairs = new List<NearDuplicatePair>();
        for (var k = 0; k < unique; k++)
        {
            if (jaccard[k] >= Threshold) pairs.Add(new NearDuplicatePair(ids[(int)(uint)candidates[k]], ids[(int)(candidates[k] >> 32)], jaccard[k]));
        }
        return pairs;
    }

    /// <summary>Drops the unsignable items' columns from band-major keys.</summary>
    private static uint[] Compact(uint[] keys, bool[] signable, int added)
    {
        var n = signable.Length;
        var compact = new uint[added * LshIndex.Bands];
        for (var b = 0; b < LshIndex.Bands; b++)
        {
            var to = b * added;
            for (var i = 0; i < n; i++) if (signable[i]) compact[to++] = keys[b * n + i];
        }
        return compact;
    }

    /// <summary>Exact Jaccard, or −1 when the sizes alone rule out the threshold (J ≤ min/max).</summary>
    private double Verify(ulong[] a, ulong[] b)
    {
        var (small, large) = a.Length <= b.Length ? (a.Length, b.Length) : (b.Length, a.Length);
        if (small < Threshold * large) return -1;
        return Shingles.Jaccard(a, b);
    }

    private void VerifyRestored(ulong[] candidates, double[] jaccard, IEnumerable<int> waiting)
    {
        var wanted = waiting.Select(k => ids[(int)(uint)candidates[k]]).Distinct().ToList();
        var resolved = resolve!(wanted);
        foreach (var k in waiting)
        {
            var later = (int)(candidates[k] >> 32);
            var earlier = (int)(uint)candidates[k];
            jaccard[k] = resolved.TryGetValue(ids[earlier], out var theirs) ? Verify(shingles[later]!, theirs) : -1;
        }
    }
}
