using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Faultline.Reading.Reports;

/// <summary>
/// Splits a Markdown (or plain-text) assessment into blocks: optional front matter between "---" lines
/// (title, date, publisher, url), headings, paragraphs separated by blank lines, list items (each its own
/// paragraph, as key takeaways are), and rules.
/// </summary>
internal static partial class MarkdownAssessment
{
    private const int MaxFrontMatterLines = 60;

    /// <summary>Reads the text into an assessment document.</summary>
    public static AssessmentDocument Read(string text)
    {
        var document = new AssessmentDocument();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int i = FrontMatter(lines, document);

        var raw = new List<string>();
        int startLine = 0;
        bool listItem = false;
        void Flush()
        {
            if (raw.Count == 0) return;
            var joined = string.Join(" ", raw.Select(l => l.Trim()));
            if (listItem) joined = ListMarkerPattern().Replace(joined, "", 1);
            var plain = Inline(joined);
            // "**Key Takeaways**" on a line of its own is a heading in all but name.
            var kind = raw.Count == 1 && BoldLinePattern().IsMatch(joined) && plain.Length <= 100 ? BlockKind.Heading : BlockKind.Paragraph;
            if (plain.Length > 0)
                document.Blocks.Add(new AssessmentBlock(kind, plain, string.Join("\n", raw), $"line {startLine}"));
            raw.Clear();
            listItem = false;
        }

        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                Flush();
                continue;
            }
            if (RulePattern().IsMatch(line))
            {
                Flush();
                document.Blocks.Add(new AssessmentBlock(BlockKind.Rule, "", line, $"line {i + 1}"));
                continue;
            }
            var heading = HeadingPattern().Match(line);
            if (heading.Success)
            {
                Flush();
                var title = Inline(heading.Groups[2].Value.TrimEnd('#', ' '));
                if (title.Length == 0) continue;
                document.Blocks.Add(new AssessmentBlock(BlockKind.Heading, title, line, $"line {i + 1}"));
                if (document.Title is null && heading.Groups[1].Length == 1) document.Title = title;
                continue;
            }
            // A new list item, or a new endnote line inside the endnotes, starts a block of its own.
            bool item = ListMarkerPattern().IsMatch(line);
            bool note = NoteStartPattern().IsMatch(line);
            if (item || note) Flush();
            if (raw.Count == 0)
            {
                startLine = i + 1;
                listItem = item;
            }
            raw.Add(line);
        }
        Flush();
        return document;
    }

    /// <summary>Reads front matter ("---" … "---") and returns the index of the first line after it.</summary>
    private static int FrontMatter(List<string> lines, AssessmentDocument document)
    {
        if (lines.Count == 0 || lines[0].TrimStart('\uFEFF').Trim() != "---") return 0;
        for (int i = 1; i < lines.Count && i <= MaxFrontMatterLines; i++)
        {
            var line = lines[i];
            if (line.Trim() is "---" or "...") return i + 1;
            int colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim().Trim('"', '\'').Trim();
            if (value.Length == 0) continue;
            switch (key)
            {
                case "title": document.Title = value; break;
                case "date" or "published": document.DateText = value; break;
                case "publisher" or "site" or "site_name" or "organization": document.Publisher = value; break;
                case "url" or "canonical" or "link": document.Url = value; break;
            }
        }
        // No closing line: it was not front matter after all.
        document.Title = document.DateText = document.Publisher = document.Url = null;
        return 0;
    }

    /// <summary>Markdown inline markup to plain text; endnote markers such as [3] (or \[3\]) stay.</summary>
    internal static string Inline(string text)
    {
        text = text.Replace("\\[", "[", StringComparison.Ordinal).Replace("\\]", "]", StringComparison.Ordinal);
        text = ImagePattern().Replace(text, "");
        text = LinkPattern().Replace(text, "$1");
        text = InlineTagPattern().Replace(text, "");
        text = text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal)
            .Replace("`", "", StringComparison.Ordinal);
        text = EmphasisPattern().Replace(text, "$1");
        text = EscapePattern().Replace(text, "$1");
        return Faultline.Reading.Articles.HtmlPage.CollapseSpaces(text);
    }

    [GeneratedRegex(@"^\s*(\*\*|__)[^*_\n]+\1:?\s*$")]
    private static partial Regex BoldLinePattern();

    [GeneratedRegex(@"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"^\s{0,3}(#{1,6})[ \t]+(.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^\s{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+")]
    private static partial Regex ListMarkerPattern();

    [GeneratedRegex(@"^[ \t]*\\?\[\d{1,4}\\?\](?!:)")]
    private static partial Regex NoteStartPattern();

    [GeneratedRegex(@"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"\[((?!\d{1,4}\])[^\]\n]{1,500})\]\([^)\s]{1,2000}\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"</?(?:sup|sub|span|b|i|em|strong|a|u|small|mark)(?:\s[^>\n]{0,300})?>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineTagPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}*])\*(?!\s)([^*\n]{1,500}?)(?<!\s)\*(?![\p{L}\p{N}*])")]
    private static partial Regex EmphasisPattern();

    [GeneratedRegex(@"\\([\\`*_{}()#+\-.!])")]
    private static partial Regex EscapePattern();
}
