using Faultline.Model;
using Faultline.Text;

namespace Faultline.Analysis.Echoes;

/// <summary>
/// The echo stage's view of a list of posts: weighted stem vectors, entity sets and a time-ordered inverted index.
/// Built once per run; read-only afterwards, so candidate search runs on every core.
/// </summary>
internal sealed class EchoModel
{
    private readonly EchoOptions _options;
    private readonly IReadOnlyList<AnalysisPost> _posts;
    private readonly Doc[] _docs;          // by input index
    private readonly int[] _order;         // rank → input index, by (Published, Id)
    private readonly long[] _ticks;        // by rank
    private readonly int[] _postingStart;  // term → start in _postings (CSR); _postingStart[t + 1] is its end
    private readonly int[] _postings;      // ranks, ascending within a term

    private EchoModel(EchoOptions options, IReadOnlyList<AnalysisPost> posts, Doc[] docs, int[] order,
        long[] ticks, int[] postingStart, int[] postings)
    {
        _options = options;
        _posts = posts;
        _docs = docs;
        _order = order;
        _ticks = ticks;
        _postingStart = postingStart;
        _postings = postings;
    }

    /// <summary>One post, ready to compare.</summary>
    private sealed class Doc
    {
        public int[] Terms = [];          // distinct indexed term ids, ascending
        public float[] Weights = [];      // L2-normalised TF-IDF, parallel to Terms
        public double IdfSum;             // sum of idf over Terms
        public int[] Signature = [];      // rarest terms, for candidate look-up
        public int[] Entities = [];       // entity ids, ascending
        public double EntityIdfSum;
        public bool HasLink;
    }

    /// <summary>What one post yields before ids are assigned.</summary>
    private readonly record struct Raw(Dictionary<string, int> Stems, HashSet<string> Entities);

    public static EchoModel Build(IReadOnlyList<AnalysisPost> posts, EchoOptions options)
    {
        var n = posts.Count;
        var raws = new Raw[n];
        Parallel.For(0, n, i => raws[i] = Extract(posts[i]));

        // Ids and document frequencies, in input order so ids are deterministic.
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var termDf = new List<int>();
        var entityIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var entityDf = new List<int>();
        var entityIsLink = new List<bool>();
        var entityIsNumber = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            foreach (var stem in raws[i].Stems.Keys)
            {
                if (!termIds.TryGetValue(stem, out var id))
                {
                    termIds[stem] = id = termDf.Count;
                    termDf.Add(0);
                }
                termDf[id]++;
            }
            foreach (var e in raws[i].Entities)
            {
                if (!entityIds.TryGetValue(e, out var id))
                {
                    entityIds[e] = id = entityDf.Count;
                    entityDf.Add(0);
                    entityIsLink.Add(e.StartsWith("l:", StringComparison.Ordinal));
                    entityIsNumber.Add(e.StartsWith("n:", StringComparison.Ordinal));
                }
                entityDf[id]++;
            }
        }
        var stopDf = Math.Max(100, options.MaxDocumentShare * n);
        var termIdf = termDf.Select(df => df > stopDf ? 0.0 : Math.Log((n + 1.0) / df)).ToArray();
        var entityIdf = entityDf.Select(df => Math.Log((n + 1.0) / df)).ToArray();

        var docs = new Doc[n];
        Parallel.For(0, n, i =>
        {
            var raw = raws[i];
            var terms = new List<(int Id, double W, double Idf)>(raw.Stems.Count);
            foreach (var (stem, tf) in raw.Stems)
            {
                var id = termIds[stem];
                var idf = termIdf[id];
                if (idf > 0) terms.Add((id, (1 + Math.Log(tf)) * idf, idf));
            }
            terms.Sort((a, b) => a.Id.CompareTo(b.Id));
            var norm = Math.Sqrt(terms.Sum(t => t.W * t.W));
            var doc = new Doc
            {
                Terms = terms.Select(t => t.Id).ToArray(),
                Weights = terms.Select(t => norm > 0 ? (float)(t.W / norm) : 0f).ToArray(),
                IdfSum = terms.Sum(t => t.Idf),
                Signature = terms.Where(t => termDf[t.Id] >= 2)
                    .OrderByDescending(t => t.Idf).ThenBy(t => t.Id)
                    .Take(options.SignatureTerms).Select(t => t.Id).ToArray(),
            };
            var entities = raw.Entities.Select(e => entityIds[e]).Order().ToArray();
            doc.Entities = entities;
            doc.EntityIdfSum = entities.Sum(e => entityIdf[e]);
            doc.HasLink = entities.Any(e => entityIsLink[e]);
            docs[i] = doc;
            raws[i] = default; // the strings are no longer needed; at a million posts they are most of the memory
        });

