using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Faultline.Model;

namespace Faultline.Reading.TelegramDesktop;

/// <summary>
/// Reads one page of a Telegram Desktop HTML export (messages.html, messages2.html …). A page holds at
/// most about a thousand messages, so it is parsed whole; each page is a separate, partial import.
/// </summary>
internal sealed partial class TelegramDesktopHtmlReader : IFormatReader
{
    private static readonly string[] MissingOffset = ["date_utc_offset"];
    private static readonly string[] MissingOffsetAndSender = ["date_utc_offset", "from_name"];
    private static readonly string[] MissingSender = ["from_name"];

    /// <inheritdoc />
    public string Format => "telegram-desktop-html";

    /// <inheritdoc />
    public string Description =>
        "Reads one page of a Telegram Desktop HTML export (messages.html …) with text, formatting, forwards, replies, "
        + "media placeholders and service events; a page is a partial window of the chat, and the handle is not in it.";

    /// <inheritdoc />
    public int Detect(FileSniff sniff)
    {
        if (sniff.LooksBinary) return 0;
        var text = sniff.Text;
        bool header = text.Contains("page_header", StringComparison.Ordinal);
        bool history = text.Contains("class=\"history\"", StringComparison.Ordinal);
        bool message = text.Contains("class=\"message", StringComparison.Ordinal);
        if (header && history && message) return 95;
        if (header && history) return 80; // an export page of a chat with no messages yet
        return 0;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string source = await ReadAllAsync(input, cancellationToken).ConfigureAwait(false);
        foreach (var item in Read(source, context)) yield return item;
    }

