using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Faultline.Archive;
using Faultline.Assessment.Writing;
using Faultline.Reading.Reports;

namespace Faultline.Assessment;

/// <summary>What <see cref="ReportCheck"/> found.</summary>
/// <param name="Sentences">Sentences checked for markers.</param>
/// <param name="Endnotes">Endnotes resolved against the archive.</param>
/// <param name="Failures">One line each: "FILE:LINE: reason «…»"; empty when the report holds up.</param>
public sealed record ReportCheckResult(int Sentences, int Endnotes, IReadOnlyList<string> Failures)
{
    /// <summary>True when nothing failed.</summary>
    public bool Ok => Failures.Count == 0;
}

/// <summary>A file that cannot be checked at all (a PDF, unreadable JSON).</summary>
public sealed class ReportCheckException(string message) : Exception(message);

/// <summary>
/// Verifies a written report (Markdown, HTML or JSON) against the archive: every sentence that asserts something
/// (in paragraphs, list items and takeaways; not headings, notes, tables, chart captions or the endnotes) carries at
/// least one marker; every marker has an endnote; every endnote resolves to an archived post (t.me URLs by channel and
/// post id, other URLs by the post with that URL published at the stated minute, obfuscated URLs read back), its
/// 12-hex version hash names one of that post's versions, and that version's text contains the quoted excerpt
/// (whitespace normalised).
/// </summary>
/// <remarks>
/// Sentences are told apart by their markers: a marker group and the punctuation after it close a sentence. Inside
/// such a stretch, a full stop, question or exclamation mark followed by a capital letter, outside quotes and brackets
/// and not after an initial or a common abbreviation ("Gen.", "г."), starts another sentence, which then has no marker.
/// </remarks>
public static partial class ReportCheck
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "adm", "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "approx", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ген", "полк", "г", "гг", "ул", "им", "т", "е", "др", "пр", "см", "тыс", "млн", "млрд",
        "руб", "ст", "обл", "р", "м", "км", "ч", "мин", "с", "п", "тис", "вул", "ім",
    };

    /// <summary>Checks a report file; the format comes from the extension, else from the content.</summary>
    public static ReportCheckResult Check(string path, IArchive archive)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(archive);
        if (!File.Exists(path)) throw new ReportCheckException($"{path}: no such file");
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith("%PDF"u8))
            throw new ReportCheckException($"{path}: a PDF cannot be checked; check the HTML, Markdown or JSON report written from the same archive");
        var content = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        return Check(path, content, archive);
    }

    /// <summary>Checks report content; <paramref name="name"/> names it in the failure lines and its extension picks the format.</summary>
    public static ReportCheckResult Check(string name, string content, IArchive archive)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(archive);
        var parsed = FormatOf(name, content) switch
        {
            "json" => ReadJson(name, content),
            "html" => ReadHtml(content),
            _ => ReadMarkdown(content),
        };
        return new Checker(name, archive).Run(parsed);
    }

    private static string FormatOf(string name, string content)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext is ".json") return "json";
        if (ext is ".html" or ".htm" or ".xhtml") return "html";
        if (ext is ".md" or ".markdown" or ".txt") return "md";
        var head = content.TrimStart();
        if (head.StartsWith('{')) return "json";
        return head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase) ? "html" : "md";
    }

    /// <summary>
    /// Prose to check: <see cref="Text"/> in escaped form (a backslash escapes the next character, so "\[3]" is text,
    /// "[3]" a marker), with the source line of each character.
    /// </summary>
    private sealed record Prose(string Text, IReadOnlyList<int> Lines);

    /// <summary>An endnote as written.</summary>
    private sealed record WrittenEndnote(int Line, int Number, string Text, Fields? Fields);

    /// <summary>The parts of an endnote the checker needs.</summary>
    private sealed record Fields(string Channel, string? Handle, DateTimeOffset? Published, string Where, string Version, string Excerpt);

    private sealed record Parsed(List<Prose> Prose, List<WrittenEndnote> Endnotes, List<(int Line, string Reason)> Problems);

    // ---- Markdown ------------------------------------------------------------------------------------------------

    private static Parsed ReadMarkdown(string content)
    {
        var prose = new List<Prose>();
        var endnotes = new List<WrittenEndnote>();
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new StringBuilder();
        var currentLines = new List<int>();
        bool inEndnotes = false, exemptQuote = false, fenced = false;
        (int Line, int Number, StringBuilder Text)? note = null;

        void Flush()
        {
            if (current.Length > 0) prose.Add(new Prose(current.ToString(), currentLines.ToList()));
            current.Clear();
            currentLines.Clear();
        }
        void Append(string text, int line)
        {
            if (current.Length > 0) { current.Append(' '); currentLines.Add(line); }
            current.Append(text);
            for (int k = 0; k < text.Length; k++) currentLines.Add(line);
        }
        void EndNote()
        {
            if (note is { } n) endnotes.Add(new WrittenEndnote(n.Line, n.Number, n.Text.ToString(), ParseEndnote(Unescape(n.Text.ToString()))));
            note = null;
        }

        for (int i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.Trim();
            int number = i + 1;
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal)) { Flush(); fenced = !fenced; continue; }
            if (fenced) continue;
            if (HeadingPattern().Match(line) is { Success: true } heading)
            {
                Flush();
                EndNote();
                inEndnotes = string.Equals(Unescape(heading.Groups[1].Value).Trim(), "Endnotes", StringComparison.OrdinalIgnoreCase);
                exemptQuote = false;
                continue;
            }
            if (line.Length == 0) { Flush(); EndNote(); exemptQuote = false; continue; }
            if (line.StartsWith('>'))
            {
                if (ExemptQuotePattern().IsMatch(line) || exemptQuote) { Flush(); exemptQuote = true; continue; }
                if (inEndnotes) continue;
                Append(line.TrimStart('>').Trim(), number);
                continue;
            }
            if (inEndnotes)
            {
                if (NoteStartPattern().Match(line) is { Success: true } start)
                {
                    EndNote();
                    note = (number, int.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture), new StringBuilder(line));
                }
                else note?.Text.Append(' ').Append(line);
                continue;
            }
            if (line.StartsWith('|')) { Flush(); continue; }
            if (RulePattern().IsMatch(line)) { Flush(); continue; }
            if (line.StartsWith("<!--", StringComparison.Ordinal)) continue;
            if (ListItemPattern().Match(line) is { Success: true } item)
            {
                Flush();
                Append(item.Groups[1].Value, number);
                continue;
            }
            Append(line, number);
        }
        Flush();
        EndNote();
        return new Parsed(prose, endnotes, []);
    }

    /// <summary>Removes Markdown backslash escapes.</summary>
    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            // CommonMark: a backslash escapes ASCII punctuation only.
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] < 128 && (char.IsPunctuation(text[i + 1]) || char.IsSymbol(text[i + 1])))
                i++;
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    // ---- HTML ----------------------------------------------------------------------------------------------------

    private static Parsed ReadHtml(string content)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        using var page = parser.ParseDocument(content);
        var prose = new List<Prose>();
        var endnotes = new List<WrittenEndnote>();
        foreach (var element in page.QuerySelectorAll("p, li"))
        {
            if (Exempt(element)) continue;
            if (element.LocalName == "li" && element.QuerySelector("p") is not null) continue; // its paragraphs are checked instead
            var sb = new StringBuilder();
            MarkedText(element, sb);
            var text = sb.ToString().Trim();
            if (text.Length == 0) continue;
            int line = element.SourceReference?.Position.Line ?? 0;
            prose.Add(new Prose(text, Enumerable.Repeat(line, text.Length).ToList()));
        }
        foreach (var element in page.QuerySelectorAll("[id^='fn-']"))
        {
            if (!int.TryParse(element.Id.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) continue;
            var text = element.TextContent.Trim();
            endnotes.Add(new WrittenEndnote(element.SourceReference?.Position.Line ?? 0, number, text, ParseEndnote(text)));
        }
        return new Parsed(prose, endnotes, []);
    }

    private static bool Exempt(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.ClassList.Contains("note") || e.ClassList.Contains("endnote") || e.Id is "endnotes") return true;
            if (e.LocalName is "table" or "figure" or "nav" or "header" or "footer" or "script" or "style" or "svg" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                return true;
        }
        return false;
    }

    /// <summary>The element's text in escaped form, with each link to an endnote (#fn-n) as the marker "[n]".</summary>
    private static void MarkedText(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IElement { LocalName: "a" } a && a.GetAttribute("href") is { } href && href.StartsWith("#fn-", StringComparison.Ordinal)
                && int.TryParse(href.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                sb.Append('[').Append(n.ToString(CultureInfo.InvariantCulture)).Append(']');
                continue;
            }
            if (child is IElement e) { MarkedText(e, sb); continue; }
            if (child is IText t) sb.Append(Escape(t.Data));
        }
    }

    private static string Escape(string text)
        => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

    // ---- JSON ----------------------------------------------------------------------------------------------------

    private static Parsed ReadJson(string name, string content)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ReportCheckException($"{name}:{(e.LineNumber ?? 0) + 1}: not a JSON report ({e.Message.Split('.')[0]})");
        }
        using (json)
        {
            var prose = new List<Prose>();
            var endnotes = new List<WrittenEndnote>();
            var problems = new List<(int, string)>();
            var locator = new JsonLocator(content);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("endnotes", out var notes) || notes.ValueKind != JsonValueKind.Array)
                throw new ReportCheckException($"{name}:1: not a Faultline JSON report (no \"endnotes\" array)");

            void AddSentence(JsonElement s)
            {
                var text = s.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                var markers = s.TryGetProperty("endnotes", out var m) && m.ValueKind == JsonValueKind.Array
                    ? m.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()).ToList() : [];
                int line = locator.Line(text);
                var (body, punctuation) = EndnoteFormat.SplitFinalPunctuation(text);
                var marked = Escape(body) + string.Concat(markers.Select(n => $"[{n.ToString(CultureInfo.InvariantCulture)}]")) + Escape(punctuation);
                prose.Add(new Prose(marked, Enumerable.Repeat(line, marked.Length).ToList()));
            }

            if (root.TryGetProperty("takeaways", out var takeaways) && takeaways.ValueKind == JsonValueKind.Array)
                foreach (var s in takeaways.EnumerateArray()) AddSentence(s);
            if (root.TryGetProperty("sections", out var sections) && sections.ValueKind == JsonValueKind.Array)
            {
                foreach (var section in sections.EnumerateArray())
                {
                    if (!section.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array) continue;
                    foreach (var block in blocks.EnumerateArray())
                    {
                        var type = block.TryGetProperty("type", out var tp) ? tp.GetString() : null;
                        var list = type switch { "paragraph" => "sentences", "list" => "items", _ => null };
                        if (list is not null && block.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
                            foreach (var s in items.EnumerateArray()) AddSentence(s);
                    }
                }
            }
            foreach (var n in notes.EnumerateArray())
            {
                string? Str(string p) => n.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                int number = n.TryGetProperty("number", out var num) && num.ValueKind == JsonValueKind.Number ? num.GetInt32() : 0;
                var excerpt = Str("excerpt");
                int line = locator.Line(excerpt ?? Str("versionHash") ?? "");
                DateTimeOffset? published = n.TryGetProperty("published", out var pub) && pub.ValueKind == JsonValueKind.String && pub.TryGetDateTimeOffset(out var at) ? at : null;
                var where = Str("url") ?? EndnoteFormat.NoUrlPrefix + Str("nativeId");
                var fields = Str("channel") is { } channel && Str("versionHash") is { } version && excerpt is not null
                    ? new Fields(channel, Str("handle"), published, where, version, excerpt) : null;
                endnotes.Add(new WrittenEndnote(line, number, $"[{number}] {Str("channel")} {where}", fields));
            }
            return new Parsed(prose, endnotes, problems);
        }
    }

    /// <summary>Finds the line of a JSON string value, searching forward from the last one found (values come in document order).</summary>
    private sealed class JsonLocator(string content)
    {
        private int _at;

        public int Line(string value)
        {
            var encoded = JsonSerializer.Serialize(value, JsonWriter.Options);
            int i = content.IndexOf(encoded, _at, StringComparison.Ordinal);
            if (i < 0) i = content.IndexOf(encoded, StringComparison.Ordinal);
            if (i < 0) return 0;
            _at = i + encoded.Length;
            int line = 1;
            for (int k = 0; k < i; k++) if (content[k] == '\n') line++;
            return line;
        }
    }

    // ---- Endnote lines -------------------------------------------------------------------------------------------

    private static Fields? ParseEndnote(string text)
    {
        var m = EndnotePattern().Match(text.Trim());
        if (!m.Success) return null;
        DateTimeOffset? published = DateTimeOffset.TryParseExact(m.Groups["time"].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
        return new Fields(m.Groups["channel"].Value, m.Groups["handle"].Success ? m.Groups["handle"].Value : null, published,
            m.Groups["where"].Value.Trim(), m.Groups["version"].Value, m.Groups["excerpt"].Value);
    }

    [GeneratedRegex(@"^\[(?<n>\d{1,5})\]\s+(?<channel>.*?)(?:\s\(@(?<handle>[A-Za-z0-9_]{1,64})\))?,\s(?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC,\s(?<where>.+?),\sversion\s(?<version>[0-9a-f]{12})(?:\s\([^()]*\))?:\s«(?<excerpt>.*)»$", RegexOptions.Singleline)]
    private static partial Regex EndnotePattern();

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^>\s*\*(?:Note|Chart|Table|Figure):\*")]
    private static partial Regex ExemptQuotePattern();

    [GeneratedRegex(@"^\[(\d{1,5})\](?=\s)")]
    private static partial Regex NoteStartPattern();

    [GeneratedRegex(@"^(?:[-*+]|\d{1,9}[.)])\s+(.*)$")]
    private static partial Regex ListItemPattern();

    [GeneratedRegex(@"^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)$")]
    private static partial Regex RulePattern();

    // ---- The checks ----------------------------------------------------------------------------------------------

    private sealed class Checker(string name, IArchive archive)
    {
        private readonly List<string> _failures = [];

        private void Fail(int line, string reason, string? quote = null)
            => _failures.Add($"{name}:{Math.Max(1, line).ToString(CultureInfo.InvariantCulture)}: {reason}{(quote is null ? "" : $" «{Snip(quote)}»")}");

        public ReportCheckResult Run(Parsed parsed)
        {
            foreach (var (line, reason) in parsed.Problems) Fail(line, reason);
            var byNumber = new Dictionary<int, WrittenEndnote>();
            foreach (var note in parsed.Endnotes)
                if (!byNumber.TryAdd(note.Number, note)) Fail(note.Line, $"endnote [{note.Number}] appears twice", note.Text);

            int sentences = 0;
            var cited = new HashSet<int>();
            foreach (var prose in parsed.Prose)
            {
                var (plain, lines, groups) = Decode(prose);
                int start = 0;
                foreach (var (at, end, numbers) in groups)
                {
                    sentences += UnmarkedWithin(plain, lines, start, at) + 1;
                    foreach (var n in numbers)
                    {
                        cited.Add(n);
                        if (!byNumber.ContainsKey(n)) Fail(lines[Math.Min(at, lines.Count - 1)], $"marker [{n}] has no endnote", Around(plain, start, end));
                    }
                    start = end;
                }
                sentences += UnmarkedWithin(plain, lines, start, plain.Length, tail: true);
            }

            foreach (var note in byNumber.Values.OrderBy(n => n.Number)) CheckEndnote(note);
            return new ReportCheckResult(sentences, byNumber.Count, _failures);
        }

        /// <summary>
        /// Counts and reports the sentences between two marker groups that carry no marker: every sentence before an
        /// internal boundary, and, in the tail after the last marker, every stretch with a letter in it.
        /// </summary>
        private int UnmarkedWithin(string plain, IReadOnlyList<int> lines, int from, int to, bool tail = false)
        {
            int count = 0;
            int start = from;
            foreach (var boundary in Boundaries(plain, from, to))
            {
                var piece = plain[start..boundary];
                if (piece.Any(char.IsLetterOrDigit))
                {
                    count++;
                    Fail(lines[Math.Min(start + 1, lines.Count - 1)], "sentence without an endnote marker", piece.Trim());
                }
                start = boundary;
            }
            if (tail && plain[start..to].Any(char.IsLetterOrDigit))
            {
                count++;
                Fail(lines[Math.Min(start + 1, lines.Count - 1)], "sentence without an endnote marker", plain[start..to].Trim());
            }
            return count;
        }

        private void CheckEndnote(WrittenEndnote note)
        {
            if (note.Fields is not { } f)
            {
                Fail(note.Line, $"endnote [{note.Number}] cannot be read (expected \"[n] Title (@handle), YYYY-MM-DD HH:MM UTC, URL, version HASH: «excerpt»\")", note.Text);
                return;
            }
            var (post, shown) = Find(f);
            if (post is null)
            {
                Fail(note.Line, $"endnote [{note.Number}]: no archived post at {shown}", note.Text);
                return;
            }
            if (f.Published is { } t && Math.Abs((post.Post.Published - t).TotalMinutes) >= 1)
                Fail(note.Line, $"endnote [{note.Number}]: {shown} was published at {EndnoteFormat.Time(post.Post.Published)}, not {EndnoteFormat.Time(t)}");
            var versions = archive.Versions(post.Id);
            var version = versions.FirstOrDefault(v => v.ContentHash.StartsWith(f.Version, StringComparison.OrdinalIgnoreCase));
            if (version is null)
            {
                Fail(note.Line, $"endnote [{note.Number}]: version {f.Version} is not one of the {versions.Count} archived version(s) of {shown}");
                return;
            }
            var quoted = Normalize(f.Excerpt);
            // A report written with --obfuscate spells out hostile domains inside quotes as well: compare like with like.
            if (!Normalize(version.Text).Contains(quoted, StringComparison.Ordinal)
                && !Normalize(HostileDomains.ObfuscateText(version.Text)).Contains(quoted, StringComparison.Ordinal))
                Fail(note.Line, $"endnote [{note.Number}]: the quoted words are not in version {f.Version} of {shown}", f.Excerpt);
        }

        private (StoredPost? Post, string Shown) Find(Fields f)
        {
            if (f.Where.StartsWith(EndnoteFormat.NoUrlPrefix, StringComparison.Ordinal))
            {
                var item = f.Where[EndnoteFormat.NoUrlPrefix.Length..].Trim();
                var shown = $"item {item} of {f.Channel}";
                return (archive.FindPost(f.Channel, item) ?? (f.Handle is { } h ? archive.FindPost(h, item) : null), shown);
            }
            var url = Endnotes.Deobfuscate(f.Where).Trim();
            if (!url.Contains("://", StringComparison.Ordinal)) url = "https://" + url;
            var citation = Endnotes.Cite(0, url);
            if (citation is { TelegramHandle: { } handle, TelegramPostId: { } id } && !handle.StartsWith("c/", StringComparison.Ordinal))
                return (archive.FindPost(handle, id.ToString(CultureInfo.InvariantCulture)), url);
            if (f.Published is not { } minute) return (null, url);
            // Items of one page (a transcript's segments, a report's paragraphs) share its URL and often its minute: prefer
            // the one that holds the cited version.
            StoredPost? first = null;
            foreach (var candidate in archive.AnalysisPosts(0, minute, minute.AddMinutes(1)))
            {
                if (archive.PostById(candidate.Id) is not { } stored || (stored.CanonicalUrl != url && stored.Post.Url != url)) continue;
                if (archive.Versions(stored.Id).Any(v => v.ContentHash.StartsWith(f.Version, StringComparison.OrdinalIgnoreCase))) return (stored, url);
                first ??= stored;
            }
            return (first, url);
        }

        /// <summary>Escaped prose to plain text, the line of each character, and the marker groups: where each starts, where its sentence ends (after the punctuation that follows), and its numbers.</summary>
        private static (string Plain, List<int> Lines, List<(int At, int End, List<int> Numbers)> Groups) Decode(Prose prose)
        {
            var text = prose.Text;
            var sb = new StringBuilder(text.Length);
            var lines = new List<int>(text.Length);
            var groups = new List<(int, int, List<int>)>();
            List<int>? open = null;
            int openAt = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\' && i + 1 < text.Length)
                {
                    Close(i);
                    sb.Append(text[i + 1]);
                    lines.Add(prose.Lines[i]);
                    i++;
                    continue;
                }
                if (c == '[' && MarkerAt(text, i) is { } marker)
                {
                    if (open is null) { open = []; openAt = sb.Length; }
                    if (!open.Contains(marker.Number)) open.Add(marker.Number);
                    i = marker.End - 1;
                    continue;
                }
                Close(i);
                sb.Append(c);
                lines.Add(prose.Lines[i]);
            }
            Close(text.Length);
            if (lines.Count == 0) lines.Add(prose.Lines.Count > 0 ? prose.Lines[0] : 0);
            return (sb.ToString(), lines, groups);

            void Close(int at)
            {
                if (open is null) return;
                // The sentence ends after the punctuation and closing quotes that follow its markers.
                int j = at;
                while (j < text.Length && text[j] is '.' or '!' or '?' or '…' or '»' or '”' or '"' or '\'' or ')') j++;
                int plainEnd = sb.Length + (j - at);
                groups.Add((openAt, plainEnd, open));
                open = null;
            }
        }

        private static (int Number, int End)? MarkerAt(string text, int i)
        {
            int j = i + 1;
            while (j < text.Length && char.IsAsciiDigit(text[j]) && j - i <= 5) j++;
            if (j == i + 1 || j >= text.Length || text[j] != ']') return null;
            return (int.Parse(text.AsSpan(i + 1, j - i - 1), NumberStyles.None, CultureInfo.InvariantCulture), j + 1);
        }

        private static string Around(string plain, int from, int to) => plain[Math.Clamp(from, 0, plain.Length)..Math.Clamp(to, 0, plain.Length)].Trim();

        public static string Snip(string text)
        {
            var one = Normalize(text);
            return one.Length <= 90 ? one : one[..87] + "…";
        }
    }

    /// <summary>
    /// Where new sentences start inside plain[from..to): after ".", "!", "?" or "…" (and closing quotes), then white
    /// space and a capital letter, outside quotes and brackets, and not after an initial or a known abbreviation.
    /// </summary>
    private static IEnumerable<int> Boundaries(string s, int from, int to)
    {
        int guillemets = 0, curly = 0, parens = 0;
        bool straight = false;
        for (int i = from; i < to; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '«': guillemets++; continue;
                case '»': if (guillemets > 0) guillemets--; continue;
                case '“': curly++; continue;
                case '”': if (curly > 0) curly--; continue;
                case '"': straight = !straight; continue;
                case '(' or '[': parens++; continue;
                case ')' or ']': if (parens > 0) parens--; continue;
            }
            if (c is not ('.' or '!' or '?' or '…') || guillemets > 0 || curly > 0 || parens > 0 || straight) continue;
            int j = i;
            while (j < to && s[j] is '.' or '!' or '?' or '…') j++;
            int k = j;
            while (k < to && char.IsWhiteSpace(s[k])) k++;
            if (k == j || k >= to) { i = j - 1; continue; }
            char next = s[k];
            bool capital = char.IsUpper(next) || (next is '«' or '“' or '"' && k + 1 < to && char.IsUpper(s[k + 1]));
            if (!capital) { i = j - 1; continue; }
            if (c == '.' && j == i + 1)
            {
                int w = i;
                while (w > from && char.IsLetter(s[w - 1])) w--;
                var word = s[w..i];
                if ((word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word)) { i = j - 1; continue; }
            }
            yield return k;
            i = k - 1;
        }
    }

    /// <summary>Whitespace runs as one space, trimmed.</summary>
    internal static string Normalize(string text) => ReportBuilder.NormalizeSpace(text);
}
