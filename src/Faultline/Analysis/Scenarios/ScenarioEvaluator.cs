using System.Globalization;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Claims;
using Faultline.Analysis.Fractures;
using Faultline.Archive;
using Faultline.Text;

namespace Faultline.Analysis.Scenarios;

/// <summary>
/// Fills a scenario file's ACH matrix from the archive for a day and the day before, scores and ranks the hypotheses
/// and says what changed. Every window ends at the end of the day evaluated (UTC). Each indicator is asked of the
/// archive once for both days (the span from the earlier day's window start to the later day's end), then split by
/// time; stance and mention data are read once for all indicators, claims once. Deterministic: the same archive,
/// file and day give the same board.
/// </summary>
internal sealed class ScenarioEvaluator
{
    /// <summary>How many posts each item keeps for citation.</summary>
    public const int CitedPosts = 3;

    /// <summary>
    /// How long before a claim indicator's window a member post may have been published for a lifecycle event inside the
    /// window (an edit or deletion recorded later) to be seen.
    /// </summary>
    public static readonly TimeSpan ClaimSlack = TimeSpan.FromDays(7);

    private readonly IArchive _archive;
    private readonly ActorRegistry _registry;
    private readonly Dictionary<long, SourceSummary> _sources;
    private readonly Dictionary<string, long> _sourceByKey;
    private readonly Dictionary<long, StoredPost?> _stored = [];
    private readonly Lazy<MentionFinder> _mentions;

    /// <summary>
    /// An evaluator over an archive, reading blocs and actors through the registry. <paramref name="sources"/> is the
    /// archive's source list when the caller has it already (reading it costs a pass over every post).
    /// </summary>
    public ScenarioEvaluator(IArchive archive, ActorRegistry registry, IEnumerable<SourceSummary>? sources = null)
    {
        _archive = archive;
        _registry = registry;
        var list = (sources ?? archive.Sources()).ToList();
        _sources = list.ToDictionary(s => s.Id);
        _sourceByKey = list.ToDictionary(s => s.Info.Key, s => s.Id, StringComparer.Ordinal);
        _mentions = new(() => new MentionFinder(registry));
    }

    /// <summary>The last UTC day with a post in any of the sources, or null when they hold none.</summary>
    public static DateOnly? LastDay(IEnumerable<SourceSummary> sources)
        => sources.Select(s => s.Last).Where(t => t is not null).Max() is { } last ? DateOnly.FromDateTime(last.UtcDateTime) : null;

