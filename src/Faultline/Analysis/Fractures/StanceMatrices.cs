using System.Runtime.InteropServices;
using Faultline.Analysis.Actors;

namespace Faultline.Analysis.Fractures;

/// <summary>One cell of a daily bloc → bloc matrix.</summary>
internal sealed record BlocCell(DateOnly Day, string AuthorBloc, string TargetBloc, StanceTally Tally);

/// <summary>One cell of a daily bloc → actor matrix.</summary>
internal sealed record ActorCell(DateOnly Day, string AuthorBloc, string TargetActor, StanceTally Tally);

/// <summary>
/// Daily stance matrices: for each UTC day, how often authors of one bloc criticised, supported or neutrally mentioned
/// another bloc (and each actor). The author's bloc comes from the actor its channel speaks for; both sides'
/// memberships are resolved on the post's day. Records whose channel speaks for no actor, or for an actor in no bloc
/// that day, are not counted (<see cref="Unattributed"/>); a target in no bloc that day still counts in the actor matrix.
/// Intra-bloc cells (A → A) are kept: criticism inside a camp is often the fracture an analyst looks for.
/// </summary>
internal sealed class StanceMatrices
{
    private readonly BlocResolver _resolver;
    private readonly Dictionary<(int Day, int Author, int Target), StanceTally> _blocCells;
    private readonly Dictionary<(int Day, int Author, string Target), StanceTally> _actorCells;

    private StanceMatrices(BlocResolver resolver, Dictionary<(int Day, int Author, int Target), StanceTally> blocCells,
        Dictionary<(int Day, int Author, string Target), StanceTally> actorCells, int unattributed, int records)
    {
        _resolver = resolver;
        _blocCells = blocCells;
        _actorCells = actorCells;
        Unattributed = unattributed;
        Records = records;
        if (blocCells.Count > 0)
        {
            FirstDay = DateOnly.FromDayNumber(blocCells.Keys.Min(k => k.Day));
            LastDay = DateOnly.FromDayNumber(blocCells.Keys.Max(k => k.Day));
        }
    }

    /// <summary>The resolver the matrices were built with.</summary>
    public BlocResolver Resolver => _resolver;

    /// <summary>Every bloc that can appear in a cell.</summary>
    public IReadOnlyList<string> Blocs => _resolver.Blocs;

    /// <summary>Records read.</summary>
    public int Records { get; }

    /// <summary>Records not counted: the author's channel speaks for no actor, or for one in no bloc that day.</summary>
    public int Unattributed { get; }

    /// <summary>The first day with a counted record, if any.</summary>
    public DateOnly? FirstDay { get; }

    /// <summary>The last day with a counted record, if any.</summary>
    public DateOnly? LastDay { get; }

    /// <summary>Counts the records into daily matrices.</summary>
    public static StanceMatrices Build(IReadOnlyList<StanceRecord> records, BlocResolver resolver)
    {
        var blocCells = new Dictionary<(int Day, int Author, int Target), StanceTally>();
        var actorCells = new Dictionary<(int Day, int Author, string Target), StanceTally>();
        var unattributed = 0;
        foreach (var record in records)
        {
            var day = BlocResolver.DayOf(record.Published);
            var author = resolver.ActorOfAuthor(record.AuthorSourceId);
            var authorBlocs = author is null ? [] : resolver.BlocIndexesOf(author, day);
            if (authorBlocs.Length == 0)
            {
                unattributed++;
                continue;
            }
            var targetBlocs = resolver.BlocIndexesOf(record.ActorId, day);
            foreach (var a in authorBlocs)
            {
                ref var actorCell = ref CollectionsMarshal.GetValueRefOrAddDefault(actorCells, (day.DayNumber, a, record.ActorId), out _);
                actorCell = actorCell.With(record.Stance);
                foreach (var t in targetBlocs)
                {
                    ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(blocCells, (day.DayNumber, a, t), out _);
                    cell = cell.With(record.Stance);
                }
            }
        }
        return new StanceMatrices(resolver, blocCells, actorCells, unattributed, records.Count);
    }

    /// <summary>Calls by authors of <paramref name="authorBloc"/> about actors of <paramref name="targetBloc"/> on the day.</summary>
    public StanceTally Between(DateOnly day, string authorBloc, string targetBloc)
    {
        int a = _resolver.IndexOf(authorBloc), t = _resolver.IndexOf(targetBloc);
        return a < 0 || t < 0 ? default : _blocCells.GetValueOrDefault((day.DayNumber, a, t));
    }

    /// <summary>Calls by authors of <paramref name="authorBloc"/> about one actor on the day.</summary>
    public StanceTally Toward(DateOnly day, string authorBloc, string targetActor)
    {
        var a = _resolver.IndexOf(authorBloc);
        return a < 0 ? default : _actorCells.GetValueOrDefault((day.DayNumber, a, targetActor));
    }

    /// <summary>Bloc → bloc calls pooled over a date range (inclusive; open ends take everything).</summary>
    public StanceTally Between(string authorBloc, string targetBloc, DateOnly? from = null, DateOnly? to = null) =>
        BlocCells(from, to).Where(c => c.AuthorBloc == authorBloc && c.TargetBloc == targetBloc)
            .Aggregate(default(StanceTally), (sum, c) => sum + c.Tally);

    /// <summary>Non-empty bloc → bloc cells in the range, ordered by day, author bloc, target bloc.</summary>
    public IReadOnlyList<BlocCell> BlocCells(DateOnly? from = null, DateOnly? to = null) =>
        _blocCells.Where(kv => InRange(kv.Key.Day, from, to))
            .OrderBy(kv => kv.Key.Day).ThenBy(kv => kv.Key.Author).ThenBy(kv => kv.Key.Target)
            .Select(kv => new BlocCell(DateOnly.FromDayNumber(kv.Key.Day), Blocs[kv.Key.Author], Blocs[kv.Key.Target], kv.Value))
            .ToArray();

    /// <summary>Non-empty bloc → actor cells in the range, ordered by day, author bloc, actor id.</summary>
    public IReadOnlyList<ActorCell> ActorCells(DateOnly? from = null, DateOnly? to = null) =>
        _actorCells.Where(kv => InRange(kv.Key.Day, from, to))
            .OrderBy(kv => kv.Key.Day).ThenBy(kv => kv.Key.Author).ThenBy(kv => kv.Key.Target, StringComparer.Ordinal)
            .Select(kv => new ActorCell(DateOnly.FromDayNumber(kv.Key.Day), Blocs[kv.Key.Author], kv.Key.Target, kv.Value))
            .ToArray();

    private static bool InRange(int day, DateOnly? from, DateOnly? to) =>
        (from is null || day >= from.Value.DayNumber) && (to is null || day <= to.Value.DayNumber);
}
