using System.Buffers;
using Faultline.Model;

namespace Faultline.Reading.Telethon;

/// <summary>Plain text and the entities that lie on it (offsets in UTF-16 code units of <see cref="Text"/>).</summary>
internal readonly record struct FormattedText(string Text, IReadOnlyList<Entity> Entities);

/// <summary>
/// Turns the Telegram markdown that Telethon writes (<c>message.text</c>: <c>**bold**</c>, <c>__italic__</c>,
/// <c>~~strike~~</c>, <c>||spoiler||</c>, <c>`code`</c>, <c>```pre```</c>, <c>[text](url)</c>) back into plain
/// text with entities, then finds bare links, @mentions and #hashtags in the plain text.
/// </summary>
/// <remarks>
/// Telethon's unparser writes markers around entity boundaries without escaping anything, so the text is
/// ambiguous by nature; the rules follow Telethon's own parser where it is sound:
/// <list type="bullet">
/// <item>a marker opens only when the same marker occurs again later with at least one character between;
/// otherwise it stays literal text (censored words like <c>е**л</c> survive);</item>
/// <item>nothing is parsed inside code and pre;</item>
/// <item>spans may overlap (Telethon writes <c>**a **[**b**](url)</c>); each becomes its own entity.</item>
/// </list>
/// Unlike Telethon it parses markers inside link text (<c>[**b**](url)</c>) and keeps balanced parentheses
/// in URLs (<c>(…/S2589-5370(24)00421-8/fulltext)</c>). It never throws, and the plain text is never longer
/// than the input.
/// </remarks>
internal static class TelegramMarkdown
{
    private static readonly SearchValues<char> MarkupChars = SearchValues.Create("*_~|`[");

    // Pairs that toggle a span, in slot order.
    private const string PairChars = "*_~|";
    private static readonly EntityKind[] PairKinds = [EntityKind.Bold, EntityKind.Italic, EntityKind.Strikethrough, EntityKind.Spoiler];

    // Link text longer than a Telegram message cannot be a link; bounds the bracket search on hostile input.
    private const int MaxLinkText = 4096;
    private const int MaxLinkNesting = 4;

    /// <summary>Converts Telegram markdown to plain text and entities.</summary>
    public static FormattedText Parse(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return new FormattedText("", []);
        if (markdown.AsSpan().IndexOfAny(MarkupChars) < 0)
            return new FormattedText(markdown, BareEntities.Find(markdown, null));

        var state = new Converter(markdown);
        try
        {
            state.Run();
            var text = state.Text();
            return new FormattedText(text, BareEntities.Find(text, state.Entities));
        }
        finally
        {
            state.Release();
        }
    }

    private struct OpenPair
    {
        public bool Active;
        public int OutStart;
        public int InputStart;
        public int CloseAt;
    }

    private struct OpenLink
    {
        public int OutStart;
        public int TextEnd;
        public int UrlStart;
        public int UrlEnd;
    }

    private sealed class Converter
    {
        private readonly string _s;
        private char[] _out;
        private int _o;
        private readonly OpenPair[] _pairs = new OpenPair[4];
        private readonly OpenLink[] _links = new OpenLink[MaxLinkNesting];
        private int _linkDepth;

        public List<Entity>? Entities;

        public Converter(string s)
        {
            _s = s;
            _out = ArrayPool<char>.Shared.Rent(s.Length);
        }

        public string Text() => new(_out, 0, _o);

        public void Release()
        {
            ArrayPool<char>.Shared.Return(_out);
            _out = [];
        }

        private int Limit => _linkDepth > 0 ? _links[_linkDepth - 1].TextEnd : _s.Length;

