using System.Security.Cryptography;
using System.Text;
using Faultline.Model;
using Faultline.Text;

namespace Faultline.Reading.Feeds;

/// <summary>
/// Maps a parsed feed to Faultline's model: the channel to a <see cref="SourceInfo"/>, each entry to a
/// <see cref="Post"/>. Double-encoded text is repaired here (see <see cref="Mojibake"/>), absent fields are
/// recorded in <see cref="Post.Missing"/>, and dates become UTC.
/// </summary>
internal static class FeedMapping
{
    /// <summary>The source a feed describes, keyed "feed:" + its normalised site link, self link, id or title.</summary>
    public static SourceInfo Source(FeedChannel channel, ReadContext context)
    {
        string? title = channel.Title is null ? null : CleanTitle(channel.Title, channel.TitleIsHtml, "channel", "title", context);
        string? link = Absolute(channel.Link);
        string? identity = link ?? Absolute(channel.SelfLink) ?? NonUrl(channel.Id) ?? title;
        if (identity is null)
        {
            identity = Path.GetFileNameWithoutExtension(context.FilePath);
            context.Warn("channel", "the feed names no link, self link, id or title; its source key falls back to the file name");
        }
        return new SourceInfo(SourceKind.Feed, "feed:" + NormaliseKey(identity))
        {
            Title = title,
            Url = link ?? Absolute(channel.SelfLink),
        };
    }

    /// <summary>Maps one entry to a post.</summary>
    public static Post Post(FeedEntry entry, FeedChannel channel, DateTimeOffset fallbackTime, string fallbackName, ReadContext context)
    {
        string position = $"item {entry.Number}";
        var missing = new List<string>();

        string? title = entry.Title is null ? null : CleanTitle(entry.Title, entry.TitleIsHtml, position, "title", context);
        if (title is null) missing.Add("title");

        string? url = entry.Link ?? (entry.IdIsPermaLink && IsHttp(entry.Id) ? entry.Id : null);
        url = Resolve(url, channel.Link);
        if (url is null) missing.Add("link");

        string? author = entry.Author ?? channel.Author;
        if (author is not null) author = Repaired(author, position, "author", context);
        else missing.Add("author");

        var (published, edited) = Dates(entry, channel, fallbackTime, fallbackName, missing, position, context);

        string nativeId;
        if (entry.Id is not null) nativeId = entry.Id;
        else
        {
            missing.Add(entry.IdField);
            nativeId = entry.Link ?? "hash:" + Hash((entry.Title ?? "") + "\n" + (entry.Published.FirstOrDefault()?.Text ?? "") + "\n"
                                                   + (entry.Title is null && entry.Published.Count == 0 ? entry.Raw : ""));
        }

        var (text, links) = Body(entry, url, missing, position, context);

        return new Post
        {
            NativeId = nativeId,
            Published = published,
            Edited = edited,
            Text = text,
            Raw = entry.Raw,
            Title = title,
            Url = url,
            Author = author,
            Entities = links,
            Media = entry.Media,
            Missing = missing,
        };
    }

