using System.Text.Json;
using Faultline.Analysis;
using Faultline.Analysis.Cascades;
using Faultline.Text;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Cascades;

/// <summary>
/// Cascades over the real posts of ../shared/corpus/telegram-ru-news, with Copy edges from exact repeats of the
/// normalised text (≥ 40 characters) across channels: a stand-in for the near-duplicate stage, enough to check the
/// cascade figures on real timing.
/// </summary>
public class RealCorpusCascadeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void ExactRepeatsAcrossChannelsFormConsistentCascades()
    {
        var folder = Corpus.Require("telegram-ru-news");
        var posts = new List<AnalysisPost>();
        var channels = new Dictionary<string, long>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                var channel = item.GetProperty("channel").GetString()!;
                if (!channels.TryGetValue(channel, out var source)) channels[channel] = source = channels.Count + 1;
                var id = posts.Count + 1;
                posts.Add(new AnalysisPost(id, source, item.GetProperty("message_id").GetRawText(), item.GetProperty("date").GetDateTimeOffset(),
                    item.GetProperty("text").GetString() ?? "", "ru") { SourceTitle = channel });
            }
        }
        var groups = posts.GroupBy(p => TextNormalizer.Normalize(p.Text)).Where(g => g.Key.Length >= 40)
            .Select(g => g.OrderBy(p => p.Published).ThenBy(p => p.Id).ToArray())
            .Where(g => g.Select(p => p.SourceId).Distinct().Count() > 1).ToArray();
        var edges = groups.SelectMany(g => g.Skip(1).Where(p => p.SourceId != g[0].SourceId).Select(p => new PostEdge(g[0].Id, p.Id, EdgeKind.Copy, 1))).ToList();

        var cascades = CascadeBuilder.Build(posts, edges);
        var stats = ChannelStats.Compute(cascades);

        output.WriteLine($"{posts.Count} posts, {groups.Length} repeated texts, {edges.Count} copy edges → {cascades.Count} cascades, "
            + $"largest {cascades.Max(c => c.Size)}, median time to 90% {cascades.Select(c => c.TimeTo90).Order().ElementAt(cascades.Count / 2)}");
        Assert.True(cascades.Count >= 5, $"{cascades.Count} cascades");
        var byPost = cascades.SelectMany(c => c.Members.Select(m => (m.PostId, c.Id))).ToDictionary(x => x.PostId, x => x.Id);
        foreach (var group in groups.Where(g => g[^1].Published - g[0].Published <= TimeSpan.FromDays(3)))
        {
            var linked = group.Where(p => p.SourceId != group[0].SourceId).Append(group[0]).ToArray();
            Assert.Single(linked.Select(p => byPost[p.Id]).Distinct());
        }
        foreach (var c in cascades)
        {
            Assert.Equal(c.Members.OrderBy(m => m.Published).ThenBy(m => m.PostId).Select(m => m.PostId), c.Members.Select(m => m.PostId));
            Assert.True(c.TimeTo50 <= c.TimeTo90 && c.TimeTo90 <= c.Duration && c.Duration <= TimeSpan.FromDays(3));
            Assert.True(c.Channels >= 2);
            Assert.All(c.Members.Skip(1), m => Assert.True(m.LagBehindParent >= TimeSpan.Zero && m.LagBehindParent <= m.LagBehindOrigin));
        }
        Assert.Equal(cascades.Count, stats.Sum(s => s.Originated));
        Assert.Equal(cascades.Sum(c => c.Channels), stats.Sum(s => s.Cascades));
        Assert.All(stats, s => Assert.InRange(s.Originality, 0, 1));
    }
}
