using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Faultline.Text;

namespace Faultline.Analysis.Claims;

/// <summary>
/// Groups posts into claims and writes each claim's history: seeds from cascades of forwards, copies, echoes, cites
/// and attributions, grows them with later posts that share rare stems, actors, names, numbers or links within a
/// window, lets an <see cref="IRoleClassifier"/> decide each member's role, and derives the timeline from the roles,
/// the post versions and the tombstones.
/// </summary>
/// <remarks>
/// <para>Work is linear in posts plus postings: every post's keys (stems, actor ids, transliterated names, numbers,
/// links) are interned once; keys in more than <see cref="ClaimOptions.RareShare"/> of posts are dropped; the rest
/// form an inverted index whose postings are in time order, so a post looks back only at the posts of its own keys
/// inside the window (binary search, no all-pairs). Pair scores do not depend on assignments and are computed in
/// parallel; the assignment pass that follows is sequential, in time order, so results are deterministic.</para>
/// <para>A post joins at most one claim: its cascade's, if its cascade has one, else the most similar claim whose
/// origin is within <see cref="ClaimOptions.Window"/> (or <see cref="ClaimOptions.AnchoredWindow"/> when the post links to a
/// member or an edge ties it to one) and whose classifier call gives it a role; when the most similar earlier post is
/// still alone, that post becomes the origin of a new claim. A cascade whose first post joins an earlier claim that
/// way brings its whole cascade with it (its later posts are classified against that claim).</para>
/// <para>Lifecycle decisions: a Mock member gives a <see cref="LifecycleEventKind.Reported"/> event (it spreads word of the
/// claim without endorsing it; the summary says "mocked"). A tombstoned member's deletion time is unknown, so its
/// Deleted event carries the best lower bound: the FirstSeen of its last version, else its Published time.
/// RunningCount counts the Amplify members so far; RunningReach sums the known views of the origin and those members.
/// Resurfaced is added (before the Amplified event of the same post) when an amplification follows a Denied or
/// WalkedBack event, or follows the previous member post by more than <see cref="ClaimOptions.ResurfaceGap"/>.</para>
/// </remarks>
public static class ClaimBuilder
{
    /// <summary>One line for analysts.</summary>
    public const string Description =
        "Groups posts into claims from cascades and shared rare terms, actors, names and links within 72 h of the origin, " +
        "and tracks each claim's spread, reports, denials, walk-backs, edits and deletions; roles come from cue words " +
        "near the claim, so sarcasm is missed, and so are paraphrases in other languages that share no name or actor plus a " +
        "number or cognates with it (names, and ru/uk words, also meet on their consonant skeleton: Белокаменке / Білокам'янці).";

    private const int MaxCandidates = 16;
    private const int MaxClaimTries = 3;
    private const double ImplicitEchoCosine = 0.25;
    private const int FollowUpTerms = 40;
    private const int MinCognates = 2;
    private const double CognateBonus = 0.1, MaxCognateBonus = 0.3;
    private const double EntityBonus = 0.2, MaxEntityBonus = 0.4, NumberBonus = 0.15, LinkBonus = 0.4, AnchorBonus = 1.0;

    /// <summary>Builds the claims of <paramref name="input"/>, oldest origin first.</summary>
    public static IReadOnlyList<Claim> Build(ClaimInput input, IRoleClassifier roles, ClaimOptions? options = null) => Build(input, roles, options, out _);

    /// <summary>
    /// Builds the claims of <paramref name="input"/>, oldest origin first, and gives the key counts it made (by
    /// <see cref="KeyName"/>): over every post, or, with <see cref="ClaimInput.Statistics"/>, over <see cref="ClaimInput.NewPosts"/>.
    /// </summary>
    internal static IReadOnlyList<Claim> Build(ClaimInput input, IRoleClassifier roles, ClaimOptions? options, out IReadOnlyDictionary<string, int> keyCounts,
        PhaseClock? phases = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(roles);
        options ??= ClaimOptions.Default;
        var posts = input.Posts.OrderBy(p => p.Published).ThenBy(p => p.Id).ToArray();
        var n = posts.Length;
        keyCounts = new Dictionary<string, int>();
        if (n == 0) return [];
        var orderOf = new Dictionary<long, int>(n);
        for (var i = 0; i < n; i++) orderOf.TryAdd(posts[i].Id, i);

        phases?.Mark("order");
        var index = PostIndex.Create(posts, input, options, phases);
        keyCounts = index.Counts();
        phases?.Mark("key counts");
        var ends = EdgeEnds(input.Edges, orderOf);
        var incoming = IncomingEdges(input.Edges, ends, n);
        var cascadeRoot = CascadeSeeds(posts, input.Edges, ends, options);
        phases?.Mark("cascade seeds");
        var candidates = Candidates(posts, index, incoming, options);
        phases?.Mark("candidates");

        var claimOf = new int[n];
        Array.Fill(claimOf, -1);
        var claims = new List<ClaimState>();
        var bySource = new Dictionary<long, List<int>>(); // claims by their origin's source, in creation order
        for (var p = 0; p < n; p++)
        {
            var root = cascadeRoot[p];
            if (root == p)
            {
                // A cascade that retells an earlier claim joins it whole: its origin joins, its members follow the origin.
                if (JoinMostSimilar(p, candidates[p], posts, index, incoming, claimOf, claims, bySource, roles, input.ActorsByPost, options)) continue;
                if (JoinOwnClaim(p, posts, index, incoming, claimOf, claims, bySource, roles, input.ActorsByPost, options)) continue;
                claimOf[p] = claims.Count;
                AddBySource(bySource, posts[p].SourceId, claims.Count);
                claims.Add(new ClaimState(p, posts, index, input.ActorsByPost));
                continue;
            }
            if (root >= 0 && claimOf[root] >= 0 && TryJoin(claims[claimOf[root]], p, posts, index, incoming, claimOf, roles, input.ActorsByPost, candidates[p]))
            {
                claimOf[p] = claimOf[root];
                continue;
            }
            if (JoinMostSimilar(p, candidates[p], posts, index, incoming, claimOf, claims, bySource, roles, input.ActorsByPost, options)) continue;
            JoinOwnClaim(p, posts, index, incoming, claimOf, claims, bySource, roles, input.ActorsByPost, options);
        }

        phases?.Mark("assign");
        // Titles, timelines and terms are independent per claim.
        var kept = claims.Where(c => c.Members.Count >= options.MinMembers).OrderBy(c => c.Origin).ToArray();
        var result = new Claim[kept.Length];
        Parallel.For(0, kept.Length, i => result[i] = kept[i].ToClaim(posts, index, input, options));
        phases?.Mark("titles, timelines");
        return result;
    }

