using System.Text.Json;
using Faultline.Model;

namespace Faultline.Reading.Feeds;

/// <summary>
/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1, /version/1.1) into a <see cref="FeedDocument"/>.
/// Each item's Raw is the item object's exact text (<see cref="JsonElement.GetRawText"/> is a slice of the input).
/// </summary>
internal static class JsonFeedParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>Parses a decoded JSON Feed. Throws <see cref="InputException"/> for bad JSON or a non-feed object.</summary>
    public static FeedDocument Parse(string text, ReadContext context, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            string position = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "line 1";
            throw new InputException(position, "not valid JSON: " + FirstSentence(e.Message), e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String
                || version.GetString()?.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase) != true)
                throw new InputException("line 1", "JSON is not a JSON Feed (no \"version\" naming jsonfeed.org)");

            var channel = new FeedChannel
            {
                Flavour = FeedFlavour.Json,
                Title = Str(root, "title"),
                Link = Str(root, "home_page_url"),
                SelfLink = Str(root, "feed_url"),
                Author = AuthorOf(root),
            };
            var entries = new List<FeedEntry>();
            if (root.TryGetProperty("items", out var items))
            {
                if (items.ValueKind != JsonValueKind.Array)
                    throw new InputException("line 1", "JSON Feed \"items\" is not an array");
                foreach (var item in items.EnumerateArray())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int number = entries.Count + 1;
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        context.Warn($"item {number}", "not a JSON object; skipped");
                        continue;
                    }
                    entries.Add(Entry(item, number));
                }
            }
            else
            {
                context.Warn("line 1", "JSON Feed has no \"items\" array; read as an empty feed");
            }
            return new(channel, entries);
        }
    }

    private static FeedEntry Entry(JsonElement item, int number)
    {
        var entry = new FeedEntry
        {
            Number = number,
            Raw = item.GetRawText(),
            IdField = "id",
            DateField = "date_published",
            BodyField = "content_html",
            Id = Str(item, "id"),
            IdIsPermaLink = false,
            Link = Str(item, "url") ?? Str(item, "external_url"),
            Title = Str(item, "title"),
            Author = AuthorOf(item),
        };
        if (Str(item, "date_published") is { } published) entry.Published.Add(new("date_published", published));
        if (Str(item, "date_modified") is { } modified) entry.Updated.Add(new("date_modified", modified));
        if (Str(item, "content_html") is { } html) entry.Bodies.Add(new("content_html", html, true));
        if (Str(item, "content_text") is { } text) entry.Bodies.Add(new("content_text", text, false));
        if (Str(item, "summary") is { } summary) entry.Bodies.Add(new("summary", summary, false));
        if (item.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                if (attachment.ValueKind != JsonValueKind.Object || Str(attachment, "url") is not { } url) continue;
                string? mime = Str(attachment, "mime_type");
                entry.Media.Add(new MediaRef(KindOf(mime), url, mime));
            }
        }
        if (Str(item, "image") is { } image) entry.Media.Add(new MediaRef("image", image));
        return entry;
    }

    // 1.1 has "authors" (an array); 1.0 had "author" (an object).
    private static string? AuthorOf(JsonElement element)
    {
        if (element.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            var names = authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object)
                .Select(a => Str(a, "name")).OfType<string>().ToList();
            if (names.Count > 0) return string.Join(", ", names);
        }
        if (element.TryGetProperty("author", out var author))
        {
            if (author.ValueKind == JsonValueKind.Object) return Str(author, "name");
            if (author.ValueKind == JsonValueKind.String) return author.GetString();
        }
        return null;
    }

    // Strings as strings; numbers (ids written as numbers despite the spec) as their literal text.
    private static string? Str(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static string KindOf(string? mime) => mime?.Split('/')[0].ToLowerInvariant() switch
    {
        "image" => "image",
        "video" => "video",
        "audio" => "audio",
        _ => "file",
    };

    private static string FirstSentence(string message)
    {
        int stop = message.IndexOf(". ", StringComparison.Ordinal);
        return stop > 0 ? message[..(stop + 1)] : message;
    }
}
