namespace Faultline.Analysis.NearDuplicates;

/// <summary>Identity of the near-duplicate stage, for the stage runner.</summary>
public static class NearDuplicateStage
{
    /// <summary>Stable stage id.</summary>
    public const string Id = "near-duplicates";

    /// <summary>What the stage does, for analysts.</summary>
    public const string Description =
        "Links posts whose normalised text shares at least 80% of its word 3-grams (Jaccard of shingle sets, exact; " +
        "MinHash LSH finds about 99.8% of pairs at the threshold and more above it); posts without words are never linked, " +
        "and rewrites in other words are left to the echo stage.";
}
