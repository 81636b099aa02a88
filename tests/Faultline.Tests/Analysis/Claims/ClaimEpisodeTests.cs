using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;
using Faultline.Text;
using Xunit.Abstractions;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>The fictional episodes are consistent, and the role classifier reads their members as the truth says.</summary>
public sealed class ClaimEpisodeTests(ITestOutputHelper output)
{
    public static TheoryData<string> Episodes => [.. ClaimEpisode.Names];

    [Theory]
    [MemberData(nameof(Episodes))]
    public void EveryPostTheTruthNamesExistsInTheEpisodesExports(string name)
    {
        var episode = ClaimEpisode.Load(name);
        var named = episode.Claims.SelectMany(c => c.Members.Select(m => m.Post).Concat(c.Events.Select(e => e.Post)).Append(c.Origin))
            .Concat(episode.HardNegatives).Distinct().ToList();
        Assert.All(named, p => Assert.True(episode.First.ContainsKey(p), $"{p} is in no export of {name}"));
        var posts = episode.Claims.SelectMany(c => c.Members).Select(m => m.Post).Concat(episode.HardNegatives).Distinct().Count();
        Assert.InRange(posts, 8, 20);
    }

    [Theory]
    [MemberData(nameof(Episodes))]
    public void EveryChannelHasAHandleAndEveryHandleAnExport(string name)
    {
        var episode = ClaimEpisode.Load(name);
        foreach (var (handle, title) in episode.Titles) Assert.Equal(handle, episode.Handles[title]);
        Assert.Equal(episode.Titles.Count, episode.Handles.Count);
        // Forwards name their origin by title only, as Desktop exports do: that title must be a known channel.
        Assert.All(episode.First.Values.Where(p => p.ForwardedFrom is not null), p => Assert.Contains(p.ForwardedFrom!, episode.Handles.Keys));
    }

    [Theory]
    [MemberData(nameof(Episodes))]
    public void TheTruthUsesTheSharedVocabularyAndIsWellFormed(string name)
    {
        var episode = ClaimEpisode.Load(name);
        foreach (var claim in episode.Claims)
        {
            Assert.All(claim.Members, m => Assert.Contains(m.Role, ClaimEpisode.Roles));
            Assert.All(claim.Events, e => Assert.Contains(e.Kind, ClaimEpisode.EventKinds));
            Assert.True(Enum.TryParse<ClaimStatus>(claim.Status, ignoreCase: true, out _), claim.Status);
            Assert.Equal("origin", Assert.Single(claim.Members, m => m.Post == claim.Origin).Role);
            Assert.Single(claim.Members, m => m.Role == "origin");
            Assert.Contains(new ClaimEpisode.TruthEvent("made", claim.Origin), claim.Events);
            var members = claim.Members.Select(m => m.Post).ToHashSet();
            Assert.Equal(members.Count, claim.Members.Count);
            Assert.All(claim.Events, e => Assert.Contains(e.Post, members));
            Assert.All(episode.HardNegatives, n => Assert.DoesNotContain(n, members));
            // No member is older than the origin.
            var origin = episode.First[claim.Origin].Published;
            Assert.All(claim.Members, m => Assert.True(episode.First[m.Post].Published >= origin, m.Post));
        }
    }

    [Theory]
    [MemberData(nameof(Episodes))]
    public void EditedAndDeletedEventsAreExactlyWhatTheLaterExportsShow(string name)
    {
        var episode = ClaimEpisode.Load(name);
        var edited = new HashSet<string>();
        var deleted = new HashSet<string>();
        foreach (var (handle, later) in episode.Later)
        {
            foreach (var first in episode.First.Values.Where(p => p.Handle == handle))
            {
                if (!later.TryGetValue(first.Key, out var now)) deleted.Add(first.Key);
                else if (now.Text != first.Text)
                {
                    Assert.NotNull(now.Edited);
                    Assert.True(now.Edited > first.Published);
                    edited.Add(first.Key);
                }
            }
        }
        var members = episode.Claims.SelectMany(c => c.Members).Select(m => m.Post).ToHashSet();
        var events = episode.Claims.SelectMany(c => c.Events).ToList();
        Assert.Equal(edited.Where(members.Contains).Order(), events.Where(e => e.Kind == "edited").Select(e => e.Post).Order());
        Assert.Equal(deleted.Where(members.Contains).Order(), events.Where(e => e.Kind == "deleted").Select(e => e.Post).Order());
    }

    [Fact]
    public void TheWalkedBackEpisodeHasAVersionAndATombstone()
    {
        var episode = ClaimEpisode.Load("walked-back");
        Assert.Contains("UPD: списков больше нет", episode.Latest("russky_shtyk_fict/877").Text);
        Assert.DoesNotContain("UPD", episode.First["russky_shtyk_fict/877"].Text);
        Assert.False(episode.Later["voen_dnevnik_fict"].ContainsKey("voen_dnevnik_fict/3302"));
    }

