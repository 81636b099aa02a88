using System.Text.RegularExpressions;
using Faultline.Text;

namespace Faultline.Analysis.Citations;

/// <summary>Settings of the explicit-edge stage.</summary>
public sealed record ExplicitEdgeOptions
{
    /// <summary>The settings the stage runs with unless told otherwise.</summary>
    public static ExplicitEdgeOptions Default { get; } = new();

    /// <summary>A forward without a post id is matched to a post of the named source at most this much older (7 days).</summary>
    public TimeSpan ForwardWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>An attribution is matched to a post of the named channel at most this much older (48 hours).</summary>
    public TimeSpan AttributionWindow { get; init; } = TimeSpan.FromHours(48);

    /// <summary>A forward's text must be at least this similar (stem cosine) to the post it is matched to.</summary>
    public double MinForwardSimilarity { get; init; } = 0.5;

    /// <summary>An attributing post must be at least this similar (stem cosine) to the post it is matched to.</summary>
    public double MinAttributionSimilarity { get; init; } = 0.2;
}

/// <summary>
/// A post related to a source, not to one of its posts: the forward or attribution named the channel, but no archived
/// post of it could be matched (not archived, outside the window, or too different).
/// </summary>
/// <param name="Post">The later post (the forward, the citing or attributing post).</param>
/// <param name="Source">The source it names.</param>
/// <param name="Kind"><see cref="EdgeKind.Forward"/>, <see cref="EdgeKind.Cites"/> or <see cref="EdgeKind.Attribution"/>.</param>
public sealed record SourceRelation(long Post, long Source, EdgeKind Kind);

/// <summary>What <see cref="ExplicitEdges.Find"/> found.</summary>
/// <param name="Edges">Post → post edges, from the earlier (named) post to the later one.</param>
/// <param name="SourceRelations">Relations that reached only the source level.</param>
public sealed record ExplicitEdgeResult(IReadOnlyList<PostEdge> Edges, IReadOnlyList<SourceRelation> SourceRelations);

/// <summary>
/// Edges that a post states outright: Telegram forwards, links to another channel's post (t.me/&lt;handle&gt;/&lt;id&gt;)
/// and attribution phrases naming another channel ("пишет @x", "як повідомляє @x", "according to @x").
/// </summary>
/// <remarks>
/// <para><b>Forward</b>: the origin is resolved through the <see cref="SourceDirectory"/> by handle, then by title
/// (Desktop exports give only the display name). If the origin names its post and that post is archived, the edge goes
/// there (score 1). Otherwise the origin source's posts published before the forward, within
/// <see cref="ExplicitEdgeOptions.ForwardWindow"/>, are compared: one with the same normalised text wins (score 1; the
/// latest if several), else the most similar by stem cosine (the latest on ties) if it reaches
/// <see cref="ExplicitEdgeOptions.MinForwardSimilarity"/> (score = that similarity). With no match the forward is
/// reported as a <see cref="SourceRelation"/>.</para>
/// <para><b>Cites</b>: every t.me post link to a post of another source; archived → edge (score 1), not archived but
/// the handle is known → source relation. Links to the post's own source and to posts published after it are not
/// citations.</para>
/// <para><b>Attribution</b>: an attribution phrase followed by @handle, a t.me/handle link (bare or as a Telegram markdown
/// link) or a channel title in quotes («…», "…"). The named channel's most similar post within
/// <see cref="ExplicitEdgeOptions.AttributionWindow"/> before the post, if it reaches
/// <see cref="ExplicitEdgeOptions.MinAttributionSimilarity"/>, gets the edge (score = similarity); else a source
/// relation. A phrase without a channel name ("пишет газета") or naming an unknown channel gives nothing.</para>
/// </remarks>
public sealed class ExplicitEdges
{
    /// <summary>The stage id.</summary>
    public const string StageId = "explicit-edges";

    /// <summary>What the stage does, for analysts.</summary>
    public const string Description =
        "Links forwards, t.me post links and attribution phrases (\"пишет @x\", \"як повідомляє @x\", \"according to @x\") " +
        "to the archived post they name; only channels in the alias table are resolved, and a forward or attribution " +
        "without a post id is matched by text similarity within 7 days / 48 hours, or reported at channel level.";