    private static bool JoinMostSimilar(int p, Candidate[]? candidates, AnalysisPost[] posts, PostIndex index, List<(int From, EdgeKind Kind)>[] incoming,
        int[] claimOf, List<ClaimState> claims, Dictionary<long, List<int>> bySource, IRoleClassifier roles, IReadOnlyDictionary<long, IReadOnlyList<string>> actors, ClaimOptions options)
    {
        if (candidates is null || candidates.Length == 0) return false;
        // Best score per target: an existing claim (>= 0) or a lone earlier post that would become an origin (-1 - order).
        var best = new Dictionary<int, (double Score, int Origin)>();
        foreach (var c in candidates)
        {
            var target = claimOf[c.Post] >= 0 ? claimOf[c.Post] : -1 - c.Post;
            var origin = target >= 0 ? claims[target].Origin : c.Post;
            var reach = c.Anchored ? options.AnchoredWindow : options.Window;
            if (posts[p].Published - posts[origin].Published > reach) continue;
            if (!best.TryGetValue(target, out var seen) || c.Score > seen.Score) best[target] = (c.Score, origin);
        }
        foreach (var (target, _) in best.OrderByDescending(kv => kv.Value.Score).ThenBy(kv => kv.Value.Origin).Take(MaxClaimTries))
        {
            var isNew = target < 0;
            var claim = isNew ? new ClaimState(-1 - target, posts, index, actors) : claims[target];
            if (!TryJoin(claim, p, posts, index, incoming, claimOf, roles, actors, candidates, isNew ? -1 - target : -2)) continue;
            if (isNew)
            {
                claimOf[claim.Origin] = claims.Count;
                AddBySource(bySource, posts[claim.Origin].SourceId, claims.Count);
                claims.Add(claim);
            }
            claimOf[p] = isNew ? claims.Count - 1 : target;
            return true;
        }
        return false;
    }

    private static void AddBySource(Dictionary<long, List<int>> bySource, long source, int claim)
    {
        if (!bySource.TryGetValue(source, out var list)) bySource[source] = list = [];
        list.Add(claim);
    }

    /// <summary>
    /// The originator's own follow-up ("Списков больше нет. Вопрос снят с повестки") shares only a word or two with its
    /// claim, too few to be a similarity candidate, yet it is what walks the claim back. So a post that joined nothing is
    /// offered to its own channel's latest claims whose origin is within the window and which share a rare stem with it;
    /// the classifier is shown a longer term list for such posts, and only a walk-back is accepted: a news channel's own
    /// later posts "report" (сообщает, пишут) all day, and one shared stem is no evidence that they retell this claim.
    /// </summary>
    private static bool JoinOwnClaim(int p, AnalysisPost[] posts, PostIndex index, List<(int From, EdgeKind Kind)>[] incoming,
        int[] claimOf, List<ClaimState> claims, Dictionary<long, List<int>> bySource, IRoleClassifier roles,
        IReadOnlyDictionary<long, IReadOnlyList<string>> actors, ClaimOptions options)
    {
        if (!bySource.TryGetValue(posts[p].SourceId, out var own)) return false;
        var keys = index.RareKeys(p).Where(k => index.KindOf(k) == KeyKind.Stem).ToArray();
        var tries = 0;
        for (var i = own.Count - 1; i >= 0 && tries < MaxClaimTries; i--)
        {
            var claim = claims[own[i]];
            if (posts[p].Published - posts[claim.Origin].Published > options.Window) break;
            if (!keys.Any(claim.HasStem)) continue;
            tries++;
            if (!TryJoin(claim, p, posts, index, incoming, claimOf, roles, actors, null, onlyWalkBack: true)) continue;
            claimOf[p] = own[i];
            return true;
        }
        return false;
    }

