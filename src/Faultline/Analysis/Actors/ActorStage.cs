using System.Security.Cryptography;
using System.Text;
using Faultline.Analysis.Stance;
using Faultline.Archive;

namespace Faultline.Analysis.Actors;

/// <summary>
/// The actors stage over the archive: mentions, the author's stance toward each mentioned actor, and loaded
/// language, for every post new since the last run. A changed registry re-runs it over everything.
/// </summary>
internal sealed class ActorStage : IAnalysisStage
{
    public const string StageId = "actors";

    public string Id => StageId;
    public string Description => "Finds actor mentions by the registry's aliases (inflection-aware in ru/uk, transliterations), calls the author's stance toward each (lexicon and rules: negation, reported speech, sarcasm, scare quotes) and scores loaded language; misses irony without markers, pronouns and bare titles.";
    public IReadOnlyList<string> Needs => [];
    public IReadOnlyList<string> Produces => ["mentions", "stances", "loaded-language scores"];

    public string Run(IArchive archive, AnalysisSettings settings, CancellationToken cancellationToken)
    {
        var (lastPost, lastImport) = archive.Watermark();
        var tag = "registry=" + Fingerprint(settings.Registry);
        var state = archive.State(Id);
        bool full = settings.Full || state is null || state.Detail is not { } d || !d.StartsWith(tag, StringComparison.Ordinal);
        if (full) archive.ClearActorAnalysis();
        long after = full ? 0 : state!.LastPostId;
        var finder = new MentionFinder(settings.Registry);
        int posts = 0, mentions = 0, calls = 0, critical = 0;
        foreach (var chunk in archive.AnalysisPosts(after).Chunk(4096))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var results = new PostActorAnalysis[chunk.Length];
            Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = Analyse(chunk[i], finder));
            archive.SaveActorAnalysis(results.Where(r => r.Mentions.Count > 0 || r.LoadedScore > 0));
            posts += chunk.Length;
            mentions += results.Sum(r => r.Mentions.Count);
            calls += results.Sum(r => r.Stances.Count);
            critical += results.Sum(r => r.Stances.Count(s => s.Stance == StanceKind.Criticise));
        }
        var summary = posts == 0 ? "nothing new" : $"{posts:N0} posts: {mentions:N0} mentions, {calls:N0} stance calls ({critical:N0} critical)";
        archive.SaveState(new AnalysisState(Id, lastPost, lastImport, DateTimeOffset.UtcNow, tag + "; " + summary));
        return summary;
    }

    /// <summary>Mentions, stance and loaded language of one post.</summary>
    internal static PostActorAnalysis Analyse(AnalysisPost post, MentionFinder finder)
    {
        var found = finder.Find(post.Text);
        var spans = found.Select(m => new ActorSpan(m.ActorId, m.Offset, m.Length, m.Surface)).ToList();
        var stances = found.Count == 0
            ? []
            : StanceClassifier.Classify(post.Text, post.Language, found.Select(m => (m.ActorId, m.Offset, m.Length)).ToList())
                .Select(s => new ActorCall(s.ActorId, s.Stance, s.Confidence, s.Evidence)).ToList();
        var loaded = LoadedLanguage.Score(post.Text, post.Language);
        return new PostActorAnalysis(post.Id, spans, stances, loaded.Score, loaded.Terms.Select(t => $"{t.Category.ToString().ToLowerInvariant()}: {t.Word}").ToList());
    }

    /// <summary>A short hash of what the registry says, so a changed registry is noticed.</summary>
    internal static string Fingerprint(ActorRegistry registry)
    {
        var text = string.Join("\n", registry.List()) + "\n" + string.Join("\n", registry.Memberships.Select(m => $"{m.ActorId} {m.Bloc} {m.From} {m.To}"))
                   + "\n" + string.Join("\n", registry.Actors.SelectMany(a => a.Channels.Select(c => $"{a.Id} {c.Handle}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