        public void Run()
        {
            var s = _s;
            int i = 0;
            while (i < s.Length)
            {
                if (_linkDepth > 0 && i == _links[_linkDepth - 1].TextEnd)
                {
                    var link = _links[--_linkDepth];
                    AddLink(link.OutStart, _o - link.OutStart, s.Substring(link.UrlStart, link.UrlEnd - link.UrlStart));
                    i = link.UrlEnd + 1;
                    continue;
                }

                // Copy plain stretches in bulk: most of a post has no markup at all.
                int stop = _linkDepth > 0 ? _links[_linkDepth - 1].TextEnd : s.Length;
                int plain = s.AsSpan(i, stop - i).IndexOfAny(MarkupChars);
                if (plain != 0)
                {
                    int run = plain < 0 ? stop - i : plain;
                    s.AsSpan(i, run).CopyTo(_out.AsSpan(_o));
                    _o += run;
                    i += run;
                    continue;
                }

                char c = s[i];
                switch (c)
                {
                    case '`':
                        if (TryCode(ref i)) continue;
                        break;
                    case '*' when IsCensorship(i, out int run):
                        s.AsSpan(i, run).CopyTo(_out.AsSpan(_o));
                        _o += run;
                        i += run;
                        continue;
                    case '*' or '_' or '~' or '|':
                        if (i + 1 < s.Length && s[i + 1] == c && TryPair(PairChars.IndexOf(c), ref i)) continue;
                        break;
                    case '[':
                        if (TryOpenLink(ref i)) continue;
                        break;
                }
                _out[_o++] = c;
                i++;
            }
            RestoreUnclosedPairs();
        }

        private bool TryPair(int slot, ref int i)
        {
            ref var pair = ref _pairs[slot];
            if (pair.Active)
            {
                // A closer that fell inside code or a URL was skipped; the next marker closes instead.
                if (i < pair.CloseAt) return false;
                if (_o > pair.OutStart) Add(new Entity(PairKinds[slot], pair.OutStart, _o - pair.OutStart));
                pair.Active = false;
                i += 2;
                return true;
            }
            // +3: a closer right after the opener would make an empty span ("****" stays literal).
            int close = FindCloser(slot, i + 3);
            if (close < 0) return false;
            pair = new OpenPair { Active = true, OutStart = _o, InputStart = i, CloseAt = close };
            i += 2;
            return true;
        }

        private int FindCloser(int slot, int from)
        {
            var marker = _s.AsSpan(from > _s.Length ? _s.Length : from);
            var pair = slot == 0 ? "**" : slot == 1 ? "__" : slot == 2 ? "~~" : "||";
            int offset = from;
            while (true)
            {
                int hit = marker.IndexOf(pair, StringComparison.Ordinal);
                if (hit < 0) return -1;
                int at = offset + hit;
                if (slot != 0 || !IsCensorship(at, out _)) return at;
                offset = at + 1;
                marker = _s.AsSpan(offset);
            }
        }

        /// <summary>
        /// Russian channels censor swear words with asterisks ("е**л", "на ****") and Telethon never escapes
        /// them. A run of three or more asterisks is text. A pair between two letters is text when the post
        /// holds an odd number of pairs (one cannot be a marker); with an even number it is a marker, since
        /// Telethon does bold half a word ("М**инздрав Грузии**").
        /// </summary>
        private bool IsCensorship(int i, out int run)
        {
            var s = _s;
            run = 0;
            if (i > 0 && s[i - 1] == '*') return false;
            while (i + run < s.Length && s[i + run] == '*') run++;
            if (run >= 3) return true;
            return run == 2 && i > 0 && i + 2 < s.Length && char.IsLetter(s[i - 1]) && char.IsLetter(s[i + 2]) && OddPairCount();
        }

        private int _pairCount = -1;

        private bool OddPairCount()
        {
            if (_pairCount < 0)
            {
                var s = _s;
                int count = 0;
                for (int k = 0; k < s.Length; k++)
                {
                    if (s[k] != '*') continue;
                    int start = k;
                    while (k + 1 < s.Length && s[k + 1] == '*') k++;
                    if (k - start + 1 == 2) count++;
                }
                _pairCount = count;
            }
            return (_pairCount & 1) == 1;
        }

        private bool TryCode(ref int i)
        {
            var s = _s;
            int limit = Limit;
            if (i + 2 < limit && s[i + 1] == '`' && s[i + 2] == '`')
            {
                int close = i + 4 <= limit ? s.IndexOf("```", i + 4, limit - (i + 4), StringComparison.Ordinal) : -1;
                if (close < 0) return false;
                int start = i + 3;
                string? language = null;
                int newline = s.IndexOf('\n', start, close - start);
                if (newline == start) start++;
                else if (newline > start && IsLanguageTag(s.AsSpan(start, newline - start)))
                {
                    language = s.Substring(start, newline - start);
                    start = newline + 1;
                }
                Copy(start, close, EntityKind.Pre, language);
                i = close + 3;
                return true;
            }
            int end = i + 2 <= limit ? s.IndexOf('`', i + 2, limit - (i + 2)) : -1;
            if (end < 0) return false;
            Copy(i + 1, end, EntityKind.Code, null);
            i = end + 1;
            return true;
        }

