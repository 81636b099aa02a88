using Faultline.Analysis.Actors;
using Faultline.Analysis.Fractures;
using static Faultline.Tests.Analysis.Fractures.FractureData;

namespace Faultline.Tests.Analysis.Fractures;

public sealed class ChangePointTests
{
    private static double[] Noise(int n, int seed, double sd, Func<int, double> mean)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i =>
        {
            // Box–Muller: a normal deviate from two uniforms.
            var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return mean(i) + sd * g;
        }).ToArray();
    }

    [Fact]
    public void APlantedShiftIsFoundOnItsDayAndIsSignificant()
    {
        var series = Noise(120, 7, 0.1, i => i < 70 ? 0.05 : 0.2);

        var shifts = ChangePointDetector.Detect(series);

        var shift = Assert.Single(shifts);
        Assert.InRange(shift.Index, 69, 71);
        Assert.True(shift.PValue <= 0.01, $"p = {shift.PValue}");
        Assert.InRange(shift.Magnitude, 0.1, 0.2);
    }

    [Fact]
    public void AFlatNoisySeriesYieldsNoChangePoint()
    {
        Assert.Empty(ChangePointDetector.Detect(Noise(365, 11, 0.1, _ => 0.1)));
    }

    [Fact]
    public void OnFlatSeriesFalseAlarmsStayNearAlpha()
    {
        // 60 flat series: at α = 0.05 about 3 should raise a false alarm by chance; allow up to 7 (binomial 99th pct ≈ 8).
        var alarms = Enumerable.Range(100, 60).Count(seed =>
            ChangePointDetector.Detect(Noise(120, seed, 0.1, _ => 0), new ChangePointOptions { Permutations = 499 }).Count > 0);
        Assert.InRange(alarms, 0, 7);
    }

    [Fact]
    public void TwoShiftsAreBothFoundByBinarySegmentation()
    {
        var series = Noise(200, 3, 0.08, i => i < 60 ? 0 : i < 140 ? 0.3 : 0.1);

        var shifts = ChangePointDetector.Detect(series);

        Assert.Equal(2, shifts.Count);
        Assert.InRange(shifts[0].Index, 59, 61);
        Assert.InRange(shifts[1].Index, 139, 141);
        Assert.True(shifts[0].Magnitude > 0.2 && shifts[1].Magnitude < -0.1);
    }

    [Fact]
    public void DetectionIsDeterministic()
    {
        var series = Noise(150, 5, 0.1, i => i < 80 ? 0 : 0.06);
        Assert.Equal(ChangePointDetector.Detect(series), ChangePointDetector.Detect(series));
    }

    [Fact]
    public void AFractureAfterMobilizationIsDatedListsItsCatalystsAndItsDrivingPosts()
    {
        // 2022-08-01 + 51 days = 2022-09-21: criticism of the ministry jumps from 20% to 60% of calls.
        var (records, resolver) = Planted(days: 120, shiftDay: 51, criticiseBefore: 0.2, criticiseAfter: 0.6, perDay: 40, seed: 1);
        var matrices = StanceMatrices.Build(records, resolver);

        var report = FractureAnalysis.Analyse(records, matrices, "милблогеры", "Минобороны", EventsFile.Default());

        var change = Assert.Single(report.ChangePoints);
        Assert.InRange(change.Day.DayNumber, new DateOnly(2022, 9, 20).DayNumber, new DateOnly(2022, 9, 22).DayNumber);
        Assert.True(change.PValue <= 0.05);
        Assert.True(change.Magnitude > 0.3, $"magnitude {change.Magnitude}");
        Assert.Contains(change.Catalysts, e => e.Kind == "mobilization" && e.Date == new DateOnly(2022, 9, 21));
        Assert.All(change.Catalysts, e => Assert.True(e.Date <= change.Day));
        Assert.Equal(10, change.DrivingPosts.Count);
        var byId = records.ToDictionary(r => r.PostId);
        Assert.All(change.DrivingPosts, p =>
        {
            Assert.True(p.Day >= change.Day && p.Day < change.Day.AddDays(7));
            Assert.Equal(StanceKind.Criticise, byId[p.PostId].Stance);
            Assert.NotEmpty(p.Evidence);
        });
    }

    [Fact]
    public void CatalystsAreTheNearestPrecedingEventsWithinTheWindow()
    {
        var events = new List<AnalystEvent>
        {
            new(new DateOnly(2022, 9, 6), new DateOnly(2022, 9, 11), "military", "Kharkiv"),
            new(new DateOnly(2022, 9, 21), null, "mobilization", "Mobilization"),
            new(new DateOnly(2022, 9, 30), null, "political", "Annexation"),
            new(new DateOnly(2022, 10, 1), null, "military", "Lyman"),
            new(new DateOnly(2022, 10, 8), null, "military", "Bridge"),
            new(new DateOnly(2022, 8, 1), null, "military", "Too early"),
        };

        var catalysts = FractureAnalysis.Catalysts(events, new DateOnly(2022, 10, 2), windowDays: 14);

        Assert.Equal(["Lyman", "Annexation", "Mobilization"], catalysts.Select(e => e.Title));
        // A multi-day event still running on the day is the nearest of all.
        Assert.Equal("Kharkiv", FractureAnalysis.Catalysts(events, new DateOnly(2022, 9, 10), 14)[0].Title);
        Assert.Equal(["Kharkiv"], FractureAnalysis.Catalysts(events, new DateOnly(2022, 9, 25), 14, max: 2).Skip(1).Select(e => e.Title));
    }
}
