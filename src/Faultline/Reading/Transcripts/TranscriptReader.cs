using System.Globalization;
using System.Runtime.CompilerServices;
using Faultline.Model;
using Faultline.Reading.Articles;

namespace Faultline.Reading.Transcripts;

/// <summary>
/// Reads a plain-text TV or radio transcript: a small "Key: value" header (Source, Date, optional Title,
/// Language, Url), then speaker turns such as "[00:01:12] ВЕДУЩИЙ: text". Each turn is a post.
/// </summary>
internal sealed class TranscriptReader : IFormatReader
{
    private const int MaxLabelLength = 160;
    private const int MaxHeaderLines = 40;

    /// <inheritdoc />
    public string Format => "transcript";

    /// <inheritdoc />
    public string Description =>
        "Reads a plain-text broadcast transcript with a Source:/Date: header; each speaker turn becomes a post timed by its [hh:mm:ss] offset; stage directions before the first speaker become an unattributed turn.";

    /// <inheritdoc />
    public int Detect(FileSniff sniff) => TranscriptHeader.LooksLikeHeader(sniff.Text) ? 90 : 0;

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var bytes = await TextFile.ReadBytesAsync(input, cancellationToken).ConfigureAwait(false);
        var text = TextFile.DecodeStrict(bytes);
        var lines = SplitLines(text);
        var header = ReadHeader(lines, context);

        var sourceName = header.Values["source"];
        var (start, hasZone) = ParseDate(header);
        header.Values.TryGetValue("title", out var title);
        header.Values.TryGetValue("url", out var url);
        yield return new SourceStarted(
            new SourceInfo(SourceKind.Transcript, "transcript:" + sourceName.ToLowerInvariant()) { Title = sourceName },
            CoverageKind.Partial);

