using System.Runtime.InteropServices;

namespace Faultline.Analysis.Cascades;

/// <summary>
/// Groups posts that spread the same content into cascades and gives every later member its most likely parent.
/// Works only from the edges it is given: content that spread without a forward, copy, echo, link or attribution
/// edge is invisible to it, and a cascade never spans more than <see cref="CascadeOptions.MaxSpan"/>.
/// </summary>
/// <remarks>
/// <para>Grouping: union-find over the admitted edges, strongest first (forwards, copies, cites, then
/// attributions and echoes by descending score; ties by the later post's time), under the rules of <see cref="CascadeOptions"/>.</para>
/// <para>Parents, decided in one pass over all posts in time order so that only the past is used:
/// (1) an explicit forward of an earlier member; else (2) the earlier member whose channel this post's channel has
/// taken content from most often before this post (counting every admitted edge between the two channels whose
/// later post came before it; ties go to the channel that joined the cascade first; within that channel the post it
/// has a direct edge from, else that channel's first post in the cascade); else (3) the origin.</para>
/// </remarks>
internal static class CascadeBuilder
{
    /// <summary>Stage id.</summary>
    public const string Id = "cascades";

    /// <summary>One line for analysts.</summary>
    public const string Description =
        "Groups posts that spread the same content into cascades (origin, likely parent, lag, reach) from forward, copy, echo, link and attribution edges; sees no spread that left no such edge, and caps a cascade at 3 days by default.";

    /// <summary>Builds the cascades, ordered by the origin's time (then post id).</summary>
    public static IReadOnlyList<Cascade> Build(IReadOnlyList<AnalysisPost> posts, IReadOnlyList<PostEdge> edges, CascadeOptions? options = null)
    {
        options ??= CascadeOptions.Default;
        var n = posts.Count;
        var index = new PostIndex(posts);
        var ticks = new long[n];
        var channel = new int[n];
        var channels = new Dictionary<long, int>();
        for (var i = 0; i < n; i++)
        {
            var post = posts[i];
            ticks[i] = post.Published.UtcTicks;
            ref var ch = ref CollectionsMarshal.GetValueRefOrAddDefault(channels, post.SourceId, out var existed);
            if (!existed) ch = channels.Count - 1;
            channel[i] = ch;
        }

        var timeOrder = TimeOrder(posts, ticks);
        var rank = new int[n];
        for (var r = 0; r < n; r++) rank[timeOrder[r]] = r;

        // Admitted edges as index pairs, ordered by a key that depends only on the data, never on the input order:
        // strength bucket, then (weak edges only) descending score, then the later post's time, then the earlier's.
        var from = new int[edges.Count];
        var to = new int[edges.Count];
        var kind = new byte[edges.Count];
        var keys = new ulong[edges.Count];
        var m = 0;
        var weakCount = 0;
        var wide = n > 1 << 24;
        for (var e = 0; e < edges.Count; e++)
        {
            var edge = edges[e];
            if (!Admitted(edge, options)) continue;
            if (!index.TryGetValue(edge.Earlier, out var a) || !index.TryGetValue(edge.Later, out var b) || a == b) continue;
            from[m] = a; to[m] = b; kind[m] = (byte)edge.Kind;
            var strength = Strength(edge.Kind);
            var weak = strength >= 3;
            if (weak) weakCount++;
            var scoreRank = weak ? (ulong)Math.Round((1 - Math.Clamp(edge.Score, 0, 1)) * 8191) : 0;
            keys[m] = ((ulong)strength << 61) | (scoreRank << 48)
                | (wide ? (ulong)rank[b] : ((ulong)rank[b] << 24) | (uint)rank[a]);
            m++;
        }
        var order = new int[m];
        for (var e = 0; e < m; e++) order[e] = e;
        Array.Sort(keys, order, 0, m);
        var firstWeak = m - weakCount;

        var sets = new DisjointSets(ticks);
        var maxSpan = options.MaxSpan.Ticks;
        for (var i = 0; i < m; i++)
        {
            var e = order[i];
            sets.TryUnion(from[e], to[e], maxSpan, weakOnly: i >= firstWeak);
        }

        return Assemble(posts, ticks, channel, sets, channels.Count, timeOrder, from, to, kind, m, options.MinSize);
    }