    [Theory]
    [MemberData(nameof(Episodes))]
    public async Task TheRealReaderIngestsEveryExportFirstThenLater(string name)
    {
        var episode = ClaimEpisode.Load(name);
        using var dir = new TempDir();
        using var archive = SqliteArchive.Open(dir.File("a.db"));
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        var files = Directory.GetFiles(episode.Folder, "*.json").Where(f => Path.GetFileName(f) != "truth.json")
            .OrderBy(f => f.EndsWith("-later.json", StringComparison.Ordinal)).ThenBy(f => f, StringComparer.Ordinal).ToList();
        var updated = 0;
        var deleted = 0;
        foreach (var file in files)
        {
            var outcome = await ingestor.IngestFileAsync(file, new IngestOptions());
            Assert.NotNull(outcome.Import);
            updated += outcome.Import.Updated;
            deleted += outcome.Import.Deleted;
        }
        var events = episode.Claims.SelectMany(c => c.Events).ToList();
        Assert.Equal(events.Count(e => e.Kind == "edited"), updated);
        Assert.Equal(events.Count(e => e.Kind == "deleted"), deleted);
        Assert.Equal(episode.First.Keys.Concat(episode.Later.Values.SelectMany(l => l.Keys)).Distinct().Count(), archive.Totals().Posts);
    }

    /// <summary>
    /// Classifies every member and hard negative of every episode with the context the claim builder would give:
    /// key terms are the origin's stems of five letters or more; relations are simulated from the files (forward
    /// when forwarded_from is set, cites for a t.me link to a member, copy when the post shares at least half of the
    /// origin's words, echo for any other member — the echo stage's job — and none for hard negatives).
    /// </summary>
    [Fact]
    public void TheClassifierGivesTheTruthsRolesAndLeavesHardNegativesOut()
    {
        var classifier = new RoleClassifier();
        int members = 0, right = 0, negatives = 0, negativesOut = 0;
        foreach (var name in ClaimEpisode.Names)
        {
            var episode = ClaimEpisode.Load(name);
            foreach (var claim in episode.Claims)
            {
                var origin = Analysis(episode, claim.Origin, 1);
                var keyTerms = Words(origin.Text).Where(w => w.Length >= 5).Select(w => Stemmer.Stem(w, LanguageCodes.Parse(origin.Language))).Distinct().ToList();
                var truthRole = claim.Members.ToDictionary(m => m.Post, m => m.Role);
                var candidates = claim.Members.Select(m => m.Post).Concat(episode.HardNegatives)
                    .Select((key, i) => (Key: key, Post: Analysis(episode, key, i + 2))).OrderBy(c => c.Post.Published).ToList();
                var accepted = new List<(string Key, AnalysisPost Post)>();
                foreach (var (key, post) in candidates)
                {
                    if (key == claim.Origin) { accepted.Add((key, post)); continue; }
                    var isMember = truthRole.ContainsKey(key);
                    var relations = isMember ? Relations(episode, key, post, origin, accepted) : [];
                    var fromAmplifier = accepted.Any(a => a.Post.Handle == post.Handle && truthRole[a.Key] is "amplify" or "walkBack");
                    var context = new ClaimContext(origin, [.. accepted.Select(a => a.Post)], keyTerms, [], relations, post.Handle == origin.Handle, fromAmplifier);
                    var call = classifier.Classify(post, context);
                    var role = call.Role is { } r ? char.ToLowerInvariant(r.ToString()[0]) + r.ToString()[1..] : "null";
                    output.WriteLine($"{name} {key}: {role} (truth {(isMember ? truthRole[key] : "negative")}) — {string.Join(" | ", call.Evidence)}");
                    if (isMember)
                    {
                        members++;
                        if (role == truthRole[key]) right++;
                        accepted.Add((key, post));
                    }
                    else
                    {
                        negatives++;
                        if (call.Role is null) negativesOut++;
                    }
                }
            }
        }
        var accuracy = (double)right / members;
        output.WriteLine($"role accuracy {right}/{members} = {accuracy:F3}; hard negatives left out {negativesOut}/{negatives}");
        Assert.True(accuracy >= 0.9, $"role accuracy {accuracy:F3}");
        Assert.Equal(negatives, negativesOut);
    }

    private static AnalysisPost Analysis(ClaimEpisode episode, string key, long id)
    {
        var p = episode.Latest(key);
        var first = episode.First[key];
        return new AnalysisPost(id, p.Handle.GetHashCode(StringComparison.Ordinal), p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            first.Published, p.Text, LanguageDetector.Detect(p.Text).Code())
        {
            Handle = p.Handle,
            SourceTitle = episode.Titles[p.Handle],
            ForwardedFrom = first.ForwardedFrom is { } from ? new Faultline.Model.ForwardOrigin { Name = from } : null,
            Links = [.. p.Links.Select(Link)],
        };
    }

    private static LinkTarget Link(string url)
    {
        var parts = new Uri(url).AbsolutePath.Trim('/').Split('/');
        return new LinkTarget(url, "t.me", parts[0], parts.Length > 1 && long.TryParse(parts[1], out var id) ? id : null);
    }

    private static EdgeKind[] Relations(ClaimEpisode episode, string key, AnalysisPost post, AnalysisPost origin, List<(string Key, AnalysisPost Post)> accepted)
    {
        var file = episode.First[key];
        if (file.ForwardedFrom is not null) return [EdgeKind.Forward];
        if (post.Links.Any(l => accepted.Any(a => a.Post.Handle == l.TelegramHandle && a.Post.NativeId == l.TelegramPostId?.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            return [EdgeKind.Cites];
        var originWords = Words(origin.Text).ToHashSet();
        var shared = Words(post.Text).ToHashSet().Count(originWords.Contains);
        return 2 * shared >= originWords.Count ? [EdgeKind.Copy] : [EdgeKind.Echo];
    }

    private static IEnumerable<string> Words(string text) => Tokenizer.Words(TextNormalizer.Normalize(text));
}
