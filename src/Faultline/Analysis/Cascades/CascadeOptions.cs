namespace Faultline.Analysis.Cascades;

/// <summary>
/// Which edges may tie posts into one cascade. Edges are split into strong ones (Forward, Copy, Cites: each names
/// or reproduces one specific earlier post) and weak ones (Echo, Attribution: a looser similarity or a channel
/// name). A strong edge may merge two cascades; a weak edge may only attach a post that is still alone (or pair two
/// lone posts), so one loose echo can never bridge two established cascades into one. On top of that no cascade may
/// span more than <see cref="MaxSpan"/> from its first to its last post: a chain of echoes, each similar to the
/// previous, stops growing there instead of swallowing a month of news.
/// </summary>
internal sealed record CascadeOptions
{
    /// <summary>Defaults: cites and attributions join, echoes need score ≥ 0.5, span ≤ 3 days, cascades of ≥ 2 posts.</summary>
    public static CascadeOptions Default { get; } = new();

    /// <summary>Whether Cites edges (a t.me link to the earlier post) join cascades. Default true.</summary>
    public bool IncludeCites { get; init; } = true;
    /// <summary>Whether Attribution edges ("пишет @x") join cascades, as weak edges. Default true.</summary>
    public bool IncludeAttributions { get; init; } = true;
    /// <summary>Echo edges below this score are ignored (neither join nor count as history). Default 0.5.</summary>
    public double MinEchoScore { get; init; } = 0.5;
    /// <summary>Copy edges below this score are ignored. Default 0 (the copy stage has already applied its threshold).</summary>
    public double MinCopyScore { get; init; }
    /// <summary>The longest a cascade may span from its first to its last post. Default 3 days.</summary>
    public TimeSpan MaxSpan { get; init; } = TimeSpan.FromDays(3);
    /// <summary>Smallest cascade reported. Default 2 (a lone post is not a cascade).</summary>
    public int MinSize { get; init; } = 2;
}