    private static bool Admitted(PostEdge edge, CascadeOptions options) => edge.Kind switch
    {
        EdgeKind.Forward => true,
        EdgeKind.Copy => edge.Score >= options.MinCopyScore,
        EdgeKind.Echo => edge.Score >= options.MinEchoScore,
        EdgeKind.Cites => options.IncludeCites,
        EdgeKind.Attribution => options.IncludeAttributions,
        _ => false,
    };

    // 0..2 strong (may merge cascades), 3..4 weak (may only attach a lone post).
    private static int Strength(EdgeKind kind) => kind switch
    {
        EdgeKind.Forward => 0,
        EdgeKind.Copy => 1,
        EdgeKind.Cites => 2,
        EdgeKind.Attribution => 3,
        _ => 4,
    };

    /// <summary>Post indices by (time, post id).</summary>
    private static int[] TimeOrder(IReadOnlyList<AnalysisPost> posts, long[] ticks)
    {
        var order = new int[ticks.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = (long[])ticks.Clone();
        Array.Sort(keys, order);
        // Equal times are ordered by post id, so that the result does not depend on the input order.
        for (var i = 0; i < order.Length;)
        {
            var j = i + 1;
            while (j < order.Length && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i, Comparer<int>.Create((x, y) => posts[x].Id.CompareTo(posts[y].Id)));
            i = j;
        }
        return order;
    }

    private static List<Cascade> Assemble(IReadOnlyList<AnalysisPost> posts, long[] ticks, int[] channel, DisjointSets sets,
        int channelCount, int[] timeOrder, int[] from, int[] to, byte[] kind, int m, int minSize)
    {
        var n = ticks.Length;
        // Cascade numbers in order of their origin's time; members laid out flat, cascade by cascade, in time order.
        var cascadeOfRoot = new int[n];
        Array.Fill(cascadeOfRoot, -1);
        var sizes = new List<int>();
        foreach (var i in timeOrder)
        {
            var root = sets.Find(i);
            if (sets.Size(root) < Math.Max(2, minSize)) continue;
            if (cascadeOfRoot[root] < 0) { cascadeOfRoot[root] = sizes.Count; sizes.Add(0); }
        }
        var count = sizes.Count;
        var start = new int[count + 1];
        var cascadeOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            var c = cascadeOfRoot[sets.Find(i)];
            cascadeOf[i] = c;
            if (c >= 0) start[c + 1]++;
        }
        for (var c = 0; c < count; c++) start[c + 1] += start[c];
        var flat = new int[start[count]];
        var filled = new int[count];
        var position = new int[n]; // a member's position inside its cascade
        foreach (var i in timeOrder)
        {
            var c = cascadeOf[i];
            if (c < 0) continue;
            position[i] = filled[c];
            flat[start[c] + filled[c]++] = i;
        }

        // Incoming admitted edges per post (CSR).
        var inStart = new int[n + 1];
        for (var e = 0; e < m; e++) inStart[to[e] + 1]++;
        for (var i = 0; i < n; i++) inStart[i + 1] += inStart[i];
        var inEdges = new int[m];
        var cursor = (int[])inStart.Clone();
        for (var e = 0; e < m; e++) inEdges[cursor[to[e]]++] = e;

        // Distinct channels of each cascade in order of first appearance (flat, same layout as members):
        // the first member index of each channel.
        var firstOfChannel = new int[flat.Length];
        var distinct = new int[count];
        var parent = new int[n];
        var reason = new ParentReason[n];
        var history = new Dictionary<long, int>();

        foreach (var i in timeOrder)
        {
            var c = cascadeOf[i];
            if (c >= 0)
            {
                var s = start[c];
                if (position[i] == 0) { parent[i] = -1; reason[i] = ParentReason.Origin; }
                else ChooseParent(i, c, s);
                var seen = false;
                for (var k = 0; k < distinct[c] && !seen; k++) seen = channel[firstOfChannel[s + k]] == channel[i];
                if (!seen) firstOfChannel[s + distinct[c]++] = i;
            }
            // Only now does this post's evidence become history for later posts.
            for (var k = inStart[i]; k < inStart[i + 1]; k++)
            {
                var a = from[inEdges[k]];
                if (channel[a] == channel[i]) continue;
                CollectionsMarshal.GetValueRefOrAddDefault(history, PairKey(channel[i], channel[a], channelCount), out _)++;
            }
        }

        var kinds = new EdgeKindSet[count];
        var edgeCounts = new int[count];
        for (var e = 0; e < m; e++)
        {
            var c = cascadeOf[from[e]];
            if (c < 0 || c != cascadeOf[to[e]]) continue;
            kinds[c] |= EdgeKindSets.Of((EdgeKind)kind[e]);
            edgeCounts[c]++;
        }

        var result = new List<Cascade>(count);
        var channelStamp = new int[channelCount];
        Array.Fill(channelStamp, -1);
        for (var c = 0; c < count; c++)
        {
            var size = start[c + 1] - start[c];
            var origin = flat[start[c]];
            var members = new CascadeMember[size];
            long reach = 0;
            var withViews = 0;
            var distinctChannels = 0;
            for (var k = 0; k < size; k++)
            {
                var i = flat[start[c] + k];
                var p = parent[i];
                var post = posts[i];
                members[k] = new CascadeMember(post.Id, post.SourceId, post.Published,
                    p < 0 ? null : posts[p].Id, p < 0 ? null : posts[p].SourceId, reason[i],
                    TimeSpan.FromTicks(p < 0 ? 0 : ticks[i] - ticks[p]), TimeSpan.FromTicks(ticks[i] - ticks[origin]), post.Views);
                if (post.Views is { } views) { reach += views; withViews++; }
                if (channelStamp[channel[i]] != c) { channelStamp[channel[i]] = c; distinctChannels++; }
            }
            result.Add(new Cascade(posts[origin].Id, members)
            {
                Channels = distinctChannels,
                TimeTo50 = members[RankFor(size, 0.5)].LagBehindOrigin,
                TimeTo90 = members[RankFor(size, 0.9)].LagBehindOrigin,
                Duration = members[^1].LagBehindOrigin,
                Reach = reach,
                MembersWithViews = withViews,
                Kinds = kinds[c],
                Edges = edgeCounts[c],
            });
        }
        return result;

        void ChooseParent(int i, int c, int s)
        {
            // (1) An explicit forward of an earlier member: the earliest such.
            var best = -1;
            for (var k = inStart[i]; k < inStart[i + 1]; k++)
            {
                var e = inEdges[k];
                var a = from[e];
                if ((EdgeKind)kind[e] != EdgeKind.Forward || cascadeOf[a] != c || position[a] >= position[i]) continue;
                if (best < 0 || position[a] < position[best]) best = a;
            }
            if (best >= 0) { parent[i] = best; reason[i] = ParentReason.Forward; return; }

            // (2) The channel this post's channel has taken from most often so far.
            var bestCount = 0;
            for (var k = 0; k < distinct[c]; k++)
            {
                var candidate = firstOfChannel[s + k];
                if (channel[candidate] == channel[i]) continue;
                if (history.TryGetValue(PairKey(channel[i], channel[candidate], channelCount), out var seen) && seen > bestCount)
                {
                    bestCount = seen;
                    best = candidate;
                }
            }
            if (best >= 0)
            {
                // Prefer the (earliest) post of that channel this one has a direct edge from.
                var direct = -1;
                for (var k = inStart[i]; k < inStart[i + 1]; k++)
                {
                    var a = from[inEdges[k]];
                    if (cascadeOf[a] == c && channel[a] == channel[best] && position[a] < position[i]
                        && (direct < 0 || position[a] < position[direct])) direct = a;
                }
                if (direct >= 0) best = direct;
                parent[i] = best; reason[i] = ParentReason.Habit; return;
            }

            // (3) The origin.
            parent[i] = flat[s];
            reason[i] = ParentReason.Fallback;
        }
    }

