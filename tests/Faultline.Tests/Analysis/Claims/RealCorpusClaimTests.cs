using System.Diagnostics;
using System.Text.Json;
using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Text;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>
/// Claims over the real posts of ../shared/corpus/telegram-ru-news, with Copy edges from exact repeats of the
/// normalised text across channels (a stand-in for [2/5]) and no actor ids: topical expansion rests on stems,
/// names, numbers and links alone.
/// </summary>
public class RealCorpusClaimTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void RealNewsGroupsIntoClaimsThatKeepCascadesWholeAndTitlesFromTheirOrigin()
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
                    item.GetProperty("text").GetString() ?? "", "ru") { Handle = channel });
            }
        }
        var groups = posts.GroupBy(p => TextNormalizer.Normalize(p.Text)).Where(g => g.Key.Length >= 40)
            .Select(g => g.OrderBy(p => p.Published).ThenBy(p => p.Id).ToArray())
            .Where(g => g.Select(p => p.SourceId).Distinct().Count() > 1 && g[^1].Published - g[0].Published <= TimeSpan.FromDays(2)).ToArray();
        var edges = groups.SelectMany(g => g.Skip(1).Select(p => new PostEdge(g[0].Id, p.Id, EdgeKind.Copy, 1))).ToList();
        var input = new ClaimInput(posts, edges, new Dictionary<long, IReadOnlyList<string>>(), new Dictionary<long, IReadOnlyList<PostVersionText>>());

        var clock = Stopwatch.StartNew();
        var claims = ClaimBuilder.Build(input, new CueClassifier());
        var elapsed = clock.Elapsed;
        var again = ClaimBuilder.Build(input, new CueClassifier());

        var sizes = claims.Select(c => c.Members.Count).Order().ToArray();
        output.WriteLine($"{posts.Count} posts, {edges.Count} copy edges → {claims.Count} claims of {sizes.Sum()} posts in {elapsed.TotalSeconds:N2} s; "
            + $"median {sizes[sizes.Length / 2]}, largest {sizes[^1]}, cross-channel {claims.Count(c => c.Members.Select(m => m.SourceId).Distinct().Count() > 1)}");
        foreach (var c in claims.OrderByDescending(c => c.Members.Count).Take(3))
            output.WriteLine($"claim {c.Id} ({c.Members.Count} posts, {c.Members.Select(m => m.SourceId).Distinct().Count()} channels, {c.Status}): "
                + $"[{string.Join(", ", c.KeyTerms.Take(6))}]");
        if (Environment.GetEnvironmentVariable("CLAIMS_DUMP") == "1")
            foreach (var c in claims.Where(c => c.Members.Count >= 3).Where((c, i) => i % 97 == 0).Take(8))
            {
                output.WriteLine($"== {c.Title}");
                foreach (var m in c.Members) output.WriteLine($"   {m.Role} {m.Published:MM-dd HH:mm} {TextNormalizer.Normalize(posts[(int)m.PostId - 1].Text)[..Math.Min(110, TextNormalizer.Normalize(posts[(int)m.PostId - 1].Text).Length)]}");
            }
        Assert.True(claims.Count >= 50, $"{claims.Count} claims");
        Assert.Equal(JsonSerializer.Serialize(claims), JsonSerializer.Serialize(again));
        Assert.Equal(claims.OrderBy(c => c.Members[0].Published).ThenBy(c => c.Id).Select(c => c.Id), claims.Select(c => c.Id));
        var claimOf = claims.SelectMany(c => c.Members.Select(m => (m.PostId, c.Id))).ToDictionary(x => x.PostId, x => x.Id);
        Assert.All(groups, g => Assert.Single(g.Select(p => claimOf[p.Id]).Distinct()));
        var byId = posts.ToDictionary(p => p.Id);
        foreach (var c in claims)
        {
            Assert.Equal(c.Members.OrderBy(m => m.Published).ThenBy(m => m.PostId).Select(m => m.PostId), c.Members.Select(m => m.PostId));
            Assert.Equal(c.Id, c.Members[0].PostId);
            Assert.True(c.Members.Count <= 200, $"claim {c.Id} has {c.Members.Count} posts");
            Assert.All(c.Members, m => Assert.True(m.Published - c.Members[0].Published <= TimeSpan.FromDays(30)));
            if (!c.Title.EndsWith('…'))
                Assert.Contains(TextNormalizer.Normalize(c.Title), TextNormalizer.Normalize(byId[c.Id].Text), StringComparison.Ordinal);
        }
    }
}
