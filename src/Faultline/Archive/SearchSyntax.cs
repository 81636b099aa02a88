using Faultline.Text;

namespace Faultline.Archive;

/// <summary>
/// The analyst's query language, parsed once and rendered by each provider:
/// words (matched by stem, so "мобилизация" finds "мобилизации"), "quoted phrases", prefix*, AND (implicit),
/// OR, NOT or a leading minus, and parentheses.
/// </summary>
public abstract record QueryNode
{
    /// <summary>Parses a query; throws <see cref="FormatException"/> with a readable reason.</summary>
    public static QueryNode Parse(string query) => new Parser(query).ParseAll();

    /// <summary>Every stem and prefix the query looks for (not under NOT), for highlighting.</summary>
    public QueryTerms PositiveTerms()
    {
        var terms = new QueryTerms();
        Collect(this, terms, negated: false);
        return terms;
    }

    private static void Collect(QueryNode node, QueryTerms terms, bool negated)
    {
        switch (node)
        {
            case WordNode w when !negated:
                foreach (var s in w.Stems) terms.Stems.Add(s);
                break;
            case PrefixNode p when !negated:
                terms.Prefixes.Add(p.Prefix);
                break;
            case PhraseNode ph when !negated:
                foreach (var s in ph.Stems) terms.Stems.Add(s);
                break;
            case NotNode n:
                Collect(n.Inner, terms, !negated);
                break;
            case AndNode a:
                foreach (var c in a.Items) Collect(c, terms, negated);
                break;
            case OrNode o:
                foreach (var c in o.Items) Collect(c, terms, negated);
                break;
        }
    }

    private sealed class Parser(string text)
    {
        private readonly List<string> _tokens = Tokenize(text);
        private int _at;

        public QueryNode ParseAll()
        {
            if (_tokens.Count == 0) throw new FormatException("the query is empty");
            var node = ParseOr();
            if (_at < _tokens.Count) throw new FormatException($"unexpected '{_tokens[_at]}'");
            return node;
        }

        private QueryNode ParseOr()
        {
            var items = new List<QueryNode> { ParseAnd() };
            while (Peek() == "OR") { _at++; items.Add(ParseAnd()); }
            return items.Count == 1 ? items[0] : new OrNode(items);
        }

        private QueryNode ParseAnd()
        {
            var items = new List<QueryNode>();
            while (_at < _tokens.Count && Peek() is not ("OR" or ")"))
            {
                if (Peek() == "AND") { _at++; continue; }
                if (ParseUnary() is { } n) items.Add(n);
            }
            if (items.Count == 0) throw new FormatException(_at < _tokens.Count ? $"nothing to search before '{_tokens[_at]}'" : "the query ends with an operator");
            return items.Count == 1 ? items[0] : new AndNode(items);
        }

        private QueryNode? ParseUnary()
        {
            var t = _tokens[_at];
            if (t == "NOT" || t == "-")
            {
                _at++;
                if (_at >= _tokens.Count) throw new FormatException("NOT needs something after it");
                return ParseUnary() is { } inner ? new NotNode(inner) : null;
            }
            if (t == "(")
            {
                _at++;
                var inner = ParseOr();
                if (Peek() != ")") throw new FormatException("a '(' is not closed");
                _at++;
                return inner;
            }
            _at++;
            if (t.StartsWith('"'))
            {
                var words = Tokenizer.Words(TextNormalizer.Normalize(t.Trim('"'))).ToList();
                if (words.Count == 0) return null;
                // A phrase keeps word order, so each word contributes one stem (the first candidate).
                return words.Count == 1 ? new WordNode(SearchText.QueryStems(words[0])) : new PhraseNode(words.Select(w => SearchText.QueryStems(w)[0]).ToList());
            }
            if (t.EndsWith('*') && t.Length > 1)
            {
                var word = Tokenizer.Words(TextNormalizer.Normalize(t.TrimEnd('*'))).LastOrDefault();
                return word is null ? null : new PrefixNode(word);
            }
            var ws = Tokenizer.Words(TextNormalizer.Normalize(t)).ToList();
            if (ws.Count == 0) return null;
            if (ws.Count == 1) return new WordNode(SearchText.QueryStems(ws[0]));
            // "t.me/rybar" or "Кремль-Минобороны": adjacent words form a phrase.
            return new PhraseNode(ws.Select(w => SearchText.QueryStems(w)[0]).ToList());
        }

        private string? Peek() => _at < _tokens.Count ? _tokens[_at] : null;

        private static List<string> Tokenize(string s)
        {
            var list = new List<string>();
            int i = 0;
            while (i < s.Length)
            {
                char c = s[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c is '(' or ')') { list.Add(c.ToString()); i++; continue; }
                if (c == '"')
                {
                    int end = s.IndexOf('"', i + 1);
                    if (end < 0) throw new FormatException("a quote is not closed");
                    list.Add(s[i..(end + 1)]);
                    i = end + 1;
                    continue;
                }
                if (c == '-' && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]) && (i == 0 || char.IsWhiteSpace(s[i - 1]) || s[i - 1] == '('))
                {
                    list.Add("-");
                    i++;
                    continue;
                }
                int start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('(' or ')' or '"')) i++;
                list.Add(s[start..i]);
            }
            return list;
        }
    }
}

/// <summary>A word, matched by any of its candidate stems.</summary>
public sealed record WordNode(IReadOnlyList<string> Stems) : QueryNode;

/// <summary>A word prefix (unstemmed).</summary>
public sealed record PrefixNode(string Prefix) : QueryNode;

/// <summary>Words in this order, adjacent.</summary>
public sealed record PhraseNode(IReadOnlyList<string> Stems) : QueryNode;

/// <summary>All of the items.</summary>
public sealed record AndNode(IReadOnlyList<QueryNode> Items) : QueryNode;

/// <summary>Any of the items.</summary>
public sealed record OrNode(IReadOnlyList<QueryNode> Items) : QueryNode;

/// <summary>Not the item.</summary>
public sealed record NotNode(QueryNode Inner) : QueryNode;

/// <summary>The stems and prefixes a query looks for.</summary>
public sealed class QueryTerms
{
    /// <summary>Stems.</summary>
    public HashSet<string> Stems { get; } = new(StringComparer.Ordinal);
    /// <summary>Prefixes.</summary>
    public List<string> Prefixes { get; } = [];
}
