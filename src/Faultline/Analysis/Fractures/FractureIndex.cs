namespace Faultline.Analysis.Fractures;

/// <summary>Whose calls the fracture index pools.</summary>
internal enum FractureDirection
{
    /// <summary>A → B and B → A pooled into one tally per day (the default).</summary>
    Both,
    /// <summary>Only authors of A about actors of B.</summary>
    AToB,
}

/// <summary>How the fracture index is computed.</summary>
internal sealed record FractureIndexOptions
{
    /// <summary>Pseudo-calls at rate 0 added to each day's denominator (shrinks thin days toward 0). Default 5.</summary>
    public double PriorCount { get; init; } = 5;
    /// <summary>Width in days of the centred moving average shown as <see cref="FracturePoint.Smoothed"/>. Default 7.</summary>
    public int SmoothingDays { get; init; } = 7;
    /// <summary>Whose calls are pooled. Default <see cref="FractureDirection.Both"/>.</summary>
    public FractureDirection Direction { get; init; } = FractureDirection.Both;
}

/// <summary>One day of a fracture index.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Tally">The pooled calls of the day.</param>
/// <param name="Rate">The day's smoothed net criticism rate (0 on a day without calls).</param>
/// <param name="Smoothed">The centred moving average of <paramref name="Rate"/> over days with calls; NaN when none is in the window.</param>
internal sealed record FracturePoint(DateOnly Day, StanceTally Tally, double Rate, double Smoothed);

/// <summary>A daily fracture index between two blocs, one point per calendar day from the first to the last.</summary>
internal sealed record FractureSeries(string BlocA, string BlocB, FractureDirection Direction, IReadOnlyList<FracturePoint> Points)
{
    /// <summary>Days that have at least one call: the ones change-point detection reads.</summary>
    public IReadOnlyList<FracturePoint> ObservedPoints => Points.Where(p => p.Tally.Total > 0).ToArray();
}

/// <summary>
/// Builds the fracture index between two blocs: for each day, the net criticism rate of the pooled calls of A about B
/// and B about A (<see cref="StanceTally.SmoothedNetCriticismRate"/>), in [−1, 1]; higher means more hostile.
/// </summary>
/// <remarks>
/// Why pooled counts rather than the mean of the two directions: a bloc often hardly speaks of the other (the ministry
/// rarely names milbloggers), and a mean would halve a real rise in criticism by averaging it with an empty direction.
/// Pooling weighs each direction by how much it speaks. <see cref="FractureDirection.AToB"/> gives the one-sided view.
/// The centred moving average is for reading and charts only; change points are detected on the daily rates, because
/// a moving average makes neighbouring days dependent, which would break the permutation test's exchangeability and
/// overstate significance.
/// </remarks>
internal static class FractureIndex
{
    /// <summary>The daily fracture index between <paramref name="blocA"/> and <paramref name="blocB"/>.</summary>
    public static FractureSeries Build(StanceMatrices matrices, string blocA, string blocB, FractureIndexOptions? options = null,
        DateOnly? from = null, DateOnly? to = null)
    {
        options ??= new FractureIndexOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SmoothingDays, 1);
        var first = from ?? matrices.FirstDay;
        var last = to ?? matrices.LastDay;
        if (first is null || last is null || last < first)
            return new FractureSeries(blocA, blocB, options.Direction, []);

        var pooled = options.Direction == FractureDirection.Both && !string.Equals(blocA, blocB, StringComparison.Ordinal);
        var days = last.Value.DayNumber - first.Value.DayNumber + 1;
        var tallies = new StanceTally[days];
        var rates = new double[days];
        for (var i = 0; i < days; i++)
        {
            var day = first.Value.AddDays(i);
            var tally = matrices.Between(day, blocA, blocB);
            if (pooled)
                tally += matrices.Between(day, blocB, blocA);
            tallies[i] = tally;
            rates[i] = tally.SmoothedNetCriticismRate(options.PriorCount);
        }

        var half = options.SmoothingDays / 2;
        var points = new FracturePoint[days];
        for (var i = 0; i < days; i++)
        {
            double sum = 0;
            var n = 0;
            for (var j = Math.Max(0, i - half); j <= Math.Min(days - 1, i + half); j++)
            {
                if (tallies[j].Total == 0)
                    continue;
                sum += rates[j];
                n++;
            }
            points[i] = new FracturePoint(first.Value.AddDays(i), tallies[i], rates[i], n == 0 ? double.NaN : sum / n);
        }
        return new FractureSeries(blocA, blocB, options.Direction, points);
    }
}