    /// <summary>Asks the classifier; adds <paramref name="p"/> to the claim when it gives a role.</summary>
    private static bool TryJoin(ClaimState claim, int p, AnalysisPost[] posts, PostIndex index, List<(int From, EdgeKind Kind)>[] incoming,
        int[] claimOf, IRoleClassifier roles, IReadOnlyDictionary<long, IReadOnlyList<string>> actors, Candidate[]? candidates, int pendingOrigin = -2, bool onlyWalkBack = false)
    {
        bool IsMember(int q) => q == pendingOrigin || claim.Contains(q);
        var relations = new List<EdgeKind>();
        foreach (var (from, kind) in incoming[p])
            if (IsMember(from) && !relations.Contains(kind)) relations.Add(kind);
        // A rewrite the echo stage did not store (it skips tombstoned posts, and a post may be imported after it ran) still
        // echoes a member: an idf-weighted cosine of at least 0.25 over the (already required) three or more shared rare stems
        // counts as that relation. Posts that merely share vocabulary (equipment lists, other shelled villages) stay below 0.15.
        if (!relations.Contains(EdgeKind.Echo) && candidates is not null
            && candidates.Any(c => c.Cosine >= ImplicitEchoCosine && IsMember(c.Post)))
            relations.Add(EdgeKind.Echo);
        // Across languages a retelling shares a name or actor and a number or two cognates; the classifier cannot see
        // that (the claim's key stems are in another language), so when it finds no anchor the translation is offered
        // to it as an echo. Only then: a post it can place on its own (a report with a link) keeps its own reading.
        var translation = !relations.Contains(EdgeKind.Echo) && candidates is not null && candidates.Any(c => c.Translation && IsMember(c.Post));
        foreach (var q in index.Anchors[p])
            if (IsMember(q) && !relations.Contains(EdgeKind.Cites)) relations.Add(EdgeKind.Cites);
        var post = posts[p];
        var origin = posts[claim.Origin];
        // Terms and actors cost a pass over the claim's counts, so they are computed only if the classifier reads them.
        // The originator's own follow-up within the window ("списков больше нет") may use any word of the claim, not only
        // the ten most typical, so it is shown a longer list; it still needs a cue to join (the list is too long to restate).
        var fromOriginator = post.SourceId == origin.SourceId;
        var followUp = fromOriginator && post.Published - origin.Published <= RoleClassifier.OriginatorWindow;
        var context = new ClaimContext(origin, claim.MemberPosts,
            new DeferredList(() => followUp ? claim.TopTerms(index, FollowUpTerms) : claim.KeyTerms()), new DeferredList(claim.CurrentActors),
            relations, fromOriginator, claim.AmplifierSources.Contains(post.SourceId)) { Reading = index.Readings[p] };
        var call = roles.Classify(post, context);
        if (call.Role is null && translation) call = roles.Classify(post, context = context with { Relations = [.. relations, EdgeKind.Echo] });
        if (call.Role is not { } role || (onlyWalkBack && role != ClaimRole.WalkBack)) return false;
        if (role == ClaimRole.Origin) role = ClaimRole.Amplify; // only the first post originates
        // A member whose text changed is judged by its latest version; its first version's role is kept too, so that the
        // timeline shows what it did first (a copy that later gained "UPD: списков больше нет" amplified, then walked back).
        ClaimRole? firstRole = null;
        if (index.Versions.TryGetValue(post.Id, out var versions) && versions.Count > 1 && !string.Equals(versions[0].Text, post.Text, StringComparison.Ordinal))
        {
            var first = roles.Classify(post with { Text = versions[0].Text }, context with { Reading = null }).Role;
            if (first is { } f && f != role) firstRole = f == ClaimRole.Origin ? ClaimRole.Amplify : f;
        }
        claim.Add(p, role, call.Evidence, posts, index, actors, firstRole);
        return true;
    }

    /// <summary>Each edge's posts by their place in time order; -1 for a post not among those built.</summary>
    private static (int Earlier, int Later)[] EdgeEnds(IReadOnlyList<PostEdge> edges, Dictionary<long, int> orderOf)
    {
        var ends = new (int, int)[edges.Count];
        for (var i = 0; i < ends.Length; i++)
            ends[i] = (orderOf.TryGetValue(edges[i].Earlier, out var a) ? a : -1, orderOf.TryGetValue(edges[i].Later, out var b) ? b : -1);
        return ends;
    }

    private static List<(int From, EdgeKind Kind)>[] IncomingEdges(IReadOnlyList<PostEdge> edges, (int Earlier, int Later)[] ends, int n)
    {
        var incoming = new List<(int, EdgeKind)>[n];
        for (var i = 0; i < n; i++) incoming[i] = [];
        for (var i = 0; i < ends.Length; i++)
        {
            var (a, b) = ends[i];
            if (a >= 0 && b >= 0 && a < b) incoming[b].Add((a, edges[i].Kind));
        }
        return incoming;
    }

    /// <summary>An edge in the order cascade seeds take them: strong kinds first, then higher scores, then by post ids.</summary>
    private readonly record struct SeedEdge(bool Strong, double Score, long Earlier, long Later, int A, int B) : IComparable<SeedEdge>
    {
        public int CompareTo(SeedEdge other)
        {
            var c = other.Strong.CompareTo(Strong);
            if (c == 0) c = other.Score.CompareTo(Score);
            if (c == 0) c = Earlier.CompareTo(other.Earlier);
            return c != 0 ? c : Later.CompareTo(other.Later);
        }
    }

    /// <summary>
    /// Cascade seeds as in [2/5]: strong edges (forward, copy, cites) merge, weak ones (echo at or above the score,
    /// attribution) attach only a lone post, no seed spans more than the option. Returns each post's seed origin
    /// (its earliest post) or -1 for posts in no seed of two or more.
    /// </summary>
    private static int[] CascadeSeeds(AnalysisPost[] posts, IReadOnlyList<PostEdge> edges, (int Earlier, int Later)[] ends, ClaimOptions options)
    {
        var n = posts.Length;
        var parent = new int[n];
        var size = new int[n];
        var min = new int[n];
        var max = new int[n];
        for (var i = 0; i < n; i++) { parent[i] = i; size[i] = 1; min[i] = i; max[i] = i; }
        int Find(int x)
        {
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }
        var span = options.CascadeSpan;
        var ordered = new List<SeedEdge>(edges.Count);
        for (var i = 0; i < edges.Count; i++)
        {
            var e = edges[i];
            var strong = e.Kind is EdgeKind.Forward or EdgeKind.Copy or EdgeKind.Cites;
            if ((strong || e.Kind == EdgeKind.Attribution || e.Score >= options.MinEchoScore) && ends[i].Earlier >= 0 && ends[i].Later >= 0)
                ordered.Add(new SeedEdge(strong, e.Score, e.Earlier, e.Later, ends[i].Earlier, ends[i].Later));
        }
        // Edges equal in every key join the same two posts alike, so the sort need not be stable.
        ordered.Sort();
        foreach (var (strong, _, _, _, a, b) in ordered)
        {
            int ra = Find(a), rb = Find(b);
            if (ra == rb) continue;
            if (!strong && size[ra] > 1 && size[rb] > 1) continue;
            int lo = Math.Min(min[ra], min[rb]), hi = Math.Max(max[ra], max[rb]);
            if (posts[hi].Published - posts[lo].Published > span) continue;
            if (size[ra] < size[rb]) (ra, rb) = (rb, ra);
            parent[rb] = ra;
            size[ra] += size[rb];
            min[ra] = lo;
            max[ra] = hi;
        }
        var seed = new int[n];
        for (var i = 0; i < n; i++)
        {
            var r = Find(i);
            seed[i] = size[r] >= 2 ? min[r] : -1;
        }
        return seed;
    }

    private readonly record struct Candidate(int Post, double Score, bool Anchored, double Cosine, bool Translation);

