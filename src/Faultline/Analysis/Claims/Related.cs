using Faultline.Text;

namespace Faultline.Analysis.Claims;

/// <summary>A post or claim related to the one asked about, with why.</summary>
/// <param name="Kind">"post" or "claim".</param>
/// <param name="Id">The post id or claim id.</param>
/// <param name="Score">0..1, higher is closer (see <see cref="RelatedIndex"/> for how it is built).</param>
/// <param name="Reasons">What the two share: rare words, actors, a link or site, a claim or cascade, closeness in time.</param>
public sealed record RelatedItem(string Kind, long Id, double Score, IReadOnlyList<string> Reasons);

/// <summary>Weights and limits of <see cref="RelatedIndex"/>.</summary>
public sealed record RelatedOptions
{
    /// <summary>The defaults.</summary>
    public static RelatedOptions Default { get; } = new();

    /// <summary>How many items a query returns at most.</summary>
    public int Top { get; init; } = 10;

    /// <summary>Items scoring below this are not returned.</summary>
    public double MinScore { get; init; } = 0.2;

    /// <summary>Stems in more than this share of the posts (and in more than <see cref="MinStopDocuments"/>) are function words: left out.</summary>
    public double MaxDocumentShare { get; init; } = 0.05;

    /// <summary>A stem is never a function word when it is in this many posts or fewer (keeps small corpora meaningful).</summary>
    public int MinStopDocuments { get; init; } = 50;

    /// <summary>How many of the query's heaviest stems look up candidates in the inverted index.</summary>
    public int QueryTerms { get; init; } = 16;

    /// <summary>Text candidates (by partial dot product over the query stems) scored in full.</summary>
    public int MaxTextCandidates { get; init; } = 300;

    /// <summary>Actor and site candidates come only from this far before or after the item; time closeness counts within it.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(3);

    /// <summary>The time bonus halves at this lag.</summary>
    public TimeSpan TimeHalvesAfter { get; init; } = TimeSpan.FromHours(12);

    /// <summary>At most this many posts per actor, site, link or cascade are looked at (the nearest in time).</summary>
    public int MaxPostingsPerKey { get; init; } = 1000;

    /// <summary>A site or link in more than this share of the posts (and more than <see cref="MinStopDocuments"/>) is too common to count
    /// (a channel's link to itself in every footer, a popular host).</summary>
    public double MaxSiteShare { get; init; } = 0.01;

    /// <summary>Weight of the TF-IDF cosine.</summary>
    public double TextWeight { get; init; } = 0.6;

    /// <summary>Weight of the shared share of the smaller actor set.</summary>
    public double ActorWeight { get; init; } = 0.2;

    /// <summary>Bonus for the same link.</summary>
    public double LinkWeight { get; init; } = 0.15;

    /// <summary>Bonus for the same (uncommon) site or the same t.me channel linked.</summary>
    public double SiteWeight { get; init; } = 0.05;

    /// <summary>Bonus for being in the same claim (or, for a claim, containing the post).</summary>
    public double ClaimWeight { get; init; } = 0.3;

    /// <summary>Bonus for being in the same cascade.</summary>
    public double CascadeWeight { get; init; } = 0.3;

    /// <summary>Bonus at zero lag, halving every <see cref="TimeHalvesAfter"/>; given only when something else is shared.</summary>
    public double TimeWeight { get; init; } = 0.1;

    /// <summary>The cosine at which shared words count as "something shared" for the time bonus and the reasons.</summary>
    public double MinCosine { get; init; } = 0.08;
}

/// <summary>Finds related posts and claims without building an index by hand: one-off queries. Build a <see cref="RelatedIndex"/> for many.</summary>
public static class Related
{
    /// <summary>The nearest other posts and claims to a post.</summary>
    public static IReadOnlyList<RelatedItem> ForPost(long postId, IReadOnlyList<AnalysisPost> posts, IReadOnlyList<Claim> claims,
        IReadOnlyDictionary<long, IReadOnlyList<string>>? actorsByPost = null, RelatedOptions? options = null)
        => RelatedIndex.Build(posts, claims, actorsByPost, null, options).ForPost(postId);