    /// <summary>0-based index of the member at which a share of the cascade had posted: ⌈share·size⌉ − 1.</summary>
    internal static int RankFor(int size, double share) => Math.Clamp((int)Math.Ceiling(share * size - 1e-9) - 1, 0, size - 1);

    // later·count + earlier rather than later << 32 | earlier: long.GetHashCode folds the halves with XOR, which
    // would send every pair of small channel numbers to a few thousand buckets.
    private static long PairKey(int laterChannel, int earlierChannel, int channelCount) => (long)laterChannel * channelCount + earlierChannel;

    /// <summary>Post id → position in the input: a plain array when the ids are dense (archive ids are), else a dictionary.</summary>
    private sealed class PostIndex
    {
        private readonly int[]? _dense;
        private readonly long _min;
        private readonly Dictionary<long, int>? _sparse;

        public PostIndex(IReadOnlyList<AnalysisPost> posts)
        {
            long min = long.MaxValue, max = long.MinValue;
            for (var i = 0; i < posts.Count; i++)
            {
                min = Math.Min(min, posts[i].Id);
                max = Math.Max(max, posts[i].Id);
            }
            if (posts.Count > 0 && (ulong)(max - min) < 4UL * (ulong)posts.Count + 1024)
            {
                _min = min;
                _dense = new int[max - min + 1];
                Array.Fill(_dense, -1);
                for (var i = 0; i < posts.Count; i++)
                {
                    ref var slot = ref _dense[posts[i].Id - min];
                    if (slot < 0) slot = i; // a repeated id keeps its first post
                }
            }
            else
            {
                _sparse = new Dictionary<long, int>(posts.Count);
                for (var i = 0; i < posts.Count; i++) _sparse.TryAdd(posts[i].Id, i);
            }
        }