    private static async Task<string> ReadAllAsync(Stream input, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new InputException("offset 0", "the file could not be read: " + e.Message, e);
        }
    }

    private static List<ReadItem> Read(string source, ReadContext context)
    {
        var document = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true }).ParseDocument(source);
        var history = document.QuerySelector("div.history")
            ?? throw new InputException("line 1", "the page has no div.history: not a Telegram Desktop HTML export page");
        var title = Squash(document.QuerySelector("div.page_header .text.bold")?.TextContent);
        string? handle = context.HandleOverride;
        if (string.IsNullOrEmpty(title) && handle is null)
            throw new InputException("line 1", "the page header names no chat, and no handle was given");

        var items = new List<ReadItem>
        {
            new SourceStarted(new SourceInfo(SourceKind.TelegramChannel, handle is null ? "telegram-title:" + title : "telegram-handle:" + handle)
            {
                Title = string.IsNullOrEmpty(title) ? null : title,
                Handle = handle,
            }, CoverageKind.Partial),
        };

        string? lastSender = null;
        DateTimeOffset? lastTime = FirstTime(history);
        var seen = new HashSet<long>();
        foreach (var message in history.Children)
        {
            if (message.LocalName != "div" || !message.ClassList.Contains("message")) continue;
            var position = $"line {message.SourceReference?.Position.Line ?? 0}";
            var idText = message.Id ?? string.Empty;
            if (!idText.StartsWith("message", StringComparison.Ordinal)
                || !long.TryParse(idText.AsSpan(7), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long id))
                throw new InputException(position, "a message block has no id=\"messageN\"");
            if (id < 0)
            {
                // Negative ids are the day separators ("14 October 2022") Desktop inserts between days.
                if (DateTime.TryParseExact(Squash(message.TextContent), "d MMMM yyyy", CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
                    && (lastTime is null || day > lastTime.Value.UtcDateTime))
                    lastTime = new DateTimeOffset(day, TimeSpan.Zero);
                continue;
            }
            if (!seen.Add(id)) throw new InputException(position, $"message id {id} appears twice on this page");
            var raw = OuterSource(source, message);
            var body = Child(message, "body");
            var dateDiv = body is null ? null : Child(body, "date");
            var (published, hasOffset) = ParseDate(dateDiv?.GetAttribute("title"), position);

            if (message.ClassList.Contains("service"))
            {
                var time = published ?? lastTime;
                if (time is null)
                {
                    context.Warn(position, $"service message {id} has no date and none precedes it; skipped");
                    continue;
                }
                var detail = Squash(message.QuerySelector("div.body.details, div.body")?.TextContent ?? message.TextContent);
                items.Add(new EventRead(new SourceEvent(id.ToString(CultureInfo.InvariantCulture), time.Value, ServiceAction(detail), raw)
                {
                    Detail = detail,
                }));
                continue;
            }

            if (published is null || body is null) throw new InputException(position, $"message {id} has no date");
            lastTime = published;

            var forward = Child(body, "forwarded");
            var fromDiv = Child(body, "from_name");
            bool joined = message.ClassList.Contains("joined");
            string? sender = fromDiv is not null ? Squash(fromDiv.TextContent) : joined ? lastSender : null;
            if (fromDiv is not null) lastSender = sender;
            string? signature = Squash(Child(body, "signature")?.TextContent);

            // A forward's own text and media sit inside div.forwarded.body.
            var content = forward ?? body;
            var (text, entities) = HtmlMessageText.Of(Child(content, "text"));
            var media = new List<MediaRef>();
            var mediaWrap = Child(content, "media_wrap");
            if (mediaWrap is not null) text = ReadMedia(mediaWrap, text, media);

            items.Add(new PostRead(new Post
            {
                NativeId = id.ToString(CultureInfo.InvariantCulture),
                Published = published.Value,
                Text = text,
                Raw = raw,
                Author = string.IsNullOrEmpty(signature) ? sender : signature,
                Entities = entities,
                ForwardedFrom = forward is null ? null : ReadForward(forward),
                ReplyTo = ReplyTarget(Child(body, "reply_to")),
                Media = media.Count == 0 ? [] : media,
                Metrics = ReadViews(body),
                Missing = (hasOffset, sender is null) switch
                {
                    (false, true) => MissingOffsetAndSender,
                    (false, false) => MissingOffset,
                    (true, true) => MissingSender,
                    _ => [],
                },
            }));
        }
        return items;
    }

    /// <summary>The time a service message gets when it has no date of its own: the page's first known time.</summary>
    private static DateTimeOffset? FirstTime(IElement history)
    {
        foreach (var div in history.QuerySelectorAll("div.date[title]"))
        {
            try
            {
                if (ParseDate(div.GetAttribute("title"), "line 0").Time is { } t) return t;
            }
            catch (InputException)
            {
                // a bad date is reported when its message is read
            }
        }
        return null;
    }

    private static ForwardOrigin ReadForward(IElement forward)
    {
        var from = Child(forward, "from_name");
        if (from is null) return new ForwardOrigin();
        var dateSpan = from.QuerySelector("span.date, span.details");
        DateTimeOffset? date = null;
        try
        {
            date = ParseDate(dateSpan?.GetAttribute("title"), "line 0").Time;
        }
        catch (InputException)
        {
            // an unreadable forward date is not worth rejecting the page over; the name still counts
        }
        var name = new StringBuilder();
        foreach (var node in from.ChildNodes)
            if (node != dateSpan) name.Append(node.TextContent);
        var squashed = Squash(name.ToString());
        return new ForwardOrigin { Name = string.IsNullOrEmpty(squashed) ? null : squashed, Date = date };
    }

    private static string? ReplyTarget(IElement? replyTo)
    {
        if (replyTo is null) return null;
        foreach (var a in replyTo.QuerySelectorAll("a"))
        {
            var match = GoToMessage().Match((a.GetAttribute("href") ?? "") + " " + (a.GetAttribute("onclick") ?? ""));
            if (match.Success) return match.Groups[1].Value;
        }
        return null;
    }

    private static Metrics? ReadViews(IElement body)
    {
        var views = body.QuerySelector(".views");
        if (views is null) return null;
        var digits = new string(views.TextContent.Where(char.IsAsciiDigit).ToArray());
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? new Metrics { Views = n } : null;
    }

    /// <summary>Media blocks become placeholders; a poll also becomes text lines, as in the JSON reader.</summary>
    private static string ReadMedia(IElement wrap, string text, List<MediaRef> media)
    {
        foreach (var block in wrap.Children)
        {
            var kind = MediaKind(block);
            if (kind is null) continue;
            var href = block.GetAttribute("href");
            media.Add(new MediaRef(kind, string.IsNullOrEmpty(href) || href.StartsWith('#') ? null : href));
            if (kind != "poll") continue;
            var lines = new StringBuilder(text);
            if (lines.Length > 0) lines.Append('\n');
            lines.Append(Squash(block.QuerySelector(".question")?.TextContent));
            foreach (var answer in block.QuerySelectorAll(".answer"))
            {
                var details = answer.QuerySelector(".details");
                var option = new StringBuilder();
                foreach (var node in answer.ChildNodes)
                    if (node != details) option.Append(node.TextContent);
                var optionText = Squash(option.ToString()).TrimStart('-', '—', ' ');
                lines.Append("\n— ").Append(optionText);
                if (details is not null) lines.Append(" (").Append(Squash(details.TextContent)).Append(')');
            }
            text = lines.ToString();
        }
        return text;
    }

    private static string? MediaKind(IElement block)
    {
        var c = block.ClassList;
        if (c.Contains("photo_wrap")) return "photo";
        if (c.Contains("video_file_wrap") || c.Contains("media_video")) return "video_file";
        if (c.Contains("animated_wrap")) return "animation";
        if (c.Contains("sticker_wrap")) return "sticker";
        if (c.Contains("media_voice_message")) return "voice_message";
        if (c.Contains("media_audio_file")) return "audio_file";
        if (c.Contains("media_poll")) return "poll";
        if (c.Contains("media_location")) return "location";
        if (c.Contains("media_contact")) return "contact";
        if (c.Contains("media_game")) return "game";
        if (c.Contains("media_invoice")) return "invoice";
        if (c.Contains("media_file") || c.Contains("media")) return "file";
        return null;
    }

    /// <summary>
    /// Service text is written for people ("Channel «X» created", "X pinned this message"); the action is a
    /// best guess from the English wording, with the text kept as the detail.
    /// </summary>
    private static string ServiceAction(string text)
    {
        if (text.Contains("pinned", StringComparison.OrdinalIgnoreCase)) return "pin_message";
        if (text.Contains("created", StringComparison.OrdinalIgnoreCase)) return "create_channel";
        if (text.Contains("changed", StringComparison.OrdinalIgnoreCase) && text.Contains("title", StringComparison.OrdinalIgnoreCase))
            return "edit_title";
        if (text.Contains("changed", StringComparison.OrdinalIgnoreCase) && text.Contains("photo", StringComparison.OrdinalIgnoreCase))
            return "edit_photo";
        if (text.Contains("joined", StringComparison.OrdinalIgnoreCase)) return "join_group_by_link";
        if (text.Contains("invited", StringComparison.OrdinalIgnoreCase)) return "invite_members";
        if (text.Contains("removed", StringComparison.OrdinalIgnoreCase)) return "remove_members";
        return "service";
    }

    /// <summary>
    /// "14.10.2022 18:02:11 UTC+03:00" (newer builds) or "14.10.2022 18:02:11" (older, the exporting
    /// computer's local time, taken as UTC and reported missing).
    /// </summary>
    private static (DateTimeOffset? Time, bool HasOffset) ParseDate(string? title, string position)
    {
        if (string.IsNullOrWhiteSpace(title)) return (null, false);
        var m = DateTitle().Match(title.Trim());
        if (!m.Success) throw new InputException(position, $"the date \"{title}\" is not in the export's dd.MM.yyyy HH:mm:ss form");
        if (!DateTime.TryParseExact(m.Groups["local"].Value, "dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            throw new InputException(position, $"the date \"{title}\" is not a calendar date");
        if (!m.Groups["sign"].Success) return (new DateTimeOffset(local, TimeSpan.Zero), false);
        var offset = new TimeSpan(int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), 0);
        if (m.Groups["sign"].Value == "-") offset = -offset;
        if (offset > TimeSpan.FromHours(14)) throw new InputException(position, $"the UTC offset in \"{title}\" is out of range");
        return (new DateTimeOffset(local, offset).ToUniversalTime(), true);
    }

    /// <summary>The exact source text of a block: from its start tag to its matching &lt;/div&gt;.</summary>
    private static string OuterSource(string source, IElement element)
    {
        var reference = element.SourceReference;
        if (reference is null) return element.OuterHtml;
        int start = reference.Position.Index;
        if (start < 0 || start >= source.Length || source[start] != '<') return element.OuterHtml;
        int depth = 0, i = start;
        while (i < source.Length)
        {
            int open = source.IndexOf("<div", i, StringComparison.OrdinalIgnoreCase);
            int close = source.IndexOf("</div", i, StringComparison.OrdinalIgnoreCase);
            if (close < 0) break;
            if (open >= 0 && open < close)
            {
                depth++;
                i = open + 4;
                continue;
            }
            depth--;
            int end = source.IndexOf('>', close);
            if (end < 0) break;
            i = end + 1;
            if (depth == 0) return source[start..i];
        }
        return element.OuterHtml; // unbalanced markup: fall back to the parser's serialisation
    }

    private static IElement? Child(IElement parent, string className)
    {
        foreach (var child in parent.Children)
            if (child.ClassList.Contains(className)) return child;
        return null;
    }

    private static string Squash(string? text) =>
        text is null ? string.Empty : Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"^(?<local>\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2})(?: UTC(?<sign>[+-])(?<h>\d{2}):(?<m>\d{2}))?$")]
    private static partial Regex DateTitle();

    [GeneratedRegex(@"(?:go_to_message|GoToMessage\()(\d+)")]
    private static partial Regex GoToMessage();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