    /// <summary>Lower-case scheme and host, no trailing slash; other keys are trimmed only.</summary>
    public static string NormaliseKey(string identity)
    {
        string trimmed = identity.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return trimmed;
        string path = uri.AbsolutePath.TrimEnd('/');
        string port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}{port}{path}{uri.Query}";
    }

    private static (DateTimeOffset Published, DateTimeOffset? Edited) Dates(FeedEntry entry, FeedChannel channel, DateTimeOffset fallbackTime,
        string fallbackName, List<string> missing, string position, ReadContext context)
    {
        DateTimeOffset? published = FirstDate(entry.Published, position, context);
        DateTimeOffset? updated = FirstDate(entry.Updated, position, context);
        DateTimeOffset? edited = published is not null && updated > published ? updated : null;
        // Atom's mandatory timestamp is <updated>; when an entry has no <published>, updated is its date.
        published ??= updated;
        if (published is { } found) return (found, edited);

        missing.Add(entry.DateField);
        if (FirstDate(channel.Dates, "channel", context) is { } channelDate)
        {
            context.Warn(position, $"no {entry.DateField}; dated with the channel's date {channelDate:yyyy-MM-dd HH:mm}Z");
            return (channelDate, null);
        }
        context.Warn(position, $"no {entry.DateField} and no channel date; dated with the {fallbackName} {fallbackTime:yyyy-MM-dd HH:mm}Z");
        return (fallbackTime, null);
    }

    private static DateTimeOffset? FirstDate(List<FeedDate> dates, string position, ReadContext context)
    {
        foreach (var date in dates)
        {
            if (FeedDates.TryParse(date.Text, out var utc)) return utc;
            if (!string.IsNullOrWhiteSpace(date.Text))
                context.Warn(position, $"{date.Field} '{Shorten(date.Text.Trim(), 60)}' is not a date this reader understands; ignored");
        }
        return null;
    }

    // The longest plain text among the bodies: feeds put a teaser in description and the article in content:encoded,
    // but some do the reverse or leave one empty.
    private static (string Text, IReadOnlyList<Entity> Links) Body(FeedEntry entry, string? url, List<string> missing, string position, ReadContext context)
    {
        PlainText? best = null;
        foreach (var body in entry.Bodies)
        {
            if (string.IsNullOrWhiteSpace(body.Content)) continue;
            string content = Repaired(body.Content, position, body.Field, context);
            var plain = body.IsHtml ? FeedHtml.ToPlainText(content, url) : new PlainText(FeedHtml.Collapse(content), []);
            if (best is null || plain.Text.Length > best.Text.Length) best = plain;
        }
        if (best is null || best.Text.Length == 0)
        {
            missing.Add(entry.BodyField);
            return ("", best?.Links ?? []);
        }
        return (best.Text, best.Links);
    }

    private static string? CleanTitle(string title, bool isHtml, string position, string field, ReadContext context)
    {
        string repaired = Repaired(title, position, field, context);
        // RSS titles are plain text by the spec but often carry escaped markup or entities ("&amp;quot;").
        string text = isHtml || repaired.AsSpan().IndexOfAny('<', '&') >= 0
            ? FeedHtml.ToPlainText(repaired).Text.Replace('\n', ' ')
            : FeedHtml.Collapse(repaired).Replace('\n', ' ');
        return text.Length == 0 ? null : text;
    }

    private static string Repaired(string text, string position, string field, ReadContext context)
    {
        var finding = Mojibake.Analyse(text);
        string via = finding.Style == MojibakeStyle.Windows1251 ? "windows-1251" : "windows-1252";
        if (finding.Repaired)
            context.Warn(position, $"{field} was double-encoded (UTF-8 read as {via}); repaired");
        if (finding.StillSuspect)
            context.Warn(position, $"{field} looks double-encoded (UTF-8 read as a single-byte code page) but could not be fully repaired");
        return finding.Text;
    }

    private static string? Resolve(string? url, string? baseUrl)
    {
        if (url is null) return null;
        if (FeedHtml.HasScheme(url)) return url;
        return baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && Uri.TryCreate(b, url, out var resolved)
            ? resolved.ToString()
            : url;
    }

    private static string? Absolute(string? url)
        => url is not null && FeedHtml.HasScheme(url.Trim()) && Uri.TryCreate(url.Trim(), UriKind.Absolute, out _) ? url.Trim() : null;

    // An Atom id names the feed only when it is an IRI ("tag:…", "urn:…", "https://…"); "3" names nothing.
    private static string? NonUrl(string? id) => string.IsNullOrWhiteSpace(id) || !FeedHtml.HasScheme(id.Trim()) ? null : id.Trim();

    private static bool IsHttp(string? value)
        => value is not null && (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
