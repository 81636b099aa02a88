using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Faultline.Analysis;
using Faultline.Analysis.Claims;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Reading;

namespace Faultline.Bench;

/// <summary>
/// The claims stage over a real archive, first in full and then after one more import: the synthetic stories of
/// <see cref="ClaimBench"/> (2,000 channels, forwards with their origin ids, verbatim copies, rewrites, t.me links to
/// earlier posts, institution names the actor registry knows) written as a Telethon NDJSON dump, ingested and analysed
/// in process. The newest <c>--add</c> posts go into a second dump; stories that straddle the cut gain members in it.
/// </summary>
/// <remarks>
/// <code>
/// claims-archive --posts N --add K --dir DIR [--days D] [--seed S] [--verify]
///   DIR/base.db is built once (ingest + full analysis of the first N posts) and reused;
///   each run copies it to DIR/run.db, ingests the K newest posts and times `analyse` stage by stage;
///   --verify then rebuilds the claims in full over the same archive and compares them with the incremental result.
/// claims-archive --claims-only [--full] DB [DB …]
///   runs only the claims stage over each archive in turn (incremental unless --full or its state asks for a full rebuild),
///   and prints the time of each phase: the
///   second of two copies of one archive shows the stage with warm caches and compiled code.
/// </code>
/// </remarks>
internal static class ClaimArchiveBench
{
    private static readonly string[] Institutions = ["Минобороны", "ВСУ", "НАТО", "Генштаб", "Кремль", "Вагнер", "ЗСУ", "Міноборони РФ"];