        public bool TryGetValue(long id, out int i)
        {
            if (_dense is null) return _sparse!.TryGetValue(id, out i);
            var offset = (ulong)(id - _min);
            i = offset < (ulong)_dense.Length ? _dense[offset] : -1;
            return i >= 0;
        }
    }

    /// <summary>Union-find by size with path halving; every root knows its earliest and latest post time.</summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;
        private readonly int[] _size;
        private readonly long[] _min;
        private readonly long[] _max;

        public DisjointSets(long[] ticks)
        {
            _parent = new int[ticks.Length];
            _size = new int[ticks.Length];
            for (var i = 0; i < _parent.Length; i++) { _parent[i] = i; _size[i] = 1; }
            _min = (long[])ticks.Clone();
            _max = (long[])ticks.Clone();
        }

        public int Size(int root) => _size[root];

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }
            return x;
        }

        /// <summary>Merges unless the result would span more than maxSpan, or, for a weak edge, both sides already hold several posts.</summary>
        public bool TryUnion(int a, int b, long maxSpan, bool weakOnly)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra == rb) return false;
            if (weakOnly && _size[ra] > 1 && _size[rb] > 1) return false;
            var min = Math.Min(_min[ra], _min[rb]);
            var max = Math.Max(_max[ra], _max[rb]);
            if (max - min > maxSpan) return false;
            if (_size[ra] < _size[rb]) (ra, rb) = (rb, ra);
            _parent[rb] = ra;
            _size[ra] += _size[rb];
            _min[ra] = min;
            _max[ra] = max;
            return true;
        }
    }
}
