using Faultline.Model;
using Faultline.Text;

namespace Faultline.Archive.Ingestion;

/// <summary>
/// What the archive derives from a reader's post before storing it: language, content hash, index stems,
/// entities found in plain text that the format did not mark, and resolved link targets. Pure and
/// thread-safe, so the ingest pipeline runs it on every core.
/// </summary>
public static class PostPreparation
{
    /// <summary>Derives everything the archive stores beside the post.</summary>
    public static PreparedPost Prepare(Post post)
    {
        var text = post.Text;
        var full = string.IsNullOrEmpty(post.Title) ? text : post.Title + "\n\n" + text;
        var language = LanguageDetector.Detect(full);
        var entities = MergeEntities(post.Entities, EntityScanner.Scan(text));
        var links = new List<LinkTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entities)
        {
            string? url = e.Kind switch
            {
                EntityKind.TextLink => e.Value,
                EntityKind.Link => e.Value ?? Slice(text, e),
                _ => null,
            };
            if (url is not null && ResolveLink(url) is { } target && seen.Add(target.Url)) links.Add(target);
        }
        foreach (var c in post.Citations)
        {
            if (ResolveLink(c.Url) is { } target && seen.Add(target.Url)) links.Add(target);
        }
        return new PreparedPost(post, language, ContentHash.Of(full), SearchText.IndexTerms(full, language), entities, links);
    }

    /// <summary>Keeps the reader's entities and adds scanned links, mentions and hashtags that no reader entity already covers.</summary>
    internal static IReadOnlyList<Entity> MergeEntities(IReadOnlyList<Entity> fromReader, IReadOnlyList<Entity> scanned)
    {
        if (scanned.Count == 0) return fromReader;
        var merged = new List<Entity>(fromReader);
        foreach (var s in scanned)
        {
            bool covered = false;
            foreach (var r in fromReader)
            {
                if (r.Kind is EntityKind.Link or EntityKind.TextLink or EntityKind.Mention or EntityKind.Hashtag or EntityKind.MentionName or EntityKind.Email
                    && r.Offset < s.Offset + s.Length && s.Offset < r.Offset + r.Length)
                {
                    covered = true;
                    break;
                }
            }
            if (!covered) merged.Add(s);
        }
        if (merged.Count == fromReader.Count) return fromReader;
        merged.Sort((a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : b.Length.CompareTo(a.Length));
        return merged;
    }

    /// <summary>Resolves a URL to its host and, for t.me post links, to channel handle and post id.</summary>
    public static LinkTarget? ResolveLink(string raw)
    {
        var s = raw.Trim();
        if (s.Length == 0 || s.Length > 4096) return null;
        if (!s.Contains("://", StringComparison.Ordinal)) s = "https://" + s;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            return null;
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        string? handle = null;
        long? postId = null;
        if (host is "t.me" or "telegram.me" or "telegram.dog")
        {
            var parts = uri.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && parts[0] == "s") parts = parts[1..];
            if (parts.Length > 0 && parts[0] is not ("c" or "joinchat" or "addstickers" or "share" or "proxy" or "iv") && !parts[0].StartsWith('+'))
            {
                handle = parts[0].ToLowerInvariant();
                if (parts.Length > 1 && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) postId = id;
            }
        }
        return new LinkTarget(uri.ToString(), host, handle, postId);
    }

    private static string? Slice(string text, Entity e)
        => e.Offset >= 0 && e.Length > 0 && e.Offset + e.Length <= text.Length ? text.Substring(e.Offset, e.Length) : null;
}
