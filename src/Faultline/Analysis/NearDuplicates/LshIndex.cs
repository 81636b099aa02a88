namespace Faultline.Analysis.NearDuplicates;

/// <summary>
/// LSH banding over <see cref="MinHashSignature"/>s: the 128 values are cut into <see cref="Bands"/> bands of
/// <see cref="Rows"/> rows (126 values used); two signatures are candidates when all rows of at least one band agree.
/// </summary>
/// <remarks>
/// <para>For two sets of Jaccard J, a band agrees with probability J^r, so the pair becomes a candidate with
/// probability 1 − (1 − J^r)^b. With b = 21, r = 6 (computed by <see cref="CollisionProbability"/>):
/// J = 0.5 → 0.282, J = 0.7 → 0.928, J = 0.8 → 0.9983, J = 0.9 → 1.0000 (1 − 4e-13).
/// r = 6 is the largest r for which some b ≤ 128 / r reaches 0.99 at J = 0.8 (r = 7, b = 18 gives 0.986), and the
/// largest r keeps the fewest dissimilar candidates to verify.</para>
/// <para>Items live in dense slots 0, 1, 2 … in the order added. A band's key is a 32-bit hash of its six values
/// (band number mixed in); two different bands of six values share a key with probability 2^-32 per pair, which
/// only adds a candidate that exact verification then drops. Per band: an open-addressing table from key to
/// the newest slot with that key, and a chain (slot → previous slot with the same key). Memory per item per band:
/// 4 bytes of chain plus 8 bytes of table at a load factor up to 4/5 — about 21 × 14.5 ≈ 300 bytes per item. Bands are independent, so adding a batch runs one band per core.</para>
/// </remarks>
internal sealed class LshIndex
{
    /// <summary>Bands (b).</summary>
    public const int Bands = 21;

    /// <summary>Rows per band (r).</summary>
    public const int Rows = 6;

    private readonly BandTable[] tables = new BandTable[Bands];

    public LshIndex()
    {
        for (var b = 0; b < Bands; b++) tables[b] = new BandTable();
    }

    /// <summary>Slots held.</summary>
    public int Count { get; private set; }

    /// <summary>Probability that a pair of Jaccard <paramref name="jaccard"/> collides in at least one band.</summary>
    public static double CollisionProbability(double jaccard, int bands = Bands, int rows = Rows)
        => 1 - Math.Pow(1 - Math.Pow(jaccard, rows), bands);

    /// <summary>The <see cref="Bands"/> band keys of a signature's values.</summary>
    public static void BandKeys(ReadOnlySpan<uint> signature, Span<uint> keys)
    {
        for (var b = 0; b < Bands; b++)
        {
            var row = signature.Slice(b * Rows, Rows);
            var h = (ulong)(b + 1) * 0x9E3779B97F4A7C15;
            for (var i = 0; i < Rows; i += 2) h = Shingles.Mix(h ^ (row[i] | (ulong)row[i + 1] << 32));
            keys[b] = (uint)(h >> 32);
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> items as slots Count … Count + count − 1. <paramref name="keys"/> is band-major:
    /// band b's key of the i-th new item is keys[b · count + i] (each band's pass then reads one contiguous run).
    /// With <paramref name="collide"/>, returns every (later, earlier) pair of slots that share a band key, where
    /// later is new — packed as later &lt;&lt; 32 | earlier, one entry per shared band, unsorted; else null.
    /// </summary>
    /// <remarks>
    /// Candidates come out of the insertion itself: a band's chain at the moment slot q is inserted holds exactly
    /// the earlier slots with its key, so no second lookup pass is needed.
    /// </remarks>
    public List<ulong>[]? AddRange(uint[] keys, int count, bool collide)
    {
        if (keys.Length < count * Bands) throw new ArgumentException("fewer keys than items × bands", nameof(keys));
        var first = Count;
        var collisions = collide ? new List<ulong>[Bands] : null;
        Parallel.For(0, Bands, b =>
        {
            var table = tables[b];
            table.Reserve(first + count);
            var found = collide ? new List<ulong>() : null;
            var run = keys.AsSpan(b * count, count);
            for (var i = 0; i < run.Length; i++) table.Add(run[i], first + i, found);
            if (collisions is not null) collisions[b] = found!;
        });
        Count = first + count;
        return collisions;
    }

    /// <summary>Approximate heap bytes held by the index.</summary>
    public long Bytes
    {
        get
        {
            long total = 0;
            foreach (var t in tables) total += t.Bytes;
            return total;
        }
    }

    private sealed class BandTable
    {
        // One 8-byte entry per table cell, key in the high half and newest slot + 1 in the low half (0 = empty
        // cell): a probe touches one cache line, not two arrays.
        private ulong[] cells = new ulong[16];
        private int[] previous = new int[16]; // per slot: older slot + 1 with the same key; 0 = none

        public long Bytes => cells.Length * 8L + previous.Length * 4L;

        public void Reserve(int slots)
        {
            if (previous.Length < slots) Array.Resize(ref previous, Math.Max(slots, previous.Length + previous.Length / 2));
            // At most 4/5 full even if every key is new; grow by half again so repeated small batches stay linear.
            if (slots * 5L > cells.Length * 4L) Rehash((int)Math.Min(int.MaxValue / 2, Math.Max(slots * 5L / 4 + 16, cells.Length * 3L / 2)));
        }

        public void Add(uint key, int slot, List<ulong>? collisions)
        {
            var size = cells.Length;
            var i = Home(key, size);
            while (true)
            {
                var cell = cells[i];
                if (cell == 0) break;
                if ((uint)(cell >> 32) == key)
                {
                    var head = (int)(uint)cell;
                    previous[slot] = head;
                    if (collisions is not null)
                    {
                        for (var s = head; s != 0; s = previous[s - 1]) collisions.Add((ulong)slot << 32 | (uint)(s - 1));
                    }
                    cells[i] = (ulong)key << 32 | (uint)(slot + 1);
                    return;
                }
                i = i + 1 == size ? 0 : i + 1;
            }
            previous[slot] = 0;
            cells[i] = (ulong)key << 32 | (uint)(slot + 1);
        }

        private void Rehash(int size)
        {
            var old = cells;
            cells = new ulong[size];
            foreach (var cell in old)
            {
                if (cell == 0) continue;
                var i = Home((uint)(cell >> 32), size);
                while (cells[i] != 0) i = i + 1 == size ? 0 : i + 1;
                cells[i] = cell;
            }
        }

        // Band keys are uniform 32-bit hashes: multiply-shift maps them onto any table size (Lemire's fast range).
        private static int Home(uint key, int size) => (int)(((ulong)key * (uint)size) >> 32);
    }
}
