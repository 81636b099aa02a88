using System.Collections.Concurrent;
using Faultline.Text;

namespace Faultline.Analysis.Echoes;

/// <summary>
/// How similar two posts are, with the parts the score is built from, so an analyst (and a test) can see why a
/// pair was linked.
/// </summary>
/// <param name="Cosine">TF-IDF cosine of the posts' stem vectors (function words left out).</param>
/// <param name="Containment">IDF-weighted share of the shorter post's distinct stems that the other post has too.</param>
/// <param name="Entities">IDF-weighted share of the poorer post's entities (numbers, capitalised names, @mentions,
/// #hashtags, links) that the other post has too; 0 when either has none.</param>
/// <param name="SharedLink">Whether both posts carry the same link.</param>
/// <param name="NumberConflict">Both posts state numbers and share none: usually a later update (a new exchange rate,
/// a new casualty count), not a retelling.</param>
/// <param name="Lag">Time between the two posts.</param>
/// <param name="Score">The combined similarity the threshold applies to, 0..1.</param>
public readonly record struct EchoScore(double Cosine, double Containment, double Entities, bool SharedLink, bool NumberConflict, TimeSpan Lag, double Score);

/// <summary>A scored pair, by index into the input list: <see cref="Earlier"/> was published first.</summary>
internal readonly record struct EchoCandidate(int Earlier, int Later, EchoScore Score);

/// <summary>
/// Links rewrites of the same story across sources: the looser, second stage after near-duplicates. A wire post
/// retold with emoji, an added attribution line, reordered or trimmed sentences still shares its rare words, names
/// and numbers, which TF-IDF over stems weighs highly while shingle Jaccard falls far below the copy threshold.
/// </summary>
/// <remarks>
/// <para>Every post becomes a TF-IDF vector of its stems (<see cref="TextNormalizer"/>, <see cref="Tokenizer"/>,
/// <see cref="Stemmer"/> in the post's language; stems in more than <see cref="EchoOptions.MaxDocumentShare"/> of the
/// posts are function words and dropped) and a set of entities: numbers, capitalised words that do not start a
/// sentence (names), @mentions, #hashtags and links.</para>
/// <para>Candidates come from an inverted index, never from all pairs: posts are ordered by time, each stem keeps the
/// ordered list of posts that use it, and a post looks up only its <see cref="EchoOptions.SignatureTerms"/> rarest
/// stems, in the slice of each list that lies inside the window before it. A stem with more than
/// <see cref="EchoOptions.MaxPostingsPerTerm"/> posts in that slice is skipped. An earlier post from another source
/// sharing at least <see cref="EchoOptions.MinSharedSignatureTerms"/> of those stems is scored:
/// <c>Score = min(1, 0.8·Cosine + 0.2·Containment + 0.1·SharedLink) / (1 + Lag / ScoreHalvesAfter) − 0.2·NumberConflict</c>.
/// The lag and number terms keep apart what bag-of-words cannot: a developing story's successive updates
/// (martial law declared, then revoked; the dollar at 106, then at 112) share most of their words but are hours apart
/// and state different figures, while rewrites follow within minutes and repeat the figures. Names, @mentions and
/// hashtags are reported in <see cref="EchoScore.Entities"/> but do not weigh in: on the labelled set they made
/// precision worse (a name is shared by every update of a story).</para>
/// <para>The work per post is bounded by signature size × postings cap, so it grows linearly with the corpus;
/// memory is one postings entry per distinct indexed stem per post.</para>
/// </remarks>
public sealed class EchoFinder
{
    /// <summary>The stage id.</summary>
    public const string StageId = "echoes";

    /// <summary>What the stage does, for analysts.</summary>
    public const string Description =
        "Links rewrites of the same story posted by different channels within 24 hours (shared rare words, names, " +
        "numbers and links); misses retellings in other words or languages, and may join two reports of one official statement.";

    private const double CosineWeight = 0.8;
    private const double ContainmentWeight = 0.2;
    private const double LinkBonus = 0.1;
    private const double NumberConflictPenalty = 0.2;

    /// <summary>A finder with the given settings (the defaults when null).</summary>
    public EchoFinder(EchoOptions? options = null) => Options = options ?? EchoOptions.Default;

    /// <summary>The settings in use.</summary>
    public EchoOptions Options { get; }

    /// <summary>
    /// Echo edges among the posts: one per pair of posts from different sources, published within the window, whose
    /// score reaches the threshold; from the earlier to the later post (ties in time: the lower id first), ordered by
    /// later then earlier post id. Deterministic for the same input.
    /// </summary>
    public IReadOnlyList<PostEdge> Find(IReadOnlyList<AnalysisPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        return Score(posts, Options.Threshold)
            .Select(c => new PostEdge(posts[c.Earlier].Id, posts[c.Later].Id, EdgeKind.Echo, Math.Round(c.Score.Score, 4)))
            .OrderBy(e => e.Later).ThenBy(e => e.Earlier)
            .ToList();
    }

    /// <summary>Every candidate pair the index proposes whose score reaches <paramref name="minScore"/>.</summary>
    internal IReadOnlyList<EchoCandidate> Score(IReadOnlyList<AnalysisPost> posts, double minScore)
    {
        var model = EchoModel.Build(posts, Options);
        var found = new ConcurrentBag<List<EchoCandidate>>();
        Parallel.For(0, posts.Count,
            () => (Hits: new Dictionary<int, int>(), Out: new List<EchoCandidate>()),
            (rank, _, local) =>
            {
                model.Candidates(rank, local.Hits, minScore, local.Out);
                return local;
            },
            local => found.Add(local.Out));
        return found.SelectMany(l => l).OrderBy(c => c.Later).ThenBy(c => c.Earlier).ToList();
    }

    /// <summary>The score of one pair as the stage sees it inside <paramref name="posts"/> (IDF from the whole list).</summary>
    internal EchoScore ScorePair(IReadOnlyList<AnalysisPost> posts, int a, int b)
        => EchoModel.Build(posts, Options).Pair(a, b);

    /// <summary>Combines the parts into the thresholded score.</summary>
    internal static double Combine(double cosine, double containment, bool sharedLink, bool numberConflict, TimeSpan lag, TimeSpan halvesAfter)
    {
        var similarity = Math.Min(1.0, CosineWeight * cosine + ContainmentWeight * containment + (sharedLink ? LinkBonus : 0));
        var decay = halvesAfter > TimeSpan.Zero ? 1 + lag / halvesAfter : 1;
        return Math.Max(0, similarity / decay - (numberConflict ? NumberConflictPenalty : 0));
    }
}