    /// <summary>The nearest non-member posts and other claims to a claim.</summary>
    public static IReadOnlyList<RelatedItem> ForClaim(long claimId, IReadOnlyList<AnalysisPost> posts, IReadOnlyList<Claim> claims,
        IReadOnlyDictionary<long, IReadOnlyList<string>>? actorsByPost = null, RelatedOptions? options = null)
        => RelatedIndex.Build(posts, claims, actorsByPost, null, options).ForClaim(claimId);
}

/// <summary>
/// Answers "what else is this about?" for a post or a claim: the nearest other posts and claims, each with the reasons
/// it is related.
/// </summary>
/// <remarks>
/// <para>Every post becomes a TF-IDF vector of its stems (<see cref="TextNormalizer"/>, <see cref="Tokenizer"/>,
/// <see cref="Stemmer"/> in the post's language; weight (1 + ln tf)·ln((N + 1)/df), L2-normalised; stems in more than
/// <see cref="RelatedOptions.MaxDocumentShare"/> of the posts are dropped), plus its actors, links, sites (host, or
/// t.me/channel for Telegram links), claims and cascade. A claim is the normalised sum of its members' vectors and the
/// union of the rest, spanning its members' times.</para>
/// <para>Candidates come from inverted indexes, never from all pairs: the query's <see cref="RelatedOptions.QueryTerms"/>
/// heaviest stems (the best <see cref="RelatedOptions.MaxTextCandidates"/> by partial dot product), posts with a
/// shared actor or site within <see cref="RelatedOptions.Window"/> (the nearest <see cref="RelatedOptions.MaxPostingsPerKey"/>),
/// posts with the same link, claim or cascade; claims are the claims of those posts. Each candidate is scored:</para>
/// <code>
/// Score = min(1, 0.6·cosine + 0.2·shared actors / smaller actor set + 0.15·same link (else 0.05·same site)
///              + 0.3·same claim + 0.3·same cascade + 0.1 / (1 + lag / 12 h))
/// </code>
/// <para>the time term only when the lag is within the window and something else is shared (cosine ≥ 0.08, an actor,
/// a link or site, a claim, a cascade). Across languages the stems rarely meet; a shared actor id and closeness in time
/// carry the relation (0.2 + up to 0.1 ≥ the 0.2 threshold).</para>
/// </remarks>
public sealed class RelatedIndex
{
    /// <summary>What related items are, for analysts.</summary>
    public const string Description =
        "Lists the posts and claims nearest to a post or claim by shared rare words, actors, links, claim, cascade and time; " +
        "across languages it relies on shared actor ids, so a retelling in another language that names no known actor is missed.";

    private readonly RelatedOptions _o;
    private readonly AnalysisPost[] _posts;
    private readonly long[] _ticks;
    private readonly Dictionary<long, int> _indexOfPost;
    private readonly Profile[] _profiles;
    private readonly string[] _words;
    private readonly int[][] _termPostings;
    private readonly float[][] _termWeights;
    private readonly string[] _actorNames;
    private readonly int[][] _actorPostings;
    private readonly string[] _urls;
    private readonly int[][] _urlPostings;
    private readonly string[] _sites;
    private readonly int[][] _sitePostings;
    private readonly bool[] _commonSite;
    private readonly bool[] _commonUrl;
    private readonly Dictionary<long, (Claim Claim, Profile Profile, int[] Members)> _claims;
    private readonly Dictionary<long, int[]> _cascades;

    private RelatedIndex(RelatedOptions o, AnalysisPost[] posts, long[] ticks, Dictionary<long, int> indexOfPost, Profile[] profiles, string[] words,
        int[][] termPostings, float[][] termWeights, string[] actorNames, int[][] actorPostings, string[] urls, int[][] urlPostings,
        string[] sites, int[][] sitePostings, bool[] commonSite, bool[] commonUrl, Dictionary<long, (Claim, Profile, int[])> claims, Dictionary<long, int[]> cascades)
    {
        (_o, _posts, _ticks, _indexOfPost, _profiles, _words) = (o, posts, ticks, indexOfPost, profiles, words);
        (_termPostings, _termWeights, _actorNames, _actorPostings, _urls, _urlPostings) = (termPostings, termWeights, actorNames, actorPostings, urls, urlPostings);
        (_sites, _sitePostings, _commonSite, _commonUrl, _claims, _cascades) = (sites, sitePostings, commonSite, commonUrl, claims, cascades);
    }

