namespace Faultline.Analysis.Cascades;

/// <summary>How often one channel took content from another (or gave it), with the median delay.</summary>
/// <param name="SourceId">The other channel.</param>
/// <param name="Count">Cascade members whose parent link joins the two channels.</param>
/// <param name="MedianLag">Median lag of the later post behind its parent.</param>
internal sealed record ChannelLink(long SourceId, int Count, TimeSpan MedianLag);

/// <summary>
/// One channel's part in the cascades. Counts are per cascade (three posts of a channel in one cascade count once),
/// except <see cref="Posts"/> and the links, which count member posts.
/// </summary>
/// <param name="SourceId">The channel.</param>
/// <param name="Posts">Its posts that belong to a cascade.</param>
/// <param name="Cascades">Cascades it took part in.</param>
/// <param name="Originated">Cascades whose origin (earliest post) is its post: how often it was first.</param>
/// <param name="Joined">Cascades it took part in without being first.</param>
/// <param name="Originality">
/// Smoothed share of its cascades that it originated: (Originated + α·p) / (Cascades + α), with α = 2 pseudo-cascades
/// and p the share over all channels (cascades / channel memberships). A channel seen in few cascades stays near
/// the overall rate instead of jumping to 0 or 1.
/// </param>
/// <param name="MedianJoinLag">Median delay behind the origin over the cascades it joined; null when it joined none.</param>
/// <param name="Echoes">Channels it takes from (its members' parents in other channels), most frequent first.</param>
/// <param name="EchoedBy">Channels that take from it (members whose parent is its post), most frequent first.</param>
internal sealed record ChannelStats(long SourceId, int Posts, int Cascades, int Originated, int Joined, double Originality,
    TimeSpan? MedianJoinLag, IReadOnlyList<ChannelLink> Echoes, IReadOnlyList<ChannelLink> EchoedBy)
{
    /// <summary>Pseudo-cascades of the smoothing prior.</summary>
    public const double Smoothing = 2;

    /// <summary>Unsmoothed share of its cascades that it originated.</summary>
    public double FirstShare => Cascades == 0 ? 0 : (double)Originated / Cascades;

    /// <summary>Per-channel figures over a set of cascades, ordered by source id.</summary>
    public static IReadOnlyList<ChannelStats> Compute(IReadOnlyList<Cascade> cascades)
    {
        var acc = new Dictionary<long, Accumulator>();
        long memberships = 0;
        var seenInCascade = new HashSet<long>();
        foreach (var cascade in cascades)
        {
            seenInCascade.Clear();
            foreach (var member in cascade.Members)
            {
                var a = Get(member.SourceId);
                a.Posts++;
                if (seenInCascade.Add(member.SourceId))
                {
                    memberships++;
                    a.Cascades++;
                    if (member.Reason == ParentReason.Origin) a.Originated++;
                    else a.JoinLags.Add(member.LagBehindOrigin.Ticks);
                }
                if (member.ParentSourceId is { } parent && parent != member.SourceId)
                {
                    Add(a.Echoes, parent, member.LagBehindParent.Ticks);
                    Add(Get(parent).EchoedBy, member.SourceId, member.LagBehindParent.Ticks);
                }
            }
        }

        var prior = memberships == 0 ? 0 : (double)cascades.Count / memberships;
        return acc.OrderBy(kv => kv.Key).Select(kv =>
        {
            var a = kv.Value;
            return new ChannelStats(kv.Key, a.Posts, a.Cascades, a.Originated, a.Cascades - a.Originated,
                (a.Originated + Smoothing * prior) / (a.Cascades + Smoothing),
                a.JoinLags.Count == 0 ? null : TimeSpan.FromTicks(Median(a.JoinLags)),
                Links(a.Echoes), Links(a.EchoedBy));
        }).ToArray();

        Accumulator Get(long source)
        {
            if (!acc.TryGetValue(source, out var a)) acc[source] = a = new Accumulator();
            return a;
        }

        static void Add(Dictionary<long, List<long>> links, long other, long lag)
        {
            if (!links.TryGetValue(other, out var lags)) links[other] = lags = [];
            lags.Add(lag);
        }

        static IReadOnlyList<ChannelLink> Links(Dictionary<long, List<long>> links) => links
            .Select(kv => new ChannelLink(kv.Key, kv.Value.Count, TimeSpan.FromTicks(Median(kv.Value))))
            .OrderByDescending(l => l.Count).ThenBy(l => l.SourceId).ToArray();
    }

    /// <summary>Median; the lower middle value for an even count (a real observed lag, not an average of two).</summary>
    internal static long Median(List<long> values)
    {
        values.Sort();
        return values[(values.Count - 1) / 2];
    }

    private sealed class Accumulator
    {
        public int Posts;
        public int Cascades;
        public int Originated;
        public readonly List<long> JoinLags = [];
        public readonly Dictionary<long, List<long>> Echoes = [];
        public readonly Dictionary<long, List<long>> EchoedBy = [];
    }
}
