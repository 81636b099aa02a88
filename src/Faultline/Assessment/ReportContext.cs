using Faultline.Analysis;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Cascades;
using Faultline.Analysis.Claims;
using Faultline.Archive;

namespace Faultline.Assessment;

/// <summary>What the analyst asked for.</summary>
public sealed record ReportOptions
{
    /// <summary>The last day of the period (UTC).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>How many days the period covers, ending with <see cref="Date"/> (1: a daily report).</summary>
    public int Days { get; init; } = 1;

    /// <summary>The actor registry for blocs and stance.</summary>
    public ActorRegistry Registry { get; init; } = ActorRegistry.Default;

    /// <summary>A scenario file for the indicators-and-warnings section (none: the section says so).</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>Days before the period whose claims make a source's track record in the report (its reliability grade).</summary>
    public int HistoryDays { get; init; } = 30;

    /// <summary>Days before the period that count as background (novelty, change since before, resurfacing).</summary>
    public int BackgroundDays { get; init; } = 30;

    /// <summary>The thresholds of the suggested Admiralty grades in the source-reliability section.</summary>
    public GradingOptions Grading { get; init; } = GradingOptions.Default;

    /// <summary>Start of the period, inclusive.</summary>
    public DateTimeOffset From => new(Date.AddDays(1 - Math.Max(1, Days)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>End of the period, exclusive.</summary>
    public DateTimeOffset To => new(Date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>
/// The archive and the analyses a report reads, each loaded once on first use and shared by every section. Sections
/// must not load the whole archive: the period plus <see cref="ReportOptions.BackgroundDays"/> is the most they read.
/// </summary>
public sealed class ReportContext
{
    private readonly Lazy<IReadOnlyList<Claim>> _allClaims;
    private readonly Lazy<IReadOnlyList<Claim>> _claims;
    private readonly Lazy<IReadOnlyDictionary<long, SourceSummary>> _sources;
    private readonly Lazy<SpreadSnapshot> _spread;
    private readonly Lazy<StanceView> _stance;
    private readonly Dictionary<long, AnalysisPost?> _posts = [];

    /// <summary>Creates a context; nothing is loaded until a section asks.</summary>
    public ReportContext(IArchive archive, ReportOptions options)
    {
        Archive = archive;
        Options = options;
        _allClaims = new(() => archive.ClaimsTouching(From.AddDays(-Math.Max(Math.Max(1, options.HistoryDays), options.BackgroundDays)), To));
        // One read through the archive's indexes serves both: claims with a member in the track-record or background window
        // or the period (an edit or a deletion in the period belongs to a post published before it), then those that touch
        // the period.
        _claims = new(() => _allClaims.Value.Where(c => Touches(c, From, To)).ToList());
        _sources = new(() => archive.Sources().ToDictionary(s => s.Id));
        _spread = new(() => SpreadSnapshot.Load(archive, From, To));
        _stance = new(() => StanceView.Load(archive, options.Registry, BackgroundFrom, To, Sources.Values));
    }

    /// <summary>The archive.</summary>
    public IArchive Archive { get; }

    /// <summary>The analyst's request.</summary>
    public ReportOptions Options { get; }

    /// <summary>Start of the period, inclusive.</summary>
    public DateTimeOffset From => Options.From;

    /// <summary>End of the period, exclusive.</summary>
    public DateTimeOffset To => Options.To;

    /// <summary>Start of the background window before the period.</summary>
    public DateTimeOffset BackgroundFrom => From.AddDays(-Options.BackgroundDays);

    /// <summary>Claims with a member post or a lifecycle event inside the period.</summary>
    public IReadOnlyList<Claim> Claims => _claims.Value;

    /// <summary>
    /// The claims of the track-record window (<see cref="ReportOptions.HistoryDays"/> before the period, and the period):
    /// what source reliability is judged on, loaded once through the archive's indexes.
    /// </summary>
    internal IReadOnlyList<Claim> AllClaims => _allClaims.Value;

    /// <summary>Every source by id.</summary>
    public IReadOnlyDictionary<long, SourceSummary> Sources => _sources.Value;

    /// <summary>Posts, edges and cascades of the period.</summary>
    internal SpreadSnapshot Spread => _spread.Value;

    /// <summary>Stance calls from the background window through the period, resolved to blocs.</summary>
    internal StanceView Stance => _stance.Value;

    /// <summary>How a source is named in prose: its title, with @handle when known ("Северный рубеж (fictional) (@severny_rubezh_fict)").</summary>
    public string SourceName(long sourceId)
    {
        if (!Sources.TryGetValue(sourceId, out var s)) return "source " + sourceId;
        if (s.Info.Title is null) return s.Info.Handle is { } handle ? "@" + handle : s.Info.Key;
        return s.Info.Handle is { } h ? $"{s.Info.Title} (@{h})" : s.Info.Title;
    }

    /// <summary>A post in analysis form, from the period's snapshot when loaded, else from the archive; null when missing.</summary>
    public AnalysisPost? Post(long id)
    {
        if (_spread.IsValueCreated && _spread.Value.Posts.Count > 0 && TryWindowPost(id) is { } p) return p;
        if (_posts.TryGetValue(id, out var cached)) return cached;
        var loaded = Archive.AnalysisPostsById([id]).FirstOrDefault();
        _posts[id] = loaded;
        return loaded;
    }

    private AnalysisPost? TryWindowPost(long id)
    {
        try { return _spread.Value.Post(id); }
        catch (KeyNotFoundException) { return null; }
    }

    private static bool Touches(Claim c, DateTimeOffset from, DateTimeOffset to)
        => c.Members.Any(m => m.Published >= from && m.Published < to) || c.Lifecycle.Any(e => e.Time >= from && e.Time < to);
}