    /// <summary>
    /// The board for <paramref name="date"/>. The file must be valid for the registry (<see cref="ScenarioFile.Validate"/>);
    /// an invalid file is a programming error here, never an analyst's.
    /// </summary>
    public ScenarioBoard Evaluate(ScenarioFile file, DateOnly date)
    {
        var problems = file.Validate(_registry);
        if (problems.Count > 0) throw new InvalidOperationException("the scenario file has problems: " + problems[0]);
        var notes = new List<string>();
        var end = Start(date.AddDays(1));
        var previousEnd = Start(date);
        var candidates = Gather(file, previousEnd, end, notes);
        var today = Day(file, date, candidates);
        var previous = Day(file, date.AddDays(-1), candidates);
        var weights = file.Items.Select(i => (i, Weight(i)));
        return new ScenarioBoard(file, today, previous, AchMatrix.Compare(previous, today), AchMatrix.DiagnosticityOf(file.Hypotheses, weights), notes);
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static double Weight(EvidenceItem item) => item is ManualEvidence m ? item.Weight * m.CredibilityFactor : item.Weight;

    /// <summary>One candidate evidence post of an item: when, from whom, how relevant (search score; higher first), and its claim.</summary>
    private readonly record struct Candidate(long PostId, long SourceId, DateTimeOffset Time, double Score, long Claim = 0);

    /// <summary>What the archive gave an item over both days' span, before the split by window.</summary>
    private sealed class Gathered
    {
        public List<Candidate> Posts { get; } = [];
        public bool Capped { get; set; }
        public string Note { get; set; } = "";
        public QueryTerms? Terms { get; init; }
        public StoredPost? Cited { get; set; }
        public List<StanceRecord> Window { get; } = [];
        public Dictionary<long, string> Claims { get; } = [];
    }

    private Dictionary<string, Gathered> Gather(ScenarioFile file, DateTimeOffset previousEnd, DateTimeOffset end, List<string> notes)
    {
        var gathered = new Dictionary<string, Gathered>(StringComparer.Ordinal);
        var indicators = file.Indicators.ToList();
        // Stance and mentions: one read for every actor and stance indicator, wide enough for each one's background.
        var stanceFrom = indicators.Where(i => i.Kind is IndicatorKind.Actor or IndicatorKind.Stance)
            .Select(i => previousEnd - i.Window - (i.Kind == IndicatorKind.Stance ? i.Background : TimeSpan.Zero)).DefaultIfEmpty(end).Min();
        var stances = stanceFrom < end ? _archive.Stances(stanceFrom, end) : [];
        var resolver = stanceFrom < end ? Resolver() : null;
        // Posts of the source indicators without terms: one read for the widest of their windows.
        var postsFrom = indicators.Where(i => i.Kind == IndicatorKind.Source && i.Terms is null).Select(i => previousEnd - i.Window).DefaultIfEmpty(end).Min();
        var windowPosts = postsFrom < end ? _archive.AnalysisPosts(0, postsFrom, end).Select(p => new Candidate(p.Id, p.SourceId, p.Published, 0)).ToList() : [];
        var claims = indicators.Any(i => i.Kind == IndicatorKind.Claim)
            ? ClaimsActive(indicators.Where(i => i.Kind == IndicatorKind.Claim).Select(i => previousEnd - i.Window).Min(), end)
            : new ClaimPool(_archive, []);
        foreach (var item in file.Items)
        {
            switch (item)
            {
                case ManualEvidence m:
                    gathered[m.Id] = new Gathered { Cited = PostCitation.Resolve(_archive, m.Citation) };
                    if (gathered[m.Id].Cited is null)
                        notes.Add($"Evidence «{m.Title}» ({m.Id}) cites {m.Citation}, which is not in the archive: it is not counted.");
                    break;
                case Indicator i:
                    var from = previousEnd - i.Window;
                    gathered[i.Id] = i.Kind switch
                    {
                        IndicatorKind.Query => Search(i, i.Terms!, null, from, end, notes),
                        IndicatorKind.Source => Sources(i, from, end, notes, windowPosts),
                        IndicatorKind.Claim => Claims(i, claims, from, end),
                        _ => Stances(i, stances, resolver!, from - (i.Kind == IndicatorKind.Stance ? i.Background : TimeSpan.Zero), end),
                    };
                    break;
            }
        }
        return gathered;
    }

    private BlocResolver Resolver()
    {
        var authors = new Dictionary<long, string>();
        foreach (var s in _sources.Values)
            if (s.Info.Handle is { } h && _registry.ActorForHandle(h) is { } actor) authors[s.Id] = actor.Id;
        return new BlocResolver(authors, _registry.Memberships);
    }

    private Gathered Search(Indicator i, string terms, string? source, DateTimeOffset from, DateTimeOffset to, List<string> notes)
    {
        var node = QueryNode.Parse(terms);
        var gathered = new Gathered { Terms = node.PositiveTerms() };
        // Every ranked hit comes back (a provider ranks at most its newest 1,000 matches), so both days can be split from one search.
        var result = _archive.Search(new SearchQuery(terms) { From = from, To = to, Language = i.Language, Source = source, Limit = 1000 });
        foreach (var hit in result.Hits)
        {
            if (!_sourceByKey.TryGetValue(hit.Post.Source.Key, out var sourceId)) continue;
            gathered.Posts.Add(new Candidate(hit.Post.Id, sourceId, hit.Post.Post.Published, hit.Score));
            _stored[hit.Post.Id] = hit.Post;
        }
        if (result.Capped)
        {
            gathered.Capped = true;
            notes.Add($"Indicator «{i.Title}» ({i.Id}): the search stopped at its cap of {result.Ranked:N0} posts; the counts are lower bounds.");
        }
        return gathered;
    }

    private Gathered Sources(Indicator i, DateTimeOffset from, DateTimeOffset to, List<string> notes, List<Candidate> windowPosts)
    {
        var ids = new List<long>();
        var missing = new List<string>();
        var found = new List<string>();
        foreach (var handle in i.Channels)
        {
            var match = _sources.Values.Where(s => string.Equals(s.Info.Handle, handle, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).OrderBy(x => x).ToList();
            if (match.Count == 0) missing.Add("@" + handle);
            else found.Add(handle);
            ids.AddRange(match);
        }
        if (missing.Count > 0)
            notes.Add($"Indicator «{i.Title}» ({i.Id}): {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not in the archive; {found.Count} of {i.Channels.Count} channels are watched.");
        var wanted = ids.ToHashSet();
        if (i.Terms is { } terms)
        {
            // One search over the span, kept to the watched channels: one query however many channels are watched.
            var all = found.Count == 0 ? new Gathered() : Search(i, terms, found.Count == 1 ? found[0] : null, from, to, notes);
            var gathered = new Gathered { Terms = QueryNode.Parse(terms).PositiveTerms(), Capped = all.Capped };
            gathered.Posts.AddRange(all.Posts.Where(p => wanted.Contains(p.SourceId)));
            return gathered;
        }
        var result = new Gathered();
        result.Posts.AddRange(windowPosts.Where(p => wanted.Contains(p.SourceId) && p.Time >= from && p.Time < to));
        return result;
    }

    private static Gathered Stances(Indicator i, IReadOnlyList<StanceRecord> records, BlocResolver resolver, DateTimeOffset from, DateTimeOffset to)
    {
        var gathered = new Gathered();
        foreach (var r in records)
        {
            if (r.Published < from || r.Published >= to) continue;
            var day = BlocResolver.DayOf(r.Published);
            if (i.Kind == IndicatorKind.Actor)
            {
                if (r.ActorId != i.ActorId || (i.Stance is { } s && r.Stance != s)) continue;
                if (i.ByBloc is { } by && !(resolver.ActorOfAuthor(r.AuthorSourceId) is { } author && resolver.BlocsOf(author, day).Contains(by))) continue;
                gathered.Window.Add(r);
            }
            else if (resolver.ActorOfAuthor(r.AuthorSourceId) is { } author && resolver.BlocsOf(author, day).Contains(i.AuthorBloc)
                     && resolver.BlocsOf(r.ActorId, day).Contains(i.TargetBloc))
            {
                gathered.Window.Add(r);
            }
        }
        return gathered;
    }

    /// <summary>
    /// The claims active in the claim indicators' span, with the text their terms are matched against — title, origin
    /// post and key terms — built only for the claims an indicator could count (its origin posts read in one batch).
    /// </summary>
    private sealed class ClaimPool(IArchive archive, IReadOnlyList<Claim> claims)
    {
        private readonly Dictionary<long, TermMatch> _texts = [];

        public IReadOnlyList<Claim> Claims => claims;

        public void Prepare(IEnumerable<Claim> candidates)
        {
            var missing = candidates.Where(c => !_texts.ContainsKey(c.Id)).ToList();
            if (missing.Count == 0) return;
            var origins = archive.AnalysisPostsById(missing.Where(c => c.Members.Count > 0).Select(c => c.Members[0].PostId)).ToDictionary(p => p.Id);
            foreach (var c in missing)
            {
                var origin = c.Members.Count > 0 && origins.TryGetValue(c.Members[0].PostId, out var p) ? p.Text : "";
                _texts[c.Id] = TermMatch.Of(c.Title + "\n" + origin + "\n" + string.Join(" ", c.KeyTerms), LanguageCodes.Parse(c.Language));
            }
        }

        public TermMatch Text(Claim claim) => _texts[claim.Id];
    }

    private ClaimPool ClaimsActive(DateTimeOffset from, DateTimeOffset to)
    {
        bool In(DateTimeOffset t) => t >= from && t < to;
        // Widened so that an event recorded a few days after its member was published (an edit that walks a claim back,
        // a deletion) is seen.
        var active = _archive.ClaimsTouching(from - ClaimSlack, to).Where(c => c.Members.Any(m => In(m.Published)) || c.Lifecycle.Any(e => In(e.Time)))
            .OrderBy(c => c.Id).ToList();
        return new ClaimPool(_archive, active);
    }

    private static Gathered Claims(Indicator i, ClaimPool pool, DateTimeOffset from, DateTimeOffset to)
    {
        var node = QueryNode.Parse(i.Terms!);
        var gathered = new Gathered { Terms = node.PositiveTerms() };
        IEnumerable<(long PostId, DateTimeOffset Time)> Posts(Claim claim) => i.Status is { } status
            ? claim.Lifecycle.Where(e => e.Kind == status && e.Time >= from && e.Time < to).Select(e => (e.PostId, e.Time))
            : claim.Members.Where(m => m.Published >= from && m.Published < to).Select(m => (m.PostId, m.Published));
        var candidates = pool.Claims.Where(c => Posts(c).Any()).ToList();
        pool.Prepare(candidates);
        foreach (var claim in candidates)
        {
            if (!pool.Text(claim).Matches(node)) continue;
            foreach (var (postId, time) in Posts(claim))
            {
                var sourceId = claim.Members.FirstOrDefault(m => m.PostId == postId)?.SourceId ?? 0;
                gathered.Posts.Add(new Candidate(postId, sourceId, time, 0, claim.Id));
                gathered.Claims[claim.Id] = claim.Title;
            }
        }
        return gathered;
    }

    private BoardDay Day(ScenarioFile file, DateOnly date, Dictionary<string, Gathered> gathered)
    {
        var to = Start(date.AddDays(1));
        var findings = file.Items.Select(item => item switch
        {
            ManualEvidence m => Manual(m, gathered[m.Id], to),
            Indicator { Kind: IndicatorKind.Stance } s => StanceShift(s, gathered[s.Id], to),
            Indicator i => Count(i, gathered[i.Id], to),
            _ => throw new InvalidOperationException("unknown item"),
        }).ToList();
        return new BoardDay(date, findings, AchMatrix.Score(file.Hypotheses, findings));
    }

    private ItemFinding Manual(ManualEvidence m, Gathered g, DateTimeOffset to)
    {
        var weight = Weight(m);
        var credibility = $"information credibility {m.Credibility} ({m.CredibilityWords}): weight {AchMatrix.Number(m.Weight)} × {AchMatrix.Number(m.CredibilityFactor)} = {AchMatrix.Number(weight)}";
        if (g.Cited is not { } post)
            return new ItemFinding(m, DateTimeOffset.MinValue, to, false, 0, false, [], [], weight, $"cites {m.Citation}: not in the archive, not counted; {credibility}");
        _stored[post.Id] = post;
        var cited = Cite([post.Id], null)[0];
        var observed = post.Post.Published < to;
        var detail = observed ? $"cites {cited.Reference} of {Time(post.Post.Published)}; {credibility}" : $"cites {cited.Reference}, published {Time(post.Post.Published)}, after this day: not yet counted";
        return new ItemFinding(m, post.Post.Published, to, observed, observed ? 1 : 0, false, observed ? [post.Id] : [], observed ? [cited] : [], weight, detail);
    }

    private ItemFinding Count(Indicator i, Gathered g, DateTimeOffset to)
    {
        var from = to - i.Window;
        List<Candidate> inWindow;
        if (i.Kind == IndicatorKind.Actor)
            inWindow = g.Window.Where(r => r.Published >= from && r.Published < to).GroupBy(r => r.PostId)
                .Select(grp => new Candidate(grp.Key, grp.First().AuthorSourceId, grp.First().Published, 0)).ToList();
        else
            inWindow = g.Posts.Where(c => c.Time >= from && c.Time < to).GroupBy(c => c.PostId).Select(grp => grp.MinBy(c => c.Time)).ToList();
        var count = inWindow.Count;
        var observed = count >= i.Threshold;
        var ids = inWindow.OrderBy(c => c.Time).ThenBy(c => c.PostId).Select(c => c.PostId).ToList();
        var top = inWindow.OrderByDescending(c => c.Score).ThenBy(c => c.Time).ThenBy(c => c.PostId).Take(CitedPosts).ToList();
        var detail = $"{count}{(g.Capped ? "+" : "")} post{(count == 1 ? "" : "s")} in {Span(i.Window)} (threshold {i.Threshold})";
        if (i.Kind == IndicatorKind.Claim && inWindow.Count > 0)
        {
            var claims = inWindow.Select(c => c.Claim).Distinct().Order().ToList();
            var named = claims.Take(3).Select(c => $"#{c} «{Shorten(g.Claims[c], 60)}»");
            detail += $"; {(i.Status is { } s ? ScenarioFile.StatusName(s) + " events of " : "from ")}claim{(claims.Count == 1 ? "" : "s")} {string.Join(", ", named)}{(claims.Count > 3 ? $" and {claims.Count - 3} more" : "")}";
        }
        var cited = i.Kind == IndicatorKind.Actor ? Cite(top.Select(c => c.PostId).ToList(), null, (actor, _) => actor == i.ActorId) : Cite(top.Select(c => c.PostId).ToList(), g.Terms);
        return new ItemFinding(i, from, to, observed, count, g.Capped, ids, cited, i.Weight, detail);
    }

    private ItemFinding StanceShift(Indicator i, Gathered g, DateTimeOffset to)
    {
        var from = to - i.Window;
        var backgroundFrom = from - i.Background;
        StanceTally window = default, background = default;
        foreach (var r in g.Window)
        {
            if (r.Published >= from && r.Published < to) window = window.With(r.Stance);
            else if (r.Published >= backgroundFrom && r.Published < from) background = background.With(r.Stance);
        }
        var wanted = i.Shift > 0 ? StanceKind.Criticise : StanceKind.Support;
        var evidence = g.Window.Where(r => r.Published >= from && r.Published < to && r.Stance == wanted)
            .GroupBy(r => r.PostId).Select(grp => grp.First()).OrderBy(r => r.Published).ThenBy(r => r.PostId).ToList();
        var now = window.Total == 0 ? double.NaN : window.NetCriticismRate;
        var before = background.Total == 0 ? 0 : background.NetCriticismRate;
        var change = double.IsNaN(now) ? double.NaN : now - before;
        var moved = !double.IsNaN(change) && (i.Shift > 0 ? change >= i.Shift - 1e-9 : change <= i.Shift + 1e-9);
        var observed = moved && evidence.Count >= i.Threshold;
        var detail = double.IsNaN(now)
            ? $"no calls by {i.AuthorBloc} about {i.TargetBloc} in {Span(i.Window)}"
            : $"net criticism {i.AuthorBloc} → {i.TargetBloc} {AchMatrix.Signed(now)} in {Span(i.Window)} ({Calls(window.Total)}) against {AchMatrix.Signed(before)} in the {Span(i.Background)} before ({Calls(background.Total)}): change {AchMatrix.Signed(change)}, needs {(i.Shift > 0 ? "+" : "")}{AchMatrix.Number(i.Shift)} {(i.Shift > 0 ? "or more" : "or less")}; {evidence.Count} {(wanted == StanceKind.Criticise ? "critical" : "supportive")} post{(evidence.Count == 1 ? "" : "s")} (threshold {i.Threshold})";
        return new ItemFinding(i, from, to, observed, evidence.Count, false, evidence.Select(r => r.PostId).ToList(),
            Cite(evidence.Take(CitedPosts).Select(r => r.PostId).ToList(), null, (actor, day) => _registry.BlocsOf(actor, day).Contains(i.TargetBloc!)), i.Weight, detail)
        {
            Change = double.IsNaN(change) ? null : change,
        };

        static string Calls(int n) => n == 1 ? "1 call" : $"{n} calls";
    }

    /// <summary>
    /// The posts to cite, with a verbatim excerpt of each one's current version: the sentence with the first word that
    /// matches the terms, or with the first mention of an actor the filter accepts, else the opening sentence.
    /// </summary>
    private List<EvidencePost> Cite(IReadOnlyList<long> ids, QueryTerms? terms, Func<string, DateOnly, bool>? actor = null)
    {
        var missing = ids.Where(id => !_stored.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var id in missing) _stored[id] = null;
            foreach (var p in _archive.AnalysisPostsById(missing))
                if (_sources.TryGetValue(p.SourceId, out var source)) _stored[p.Id] = _archive.FindPost(source.Info.Key, p.NativeId);
        }
        var list = new List<EvidencePost>();
        foreach (var id in ids)
        {
            if (_stored[id] is not { } stored) continue;
            var text = stored.Post.Text;
            string? excerpt = null;
            if (actor is not null)
            {
                var day = BlocResolver.DayOf(stored.Post.Published);
                if (_mentions.Value.Find(text).FirstOrDefault(m => actor(m.ActorId, day)) is { } mention) excerpt = Excerpts.At(text, mention.Offset);
            }
            excerpt ??= Excerpts.Of(text, stored.Language, terms);
            list.Add(new EvidencePost(stored.Id, _sourceByKey.GetValueOrDefault(stored.Source.Key), stored.Source.Title ?? stored.Source.Key, stored.Source.Handle,
                stored.Post.NativeId, stored.Post.Published, stored.CanonicalUrl, excerpt));
        }
        return list;
    }

    private static string Span(TimeSpan span) => span.TotalHours % 24 == 0
        ? (span.TotalDays == 1 ? "the day" : $"{span.TotalDays:0} days")
        : (span.TotalHours == 1 ? "the hour" : $"{span.TotalHours:0} hours");

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Shorten(string s, int n)
    {
        var one = s.ReplaceLineEndings(" ");
        return one.Length <= n ? one : one[..(n - 1)] + "…";
    }
}
