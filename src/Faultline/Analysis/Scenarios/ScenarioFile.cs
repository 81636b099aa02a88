using System.Globalization;
using System.Text.RegularExpressions;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Claims;
using Faultline.Archive;

namespace Faultline.Analysis.Scenarios;

/// <summary>
/// A scenario file as read: hypotheses, the indicators watched in the archive and the analyst's own evidence, each
/// marked against every hypothesis (docs/scenarios.md). Reading never throws on content: every bad line becomes a
/// <see cref="ScenarioProblem"/> naming the file, the line and the reason, and the rest is still read.
/// </summary>
internal sealed partial class ScenarioFile
{
    private ScenarioFile(string name, string title, string description, IReadOnlyList<Hypothesis> hypotheses, IReadOnlyList<EvidenceItem> items, IReadOnlyList<ScenarioProblem> problems)
    {
        Name = name;
        Title = title;
        Description = description;
        Hypotheses = hypotheses;
        Items = items;
        Problems = problems;
    }

    /// <summary>The file as the analyst named it (used in problems).</summary>
    public string Name { get; }

    /// <summary>The scenario's title (the file name when the file gives none).</summary>
    public string Title { get; }

    /// <summary>What the board is about.</summary>
    public string Description { get; }

    /// <summary>Hypotheses in file order.</summary>
    public IReadOnlyList<Hypothesis> Hypotheses { get; }

    /// <summary>Indicators and manual evidence in file order.</summary>
    public IReadOnlyList<EvidenceItem> Items { get; }

    /// <summary>The indicators.</summary>
    public IEnumerable<Indicator> Indicators => Items.OfType<Indicator>();

    /// <summary>The analyst's own evidence.</summary>
    public IEnumerable<ManualEvidence> ManualEvidence => Items.OfType<ManualEvidence>();

    /// <summary>What was wrong with the text, in line order; empty when the file is sound.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }

