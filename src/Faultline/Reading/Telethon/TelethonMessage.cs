using System.Globalization;
using System.Text;
using System.Text.Json;
using Faultline.Model;

namespace Faultline.Reading.Telethon;

/// <summary>What one dumped message becomes: the source it belongs to and a post or event (null: skip it).</summary>
internal readonly record struct MappedMessage(SourceInfo Source, ReadItem? Item);

/// <summary>
/// Maps one message object of a collection tool's dump to a post. Understands two shapes:
/// <list type="number">
/// <item>flat dumps (<c>{message_id, sender_id, text, date, channel, …}</c>) whose text is Telethon markdown;</item>
/// <item>Telethon's <c>Message.to_dict()</c> (<c>{"_": "Message", id, peer_id, message, entities, views, …}</c>),
/// including 4CAT's serialisation of it (<c>"_type"</c> instead of <c>"_"</c>, Unix dates, <c>_chat</c>).</item>
/// </list>
/// </summary>
internal static class TelethonMessage
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // A flat dump records none of these: it cannot tell an unedited post from one whose edit went unrecorded.
    private static readonly string[] FlatMissing = ["views", "forwards", "replies", "reactions", "edit_date", "fwd_from", "reply_to", "media"];

    private const long ChannelIdBase = 1_000_000_000_000;

    /// <summary>Decodes and parses one object cut by <see cref="JsonObjectSplitter"/>, reporting errors by line.</summary>
    public static JsonDocument Parse(JsonObjectBytes item, out string raw)
    {
        try
        {
            raw = StrictUtf8.GetString(item.Bytes.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException($"line {item.Line}", $"message {item.Index} is not valid UTF-8 text", e);
        }
        try
        {
            return JsonDocument.Parse(item.Bytes);
        }
        catch (JsonException e)
        {
            long line = item.Line + (e.LineNumber ?? 0);
            throw new InputException($"line {line}", $"message {item.Index} is not valid JSON ({FirstSentence(e.Message)})", e);
        }
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        var s = cut > 0 ? message[..cut] : message.TrimEnd('.');
        return s.Length > 160 ? s[..160] : s;
    }

    /// <summary>Maps a message object; throws <see cref="InputException"/> at <paramref name="position"/> when it cannot.</summary>
    public static MappedMessage Map(JsonElement m, string raw, string position, ReadContext context)
    {
        if (m.ValueKind != JsonValueKind.Object) throw new InputException(position, "expected a message object");
        try
        {
            return MapCore(m, raw, position, context);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // Backstop for a value of an unexpected JSON kind deep inside a message.
            throw new InputException(position, "the message has a field of an unexpected type", e);
        }
    }

    private static MappedMessage MapCore(JsonElement m, string raw, string position, ReadContext context)
    {
        string? type = TypeName(m);
        var source = SourceOf(m, position, context);
        if (type == "MessageEmpty") return new MappedMessage(source, null);

        bool flat = !m.TryGetProperty("id", out _) && m.TryGetProperty("message_id", out _);
        string id = Id(m, flat ? "message_id" : "id", position);
        var published = Date(m, "date", position) ?? throw new InputException(position, $"message {id} has no date");

        if (type == "MessageService" || (m.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object))
            return new MappedMessage(source, new EventRead(ServiceEvent(m, id, published, raw)));

        var (text, entities) = TextOf(m, flat, position, context);
        var post = new Post
        {
            NativeId = id,
            Published = published,
            Text = text,
            Raw = raw,
            Entities = entities,
        };
        if (flat) return new MappedMessage(source, new PostRead(post with { Missing = FlatMissing }));

        var missing = new List<string>(4);
        post = post with
        {
            Edited = Date(m, "edit_date", position),
            Author = Str(m, "post_author"),
            ForwardedFrom = ForwardOf(m, position),
            ReplyTo = ReplyOf(m),
            Media = MediaOf(m),
            Metrics = MetricsOf(m, missing),
        };
        if (missing.Count > 0) post = post with { Missing = missing };
        return new MappedMessage(source, new PostRead(post));
    }

    private static string? TypeName(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        if (e.TryGetProperty("_", out var t) && t.ValueKind == JsonValueKind.String) return t.GetString();
        if (e.TryGetProperty("_type", out t) && t.ValueKind == JsonValueKind.String) return t.GetString();
        return null;
    }

    private static string? Str(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement? Obj(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static long? Int(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return Int(v);
    }

    private static long? Int(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.Number when v.TryGetDouble(out var d) && d is >= long.MinValue and <= long.MaxValue && d == Math.Floor(d) => (long)d,
        JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static string Id(JsonElement m, string name, string position)
    {
        if (!m.TryGetProperty(name, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            throw new InputException(position, $"the message has no \"{name}\"");
        return Int(v)?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InputException(position, $"\"{name}\" is not a message number");
    }

    /// <summary>
    /// A date as Telethon's to_json writes it (ISO 8601, UTC) or as 4CAT serialises it (Unix seconds);
    /// null when absent or null; an unreadable value is an input error.
    /// </summary>
    internal static DateTimeOffset? Date(JsonElement m, string name, string position)
    {
        if (!m.TryGetProperty(name, out var v)) return null;
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when v.TryGetDouble(out var seconds):
                return FromUnix(seconds) ?? throw new InputException(position, $"\"{name}\" {v.GetRawText()} is not a plausible Unix time");
            case JsonValueKind.String:
                var s = v.GetString()!;
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) && FromUnix(secs) is { } u) return u;
                // Telethon dates are UTC; a value without an offset is read as UTC rather than local time.
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
                    return d.ToUniversalTime();
                throw new InputException(position, $"\"{name}\" \"{Shorten(s)}\" is not a date");
            default:
                throw new InputException(position, $"\"{name}\" is not a date");
        }
    }

    internal static DateTimeOffset? FromUnix(double seconds)
    {
        if (double.IsNaN(seconds) || seconds < -62_135_596_800 || seconds > 253_402_300_799) return null;
        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>
    /// The channel a message belongs to. Flat dumps give the Bot-API style id (-100XXXXXXXXXX for a
    /// channel); Faultline keys channels by the bare MTProto id XXXXXXXXXX, as Telethon's PeerChannel does,
    /// so both shapes of the same channel meet under one key.
    /// </summary>
    private static SourceInfo SourceOf(JsonElement m, string position, ReadContext context)
    {
        string? title = null, handle = null;
        long? id = null;
        var kind = SourceKind.TelegramChannel;

        if (m.TryGetProperty("sender_id", out var sender) && Int(sender) is { } botApiId)
        {
            (id, kind) = FromBotApiId(botApiId);
            title = Str(m, "channel");
        }
        else if (m.TryGetProperty("peer_id", out var peer))
        {
            if (peer.ValueKind == JsonValueKind.Object)
            {
                if (Int(peer, "channel_id") is { } channel)
                {
                    id = channel;
                    // Telethon marks broadcast posts with post=true; a supergroup is a PeerChannel too.
                    if (m.TryGetProperty("post", out var post) && post.ValueKind == JsonValueKind.False) kind = SourceKind.TelegramGroup;
                }
                else if ((Int(peer, "chat_id") ?? Int(peer, "user_id")) is { } chat)
                {
                    id = chat;
                    kind = SourceKind.TelegramGroup;
                }
            }
            else if (Int(peer) is { } peerId) (id, kind) = FromBotApiId(peerId);
        }

        if (Obj(m, "_chat") is { } chatInfo)
        {
            // 4CAT attaches the resolved chat: it carries the title and the public handle.
            title ??= Str(chatInfo, "title");
            handle = Str(chatInfo, "username");
            if (id is null && Int(chatInfo, "id") is { } chatId) (id, kind) = FromBotApiId(chatId);
            if (chatInfo.TryGetProperty("megagroup", out var mega) && mega.ValueKind == JsonValueKind.True) kind = SourceKind.TelegramGroup;
        }
        if (id is null) throw new InputException(position, "the message names no channel (no sender_id, peer_id or _chat)");

        handle = context.HandleOverride ?? handle;
        string native = id.Value.ToString(CultureInfo.InvariantCulture);
        return new SourceInfo(kind, "telegram:" + native)
        {
            NativeId = native,
            Title = title,
            Handle = handle,
            Url = handle is null ? null : "https://t.me/" + handle,
        };
    }

    private static (long Id, SourceKind Kind) FromBotApiId(long id)
    {
        if (id <= -ChannelIdBase) return (-id - ChannelIdBase, SourceKind.TelegramChannel);
        if (id < 0) return (-id, SourceKind.TelegramGroup);
        return (id, SourceKind.TelegramChannel);
    }

    private static (string Text, IReadOnlyList<Entity> Entities) TextOf(JsonElement m, bool flat, string position, ReadContext context)
    {
        if (flat || (!m.TryGetProperty("message", out _) && m.TryGetProperty("text", out _)))
        {
            var parsed = TelegramMarkdown.Parse(Str(m, "text"));
            return (parsed.Text, parsed.Entities);
        }
        string text = Str(m, "message") ?? "";
        if (m.TryGetProperty("entities", out var list) && list.ValueKind == JsonValueKind.Array)
            return (text, EntitiesOf(list, text, position, context));
        // No entity list: 4CAT keeps Telethon's markdown beside the plain text; otherwise find links ourselves.
        if (Str(m, "message_markdown") is { Length: > 0 } markdown)
        {
            var parsed = TelegramMarkdown.Parse(markdown);
            return (parsed.Text, parsed.Entities);
        }
        return (text, BareEntities.Find(text, null));
    }

    private static IReadOnlyList<Entity> EntitiesOf(JsonElement list, string text, string position, ReadContext context)
    {
        if (list.GetArrayLength() == 0) return [];
        var result = new List<Entity>(list.GetArrayLength());
        foreach (var e in list.EnumerateArray())
        {
            string? type = TypeName(e);
            long? offset = Int(e, "offset"), length = Int(e, "length");
            if (type is null || offset is null || length is null) continue;
            // Telethon counts UTF-16 code units, as Faultline does; a span outside the text is a damaged record.
            if (offset < 0 || length <= 0 || offset + length > text.Length)
            {
                context.Warn(position, $"{type} at {offset}+{length} lies outside the text ({text.Length} characters); dropped");
                continue;
            }
            var (kind, value) = type switch
            {
                "MessageEntityBold" => (EntityKind.Bold, null),
                "MessageEntityItalic" => (EntityKind.Italic, null),
                "MessageEntityUnderline" => (EntityKind.Underline, null),
                "MessageEntityStrike" => (EntityKind.Strikethrough, null),
                "MessageEntitySpoiler" => (EntityKind.Spoiler, null),
                "MessageEntityCode" => (EntityKind.Code, null),
                "MessageEntityPre" => (EntityKind.Pre, Str(e, "language") is { Length: > 0 } lang ? lang : null),
                "MessageEntityTextUrl" => (EntityKind.TextLink, Str(e, "url")),
                "MessageEntityUrl" => (EntityKind.Link, null),
                "MessageEntityMention" => (EntityKind.Mention, null),
                "MessageEntityMentionName" or "InputMessageEntityMentionName" => (EntityKind.MentionName, Int(e, "user_id")?.ToString(CultureInfo.InvariantCulture)),
                "MessageEntityHashtag" => (EntityKind.Hashtag, null),
                "MessageEntityCashtag" => (EntityKind.Cashtag, null),
                "MessageEntityBotCommand" => (EntityKind.BotCommand, null),
                "MessageEntityEmail" => (EntityKind.Email, null),
                "MessageEntityPhone" => (EntityKind.Phone, null),
                "MessageEntityBlockquote" => (EntityKind.Blockquote, null),
                "MessageEntityCustomEmoji" => (EntityKind.CustomEmoji, Int(e, "document_id")?.ToString(CultureInfo.InvariantCulture)),
                _ => (EntityKind.Other, type),
            };
            result.Add(new Entity(kind, (int)offset, (int)length, value));
        }
        return result;
    }

    private static ForwardOrigin? ForwardOf(JsonElement m, string position)
    {
        if (Obj(m, "fwd_from") is not { } fwd) return null;
        string? sourceId = null, handle = null;
        if (fwd.TryGetProperty("from_id", out var from))
        {
            if (from.ValueKind == JsonValueKind.Object)
            {
                sourceId = (Int(from, "channel_id") ?? Int(from, "user_id") ?? Int(from, "chat_id"))?.ToString(CultureInfo.InvariantCulture);
                handle = Str(from, "username");
            }
            else if (Int(from) is { } old) sourceId = FromBotApiId(old).Id.ToString(CultureInfo.InvariantCulture);
        }
        return new ForwardOrigin
        {
            SourceId = sourceId,
            Handle = handle,
            Name = Str(fwd, "from_name"),
            PostId = Int(fwd, "channel_post")?.ToString(CultureInfo.InvariantCulture),
            Date = Date(fwd, "date", position),
        };
    }

    private static string? ReplyOf(JsonElement m)
    {
        long? id = Obj(m, "reply_to") is { } reply ? Int(reply, "reply_to_msg_id") : Int(m, "reply_to_msg_id");
        return id?.ToString(CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<MediaRef> MediaOf(JsonElement m)
    {
        if (Obj(m, "media") is not { } media) return [];
        string? type = TypeName(media);
        if (type is null or "MessageMediaEmpty") return [];
        string kind = type.StartsWith("MessageMedia", StringComparison.Ordinal) && type.Length > 12
            ? type[12..].ToLowerInvariant()
            : type;
        if (kind == "webpage")
            return [new MediaRef(kind, Obj(media, "webpage") is { } page ? Str(page, "url") : null)];
        string? mime = Obj(media, "document") is { } doc ? Str(doc, "mime_type") : null;
        return [new MediaRef(kind, null, mime)];
    }

    private static Metrics? MetricsOf(JsonElement m, List<string> missing)
    {
        long? views = Counter(m, "views", missing);
        long? forwards = Counter(m, "forwards", missing);
        long? replies = null;
        if (Obj(m, "replies") is { } r) replies = Int(r, "replies");
        else missing.Add("replies");

        Dictionary<string, long>? reactions = null;
        if (Obj(m, "reactions") is { } rs && rs.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            reactions = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var result in results.EnumerateArray())
            {
                if (ReactionKey(result) is not { } key || Int(result, "count") is not { } count) continue;
                reactions[key] = reactions.GetValueOrDefault(key) + count;
            }
        }
        else missing.Add("reactions");

        if (views is null && forwards is null && replies is null && reactions is null) return null;
        return new Metrics { Views = views, Forwards = forwards, Replies = replies, Reactions = reactions };
    }

    private static long? Counter(JsonElement m, string name, List<string> missing)
    {
        var value = Int(m, name);
        if (value is null) missing.Add(name);
        return value;
    }

    /// <summary>The emoji of a reaction; custom emoji as "custom:&lt;document id&gt;"; older dumps give a bare string.</summary>
    private static string? ReactionKey(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("reaction", out var reaction)) return null;
        if (reaction.ValueKind == JsonValueKind.String) return reaction.GetString();
        if (reaction.ValueKind != JsonValueKind.Object) return null;
        if (Str(reaction, "emoticon") is { } emoji) return emoji;
        if (Int(reaction, "document_id") is { } doc) return "custom:" + doc.ToString(CultureInfo.InvariantCulture);
        return TypeName(reaction) switch
        {
            "ReactionPaid" => "paid",
            { } other => other,
            null => null,
        };
    }

    private static SourceEvent ServiceEvent(JsonElement m, string id, DateTimeOffset time, string raw)
    {
        var action = Obj(m, "action");
        string name = action is { } a ? TypeName(a) ?? "action" : "action";
        if (name.StartsWith("MessageAction", StringComparison.Ordinal) && name.Length > 13) name = name[13..];
        string? detail = null;
        if (action is { } act)
            detail = Str(act, "title") ?? Str(act, "message") ?? Int(act, "channel_id")?.ToString(CultureInfo.InvariantCulture);
        if (detail is null && name == "PinMessage" && ReplyOf(m) is { } pinned) detail = pinned;
        string? actor = m.TryGetProperty("from_id", out var from) && from.ValueKind == JsonValueKind.Object
            ? (Int(from, "user_id") ?? Int(from, "channel_id"))?.ToString(CultureInfo.InvariantCulture)
            : null;
        return new SourceEvent(id, time, name, raw) { Detail = detail, Actor = actor };
    }
}
