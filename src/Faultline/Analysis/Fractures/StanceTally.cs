using Faultline.Analysis.Actors;

namespace Faultline.Analysis.Fractures;

/// <summary>
/// Stance calls counted in one cell of a matrix (one day, one author bloc, one target bloc or actor).
/// </summary>
/// <remarks>
/// The net criticism rate is <c>(criticise − support) / (criticise + support + neutral)</c>: −1 when every call
/// supports, +1 when every call criticises, 0 when they balance or all are neutral. Neutral calls stay in the
/// denominator on purpose: a bloc that mostly reports on another without judging it is not at odds with it.
/// The smoothed rate adds <c>priorCount</c> pseudo-calls at rate 0 to the denominator, which shrinks the rate of a
/// thin cell toward 0 ("no evidence of a fracture") so that one angry post on a quiet day does not read as +1.
/// </remarks>
internal readonly record struct StanceTally(int Criticise, int Support, int Neutral)
{
    /// <summary>All calls in the cell.</summary>
    public int Total => Criticise + Support + Neutral;

    /// <summary>(criticise − support) / total; NaN for an empty cell.</summary>
    public double NetCriticismRate => Total == 0 ? double.NaN : (Criticise - Support) / (double)Total;

    /// <summary>(criticise − support) / (total + priorCount): the rate shrunk toward 0 for thin cells; 0 for an empty cell.</summary>
    public double SmoothedNetCriticismRate(double priorCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priorCount);
        var denominator = Total + priorCount;
        return denominator == 0 ? 0 : (Criticise - Support) / denominator;
    }

    /// <summary>This tally with one more call.</summary>
    public StanceTally With(StanceKind stance) => stance switch
    {
        StanceKind.Criticise => this with { Criticise = Criticise + 1 },
        StanceKind.Support => this with { Support = Support + 1 },
        _ => this with { Neutral = Neutral + 1 },
    };

    /// <summary>Both tallies pooled.</summary>
    public static StanceTally operator +(StanceTally a, StanceTally b) =>
        new(a.Criticise + b.Criticise, a.Support + b.Support, a.Neutral + b.Neutral);
}
