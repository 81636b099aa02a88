using System.Text;
using AngleSharp.Html;

namespace Faultline.Reading.Feeds;

/// <summary>
/// Pre-parse repairs that real feeds need and that do not change the document's structure:
/// HTML entities the XML never declares (&amp;nbsp; &amp;eacute; …) become numeric character references,
/// bare ampersands ("AT&amp;T") become &amp;amp;, and the XML declaration is blanked (the text is already
/// decoded, and whitespace before it — a common breakage — would otherwise be fatal).
/// </summary>
/// <remarks>
/// Repairs keep line breaks, so line numbers in parse errors stay true. Offsets shift by the length
/// differences of the replacements; <see cref="ToOriginal"/> maps an offset in the repaired text back to the
/// decoded original, so <c>Post.Raw</c> can be cut verbatim from the original.
/// CDATA sections and comments are left alone: an ampersand inside them is already literal.
/// </remarks>
internal sealed class XmlRepair
{
    private static readonly HashSet<string> XmlEntities = ["lt", "gt", "amp", "quot", "apos"];

    // (offset in repaired text just after the edit, cumulative length change up to and including it)
    private readonly List<(int RepairedEnd, int Delta)> _edits = [];

    private XmlRepair(string text) => Text = text;

    /// <summary>The repaired text to hand to the XML parser.</summary>
    public string Text { get; private set; }

    /// <summary>How many undeclared HTML entities were replaced.</summary>
    public int HtmlEntities { get; private set; }

    /// <summary>How many bare ampersands were escaped.</summary>
    public int BareAmpersands { get; private set; }

    /// <summary>How many control characters that XML forbids were replaced by spaces.</summary>
    public int ControlCharacters { get; private set; }

    /// <summary>Repairs a decoded document.</summary>
    public static XmlRepair Apply(string original)
    {
        var repair = new XmlRepair(original);
        var sb = new StringBuilder(original.Length + 64);
        int i = 0;
        int declarationEnd = DeclarationEnd(original);
        if (declarationEnd > 0)
        {
            foreach (char c in original.AsSpan(0, declarationEnd)) sb.Append(c is '\n' or '\r' ? c : ' ');
            i = declarationEnd;
        }
        while (i < original.Length)
        {
            char c = original[i];
            if (c == '<' && Starts(original, i, "<![CDATA["))
            {
                i = CopyThrough(original, i, "]]>", sb);
                continue;
            }
            if (c == '<' && Starts(original, i, "<!--"))
            {
                i = CopyThrough(original, i, "-->", sb);
                continue;
            }
            if (c != '&')
            {
                // XML 1.0 forbids C0 controls other than tab, LF and CR even as raw text; feeds leak them from
                // pasted binary. A space keeps offsets and lines; the warning says what happened.
                if (c < ' ' && c is not '\t' and not '\n' and not '\r' || c is '\uFFFE' or '\uFFFF')
                {
                    sb.Append(' ');
                    repair.ControlCharacters++;
                }
                else sb.Append(c);
                i++;
                continue;
            }
            int semicolon = ReferenceEnd(original, i);
            if (semicolon > 0)
            {
                string name = original.Substring(i + 1, semicolon - i - 1);
                if (name[0] == '#' || XmlEntities.Contains(name))
                {
                    sb.Append(original, i, semicolon - i + 1);
                    i = semicolon + 1;
                    continue;
                }
                string? symbol = HtmlEntityProvider.Resolver.GetSymbol(name);
                if (!string.IsNullOrEmpty(symbol))
                {
                    foreach (var rune in symbol.EnumerateRunes()) sb.Append("&#").Append(rune.Value).Append(';');
                    repair.HtmlEntities++;
                    // Past the edit, repaired offset sb.Length corresponds to original offset semicolon + 1.
                    repair._edits.Add((sb.Length, sb.Length - (semicolon + 1)));
                    i = semicolon + 1;
                    continue;
                }
            }
            sb.Append("&amp;");
            repair.BareAmpersands++;
            i++;
            repair._edits.Add((sb.Length, sb.Length - i));
        }
        if (repair.HtmlEntities > 0 || repair.BareAmpersands > 0 || repair.ControlCharacters > 0 || declarationEnd > 0) repair.Text = sb.ToString();
        return repair;
    }

    /// <summary>Maps an offset in <see cref="Text"/> to the same place in the original document.</summary>
    public int ToOriginal(int repairedOffset)
    {
        if (_edits.Count == 0) return repairedOffset;
        int lo = 0, hi = _edits.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (_edits[mid].RepairedEnd <= repairedOffset) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? repairedOffset : repairedOffset - _edits[found].Delta;
    }

    // "&name;" with an XML name or a character reference; -1 when the ampersand starts no reference.
    private static int ReferenceEnd(string s, int amp)
    {
        int j = amp + 1;
        if (j < s.Length && s[j] == '#')
        {
            j++;
            bool hex = j < s.Length && (s[j] == 'x' || s[j] == 'X');
            if (hex) j++;
            int digits = 0;
            while (j < s.Length && (hex ? char.IsAsciiHexDigit(s[j]) : char.IsAsciiDigit(s[j]))) { j++; digits++; }
            return digits > 0 && j < s.Length && s[j] == ';' ? j : -1;
        }
        if (j >= s.Length || !(char.IsAsciiLetter(s[j]) || s[j] == '_')) return -1;
        while (j < s.Length && j - amp <= 40 && (char.IsAsciiLetterOrDigit(s[j]) || s[j] is '_' or '-' or '.')) j++;
        return j < s.Length && s[j] == ';' ? j : -1;
    }

    private static int DeclarationEnd(string s)
    {
        int i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        if (!Starts(s, i, "<?xml") || i + 5 >= s.Length || !(char.IsWhiteSpace(s[i + 5]) || s[i + 5] == '?')) return 0;
        int end = s.IndexOf("?>", i, StringComparison.Ordinal);
        return end < 0 ? 0 : end + 2;
    }

    private static bool Starts(string s, int i, string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;

    private static int CopyThrough(string s, int i, string terminator, StringBuilder sb)
    {
        int end = s.IndexOf(terminator, i, StringComparison.Ordinal);
        int stop = end < 0 ? s.Length : end + terminator.Length;
        sb.Append(s, i, stop - i);
        return stop;
    }
}
