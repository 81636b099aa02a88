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
        var keys = new List<uint>();
        Span<uint> buffer = stackalloc uint[LshIndex.Bands];
        var n = 0;
        foreach (var (id, signature) in signed)
        {
            LshIndex.BandKeys(signature.Values, buffer);
            foreach (var k in buffer) keys.Add(k);
            ids.Add(id);
            shingles.Add(null);
            n++;
        }
        index.AddRange(keys.ToArray(), n);
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
        var keys = new uint[items.Count * LshIndex.Bands];
        var signable = new bool[items.Count];
        Parallel.ForEach(Partitioner.Create(0, items.Count, Math.Max(256, items.Count / (Environment.ProcessorCount * 8) + 1)),
            () => new uint[MinHashSignature.Length],
            (range, _, values) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    if (!MinHashSignature.TrySign(items[i].Shingles, values)) continue;
                    signable[i] = true;
                    LshIndex.BandKeys(values, keys.AsSpan(i * LshIndex.Bands, LshIndex.Bands));
                    if (signed is not null) signed(i, MinHashSignature.FromValues(values));
                }
                return values;
            },
            _ => { });

        // Compact the signable items into new slots.
        var first = ids.Count;
        var added = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (!signable[i]) continue;
            if (added != i) keys.AsSpan(i * LshIndex.Bands, LshIndex.Bands).CopyTo(keys.AsSpan(added * LshIndex.Bands));
            ids.Add(items[i].Id);
            shingles.Add(items[i].Shingles);
            added++;
        }
        if (added == 0) return [];
        index.AddRange(keys.AsSpan(0, added * LshIndex.Bands), added);

        var found = new ConcurrentBag<List<(int Earlier, int Later, double Jaccard)>>();
        var deferred = new ConcurrentBag<List<(int Earlier, int Later)>>();
        var total = ids.Count;
        Parallel.ForEach(Partitioner.Create(0, added, Math.Max(256, added / (Environment.ProcessorCount * 8) + 1)),
            () => new QueryState(total),
            (range, _, state) =>
            {
                for (var n = range.Item1; n < range.Item2; n++)
                {
                    var q = first + n;
                    state.Visitor.Mark = q + 1;
                    state.Visitor.Found.Clear();
                    index.ForEachCandidate(keys.AsSpan(n * LshIndex.Bands, LshIndex.Bands), q, ref state.Visitor);
                    var mine = shingles[q]!;
                    foreach (var c in state.Visitor.Found)
                    {
                        var theirs = shingles[c];
                        if (theirs is null) { state.Deferred.Add((c, q)); continue; }
                        if (Verify(mine, theirs) is var j && j >= Threshold) state.Pairs.Add((c, q, j));
                    }
                }
                return state;
            },
            state => { found.Add(state.Pairs); deferred.Add(state.Deferred); });

        var pairs = found.SelectMany(p => p).ToList();
        var waiting = deferred.SelectMany(d => d).ToList();
        if (waiting.Count > 0) pairs.AddRange(VerifyRestored(waiting));
        pairs.Sort((a, b) => a.Later != b.Later ? a.Later.CompareTo(b.Later) : a.Earlier.CompareTo(b.Earlier));
        return pairs.ConvertAll(p => new NearDuplicatePair(ids[p.Earlier], ids[p.Later], p.Jaccard));
    }

    /// <summary>Exact Jaccard, or −1 when the sizes alone rule out the threshold (J ≤ min/max).</summary>
    private double Verify(ulong[] a, ulong[] b)
    {
        var (small, large) = a.Length <= b.Length ? (a.Length, b.Length) : (b.Length, a.Length);
        if (small < Threshold * large) return -1;
        return Shingles.Jaccard(a, b);
    }

    private List<(int Earlier, int Later, double Jaccard)> VerifyRestored(List<(int Earlier, int Later)> waiting)
    {
        var wanted = waiting.Select(w => ids[w.Earlier]).Distinct().ToList();
        var resolved = resolve!(wanted);
        var result = new List<(int, int, double)>();
        foreach (var (earlier, later) in waiting)
        {
            if (!resolved.TryGetValue(ids[earlier], out var theirs)) continue;
            if (Verify(shingles[later]!, theirs) is var j && j >= Threshold) result.Add((earlier, later, j));
        }
        return result;
    }

    private sealed class QueryState(int slots)
    {
        public Visitor Visitor = new() { Stamp = new int[slots], Found = [] };
        public readonly List<(int Earlier, int Later, double Jaccard)> Pairs = [];
        public readonly List<(int Earlier, int Later)> Deferred = [];
    }

    private struct Visitor : LshIndex.ICandidateVisitor
    {
        public int[] Stamp;
        public List<int> Found;
        public int Mark;

        public readonly void Visit(int slot)
        {
            if (Stamp[slot] == Mark) return;
            Stamp[slot] = Mark;
            Found.Add(slot);
        }
    }
}
