using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Faultline.Model;

namespace Faultline.Reading.TelegramDesktop;

/// <summary>
/// Walks the structure of a Desktop JSON export one buffer at a time, so memory stays flat however large
/// the file. The caller feeds it successive windows of the file; it consumes whole tokens and whole
/// message objects and reports how far it got, and the caller keeps the unconsumed tail for the next call.
/// <code>
/// { "name", "type", "id", "messages": [ {message}, … ] }                 single-chat export (root = chat)
/// { …, "chats": { "list": [ {chat}, … ] }, "left_chats": { "list": … } }  whole-account export
/// </code>
/// Everything outside those paths (contacts, sessions, personal_information …) is skipped token by token.
/// A message object is only parsed once all its bytes are in the window, so Post.Raw can be sliced verbatim.
/// </summary>
internal sealed class DesktopJsonScanner
{
    private readonly ReadContext _context;
    private readonly DesktopMessage _message;
    private readonly List<Frame> _frames = [];
    private JsonReaderState _state;
    private int _skipDepth = -1;
    private bool _rootClosed;
    private Chat? _root;

    public DesktopJsonScanner(ReadContext context)
    {
        _context = context;
        _message = new DesktopMessage(context);
    }

    /// <summary>
    /// Consumes as much of <paramref name="data"/> as forms whole tokens (and whole messages), adding
    /// items to <paramref name="output"/>; returns the bytes consumed. <paramref name="offset"/> is the
    /// window's position in the file, for error messages.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per window but loops over every message
    public int Feed(ReadOnlySpan<byte> data, bool final, long offset, List<ReadItem> output)
    {
        if (final && _root is null && data.Trim(" \t\r\n"u8).IsEmpty)
            throw new InputException($"offset {offset}", "the file holds no JSON");
        var reader = new Utf8JsonReader(data, final, _state);
        try
        {
            while (true)
            {
                var checkpoint = reader;
                if (!reader.Read()) break;
                if (_skipDepth >= 0)
                {
                    if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
                        _skipDepth = -1;
                    continue;
                }
                if (_frames.Count == 0)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new InputException($"offset {offset + reader.TokenStartIndex}", "the JSON does not start with an object: not a Telegram Desktop export");
                    _root = new Chat(offset + reader.TokenStartIndex, IsRoot: true);
                    _frames.Add(new Frame(FrameKind.Chat, _root));
                    continue;
                }
                var top = _frames[^1];
                switch (top.Kind)
                {
                    case FrameKind.Chat:
                        OnChatToken(ref reader, top, offset, output);
                        break;
                    case FrameKind.Chats:
                        if (reader.TokenType == JsonTokenType.PropertyName)
                            top.Pending = reader.ValueTextEquals("list"u8) ? Key.List : Key.Other;
                        else if (reader.TokenType == JsonTokenType.EndObject) _frames.RemoveAt(_frames.Count - 1);
                        else if (top.Pending == Key.List && reader.TokenType == JsonTokenType.StartArray)
                            _frames.Add(new Frame(FrameKind.ChatList, null));
                        else SkipValue(ref reader);
                        break;
                    case FrameKind.ChatList:
                        if (reader.TokenType == JsonTokenType.EndArray) _frames.RemoveAt(_frames.Count - 1);
                        else if (reader.TokenType == JsonTokenType.StartObject)
                            _frames.Add(new Frame(FrameKind.Chat, new Chat(offset + reader.TokenStartIndex, IsRoot: false)));
                        else throw new InputException($"offset {offset + reader.TokenStartIndex}", "an entry of the chat list is not an object");
                        break;
                    case FrameKind.Messages:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _frames.RemoveAt(_frames.Count - 1);
                            break;
                        }
                        var chat = _frames[^2].Chat!;
                        long at = offset + reader.TokenStartIndex;
                        if (reader.TokenType != JsonTokenType.StartObject)
                            throw new InputException($"offset {at}", $"message {chat.Messages + 1} is not an object");
                        var item = _message.Parse(ref reader, data, offset, chat.Messages + 1, out long id);
                        if (item is null)
                        {
                            if (final) throw new InputException($"offset {at}", $"message {chat.Messages + 1} is incomplete");
                            // The message runs past this window: give it back whole and wait for more bytes.
                            reader = checkpoint;
                            goto done;
                        }
                        OnMessage(chat, item, id, at, output);
                        break;
                }
                if (_frames.Count == 0) _rootClosed = true;
            }
        done:
            if (final && !_rootClosed)
            {
                long at = offset + reader.BytesConsumed;
                throw _root is null
                    ? new InputException($"offset {at}", "the file holds no JSON")
                    : new InputException($"offset {at}", "the export ends before its JSON is complete (truncated file?)");
            }
        }
        catch (JsonException e)
        {
            throw new InputException($"line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}",
                "the JSON is malformed or cut short: " + Clean(e.Message), e);
        }
        catch (InvalidOperationException e)
        {
            throw new InputException($"offset {offset + reader.TokenStartIndex}", "a value of the export cannot be read: " + e.Message, e);
        }
        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private void OnChatToken(ref Utf8JsonReader reader, Frame top, long offset, List<ReadItem> output)
    {
        var chat = top.Chat!;
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            top.Pending = ChatKey(ref reader, chat.IsRoot);
            return;
        }
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            _frames.RemoveAt(_frames.Count - 1);
            FinishChat(chat, output);
            return;
        }
        var key = top.Pending;
        top.Pending = Key.Other;
        switch (key)
        {
            case Key.Name:
                chat.HasName = true;
                chat.Name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                SkipValue(ref reader);
                break;
            case Key.Type:
                chat.HasType = true;
                chat.Type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                SkipValue(ref reader);
                break;
            case Key.Id:
                // Ids stay as the export spells them: a bare number keeps its digits.
                chat.Id = reader.TokenType switch
                {
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.String => reader.GetString(),
                    _ => null,
                };
                SkipValue(ref reader);
                break;
            case Key.Messages:
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw new InputException($"offset {offset + reader.TokenStartIndex}", "\"messages\" is not a list");
                chat.HasMessages = true;
                if (chat.Ready) Start(chat, output);
                _frames.Add(new Frame(FrameKind.Messages, null));
                break;
            case Key.Chats:
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    chat.IsAccount = true;
                    _frames.Add(new Frame(FrameKind.Chats, null));
                }
                else SkipValue(ref reader);
                break;
            default:
                SkipValue(ref reader);
                break;
        }
    }

    private static void OnMessage(Chat chat, ReadItem item, long id, long offset, List<ReadItem> output)
    {
        chat.Messages++;
        if (!chat.Seen.Add(id))
            throw new InputException($"offset {offset}", $"message id {id} appears twice in this chat");
        if (chat.Started) output.Add(item);
        else (chat.Pending ??= []).Add(item);
    }

    private void FinishChat(Chat chat, List<ReadItem> output)
    {
        if (chat.IsRoot && chat.IsAccount && !chat.HasMessages) return;
        if (chat.IsRoot && !chat.HasMessages && chat.Id is null)
            throw new InputException("offset 0", "the JSON has neither \"messages\" nor \"chats\": not a Telegram Desktop export");
        if (chat.Started) return;
        Start(chat, output);
        if (chat.Pending is not null) output.AddRange(chat.Pending);
        chat.Pending = null;
    }

    private void Start(Chat chat, List<ReadItem> output)
    {
        if (chat.Id is null)
            throw new InputException($"offset {chat.Offset}", chat.IsRoot ? "the export has no chat id" : "a chat of the account export has no id");
        var kind = chat.Type is "public_channel" or "private_channel" ? SourceKind.TelegramChannel : SourceKind.TelegramGroup;
        var source = new SourceInfo(kind, "telegram:" + chat.Id)
        {
            NativeId = chat.Id,
            Title = chat.Name,
            // The handle the analyst gave names one channel: it cannot apply to every chat of an account export.
            Handle = chat.IsRoot ? _context.HandleOverride : null,
        };
        output.Add(new SourceStarted(source, CoverageKind.Complete));
        chat.Started = true;
    }

    private void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) _skipDepth = reader.CurrentDepth;
    }

    private static Key ChatKey(ref Utf8JsonReader reader, bool root)
    {
        if (reader.ValueTextEquals("messages"u8)) return Key.Messages;
        if (reader.ValueTextEquals("name"u8)) return Key.Name;
        if (reader.ValueTextEquals("type"u8)) return Key.Type;
        if (reader.ValueTextEquals("id"u8)) return Key.Id;
        if (root && (reader.ValueTextEquals("chats"u8) || reader.ValueTextEquals("left_chats"u8))) return Key.Chats;
        return Key.Other;
    }

    /// <summary>JsonException text ends with "LineNumber: … | BytePositionInLine: …", which the position already says.</summary>
    private static string Clean(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private enum FrameKind { Chat, Chats, ChatList, Messages }

    private enum Key { Other, Name, Type, Id, Messages, Chats, List }

    private sealed class Frame(FrameKind kind, Chat? chat)
    {
        public FrameKind Kind { get; } = kind;
        public Chat? Chat { get; } = chat;
        public Key Pending { get; set; }
    }

    /// <summary>
    /// One chat's header and progress. Desktop writes name, type and id before messages; when a re-serialised
    /// file puts them after (jq -S sorts keys), the chat's items wait in <see cref="Pending"/> until the header
    /// is complete — memory then grows with that chat, the one documented exception to streaming.
    /// </summary>
    private sealed record Chat(long Offset, bool IsRoot)
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? Id { get; set; }
        public bool HasName { get; set; }
        public bool HasType { get; set; }
        public bool HasMessages { get; set; }
        public bool IsAccount { get; set; }
        public bool Started { get; set; }
        public int Messages { get; set; }
        public List<ReadItem>? Pending { get; set; }
        public SeenIds Seen { get; } = new();
        public bool Ready => Id is not null && HasName && HasType;
    }
}
