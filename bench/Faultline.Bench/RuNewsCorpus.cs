using System.Text.Json;
using Faultline.Analysis;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Model;
using Faultline.Text;

namespace Faultline.Bench;

/// <summary>
/// The shared corpus ../shared/corpus/telegram-ru-news as analysis posts: one source per channel file (its
/// numeric file id), native id = message_id, language detected, links resolved. Shared by the echo benchmark
/// and the echo quality test.
/// </summary>
internal sealed class RuNewsCorpus
{
    private readonly Dictionary<(long File, long Message), int> _index = [];

    private RuNewsCorpus(List<AnalysisPost> posts)
    {
        Posts = posts;
        for (var i = 0; i < posts.Count; i++) _index[(posts[i].SourceId, long.Parse(posts[i].NativeId, System.Globalization.CultureInfo.InvariantCulture))] = i;
    }

    /// <summary>All posts, ordered by file then message id; Id is the position + 1.</summary>
    public IReadOnlyList<AnalysisPost> Posts { get; }

    /// <summary>Position in <see cref="Posts"/> of a post named by channel file id and message id, or -1.</summary>
    public int IndexOf(long file, long message) => _index.TryGetValue((file, message), out var i) ? i : -1;

    /// <summary>Reads every *_messages.json file in the folder.</summary>
    public static RuNewsCorpus Load(string folder)
    {
        var posts = new List<AnalysisPost>();
        foreach (var file in Directory.GetFiles(folder, "*_messages.json").Order(StringComparer.Ordinal))
        {
            var fileId = long.Parse(Path.GetFileName(file).Split('_')[0], System.Globalization.CultureInfo.InvariantCulture);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var messages = doc.RootElement.EnumerateArray()
                .Select(m => (Id: m.GetProperty("message_id").GetInt64(), Text: m.GetProperty("text").GetString() ?? "",
                    Date: DateTimeOffset.Parse(m.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                    Channel: m.GetProperty("channel").GetString()))
                .OrderBy(m => m.Id);
            foreach (var m in messages)
            {
                var links = EntityScanner.Scan(m.Text).Where(e => e.Kind == EntityKind.Link && e.Value is not null)
                    .Select(e => PostPreparation.ResolveLink(e.Value!)).OfType<LinkTarget>().DistinctBy(l => l.Url).ToList();
                posts.Add(new AnalysisPost(posts.Count + 1, fileId, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    m.Date.ToUniversalTime(), m.Text, LanguageDetector.Detect(m.Text).Code())
                {
                    SourceTitle = m.Channel,
                    Links = links,
                });
            }
        }
        return new RuNewsCorpus(posts);
    }
}
