using Faultline.Archive;
using Faultline.Text;

namespace Faultline.Analysis.Scenarios;

/// <summary>
/// Runs a parsed query (<see cref="QueryNode"/>) over one text in memory with the same rules as the full-text index:
/// the text's stems in order, words by any candidate stem, prefixes over stems, phrases as adjacent stems. Used where
/// the archive holds the text but not an index over it (a claim's title and origin post).
/// </summary>
internal sealed class TermMatch
{
    private readonly string[] _terms;
    private readonly HashSet<string> _set;

    private TermMatch(string[] terms)
    {
        _terms = terms;
        _set = new HashSet<string>(terms, StringComparer.Ordinal);
    }

    /// <summary>The stems of a text, as the index would store them.</summary>
    public static TermMatch Of(string text, Language language)
        => new(SearchText.IndexTerms(text, language).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>True when the query matches the text.</summary>
    public bool Matches(QueryNode node) => node switch
    {
        WordNode w => w.Stems.Any(_set.Contains),
        PrefixNode p => _terms.Any(t => t.StartsWith(p.Prefix, StringComparison.Ordinal)),
        PhraseNode ph => HasPhrase(ph.Stems),
        AndNode a => a.Items.All(Matches),
        OrNode o => o.Items.Any(Matches),
        NotNode n => !Matches(n.Inner),
        _ => false,
    };

    private bool HasPhrase(IReadOnlyList<string> stems)
    {
        if (stems.Count == 0) return false;
        for (var i = 0; i + stems.Count <= _terms.Length; i++)
        {
            var all = true;
            for (var k = 0; k < stems.Count && all; k++) all = string.Equals(_terms[i + k], stems[k], StringComparison.Ordinal);
            if (all) return true;
        }
        return false;
    }
}