        private static bool IsLanguageTag(ReadOnlySpan<char> tag)
        {
            if (tag.Length > 32) return false;
            foreach (var ch in tag)
                if (!(char.IsAsciiLetterOrDigit(ch) || ch is '+' or '#' or '-' or '_' or '.')) return false;
            return true;
        }

        private void Copy(int from, int to, EntityKind kind, string? value)
        {
            int start = _o;
            _s.AsSpan(from, to - from).CopyTo(_out.AsSpan(_o));
            _o += to - from;
            if (_o > start) Add(new Entity(kind, start, _o - start, value));
        }

        private bool TryOpenLink(ref int i)
        {
            if (_linkDepth == MaxLinkNesting) return false;
            var s = _s;
            int limit = Limit;
            int stop = Math.Min(limit, i + 1 + MaxLinkText);
            int depth = 1;
            int j = i + 1;
            for (; j < stop; j++)
            {
                char ch = s[j];
                if (ch == '[') depth++;
                else if (ch == ']' && --depth == 0) break;
            }
            // "[]" and "[text]" without "(url)" stay literal.
            if (depth != 0 || j == i + 1 || j + 1 >= limit || s[j + 1] != '(') return false;
            int urlStart = j + 2;
            int urlEnd = FindUrlEnd(urlStart, limit);
            if (urlEnd <= urlStart) return false;
            _links[_linkDepth++] = new OpenLink { OutStart = _o, TextEnd = j, UrlStart = urlStart, UrlEnd = urlEnd };
            i++;
            return true;
        }

        /// <summary>Index of the ')' that ends a URL starting at <paramref name="start"/>, or -1.</summary>
        private int FindUrlEnd(int start, int limit)
        {
            var s = _s;
            int depth = 1, firstClose = -1;
            bool space = false;
            for (int k = start; k < limit; k++)
            {
                char ch = s[k];
                if (ch is '\n' or '\r') break;
                if (ch == '(') depth++;
                else if (ch == ')')
                {
                    if (firstClose < 0) firstClose = k;
                    // Balanced parentheses belong to the URL (Lancet and Wikipedia links), unless the
                    // stretch holds spaces: then the first ')' ends it, as in Telethon.
                    if (--depth == 0) return space ? firstClose : k;
                }
                else if (char.IsWhiteSpace(ch)) space = true;
            }
            return firstClose;
        }

        private void AddLink(int offset, int length, string url)
        {
            if (length <= 0) return;
            // Telethon writes mentions of users without a username and custom emoji as links.
            if (url.StartsWith("tg://user?id=", StringComparison.OrdinalIgnoreCase))
                Add(new Entity(EntityKind.MentionName, offset, length, url["tg://user?id=".Length..]));
            else if (url.StartsWith("emoji/", StringComparison.Ordinal) && url.Length > 6 && long.TryParse(url.AsSpan(6), out _))
                Add(new Entity(EntityKind.CustomEmoji, offset, length, url[6..]));
            else
                Add(new Entity(EntityKind.TextLink, offset, length, url));
        }

        private void Add(Entity entity) => (Entities ??= []).Add(entity);

        /// <summary>
        /// A marker was taken for an opener because its closer existed later, but the closer was skipped
        /// (inside code or a link's URL): put the marker back as literal text.
        /// </summary>
        private void RestoreUnclosedPairs()
        {
            while (true)
            {
                int slot = -1;
                for (int k = 0; k < _pairs.Length; k++)
                    if (_pairs[k].Active && (slot < 0 || _pairs[k].InputStart > _pairs[slot].InputStart)) slot = k;
                if (slot < 0) return;
                ref var pair = ref _pairs[slot];
                pair.Active = false;
                int p = pair.OutStart;
                Array.Copy(_out, p, _out, p + 2, _o - p);
                _out[p] = _out[p + 1] = PairChars[slot];
                _o += 2;
                if (Entities is null) continue;
                for (int k = 0; k < Entities.Count; k++)
                {
                    var e = Entities[k];
                    if (e.Offset >= p) Entities[k] = e with { Offset = e.Offset + 2 };
                    else if (e.Offset + e.Length > p) Entities[k] = e with { Length = e.Length + 2 };
                }
            }
        }
    }
}
