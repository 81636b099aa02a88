namespace Faultline.Analysis.Fractures;

/// <summary>How change points are detected and tested.</summary>
internal sealed record ChangePointOptions
{
    /// <summary>Significance level of the test on the whole series; parts are tested at a share of it. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;
    /// <summary>Random permutations per test; the smallest reachable p-value is 1 / (permutations + 1). Default 999.</summary>
    public int Permutations { get; init; } = 999;
    /// <summary>Seed of the permutations (results are deterministic). Default 2022.</summary>
    public int Seed { get; init; } = 2022;
    /// <summary>The fewest observations on each side of a change point. Default 5.</summary>
    public int MinSegment { get; init; } = 5;
    /// <summary>Stop after this many change points. Default 8.</summary>
    public int MaxChangePoints { get; init; } = 8;
}

/// <summary>A shift in the mean of a series.</summary>
/// <param name="Index">Index of the first value of the new regime.</param>
/// <param name="MeanBefore">Mean from the previous change point (or the start) up to <paramref name="Index"/>.</param>
/// <param name="MeanAfter">Mean from <paramref name="Index"/> up to the next change point (or the end).</param>
/// <param name="PValue">Permutation p-value of the test that found it, on the segment it split (compare with that
/// test's level: α × segment length / series length).</param>
internal sealed record MeanShift(int Index, double MeanBefore, double MeanAfter, double PValue)
{
    /// <summary>MeanAfter − MeanBefore: positive when the series rose.</summary>
    public double Magnitude => MeanAfter - MeanBefore;
}

/// <summary>
/// Finds shifts in the mean of a series by CUSUM with a permutation test, applied by binary segmentation
/// (Taylor's change-point analysis).
/// </summary>
/// <remarks>
/// For a segment x₁…xₙ with mean x̄, the cumulative sums Sₖ = Σᵢ≤ₖ (xᵢ − x̄) drift away from 0 while the values sit on
/// one side of the mean. The change is placed at the least-squares split (the k maximising Sₖ² / (k (n − k)), the
/// maximum-likelihood position of a single shift in Gaussian noise; plain argmax |Sₖ| is pulled toward the middle), and
/// the range max S − min S measures
/// how strong the shift is. Under the null hypothesis of no change the order of the values does not matter, so the
/// p-value is the share of random reorderings whose range is at least the observed one: (1 + #{≥}) / (1 + B). A segment
/// whose test gives p ≤ α is split at the change and both halves are tested again, until no test is significant,
/// a part is shorter than 2 × <see cref="ChangePointOptions.MinSegment"/>, or the cap is reached. The first test runs
/// at α; a part is tested at α × (its length / the series' length), so that the tests of one level of the segmentation
/// spend α between them (without this, each sub-test at full α added a ~5% chance of a spurious split beside a real
/// change). Across levels there is no further correction, so a series split many times can still yield an extra weak
/// change point.
/// The test assumes the values are exchangeable under the null: independent days with no trend or weekly cycle.
/// </remarks>
internal static class ChangePointDetector
{
    /// <summary>The significant mean shifts in the series, ordered by index.</summary>
    public static IReadOnlyList<MeanShift> Detect(IReadOnlyList<double> values, ChangePointOptions? options = null)
    {
        options ??= new ChangePointOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinSegment, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Permutations, 1);
        var data = values.ToArray();
        var found = new List<(int Index, double PValue)>();
        var pending = new Stack<(int Start, int End)>();
        pending.Push((0, data.Length));
        var scratch = new double[data.Length];
        while (pending.Count > 0 && found.Count < options.MaxChangePoints)
        {
            var (start, end) = pending.Pop();
            if (end - start < 2 * options.MinSegment)
                continue;
            var segment = new ReadOnlySpan<double>(data, start, end - start);
            var (split, range) = Cusum(segment, options.MinSegment);
            // The whole series is tested at α; a part at α × its share of the series, so the tests of one level of the
            // segmentation spend at most α between them.
            var alpha = options.Alpha * (end - start) / data.Length;
            var p = PermutationPValue(segment, range, options with { Alpha = alpha }, start, scratch);
            if (p > alpha)
                continue;
            found.Add((start + split, p));
            pending.Push((start + split, end));
            pending.Push((start, start + split));
        }

        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        var shifts = new MeanShift[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            var before = i == 0 ? 0 : found[i - 1].Index;
            var after = i == found.Count - 1 ? data.Length : found[i + 1].Index;
            shifts[i] = new MeanShift(found[i].Index, Mean(data, before, found[i].Index), Mean(data, found[i].Index, after), found[i].PValue);
        }
        return shifts;
    }

    /// <summary>The split (first index after the change, kept at least minSegment from both ends) and the CUSUM range.</summary>
    internal static (int Split, double Range) Cusum(ReadOnlySpan<double> x, int minSegment)
    {
        var mean = 0.0;
        foreach (var v in x)
            mean += v;
        mean /= x.Length;
        double s = 0, max = 0, min = 0, best = -1;
        var split = minSegment;
        for (var k = 0; k < x.Length; k++)
        {
            s += x[k] - mean;
            if (s > max) max = s;
            if (s < min) min = s;
            var count = k + 1;
            if (count < minSegment || x.Length - count < minSegment)
                continue;
            // Least-squares split: the k that leaves the smallest residual sum of squares maximises Sₖ² / (k (n − k)).
            var score = s * s / ((double)count * (x.Length - count));
            if (score > best)
            {
                best = score;
                split = count;
            }
        }
        return (split, max - min);
    }

    private static double PermutationPValue(ReadOnlySpan<double> segment, double observed, ChangePointOptions options, int start, double[] scratch)
    {
        // Seeded per segment start, so a segment's p-value does not depend on the order segments are visited in.
        var random = new Random(HashCode.Combine(options.Seed, start, segment.Length) & int.MaxValue);
        var buffer = scratch.AsSpan(0, segment.Length);
        segment.CopyTo(buffer);
        var atLeast = 0;
        // Once this many reorderings reach the observed range, p > α whatever the rest show: stop early.
        var stopAt = Math.Max(1, (int)Math.Floor(options.Alpha * (options.Permutations + 1)));
        for (var b = 0; b < options.Permutations; b++)
        {
            for (var i = buffer.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (buffer[i], buffer[j]) = (buffer[j], buffer[i]);
            }
            // The p-value returned on an early stop is a lower bound; it already exceeds α and the segment is not split.
            if (Range(buffer) >= observed - 1e-12 && ++atLeast >= stopAt)
                break;
        }
        return (1.0 + atLeast) / (1 + options.Permutations);
    }

    private static double Range(ReadOnlySpan<double> x)
    {
        var mean = 0.0;
        foreach (var v in x)
            mean += v;
        mean /= x.Length;
        double s = 0, max = 0, min = 0;
        foreach (var v in x)
        {
            s += v - mean;
            if (s > max) max = s;
            else if (s < min) min = s;
        }
        return max - min;
    }

    private static double Mean(double[] data, int start, int end)
    {
        var sum = 0.0;
        for (var i = start; i < end; i++)
            sum += data[i];
        return end > start ? sum / (end - start) : double.NaN;
    }
}
