using Faultline.Analysis.Actors;
using Faultline.Analysis.Fractures;
using static Faultline.Tests.Analysis.Fractures.FractureData;

namespace Faultline.Tests.Analysis.Fractures;

public sealed class StanceMatricesTests
{
    private static readonly DateOnly Day1 = new(2022, 9, 1);
    private static readonly DateOnly Day2 = new(2022, 9, 2);
    private static readonly DateOnly Switch = new(2022, 9, 10);

    // Channel 1 speaks for "blogger" (milbloggers throughout); channel 2 for "turncoat", who leaves the ministry camp for
    // the milbloggers on 2022-09-10. "mod" is in the ministry bloc; "wagner" in "Вагнер" until 2022-09-05 only.
    private static BlocResolver Registry() => new(
        new Dictionary<long, string> { [1] = "blogger", [2] = "turncoat", [3] = "nobody" },
        [
            new BlocMembership("blogger", "milbloggers", null, null),
            new BlocMembership("turncoat", "ministry", null, Switch.AddDays(-1)),
            new BlocMembership("turncoat", "milbloggers", Switch, null),
            new BlocMembership("mod", "ministry", null, null),
            new BlocMembership("wagner", "Вагнер", null, new DateOnly(2022, 9, 5)),
        ]);

    [Fact]
    public void CountsEachCallInItsDayAndBlocPair()
    {
        var matrices = StanceMatrices.Build(
        [
            Call(1, 1, "mod", Day1, StanceKind.Criticise),
            Call(2, 1, "mod", Day1, StanceKind.Criticise),
            Call(3, 1, "mod", Day1, StanceKind.Support),
            Call(4, 1, "mod", Day1, StanceKind.Neutral),
            Call(5, 1, "mod", Day2, StanceKind.Support),
        ], Registry());

        Assert.Equal(new StanceTally(2, 1, 1), matrices.Between(Day1, "milbloggers", "ministry"));
        Assert.Equal(new StanceTally(0, 1, 0), matrices.Between(Day2, "milbloggers", "ministry"));
        Assert.Equal(new StanceTally(2, 1, 1), matrices.Toward(Day1, "milbloggers", "mod"));
        Assert.Equal(new StanceTally(2, 2, 1), matrices.Between("milbloggers", "ministry"));
        Assert.Equal(default, matrices.Between(Day1, "ministry", "milbloggers"));
        Assert.Equal([Day1, Day2], matrices.BlocCells().Select(c => c.Day));
    }

    [Fact]
    public void AnActorThatChangesSidesIsCountedWithTheBlocItHeldOnThePostsDay()
    {
        var matrices = StanceMatrices.Build(
        [
            Call(1, 2, "mod", Switch.AddDays(-1), StanceKind.Criticise),
            Call(2, 2, "mod", Switch, StanceKind.Criticise),
            Call(3, 1, "turncoat", Switch.AddDays(-1), StanceKind.Criticise),
            Call(4, 1, "turncoat", Switch, StanceKind.Support),
        ], Registry());

        Assert.Equal(new StanceTally(1, 0, 0), matrices.Between(Switch.AddDays(-1), "ministry", "ministry"));
        Assert.Equal(new StanceTally(1, 0, 0), matrices.Between(Switch, "milbloggers", "ministry"));
        Assert.Equal(default, matrices.Between(Switch, "ministry", "ministry"));
        // As a target too: criticised as a ministry man the day before, supported as a fellow milblogger on the day.
        Assert.Equal(new StanceTally(1, 0, 0), matrices.Between(Switch.AddDays(-1), "milbloggers", "ministry"));
        Assert.Equal(new StanceTally(0, 1, 0), matrices.Between(Switch, "milbloggers", "milbloggers"));
    }

    [Fact]
    public void CallsByUnmappedChannelsAreLeftOutAndTargetsOutsideAnyBlocCountOnlyPerActor()
    {
        var matrices = StanceMatrices.Build(
        [
            Call(1, 3, "mod", Day1, StanceKind.Criticise),   // channel 3 speaks for an actor in no bloc
            Call(2, 9, "mod", Day1, StanceKind.Criticise),   // channel 9 speaks for nobody
            Call(3, 1, "wagner", new DateOnly(2022, 9, 6), StanceKind.Support), // Wagner's membership ended the day before
            Call(4, 1, "wagner", new DateOnly(2022, 9, 5), StanceKind.Support),
        ], Registry());

        Assert.Equal(2, matrices.Unattributed);
        Assert.Equal(new StanceTally(0, 1, 0), matrices.Toward(new DateOnly(2022, 9, 6), "milbloggers", "wagner"));
        Assert.Empty(matrices.BlocCells(new DateOnly(2022, 9, 6), new DateOnly(2022, 9, 6)));
        Assert.Equal(new StanceTally(0, 1, 0), matrices.Between(new DateOnly(2022, 9, 5), "milbloggers", "Вагнер"));
    }

    [Fact]
    public void NetCriticismRateIsCriticiseMinusSupportOverAllCalls()
    {
        var tally = new StanceTally(Criticise: 6, Support: 2, Neutral: 2);
        Assert.Equal(0.4, tally.NetCriticismRate, 12);
        Assert.Equal(4.0 / 15, tally.SmoothedNetCriticismRate(5), 12);
        Assert.Equal(-1, new StanceTally(0, 3, 0).NetCriticismRate);
        Assert.True(double.IsNaN(default(StanceTally).NetCriticismRate));
        Assert.Equal(0, default(StanceTally).SmoothedNetCriticismRate(5));
        // One angry post on a quiet day reads as a sixth, not as total hostility.
        Assert.Equal(1.0 / 6, new StanceTally(1, 0, 0).SmoothedNetCriticismRate(5), 12);
    }

    [Fact]
    public void TheFractureIndexPoolsBothDirectionsByTheirCounts()
    {
        var matrices = StanceMatrices.Build(
        [
            Call(1, 1, "mod", Day1, StanceKind.Criticise),
            Call(2, 1, "mod", Day1, StanceKind.Criticise),
            Call(3, 1, "mod", Day1, StanceKind.Criticise),
            Call(4, 2, "blogger", Day1, StanceKind.Support), // turncoat is in the ministry on Day1
            Call(5, 1, "mod", Day2.AddDays(1), StanceKind.Neutral),
        ], Registry());

        var both = FractureIndex.Build(matrices, "milbloggers", "ministry", new FractureIndexOptions { PriorCount = 0, SmoothingDays = 1 });
        var oneWay = FractureIndex.Build(matrices, "milbloggers", "ministry",
            new FractureIndexOptions { PriorCount = 0, SmoothingDays = 1, Direction = FractureDirection.AToB });

        Assert.Equal(3, both.Points.Count); // every calendar day, the empty one included
        Assert.Equal((3 - 1) / 4.0, both.Points[0].Rate, 12);
        Assert.Equal(1.0, oneWay.Points[0].Rate, 12);
        Assert.Equal(0, both.Points[1].Tally.Total);
        Assert.Equal(2, both.ObservedPoints.Count);
    }
}
