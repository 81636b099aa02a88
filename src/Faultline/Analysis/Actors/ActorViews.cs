using Faultline.Analysis.Fractures;
using Faultline.Archive;

namespace Faultline.Analysis.Actors;

/// <summary>
/// The stance records of an archive with what is needed to read them by bloc: which actor each channel speaks
/// for (the registry's channel handles) and every bloc membership. What the stance, fracture and chart views load.
/// </summary>
internal sealed class StanceView
{
    private StanceView(IReadOnlyList<StanceRecord> records, BlocResolver resolver, StanceMatrices matrices)
    {
        Records = records;
        Resolver = resolver;
        Matrices = matrices;
    }

    /// <summary>Every stance call in the window.</summary>
    public IReadOnlyList<StanceRecord> Records { get; }

    /// <summary>Authors and actors to blocs, on each day.</summary>
    public BlocResolver Resolver { get; }

    /// <summary>Daily bloc → bloc and bloc → actor tallies.</summary>
    public StanceMatrices Matrices { get; }

    /// <summary>Loads the calls and resolves their authors through the registry.</summary>
    /// <param name="archive">The archive.</param>
    /// <param name="registry">Channels to actors, and bloc memberships.</param>
    /// <param name="from">Start of the window.</param>
    /// <param name="to">End of the window (exclusive).</param>
    /// <param name="sources">The archive's sources when the caller already holds them (listing them counts every post).</param>
    public static StanceView Load(IArchive archive, ActorRegistry registry, DateTimeOffset? from = null, DateTimeOffset? to = null,
        IEnumerable<SourceSummary>? sources = null)
    {
        var authors = new Dictionary<long, string>();
        foreach (var s in sources ?? archive.Sources())
            if (s.Info.Handle is { } h && registry.ActorForHandle(h) is { } actor) authors[s.Id] = actor.Id;
        var records = archive.Stances(from, to);
        var resolver = new BlocResolver(authors, registry.Memberships);
        return new StanceView(records, resolver, StanceMatrices.Build(records, resolver));
    }
}
