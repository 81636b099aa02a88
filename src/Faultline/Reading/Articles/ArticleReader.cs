using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Faultline.Model;
using Entity = Faultline.Model.Entity;

namespace Faultline.Reading.Articles;

/// <summary>
/// Reads a saved web article (one HTML file) as one post: headline, byline, publication time and the
/// story's text without the page furniture, with its links kept as text links.
/// </summary>
internal sealed class ArticleReader : IFormatReader
{
    /// <summary>The publication time used when a page gives none; the post then lists "published" as missing.</summary>
    public static readonly DateTimeOffset UnknownTime = DateTimeOffset.UnixEpoch;

    /// <inheritdoc />
    public string Format => "article-html";

    /// <inheritdoc />
    public string Description =>
        "Reads a saved news article (HTML) as one post: headline, byline, date and the story text with its links; leaves out navigation, ads, share bars and related-story widgets, images and comments.";

    /// <inheritdoc />
    public int Detect(FileSniff sniff) => LooksLikeArticle(sniff.Text) ? 50 : 0;

    /// <summary>HTML that is not a Telegram export page or a feed.</summary>
    internal static bool LooksLikeArticle(string head)
    {
        var text = head.AsSpan().TrimStart();
        if (text.Length == 0 || text[0] != '<') return false;
        var start = text[..Math.Min(text.Length, 2048)];
        if (start.Contains("<rss", StringComparison.OrdinalIgnoreCase) || start.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || start.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase))
            return false;
        if (head.Contains("page_header", StringComparison.Ordinal) && head.Contains("history", StringComparison.Ordinal)) return false;
        if (head.Contains("class=\"message", StringComparison.Ordinal)) return false;
        return start.Contains("<html", StringComparison.OrdinalIgnoreCase) || start.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase) || head.Contains("<article", StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var bytes = await TextFile.ReadBytesAsync(input, cancellationToken).ConfigureAwait(false);
        var source = TextFile.DecodeHtml(bytes);
        if (string.IsNullOrWhiteSpace(source)) throw new InputException("offset 0", "the file is empty");
        var page = await HtmlPage.ParseAsync(source, context, cancellationToken).ConfigureAwait(false);
        var (info, post) = Read(page, Path.GetFileName(context.FilePath));
        yield return new SourceStarted(info, CoverageKind.Partial);
        yield return new PostRead(post);
    }

    private static (SourceInfo, Post) Read(HtmlPage page, string fileName)
    {
        var missing = new List<string>();
        var canonical = page.CanonicalUrl();
        if (canonical is null) missing.Add("canonical url");
        var host = canonical?.Host.ToLowerInvariant();
        var siteName = page.Meta("og:site_name") ?? page.JsonLdString("publisher.name");

        var title = page.Meta("og:title", "twitter:title") ?? page.JsonLdString("headline")
            ?? FirstText(page, "h1") ?? HtmlPage.Clean(page.Document.Title);
        if (title is null) missing.Add("title");

        var author = Byline(page);
        if (author is null) missing.Add("author");

        var published = PageTime(page, missing, "published",
            page.Meta("article:published_time", "og:published_time"), page.JsonLdString("datePublished"),
            TimeAttribute(page), page.Meta("date", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
                "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date"));
        var edited = PageTime(page, null, "modified", page.Meta("article:modified_time", "og:updated_time"),
            page.JsonLdString("dateModified"));

        var (text, links) = StoryText(page, canonical, title);
        if (text.Length == 0) missing.Add("text");

        var info = new SourceInfo(SourceKind.Website, "web:" + (host is null ? fileName : host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host))
        {
            Title = siteName ?? host ?? fileName,
            Url = canonical is null ? null : canonical.GetLeftPart(UriPartial.Authority) + "/",
        };
        var post = new Post
        {
            NativeId = canonical?.AbsoluteUri ?? fileName,
            Url = canonical?.AbsoluteUri,
            Published = published ?? UnknownTime,
            Edited = edited,
            Title = title,
            Author = author,
            Text = text,
            Raw = page.Source,
            Entities = links,
            Missing = missing,
        };
        return (info, post);
    }

    private static string? Byline(HtmlPage page)
    {
        var meta = page.Meta("author", "article:author", "dc.creator", "parsely-author", "sailthru.author");
        // article:author is often a profile URL, which is not a name.
        if (meta is not null && !meta.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return meta;
        var jsonLd = page.JsonLdString("author.name") ?? page.JsonLdString("author");
        if (jsonLd is not null && !jsonLd.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return jsonLd;
        foreach (var a in page.Document.QuerySelectorAll("a[rel~=author], [rel~=author]"))
        {
            var name = HtmlPage.Clean(a.TextContent);
            if (name is not null && name.Length < 120) return name;
        }
        foreach (var byline in page.Document.QuerySelectorAll(".byline, .author, [itemprop=author]"))
        {
            var name = HtmlPage.Clean(byline.TextContent);
            if (name is null || name.Length > 120) continue;
            if (name.StartsWith("By ", StringComparison.OrdinalIgnoreCase)) name = name[3..].Trim();
            if (name.Length > 0) return name;
        }
        return null;
    }

    private static string? TimeAttribute(HtmlPage page)
    {
        foreach (var time in page.Document.QuerySelectorAll("time[datetime]"))
        {
            var value = HtmlPage.Clean(time.GetAttribute("datetime"));
            if (value is not null) return value;
        }
        return null;
    }

    private static DateTimeOffset? PageTime(HtmlPage page, List<string>? missing, string field, params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!HtmlPage.TryParseDate(candidate, out var value, out var hadOffset)) continue;
            if (!hadOffset) missing?.Add(field + " time zone");
            return value;
        }
        missing?.Add(field);
        return null;
    }

    private static string? FirstText(HtmlPage page, string selector)
    {
        var element = page.Document.QuerySelector(selector);
        return element is null ? null : HtmlPage.Clean(BlockText.Flat(element, PageNoise.IsNoise));
    }

    /// <summary>The story's blocks joined by blank lines, with link offsets moved into the joined text.</summary>
    private static (string Text, List<Entity> Links) StoryText(HtmlPage page, Uri? canonical, string? title)
    {
        var body = page.Document.Body;
        if (body is null) return ("", []);
        var baseUri = canonical ?? BaseHref(page);
        var result = Assemble(body, PageNoise.IsNoise, baseUri, title);
        // Class-name hints can misfire on a whole-page wrapper ("page has-sidebar"): retry with tags only.
        if (result.Text.Length < 200)
        {
            var retry = Assemble(body, TagNoise, baseUri, title);
            if (retry.Text.Length > result.Text.Length * 2) result = retry;
        }
        return result;
    }

    private static bool TagNoise(IElement element)
    {
        var probe = element.LocalName;
        return probe is not ("body" or "html" or "article" or "main" or "div" or "section" or "span") && PageNoise.IsNoise(element);
    }

    private static (string Text, List<Entity> Links) Assemble(IElement body, Func<IElement, bool> skip, Uri? baseUri, string? title)
    {
        var containers = MainContent.Find(body, skip);
        var text = new StringBuilder();
        var links = new List<Entity>();
        bool first = true;
        foreach (var container in containers)
        {
            foreach (var block in BlockText.Blocks(container, skip, baseUri))
            {
                // Link lists inside the story ("Read more: …") and a repeated headline are not the story.
                if (block.LinkDensity > 0.5) continue;
                if (first && title is not null && block.Tag is "h1" or "h2" && block.Text == title) continue;
                if (IsBoilerplate(block.Text)) continue;
                if (text.Length > 0) text.Append("\n\n");
                int offset = text.Length;
                text.Append(block.Text);
                links.AddRange(block.Links.Select(l => l with { Offset = l.Offset + offset }));
                first = false;
            }
        }
        return (text.ToString(), links);
    }

    private static bool IsBoilerplate(string text) =>
        text.Length < 40 && (text.Equals("Advertisement", StringComparison.OrdinalIgnoreCase)
            || text.Equals("Реклама", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Share", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Subscribe", StringComparison.OrdinalIgnoreCase));

    private static Uri? BaseHref(HtmlPage page)
    {
        var href = page.Document.QuerySelector("base[href]")?.GetAttribute("href");
        return href is not null && Uri.TryCreate(href, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }
}
