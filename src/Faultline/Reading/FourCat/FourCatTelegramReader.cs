using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Faultline.Model;
using Faultline.Reading.Telethon;

namespace Faultline.Reading.FourCat;

/// <summary>
/// Reads datasets exported from 4CAT's Telegram datasource: the CSV that 4CAT maps each message to
/// (<c>id, thread_id, chat, author, …, body, body_markdown, views, reactions, timestamp, unix_timestamp, …</c>),
/// and NDJSON of 4CAT items that wrap a Telethon message under <c>"data"</c>. (4CAT's plain NDJSON, one
/// serialised Telethon message per line, is read by the telethon-json reader.)
/// </summary>
/// <remarks>
/// Coverage is <see cref="CoverageKind.Partial"/>: a 4CAT query caps the number of messages and the date
/// range, so a post absent from the dataset may simply not have been collected.
/// </remarks>
internal sealed class FourCatTelegramReader : IFormatReader
{
    private static readonly string[] Required = ["id", "body"];

    /// <inheritdoc />
    public string Format => "4cat-telegram";

    /// <inheritdoc />
    public string Description =>
        "Reads 4CAT Telegram datasets (CSV export or NDJSON items): text, views, reactions, forward origin names and ids; " +
        "no forwarded post ids; a dataset is a capped sample, so it never proves a deletion.";

    /// <inheritdoc />
    public int Detect(FileSniff sniff)
    {
        if (JsonHead.Of(sniff) is { } head)
            return head.Keys.Contains("data") && JsonHead.LooksLikeMessage(head.DataKeys, head.DataTypeName) ? 90 : 0;
        var text = sniff.Trimmed;
        int newline = text.IndexOfAny('\r', '\n');
        var header = HeaderNames(newline < 0 ? text : text[..newline]);
        bool fourCat = header.Contains("id") && header.Contains("body")
            && (header.Contains("chat") || header.Contains("thread_id"))
            && (header.Contains("timestamp") || header.Contains("unix_timestamp"));
        return fourCat ? 90 : 0;
    }

