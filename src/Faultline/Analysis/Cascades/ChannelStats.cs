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
        // Flat arrays rather than per-channel collections: this runs over every member of a million-post corpus.
        var dense = new Dictionary<long, int>();
        var sources = new List<long>();
        var posts = new List<int>();
        var inCascades = new List<int>();
        var originated = new List<int>();
        var lastCascade = new List<int>();
        var joins = new List<(int Channel, long Lag)>();
        var links = new List<(long Pair, long Lag)>(); // later channel · count + earlier channel
        foreach (var cascade in cascades)
            foreach (var member in cascade.Members)
            {
                Dense(member.SourceId);
                if (member.ParentSourceId is { } p) Dense(p);
            }
        long channelCount = sources.Count;

        for (var c = 0; c < cascades.Count; c++)
        {
            foreach (var member in cascades[c].Members)
            {
                var ch = dense[member.SourceId];
                posts[ch]++;
                if (lastCascade[ch] != c)
                {
                    lastCascade[ch] = c;
                    inCascades[ch]++;
                    if (member.Reason == ParentReason.Origin) originated[ch]++;
                    else joins.Add((ch, member.LagBehindOrigin.Ticks));
                }
                if (member.ParentSourceId is { } parent && parent != member.SourceId)
                    links.Add((ch * channelCount + dense[parent], member.LagBehindParent.Ticks));
            }
        }

        var memberships = inCascades.Sum(x => (long)x);
        var prior = memberships == 0 ? 0 : (double)cascades.Count / memberships;
        var joinLag = new TimeSpan?[sources.Count];
        joins.Sort();
        foreach (var (channel, lag) in Groups(joins, j => j.Channel, j => j.Lag)) joinLag[channel] = TimeSpan.FromTicks(lag.Median);
        var echoes = new List<ChannelLink>?[sources.Count];
        var echoedBy = new List<ChannelLink>?[sources.Count];
        links.Sort();
        foreach (var (pair, lag) in Groups(links, l => l.Pair, l => l.Lag))
        {
            var (later, earlier) = ((int)(pair / channelCount), (int)(pair % channelCount));
            var median = TimeSpan.FromTicks(lag.Median);
            (echoes[later] ??= []).Add(new ChannelLink(sources[earlier], lag.Count, median));
            (echoedBy[earlier] ??= []).Add(new ChannelLink(sources[later], lag.Count, median));
        }

        var result = new ChannelStats[sources.Count];
        for (var ch = 0; ch < result.Length; ch++)
        {
            result[ch] = new ChannelStats(sources[ch], posts[ch], inCascades[ch], originated[ch], inCascades[ch] - originated[ch],
                (originated[ch] + Smoothing * prior) / (inCascades[ch] + Smoothing), joinLag[ch], Ordered(echoes[ch]), Ordered(echoedBy[ch]));
        }
        Array.Sort(result, (a, b) => a.SourceId.CompareTo(b.SourceId));
        return result;

        void Dense(long source)
        {
            if (dense.ContainsKey(source)) return;
            dense[source] = sources.Count;
            sources.Add(source);
            posts.Add(0);
            inCascades.Add(0);
            originated.Add(0);
            lastCascade.Add(-1);
        }

        static IReadOnlyList<ChannelLink> Ordered(List<ChannelLink>? links)
            => links is null ? [] : links.OrderByDescending(l => l.Count).ThenBy(l => l.SourceId).ToArray();
    }

    /// <summary>Runs of equal keys in a sorted list, with each run's size and median value (values sorted within a run).</summary>
    private static IEnumerable<(TKey Key, (int Count, long Median) Lag)> Groups<T, TKey>(List<T> sorted, Func<T, TKey> key, Func<T, long> value)
        where TKey : IEquatable<TKey>
    {
        for (var i = 0; i < sorted.Count;)
        {
            var j = i + 1;
            while (j < sorted.Count && key(sorted[j]).Equals(key(sorted[i]))) j++;
            // Sorting the tuples sorted the values within each run too: the lower middle value is the median.
            yield return (key(sorted[i]), (j - i, value(sorted[i + (j - i - 1) / 2])));
            i = j;
        }
    }
}
