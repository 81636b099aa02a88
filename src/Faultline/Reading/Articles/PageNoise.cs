using AngleSharp.Dom;

namespace Faultline.Reading.Articles;

/// <summary>
/// Decides which parts of a page are furniture rather than content: scripts and embeds, navigation,
/// headers and footers, hidden elements, and widgets whose class or id names them (related, share,
/// cookie, promo …). Shared by the article and assessment readers.
/// </summary>
internal static class PageNoise
{
    /// <summary>Tags whose content is never article text (and may be hostile).</summary>
    private static readonly HashSet<string> NoiseTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "canvas", "form", "button", "input", "select", "option", "textarea", "nav", "aside", "footer",
        "header", "dialog", "menu", "audio", "video", "figure", "picture", "img", "link", "meta", "title", "head",
        "plaintext", "xmp", "listing", "noembed", "noframes", "map", "area", "datalist", "output", "progress", "meter",
    };

    private static readonly HashSet<string> NoiseRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar",
        "toolbar", "alert",
    };

    /// <summary>Words in a class or id that mark a widget, not the story.</summary>
    private static readonly HashSet<string> NoiseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "header", "masthead", "sidebar",
        "aside", "widget", "widgets", "related", "recommended", "recommend", "recommendations", "recirculation",
        "promo", "promoted", "sponsor", "sponsored", "ad", "ads", "advert", "advertisement", "advertising", "banner",
        "share", "sharing", "social", "sharebar", "comment", "comments", "disqus", "subscribe", "subscription",
        "newsletter", "signup", "paywall", "cookie", "cookies", "consent", "gdpr", "popup", "modal", "overlay",
        "popular", "trending", "mostread", "outbrain", "taboola", "teaser", "teasers", "tags", "toolbar", "print",
        "skip", "hidden", "donate", "more-stories", "moreStories", "readmore", "readnext", "upnext", "author-bio",
    };

    /// <summary>Adjacent class words that together mark a widget ("most read", "you might like", "read more").</summary>
    private static readonly string[][] NoisePhrases =
    [
        ["most", "read"], ["most", "popular"], ["you", "might"], ["you", "may"], ["also", "like"], ["read", "more"],
        ["read", "also"], ["read", "next"], ["more", "from"], ["more", "stories"], ["up", "next"], ["see", "also"],
    ];

    /// <summary>Words in a class or id that mark the story itself.</summary>
    public static readonly HashSet<string> ContentWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "article", "body", "content", "entry", "hentry", "main", "post", "story", "text", "blog", "prose", "richtext",
    };

    /// <summary>How much of a long attribute value is looked at (hostile pages carry megabyte attributes).</summary>
    private const int AttributeWindow = 300;

    /// <summary>True for an element whose whole subtree is furniture.</summary>
    public static bool IsNoise(IElement element)
    {
        var tag = element.LocalName;
        if (NoiseTags.Contains(tag)) return true;
        if (element.HasAttribute("hidden")) return true;
        if (string.Equals(Window(element.GetAttribute("aria-hidden")), "true", StringComparison.OrdinalIgnoreCase)) return true;
        var role = Window(element.GetAttribute("role"));
        if (role is not null && NoiseRoles.Contains(role.Trim())) return true;
        var style = Window(element.GetAttribute("style"));
        if (style is not null)
        {
            var compact = style.Replace(" ", "", StringComparison.Ordinal);
            if (compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
                || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        if (tag is "body" or "html" or "article" or "main") return false;
        return HintsNoise(element);
    }

    /// <summary>+1 when class/id name the story, -1 when they name a widget, 0 otherwise.</summary>
    public static int Hint(IElement element)
    {
        int hint = 0;
        foreach (var token in HintTokens(element))
        {
            var words = Words(token);
            if (words.Any(NoiseWords.Contains) || HasNoisePhrase(words)) hint = -1;
            else if (hint == 0 && words.Any(ContentWords.Contains)) hint = 1;
        }
        return hint;
    }

    private static bool HintsNoise(IElement element)
    {
        bool noise = false;
        foreach (var token in HintTokens(element))
        {
            var words = Words(token);
            // A token made only of story words ("post-content") rescues the element even when another
            // token names a widget ("comments-enabled"); "article-related" is still a widget.
            if (words.Any(NoiseWords.Contains) || HasNoisePhrase(words)) noise = true;
            else if (words.Length > 0 && words.All(w => ContentWords.Contains(w) || w.Length <= 2 || w.All(char.IsAsciiDigit))
                     && words.Any(ContentWords.Contains))
                return false;
        }
        return noise;
    }

    private static IEnumerable<string> HintTokens(IElement element)
    {
        foreach (var name in new[] { "class", "id" })
        {
            var value = Window(element.GetAttribute(name));
            if (value is null) continue;
            foreach (var token in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) yield return token;
        }
    }

    private static string[] Words(string token)
    {
        // Split "relatedArticles", "most-read", "share_bar" into words.
        var words = new List<string>();
        int start = 0;
        for (int i = 0; i <= token.Length; i++)
        {
            bool boundary = i == token.Length || token[i] is '-' or '_' or ':' or '.'
                || (i > start && char.IsUpper(token[i]) && char.IsLower(token[i - 1]));
            if (!boundary) continue;
            if (i > start) words.Add(token[start..i].ToLowerInvariant());
            start = i < token.Length && token[i] is '-' or '_' or ':' or '.' ? i + 1 : i;
        }
        return words.ToArray();
    }

    private static bool HasNoisePhrase(string[] words)
    {
        for (int i = 0; i + 1 < words.Length; i++)
            foreach (var phrase in NoisePhrases)
                if (words[i] == phrase[0] && words[i + 1] == phrase[1]) return true;
        return false;
    }

    private static string? Window(string? value) => value is null ? null : value.Length > AttributeWindow ? value[..AttributeWindow] : value;
}
