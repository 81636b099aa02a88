using System.Globalization;
using System.Text;

namespace Faultline.Analysis.Actors;

/// <summary>What an actor is.</summary>
public enum ActorKind
{
    /// <summary>A named person.</summary>
    Person,
    /// <summary>A government body, armed force, company or alliance.</summary>
    Organisation,
    /// <summary>A Telegram channel or blog that is itself the actor.</summary>
    Channel,
    /// <summary>A broadcaster, outlet or analysis house.</summary>
    Media,
}

/// <summary>How strictly an alias must appear before it counts as a mention.</summary>
public enum AliasRule
{
    /// <summary>Any case, any allowed inflection.</summary>
    Plain,
    /// <summary>Must start with a capital letter: the lowercase form is a common word ("путина", "песков").</summary>
    Capitalised,
    /// <summary>
    /// Capitalised, and at a sentence start only with support (another alias of the actor or one of its context
    /// words in the post): the phrase is also a common one ("Стрелков" / "стрелков", "Серая зона").
    /// </summary>
    Ambiguous,
    /// <summary>A channel handle: counts only right after '@' or '/' (t.me/handle).</summary>
    Handle,
}

/// <summary>One name an actor goes by, in one language ("ru", "uk", "en", or "handle").</summary>
public sealed record ActorAlias(string Text, string Language, AliasRule Rule, int Line);

/// <summary>A bloc membership with the public source that backs it and the registry line it came from.</summary>
public sealed record SourcedMembership(BlocMembership Membership, string Source, int Line);

/// <summary>A Telegram channel (by public handle) that belongs to or speaks for an actor.</summary>
public sealed record ChannelLink(string Handle, string ActorId, string Note, int Line);

/// <summary>A group of actors whose stance is compared as one side ("kremlin", "milbloggers").</summary>
public sealed record Bloc(string Id, string Description, int Line);

/// <summary>An entry of the registry: a person, organisation, channel or outlet with its names and blocs.</summary>
public sealed record Actor(string Id, ActorKind Kind, string Name, bool Fictional, int Line)
{
    /// <summary>Names and aliases, in file order.</summary>
    public IReadOnlyList<ActorAlias> Aliases { get; init; } = [];
    /// <summary>Bloc memberships with date ranges and sources.</summary>
    public IReadOnlyList<SourcedMembership> Memberships { get; init; } = [];
    /// <summary>Channels that belong to or speak for the actor.</summary>
    public IReadOnlyList<ChannelLink> Channels { get; init; } = [];
    /// <summary>Word prefixes whose presence in a post supports an ambiguous alias at a sentence start.</summary>
    public IReadOnlyList<string> ContextWords { get; init; } = [];
    /// <summary>Word prefixes that, right before a name, say another actor is meant ("китайское Минобороны").</summary>
    public IReadOnlyList<string> NotAfter { get; init; } = [];
    /// <summary>Word prefixes that, right after a name, say another actor is meant ("Минобороны Южной Кореи").</summary>
    public IReadOnlyList<string> NotBefore { get; init; } = [];
}

