using System.Buffers;
using System.Globalization;
using System.Text;

namespace Faultline.Text;

/// <summary>
/// Brings a post's text to the one form that search, near-duplicate detection and language statistics compare.
/// </summary>
/// <remarks>
/// One pass does, in this order:
/// <list type="number">
/// <item>markup out: HTML tags (block tags become a space), HTML entities decoded, Telegram markdown links
/// <c>[label](url)</c> reduced to their label, markdown markers (<c>**</c>, <c>__</c>, <c>~~</c>, <c>||</c>, any run
/// of backticks) dropped; soft hyphens, zero-width and bidi marks, variation selectors and lone surrogates dropped;</item>
/// <item>Unicode NFKC (fullwidth letters, ligatures, superscripts, "…" → "...", no-break spaces);</item>
/// <item>lowercase (invariant culture, by code point; "İ" → "i"), "ё" → "е", typographic apostrophes (’ ʼ) → "'";</item>
/// <item>bare URLs replaced by a space (the same rule as <see cref="EntityScanner"/>);</item>
/// <item>whitespace and control characters collapsed to single spaces, trimmed.</item>
/// </list>
/// Removing markup can expose new markup ("&amp;amp;lt;b&gt;", "*&lt;b&gt;*"), so a text whose pass removed something
/// and still holds markup characters is passed again until it stops changing; that keeps
/// <c>Normalize(Normalize(x)) == Normalize(x)</c> (the passes are capped at 8, so only hostile input such as
/// markdown links nested nine deep could still change on a second call). Uppercase letters that Unicode gives no lowercase form (a handful
/// of recent or symbol-like code points such as U+1C89) pass through unchanged.
/// </remarks>
public static class TextNormalizer
{
    private const int MaxPasses = 8;
    private const int MaxTagLength = 1024;
    private const int MaxLinkLength = 4096;
    private const int MaxLinkNesting = 8;