        var order = Enumerable.Range(0, n).OrderBy(i => posts[i].Published.UtcTicks).ThenBy(i => posts[i].Id).ToArray();
        var ticks = new long[n];
        for (var r = 0; r < n; r++)
        {
            ticks[r] = posts[order[r]].Published.UtcTicks;
        }

        // Postings in CSR form: count, prefix-sum, fill in rank order so every list is ascending.
        var start = new int[termDf.Count + 1];
        foreach (var d in docs)
            foreach (var t in d.Terms) start[t + 1]++;
        for (var t = 0; t < termDf.Count; t++) start[t + 1] += start[t];
        var fill = start[..^1].ToArray();
        var postings = new int[start[^1]];
        for (var r = 0; r < n; r++)
            foreach (var t in docs[order[r]].Terms) postings[fill[t]++] = r;

        return new EchoModel(options, posts, docs, order, ticks, start, postings)
        {
            _termIdf = termIdf,
            _entityIdf = entityIdf,
            _entityIsLink = [.. entityIsLink],
            _entityIsNumber = [.. entityIsNumber],
        };
    }

    private double[] _termIdf = [];
    private double[] _entityIdf = [];
    private bool[] _entityIsLink = [];
    private bool[] _entityIsNumber = [];

    /// <summary>Adds to <paramref name="output"/> the earlier posts that echo the post at <paramref name="rank"/>.</summary>
    public void Candidates(int rank, Dictionary<int, int> hits, double minScore, List<EchoCandidate> output)
    {
        var later = _order[rank];
        var doc = _docs[later];
        if (doc.Terms.Length < _options.MinDistinctTerms) return;
        var source = _posts[later].SourceId;
        var from = _ticks[rank] - _options.Window.Ticks;
        hits.Clear();
        foreach (var term in doc.Signature)
        {
            var lo = _postingStart[term];
            var hi = _postingStart[term + 1];
            var end = LowerBound(lo, hi, rank);                 // earlier ranks only
            var begin = FirstAtOrAfter(lo, end, from);          // inside the window
            if (end - begin > _options.MaxPostingsPerTerm) continue;
            for (var k = begin; k < end; k++)
            {
                var other = _postings[k];
                if (_posts[_order[other]].SourceId == source) continue;
                hits[other] = hits.GetValueOrDefault(other) + 1;
            }
        }
        var need = Math.Min(_options.MinSharedSignatureTerms, doc.Signature.Length);
        foreach (var (other, count) in hits)
        {
            if (count < need) continue;
            var earlier = _order[other];
            if (_docs[earlier].Terms.Length < _options.MinDistinctTerms) continue;
            var score = Pair(earlier, later);
            if (score.Score >= minScore) output.Add(new EchoCandidate(earlier, later, score));
        }
    }

    /// <summary>The score of two posts by input index.</summary>
    public EchoScore Pair(int a, int b)
    {
        var x = _docs[a];
        var y = _docs[b];
        double dot = 0, sharedIdf = 0;
        for (int i = 0, j = 0; i < x.Terms.Length && j < y.Terms.Length;)
        {
            var c = x.Terms[i].CompareTo(y.Terms[j]);
            if (c == 0)
            {
                dot += x.Weights[i] * y.Weights[j];
                sharedIdf += _termIdf[x.Terms[i]];
                i++;
                j++;
            }
            else if (c < 0) i++;
            else j++;
        }
        var minIdf = Math.Min(x.IdfSum, y.IdfSum);
        var containment = minIdf > 0 ? sharedIdf / minIdf : 0;

        double sharedEntities = 0;
        var sharedLink = false;
        var sharedNumbers = 0;
        for (int i = 0, j = 0; i < x.Entities.Length && j < y.Entities.Length;)
        {
            var c = x.Entities[i].CompareTo(y.Entities[j]);
            if (c == 0)
            {
                sharedEntities += _entityIdf[x.Entities[i]];
                sharedLink |= _entityIsLink[x.Entities[i]];
                if (_entityIsNumber[x.Entities[i]]) sharedNumbers++;
                i++;
                j++;
            }
            else if (c < 0) i++;
            else j++;
        }
        var minEntities = Math.Min(x.EntityIdfSum, y.EntityIdfSum);
        var entities = minEntities > 0 ? sharedEntities / minEntities : 0;
        var cosine = Math.Min(1.0, dot);
        var numberConflict = sharedNumbers == 0 && x.Entities.Any(e => _entityIsNumber[e]) && y.Entities.Any(e => _entityIsNumber[e]);
        var lag = (_posts[a].Published - _posts[b].Published).Duration();
        return new EchoScore(cosine, containment, entities, sharedLink, numberConflict, lag,
            EchoFinder.Combine(cosine, containment, sharedLink, numberConflict, lag, _options.ScoreHalvesAfter));
    }

    /// <summary>First position in [lo, hi) whose rank is not below <paramref name="rank"/>.</summary>
    private int LowerBound(int lo, int hi, int rank)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_postings[mid] < rank) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>First position in [lo, hi) whose post was published at or after <paramref name="ticks"/>.</summary>
    private int FirstAtOrAfter(int lo, int hi, long ticks)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ticks[_postings[mid]] < ticks) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Stems with their counts, and entity keys, of one post.</summary>
    private static Raw Extract(AnalysisPost post)
    {
        var language = LanguageCodes.Parse(post.Language);
        var normalized = TextNormalizer.Normalize(post.Text);
        var stems = new Dictionary<string, int>(StringComparer.Ordinal);
        var entities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in SearchText.IndexTermsOfNormalized(normalized, language).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            stems[stem] = stems.GetValueOrDefault(stem) + 1;
            if (stem.Any(char.IsAsciiDigit)) entities.Add("n:" + stem);
        }
        AddNames(post.Text, language, entities);
        foreach (var e in EntityScanner.Scan(post.Text))
        {
            switch (e.Kind)
            {
                case EntityKind.Mention when e.Value is not null:
                    entities.Add("@" + e.Value.ToLowerInvariant());
                    break;
                case EntityKind.Hashtag when e.Value is not null:
                    entities.Add("#" + e.Value.ToLowerInvariant());
                    break;
                case EntityKind.Link when e.Value is not null:
                    entities.Add("l:" + LinkKey(e.Value));
                    break;
            }
        }
        foreach (var link in post.Links) entities.Add("l:" + LinkKey(link.Url));
        return new Raw(stems, entities);
    }

    /// <summary>
    /// Capitalised words that do not open a sentence: in Russian, Ukrainian and English news these are names of
    /// people, places and organisations (and acronyms such as МВД), the facts a retelling keeps.
    /// </summary>
    private static void AddNames(string text, Language language, HashSet<string> entities)
    {
        var position = 0;
        while (Tokenizer.NextWord(text, ref position, out var start, out var length, out _))
        {
            if (length < 2 || !char.IsUpper(text[start])) continue;
            var p = start - 1;
            while (p >= 0 && char.IsWhiteSpace(text[p]) && text[p] != '\n') p--;
            if (p < 0) continue;
            var prev = text[p];
            if (!(char.IsLetterOrDigit(prev) || prev is ',' or ';' or ':' or '«' or '"' or '(' or '-' or '–' or '—' or '„' or '“')) continue;
            var word = text.Substring(start, length).ToLowerInvariant();
            var wordLanguage = language == Language.Other ? Stemmer.LanguageOfWord(word) : language;
            entities.Add("c:" + Stemmer.Stem(word, wordLanguage));
        }
    }

    /// <summary>A link without scheme, "www.", case differences or a trailing slash.</summary>
    private static string LinkKey(string url)
    {
        var s = url.Trim().ToLowerInvariant();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) s = s[(scheme + 3)..];
        if (s.StartsWith("www.", StringComparison.Ordinal)) s = s[4..];
        return s.TrimEnd('/');
    }
}
