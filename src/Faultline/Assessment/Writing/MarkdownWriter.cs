using System.Globalization;
using System.Text;

namespace Faultline.Assessment.Writing;

/// <summary>
/// Markdown for editors. One sentence per line (a paragraph still renders as one), markers before the final punctuation
/// ("…amplified it[3][4]."), notes as <c>&gt; *Note:* …</c>, tables as pipe tables with <c>&gt; *Table:* caption</c>,
/// charts as <c>&gt; *Chart:* caption</c> with their alt text, endnotes one paragraph each:
/// <c>[n] Title (@handle), 2022-10-14 09:12 UTC, URL, version abcdef123456: «excerpt»</c>.
/// Text is escaped so that nothing a post says can pass for a marker or for markup.
/// </summary>
public sealed class MarkdownWriter : IAssessmentWriter
{
    /// <inheritdoc />
    public string Format => "md";

    /// <inheritdoc />
    public string Extension => ".md";

    /// <inheritdoc />
    public void Write(AssessmentDocument document, Stream output, WriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.Write(Render(document, options));
    }

    /// <summary>The whole document as one string.</summary>
    public static string Render(AssessmentDocument document, WriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ObfuscateHostile) document = HostileDomains.ObfuscateDocument(document);
        var numbers = EndnoteFormat.Numbers(document);
        var sb = new StringBuilder();
        sb.Append("# ").Append(Inline(document.Title)).Append("\n\n");
        Note(sb, "Note", Header(document));
        foreach (var note in document.Notes) Note(sb, "Note", note);

        if (document.Takeaways.Count > 0)
        {
            sb.Append("## Key takeaways\n\n");
            foreach (var t in document.Takeaways) sb.Append("- ").Append(Sentence(t, numbers)).Append('\n');
            sb.Append('\n');
        }

        foreach (var section in document.Sections)
        {
            sb.Append("## ").Append(Inline(section.Heading)).Append("\n\n");
            foreach (var block in section.Blocks) Block(sb, block, numbers);
        }

        sb.Append("## Endnotes\n\n");
        if (document.Endnotes.Count == 0) Note(sb, "Note", "Nothing in this report cites a post.");
        foreach (var n in document.Endnotes) sb.Append(Endnote(n, options)).Append("\n\n");
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static string Header(AssessmentDocument d)
    {
        var from = EndnoteFormat.Time(d.From);
        var to = EndnoteFormat.Time(d.To);
        var written = EndnoteFormat.Time(d.Generated);
        return $"Period {from[..^4]} to {to}; written {written}" + (d.ArchiveName is { } a ? $" from the archive {a}." : ".");
    }

    private static void Block(StringBuilder sb, Block block, IReadOnlyDictionary<long, int> numbers)
    {
        switch (block)
        {
            case Paragraph p:
                foreach (var s in p.Sentences) sb.Append(Sentence(s, numbers)).Append('\n');
                sb.Append('\n');
                break;
            case BulletList l:
                foreach (var s in l.Items) sb.Append("- ").Append(Sentence(s, numbers)).Append('\n');
                sb.Append('\n');
                break;
            case Note n:
                Note(sb, "Note", n.Text);
                break;
            case Table t:
                if (t.Caption is { Length: > 0 } caption) Note(sb, "Table", caption);
                sb.Append("| ").AppendJoin(" | ", t.Header.Select(Cell)).Append(" |\n");
                sb.Append('|').Append(string.Concat(t.Header.Select(_ => " --- |"))).Append('\n');
                foreach (var row in t.Rows)
                    sb.Append("| ").AppendJoin(" | ", row.Select(c => Cell(Sentence(c, numbers, lineStart: false)))).Append(" |\n");
                sb.Append('\n');
                break;
            case Chart c:
                Note(sb, "Chart", c.Caption + (c.AltText is { Length: > 0 } alt ? " — " + alt : ""));
                break;
        }
    }

    private static void Note(StringBuilder sb, string kind, string text)
        => sb.Append("> *").Append(kind).Append(":* ").Append(Inline(text)).Append("\n\n");

    /// <summary>A sentence with its markers before the final punctuation.</summary>
    internal static string Sentence(Sentence s, IReadOnlyDictionary<long, int> numbers, bool lineStart = true)
    {
        var (body, punctuation) = EndnoteFormat.SplitFinalPunctuation(ReportBuilder.NormalizeSpace(s.Text));
        var text = lineStart ? GuardLineStart(Inline(body)) : Inline(body);
        var sb = new StringBuilder(text);
        foreach (var n in EndnoteFormat.Markers(s, numbers)) sb.Append('[').Append(n.ToString(CultureInfo.InvariantCulture)).Append(']');
        return sb.Append(punctuation).ToString();
    }

    /// <summary>The endnote paragraph.</summary>
    internal static string Endnote(Endnote n, WriterOptions options)
    {
        var (where, _) = EndnoteFormat.Where(n, options);
        var sb = new StringBuilder();
        sb.Append('[').Append(n.Number.ToString(CultureInfo.InvariantCulture)).Append("] ")
          .Append(Inline(EndnoteFormat.Channel(n))).Append(", ").Append(EndnoteFormat.Time(n.Published)).Append(", ")
          .Append(n.Url is null ? Inline(where) : where).Append(", version ").Append(n.VersionHash);
        if (EndnoteFormat.Status(n) is { } status) sb.Append(" (").Append(status).Append(')');
        sb.Append(": «").Append(Inline(n.Excerpt)).Append('»');
        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Escapes what would turn into markup or markers, on one line.</summary>
    internal static string Inline(string text)
    {
        var t = ReportBuilder.NormalizeSpace(text);
        var sb = new StringBuilder(t.Length + 8);
        for (int i = 0; i < t.Length; i++)
        {
            var ch = t[i];
            bool escape = ch switch
            {
                '\\' or '`' or '*' or '[' or ']' or '<' => true,
                // An underscore inside a word (a handle) is never emphasis; at a word's edge it may be.
                '_' => !(i > 0 && char.IsLetterOrDigit(t[i - 1]) && i + 1 < t.Length && char.IsLetterOrDigit(t[i + 1])),
                _ => false,
            };
            if (escape) sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Keeps a line from starting a heading, list, quote, table or setext underline.</summary>
    private static string GuardLineStart(string line)
    {
        if (line.Length == 0) return line;
        if (line[0] is '#' or '-' or '+' or '>' or '|' or '=' or '~') return "\\" + line;
        int digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits])) digits++;
        if (digits > 0 && digits < line.Length && line[digits] is '.' or ')') return line[..digits] + "\\" + line[digits..];
        return line;
    }
}