    private static readonly SearchValues<char> MarkupChars = SearchValues.Create("<&*_~|`[");

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "li", "ul", "ol", "blockquote", "pre", "tr", "td", "th", "table", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "section", "article", "header", "footer", "figure", "figcaption", "tg-emoji",
    };

    private static readonly Dictionary<string, string> NamedEntities = new(StringComparer.Ordinal)
    {
        ["amp"] = "&", ["lt"] = "<", ["gt"] = ">", ["quot"] = "\"", ["apos"] = "'", ["nbsp"] = " ",
        ["laquo"] = "«", ["raquo"] = "»", ["mdash"] = "—", ["ndash"] = "–", ["hellip"] = "…",
        ["rsquo"] = "’", ["lsquo"] = "‘", ["ldquo"] = "“", ["rdquo"] = "”", ["bdquo"] = "„", ["shy"] = "",
        ["zwj"] = "", ["zwnj"] = "", ["thinsp"] = " ", ["ensp"] = " ", ["emsp"] = " ", ["middot"] = "·",
        ["copy"] = "©", ["reg"] = "®", ["deg"] = "°", ["euro"] = "€", ["bull"] = "•", ["numero"] = "№",
    };

    /// <summary>
    /// NFKC, lowercase, ё → е, URLs removed, Telegram markdown and HTML markup stripped, invisible characters
    /// removed, whitespace collapsed and trimmed. Thread-safe; never throws on any string.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = text;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var next = Pass(current, out var removedMarkup);
            if (!removedMarkup || !MayHoldMarkup(next) || next == current) return next;
            current = next;
        }
        return current;
    }

    /// <summary>One pass; <paramref name="changed"/> says whether markup was removed or NFKC changed the text.</summary>
    private static string Pass(string text, out bool changed)
    {
        var stripped = StripMarkup(text, out changed);
        string composed;
        try
        {
            // ICU's quick check costs about as much as one pass over the text; most posts need nothing more.
            composed = stripped.IsNormalized(NormalizationForm.FormKC) ? stripped : stripped.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Only invalid UTF-16 makes ICU refuse, and StripMarkup has removed lone surrogates; keep the text as is.
            composed = stripped;
        }
        if (!ReferenceEquals(composed, stripped) && composed != stripped) changed = true;
        return FoldAndCollapse(composed);
    }

    /// <summary>Drops markup, invisible characters and lone surrogates.</summary>
    private static string StripMarkup(string s, out bool changed)
    {
        changed = false;
        var buffer = ArrayPool<char>.Shared.Rent(s.Length + 16);
        var n = 0;
        var linkClose = -1; // index of ']' that ends a markdown link label being copied
        var linkEnd = -1;   // index of ')' that ends its URL
        var lastLinkJoint = s.LastIndexOf("](", StringComparison.Ordinal); // no link label can start after it
        try
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (i == linkClose)
                {
                    i = linkEnd;
                    linkClose = linkEnd = -1;
                    Append(ref buffer, ref n, ' ');
                    continue;
                }
                switch (c)
                {
                    case '<':
                        if (TryTag(s, i, out var tagEnd, out var block))
                        {
                            if (block) Append(ref buffer, ref n, ' ');
                            i = tagEnd;
                            changed = true;
                            continue;
                        }
                        break;
                    case '&':
                        if (TryEntity(s, i, out var entityEnd, out var decoded))
                        {
                            foreach (var d in decoded)
                            {
                                if (!IsInvisible(d)) Append(ref buffer, ref n, d);
                            }
                            i = entityEnd;
                            changed = true;
                            continue;
                        }
                        break;
                    case '[':
                        if (linkClose < 0 && i < lastLinkJoint && TryMarkdownLink(s, i, out linkClose, out linkEnd))
                        {
                            changed = true;
                            continue;
                        }
                        break;
                    case '*' or '_' or '~' or '|':
                        if (i + 1 < s.Length && s[i + 1] == c)
                        {
                            var j = i;
                            while (j + 1 < s.Length && s[j + 1] == c) j++;
                            i = j;
                            changed = true;
                            continue;
                        }
                        break;
                    case '`':
                        while (i + 1 < s.Length && s[i + 1] == '`') i++;
                        changed = true;
                        continue;
                    case var invisible when IsInvisible(invisible):
                        continue;
                    case >= '\uD800' and <= '\uDBFF':
                        if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        {
                            Append(ref buffer, ref n, c);
                            Append(ref buffer, ref n, s[++i]);
                        }
                        continue;
                    case >= '\uDC00' and <= '\uDFFF':
                        continue;
                }
                Append(ref buffer, ref n, c);
            }
            // Nothing removed and nothing decoded: the copy is identical, so spare the allocation.
            return n == s.Length && !changed ? s : new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Lowercase, ё → е, apostrophes unified, URLs out, whitespace collapsed.</summary>
    private static string FoldAndCollapse(string s)
    {
        var buffer = ArrayPool<char>.Shared.Rent(s.Length + 2);
        var n = 0;
        // A lowered letter followed by a combining mark may now compose ("J̌" has no precomposed form, "ǰ" has).
        var mayCompose = false;
        try
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                var original = c;
                if (c < 0x80)
                {
                    if (c is >= 'A' and <= 'Z') c = (char)(c | 0x20);
                    else if (c < ' ' || c == '\x7F') c = ' ';
                }
                // Russian and Ukrainian letters by arithmetic: char.ToLowerInvariant goes through ICU per character.
                else if (c is >= 'А' and <= 'Я') c = (char)(c + 0x20);
                else if (c is >= '\u0400' and <= '\u040F') c = c == 'Ё' ? 'е' : (char)(c + 0x50);
                else if (c is >= 'а' and <= 'я') { }
                else if (c is >= '\u0450' and <= '\u045F') { if (c == 'ё') c = 'е'; }
                else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    var rune = new Rune(c, s[i + 1]);
                    var lowered = Rune.ToLowerInvariant(rune);
                    i++;
                    n += lowered.EncodeToUtf16(buffer.AsSpan(n));
                    mayCompose |= lowered != rune && FollowedByMark(s, i);
                    continue;
                }
                else
                {
                    c = c switch
                    {
                        '\u0130' => 'i', // invariant lowercasing leaves the Turkish dotted capital I alone
                        '’' or 'ʼ' => '\'',
                        _ => char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : char.ToLowerInvariant(c),
                    };
                }
                mayCompose |= c != original && FollowedByMark(s, i);
                buffer[n++] = c;
            }
            if (!mayCompose) return CollapseWithoutUrls(buffer.AsSpan(0, n));
            var folded = new string(buffer, 0, n);
            while (!folded.IsNormalized(NormalizationForm.FormKC))
            {
                // "Ё̈" lowers to "е" + diaeresis, which composes back to "ё": fold again, one mark fewer each time.
                folded = folded.Normalize(NormalizationForm.FormKC).Replace('ё', 'е');
            }
            return CollapseWithoutUrls(folded);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool FollowedByMark(string s, int i)
        => i + 1 < s.Length && s[i + 1] >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(s[i + 1])
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static string CollapseWithoutUrls(ReadOnlySpan<char> s)
    {
        var buffer = ArrayPool<char>.Shared.Rent(s.Length + 1);
        var n = 0;
        var pendingSpace = false;
        try
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == ' ')
                {
                    pendingSpace = n > 0;
                    continue;
                }
                if (BareLinks.MayStartAt(s, i) && BareLinks.Match(s, i) is var length and > 0)
                {
                    i += length - 1;
                    pendingSpace = n > 0;
                    continue;
                }
                if (pendingSpace)
                {
                    buffer[n++] = ' ';
                    pendingSpace = false;
                }
                buffer[n++] = c;
            }
            return new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Soft hyphen, zero-width characters, bidi controls, variation selectors: invisible, and they split words.</summary>
    private static bool IsInvisible(char c) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F'
        or '\u2060' or '\uFEFF' or '\u180E' or '\uFE0E' or '\uFE0F' or '\u061C' or (>= '\u202A' and <= '\u202E')
        or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Whether a pass's output could still hold markup for another pass: a tag or entity start, a doubled marker,
    /// a backtick or a "[…](" link. Most texts have none, so most texts take one pass.
    /// </summary>
    private static bool MayHoldMarkup(string s)
    {
        var span = s.AsSpan();
        var offset = 0;
        var linkJointAhead = (bool?)null; // asked once: if no "](" follows the first '[', none follows a later one
        while (true)
        {
            var k = span[offset..].IndexOfAny(MarkupChars);
            if (k < 0) return false;
            var i = offset + k;
            var next = i + 1 < span.Length ? span[i + 1] : '\0';
            switch (span[i])
            {
                case '<' when char.IsAsciiLetter(next) || next is '/' or '!':
                case '&' when char.IsAsciiLetter(next) || next == '#':
                case '*' or '_' or '~' or '|' when next == span[i]:
                case '`':
                    return true;
                case '[':
                    linkJointAhead ??= span[i..].Contains("](", StringComparison.Ordinal);
                    if (linkJointAhead.Value) return true;
                    break;
            }
            offset = i + 1;
        }
    }

    private static void Append(ref char[] buffer, ref int n, char c)
    {
        if (n == buffer.Length)
        {
            var bigger = ArrayPool<char>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, n).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(buffer);
            buffer = bigger;
        }
        buffer[n++] = c;
    }

    /// <summary>An HTML tag at <paramref name="i"/>: "&lt;b&gt;", "&lt;/a&gt;", "&lt;a href=…&gt;", "&lt;br/&gt;", "&lt;!-- … --&gt;".</summary>
    private static bool TryTag(string s, int i, out int end, out bool block)
    {
        end = -1;
        block = false;
        var j = i + 1;
        if (j < s.Length && s[j] == '/') j++;
        if (j >= s.Length) return false;
        if (s[j] == '!' && s.AsSpan(j).StartsWith("!--"))
        {
            var close = s.IndexOf("-->", j + 3, StringComparison.Ordinal);
            if (close < 0 || close - i > MaxTagLength) return false;
            end = close + 2;
            return true;
        }
        if (!char.IsAsciiLetter(s[j])) return false;
        var nameStart = j;
        while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '-')) j++;
        var name = s.AsSpan(nameStart, j - nameStart);
        if (j < s.Length && s[j] is not ('>' or '/' or ' ' or '\t' or '\n' or '\r')) return false;
        var limit = Math.Min(s.Length, i + MaxTagLength);
        for (var k = j; k < limit; k++)
        {
            if (s[k] == '<') return false;
            if (s[k] == '>')
            {
                end = k;
                block = BlockTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
                return true;
            }
        }
        return false;
    }

    /// <summary>An HTML entity at <paramref name="i"/>: named (a common set) or numeric.</summary>
    private static bool TryEntity(string s, int i, out int end, out string decoded)
    {
        end = -1;
        decoded = "";
        var semi = s.IndexOf(';', i + 1, Math.Min(12, s.Length - i - 1));
        if (semi < 0) return false;
        var body = s.AsSpan(i + 1, semi - i - 1);
        if (body.Length >= 2 && body[0] == '#')
        {
            var hex = body[1] is 'x' or 'X';
            var digits = hex ? body[2..] : body[1..];
            if (digits.IsEmpty || !int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
                    CultureInfo.InvariantCulture, out var code)) return false;
            decoded = Rune.IsValid(code) && code != 0 ? char.ConvertFromUtf32(code) : "\uFFFD";
            end = semi;
            return true;
        }
        if (!NamedEntities.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(body, out var named)) return false;
        decoded = named;
        end = semi;
        return true;
    }

    /// <summary>A Telegram markdown link "[label](url)" opening at <paramref name="i"/>.</summary>
    private static bool TryMarkdownLink(string s, int i, out int close, out int end)
    {
        close = end = -1;
        var limit = Math.Min(s.Length, i + MaxLinkLength);
        var depth = 0;
        for (var k = i + 1; k < limit; k++)
        {
            // Bounded nesting keeps a text of many unclosed '[' linear.
            if (s[k] == '[' && ++depth > MaxLinkNesting) return false;
            else if (s[k] == ']')
            {
                if (depth-- > 0) continue;
                if (k + 1 >= s.Length || s[k + 1] != '(') return false;
                for (var m = k + 2; m < limit; m++)
                {
                    var c = s[m];
                    if (c == ')')
                    {
                        if (m == k + 2) return false;
                        close = k;
                        end = m;
                        return true;
                    }
                    if (char.IsWhiteSpace(c) || c == '(') return false;
                }
                return false;
            }
        }
        return false;
    }
}