        Turn? turn = null;
        int n = 0;
        for (int i = header.EndLine - 1; i < lines.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = lines[i];
            if (TryTurnStart(line, out var offset, out var speaker, out var first))
            {
                if (turn is not null) yield return new PostRead(turn.ToPost(++n, start, hasZone, title, url));
                turn = new Turn(speaker, offset);
                turn.Add(line, first);
            }
            else if (turn is null)
            {
                if (line.AsSpan().IsWhiteSpace()) continue;
                // Text before the first speaker (a stage direction, an announcer's intro): kept, unattributed.
                turn = new Turn(null, null);
                turn.Add(line, line.Trim());
            }
            else
            {
                turn.Add(line, line.Trim());
            }
        }
        if (turn is not null) yield return new PostRead(turn.ToPost(++n, start, hasZone, title, url));
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int at = 0;
        while (at <= text.Length)
        {
            int nl = text.IndexOf('\n', at);
            int end = nl < 0 ? text.Length : nl;
            int trimmed = end > at && text[end - 1] == '\r' ? end - 1 : end;
            lines.Add(text[at..trimmed]);
            if (nl < 0) break;
            at = nl + 1;
        }
        return lines;
    }

    private static TranscriptHeader ReadHeader(List<string> lines, ReadContext context)
    {
        var header = new TranscriptHeader();
        int i = 0;
        while (i < lines.Count && lines[i].AsSpan().IsWhiteSpace()) i++;
        int headerLines = 0;
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.AsSpan().IsWhiteSpace()) break;
            if (++headerLines > MaxHeaderLines || !TranscriptHeader.TryParseLine(line, out var key, out var value)) break;
            // A speaker turn right after the header ("ВЕДУЩИЙ: …") also looks like "Key: value".
            if (!TranscriptHeader.Keys.Contains(key.ToLowerInvariant()))
            {
                if (header.Values.ContainsKey("source") && header.Values.ContainsKey("date")) break;
                context.Warn($"line {i + 1}", $"unknown transcript header '{Shorten(key)}' ignored");
                continue;
            }
            if (value.Length > 2000) throw new InputException($"line {i + 1}", $"the {key} header is too long to be a header");
            if (value.Length == 0) continue;
            header.Values[key.ToLowerInvariant()] = value;
            header.Lines[key.ToLowerInvariant()] = i + 1;
        }
        header.EndLine = i + 1;
        if (!header.Values.ContainsKey("source") || !header.Values.ContainsKey("date"))
            throw new InputException($"line {Math.Min(i + 1, lines.Count)}", "transcript header needs Source: and Date:");
        return header;
    }

    private static (DateTimeOffset Start, bool HasZone) ParseDate(TranscriptHeader header)
    {
        var text = header.Values["date"];
        if (!HtmlPage.TryParseDate(text, out var start, out var hasZone))
            throw new InputException($"line {header.Lines["date"]}", "Date: is not a date (write e.g. 2022-10-14 19:00 +03:00)");
        return (start, hasZone);
    }

    /// <summary>Recognises "[hh:mm:ss] SPEAKER: text", "SPEAKER (Name, role): text" and "[mm:ss] text".</summary>
    internal static bool TryTurnStart(string line, out TimeSpan? offset, out string? speaker, out string text)
    {
        offset = null;
        speaker = null;
        text = "";
        var span = line.AsSpan();
        int i = 0;
        while (i < span.Length && span[i] is ' ' or '\t') i++;
        if (i < span.Length && span[i] == '[')
        {
            int close = span[i..Math.Min(span.Length, i + 14)].IndexOf(']');
            if (close > 0 && TryTimestamp(span.Slice(i + 1, close - 1), out var ts))
            {
                offset = ts;
                i += close + 1;
                while (i < span.Length && span[i] is ' ' or '\t') i++;
            }
        }
        var rest = span[i..];
        int colon = rest[..Math.Min(rest.Length, MaxLabelLength + 1)].IndexOf(':');
        if (colon > 0 && (colon + 1 == rest.Length || rest[colon + 1] is ' ' or '\t') && IsSpeakerLabel(rest[..colon]))
        {
            speaker = HtmlPage.CollapseSpaces(rest[..colon].ToString());
            text = rest[(colon + 1)..].Trim().ToString();
            return true;
        }
        if (offset is null) return false;
        text = rest.Trim().ToString();
        return true;
    }

    private static bool TryTimestamp(ReadOnlySpan<char> s, out TimeSpan value)
    {
        value = default;
        var parts = new int[3];
        int count = 0, digits = 0;
        foreach (var c in s)
        {
            if (c == ':')
            {
                if (digits == 0 || ++count > 2) return false;
                digits = 0;
                continue;
            }
            if (!char.IsAsciiDigit(c) || ++digits > 2) return false;
            parts[count] = parts[count] * 10 + (c - '0');
        }
        if (digits == 0 || count == 0) return false;
        // [mm:ss] or [hh:mm:ss]: offsets from the start of the broadcast.
        var (h, m, sec) = count == 2 ? (parts[0], parts[1], parts[2]) : (0, parts[0], parts[1]);
        if (m > 59 || sec > 59) return false;
        value = new TimeSpan(h, m, sec);
        return true;
    }

    /// <summary>An uppercase label ("ВЕДУЩИЙ", "ГОСТЬ 2") with an optional "(Name, role)" after it.</summary>
    private static bool IsSpeakerLabel(ReadOnlySpan<char> label)
    {
        label = label.Trim();
        int paren = label.IndexOf('(');
        var head = paren < 0 ? label : label[..paren].TrimEnd();
        if (paren >= 0 && label[^1] != ')') return false;
        if (head.Length == 0 || head.Length > 60) return false;
        int letters = 0;
        foreach (var c in head)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c)) return false;
                letters++;
            }
            else if (!char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '\'' or '’')) return false;
        }
        return letters > 0;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private sealed class Turn(string? speaker, TimeSpan? offset)
    {
        private readonly List<string> _raw = [];
        private readonly List<string> _text = [];

        public void Add(string rawLine, string text)
        {
            _raw.Add(rawLine);
            // Keep one empty line between paragraphs of a long turn, none at its start.
            if (text.Length == 0 && (_text.Count == 0 || _text[^1].Length == 0)) return;
            _text.Add(text);
        }

        public Post ToPost(int n, DateTimeOffset start, bool hasZone, string? title, string? url)
        {
            while (_raw.Count > 1 && _raw[^1].AsSpan().IsWhiteSpace()) _raw.RemoveAt(_raw.Count - 1);
            while (_text.Count > 0 && _text[^1].Length == 0) _text.RemoveAt(_text.Count - 1);
            var missing = new List<string>();
            if (speaker is null) missing.Add("speaker");
            if (offset is null) missing.Add("timestamp");
            if (!hasZone) missing.Add("date time zone");
            if (title is null) missing.Add("title");
            return new Post
            {
                // Unique per programme across episodes: the archive identifies a post by (source, native id).
                NativeId = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) + "#t" + n.ToString(CultureInfo.InvariantCulture),
                Published = offset is { } o ? start + o : start,
                Author = speaker,
                Title = title,
                Url = url,
                Text = string.Join("\n", _text),
                Raw = string.Join("\n", _raw),
                Missing = missing,
            };
        }
    }
}
