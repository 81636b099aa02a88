using Xunit.Abstractions;
using Faultline.Analysis.NearDuplicates;

namespace Faultline.Tests.Analysis.NearDuplicates;

public class LshIndexTests(ITestOutputHelper output)
{
    [Fact]
    public void APairAtTheThresholdCollidesWithProbabilityAtLeast99Percent()
    {
        Assert.True(LshIndex.Bands * LshIndex.Rows <= MinHashSignature.Length);
        foreach (var j in new[] { 0.5, 0.7, 0.8, 0.9 })
            output.WriteLine($"J = {j:F1}: P(candidate) = 1 − (1 − J^{LshIndex.Rows})^{LshIndex.Bands} = {LshIndex.CollisionProbability(j):F4}");
        Assert.True(LshIndex.CollisionProbability(0.8) >= 0.99);
        Assert.True(LshIndex.CollisionProbability(0.9) >= 0.9999);
        // The next longer band cannot reach the bound with the values left: r = 6 is the strictest choice.
        Assert.True(LshIndex.CollisionProbability(0.8, MinHashSignature.Length / (LshIndex.Rows + 1), LshIndex.Rows + 1) < 0.99);
    }

    [Fact]
    public void AtHalfSimilarityMostPairsAreNotCandidates() => Assert.True(LshIndex.CollisionProbability(0.5) < 0.3);
}