/// <summary>One problem found in a registry file: the line and the reason.</summary>
public sealed record RegistryProblem(string File, int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>
/// The actors, blocs and channel ownerships an analysis works with, read from the line-oriented text format
/// documented in docs/registry.md. Immutable once loaded; share one instance.
/// </summary>
public sealed class ActorRegistry
{
    private static readonly Lazy<ActorRegistry> DefaultRegistry = new(LoadDefault);
    private readonly List<RegistryProblem> _parseProblems;
    private readonly Dictionary<string, Actor> _byId;
    private readonly Dictionary<string, ChannelLink> _byHandle;

    private ActorRegistry(string file, List<Bloc> blocs, List<Actor> actors, List<RegistryProblem> parseProblems)
    {
        File = file;
        Blocs = blocs;
        Actors = actors;
        _parseProblems = parseProblems;
        _byId = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var a in actors) _byId.TryAdd(a.Id, a);
        _byHandle = new Dictionary<string, ChannelLink>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in actors.SelectMany(a => a.Channels)) _byHandle.TryAdd(c.Handle, c);
    }

    /// <summary>The file the registry was read from (or "default-registry.txt").</summary>
    public string File { get; }

    /// <summary>Blocs in file order.</summary>
    public IReadOnlyList<Bloc> Blocs { get; }

    /// <summary>Actors in file order.</summary>
    public IReadOnlyList<Actor> Actors { get; }

    /// <summary>The shipped registry of the Russia–Ukraine information space (public facts, plus the fictional sample channels).</summary>
    public static ActorRegistry Default => DefaultRegistry.Value;

    /// <summary>Reads a registry file. Problems in its content do not throw: see <see cref="Validate"/>.</summary>
    public static ActorRegistry Load(string path) => Parse(System.IO.File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads a registry from text; <paramref name="file"/> names it in problems.</summary>
    public static ActorRegistry Parse(string text, string file = "registry")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RegistryParser(file).Parse(text);
    }

    /// <summary>The actor with the id, or null.</summary>
    public Actor? Find(string actorId) => _byId.GetValueOrDefault(actorId);

    /// <summary>The actor a channel handle belongs to or speaks for ('@' and case ignored), or null.</summary>
    public Actor? ActorForHandle(string handle)
        => _byHandle.TryGetValue(handle.TrimStart('@'), out var link) ? Find(link.ActorId) : null;

    /// <summary>The blocs an actor belongs to on a day.</summary>
    public IReadOnlyList<string> BlocsOf(string actorId, DateOnly day)
        => Find(actorId)?.Memberships.Where(m => m.Membership.HoldsOn(day)).Select(m => m.Membership.Bloc).Distinct().ToList() ?? [];

    /// <summary>Every membership of every actor, for the fracture measures.</summary>
    public IReadOnlyList<BlocMembership> Memberships => Actors.SelectMany(a => a.Memberships.Select(m => m.Membership)).ToList();

    /// <summary>
    /// Everything wrong with the registry, in line order: unreadable lines, unknown kinds and blocs, bad or
    /// reversed dates, overlapping ranges of one actor in one bloc, duplicate ids, an alias or handle naming two actors.
    /// Empty when the registry is sound.
    /// </summary>
    public IReadOnlyList<RegistryProblem> Validate()
    {
        var problems = new List<RegistryProblem>(_parseProblems);
        var blocIds = new Dictionary<string, Bloc>(StringComparer.Ordinal);
        foreach (var b in Blocs)
        {
            if (!blocIds.TryAdd(b.Id, b)) problems.Add(new(File, b.Line, $"bloc '{b.Id}' is already defined on line {blocIds[b.Id].Line}"));
        }
        var actorIds = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var a in Actors)
        {
            if (!actorIds.TryAdd(a.Id, a)) problems.Add(new(File, a.Line, $"actor '{a.Id}' is already defined on line {actorIds[a.Id].Line}"));
            if (a.Aliases.All(x => x.Rule == AliasRule.Handle)) problems.Add(new(File, a.Line, $"actor '{a.Id}' has no names"));
            foreach (var m in a.Memberships)
            {
                if (!blocIds.ContainsKey(m.Membership.Bloc))
                    problems.Add(new(File, m.Line, $"unknown bloc '{m.Membership.Bloc}' (define it with a 'bloc' line)"));
                if (string.IsNullOrWhiteSpace(m.Source))
                    problems.Add(new(File, m.Line, $"membership of '{a.Id}' in '{m.Membership.Bloc}' has no source note (add '| source')"));
            }
            foreach (var group in a.Memberships.GroupBy(m => m.Membership.Bloc))
            {
                var sorted = group.OrderBy(m => m.Membership.From ?? DateOnly.MinValue).ToList();
                for (var i = 1; i < sorted.Count; i++)
                {
                    var previousEnd = sorted[i - 1].Membership.To ?? DateOnly.MaxValue;
                    var start = sorted[i].Membership.From ?? DateOnly.MinValue;
                    if (start <= previousEnd)
                        problems.Add(new(File, sorted[i].Line, $"membership of '{a.Id}' in '{group.Key}' overlaps the range on line {sorted[i - 1].Line}"));
                }
            }
        }
        var aliasOwners = new Dictionary<string, (Actor Actor, ActorAlias Alias)>(StringComparer.Ordinal);
        foreach (var a in Actors)
        {
            foreach (var alias in a.Aliases)
            {
                var key = AliasPattern.Key(alias.Text);
                if (key.Length == 0)
                {
                    problems.Add(new(File, alias.Line, $"alias '{alias.Text}' has no letters or digits"));
                    continue;
                }
                if (aliasOwners.TryGetValue(key, out var owner) && owner.Actor.Id != a.Id)
                    problems.Add(new(File, alias.Line, $"alias '{alias.Text}' also names actor '{owner.Actor.Id}' (line {owner.Alias.Line})"));
                else aliasOwners.TryAdd(key, (a, alias));
            }
        }
        var handles = new Dictionary<string, ChannelLink>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in Actors.SelectMany(a => a.Channels))
        {
            if (handles.TryGetValue(c.Handle, out var other) && other.ActorId != c.ActorId)
                problems.Add(new(File, c.Line, $"channel '@{c.Handle}' is already given to actor '{other.ActorId}' (line {other.Line})"));
            else handles.TryAdd(c.Handle, c);
        }
        return problems.OrderBy(p => p.Line).ToList();
    }

    /// <summary>One line per actor: id, kind, blocs (all dates), names; for `faultline actors`.</summary>
    public IReadOnlyList<string> List()
        => Actors.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"{a.Id}\t{a.Kind.ToString().ToLowerInvariant()}{(a.Fictional ? " (fictional)" : "")}\t{string.Join(",", a.Memberships.Select(m => m.Membership.Bloc).Distinct())}\t{string.Join("; ", a.Aliases.Where(x => x.Rule != AliasRule.Handle).Select(x => x.Text))}"))
            .ToList();

    /// <summary>A readable account of one actor: names by language, blocs with dates and sources, channels, rules.
    /// Null when the id is unknown.</summary>
    public string? Explain(string actorId)
    {
        var a = Find(actorId);
        if (a is null) return null;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{a.Id}: {a.Name} ({a.Kind.ToString().ToLowerInvariant()}{(a.Fictional ? ", fictional" : "")}), {File} line {a.Line}\n");
        foreach (var group in a.Aliases.Where(x => x.Rule != AliasRule.Handle).GroupBy(x => x.Language))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  names ({group.Key}): {string.Join("; ", group.Select(Describe))}\n");
        }
        foreach (var m in a.Memberships)
        {
            var b = m.Membership;
            sb.Append(CultureInfo.InvariantCulture, $"  bloc {b.Bloc} {Date(b.From)}..{Date(b.To)}: {m.Source}\n");
        }
        foreach (var c in a.Channels)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  channel @{c.Handle}{(c.Note.Length > 0 ? ": " + c.Note : "")}\n");
        }
        if (a.ContextWords.Count > 0)
            sb.Append(CultureInfo.InvariantCulture, $"  context words for ambiguous names: {string.Join(", ", a.ContextWords)}\n");
        if (a.NotAfter.Count > 0)
            sb.Append(CultureInfo.InvariantCulture, $"  not a mention after: {string.Join(", ", a.NotAfter)}\n");
        if (a.NotBefore.Count > 0)
            sb.Append(CultureInfo.InvariantCulture, $"  not a mention before: {string.Join(", ", a.NotBefore)}\n");
        return sb.ToString();

        static string Describe(ActorAlias x) => x.Rule switch
        {
            AliasRule.Capitalised => x.Text + " (capitalised only)",
            AliasRule.Ambiguous => x.Text + " (ambiguous: capitalised, context at a sentence start)",
            _ => x.Text,
        };
        static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    }

    private static ActorRegistry LoadDefault()
    {
        using var stream = typeof(ActorRegistry).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResourceName} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), "default-registry.txt");
    }

    /// <summary>The manifest name of the shipped registry.</summary>
    internal const string DefaultResourceName = "Faultline.Analysis.Actors.default-registry.txt";

    /// <summary>Reads the line format; collects problems instead of throwing.</summary>
    private sealed class RegistryParser(string file)
    {
        private readonly List<Bloc> _blocs = [];
        private readonly List<Actor> _actors = [];
        private readonly List<RegistryProblem> _problems = [];
        private Actor? _current;
        private List<ActorAlias> _aliases = [];
        private List<SourcedMembership> _memberships = [];
        private List<ChannelLink> _channels = [];
        private List<string> _context = [];
        private List<string> _notAfter = [];
        private List<string> _notBefore = [];

        public ActorRegistry Parse(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var lineNo = i + 1;
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var (head, rest) = SplitHead(line);
                switch (head)
                {
                    case "bloc":
                        Flush();
                        var (blocId, description) = SplitBar(rest);
                        if (blocId.Length == 0 || blocId.Contains(' ')) Problem(lineNo, "expected 'bloc <id> | <description>'");
                        else _blocs.Add(new Bloc(blocId, description, lineNo));
                        break;
                    case "actor":
                        Flush();
                        ParseActor(rest, lineNo);
                        break;
                    case "ru:" or "uk:" or "en:":
                        if (RequireActor(lineNo, head)) ParseAliases(head[..2], rest, lineNo);
                        break;
                    case "member":
                        if (RequireActor(lineNo, head)) ParseMember(rest, lineNo);
                        break;
                    case "channel":
                        if (RequireActor(lineNo, head)) ParseChannel(rest, lineNo);
                        break;
                    case "context:":
                        if (RequireActor(lineNo, head)) _context.AddRange(WordList(rest));
                        break;
                    case "not-after:":
                        if (RequireActor(lineNo, head)) _notAfter.AddRange(WordList(rest));
                        break;
                    case "not-before:":
                        if (RequireActor(lineNo, head)) _notBefore.AddRange(WordList(rest));
                        break;
                    default:
                        Problem(lineNo, $"unknown line '{Shorten(line)}' (expected bloc, actor, ru:, uk:, en:, member, channel, context:, not-after:, not-before:)");
                        break;
                }
            }
            Flush();
            return new ActorRegistry(file, _blocs, _actors, _problems);
        }

        private void ParseActor(string rest, int lineNo)
        {
            var (left, name) = SplitBar(rest);
            var parts = left.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                Problem(lineNo, "expected 'actor <id> <kind> [fictional] | <display name>'");
                return;
            }
            ActorKind? kind = parts[1].ToLowerInvariant() switch
            {
                "person" => ActorKind.Person,
                "organisation" or "organization" => ActorKind.Organisation,
                "channel" => ActorKind.Channel,
                "media" => ActorKind.Media,
                _ => null,
            };
            if (kind is null) Problem(lineNo, $"unknown kind '{parts[1]}' (person, organisation, channel, media)");
            var fictional = parts.Skip(2).Any(p => p.Equals("fictional", StringComparison.OrdinalIgnoreCase));
            foreach (var extra in parts.Skip(2).Where(p => !p.Equals("fictional", StringComparison.OrdinalIgnoreCase)))
                Problem(lineNo, $"unknown actor flag '{extra}' (only 'fictional')");
            _current = new Actor(parts[0], kind ?? ActorKind.Organisation, name.Length > 0 ? name : parts[0], fictional, lineNo);
        }

        private void ParseAliases(string language, string rest, int lineNo)
        {
            foreach (var raw in rest.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var rule = raw[0] switch { '^' => AliasRule.Capitalised, '?' => AliasRule.Ambiguous, _ => AliasRule.Plain };
                var text = rule == AliasRule.Plain ? raw : raw[1..].Trim();
                if (text.Length == 0) Problem(lineNo, "empty alias");
                else _aliases.Add(new ActorAlias(text, language, rule, lineNo));
            }
        }

        private void ParseMember(string rest, int lineNo)
        {
            var (left, source) = SplitBar(rest);
            var parts = left.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 1 or > 2)
            {
                Problem(lineNo, "expected 'member <bloc> [from..to] | <source note>'");
                return;
            }
            DateOnly? from = null, to = null;
            if (parts.Length == 2)
            {
                var range = parts[1];
                var dots = range.IndexOf("..", StringComparison.Ordinal);
                if (dots < 0)
                {
                    Problem(lineNo, $"bad date range '{range}' (write yyyy-mm-dd..yyyy-mm-dd; either side may be empty)");
                    return;
                }
                if (!TryDate(range[..dots], out from) || !TryDate(range[(dots + 2)..], out to))
                {
                    Problem(lineNo, $"bad date in '{range}' (write yyyy-mm-dd)");
                    return;
                }
                if (from is not null && to is not null && from > to)
                {
                    Problem(lineNo, $"date range '{range}' ends before it starts");
                    return;
                }
            }
            _memberships.Add(new SourcedMembership(new BlocMembership(_current!.Id, parts[0], from, to), source, lineNo));
        }

        private void ParseChannel(string rest, int lineNo)
        {
            var (handle, note) = SplitBar(rest);
            handle = handle.TrimStart('@');
            if (handle.Length == 0 || handle.Contains(' ') || !handle.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                Problem(lineNo, $"bad channel handle '{handle}' (letters, digits and '_' only)");
                return;
            }
            _channels.Add(new ChannelLink(handle, _current!.Id, note, lineNo));
            _aliases.Add(new ActorAlias(handle, "handle", AliasRule.Handle, lineNo));
        }

        private static bool TryDate(string s, out DateOnly? date)
        {
            date = null;
            if (s.Length == 0) return true;
            if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
            date = d;
            return true;
        }

        private bool RequireActor(int lineNo, string head)
        {
            if (_current is not null) return true;
            Problem(lineNo, $"'{head}' outside an actor (start one with an 'actor' line)");
            return false;
        }

        private void Flush()
        {
            if (_current is not null)
                _actors.Add(_current with
                {
                    Aliases = _aliases, Memberships = _memberships, Channels = _channels, ContextWords = _context,
                    NotAfter = _notAfter, NotBefore = _notBefore,
                });
            _current = null;
            _aliases = [];
            _memberships = [];
            _channels = [];
            _context = [];
            _notAfter = [];
            _notBefore = [];
        }

        private static IEnumerable<string> WordList(string rest)
            => rest.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => AliasPattern.Fold(w));

        private void Problem(int line, string message) => _problems.Add(new RegistryProblem(file, line, message));

        private static (string Head, string Tail) SplitHead(string line)
        {
            var space = line.IndexOf(' ');
            return space < 0 ? (line, "") : (line[..space], line[(space + 1)..].Trim());
        }

        private static (string Left, string Right) SplitBar(string s)
        {
            var bar = s.IndexOf('|');
            return bar < 0 ? (s.Trim(), "") : (s[..bar].Trim(), s[(bar + 1)..].Trim());
        }

        private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
    }
}
