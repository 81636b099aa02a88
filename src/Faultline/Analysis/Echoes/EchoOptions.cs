namespace Faultline.Analysis.Echoes;

/// <summary>Settings of the echo stage. The defaults were chosen on the labelled set (tests/Faultline.Tests/Data/echoes).</summary>
public sealed record EchoOptions
{
    /// <summary>The settings the stage runs with unless told otherwise.</summary>
    public static EchoOptions Default { get; } = new();

    /// <summary>Only posts published at most this long apart can be echoes (24 hours).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A pair is linked when its <see cref="EchoScore.Score"/> reaches this.</summary>
    public double Threshold { get; init; } = 0.34;

    /// <summary>The similarity of a pair this far apart in time counts half (24 hours); rewrites follow within minutes.</summary>
    public TimeSpan ScoreHalvesAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How many of a post's rarest stems it is looked up by to find candidates.</summary>
    public int SignatureTerms { get; init; } = 12;

    /// <summary>A candidate must share at least this many of the later post's signature stems.</summary>
    public int MinSharedSignatureTerms { get; init; } = 2;

    /// <summary>
    /// A signature stem found in more earlier posts than this inside the window is too common that day to tell
    /// stories apart and is not looked up; bounds the work per post whatever the corpus size.
    /// </summary>
    public int MaxPostingsPerTerm { get; init; } = 400;

    /// <summary>Posts with fewer distinct stems are too short to judge and get no echo edges.</summary>
    public int MinDistinctTerms { get; init; } = 5;

    /// <summary>Stems in more than this share of all posts are function words: neither indexed nor weighted.</summary>
    public double MaxDocumentShare { get; init; } = 0.1;
}