    private const string HandlePattern = @"@(?<handle>[A-Za-z][A-Za-z0-9_]{3,31})\b";
    private const string LinkPattern = @"(?:https?://)?(?:t\.me|telegram\.me)/(?<handle>[A-Za-z][A-Za-z0-9_]{3,31})\b";
    private const string MarkdownLinkPattern = @"\[[^\]\n]{1,80}\]\((?:https?://)?(?:t\.me|telegram\.me)/(?<handle>[A-Za-z][A-Za-z0-9_]{3,31})[^)\s]*\)";
    private const string TitlePattern = @"[«""“](?<title>[^»""”\n]{2,80})[»""”]";

    // Phrase, optional punctuation, then the channel. Longer phrases first so "як повідомляє" wins over "повідомляє".
    private static readonly Regex Attribution = new(
        @"(?<![\p{L}\p{N}_])(?:по\s+данным|пишет|сообщает|источник\s*:|via|як\s+повідомляє|пише|за\s+даними|джерело\s*:|source\s*:|reports|according\s+to)" +
        @"[\s:,—–-]{0,4}(?:" + MarkdownLinkPattern + "|" + LinkPattern + "|" + HandlePattern + "|" + TitlePattern + ")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    /// <summary>A stage with the given settings (the defaults when null).</summary>
    public ExplicitEdges(ExplicitEdgeOptions? options = null) => Options = options ?? ExplicitEdgeOptions.Default;

    /// <summary>The settings in use.</summary>
    public ExplicitEdgeOptions Options { get; }

    /// <summary>
    /// Forward, cites and attribution edges among the posts, resolved through the directory; deduplicated and ordered by
    /// later post, kind, earlier post. Deterministic.
    /// </summary>
    public ExplicitEdgeResult Find(IReadOnlyList<AnalysisPost> posts, SourceDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(directory);
        var bySource = posts.GroupBy(p => p.SourceId)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Published).ThenBy(p => p.Id).ToArray());
        var byId = new Dictionary<long, AnalysisPost>();
        foreach (var p in posts) byId[p.Id] = p;
        var texts = new TextCache();
        var edges = new HashSet<PostEdge>();
        var relations = new HashSet<SourceRelation>();

