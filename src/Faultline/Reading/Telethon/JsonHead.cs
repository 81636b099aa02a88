using System.Text.Json;

namespace Faultline.Reading.Telethon;

/// <summary>
/// The property names of the first object in a JSON head (the first element of an array, or the first
/// line of NDJSON), read tolerantly from a truncated sniff. Detection looks at keys, not at text
/// fragments, so a key quoted inside a message text cannot fool it.
/// </summary>
internal sealed class JsonHead
{
    private JsonHead() { }

    /// <summary>Keys of the first object.</summary>
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>The value of the first object's "_" or "_type" key (Telethon's type name).</summary>
    public string? TypeName { get; private set; }

    /// <summary>Keys of the object under "data", when the first object wraps one (4CAT items).</summary>
    public HashSet<string> DataKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The "_" or "_type" value of the object under "data".</summary>
    public string? DataTypeName { get; private set; }

    /// <summary>Reads the head, or returns null when it does not start with a JSON object or array of objects.</summary>
    public static JsonHead? Of(FileSniff sniff)
    {
        var span = sniff.Head.Span;
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        var trimmed = span.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || (trimmed[0] != (byte)'[' && trimmed[0] != (byte)'{')) return null;

        var head = new JsonHead();
        var reader = new Utf8JsonReader(trimmed, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            if (!reader.Read()) return null;
            int objectDepth;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return reader.TokenType == JsonTokenType.EndArray ? head : null;
                objectDepth = 1;
            }
            else objectDepth = 0;

            string? property = null;
            bool inData = false;
            while (reader.Read())
            {
                int depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.EndObject when depth == objectDepth:
                        return head;
                    case JsonTokenType.PropertyName when depth == objectDepth + 1:
                        property = reader.GetString();
                        head.Keys.Add(property!);
                        inData = false;
                        break;
                    case JsonTokenType.PropertyName when depth == objectDepth + 2 && inData:
                        property = reader.GetString();
                        head.DataKeys.Add(property!);
                        break;
                    case JsonTokenType.StartObject when depth == objectDepth + 1 && property == "data":
                        inData = true;
                        break;
                    case JsonTokenType.String when property is "_" or "_type":
                        if (depth == objectDepth + 1) head.TypeName ??= reader.GetString();
                        else if (depth == objectDepth + 2 && inData) head.DataTypeName ??= reader.GetString();
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The sniff may end mid-token or hold a second NDJSON line: what was read so far counts.
        }
        catch (InvalidOperationException)
        {
        }
        return head;
    }

    /// <summary>True when these keys describe a Telethon message (either dump shape).</summary>
    public static bool LooksLikeMessage(HashSet<string> keys, string? typeName)
        => typeName is "Message" or "MessageService"
           || keys.Contains("peer_id")
           || (keys.Contains("message_id") && keys.Contains("date") && keys.Contains("text"))
           || (keys.Contains("_chat") && keys.Contains("message") && keys.Contains("date"));
}
