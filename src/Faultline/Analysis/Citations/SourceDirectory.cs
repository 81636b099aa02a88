using Faultline.Text;

namespace Faultline.Analysis.Citations;

/// <summary>One known source and the names it goes by.</summary>
/// <param name="SourceId">The archive's source id.</param>
/// <param name="Handle">Public handle (t.me/&lt;handle&gt;), with or without "@", any case.</param>
/// <param name="Title">Display title, as forwards and attributions name it.</param>
/// <param name="Aliases">Other handles or titles the source has used (renamed channels, old handles).</param>
public sealed record SourceAlias(long SourceId, string? Handle, string? Title, IReadOnlyList<string>? Aliases = null);

/// <summary>
/// The look-ups <see cref="ExplicitEdges"/> resolves names with: handle → source, title → source, and
/// (source, native post id) → archived post. Handles compare case-insensitively without "@"; titles compare after
/// <see cref="TextNormalizer.Normalize"/> (so case, emoji-free spacing and "ё" do not matter).
/// </summary>
public sealed class SourceDirectory
{
    private readonly Dictionary<string, long> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _titles = new(StringComparer.Ordinal);
    private readonly Dictionary<(long SourceId, string NativeId), long> _posts = [];

    /// <summary>A directory of the given sources and posts. A name claimed by two sources resolves to neither.</summary>
    public SourceDirectory(IEnumerable<SourceAlias> sources, IEnumerable<AnalysisPost> posts)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(posts);
        var ambiguousHandles = new HashSet<string>(StringComparer.Ordinal);
        var ambiguousTitles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in sources)
        {
            if (HandleKey(s.Handle) is { } h) Claim(_handles, ambiguousHandles, h, s.SourceId);
            if (TitleKey(s.Title) is { } t) Claim(_titles, ambiguousTitles, t, s.SourceId);
            foreach (var alias in s.Aliases ?? [])
            {
                if (HandleKey(alias) is { } ah && IsHandleLike(alias)) Claim(_handles, ambiguousHandles, ah, s.SourceId);
                if (TitleKey(alias) is { } at) Claim(_titles, ambiguousTitles, at, s.SourceId);
            }
        }
        foreach (var p in posts) _posts[(p.SourceId, p.NativeId)] = p.Id;
    }

    /// <summary>A directory from the posts alone: each post's <see cref="AnalysisPost.Handle"/> and <see cref="AnalysisPost.SourceTitle"/>.</summary>
    public static SourceDirectory FromPosts(IReadOnlyList<AnalysisPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var sources = posts.GroupBy(p => p.SourceId)
            .Select(g => new SourceAlias(g.Key, g.Select(p => p.Handle).LastOrDefault(h => h is not null),
                g.Select(p => p.SourceTitle).LastOrDefault(t => t is not null)));
        return new SourceDirectory(sources, posts);
    }

    /// <summary>The source with this handle ("@x", "x", any case), or null.</summary>
    public long? SourceByHandle(string? handle)
        => HandleKey(handle) is { } key && _handles.TryGetValue(key, out var id) ? id : null;

    /// <summary>The source with this title or alias (compared normalised), or null.</summary>
    public long? SourceByTitle(string? title)
        => TitleKey(title) is { } key && _titles.TryGetValue(key, out var id) ? id : null;

    /// <summary>The archived post with this native id in this source, or null.</summary>
    public long? Post(long sourceId, string nativeId)
        => _posts.TryGetValue((sourceId, nativeId), out var id) ? id : null;

    private static void Claim(Dictionary<string, long> map, HashSet<string> ambiguous, string key, long sourceId)
    {
        if (ambiguous.Contains(key)) return;
        if (map.TryGetValue(key, out var existing) && existing != sourceId)
        {
            map.Remove(key);
            ambiguous.Add(key);
            return;
        }
        map[key] = sourceId;
    }

    private static bool IsHandleLike(string s) => s.TrimStart('@').All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    internal static string? HandleKey(string? handle)
    {
        var h = handle?.Trim().TrimStart('@').ToLowerInvariant();
        return string.IsNullOrEmpty(h) ? null : h;
    }

    internal static string? TitleKey(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var t = TextNormalizer.Normalize(title);
        return t.Length == 0 ? null : t;
    }
}