        foreach (var post in posts)
        {
            Forward(post, directory, bySource, byId, texts, edges, relations);
            Cites(post, directory, byId, edges, relations);
            Attributions(post, directory, bySource, texts, edges, relations);
        }
        return new ExplicitEdgeResult(
            edges.OrderBy(e => e.Later).ThenBy(e => e.Kind).ThenBy(e => e.Earlier).ToList(),
            relations.OrderBy(r => r.Post).ThenBy(r => r.Kind).ThenBy(r => r.Source).ToList());
    }

    private void Forward(AnalysisPost post, SourceDirectory directory, Dictionary<long, AnalysisPost[]> bySource,
        Dictionary<long, AnalysisPost> byId, TextCache texts, HashSet<PostEdge> edges, HashSet<SourceRelation> relations)
    {
        if (post.ForwardedFrom is not { } origin) return;
        var source = directory.SourceByHandle(origin.Handle) ?? directory.SourceByTitle(origin.Name);
        if (source is not { } sourceId || sourceId == post.SourceId) return;
        if (origin.PostId is { } nativeId && directory.Post(sourceId, nativeId) is { } named
            && byId.TryGetValue(named, out var namedPost) && namedPost.Published <= post.Published)
        {
            edges.Add(new PostEdge(named, post.Id, EdgeKind.Forward, 1));
            return;
        }
        var match = MostSimilarBefore(post, sourceId, Options.ForwardWindow, Options.MinForwardSimilarity, bySource, texts);
        if (match is { } m) edges.Add(new PostEdge(m.Post.Id, post.Id, EdgeKind.Forward, m.Score));
        else relations.Add(new SourceRelation(post.Id, sourceId, EdgeKind.Forward));
    }

    private static void Cites(AnalysisPost post, SourceDirectory directory, Dictionary<long, AnalysisPost> byId,
        HashSet<PostEdge> edges, HashSet<SourceRelation> relations)
    {
        foreach (var link in post.Links)
        {
            if (link.TelegramHandle is null || link.TelegramPostId is not { } nativeId) continue;
            if (directory.SourceByHandle(link.TelegramHandle) is not { } sourceId || sourceId == post.SourceId) continue;
            var cited = directory.Post(sourceId, nativeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (cited is { } id && byId.TryGetValue(id, out var citedPost))
            {
                if (citedPost.Published <= post.Published) edges.Add(new PostEdge(id, post.Id, EdgeKind.Cites, 1));
            }
            else relations.Add(new SourceRelation(post.Id, sourceId, EdgeKind.Cites));
        }
    }

    private void Attributions(AnalysisPost post, SourceDirectory directory, Dictionary<long, AnalysisPost[]> bySource,
        TextCache texts, HashSet<PostEdge> edges, HashSet<SourceRelation> relations)
    {
        if (post.Text.Length == 0) return;
        MatchCollection matches;
        try
        {
            matches = Attribution.Matches(post.Text);
            _ = matches.Count; // evaluate now, inside the timeout guard
        }
        catch (RegexMatchTimeoutException)
        {
            return;
        }
        foreach (Match m in matches)
        {
            var handle = m.Groups["handle"];
            var source = handle.Success ? directory.SourceByHandle(handle.Value) : directory.SourceByTitle(m.Groups["title"].Value);
            if (source is not { } sourceId || sourceId == post.SourceId) continue;
            var match = MostSimilarBefore(post, sourceId, Options.AttributionWindow, Options.MinAttributionSimilarity, bySource, texts);
            if (match is { } best) edges.Add(new PostEdge(best.Post.Id, post.Id, EdgeKind.Attribution, best.Score));
            else relations.Add(new SourceRelation(post.Id, sourceId, EdgeKind.Attribution));
        }
    }

    /// <summary>
    /// The post of <paramref name="sourceId"/> published before <paramref name="post"/> within the window whose text is
    /// the same (normalised; score 1) or else the most similar at or above the floor; the latest wins ties.
    /// </summary>
    private static (AnalysisPost Post, double Score)? MostSimilarBefore(AnalysisPost post, long sourceId, TimeSpan window,
        double floor, Dictionary<long, AnalysisPost[]> bySource, TextCache texts)
    {
        if (!bySource.TryGetValue(sourceId, out var candidates)) return null;
        var from = post.Published - window;
        var target = texts.Of(post);
        (AnalysisPost Post, double Score)? best = null;
        // Newest first, so the first of equal scores is the latest.
        for (var i = UpperBound(candidates, post.Published) - 1; i >= 0 && candidates[i].Published >= from; i--)
        {
            var candidate = candidates[i];
            if (candidate.Id == post.Id) continue;
            var text = texts.Of(candidate);
            var score = text.Normalized.Length > 0 && text.Normalized == target.Normalized ? 1.0 : TextCache.Cosine(target, text);
            if (score >= floor && (best is null || score > best.Value.Score)) best = (candidate, score);
            if (score >= 1.0) break;
        }
        return best;
    }

    /// <summary>Index of the first post published after <paramref name="time"/>.</summary>
    private static int UpperBound(AnalysisPost[] posts, DateTimeOffset time)
    {
        int lo = 0, hi = posts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (posts[mid].Published <= time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Normalised text and stem counts per post, computed once and only for posts that get compared.</summary>
    private sealed class TextCache
    {
        private readonly Dictionary<long, Text> _texts = [];

        public sealed record Text(string Normalized, Dictionary<string, int> Stems, double Norm);

        public Text Of(AnalysisPost post)
        {
            if (_texts.TryGetValue(post.Id, out var t)) return t;
            var normalized = TextNormalizer.Normalize(post.Text);
            var stems = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in SearchText.IndexTermsOfNormalized(normalized, LanguageCodes.Parse(post.Language)).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // Short stems are mostly function words ("в", "на", "the"): they would make any two posts look alike.
                if (s.Length >= 3 || s.Any(char.IsDigit)) stems[s] = stems.GetValueOrDefault(s) + 1;
            }
            t = new Text(normalized, stems, Math.Sqrt(stems.Values.Sum(v => (double)v * v)));
            _texts[post.Id] = t;
            return t;
        }

        public static double Cosine(Text a, Text b)
        {
            if (a.Norm == 0 || b.Norm == 0) return 0;
            var (small, large) = a.Stems.Count <= b.Stems.Count ? (a, b) : (b, a);
            double dot = 0;
            foreach (var (stem, count) in small.Stems)
                if (large.Stems.TryGetValue(stem, out var other)) dot += (double)count * other;
            return Math.Round(dot / (a.Norm * b.Norm), 4);
        }
    }
}