    /// <summary>Reads a scenario file; I/O errors propagate, content problems do not.</summary>
    public static ScenarioFile Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads scenario text; <paramref name="name"/> names it in problems.</summary>
    public static ScenarioFile Parse(string text, string name = "scenarios")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(name).Parse(text);
    }

    /// <summary>
    /// Parse problems plus what the registry contradicts: an actor id it lacks, a bloc no membership names. Empty when
    /// the board can be evaluated.
    /// </summary>
    public IReadOnlyList<ScenarioProblem> Validate(ActorRegistry registry)
    {
        var problems = new List<ScenarioProblem>(Problems);
        var blocs = registry.Blocs.Select(b => b.Id).Concat(registry.Memberships.Select(m => m.Bloc)).ToHashSet(StringComparer.Ordinal);
        foreach (var i in Indicators)
        {
            if (i.ActorId is { } actor && registry.Find(actor) is null)
                problems.Add(new(Name, i.LineOf("actor"), $"indicator '{i.Id}': unknown actor '{Shorten(actor)}' (see `faultline actors`)"));
            foreach (var (bloc, property) in new[] { (i.ByBloc, "by"), (i.AuthorBloc, "between"), (i.TargetBloc, "between") })
                if (bloc is not null && !blocs.Contains(bloc))
                    problems.Add(new(Name, i.LineOf(property), $"indicator '{i.Id}': unknown bloc '{Shorten(bloc)}' (the registry's blocs: {string.Join(", ", registry.Blocs.Select(b => b.Id))})"));
        }
        return problems.OrderBy(p => p.Line).ToList();
    }

    /// <summary>The lifecycle event kinds as written in files ("walked-back").</summary>
    public static string StatusName(LifecycleEventKind kind) => kind switch
    {
        LifecycleEventKind.WalkedBack => "walked-back",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>"3d", "12h", "1w" → a span; null when malformed or outside 1 hour … 366 days.</summary>
    public static TimeSpan? ParseWindow(string text)
    {
        var m = WindowPattern().Match(text.Trim());
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0) return null;
        var span = m.Groups[2].Value.ToLowerInvariant() switch
        {
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7.0 * n),
        };
        return span <= TimeSpan.FromDays(366) ? span : null;
    }

    /// <summary>A window as written: "3d", "12h".</summary>
    public static string WindowText(TimeSpan span)
        => span.TotalHours % 24 == 0 ? ((int)span.TotalDays).ToString(CultureInfo.InvariantCulture) + "d" : ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";

    /// <summary>Why a query cannot be searched, or null when it can (the search syntax, and at least one word outside NOT).</summary>
    public static string? QueryProblem(string terms)
    {
        try
        {
            var node = QueryNode.Parse(terms);
            return Searchable(node) ? null : "a query needs at least one word to look for outside NOT";
        }
        catch (FormatException e)
        {
            return e.Message;
        }

        // Mirrors what the full-text index can run: every AND has a positive part, every OR branch is searchable.
        static bool Searchable(QueryNode node) => node switch
        {
            NotNode => false,
            AndNode a => a.Items.Any(i => i is not NotNode) && a.Items.All(i => i is NotNode n ? Searchable(n.Inner) : Searchable(i)),
            OrNode o => o.Items.All(Searchable),
            _ => true,
        };
    }

    /// <summary>A problem is printed as one line whatever the file held.</summary>
    private static string OneLine(string s) => string.Concat(s.Select(c => char.IsControl(c) ? ' ' : c));

    /// <summary>The analyst's text as quoted in a problem: one line, at most 60 characters.</summary>
    private static string Shorten(string s)
    {
        var one = OneLine(s);
        return one.Length <= 60 ? one : one[..57] + "…";
    }

    [GeneratedRegex(@"^(\d{1,4})([hdwHDW])$")]
    private static partial Regex WindowPattern();

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}_\-\.]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_]{2,64}$")]
    private static partial Regex HandlePattern();

    /// <summary>A block being read: its head line and the properties under it.</summary>
    private sealed class Block(string kind, int line, string id, string title)
    {
        public string Kind { get; } = kind;
        public int Line { get; } = line;
        public string Id { get; } = id;
        public string Title { get; } = title;
        public IndicatorKind IndicatorKind { get; init; }
        public TimeSpan Window { get; init; } = TimeSpan.FromDays(1);
        public Dictionary<string, (string Value, int Line)> Properties { get; } = new(StringComparer.Ordinal);
        public List<string> About { get; } = [];
        public bool Broken { get; set; }
    }

    private sealed class Parser(string name)
    {
        private static readonly string[] HypothesisKeys = ["about"];
        private static readonly string[] EvidenceKeys = ["cite", "credibility", "weight", "marks", "about"];
        private static readonly Dictionary<IndicatorKind, string[]> IndicatorKeys = new()
        {
            [IndicatorKind.Query] = ["terms", "language", "threshold", "weight", "marks", "about"],
            [IndicatorKind.Actor] = ["actor", "stance", "by", "threshold", "weight", "marks", "about"],
            [IndicatorKind.Stance] = ["between", "shift", "background", "threshold", "weight", "marks", "about"],
            [IndicatorKind.Claim] = ["terms", "status", "threshold", "weight", "marks", "about"],
            [IndicatorKind.Source] = ["channels", "terms", "language", "threshold", "weight", "marks", "about"],
        };

        private readonly List<ScenarioProblem> _problems = [];
        private readonly List<Block> _blocks = [];
        private string? _title;
        private int _titleLine;
        private readonly List<string> _about = [];
        private Block? _current;
        private bool _inScenario;

        public ScenarioFile Parse(string text)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var lineNo = i + 1;
                var line = lines[i].TrimEnd('\r').Trim();
                if (i == 0) line = line.TrimStart('\uFEFF').Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var space = line.IndexOfAny([' ', '\t']);
                var head = space < 0 ? line : line[..space];
                var rest = space < 0 ? "" : line[(space + 1)..].Trim();
                switch (head.ToLowerInvariant())
                {
                    case "scenario":
                        ReadScenario(rest, lineNo);
                        break;
                    case "hypothesis":
                        ReadHead("hypothesis", rest, lineNo);
                        break;
                    case "indicator":
                        ReadIndicatorHead(rest, lineNo);
                        break;
                    case "evidence":
                        ReadHead("evidence", rest, lineNo);
                        break;
                    default:
                        if (head.EndsWith(':') && head.Length > 1) ReadProperty(head[..^1].ToLowerInvariant(), rest, lineNo);
                        else Problem(lineNo, $"unknown line '{Shorten(line)}' (expected scenario, hypothesis, indicator, evidence, or 'key: value' under one of them)");
                        break;
                }
            }
            return Finish();
        }

        private void ReadScenario(string rest, int lineNo)
        {
            _current = null;
            _inScenario = true;
            var title = rest.StartsWith('|') ? rest[1..].Trim() : rest;
            if (title.Length == 0) Problem(lineNo, "expected 'scenario | <title>'");
            else if (_title is not null) Problem(lineNo, $"the scenario title is already given on line {_titleLine}");
            else (_title, _titleLine) = (title, lineNo);
        }

        private void ReadHead(string kind, string rest, int lineNo)
        {
            _inScenario = false;
            var (left, title) = SplitBar(rest);
            var parts = left.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 1 || title.Length == 0)
            {
                Problem(lineNo, $"expected '{kind} <id> | <{(kind == "evidence" ? "statement" : "title")}>'");
                _current = new Block(kind, lineNo, parts.FirstOrDefault() ?? "", title) { Broken = true };
                return;
            }
            if (!IdPattern().IsMatch(parts[0]))
                Problem(lineNo, $"'{Shorten(parts[0])}' is not an id (letters, digits, '-', '_', '.')");
            _current = new Block(kind, lineNo, parts[0], title);
            _blocks.Add(_current);
        }

        private void ReadIndicatorHead(string rest, int lineNo)
        {
            _inScenario = false;
            var (left, title) = SplitBar(rest);
            var parts = left.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 2 or > 3 || title.Length == 0)
            {
                Problem(lineNo, "expected 'indicator <id> <kind> [<window>] | <title>' (kind: query, actor, stance, claim, source; window like 3d or 12h)");
                _current = new Block("indicator", lineNo, parts.FirstOrDefault() ?? "", title) { Broken = true };
                return;
            }
            IndicatorKind? kind = parts[1].ToLowerInvariant() switch
            {
                "query" => IndicatorKind.Query,
                "actor" => IndicatorKind.Actor,
                "stance" => IndicatorKind.Stance,
                "claim" => IndicatorKind.Claim,
                "source" => IndicatorKind.Source,
                _ => null,
            };
            var broken = false;
            if (!IdPattern().IsMatch(parts[0])) Problem(lineNo, $"'{Shorten(parts[0])}' is not an id (letters, digits, '-', '_', '.')");
            if (kind is null)
            {
                Problem(lineNo, $"unknown indicator kind '{Shorten(parts[1])}' (query, actor, stance, claim, source)");
                broken = true;
            }
            var window = TimeSpan.FromDays(1);
            if (parts.Length == 3)
            {
                if (ParseWindow(parts[2]) is { } w) window = w;
                else Problem(lineNo, $"'{Shorten(parts[2])}' is not a window (a number and h, d or w: 12h, 3d, 1w; at most 366 days)");
            }
            _current = new Block("indicator", lineNo, parts[0], title) { IndicatorKind = kind ?? IndicatorKind.Query, Window = window, Broken = broken };
            _blocks.Add(_current);
        }

        private void ReadProperty(string key, string value, int lineNo)
        {
            if (_inScenario && key == "about")
            {
                _about.Add(value);
                return;
            }
            if (_current is null)
            {
                Problem(lineNo, $"'{key}:' must follow a hypothesis, indicator or evidence line");
                return;
            }
            if (_current.Broken) return;
            var allowed = _current.Kind switch
            {
                "hypothesis" => HypothesisKeys,
                "evidence" => EvidenceKeys,
                _ => IndicatorKeys[_current.IndicatorKind],
            };
            if (!allowed.Contains(key))
            {
                var what = _current.Kind == "indicator" ? $"a {_current.IndicatorKind.ToString().ToLowerInvariant()} indicator" : $"a{(_current.Kind == "evidence" ? "n" : "")} {_current.Kind}";
                Problem(lineNo, $"'{key}:' does not apply to {what} (expected {string.Join(", ", allowed.Select(k => k + ":"))})");
                return;
            }
            if (key == "about")
            {
                _current.About.Add(value);
                return;
            }
            if (value.Length == 0)
            {
                Problem(lineNo, $"'{key}:' has no value");
                return;
            }
            if (_current.Properties.TryGetValue(key, out var earlier))
            {
                Problem(lineNo, $"'{key}:' is already given on line {earlier.Line}");
                return;
            }
            _current.Properties[key] = (value, lineNo);
        }

        private ScenarioFile Finish()
        {
            var hypotheses = new List<Hypothesis>();
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var b in _blocks.Where(b => b.Kind == "hypothesis"))
            {
                if (ids.TryGetValue(b.Id, out var first)) Problem(b.Line, $"'{b.Id}' is already defined on line {first}");
                else
                {
                    ids[b.Id] = b.Line;
                    hypotheses.Add(new Hypothesis(b.Id, b.Title, string.Join(" ", b.About), b.Line));
                }
            }
            var items = new List<EvidenceItem>();
            foreach (var b in _blocks.Where(b => b.Kind != "hypothesis"))
            {
                if (ids.TryGetValue(b.Id, out var first))
                {
                    Problem(b.Line, $"'{b.Id}' is already defined on line {first}");
                    continue;
                }
                ids[b.Id] = b.Line;
                EvidenceItem? item = b.Kind == "evidence" ? BuildEvidence(b, hypotheses) : BuildIndicator(b, hypotheses);
                if (item is not null) items.Add(item);
            }
            if (hypotheses.Count < 2)
                Problem(0, $"the file defines {hypotheses.Count} hypothes{(hypotheses.Count == 1 ? "is" : "es")}; competing hypotheses need at least two ('hypothesis <id> | <title>')");
            if (_blocks.All(b => b.Kind == "hypothesis"))
                Problem(0, "the file has no indicators or evidence to weigh ('indicator …' or 'evidence …')");
            var problems = _problems.OrderBy(p => p.Line).ToList();
            return new ScenarioFile(name, _title ?? Path.GetFileNameWithoutExtension(name), string.Join(" ", _about), hypotheses, items, problems);
        }

        private Indicator? BuildIndicator(Block b, IReadOnlyList<Hypothesis> hypotheses)
        {
            var ok = true;
            var marks = Marks(b, hypotheses, ref ok);
            var weight = Weight(b, ref ok);
            var threshold = 1;
            if (Get(b, "threshold") is var (t, tl))
            {
                if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000) threshold = n;
                else Fail(tl, $"threshold '{Shorten(t)}' is not a whole number from 1 to 100000", ref ok);
            }
            var indicator = new Indicator(b.Id, b.IndicatorKind, b.Window, b.Title, marks, weight, threshold, b.Line)
            {
                Description = string.Join(" ", b.About),
                PropertyLines = b.Properties.ToDictionary(p => p.Key, p => p.Value.Line, StringComparer.Ordinal),
            };
            switch (b.IndicatorKind)
            {
                case IndicatorKind.Query:
                    indicator = indicator with { Terms = Terms(b, required: true, ref ok), Language = Language(b, ref ok) };
                    break;
                case IndicatorKind.Actor:
                    indicator = indicator with { ActorId = Require(b, "actor", "the registry id of the actor (see `faultline actors`)", ref ok), Stance = StanceOf(b, ref ok), ByBloc = Get(b, "by")?.Value };
                    if (indicator.ActorId is { } a && a.Contains(' ')) Fail(b.Properties["actor"].Line, $"'{Shorten(a)}' is not one actor id", ref ok);
                    break;
                case IndicatorKind.Stance:
                    indicator = Stance(b, indicator, ref ok);
                    break;
                case IndicatorKind.Claim:
                    indicator = indicator with { Terms = Terms(b, required: true, ref ok), Status = Status(b, ref ok) };
                    break;
                case IndicatorKind.Source:
                    indicator = indicator with { Channels = Channels(b, ref ok), Terms = Terms(b, required: false, ref ok), Language = Language(b, ref ok) };
                    break;
            }
            return ok ? indicator : null;
        }

        private ManualEvidence? BuildEvidence(Block b, IReadOnlyList<Hypothesis> hypotheses)
        {
            var ok = true;
            var marks = Marks(b, hypotheses, ref ok);
            var weight = Weight(b, ref ok);
            var cite = Require(b, "cite", "a post link like https://t.me/<handle>/<id> or <handle>/<id>", ref ok);
            if (cite is not null && PostCitation.Parse(cite) is null)
                Fail(b.Properties["cite"].Line, $"'{Shorten(cite)}' is not a post reference (https://t.me/<handle>/<id>, t.me/<handle>/<id>, @<handle>/<id> or <handle>/<id>)", ref ok);
            var credibility = 0;
            if (Require(b, "credibility", "the Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged)", ref ok) is { } c)
            {
                if (int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 6) credibility = n;
                else Fail(b.Properties["credibility"].Line, $"credibility '{Shorten(c)}' is not 1 to 6 (Admiralty: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged)", ref ok);
            }
            return ok ? new ManualEvidence(b.Id, b.Title, marks, weight, b.Line, cite!, credibility) : null;
        }

        private Dictionary<string, Mark> Marks(Block b, IReadOnlyList<Hypothesis> hypotheses, ref bool ok)
        {
            var marks = new Dictionary<string, Mark>(StringComparer.Ordinal);
            if (Get(b, "marks") is not var (text, line))
            {
                Fail(b.Line, $"'{b.Id}' has no 'marks:' line (for example 'marks: {string.Join("; ", hypotheses.Select(h => h.Id + " N").DefaultIfEmpty("H1 C"))}')", ref ok);
                return marks;
            }
            var known = hypotheses.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var piece in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = piece.Split([' ', '\t', '=', ':'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2)
                {
                    Fail(line, $"'{Shorten(piece)}' is not '<hypothesis> <mark>' (marks: CC, C, N, I, II)", ref ok);
                    continue;
                }
                if (!known.Contains(parts[0]))
                {
                    Fail(line, $"unknown hypothesis '{Shorten(parts[0])}' (defined: {string.Join(", ", known.DefaultIfEmpty("none"))})", ref ok);
                    continue;
                }
                if (MarkCodes.Parse(parts[1]) is not { } mark)
                {
                    Fail(line, $"'{Shorten(parts[1])}' is not a mark (CC strongly consistent, C consistent, N neutral, I inconsistent, II strongly inconsistent)", ref ok);
                    continue;
                }
                if (!marks.TryAdd(parts[0], mark)) Fail(line, $"'{parts[0]}' is marked twice", ref ok);
            }
            var missing = hypotheses.Where(h => !marks.ContainsKey(h.Id)).Select(h => h.Id).ToList();
            if (missing.Count > 0 && ok)
                Fail(line, $"no mark for {string.Join(", ", missing)} (mark every hypothesis; N for neutral)", ref ok);
            return marks;
        }

        private double Weight(Block b, ref bool ok)
        {
            if (Get(b, "weight") is not var (w, line)) return 1;
            if (double.TryParse(w, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 100) return v;
            Fail(line, $"weight '{Shorten(w)}' is not a number above 0 and at most 100", ref ok);
            return 1;
        }

        private string? Terms(Block b, bool required, ref bool ok)
        {
            var terms = required ? Require(b, "terms", "words in the search syntax (docs/cli.md: words, \"phrases\", prefix*, OR, NOT, parentheses)", ref ok) : Get(b, "terms")?.Value;
            if (terms is not null && QueryProblem(terms) is { } why) Fail(b.Properties["terms"].Line, $"terms: {why}", ref ok);
            return terms;
        }

        private string? Language(Block b, ref bool ok)
        {
            if (Get(b, "language") is not var (l, line)) return null;
            var code = l.ToLowerInvariant();
            if (code is "ru" or "uk" or "en" or "other") return code;
            Fail(line, $"language '{Shorten(l)}' is not ru, uk, en or other", ref ok);
            return null;
        }

        private StanceKind? StanceOf(Block b, ref bool ok)
        {
            if (Get(b, "stance") is not var (s, line)) return null;
            switch (s.ToLowerInvariant())
            {
                case "criticise" or "criticize" or "critical" or "criticism":
                    return StanceKind.Criticise;
                case "support" or "supportive":
                    return StanceKind.Support;
                case "neutral":
                    return StanceKind.Neutral;
                default:
                    Fail(line, $"stance '{Shorten(s)}' is not criticise, support or neutral", ref ok);
                    return null;
            }
        }

        private Indicator Stance(Block b, Indicator indicator, ref bool ok)
        {
            if (Require(b, "between", "two blocs: <author bloc> -> <target bloc>", ref ok) is { } between)
            {
                var parts = between.Split(["->", "→", ">"], StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts.All(p => p.Length > 0 && !p.Contains(' ')))
                    indicator = indicator with { AuthorBloc = parts[0], TargetBloc = parts[1] };
                else Fail(b.Properties["between"].Line, $"'{Shorten(between)}' is not '<author bloc> -> <target bloc>'", ref ok);
            }
            if (Require(b, "shift", "the change in net criticism that counts, from -2 to 2 (0.3: sharper by 0.3; -0.3: warmer)", ref ok) is { } shift)
            {
                if (double.TryParse(shift, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v is >= -2 and <= 2 && v != 0)
                    indicator = indicator with { Shift = v };
                else Fail(b.Properties["shift"].Line, $"shift '{Shorten(shift)}' is not a number from -2 to 2 other than 0", ref ok);
            }
            if (Get(b, "background") is var (bg, line))
            {
                if (ParseWindow(bg) is { } span) indicator = indicator with { Background = span };
                else Fail(line, $"background '{Shorten(bg)}' is not a window (12h, 3d, 4w; at most 366 days)", ref ok);
            }
            return indicator;
        }

        private LifecycleEventKind? Status(Block b, ref bool ok)
        {
            if (Get(b, "status") is not var (s, line)) return null;
            var names = Enum.GetValues<LifecycleEventKind>().ToDictionary(StatusName, k => k, StringComparer.OrdinalIgnoreCase);
            names.TryAdd("walked back", LifecycleEventKind.WalkedBack);
            names.TryAdd("walkedback", LifecycleEventKind.WalkedBack);
            if (names.TryGetValue(s.Trim(), out var kind)) return kind;
            Fail(line, $"status '{Shorten(s)}' is not one of {string.Join(", ", Enum.GetValues<LifecycleEventKind>().Select(StatusName))}", ref ok);
            return null;
        }

        private IReadOnlyList<string> Channels(Block b, ref bool ok)
        {
            var list = new List<string>();
            if (Require(b, "channels", "channel handles separated by spaces (rybar @wargonzo t.me/mod_russia)", ref ok) is not { } text) return list;
            foreach (var raw in text.Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                var handle = SqliteHandle(raw);
                if (HandlePattern().IsMatch(handle)) { if (!list.Contains(handle, StringComparer.OrdinalIgnoreCase)) list.Add(handle); }
                else Fail(b.Properties["channels"].Line, $"'{Shorten(raw)}' is not a channel handle (letters, digits and '_')", ref ok);
            }
            return list;
        }

        private static string SqliteHandle(string raw)
        {
            var h = raw.Trim();
            foreach (var prefix in new[] { "https://", "http://" })
                if (h.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) h = h[prefix.Length..];
            foreach (var prefix in new[] { "t.me/s/", "t.me/", "@" })
                if (h.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) h = h[prefix.Length..];
            return h.TrimEnd('/');
        }

        private string? Require(Block b, string key, string hint, ref bool ok)
        {
            if (Get(b, key) is var (value, _)) return value;
            Fail(b.Line, $"'{b.Id}' needs '{key}:' ({hint})", ref ok);
            return null;
        }

        private static (string Value, int Line)? Get(Block b, string key) => b.Properties.TryGetValue(key, out var v) ? v : null;

        private void Fail(int line, string message, ref bool ok)
        {
            Problem(line, message);
            ok = false;
        }

        private void Problem(int line, string message) => _problems.Add(new ScenarioProblem(name, line, OneLine(message)));

        private static (string Left, string Right) SplitBar(string s)
        {
            var bar = s.IndexOf('|', StringComparison.Ordinal);
            return bar < 0 ? (s.Trim(), "") : (s[..bar].Trim(), s[(bar + 1)..].Trim());
        }


    }
}
