using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Faultline.Reading.Articles;

/// <summary>
/// A saved HTML page parsed once, with the page-level facts readers look up: meta tags, links and
/// JSON-LD objects. Shared by the article and assessment readers.
/// </summary>
internal sealed class HtmlPage
{
    /// <summary>Nesting of container tags beyond which a page is refused before parsing.</summary>
    /// <remarks>The HTML tree builder checks open elements per tag, so pathological nesting costs quadratic time.</remarks>
    public const int MaxNesting = 20_000;

    private static readonly TimeSpan ParseBudget = TimeSpan.FromSeconds(20);

    private HtmlPage(string source, IHtmlDocument document, IReadOnlyList<JsonElement> jsonLd)
    {
        Source = source;
        Document = document;
        JsonLd = jsonLd;
    }

    /// <summary>The page text exactly as decoded from the file.</summary>
    public string Source { get; }

    /// <summary>The parsed document (source positions kept).</summary>
    public IHtmlDocument Document { get; }

    /// <summary>Every JSON-LD object on the page, with @graph members and array items flattened.</summary>
    public IReadOnlyList<JsonElement> JsonLd { get; }

    /// <summary>Parses a page, refusing pathological nesting and pages the parser cannot finish in time.</summary>
    public static async Task<HtmlPage> ParseAsync(string source, ReadContext context, CancellationToken cancellationToken)
    {
        GuardNesting(source);
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        IHtmlDocument document;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(ParseBudget);
            try
            {
                document = await parser.ParseDocumentAsync(source, budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InputException("offset 0", "the page is too large or too deeply nested to parse in time");
            }
        }
        return new HtmlPage(source, document, ReadJsonLd(document, context));
    }

    /// <summary>The first non-empty content of a meta tag named (name, property or itemprop) any of the given names.</summary>
    public string? Meta(params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var meta in Document.GetElementsByTagName("meta"))
            {
                var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
                if (key is null || !key.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
                var content = Clean(meta.GetAttribute("content"));
                if (content is not null) return content;
            }
        }
        return null;
    }

    /// <summary>The href of the first &lt;link&gt; with the given rel.</summary>
    public string? LinkHref(string rel)
    {
        foreach (var link in Document.GetElementsByTagName("link"))
        {
            var rels = link.GetAttribute("rel");
            if (rels is null) continue;
            if (rels.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals(rel, StringComparison.OrdinalIgnoreCase)))
            {
                var href = Clean(link.GetAttribute("href"));
                if (href is not null) return href;
            }
        }
        return null;
    }

    /// <summary>The page's canonical URL (link rel=canonical, then og:url), absolute http(s) only.</summary>
    public Uri? CanonicalUrl()
    {
        foreach (var candidate in new[] { LinkHref("canonical"), Meta("og:url") })
        {
            if (candidate is not null && Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return uri;
        }
        return null;
    }

    /// <summary>A string property of the first JSON-LD object that has it (dotted paths reach into objects; arrays take their first item).</summary>
    public string? JsonLdString(string path)
    {
        foreach (var item in JsonLd)
        {
            var value = Walk(item, path);
            if (value is not null) return value;
        }
        return null;
    }

    /// <summary>Trims a value and turns blanks into null.</summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        value = CollapseSpaces(value);
        return value.Length == 0 ? null : value;
    }

    /// <summary>Collapses runs of whitespace to one space and trims.</summary>
    public static string CollapseSpaces(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length);
        bool space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Parses a page date to UTC. Returns whether the text carried its own offset; a date without one is read
    /// as UTC and the caller notes the missing zone.
    /// </summary>
    public static bool TryParseDate(string? text, out DateTimeOffset value, out bool hadOffset)
    {
        value = default;
        hadOffset = false;
        if (text is null || text.Length > 100) return false;
        text = text.Trim();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value))
            return false;
        hadOffset = HasOffset(text);
        value = value.ToUniversalTime();
        return true;
    }

    private static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z') || text.EndsWith("GMT", StringComparison.OrdinalIgnoreCase)
            || text.EndsWith("UTC", StringComparison.OrdinalIgnoreCase))
            return true;
        // ...+03:00, +0300, -05
        int i = text.Length - 1;
        while (i >= 0 && (char.IsAsciiDigit(text[i]) || text[i] == ':')) i--;
        return i >= 0 && i < text.Length - 1 && (text[i] == '+' || text[i] == '-') && i > 8;
    }

    private static string? Walk(JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Array)
            {
                if (current.GetArrayLength() == 0) return null;
                current = current[0];
            }
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current)) return null;
        }
        if (current.ValueKind == JsonValueKind.Array && current.GetArrayLength() > 0) current = current[0];
        return current.ValueKind == JsonValueKind.String ? Clean(current.GetString()) : null;
    }

    private static IReadOnlyList<JsonElement> ReadJsonLd(IHtmlDocument document, ReadContext context)
    {
        var found = new List<JsonElement>();
        int n = 0;
        foreach (var script in document.GetElementsByTagName("script"))
        {
            if (!string.Equals(script.GetAttribute("type")?.Trim(), "application/ld+json", StringComparison.OrdinalIgnoreCase)) continue;
            n++;
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                Flatten(json.RootElement.Clone(), found, 0);
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common on real sites; the page is still readable from its meta tags.
                context.Warn($"JSON-LD block {n}", "not valid JSON, ignored");
            }
        }
        return found;
    }

    private static void Flatten(JsonElement element, List<JsonElement> into, int depth)
    {
        if (depth > 4 || into.Count > 200) return;
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Flatten(item, into, depth + 1);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        into.Add(element);
        if (element.TryGetProperty("@graph", out var graph)) Flatten(graph, into, depth + 1);
    }

    private static readonly HashSet<string> ContainerTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "span", "section", "article", "main", "aside", "nav", "header", "footer", "blockquote", "ul", "ol",
        "table", "a", "b", "i", "em", "strong", "font", "form", "small", "big", "u", "s", "sub", "sup", "code", "center",
    };

    /// <summary>A cheap pass over the tags: refuses pages whose container tags are never closed, thousands deep.</summary>
    private static void GuardNesting(string source)
    {
        int depth = 0, i = 0;
        while ((i = source.IndexOf('<', i)) >= 0)
        {
            int j = i + 1;
            bool closing = j < source.Length && source[j] == '/';
            if (closing) j++;
            int start = j;
            while (j < source.Length && j - start < 12 && char.IsAsciiLetter(source[j])) j++;
            if (j > start && j - start < 12 && (j == source.Length || !char.IsAsciiLetterOrDigit(source[j])))
            {
                var name = source.AsSpan(start, j - start);
                if (ContainerTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
                {
                    depth += closing ? -1 : 1;
                    if (depth < 0) depth = 0;
                    if (depth > MaxNesting)
                        throw new InputException($"offset {i}", $"the page nests more than {MaxNesting} elements; refused as hostile");
                }
            }
            i = j;
        }
    }
}
