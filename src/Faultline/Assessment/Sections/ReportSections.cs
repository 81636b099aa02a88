namespace Faultline.Assessment.Sections;

/// <summary>The built-in sections, in reading order, built once and shared.</summary>
public static class ReportSections
{
    /// <summary>The sections of the standard assessment.</summary>
    public static IReadOnlyList<IReportSection> Default { get; } = BuiltIn().ToList();

    private static IEnumerable<IReportSection> BuiltIn()
    {
        // One line per section, in reading order:
        // claims, walk-backs, fractures, amplification, reliability, scenarios.
        yield return new ClaimsSection();
        yield return new WalkBacksSection();
        yield return new FracturesSection();
        yield return new AmplificationSection();
        yield return new ReliabilitySection();
        yield return new ScenarioBoardSection();
    }
}