    private static HashSet<string> HeaderNames(ReadOnlySpan<char> line)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in line.Split(','))
            names.Add(line[range].Trim().Trim('"').Trim().ToString().ToLowerInvariant());
        return names;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (head, replay) = await PeekAsync(input, cancellationToken).ConfigureAwait(false);
        if (StartsWithJson(head))
        {
            await foreach (var item in ReadItemsAsync(replay, context, cancellationToken).ConfigureAwait(false))
                yield return item;
        }
        else
        {
            await foreach (var item in ReadCsvAsync(replay, context, cancellationToken).ConfigureAwait(false))
                yield return item;
        }
    }

    /// <summary>Reads the first bytes, and gives back a stream that still starts at the beginning.</summary>
    private static async Task<(byte[] Head, Stream Replay)> PeekAsync(Stream stream, CancellationToken ct)
    {
        var head = new byte[256];
        int n;
        try
        {
            n = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new InputException("offset 0", "the file could not be read: " + e.Message, e);
        }
        Array.Resize(ref head, n);
        return (head, new ReplayStream(head, stream));
    }

    private static bool StartsWithJson(ReadOnlySpan<byte> span)
    {
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        span = span.TrimStart(" \t\r\n"u8);
        return !span.IsEmpty && span[0] is (byte)'{' or (byte)'[';
    }

    private static async IAsyncEnumerable<ReadItem> ReadItemsAsync(Stream input, ReadContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        using var splitter = new JsonObjectSplitter(input);
        var channels = new SourceTracker();
        while (await splitter.NextAsync(ct).ConfigureAwait(false) is { } item)
        {
            string position = $"line {item.Line}";
            MappedMessage mapped;
            using (var doc = TelethonMessage.Parse(item, out var raw))
            {
                var root = doc.RootElement;
                // The 4CAT item wrapper keeps the Telethon message under "data"; Raw keeps the whole item.
                var message = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    ? data
                    : root;
                mapped = TelethonMessage.Map(message, raw, position, context);
            }
            if (mapped.Item is null) continue;
            if (channels.Changed(mapped.Source)) yield return new SourceStarted(mapped.Source, CoverageKind.Partial);
            yield return mapped.Item;
        }
    }

    private static async IAsyncEnumerable<ReadItem> ReadCsvAsync(Stream input, ReadContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = new CsvRecordReader(text);
        if (!await csv.ReadAsync(ct).ConfigureAwait(false) || csv.Fields.Count == 0)
            throw new InputException("line 1", "the CSV file has no header row");
        var columns = new Columns(csv.Fields);
        foreach (var name in Required)
            if (!columns.Has(name)) throw new InputException("line 1", $"the header has no \"{name}\" column; not a 4CAT Telegram export");
        if (!columns.Has("chat") && !columns.Has("thread_id"))
            throw new InputException("line 1", "the header has neither \"chat\" nor \"thread_id\": cannot tell which channel a row belongs to");
        if (!columns.Has("unix_timestamp") && !columns.Has("timestamp"))
            throw new InputException("line 1", "the header has neither \"unix_timestamp\" nor \"timestamp\"");
        string header = csv.RawText;

        var sources = new Dictionary<string, SourceInfo>(StringComparer.OrdinalIgnoreCase);
        var channels = new SourceTracker();
        var row = new Row(columns, context);
        while (await csv.ReadAsync(ct).ConfigureAwait(false))
        {
            var fields = csv.Fields;
            if (fields.Count == 0 || (fields.Count == 1 && columns.Count > 1 && string.IsNullOrWhiteSpace(fields[0]))) continue;
            if (fields.Count != columns.Count)
                throw new InputException($"line {csv.Line}", $"the row has {fields.Count} fields but the header has {columns.Count}");
            row.Load(fields, $"line {csv.Line}");
            var source = row.Source(sources);
            var post = row.Post(header + "\n" + csv.RawText);
            if (channels.Changed(source)) yield return new SourceStarted(source, CoverageKind.Partial);
            yield return new PostRead(post);
        }
    }

    /// <summary>Header positions by lower-case column name.</summary>
    private sealed class Columns
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

        public Columns(List<string> header)
        {
            Count = header.Count;
            for (int i = 0; i < header.Count; i++) _index.TryAdd(header[i].Trim(), i);
        }

        public int Count { get; }

        public bool Has(string name) => _index.ContainsKey(name);

        public int this[string name] => _index.TryGetValue(name, out int i) ? i : -1;
    }

    /// <summary>One CSV row read as a 4CAT mapped Telegram item.</summary>
    private sealed class Row(Columns columns, ReadContext context)
    {
        private List<string> _fields = [];
        private string _position = "";
        private bool _warnedLocalTime;

        public void Load(List<string> fields, string position)
        {
            _fields = fields;
            _position = position;
        }

        /// <summary>The trimmed cell, or null when the column is absent or the cell is empty.</summary>
        private string? Cell(string name)
        {
            int i = columns[name];
            if (i < 0) return null;
            var value = _fields[i].Trim();
            return value.Length == 0 || value is "None" or "nan" ? null : value;
        }

        private string Chat => Cell("chat") ?? Cell("thread_id") ?? throw new InputException(_position, "the row names no chat");

        /// <summary>
        /// The source of the row's chat. 4CAT names a chat by its public handle only. For a broadcast
        /// channel the sender is the channel itself (author_username equals chat, author holds its id), which
        /// gives the numeric id that other formats key channels by; otherwise the key is the handle.
        /// The first row of a chat decides, so one chat always keeps one key within a file.
        /// </summary>
        public SourceInfo Source(Dictionary<string, SourceInfo> known)
        {
            string chat = Chat;
            if (known.TryGetValue(chat, out var source)) return source;
            string? handle = context.HandleOverride ?? (long.TryParse(chat, out _) ? null : chat);
            string key;
            string? native = null;
            if (long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long chatId))
                native = NormaliseId(chatId);
            else if (string.Equals(Cell("author_username"), chat, StringComparison.OrdinalIgnoreCase)
                     && long.TryParse(Cell("author"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long authorId))
                native = NormaliseId(authorId);
            key = native is null ? "telegram:@" + chat.ToLowerInvariant() : "telegram:" + native;
            source = new SourceInfo(SourceKind.TelegramChannel, key)
            {
                NativeId = native,
                Handle = handle,
                Url = handle is null ? null : "https://t.me/" + handle,
            };
            known[chat] = source;
            return source;
        }

        private static string NormaliseId(long id)
            => (id <= -1_000_000_000_000 ? -id - 1_000_000_000_000 : Math.Abs(id)).ToString(CultureInfo.InvariantCulture);

        public Post Post(string raw)
        {
            var missing = new List<string>(4);
            string id = Cell("id") ?? throw new InputException(_position, "the row has no id");
            // 4CAT ids are "<chat>-<message id>"; older exports hold the bare message id.
            int dash = id.LastIndexOf('-');
            if (dash > 0 && dash < id.Length - 1 && long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                id = id[(dash + 1)..];

            var published = Time("unix_timestamp", "timestamp") ?? throw new InputException(_position, "the row has no timestamp");

            FormattedText text;
            string body = _fields[columns["body"]];
            if (Cell("body_markdown") is not null) text = TelegramMarkdown.Parse(_fields[columns["body_markdown"]]);
            else if (!columns.Has("body_markdown"))
            {
                // Exports without body_markdown (older 4CAT, sheets from other tools) may carry the markdown
                // in body itself; parsing plain text as markdown costs at most a literal "**" or "__".
                text = TelegramMarkdown.Parse(body);
            }
            else
            {
                // Next to body_markdown, body is Telethon's plain message text: markers in it are the author's own.
                text = new FormattedText(body, BareEntities.Find(body, null));
            }

            string chat = Chat;
            string? author = string.Equals(Cell("author_username"), chat, StringComparison.OrdinalIgnoreCase)
                ? null
                : Cell("author_name") ?? Cell("author_username");

            return new Post
            {
                NativeId = id,
                Published = published,
                Edited = Time("unix_timestamp_edited", "timestamp_edited"),
                Text = text.Text,
                Entities = text.Entities,
                Raw = raw,
                Author = author,
                ReplyTo = Cell("reply_to") is { } reply && long.TryParse(reply, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? reply : null,
                ForwardedFrom = Forward(),
                Media = Media(),
                Metrics = Metrics(missing),
                Missing = missing.Count > 0 ? missing : [],
            };
        }

        private DateTimeOffset? Time(string unixColumn, string textColumn)
        {
            if (Cell(unixColumn) is { } unix)
            {
                if (!double.TryParse(unix, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || TelethonMessage.FromUnix(seconds) is not { } time)
                    throw new InputException(_position, $"{unixColumn} \"{Shorten(unix)}\" is not a Unix time");
                return time;
            }
            if (Cell(textColumn) is not { } text) return null;
            if (!DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                && !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed))
                throw new InputException(_position, $"{textColumn} \"{Shorten(text)}\" is not a date");
            if (!_warnedLocalTime)
            {
                _warnedLocalTime = true;
                context.Warn(_position, $"no {unixColumn}: read {textColumn} as UTC, though 4CAT writes it in its server's local time");
            }
            return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        }

        private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

        private ForwardOrigin? Forward()
        {
            string? name = Cell("author_forwarded_from_name");
            string? handle = Cell("author_forwarded_from_username");
            string? id = Cell("author_forwarded_from_id") ?? Cell("forwarded_from_id");
            DateTimeOffset? date = Time("unix_timestamp_forwarded_from", "timestamp_forwarded_from");
            if (name is null && handle is null && id is null && date is null) return null;
            if (id is not null && long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long numeric)) id = NormaliseId(numeric);
            return new ForwardOrigin { Name = name, Handle = handle, SourceId = id, Date = date };
        }

        private IReadOnlyList<MediaRef> Media()
        {
            var link = Cell("link_attached");
            var type = Cell("attachment_type");
            if (link is null && (type is null or "url")) return [];
            var media = new List<MediaRef>(2);
            if (type is not null and not "url") media.Add(new MediaRef(type, Cell("attachment_filename")));
            if (link is not null) media.Add(new MediaRef("webpage", link));
            return media;
        }

        private Metrics? Metrics(List<string> missing)
        {
            long? views = Count("views", missing);
            long? forwards = Count("forwards", missing);
            Dictionary<string, long>? reactions = null;
            int reactionColumn = columns["reactions"];
            if (reactionColumn < 0) missing.Add("reactions");
            else
            {
                reactions = FourCatReactions.Parse(_fields[reactionColumn], out bool unreadable);
                if (unreadable) context.Warn(_position, "part of the reactions cell could not be read; kept in Raw");
            }
            if (views is null && forwards is null && reactions is null) return null;
            return new Metrics { Views = views, Forwards = forwards, Reactions = reactions };
        }

        private long? Count(string column, List<string> missing)
        {
            var cell = Cell(column);
            if (cell is null)
            {
                missing.Add(column);
                return null;
            }
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value < 1e15)
                return (long)value;
            throw new InputException(_position, $"{column} \"{Shorten(cell)}\" is not a number");
        }
    }
}
