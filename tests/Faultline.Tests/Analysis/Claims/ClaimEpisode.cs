using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>
/// One fictional claim episode from tests/Faultline.Tests/Data/claims/&lt;name&gt;/: the posts of its Telegram Desktop
/// exports (first and later versions), its handles and its truth file. Read with System.Text.Json only, so that a
/// reader bug cannot hide a broken fixture.
/// </summary>
internal sealed class ClaimEpisode
{
    public static readonly string[] Names = ["walked-back", "denied-and-persists", "confirmed"];

    public static readonly string[] Roles = ["origin", "amplify", "report", "confirm", "deny", "walkBack", "mock"];

    public static readonly string[] EventKinds = ["made", "amplified", "reported", "confirmed", "denied", "walkedBack", "edited", "deleted", "resurfaced"];

    /// <summary>A message as one export shows it.</summary>
    public sealed record ExportPost(string Key, string Handle, long Id, DateTimeOffset Published, string Text, string? ForwardedFrom,
        IReadOnlyList<string> Links, DateTimeOffset? Edited);

    public sealed record TruthMember(string Post, string Role);

    public sealed record TruthEvent(string Kind, string Post);

    public sealed record TruthClaim(string Origin, IReadOnlyList<TruthMember> Members, IReadOnlyList<TruthEvent> Events, string Status);

    public required string Name { get; init; }
    public required string Folder { get; init; }
    /// <summary>Channel title → handle, from handles.tsv.</summary>
    public required IReadOnlyDictionary<string, string> Handles { get; init; }
    /// <summary>Export titles by handle (the "name" field of each file).</summary>
    public required IReadOnlyDictionary<string, string> Titles { get; init; }
    /// <summary>Posts of the first export of each channel, by "handle/id".</summary>
    public required IReadOnlyDictionary<string, ExportPost> First { get; init; }
    /// <summary>Posts of the later exports, by handle then "handle/id"; channels without a later export are absent.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, ExportPost>> Later { get; init; }
    public required IReadOnlyList<TruthClaim> Claims { get; init; }
    public required IReadOnlyList<string> HardNegatives { get; init; }

    /// <summary>The latest version of a post: from the later export when that has it, else the first.</summary>
    public ExportPost Latest(string key)
    {
        var handle = key[..key.IndexOf('/', StringComparison.Ordinal)];
        return Later.TryGetValue(handle, out var later) && later.TryGetValue(key, out var post) ? post : First[key];
    }

    public static ClaimEpisode Load(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "claims", name);
        var handles = File.ReadAllLines(Path.Combine(folder, "handles.tsv"))
            .Where(l => l.Length > 0).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1]);
        var first = new Dictionary<string, ExportPost>();
        var later = new Dictionary<string, IReadOnlyDictionary<string, ExportPost>>();
        var titles = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "truth.json").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var isLater = stem.EndsWith("-later", StringComparison.Ordinal);
            var handle = isLater ? stem[..^"-later".Length] : stem;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            titles[handle] = doc.RootElement.GetProperty("name").GetString()!;
            var posts = doc.RootElement.GetProperty("messages").EnumerateArray().Select(m => Read(handle, m)).ToDictionary(p => p.Key);
            if (isLater) later[handle] = posts;
            else foreach (var (key, post) in posts) first.Add(key, post);
        }
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "truth.json")));
        var claims = truth.RootElement.GetProperty("claims").EnumerateArray().Select(c => new TruthClaim(
            c.GetProperty("origin").GetString()!,
            [.. c.GetProperty("members").EnumerateArray().Select(m => new TruthMember(m.GetProperty("post").GetString()!, m.GetProperty("role").GetString()!))],
            [.. c.GetProperty("events").EnumerateArray().Select(e => new TruthEvent(e.GetProperty("kind").GetString()!, e.GetProperty("post").GetString()!))],
            c.GetProperty("status").GetString()!)).ToList();
        var negatives = truth.RootElement.GetProperty("hardNegatives").EnumerateArray().Select(e => e.GetString()!).ToList();
        return new ClaimEpisode
        {
            Name = name, Folder = folder, Handles = handles, Titles = titles, First = first, Later = later, Claims = claims, HardNegatives = negatives,
        };
    }

    private static ExportPost Read(string handle, JsonElement m)
    {
        var id = m.GetProperty("id").GetInt64();
        var text = new StringBuilder();
        var links = new List<string>();
        foreach (var entity in m.GetProperty("text_entities").EnumerateArray())
        {
            var part = entity.GetProperty("text").GetString() ?? "";
            text.Append(part);
            var type = entity.GetProperty("type").GetString();
            if (type == "link") links.Add(part);
            else if (type == "text_link" && entity.TryGetProperty("href", out var href)) links.Add(href.GetString() ?? "");
        }
        return new ExportPost($"{handle}/{id}", handle, id, UnixTime(m, "date_unixtime")!.Value, text.ToString(),
            m.TryGetProperty("forwarded_from", out var fwd) ? fwd.GetString() : null, links, UnixTime(m, "edited_unixtime"));
    }

    private static DateTimeOffset? UnixTime(JsonElement m, string property)
        => m.TryGetProperty(property, out var v) ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(v.GetString()!, CultureInfo.InvariantCulture)) : null;
}