    private struct Overlap
    {
        public double Stems;
        public int SharedStems;
        public int Actors;
        public int Names;
        public double Numbers;
        public double Links;
        public int Cognates;
        public int Skeletons;
        public int NameSkeletons;
        public bool Anchored;
    }

    /// <summary>For every post, the earlier posts it is similar enough to, best first (computed in parallel).</summary>
    private static Candidate[]?[] Candidates(AnalysisPost[] posts, PostIndex index, List<(int From, EdgeKind Kind)>[] incoming, ClaimOptions options)
    {
        var n = posts.Length;
        var low = new int[n];
        for (int p = 0, q = 0; p < n; p++)
        {
            var from = posts[p].Published - options.Window;
            while (posts[q].Published < from) q++;
            low[p] = q;
        }
        var result = new Candidate[]?[n];
        Parallel.For(0, n, () => new Dictionary<int, Overlap>(), (p, state, acc) =>
        {
            acc.Clear();
            foreach (var key in index.RareKeys(p))
            {
                var postings = index.Postings(key);
                var start = postings.BinarySearch(low[p]);
                if (start < 0) start = ~start;
                var kind = index.KindOf(key);
                var weight = index.Weight(key);
                for (var i = start; i < postings.Length && postings[i] < p; i++)
                {
                    ref var o = ref CollectionsMarshal.GetValueRefOrAddDefault(acc, postings[i], out _);
                    switch (kind)
                    {
                        case KeyKind.Stem: o.Stems += weight; o.SharedStems++; break;
                        case KeyKind.Actor: o.Actors++; break;
                        case KeyKind.Name: o.Names++; break;
                        case KeyKind.Number: o.Numbers += weight; break;
                        case KeyKind.Cognate: o.Cognates++; break;
                        case KeyKind.Skeleton: o.Skeletons++; break;
                        case KeyKind.NameSkeleton: o.NameSkeletons++; break;
                        default: o.Links += weight; break;
                    }
                }
            }
            foreach (var q in index.Anchors[p]) CollectionsMarshal.GetValueRefOrAddDefault(acc, q, out _).Anchored = true;
            foreach (var (q, _) in incoming[p]) CollectionsMarshal.GetValueRefOrAddDefault(acc, q, out _).Anchored = true;
            if (acc.Count == 0) return acc;
            var list = new List<Candidate>();
            foreach (var (q, overlap) in acc)
            {
                var o = overlap;
                var sameLanguage = string.Equals(posts[p].Language, posts[q].Language, StringComparison.OrdinalIgnoreCase);
                if (!sameLanguage) Spellings(ref o, Cyrillic(posts[p].Language) && Cyrillic(posts[q].Language));
                var normProduct = index.StemNorm[p] * index.StemNorm[q];
                var score = Similarity(o, sameLanguage, normProduct, options, out var enough);
                var cosine = sameLanguage && normProduct > 0 ? o.Stems / Math.Sqrt(normProduct) : 0;
                var translation = !sameLanguage && Math.Max(o.Actors, o.Names) > 0 && (o.Numbers > 0 || o.Cognates >= MinCognates || o.SharedStems >= options.MinSharedStems);
                if (enough && score >= options.MinSimilarity) list.Add(new Candidate(q, score, o.Anchored, cosine, translation));
            }
            if (list.Count > 0)
                result[p] = [.. list.OrderByDescending(c => c.Score).ThenBy(c => c.Post).Take(MaxCandidates)];
            return acc;
        }, _ => { });
        return result;
    }

    private static bool Cyrillic(string language) => language is "ru" or "uk";

    /// <summary>
    /// Across languages a name may be spelt with other vowels (Белокаменке / Білокам'янці / Bilokamianka): its consonant
    /// skeleton stands in for its key, counted once per name (the larger count). Between Russian and Ukrainian, whose
    /// words of one root differ in their vowels (мост / міст), word skeletons stand in for cognates the same way. Within a
    /// language spellings agree, and the coarser skeletons are not read.
    /// </summary>
    private static void Spellings(ref Overlap o, bool russianAndUkrainian)
    {
        o.Names = Math.Max(o.Names, o.NameSkeletons);
        if (russianAndUkrainian) o.Cognates = Math.Max(o.Cognates, o.Skeletons);
    }

    /// <summary>
    /// Similarity of two posts from what they share. An actor id and a name usually denote the same person, so they
    /// count once (0.2 per person, the larger of the two counts, at most 0.4); numbers 0.15 each, links 0.4 each, an anchor
    /// (a t.me link or an edge to the other post) 1. Within one language the topic must show in words: the idf-weighted
    /// cosine of the rare stems is added and at least <see cref="ClaimOptions.MinSharedStems"/> must be shared, since a
    /// post that only names the same actor is other news about them. Across languages the stems of two stemmers rarely
    /// meet (and when they do it is mostly the name again), so only entities, numbers and links count, and two kinds of
    /// them are needed.
    /// </summary>
    private static double Similarity(in Overlap o, bool sameLanguage, double normProduct, ClaimOptions options, out bool enough)
    {
        var entity = Math.Min(MaxEntityBonus, EntityBonus * Math.Max(o.Actors, o.Names));
        var bonus = entity + o.Numbers + o.Links + (o.Anchored ? AnchorBonus : 0);
        if (sameLanguage)
        {
            enough = o.Anchored || o.Links > 0 || o.SharedStems >= options.MinSharedStems;
            return bonus + (normProduct > 0 ? o.Stems / Math.Sqrt(normProduct) : 0);
        }
        // Cognates ("генерал" / "general", "Білокам'янці" / "Bilokamianka") stand in for shared stems: with a shared
        // name or actor, two of them are enough; each adds 0.1 (at most 0.3).
        // Related languages (ru/uk) also share stems outright; as many as within one language will do.
        enough = o.Anchored || o.Links > 0 || (entity > 0 && (o.Numbers > 0 || o.Cognates >= MinCognates || o.SharedStems >= options.MinSharedStems));
        return bonus + Math.Min(MaxCognateBonus, CognateBonus * Math.Max(o.Cognates, o.SharedStems));
    }

