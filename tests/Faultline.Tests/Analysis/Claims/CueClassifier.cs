using Faultline.Archive;
using Faultline.Analysis;
using Faultline.Analysis.Claims;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>
/// A test double for the real cue classifier: "опровергаем" denies, "больше нет" from the originator walks back,
/// "высмеива" mocks, "подтверждаем" confirms, a forward/copy/echo relation amplifies, a cite or attribution
/// reports, anything else amplifies. It records every call so tests can see the contexts it was given.
/// </summary>
internal sealed class CueClassifier : IRoleClassifier
{
    public List<(long PostId, ClaimContext Context)> Calls { get; } = [];

    public RoleCall Classify(AnalysisPost post, ClaimContext context)
    {
        Calls.Add((post.Id, context));
        var text = post.Text.ToLowerInvariant();
        if (text.Contains("опровергаем", StringComparison.Ordinal)) return new(ClaimRole.Deny, ["опровергаем"]);
        if (context.FromOriginator && text.Contains("больше нет", StringComparison.Ordinal)) return new(ClaimRole.WalkBack, ["больше нет"]);
        if (text.Contains("подтверждаем", StringComparison.Ordinal)) return new(ClaimRole.Confirm, ["подтверждаем"]);
        if (text.Contains("высмеива", StringComparison.Ordinal)) return new(ClaimRole.Mock, ["высмеива"]);
        if (context.Relations.Any(r => r is EdgeKind.Forward or EdgeKind.Copy or EdgeKind.Echo)) return new(ClaimRole.Amplify, ["relation"]);
        if (context.Relations.Any(r => r is EdgeKind.Cites or EdgeKind.Attribution)) return new(ClaimRole.Report, ["cites a member"]);
        return new(ClaimRole.Amplify, ["similar"]);
    }
}

/// <summary>Builds a claim input post by post.</summary>
internal sealed class Episode
{
    public static readonly DateTimeOffset T0 = new(2022, 10, 14, 9, 0, 0, TimeSpan.Zero);

    private readonly List<AnalysisPost> _posts = [];
    private readonly List<PostEdge> _edges = [];
    private readonly Dictionary<long, IReadOnlyList<string>> _actors = [];
    private readonly Dictionary<long, IReadOnlyList<PostVersionText>> _versions = [];

    public long Post(long id, long source, string handle, TimeSpan after, string text, string language = "ru", long? views = null,
        bool deleted = false, string[]? actors = null, LinkTarget[]? links = null)
    {
        _posts.Add(new AnalysisPost(id, source, (1000 + id).ToString(System.Globalization.CultureInfo.InvariantCulture), T0 + after, text, language)
        {
            Handle = handle, Views = views, Deleted = deleted, Links = links ?? [],
        });
        if (actors is not null) _actors[id] = actors;
        return id;
    }

    public Episode Edge(long earlier, long later, EdgeKind kind, double score = 1)
    {
        _edges.Add(new PostEdge(earlier, later, kind, score));
        return this;
    }

    public Episode Versions(long id, params (TimeSpan After, string Text)[] versions)
    {
        _versions[id] = [.. versions.Select((v, i) => new PostVersionText(i + 1, T0 + v.After, v.Text))];
        return this;
    }

    public static LinkTarget LinkTo(string handle, long nativeId) =>
        new($"https://t.me/{handle}/{nativeId}", "t.me", handle, nativeId);

    public ClaimInput Input(bool shuffled = false)
    {
        var posts = shuffled ? _posts.OrderByDescending(p => p.Id).ToList() : [.. _posts];
        return new ClaimInput(posts, [.. _edges], _actors.ToDictionary(kv => kv.Key, kv => kv.Value),
            _versions.ToDictionary(kv => kv.Key, kv => kv.Value));
    }
}