    public static int Run(string[] args)
    {
        if (args.Length > 1 && args[0] == "--claims-only")
        {
            var full = args.Contains("--full");
            foreach (var db in args[1..].Where(a => a != "--full"))
            {
                using var a = SqliteArchive.Open(db);
                var sw = Stopwatch.StartNew();
                var stage = new ClaimStage();
                Console.WriteLine(stage.Run(a, new AnalysisSettings { Full = full }, CancellationToken.None) + $" in {sw.Elapsed.TotalSeconds:F2} s");
                Console.WriteLine("  phases: " + stage.Phases);
            }
            return 0;
        }
        int posts = 1_000_000, add = 10_000, seed = 1700, days = 365;
        string? dir = null;
        var verify = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--add": add = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--days": days = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--dir": dir = args[++i]; break;
                case "--verify": verify = true; break;
                default: return Usage();
            }
        }
        if (dir is null) return Usage();
        Directory.CreateDirectory(dir);
        var basePath = Path.Combine(dir, "base.db");
        var baseDump = Path.Combine(dir, "base.ndjson");
        var addDump = Path.Combine(dir, "add.ndjson");
        var clock = Stopwatch.StartNew();
        if (!File.Exists(basePath))
        {
            Write(posts, add, seed, days, baseDump, addDump);
            Console.WriteLine($"wrote {posts:N0} + {add:N0} posts in {clock.Elapsed.TotalSeconds:N1} s");
            using (var archive = SqliteArchive.Open(basePath + ".tmp"))
            {
                Ingest(archive, baseDump);
                Analyse(archive, "full analysis of the base archive");
            }
            foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(basePath + ".tmp" + suffix);
            File.Move(basePath + ".tmp", basePath);
        }
        var runPath = Path.Combine(dir, "run.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(runPath + suffix);
        File.Copy(basePath, runPath);
        using (var archive = SqliteArchive.Open(runPath))
        {
            // Opening may migrate the copy; the analysis below starts from a settled archive.
            Analyse(archive, "catch-up of the base archive (new stage versions; nothing new to most stages)");
            Ingest(archive, addDump);
            Analyse(archive, $"incremental analysis after {add:N0} new posts");
            if (!verify) return 0;
            var incremental = archive.Claims();
            clock.Restart();
            var summary = new ClaimStage().Run(archive, new AnalysisSettings { Full = true }, CancellationToken.None);
            Console.WriteLine($"claims stage in full over the same archive: {clock.Elapsed.TotalSeconds:N2} s: {summary}");
            Compare(incremental, archive.Claims());
        }
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Faultline.Bench claims-archive --dir DIR [--posts N] [--add K] [--days D] [--seed S] [--verify] | --claims-only [--full] DB [DB …]");
        return 2;
    }

    private static void Ingest(SqliteArchive archive, string dump)
    {
        var clock = Stopwatch.StartNew();
        var outcome = new Ingestor(archive, ReaderCatalog.Default).IngestFileAsync(dump, new IngestOptions()).GetAwaiter().GetResult();
        if (outcome.Rejected) throw new InvalidOperationException($"{dump}: {outcome.Error}");
        Console.WriteLine($"ingest {Path.GetFileName(dump)}: {outcome.Import?.New:N0} new posts in {clock.Elapsed.TotalSeconds:N1} s");
    }

    private static void Analyse(SqliteArchive archive, string what)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine(what + ":");
        AnalysisPipeline.Default.Run(archive, new AnalysisSettings(),
            o => Console.WriteLine($"  {o.StageId,-16} {o.Elapsed.TotalSeconds,7:N2} s  {o.Summary ?? o.Error}"));
        Console.WriteLine($"  {"all stages",-16} {clock.Elapsed.TotalSeconds,7:N2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N2} s CPU");
    }

    /// <summary>Claims compared by content: the same members with the same roles, lifecycle and status.</summary>
    private static void Compare(IReadOnlyList<Claim> incremental, IReadOnlyList<Claim> full)
    {
        static string Content(Claim c) => string.Join(";", c.Members.Select(m => $"{m.PostId}:{m.Role}")) + "|" + c.Status + "|"
            + string.Join(";", c.Lifecycle.Select(e => $"{e.Kind}:{e.PostId}:{e.RunningCount}:{e.RunningReach}"));
        var a = incremental.Select(Content).ToHashSet(StringComparer.Ordinal);
        var b = full.Select(Content).ToHashSet(StringComparer.Ordinal);
        var same = a.Intersect(b).Count();
        var fullIds = full.Select(c => c.Id).ToHashSet();
        var sameIds = incremental.Count(c => fullIds.Contains(c.Id));
        Console.WriteLine($"incremental {incremental.Count:N0} claims, full {full.Count:N0}: {same:N0} identical in members, roles, lifecycle and status "
            + $"({(double)same / Math.Max(1, full.Count):P2} of the full rebuild's); {incremental.Count - same:N0} only incremental, {full.Count - same:N0} only full; "
            + $"{sameIds:N0} incremental claim ids are also full-rebuild ids");
        static string Brief(Claim c) => $"#{c.Id} {c.Status}: " + string.Join(" ", c.Members.Select(m => $"{m.PostId}:{m.Role}"));
        foreach (var c in incremental.Where(c => !b.Contains(Content(c))).Take(5)) Console.WriteLine("  only incremental " + Brief(c));
        foreach (var c in full.Where(c => !a.Contains(Content(c))).Take(5)) Console.WriteLine("  only full        " + Brief(c));
    }

    /// <summary>Writes the first <paramref name="count"/> posts (by time) to one dump and the next <paramref name="add"/> to another.</summary>
    private static void Write(int count, int add, int seed, int days, string baseDump, string addDump)
    {
        var (input, _) = ClaimBench.Generate(count + add, seed, days);
        var byId = input.Posts.ToDictionary(p => p.Id);
        var parent = new Dictionary<long, PostEdge>();
        foreach (var e in input.Edges) parent.TryAdd(e.Later, e);
        var ordered = input.Posts.OrderBy(p => p.Published).ThenBy(p => p.Id).ToList();
        var nativeId = new Dictionary<long, long>(ordered.Count);
        var perChannel = new Dictionary<long, long>();
        var text = new Dictionary<long, string>(ordered.Count);
        var random = new Random(seed + 7);
        foreach (var p in ordered)
        {
            nativeId[p.Id] = perChannel[p.SourceId] = perChannel.GetValueOrDefault(p.SourceId) + 1;
            var body = p.Text;
            var actor = input.ActorsByPost[p.Id][0];
            var k = int.Parse(actor.AsSpan("actor:".Length), CultureInfo.InvariantCulture);
            if (k % 3 == 0) body += " " + Institutions[k % Institutions.Length] + ".";
            if (parent.TryGetValue(p.Id, out var edge))
            {
                // Forwards and copies carry the earlier post's text; a rewrite keeps its own words and sometimes links the earlier post.
                if (edge.Kind is EdgeKind.Forward or EdgeKind.Copy) body = text[edge.Earlier];
                else if (random.NextDouble() < 0.1) body += $" https://t.me/{Handle(byId[edge.Earlier].SourceId)}/{nativeId[edge.Earlier]}";
            }
            text[p.Id] = body;
        }
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        foreach (var (path, slice) in new[] { (baseDump, ordered.Take(count)), (addDump, ordered.Skip(count)) })
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            // One channel's posts together: the reader starts a source on each change of channel.
            foreach (var p in slice.OrderBy(p => p.SourceId).ThenBy(p => p.Published).ThenBy(p => p.Id))
            {
                using (var json = new Utf8JsonWriter(file, options))
                {
                    json.WriteStartObject();
                    json.WriteString("_", "Message");
                    json.WriteNumber("id", nativeId[p.Id]);
                    json.WriteStartObject("peer_id");
                    json.WriteString("_", "PeerChannel");
                    json.WriteNumber("channel_id", ChannelId(p.SourceId));
                    json.WriteEndObject();
                    json.WriteString("date", p.Published.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture));
                    json.WriteString("message", text[p.Id]);
                    json.WriteBoolean("post", true);
                    if (parent.TryGetValue(p.Id, out var edge) && edge.Kind == EdgeKind.Forward)
                    {
                        var origin = byId[edge.Earlier];
                        json.WriteStartObject("fwd_from");
                        json.WriteStartObject("from_id");
                        json.WriteString("_", "PeerChannel");
                        json.WriteNumber("channel_id", ChannelId(origin.SourceId));
                        json.WriteString("username", Handle(origin.SourceId)); // as 4CAT resolves it; the edge stage matches forwards by handle
                        json.WriteEndObject();
                        json.WriteNumber("channel_post", nativeId[origin.Id]);
                        json.WriteString("date", origin.Published.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture));
                        json.WriteEndObject();
                    }
                    if (p.Views is { } views) json.WriteNumber("views", views);
                    json.WriteStartObject("_chat");
                    json.WriteString("title", $"Синтетика {p.SourceId} (fictional)");
                    json.WriteString("username", Handle(p.SourceId));
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                file.WriteByte((byte)'\n');
            }
        }
    }

    private static long ChannelId(long source) => 1_900_000_000 + source;

    private static string Handle(long source) => $"synth{source}_fict";
}