    /// <summary>Spelt-out numbers from two to ten in ru, uk and en (nominative and common oblique forms).</summary>
    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["два"] = "2", ["две"] = "2", ["дві"] = "2", ["двух"] = "2", ["двох"] = "2", ["two"] = "2",
        ["три"] = "3", ["трех"] = "3", ["трёх"] = "3", ["трьох"] = "3", ["three"] = "3",
        ["четыре"] = "4", ["чотири"] = "4", ["four"] = "4", ["пять"] = "5", ["п'ять"] = "5", ["five"] = "5",
        ["шесть"] = "6", ["шість"] = "6", ["six"] = "6", ["семь"] = "7", ["сім"] = "7", ["seven"] = "7",
        ["восемь"] = "8", ["вісім"] = "8", ["eight"] = "8", ["девять"] = "9", ["дев'ять"] = "9", ["nine"] = "9",
        ["десять"] = "10", ["ten"] = "10",
    };

    internal enum KeyKind : byte { Stem, Actor, Name, Number, Link, Cognate, Skeleton, NameSkeleton }

    /// <summary>A key as stored with its count: one letter for its kind, then its text.</summary>
    internal static string KeyName(KeyKind kind, string text) => (char)('a' + (int)kind) + text;

    /// <summary>Interned keys of every post, their document frequencies and the inverted index of the rare ones.</summary>
    /// <remarks>
    /// Keys are interned while posts are read in parallel: a key's id is its place in the order in which the threads met
    /// it, so ids differ from run to run, and nothing may depend on their order (every list of keys is ordered by its
    /// posts or by key text). Each distinct word is worked out once (stem, number, romanised and consonant keys).
    /// </remarks>
    internal sealed class PostIndex
    {
        private readonly List<string> _texts = [];
        private readonly List<KeyKind> _kinds = [];
        private readonly ConcurrentDictionary<string, int>[] _ids = [.. Enum.GetValues<KeyKind>().Select(_ => new ConcurrentDictionary<string, int>(StringComparer.Ordinal))];
        private readonly Lock _gate = new();
        private int[] _df = [];
        private int[] _offsets = [];
        private int[] _postings = [];
        private double[] _weights = [];
        private int[][] _postKeys = [];
        private int _maxDf;

        public int[][] Anchors { get; private set; } = [];
        /// <summary>Each post's normalised text and word stems, handed to the role classifier so that it need not read the post again.</summary>
        public PostReading[] Readings { get; private set; } = [];
        public IReadOnlyDictionary<long, IReadOnlyList<PostVersionText>> Versions { get; set; } = new Dictionary<long, IReadOnlyList<PostVersionText>>();
        public double[] StemNorm { get; private set; } = [];
        public int PostCount { get; private set; }

        public static PostIndex Create(AnalysisPost[] posts, ClaimInput input, ClaimOptions options, PhaseClock? phases = null)
        {
            var n = posts.Length;
            var actors = input.ActorsByPost;
            var index = new PostIndex { PostCount = n, Versions = input.Versions };
            var byLink = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < n; i++)
                if (posts[i].Handle is { } h) byLink.TryAdd(h + "/" + posts[i].NativeId, i);

            // A post is counted by its first version, once: the counts are then the same whether they are kept up as posts
            // arrive or recounted from scratch (links and actor mentions are taken as they are now; an edit that changes
            // them leaves the counts a little off until a full run). Without outside statistics every post is counted
            // here; with them, only the new ones.
            var stats = input.Statistics;
            bool Counted(AnalysisPost p) => stats is null || input.NewPosts?.Contains(p.Id) == true;
            var words = new WordTable(index);
            var firstKeys = new int[]?[n];
            index._postKeys = new int[n][];
            index.Anchors = new int[n][];
            index.Readings = new PostReading[n];
            Parallel.For(0, n, () => new Scratch(), (i, _, scratch) =>
            {
                (index._postKeys[i], index.Anchors[i], index.Readings[i]) = index.Extract(posts[i], i, actors, byLink, words, scratch);
                if (Counted(posts[i]) && FirstVersion(posts[i], input.Versions) is { } first) firstKeys[i] = index.Extract(first, i, actors, byLink, words, scratch).Keys;
                return scratch;
            }, _ => { });
            phases?.Mark("extract keys");

            var m = index._texts.Count;
            var local = new int[m];
            foreach (var keys in index._postKeys)
                foreach (var id in keys) local[id]++;
            // What this run counts: each counted post's keys, by its first version.
            var counted = new int[m];
            var added = 0;
            for (var i = 0; i < n; i++)
            {
                if (!Counted(posts[i])) continue;
                added++;
                foreach (var id in firstKeys[i] ?? index._postKeys[i]) counted[id]++;
            }
            index._counted = counted;
            var df = (int[])counted.Clone();
            var population = (long)added;
            if (stats is not null)
            {
                var stored = stats.Counts([.. Enumerable.Range(0, m).Select(index.Name)]);
                for (var k = 0; k < df.Length; k++) df[k] += stored.GetValueOrDefault(index.Name(k));
                population += stats.Posts;
            }
            population = Math.Max(population, 1);
            index._df = df;
            index._population = population;
            index._maxDf = Math.Max(options.RareFloor, (int)(options.RareShare * population));
            index._weights = new double[m];
            for (var k = 0; k < m; k++)
                index._weights[k] = index._kinds[k] switch
                {
                    // A key only an edited post's later text has is counted nowhere: it weighs as a key of one post.
                    KeyKind.Stem => Math.Log(1 + (double)population / Math.Max(1, df[k])),
                    KeyKind.Actor or KeyKind.Name => EntityBonus,
                    KeyKind.Number => NumberBonus,
                    KeyKind.Cognate or KeyKind.Skeleton => CognateBonus,
                    KeyKind.NameSkeleton => EntityBonus,
                    _ => LinkBonus,
                };
            index._offsets = new int[m + 1];
            for (var k = 0; k < m; k++) index._offsets[k + 1] = index._offsets[k] + (index.IsRare(k) ? local[k] : 0);
            index._postings = new int[index._offsets[m]];
            var fill = (int[])index._offsets.Clone();
            index.StemNorm = new double[n];
            for (var i = 0; i < n; i++)
                foreach (var k in index._postKeys[i])
                {
                    if (!index.IsRare(k)) continue;
                    index._postings[fill[k]++] = i;
                    if (index._kinds[k] == KeyKind.Stem) index.StemNorm[i] += index._weights[k];
                }
            phases?.Mark("count keys");
            return index;
        }

        /// <summary>The post as first imported, when it has later versions; null otherwise.</summary>
        private static AnalysisPost? FirstVersion(AnalysisPost post, IReadOnlyDictionary<long, IReadOnlyList<PostVersionText>> versions)
            => versions.TryGetValue(post.Id, out var list) && list.Count > 1 ? post with { Text = list[0].Text } : null;

        /// <summary>The keys this index counted (every post's, or only the new ones'), by <see cref="KeyName"/>.</summary>
        public IReadOnlyDictionary<string, int> Counts()
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = 0; k < _counted.Length; k++)
                if (_counted[k] > 0) counts[Name(k)] = _counted[k];
            return counts;
        }

        private string Name(int key) => KeyName(_kinds[key], _texts[key]);

        private bool IsRare(int key) => _df[key] <= _maxDf;
        private long _population;
        private int[] _counted = [];
        public KeyKind KindOf(int key) => _kinds[key];
        public double Weight(int key) => _weights[key];
        public string Text(int key) => _texts[key];
        public ReadOnlySpan<int> Postings(int key) => _postings.AsSpan(_offsets[key], _offsets[key + 1] - _offsets[key]);
        public int[] Keys(int post) => _postKeys[post];
        public IEnumerable<int> RareKeys(int post) => _postKeys[post].Where(IsRare);

        /// <summary>The key id of a stem, or -1 when no post has it.</summary>
        public int StemId(string stem) => _ids[(int)KeyKind.Stem].TryGetValue(stem, out var k) ? k : -1;

        /// <summary>The smoothed idf of a stem key; -1 (a stem no post has) counts as unique.</summary>
        public double IdfOf(int stemId) => stemId >= 0 ? _weights[stemId] : Math.Log(1 + (double)_population);

        /// <summary>The id of a key, made on first sight. Thread-safe; the lists of texts and kinds are read only once all posts are in.</summary>
        private int Intern(KeyKind kind, string text)
        {
            var ids = _ids[(int)kind];
            if (ids.TryGetValue(text, out var id)) return id;
            lock (_gate)
            {
                if (ids.TryGetValue(text, out id)) return id;
                id = _texts.Count;
                _texts.Add(text);
                _kinds.Add(kind);
                ids[text] = id;
                return id;
            }
        }

        /// <summary>Buffers one thread reuses from post to post.</summary>
        private sealed class Scratch
        {
            public readonly List<int> Keys = new(64);
            public readonly HashSet<int> Seen = [];
            public readonly List<string> Stems = new(64);
            public readonly HashSet<string> SeenStems = new(StringComparer.Ordinal);
            public readonly List<(string Key, string? Skeleton)> Names = [];
        }

        /// <summary>
        /// A post's distinct keys in the order first met (words, then names, actors and links: summation order decides the
        /// last bits of a score), its anchors (earlier posts among these it links to) and what the classifier reads of it.
        /// </summary>
        private (int[] Keys, int[] Anchors, PostReading Reading) Extract(AnalysisPost post, int self, IReadOnlyDictionary<long, IReadOnlyList<string>> actors,
            Dictionary<string, int> byLink, WordTable words, Scratch scratch)
        {
            var (keys, seen, stems, seenStems, names) = (scratch.Keys, scratch.Seen, scratch.Stems, scratch.SeenStems, scratch.Names);
            keys.Clear();
            seen.Clear();
            stems.Clear();
            seenStems.Clear();
            names.Clear();
            void Add(int id)
            {
                if (seen.Add(id)) keys.Add(id);
            }
            var language = LanguageCodes.Parse(post.Language);
            // Names need the original case, so they come from a scan of the raw text (markup and URLs do not start with a capital).
            var text = post.Text;
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsUpper(text[i]) || (i > 0 && char.IsLetterOrDigit(text[i - 1]))) continue;
                var end = i + 1;
                // A Ukrainian apostrophe inside a word ("Білокам'янці") is part of the name, not its end.
                while (end < text.Length && (char.IsLetter(text[end]) || (text[end] is '\'' or '’' && end + 1 < text.Length && char.IsLetter(text[end + 1])))) end++;
                if (end - i >= 4 && char.IsLower(text[end - 1]))
                {
                    var (key, skeleton) = Translit.Keys(text.AsSpan(i, end - i));
                    names.Add((key, skeleton is { Length: >= 4 } ? skeleton : null));
                }
                i = end - 1;
            }
            var normalized = TextNormalizer.Normalize(text);
            var position = 0;
            while (Tokenizer.NextWord(normalized, ref position, out var start, out var length, out var apostrophe))
            {
                var word = apostrophe ? words.Get(Tokenizer.UnifyApostrophes(normalized.Substring(start, length)), language) : words.Get(normalized.AsSpan(start, length), language);
                if (seenStems.Add(word.Stem)) stems.Add(word.Stem);
                if (word.Primary >= 0) Add(word.Primary);
                if (word.NumberWord >= 0) Add(word.NumberWord);
                // A name is already counted as a name; as a cognate too it would count twice.
                if (word.Cognate >= 0 && !IsName(names, word.CognateText, skeleton: false)) Add(word.Cognate);
                if (word.Skeleton >= 0 && !IsName(names, word.SkeletonText, skeleton: true)) Add(word.Skeleton);
            }
            foreach (var (key, skeleton) in names)
            {
                Add(Intern(KeyKind.Name, key));
                if (skeleton is not null) Add(Intern(KeyKind.NameSkeleton, skeleton));
            }
            if (actors.TryGetValue(post.Id, out var ids))
                foreach (var a in ids) Add(Intern(KeyKind.Actor, a));
            List<int>? anchors = null;
            foreach (var link in post.Links)
            {
                // Every link is a key, so two posts citing one post or page meet whether or not it is archived (and the
                // counts do not depend on which posts a run holds); a t.me link to a post among them is also an anchor.
                var telegram = link.TelegramHandle is { } h && link.TelegramPostId is { } id;
                Add(Intern(KeyKind.Link, telegram ? $"t.me/{link.TelegramHandle!.ToLowerInvariant()}/{link.TelegramPostId}" : link.Url.Trim().TrimEnd('/').ToLowerInvariant()));
                if (telegram && byLink.TryGetValue(link.TelegramHandle + "/" + link.TelegramPostId, out var target) && target < self && anchors?.Contains(target) != true)
                    (anchors ??= []).Add(target);
            }
            string[] sorted = [.. stems];
            Array.Sort(sorted, StringComparer.Ordinal);
            return ([.. keys], anchors is null ? [] : [.. anchors], new PostReading(normalized, sorted));
        }

        /// <summary>Whether one of the post's names has this key (or skeleton).</summary>
        private static bool IsName(List<(string Key, string? Skeleton)> names, string? text, bool skeleton)
        {
            foreach (var (key, nameSkeleton) in names)
                if (string.Equals(skeleton ? nameSkeleton : key, text, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>What one distinct word gives: its stem, and the ids of its keys (-1 for none).</summary>
        private sealed record WordKeys(string Stem, int Primary, int NumberWord, int Cognate, string? CognateText, int Skeleton, string? SkeletonText);

        /// <summary>Each distinct word of a build, worked out once per stemming language. Thread-safe.</summary>
        private sealed class WordTable(PostIndex index)
        {
            private readonly ConcurrentDictionary<string, WordKeys>[] _byLanguage =
                [.. Enum.GetValues<Language>().Select(_ => new ConcurrentDictionary<string, WordKeys>(StringComparer.Ordinal))];

            public WordKeys Get(ReadOnlySpan<char> word, Language language)
            {
                var table = _byLanguage[(int)language];
                return table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var keys) ? keys : Make(table, word.ToString(), language);
            }

            public WordKeys Get(string word, Language language)
            {
                var table = _byLanguage[(int)language];
                return table.TryGetValue(word, out var keys) ? keys : Make(table, word, language);
            }

            private WordKeys Make(ConcurrentDictionary<string, WordKeys> table, string word, Language language)
            {
                var stem = Stemmer.Stem(word, language);
                var primary = -1;
                if (char.IsAsciiDigit(word[0]))
                {
                    if (word.Length >= 2 && word.All(char.IsAsciiDigit)) primary = index.Intern(KeyKind.Number, word);
                }
                else if (word.Length >= 3) primary = index.Intern(KeyKind.Stem, stem);
                // Small numbers are often spelt out ("два прольоти" / "two spans"); as digits they meet across languages.
                var numberWord = NumberWords.TryGetValue(word, out var number) ? index.Intern(KeyKind.Number, number) : -1;
                // Words of five letters or more also get a romanised key, so that cognates meet across languages and
                // scripts ("генералы" / "generals", "автомобильный" / "автомобільний"); read only across languages.
                var cognate = word.Length >= 5 && char.IsLetter(word[0]) && Translit.NameKey(word) is { Length: >= 5 } c ? c : null;
                // Russian and Ukrainian write one root with other vowels (мост / міст): Cyrillic words also get a consonant
                // skeleton, read only between those two languages.
                var skeleton = word.Length >= 4 && IsCyrillic(word[0]) && Translit.Skeleton(word) is { Length: >= 3 } k ? k : null;
                var keys = new WordKeys(stem, primary, numberWord, cognate is null ? -1 : index.Intern(KeyKind.Cognate, cognate), cognate,
                    skeleton is null ? -1 : index.Intern(KeyKind.Skeleton, skeleton), skeleton);
                return table.GetOrAdd(word, keys);
            }
        }
    }

    private static bool IsCyrillic(char c) => c is >= 'Ѐ' and <= 'ӿ';

    /// <summary>Distinct stems of a text (words of three letters or more), in order of first appearance.</summary>
    internal static IEnumerable<string> StemsOf(string text, string languageCode)
    {
        var language = LanguageCodes.Parse(languageCode);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Tokenizer.Words(TextNormalizer.Normalize(text)))
        {
            if (word.Length < 3 || !char.IsLetter(word[0])) continue;
            var stem = Stemmer.Stem(word, language);
            if (seen.Add(stem)) yield return stem;
        }
    }

    /// <summary>A claim while it is being built.</summary>
    private sealed class ClaimState
    {
        private readonly List<AnalysisPost> _memberPosts = [];
        private readonly HashSet<int> _members = [];
        private readonly Dictionary<int, int> _stemCounts = [];
        private readonly Dictionary<string, int> _actorCounts = new(StringComparer.Ordinal);
        private readonly HashSet<string> _originActors = new(StringComparer.Ordinal);
        private IReadOnlyList<string> _keyTerms = [];
        private int _keyTermsAt;

        public ClaimState(int origin, AnalysisPost[] posts, PostIndex index, IReadOnlyDictionary<long, IReadOnlyList<string>> actors)
        {
            Origin = origin;
            if (actors.TryGetValue(posts[origin].Id, out var ids)) _originActors.UnionWith(ids);
            Add(origin, ClaimRole.Origin, ["origin"], posts, index, actors);
        }

        public int Origin { get; }
        public List<int> Members { get; } = [];
        public List<ClaimRole> Roles { get; } = [];
        /// <summary>The role of a member's first version where it differs from the role of its latest, else null.</summary>
        public List<ClaimRole?> FirstRoles { get; } = [];
        public List<IReadOnlyList<string>> Evidence { get; } = [];
        public HashSet<long> AmplifierSources { get; } = [];
        public IReadOnlyList<AnalysisPost> MemberPosts => _memberPosts;

        public bool Contains(int post) => _members.Contains(post);

        public bool HasStem(int key) => _stemCounts.ContainsKey(key);

        public void Add(int post, ClaimRole role, IReadOnlyList<string> evidence, AnalysisPost[] posts, PostIndex index, IReadOnlyDictionary<long, IReadOnlyList<string>> actors,
            ClaimRole? firstRole = null)
        {
            FirstRoles.Add(firstRole);
            Members.Add(post);
            _members.Add(post);
            Roles.Add(role);
            Evidence.Add(evidence);
            _memberPosts.Add(posts[post]);
            if (role == ClaimRole.Amplify) AmplifierSources.Add(posts[post].SourceId);
            foreach (var k in index.Keys(post))
                if (index.KindOf(k) == KeyKind.Stem) CollectionsMarshal.GetValueRefOrAddDefault(_stemCounts, k, out _)++;
            UpdateTop(post, index);
            if (actors.TryGetValue(posts[post].Id, out var ids))
                foreach (var a in ids.Distinct(StringComparer.Ordinal)) CollectionsMarshal.GetValueRefOrAddDefault(_actorCounts, a, out _)++;
        }

        /// <summary>The <paramref name="count"/> top stems by member frequency × idf; kept until the claim gains a member.</summary>
        public IReadOnlyList<string> TopTerms(PostIndex index, int count)
        {
            if (_topTerms is { } cached && _topTermsAt == (Members.Count, count)) return cached;
            _topTermsAt = (Members.Count, count);
            return _topTerms = [.. _stemCounts.Select(kv => (Score: kv.Value * index.Weight(kv.Key), Stem: index.Text(kv.Key)))
                .OrderByDescending(t => t.Score).ThenBy(t => t.Stem, StringComparer.Ordinal).Take(count).Select(t => t.Stem)];
        }

        private IReadOnlyList<string>? _topTerms;
        private (int Members, int Count) _topTermsAt;

        /// <summary>
        /// The claim's key terms as the classifier sees them: the top stems by member frequency × idf, taken afresh while
        /// the claim is small and then each time it grows by a quarter (or when <paramref name="fresh"/>).
        /// </summary>
        public IReadOnlyList<string> KeyTerms(bool fresh = false)
        {
            var stale = Members.Count != _keyTermsAt && (Members.Count < 16 || Members.Count >= _keyTermsAt * 5 / 4);
            if (!fresh && !stale) return _keyTerms;
            _keyTerms = [.. _top.Select(t => t.Stem)];
            _keyTermsAt = Members.Count;
            return _keyTerms;
        }

        private const int KeyTermCount = 10;

        /// <summary>The top stems now, best first, kept up as members join.</summary>
        private readonly List<(double Score, string Stem, int Key)> _top = new(KeyTermCount + 1);

        /// <summary>
        /// Brings the top stems up to date after <paramref name="post"/> joined. Counts only grow, and only for the new
        /// member's stems, so a stem outside the top that the member lacks stays below every stem in it: only the top's
        /// own stems and the member's need a look.
        /// </summary>
        private void UpdateTop(int post, PostIndex index)
        {
            for (var i = 0; i < _top.Count; i++) _top[i] = (_stemCounts[_top[i].Key] * index.Weight(_top[i].Key), _top[i].Stem, _top[i].Key);
            _top.Sort(static (a, b) => Compare((a.Score, a.Stem), (b.Score, b.Stem)));
            foreach (var k in index.Keys(post))
            {
                if (index.KindOf(k) != KeyKind.Stem || InTop(k)) continue;
                var entry = (Score: _stemCounts[k] * index.Weight(k), Stem: index.Text(k));
                if (_top.Count == KeyTermCount && Compare(entry, (_top[^1].Score, _top[^1].Stem)) >= 0) continue;
                var at = 0;
                while (at < _top.Count && Compare(entry, (_top[at].Score, _top[at].Stem)) >= 0) at++;
                _top.Insert(at, (entry.Score, entry.Stem, k));
                if (_top.Count > KeyTermCount) _top.RemoveAt(KeyTermCount);
            }
        }

        private bool InTop(int key)
        {
            foreach (var t in _top)
                if (t.Key == key) return true;
            return false;
        }

        // Higher score first, then the stem in ordinal order.
        private static int Compare((double Score, string Stem) a, (double Score, string Stem) b)
        {
            var c = b.Score.CompareTo(a.Score);
            return c != 0 ? c : string.CompareOrdinal(a.Stem, b.Stem);
        }

        /// <summary>Actor ids named by the origin or by at least half the members, in ordinal order.</summary>
        public IReadOnlyList<string> CurrentActors() =>
            [.. _actorCounts.Where(kv => _originActors.Contains(kv.Key) || kv.Value * 2 >= Members.Count)
                .Select(kv => kv.Key).Order(StringComparer.Ordinal)];

        public Claim ToClaim(AnalysisPost[] posts, PostIndex index, ClaimInput input, ClaimOptions options)
        {
            var order = Enumerable.Range(0, Members.Count).OrderBy(i => Members[i]).ToArray();
            var members = order.Select(i =>
            {
                var p = posts[Members[i]];
                return new ClaimMember(p.Id, p.SourceId, p.Published, Roles[i]) { Evidence = Evidence[i] };
            }).ToList();
            var lifecycle = Lifecycle.Build(members, posts, Members, order, input, options, [.. order.Select(i => FirstRoles[i])]);
            var origin = posts[Origin];
            var status = Lifecycle.StatusOf(origin, lifecycle);
            var title = Titles.MostCentralSentence(origin, order.Select(i => posts[Members[i]]).ToList(), order.Select(i => index.Keys(Members[i])), index);
            return new Claim(origin.Id, title, origin.Language, members, lifecycle, status)
            {
                KeyTerms = KeyTerms(fresh: true),
                Actors = CurrentActors(),
            };
        }
    }
}

/// <summary>A read-only list computed on first use.</summary>
internal sealed class DeferredList(Func<IReadOnlyList<string>> compute) : IReadOnlyList<string>
{
    private IReadOnlyList<string>? _items;
    private IReadOnlyList<string> Items => _items ??= compute();
    public string this[int index] => Items[index];
    public int Count => Items.Count;
    public IEnumerator<string> GetEnumerator() => Items.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