    /// <summary>Posts indexed.</summary>
    public int PostCount => _posts.Length;

    /// <summary>
    /// Indexes posts and claims. <paramref name="actorsByPost"/>: actor ids per post id (from the mentions stage);
    /// <paramref name="cascadeByPost"/>: cascade id per post id. Both optional.
    /// </summary>
    public static RelatedIndex Build(IReadOnlyList<AnalysisPost> posts, IReadOnlyList<Claim> claims,
        IReadOnlyDictionary<long, IReadOnlyList<string>>? actorsByPost = null, IReadOnlyDictionary<long, long>? cascadeByPost = null,
        RelatedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(claims);
        var o = options ?? RelatedOptions.Default;
        var ordered = posts.OrderBy(p => p.Published).ThenBy(p => p.Id).ToArray();
        var n = ordered.Length;
        var ticks = ordered.Select(p => p.Published.UtcTicks).ToArray();
        var indexOfPost = new Dictionary<long, int>(n);
        for (var i = 0; i < n; i++) indexOfPost[ordered[i].Id] = i;

        // Stems per post in parallel (the stemmer is thread-safe); ids are assigned in post order so they are deterministic.
        var tokens = new (string Stem, string Word)[n][];
        Parallel.For(0, n, i =>
        {
            var p = ordered[i];
            var language = LanguageCodes.Parse(p.Language);
            tokens[i] = Tokenizer.Words(TextNormalizer.Normalize(p.Text))
                .Where(w => w.Length > 1)
                .Select(w => (Stemmer.Stem(w, language), w)).ToArray();
        });
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<string>();
        var df = new List<int>();
        var counts = new Dictionary<int, int>[n];
        for (var i = 0; i < n; i++)
        {
            var tf = new Dictionary<int, int>();
            foreach (var (stem, word) in tokens[i])
            {
                if (!termIds.TryGetValue(stem, out var id))
                {
                    id = termIds[stem] = words.Count;
                    words.Add(word);
                    df.Add(0);
                }
                if (tf.TryGetValue(id, out var c)) tf[id] = c + 1;
                else { tf[id] = 1; df[id]++; }
            }
            counts[i] = tf;
            tokens[i] = [];
        }
        var stopAbove = Math.Max(o.MaxDocumentShare * n, o.MinStopDocuments);
        var profiles = new Profile[n];
        var postingLists = new List<(int Post, float Weight)>?[words.Count];
        for (var i = 0; i < n; i++)
        {
            var vector = counts[i].Where(kv => df[kv.Key] <= stopAbove)
                .Select(kv => (Term: kv.Key, Weight: (1 + Math.Log(kv.Value)) * Math.Log((n + 1.0) / df[kv.Key])))
                .OrderBy(t => t.Term).ToArray();
            var norm = Math.Sqrt(vector.Sum(t => t.Weight * t.Weight));
            var profile = profiles[i] = new Profile
            {
                Terms = vector.Select(t => t.Term).ToArray(),
                Weights = vector.Select(t => norm > 0 ? (float)(t.Weight / norm) : 0f).ToArray(),
                From = ticks[i],
                To = ticks[i],
            };
            for (var k = 0; k < profile.Terms.Length; k++)
                (postingLists[profile.Terms[k]] ??= []).Add((i, profile.Weights[k]));
            counts[i] = null!;
        }
        var termPostings = postingLists.Select(l => l is null ? [] : l.Select(x => x.Post).ToArray()).ToArray();
        var termWeights = postingLists.Select(l => l is null ? [] : l.Select(x => x.Weight).ToArray()).ToArray();

        var actorIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var actorPostings = new List<List<int>>();
        var urlIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var urlPostings = new List<List<int>>();
        var siteIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var sitePostings = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            var p = ordered[i];
            if (actorsByPost is not null && actorsByPost.TryGetValue(p.Id, out var actors))
                profiles[i].Actors = Ids(actors, actorIds, actorPostings, i);
            profiles[i].Urls = Ids(p.Links.Select(l => l.Url), urlIds, urlPostings, i);
            profiles[i].Sites = Ids(p.Links.Select(Site), siteIds, sitePostings, i);
            if (cascadeByPost is not null && cascadeByPost.TryGetValue(p.Id, out var cascade)) profiles[i].Cascades = [cascade];
        }
        var siteAbove = Math.Max(o.MaxSiteShare * n, o.MinStopDocuments);
        var commonSite = sitePostings.Select(l => l.Count > siteAbove).ToArray();
        var commonUrl = urlPostings.Select(l => l.Count > siteAbove).ToArray();

