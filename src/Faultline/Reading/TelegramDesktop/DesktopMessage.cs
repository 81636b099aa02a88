using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Faultline.Model;

namespace Faultline.Reading.TelegramDesktop;

/// <summary>
/// Turns one message object of a Desktop JSON export (held whole in a span) into a post or a service
/// event. One instance per read: it reuses its text buffer and lists from message to message, because a
/// 1 GB export holds millions of messages and per-message scratch allocations dominate otherwise.
/// </summary>
internal sealed class DesktopMessage
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] MissingUnixDate = ["date_unixtime"];
    private static readonly string[] MissingUnixEdit = ["edited_unixtime"];
    private static readonly string[] MissingBoth = ["date_unixtime", "edited_unixtime"];

    private readonly ReadContext _context;
    private readonly List<Entity> _entities = [];
    private readonly List<MediaRef> _media = [];
    private char[] _text = new char[4096];
    private int _length;
    private bool _incomplete;

    public DesktopMessage(ReadContext context) => _context = context;

    /// <summary>
    /// Parses the message whose StartObject <paramref name="reader"/> has just read, in the same pass that
    /// tokenises the window (a separate skip-then-parse pass cost a fifth of the read time). Returns null
    /// when the window ends inside the message: the caller rewinds and refills, and nothing was emitted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot for every message: skip the slow tiers
    public ReadItem? Parse(ref Utf8JsonReader reader, ReadOnlySpan<byte> window, long windowOffset, int ordinal, out long id)
    {
        id = 0;
        int start = (int)reader.TokenStartIndex, depth = reader.CurrentDepth;
        long offset = windowOffset + start;
        _length = 0;
        _entities.Clear();
        _media.Clear();
        _incomplete = false;

        long? messageId = null;
        bool service = false, hasText = false, hasTextEntities = false, hasPoll = false;
        DateTimeOffset? date = null, dateUnix = null, edited = null, editedUnix = null;
        string? from = null, author = null, action = null, actor = null, title = null, inviter = null;
        string? members = null, pinned = null, photo = null, file = null, mediaType = null, mimeType = null;
        string? replyTo = null, contactFile = null, location = null;
        bool forwarded = false, contact = false;
        string? forwardName = null;

        Utf8JsonReader textReader = default, entitiesReader = default, pollReader = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Classify(ref reader);
            if (!reader.Read()) return null;
            switch (field)
            {
                case Field.Id:
                    messageId = ReadId(ref reader, offset, ordinal);
                    break;
                case Field.Type:
                    service = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("service"u8);
                    break;
                case Field.Date:
                    date = ReadLocalDate(ref reader, offset, "date");
                    break;
                case Field.DateUnix:
                    dateUnix = ReadUnixDate(ref reader, offset, "date_unixtime");
                    break;
                case Field.Edited:
                    edited = ReadLocalDate(ref reader, offset, "edited");
                    break;
                case Field.EditedUnix:
                    editedUnix = ReadUnixDate(ref reader, offset, "edited_unixtime");
                    break;
                case Field.From: from = StringOrNull(ref reader); break;
                case Field.Author: author = StringOrNull(ref reader); break;
                case Field.ForwardedFrom:
                    forwarded = true;
                    forwardName = StringOrNull(ref reader);
                    break;
                case Field.ReplyTo: replyTo = ScalarText(ref reader); break;
                case Field.Text:
                    hasText = true;
                    textReader = reader;
                    Skip(ref reader);
                    break;
                case Field.TextEntities:
                    hasTextEntities = reader.TokenType == JsonTokenType.StartArray;
                    entitiesReader = reader;
                    Skip(ref reader);
                    break;
                case Field.Poll:
                    hasPoll = reader.TokenType == JsonTokenType.StartObject;
                    pollReader = reader;
                    Skip(ref reader);
                    break;
                case Field.Photo: photo = StringOrNull(ref reader); break;
                case Field.File: file = StringOrNull(ref reader); break;
                case Field.MediaType: mediaType = StringOrNull(ref reader); break;
                case Field.MimeType: mimeType = StringOrNull(ref reader); break;
                case Field.Location: location = ReadLocation(ref reader); break;
                case Field.Contact:
                    contact = reader.TokenType == JsonTokenType.StartObject;
                    Skip(ref reader);
                    break;
                case Field.ContactVcard: contactFile = StringOrNull(ref reader); break;
                case Field.Action: action = StringOrNull(ref reader); break;
                case Field.Actor: actor = StringOrNull(ref reader); break;
                case Field.Title: title = StringOrNull(ref reader); break;
                case Field.Inviter: inviter = StringOrNull(ref reader); break;
                case Field.MessageId: pinned = ScalarText(ref reader); break;
                case Field.Members: members = ReadMembers(ref reader); break;
                default:
                    Skip(ref reader);
                    break;
            }
            if (_incomplete) return null;
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != depth) return null;

        string raw;
        try
        {
            raw = StrictUtf8.GetString(window[start..(int)reader.BytesConsumed]);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException($"offset {offset}", $"message {ordinal} holds bytes that are not valid UTF-8", e);
        }

        if (messageId is null) throw new InputException($"offset {offset}", $"message {ordinal} has no id");
        id = messageId.Value;
        var published = dateUnix ?? date
            ?? throw new InputException($"offset {offset}", $"message {id} has no date");
        string nativeId = id.ToString(CultureInfo.InvariantCulture);

        if (service)
        {
            return new EventRead(new SourceEvent(nativeId, published, action ?? "service", raw)
            {
                Actor = actor,
                Detail = title ?? pinned ?? members ?? inviter,
            });
        }

        // text_entities (newer builds) spells out every span, plain ones included: prefer it over text.
        if (hasTextEntities) ReadTextParts(ref entitiesReader);
        else if (hasText) ReadTextParts(ref textReader);
        if (hasPoll)
        {
            ReadPoll(ref pollReader);
            _media.Add(new MediaRef("poll"));
        }

        if (photo is not null) _media.Add(new MediaRef("photo", Placeholder(photo)));
        if (file is not null || mediaType is not null) _media.Add(new MediaRef(mediaType ?? "file", Placeholder(file), mimeType));
        if (location is not null) _media.Add(new MediaRef("location", location));
        if (contact || contactFile is not null) _media.Add(new MediaRef("contact", Placeholder(contactFile)));

        bool editMissing = edited is not null && editedUnix is null;
        return new PostRead(new Post
        {
            NativeId = nativeId,
            Published = published,
            Text = _length == 0 ? string.Empty : new string(_text, 0, _length),
            Raw = raw,
            Edited = editedUnix ?? edited,
            Author = author ?? from,
            ForwardedFrom = forwarded ? new ForwardOrigin { Name = forwardName } : null,
            ReplyTo = replyTo,
            Entities = _entities.Count == 0 ? [] : _entities.ToArray(),
            Media = _media.Count == 0 ? [] : _media.ToArray(),
            Missing = dateUnix is null ? (editMissing ? MissingBoth : MissingUnixDate) : editMissing ? MissingUnixEdit : [],
        });
    }

    /// <summary>"(File not included …)" stands in for a file the analyst chose not to export: no file name.</summary>
    private static string? Placeholder(string? file) => file is null || file.StartsWith('(') ? null : file;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot for every message: skip the slow tiers
    /// <summary>
    /// The reader may stop short of the window's end (it is not the final block): a skip that cannot finish
    /// marks the message incomplete instead of throwing, so the caller can refill and parse it again.
    /// </summary>
    private void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip()) _incomplete = true;
    }

    private void ReadTextParts(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            Append(ref reader);
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Skip(ref reader);
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) Append(ref reader);
            else if (reader.TokenType == JsonTokenType.StartObject) ReadEntity(ref reader);
            else Skip(ref reader);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot for every message: skip the slow tiers
    private void ReadEntity(ref Utf8JsonReader reader)
    {
        int start = _length;
        EntityKind? kind = null;
        bool plain = false;
        string? typeName = null, href = null, userId = null, language = null, documentId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Classify(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Type when reader.TokenType == JsonTokenType.String:
                    (kind, plain) = KindOf(reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan);
                    if (kind == EntityKind.Other) typeName = reader.GetString();
                    break;
                case Field.Text when reader.TokenType == JsonTokenType.String:
                    start = _length;
                    Append(ref reader);
                    break;
                case Field.Href: href = StringOrNull(ref reader); break;
                case Field.UserId: userId = ScalarText(ref reader); break;
                case Field.Language: language = StringOrNull(ref reader); break;
                case Field.DocumentId: documentId = ScalarText(ref reader); break;
                default: Skip(ref reader); break;
            }
        }
        if (plain || kind is not { } k) return;
        string? value = k switch
        {
            EntityKind.TextLink => href,
            EntityKind.MentionName => userId,
            EntityKind.Pre => string.IsNullOrEmpty(language) ? null : language,
            EntityKind.CustomEmoji => documentId,
            EntityKind.Other => typeName,
            _ => null,
        };
        _entities.Add(new Entity(k, start, _length - start, value));
    }

    /// <summary>A poll becomes text lines an analyst can search: the question, then "— option (N votes)".</summary>
    private void ReadPoll(ref Utf8JsonReader reader)
    {
        string? question = null;
        var answers = new List<(string Text, string? Voters)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isQuestion = reader.ValueTextEquals("question"u8), isAnswers = reader.ValueTextEquals("answers"u8);
            reader.Read();
            if (isQuestion) question = PlainText(ref reader);
            else if (isAnswers && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    string? text = null, voters = null;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        bool isText = reader.ValueTextEquals("text"u8), isVoters = reader.ValueTextEquals("voters"u8);
                        reader.Read();
                        if (isText) text = PlainText(ref reader);
                        else if (isVoters) voters = ScalarText(ref reader);
                        else Skip(ref reader);
                    }
                    answers.Add((text ?? string.Empty, voters));
                }
                if (reader.TokenType != JsonTokenType.EndArray) Skip(ref reader);
            }
            else Skip(ref reader);
        }
        var lines = new StringBuilder();
        if (_length > 0) lines.Append('\n');
        lines.Append(question);
        foreach (var (text, voters) in answers)
            lines.Append("\n— ").Append(text).Append(voters is null ? "" : $" ({voters} votes)");
        AppendChars(lines.ToString());
    }

    /// <summary>A poll question or answer: a string, or (newer builds) a list of text parts.</summary>
    private string? PlainText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Skip(ref reader);
            return null;
        }
        var text = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) text.Append(reader.GetString());
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isText = reader.ValueTextEquals("text"u8);
                    reader.Read();
                    if (isText && reader.TokenType == JsonTokenType.String) text.Append(reader.GetString());
                    else Skip(ref reader);
                }
            }
            else Skip(ref reader);
        }
        return text.ToString();
    }

    private void Append(ref Utf8JsonReader reader)
    {
        // A UTF-8 or escaped string never has more UTF-16 units than it has bytes.
        int room = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        Reserve(room);
        _length += reader.CopyString(_text.AsSpan(_length));
    }

    private void AppendChars(string text)
    {
        Reserve(text.Length);
        text.CopyTo(_text.AsSpan(_length));
        _length += text.Length;
    }

    private void Reserve(int more)
    {
        if (_length + more <= _text.Length) return;
        Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + more));
    }

    private static long ReadId(ref Utf8JsonReader reader, long offset, int ordinal)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long n)) return n;
        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
        throw new InputException($"offset {offset}", $"message {ordinal} has an id that is not a whole number");
    }

    private static DateTimeOffset? ReadUnixDate(ref Utf8JsonReader reader, long offset, string name)
    {
        long seconds;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out seconds)) { }
        else if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && Utf8Parser.TryParse(reader.ValueSpan, out seconds, out int used) && used == reader.ValueSpan.Length) { }
        else throw new InputException($"offset {offset}", $"{name} is not a number of seconds");
        if (seconds < -62_135_596_800 || seconds > 253_402_300_799)
            throw new InputException($"offset {offset}", $"{name} {seconds} is outside the calendar");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>
    /// "date" is the exporting computer's local time with no offset: without date_unixtime the true
    /// instant is unknowable, so it is taken as UTC and the caller records date_unixtime as missing.
    /// </summary>
    private static DateTimeOffset? ReadLocalDate(ref Utf8JsonReader reader, long offset, string name)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.ValueIsEscaped && TryParseIsoSeconds(reader.ValueSpan, out var fast)) return fast;
            if (DateTime.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                return new DateTimeOffset(parsed, TimeSpan.Zero);
        }
        throw new InputException($"offset {offset}", $"{name} is not a date");
    }

    /// <summary>The form Desktop writes: yyyy-MM-ddTHH:mm:ss, parsed without allocating.</summary>
    private static bool TryParseIsoSeconds(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2);
        int hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> s, int start, int count)
    {
        int n = 0;
        for (int i = start; i < start + count; i++)
        {
            int d = s[i] - '0';
            if ((uint)d > 9) return -1_000_000;
            n = n * 10 + d;
        }
        return n;
    }

    private string? StringOrNull(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        Skip(ref reader);
        return null;
    }

    /// <summary>A string or a number as text (ids appear as either across builds).</summary>
    private string? ScalarText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        if (reader.TokenType == JsonTokenType.Number) return Encoding.UTF8.GetString(reader.ValueSpan);
        Skip(ref reader);
        return null;
    }

    private string? ReadMembers(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Skip(ref reader);
            return null;
        }
        var names = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) names.Add(reader.GetString()!);
            else Skip(ref reader);
        }
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    /// <summary>location_information {latitude, longitude} as a geo: URI, the only handle MediaRef has for it.</summary>
    private string? ReadLocation(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Skip(ref reader);
            return null;
        }
        string? lat = null, lon = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isLat = reader.ValueTextEquals("latitude"u8), isLon = reader.ValueTextEquals("longitude"u8);
            reader.Read();
            if (isLat) lat = ScalarText(ref reader);
            else if (isLon) lon = ScalarText(ref reader);
            else Skip(ref reader);
        }
        return lat is null || lon is null ? null : $"geo:{lat},{lon}";
    }

    private enum Field
    {
        Other, Id, Type, Date, DateUnix, Edited, EditedUnix, From, Author, ForwardedFrom, ReplyTo, Text, TextEntities,
        Poll, Photo, File, MediaType, MimeType, Location, Contact, ContactVcard, Action, Actor, Title, Inviter,
        MessageId, Members, Href, UserId, Language, DocumentId,
    }

    /// <summary>Key dispatch on raw bytes: no string per key, since most keys of a message are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot for every message: skip the slow tiers
    private static Field Classify(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> k = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return k.Length switch
        {
            2 when k.SequenceEqual("id"u8) => Field.Id,
            4 when k.SequenceEqual("type"u8) => Field.Type,
            4 when k.SequenceEqual("date"u8) => Field.Date,
            4 when k.SequenceEqual("from"u8) => Field.From,
            4 when k.SequenceEqual("text"u8) => Field.Text,
            4 when k.SequenceEqual("poll"u8) => Field.Poll,
            4 when k.SequenceEqual("file"u8) => Field.File,
            4 when k.SequenceEqual("href"u8) => Field.Href,
            5 when k.SequenceEqual("photo"u8) => Field.Photo,
            5 when k.SequenceEqual("actor"u8) => Field.Actor,
            5 when k.SequenceEqual("title"u8) => Field.Title,
            6 when k.SequenceEqual("author"u8) => Field.Author,
            6 when k.SequenceEqual("edited"u8) => Field.Edited,
            6 when k.SequenceEqual("action"u8) => Field.Action,
            7 when k.SequenceEqual("inviter"u8) => Field.Inviter,
            7 when k.SequenceEqual("members"u8) => Field.Members,
            7 when k.SequenceEqual("user_id"u8) => Field.UserId,
            8 when k.SequenceEqual("language"u8) => Field.Language,
            9 when k.SequenceEqual("mime_type"u8) => Field.MimeType,
            10 when k.SequenceEqual("media_type"u8) => Field.MediaType,
            10 when k.SequenceEqual("message_id"u8) => Field.MessageId,
            11 when k.SequenceEqual("document_id"u8) => Field.DocumentId,
            13 when k.SequenceEqual("date_unixtime"u8) => Field.DateUnix,
            13 when k.SequenceEqual("text_entities"u8) => Field.TextEntities,
            13 when k.SequenceEqual("contact_vcard"u8) => Field.ContactVcard,
            14 when k.SequenceEqual("forwarded_from"u8) => Field.ForwardedFrom,
            15 when k.SequenceEqual("edited_unixtime"u8) => Field.EditedUnix,
            19 when k.SequenceEqual("reply_to_message_id"u8) => Field.ReplyTo,
            20 when k.SequenceEqual("location_information"u8) => Field.Location,
            19 when k.SequenceEqual("contact_information"u8) => Field.Contact,
            _ => Field.Other,
        };
    }

    /// <summary>Desktop entity type names → <see cref="EntityKind"/>; "plain" is text without a span.</summary>
    private static (EntityKind Kind, bool Plain) KindOf(ReadOnlySpan<byte> t)
    {
        if (t.SequenceEqual("plain"u8)) return (EntityKind.Other, true);
        if (t.SequenceEqual("bold"u8)) return (EntityKind.Bold, false);
        if (t.SequenceEqual("italic"u8)) return (EntityKind.Italic, false);
        if (t.SequenceEqual("link"u8)) return (EntityKind.Link, false);
        if (t.SequenceEqual("text_link"u8)) return (EntityKind.TextLink, false);
        if (t.SequenceEqual("mention"u8)) return (EntityKind.Mention, false);
        if (t.SequenceEqual("mention_name"u8)) return (EntityKind.MentionName, false);
        if (t.SequenceEqual("hashtag"u8)) return (EntityKind.Hashtag, false);
        if (t.SequenceEqual("cashtag"u8)) return (EntityKind.Cashtag, false);
        if (t.SequenceEqual("bot_command"u8)) return (EntityKind.BotCommand, false);
        if (t.SequenceEqual("email"u8)) return (EntityKind.Email, false);
        if (t.SequenceEqual("phone"u8)) return (EntityKind.Phone, false);
        if (t.SequenceEqual("underline"u8)) return (EntityKind.Underline, false);
        if (t.SequenceEqual("strikethrough"u8)) return (EntityKind.Strikethrough, false);
        if (t.SequenceEqual("spoiler"u8)) return (EntityKind.Spoiler, false);
        if (t.SequenceEqual("code"u8)) return (EntityKind.Code, false);
        if (t.SequenceEqual("pre"u8)) return (EntityKind.Pre, false);
        if (t.SequenceEqual("blockquote"u8)) return (EntityKind.Blockquote, false);
        if (t.SequenceEqual("custom_emoji"u8)) return (EntityKind.CustomEmoji, false);
        return (EntityKind.Other, false);
    }
}
