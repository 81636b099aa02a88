using Faultline.Analysis.Actors;

namespace Faultline.Analysis.Fractures;

/// <summary>
/// Answers "which blocs was this actor in on this day" and "which actor speaks through this channel", from the
/// registry's memberships and channel mapping. Membership is resolved on the post's own day, so an actor that
/// changes sides is counted with its old bloc before the change and its new bloc after. An actor may hold several
/// blocs at once (a milblogger can be both "milbloggers" and "pro-war"); each counts once.
/// </summary>
internal sealed class BlocResolver
{
    private readonly IReadOnlyDictionary<long, string> _authorActors;
    private readonly Dictionary<string, (int Bloc, int From, int To)[]> _byActor;
    private readonly Dictionary<string, int> _blocIndex;
    private readonly Dictionary<(string Actor, int Day), int[]> _cache = [];

    /// <param name="authorActors">Source id of a channel → the actor it speaks for.</param>
    /// <param name="memberships">Bloc memberships with their date ranges.</param>
    public BlocResolver(IReadOnlyDictionary<long, string> authorActors, IReadOnlyList<BlocMembership> memberships)
    {
        _authorActors = authorActors;
        Blocs = memberships.Select(m => m.Bloc).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _blocIndex = Blocs.Select((b, i) => (b, i)).ToDictionary(p => p.b, p => p.i, StringComparer.Ordinal);
        _byActor = memberships.GroupBy(m => m.ActorId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Select(m => (_blocIndex[m.Bloc], m.From?.DayNumber ?? int.MinValue, m.To?.DayNumber ?? int.MaxValue)).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>Every bloc named by a membership, in ordinal order; <see cref="BlocIndexesOf"/> indexes into it.</summary>
    public IReadOnlyList<string> Blocs { get; }

    /// <summary>The index of a bloc in <see cref="Blocs"/>, or -1 when no membership names it.</summary>
    public int IndexOf(string bloc) => _blocIndex.TryGetValue(bloc, out var i) ? i : -1;

    /// <summary>The actor a channel speaks for, or null when the mapping lacks it.</summary>
    public string? ActorOfAuthor(long sourceId) => _authorActors.TryGetValue(sourceId, out var actor) ? actor : null;

    /// <summary>The blocs the actor belonged to on the day (empty when none).</summary>
    public IEnumerable<string> BlocsOf(string actorId, DateOnly day) => BlocIndexesOf(actorId, day).Select(i => Blocs[i]);

    /// <summary>Indexes into <see cref="Blocs"/> of the actor's blocs on the day, distinct, ascending.</summary>
    public int[] BlocIndexesOf(string actorId, DateOnly day)
    {
        var key = (actorId, day.DayNumber);
        if (_cache.TryGetValue(key, out var cached))
            return cached;
        int[] result = [];
        if (_byActor.TryGetValue(actorId, out var memberships))
        {
            result = memberships.Where(m => key.DayNumber >= m.From && key.DayNumber <= m.To)
                .Select(m => m.Bloc).Distinct().Order().ToArray();
        }
        _cache[key] = result;
        return result;
    }

    /// <summary>The calendar day (UTC) a record is counted on.</summary>
    public static DateOnly DayOf(DateTimeOffset published) => DateOnly.FromDateTime(published.UtcDateTime);
}
