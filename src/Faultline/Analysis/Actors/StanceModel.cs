namespace Faultline.Analysis.Actors;

/// <summary>Which way an author leans toward an actor in one post.</summary>
public enum StanceKind
{
    /// <summary>Mentions the actor without taking a side.</summary>
    Neutral = 0,
    /// <summary>Criticises, accuses, mocks or blames the actor.</summary>
    Criticise = -1,
    /// <summary>Praises, defends or endorses the actor.</summary>
    Support = 1,
}

/// <summary>
/// One stance call: the author (a source) toward a mentioned actor in one post, with the words that made the call.
/// The shared record between the stance stage and the fracture measures.
/// </summary>
public sealed record StanceRecord(long PostId, long AuthorSourceId, string ActorId, DateTimeOffset Published, StanceKind Stance, double Confidence)
{
    /// <summary>The words or rules that decided the call ("негатив: «предатели»", "negated: не поддерживаю").</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}

/// <summary>An actor's membership of a bloc over a date range (an actor can change sides).</summary>
public sealed record BlocMembership(string ActorId, string Bloc, DateOnly? From, DateOnly? To)
{
    /// <summary>True when the membership holds on the day.</summary>
    public bool HoldsOn(DateOnly day) => (From is null || day >= From) && (To is null || day <= To);
}