        var cascades = new Dictionary<long, int[]>();
        if (cascadeByPost is not null)
            foreach (var g in cascadeByPost.Where(kv => indexOfPost.ContainsKey(kv.Key)).GroupBy(kv => kv.Value))
                cascades[g.Key] = g.Select(kv => indexOfPost[kv.Key]).Order().ToArray();

        var claimIndex = new Dictionary<long, (Claim, Profile, int[])>();
        var claimsOfPost = new Dictionary<int, List<long>>();
        foreach (var claim in claims)
        {
            var members = claim.Members.Select(m => indexOfPost.TryGetValue(m.PostId, out var i) ? i : -1).Where(i => i >= 0).Distinct().Order().ToArray();
            foreach (var i in members) (claimsOfPost.TryGetValue(i, out var l) ? l : claimsOfPost[i] = []).Add(claim.Id);
            var extraActors = claim.Actors.Select(a => actorIds.TryGetValue(a, out var id) ? id : -1).Where(id => id >= 0);
            claimIndex[claim.Id] = (claim, Profile.Merge(members.Select(i => profiles[i]), extraActors, claim.Id), members);
        }
        foreach (var (i, ids) in claimsOfPost) profiles[i].Claims = ids.Order().ToArray();

        return new RelatedIndex(o, ordered, ticks, indexOfPost, profiles, words.ToArray(), termPostings, termWeights,
            actorIds.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), actorPostings.Select(l => l.ToArray()).ToArray(),
            urlIds.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), urlPostings.Select(l => l.ToArray()).ToArray(),
            siteIds.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), sitePostings.Select(l => l.ToArray()).ToArray(), commonSite, commonUrl,
            claimIndex, cascades);
    }

    /// <summary>The nearest other posts and claims to a post (its own claims included, "contains this post"); empty for an unknown id.</summary>
    public IReadOnlyList<RelatedItem> ForPost(long postId, int? top = null)
    {
        if (!_indexOfPost.TryGetValue(postId, out var i)) return [];
        return Query(_profiles[i], [i], excludeClaim: null, top ?? _o.Top);
    }

    /// <summary>The nearest posts that are not its members, and the nearest other claims, to a claim; empty for an unknown id.</summary>
    public IReadOnlyList<RelatedItem> ForClaim(long claimId, int? top = null)
    {
        if (!_claims.TryGetValue(claimId, out var c)) return [];
        return Query(c.Profile, c.Members.ToHashSet(), claimId, top ?? _o.Top);
    }

    private IReadOnlyList<RelatedItem> Query(Profile q, ICollection<int> excludePosts, long? excludeClaim, int top)
    {
        var candidates = new HashSet<int>();

        // Text: accumulate the partial dot product over the query's heaviest stems, keep the best.
        var partial = new Dictionary<int, float>();
        foreach (var k in Enumerable.Range(0, q.Terms.Length).OrderByDescending(k => q.Weights[k]).ThenBy(k => q.Terms[k]).Take(_o.QueryTerms))
        {
            var postings = _termPostings[q.Terms[k]];
            var weights = _termWeights[q.Terms[k]];
            for (var j = 0; j < postings.Length; j++)
                partial[postings[j]] = partial.GetValueOrDefault(postings[j]) + q.Weights[k] * weights[j];
        }
        foreach (var kv in partial.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(_o.MaxTextCandidates)) candidates.Add(kv.Key);

        foreach (var a in q.Actors) AddNearest(_actorPostings[a], q, candidates);
        foreach (var s in q.Sites) if (!_commonSite[s]) AddNearest(_sitePostings[s], q, candidates);
        foreach (var u in q.Urls) if (!_commonUrl[u]) AddNearest(_urlPostings[u], q, candidates, windowed: false);
        foreach (var c in q.Claims) if (_claims.TryGetValue(c, out var claim)) AddNearest(claim.Members, q, candidates, windowed: false);
        foreach (var c in q.Cascades) if (_cascades.TryGetValue(c, out var members)) AddNearest(members, q, candidates, windowed: false);
        candidates.ExceptWith(excludePosts);

        var results = new List<RelatedItem>();
        var claimCandidates = new HashSet<long>(q.Claims);
        foreach (var i in candidates)
        {
            foreach (var c in _profiles[i].Claims) claimCandidates.Add(c);
            var (score, reasons) = Score(q, _profiles[i], candidateIsClaim: false);
            if (score >= _o.MinScore) results.Add(new RelatedItem("post", _posts[i].Id, score, reasons));
        }
        foreach (var c in claimCandidates)
        {
            if (c == excludeClaim || !_claims.TryGetValue(c, out var claim)) continue;
            var (score, reasons) = Score(q, claim.Profile, candidateIsClaim: true);
            if (score >= _o.MinScore) results.Add(new RelatedItem("claim", c, score, reasons));
        }
        return results.OrderByDescending(r => r.Score).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Id).Take(top).ToList();
    }

    /// <summary>Adds the postings nearest in time to the query, within the window unless told otherwise, at most the cap.</summary>
    private void AddNearest(int[] postings, Profile q, HashSet<int> into, bool windowed = true)
    {
        int lo = 0, hi = postings.Length;
        if (windowed)
        {
            lo = LowerBound(postings, q.From - _o.Window.Ticks);
            hi = LowerBound(postings, q.To + _o.Window.Ticks + 1);
        }
        if (hi - lo > _o.MaxPostingsPerKey)
        {
            var centre = LowerBound(postings, q.From);
            lo = Math.Clamp(centre - _o.MaxPostingsPerKey / 2, lo, hi - _o.MaxPostingsPerKey);
            hi = lo + _o.MaxPostingsPerKey;
        }
        for (var j = lo; j < hi; j++) into.Add(postings[j]);
    }

    private int LowerBound(int[] postings, long ticks)
    {
        int lo = 0, hi = postings.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ticks[postings[mid]] < ticks) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private (double Score, IReadOnlyList<string> Reasons) Score(Profile q, Profile c, bool candidateIsClaim)
    {
        var reasons = new List<string>();
        var score = 0.0;
        var shared = false;

        var (cosine, contributions) = Dot(q, c);
        score += _o.TextWeight * cosine;
        if (cosine >= _o.MinCosine)
        {
            shared = true;
            var top = contributions.OrderByDescending(t => t.Value).ThenBy(t => t.Term).Take(5).Select(t => _words[t.Term]);
            reasons.Add($"shared rare words (cosine {cosine.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}): {string.Join(", ", top)}");
        }

        var actors = Intersect(q.Actors, c.Actors);
        if (actors.Count > 0)
        {
            shared = true;
            score += _o.ActorWeight * actors.Count / Math.Min(q.Actors.Length, c.Actors.Length);
            reasons.Add("shared actors: " + string.Join(", ", actors.Select(a => _actorNames[a])));
        }

        var urls = Intersect(q.Urls, c.Urls).Where(u => !_commonUrl[u]).ToList();
        if (urls.Count > 0)
        {
            shared = true;
            score += _o.LinkWeight;
            reasons.Add("same link: " + _urls[urls[0]]);
        }
        else if (Intersect(q.Sites, c.Sites).Where(s => !_commonSite[s]).ToList() is { Count: > 0 } sites)
        {
            shared = true;
            score += _o.SiteWeight;
            reasons.Add("links the same site: " + _sites[sites[0]]);
        }

        foreach (var claim in Intersect(q.Claims, c.Claims))
        {
            shared = true;
            score += _o.ClaimWeight;
            reasons.Add(candidateIsClaim ? "contains this post" : $"same claim #{claim}");
            break;
        }
        foreach (var cascade in Intersect(q.Cascades, c.Cascades))
        {
            shared = true;
            score += _o.CascadeWeight;
            reasons.Add($"same cascade #{cascade}");
            break;
        }

        var lag = TimeSpan.FromTicks(Math.Max(0, Math.Max(c.From - q.To, q.From - c.To)));
        if (shared && lag <= _o.Window)
        {
            score += _o.TimeWeight / (1 + lag / _o.TimeHalvesAfter);
            reasons.Add(lag == TimeSpan.Zero && (q.From != q.To || c.From != c.To) ? "at the same time" : $"{AdmiraltyGrading.Duration(lag)} apart");
        }
        return (Math.Min(1, score), reasons);
    }

    private static (double Dot, List<(int Term, double Value)> Contributions) Dot(Profile a, Profile b)
    {
        var contributions = new List<(int, double)>();
        double dot = 0;
        int i = 0, j = 0;
        while (i < a.Terms.Length && j < b.Terms.Length)
        {
            if (a.Terms[i] < b.Terms[j]) i++;
            else if (a.Terms[i] > b.Terms[j]) j++;
            else
            {
                var v = (double)a.Weights[i] * b.Weights[j];
                dot += v;
                contributions.Add((a.Terms[i], v));
                i++;
                j++;
            }
        }
        return (dot, contributions);
    }

    private static List<T> Intersect<T>(T[] a, T[] b) where T : IComparable<T>
    {
        var result = new List<T>();
        if (a.Length == 0 || b.Length == 0) return result;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var cmp = a[i].CompareTo(b[j]);
            if (cmp < 0) i++;
            else if (cmp > 0) j++;
            else { result.Add(a[i]); i++; j++; }
        }
        return result;
    }

    private static int[] Ids(IEnumerable<string> keys, Dictionary<string, int> ids, List<List<int>> postings, int post)
    {
        var result = new SortedSet<int>();
        foreach (var key in keys)
        {
            if (string.IsNullOrEmpty(key)) continue;
            if (!ids.TryGetValue(key, out var id))
            {
                id = ids[key] = postings.Count;
                postings.Add([]);
            }
            if (result.Add(id)) postings[id].Add(post);
        }
        return result.Count == 0 ? [] : result.ToArray();
    }

    /// <summary>The site a link points to: t.me/channel for Telegram, else the host without "www.".</summary>
    private static string Site(Archive.LinkTarget link) =>
        link.TelegramHandle is { Length: > 0 } handle ? "t.me/" + handle.ToLowerInvariant()
        : link.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? link.Host[4..].ToLowerInvariant() : link.Host.ToLowerInvariant();

    private sealed class Profile
    {
        public int[] Terms = [];
        public float[] Weights = [];
        public int[] Actors = [];
        public int[] Urls = [];
        public int[] Sites = [];
        public long[] Claims = [];
        public long[] Cascades = [];
        public long From;
        public long To;

        public static Profile Merge(IEnumerable<Profile> members, IEnumerable<int> extraActors, long claimId)
        {
            var list = members.ToList();
            var sum = new SortedDictionary<int, double>();
            foreach (var m in list)
                for (var k = 0; k < m.Terms.Length; k++)
                    sum[m.Terms[k]] = sum.GetValueOrDefault(m.Terms[k]) + m.Weights[k];
            var norm = Math.Sqrt(sum.Values.Sum(v => v * v));
            return new Profile
            {
                Terms = sum.Keys.ToArray(),
                Weights = sum.Values.Select(v => norm > 0 ? (float)(v / norm) : 0f).ToArray(),
                Actors = list.SelectMany(m => m.Actors).Concat(extraActors).Distinct().Order().ToArray(),
                Urls = list.SelectMany(m => m.Urls).Distinct().Order().ToArray(),
                Sites = list.SelectMany(m => m.Sites).Distinct().Order().ToArray(),
                Claims = [claimId],
                Cascades = list.SelectMany(m => m.Cascades).Distinct().Order().ToArray(),
                From = list.Count == 0 ? 0 : list.Min(m => m.From),
                To = list.Count == 0 ? 0 : list.Max(m => m.To),
            };
        }
    }
}
