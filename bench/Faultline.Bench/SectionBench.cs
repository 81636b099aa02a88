using System.Diagnostics;
using System.Globalization;
using System.Text;
using Faultline.Analysis;
using Faultline.Analysis.Actors;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Model;

namespace Faultline.Bench;

/// <summary>
/// Times the fractures and amplification report sections over a synthetic SQLite archive: N posts over D days of 2022
/// from 500 fictional channels (each speaking for an actor of one of four blocs), a third of them later members of
/// stories (geometric size, mean ≈ 4; exponential lags, mean 1 h) tied to an earlier member by a forward, copy, rewrite
/// or citation edge, and one stance call on every other post about one of 40 target actors (criticism rising from
/// 2022-09-21). The archive is written through import sessions, SaveEdges and SaveActorAnalysis (no readers, no
/// pipeline) and kept with --db for later runs. Each run times the report context's shared loads (the period's spread
/// snapshot, the stance view over the background window) apart from each section's own Build, and sums the size of
/// the blocks (SVG included).
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- sections [--posts N] [--days D] [--db FILE] [--seed S] [--date yyyy-MM-dd]
/// </summary>
/// <remarks>
/// Figures: see docs/performance.md ("Report sections").
/// </remarks>
public static class SectionBench
{
    private const int Channels = 500;
    private const int Targets = 40;
    private static readonly string[] Blocs = ["milbloggers", "mod-establishment", "kremlin", "ukraine-gov"];
    private static readonly string[] Words =
        "фронт снабжение генералы колонна позиции обстрел подразделения штаб сводка участок ротация потери техника дроны связь резервы приказ наступление оборона мост".Split(' ');

    /// <summary>Entry point of the "sections" subcommand.</summary>
    public static int Run(string[] args)
    {
        int posts = 1_000_000, days = 365, seed = 2210;
        string? db = null;
        var date = new DateOnly(2022, 10, 14);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--days": days = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                case "--date": date = DateOnly.ParseExact(args[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: Faultline.Bench sections [--posts N] [--days D] [--db FILE] [--seed S] [--date yyyy-MM-dd]");
                    return 2;
            }
        }
        db ??= Path.Combine(Path.GetTempPath(), $"faultline-sections-{posts}-{days}-{seed}.db");
        var registry = ActorRegistry.Parse(RegistryText(), "bench-registry");
        var clock = Stopwatch.StartNew();
        if (!File.Exists(db))
        {
            using var fresh = SqliteArchive.Open(db);
            Generate(fresh, posts, days, seed);
            Console.WriteLine($"generated {posts:N0} posts into {db} in {clock.Elapsed.TotalSeconds:N1} s");
        }
        using var archive = SqliteArchive.Open(db);
        var totals = archive.Totals();
        Console.WriteLine($"archive: {totals.Posts:N0} posts, {archive.Edges().Count:N0} edges, {archive.Stances(null, null).Count:N0} stance calls");

        foreach (var day in new[] { date, date.AddDays(1), date.AddDays(2) })
        {
            var context = new ReportContext(archive, new ReportOptions { Date = day, Registry = registry });
            clock.Restart();
            var spread = context.Spread;
            var spreadTime = clock.Elapsed;
            clock.Restart();
            var stance = context.Stance;
            var stanceTime = clock.Elapsed;
            clock.Restart();
            var sources = context.Sources;
            var sourcesTime = clock.Elapsed;
            var line = new StringBuilder($"{day:yyyy-MM-dd}: context: spread snapshot {spreadTime.TotalSeconds:N2} s ({spread.Posts.Count:N0} posts, {spread.Cascades.Count:N0} cascades), " +
                $"stance view {stanceTime.TotalSeconds:N2} s ({stance.Records.Count:N0} calls), sources {sourcesTime.TotalSeconds:N2} s ({sources.Count} sources)");
            foreach (IReportSection section in new IReportSection[] { new FracturesSection(), new AmplificationSection() })
            {
                clock.Restart();
                var result = section.Build(context);
                var built = clock.Elapsed;
                var svg = result.Blocks.OfType<Chart>().Sum(c => Encoding.UTF8.GetByteCount(c.Svg));
                var text = result.Blocks.Sum(Bytes);
                var citations = result.Blocks.OfType<Paragraph>().SelectMany(p => p.Sentences).Sum(s => s.Citations.Count);
                line.Append(CultureInfo.InvariantCulture, $"; {section.Id} {built.TotalSeconds:N2} s, {citations} citations, {text / 1024.0:N1} KB of which SVG {svg / 1024.0:N1} KB");
            }
            Console.WriteLine(line);
        }
        return 0;
    }

    private static long Bytes(Block block) => block switch
    {
        Paragraph p => p.Sentences.Sum(s => (long)Encoding.UTF8.GetByteCount(s.Text) + s.Citations.Sum(c => Encoding.UTF8.GetByteCount(c.Excerpt ?? ""))),
        Note n => Encoding.UTF8.GetByteCount(n.Text),
        Table t => t.Rows.SelectMany(r => r).Sum(s => (long)Encoding.UTF8.GetByteCount(s.Text)),
        Chart c => Encoding.UTF8.GetByteCount(c.Svg) + Encoding.UTF8.GetByteCount(c.AltText) + Encoding.UTF8.GetByteCount(c.Caption),
        _ => 0,
    };

    private static string RegistryText()
    {
        var text = new StringBuilder();
        foreach (var bloc in Blocs) text.AppendLine(CultureInfo.InvariantCulture, $"bloc {bloc} | synthetic bloc");
        for (var c = 0; c < Channels; c++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"actor ch{c}_fict channel fictional | Channel {c} (fictional)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  ru: Канал{c}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  channel ch{c}_fict | synthetic");
            text.AppendLine(CultureInfo.InvariantCulture, $"  member {Blocs[c % Blocs.Length]} | synthetic");
        }
        for (var t = 0; t < Targets; t++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"actor target{t} person fictional | Target {t} (fictional)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  ru: Цель{t}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  member {Blocs[t % Blocs.Length]} | synthetic");
        }
        return text.ToString();
    }

    private static void Generate(SqliteArchive archive, int count, int days, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = TimeSpan.FromDays(days);
        // Plan every post first: (channel, time, story, text), then write channel by channel.
        var channel = new int[count];
        var time = new DateTimeOffset[count];
        var parent = new int[count];
        var kind = new EdgeKind[count];
        var i = 0;
        while (i < count)
        {
            var origin = i;
            channel[i] = random.Next(Channels);
            time[i] = start + span * random.NextDouble();
            parent[i] = -1;
            i++;
            if (random.NextDouble() >= 0.5) continue; // half the posts start a story nobody takes up
            var size = 1;
            while (random.NextDouble() < 0.75 && i < count && size < 60)
            {
                channel[i] = random.Next(Channels);
                parent[i] = origin + random.Next(size);
                time[i] = time[parent[i]] + TimeSpan.FromHours(-Math.Log(1 - random.NextDouble()) + 0.01);
                kind[i] = (EdgeKind)random.Next(4); // forward, copy, echo, cites
                size++;
                i++;
            }
        }
        var texts = new string[count];
        for (var p = 0; p < count; p++)
        {
            var source = parent[p] < 0 ? p : Root(p);
            var words = new StringBuilder();
            var r = new Random(seed ^ source);
            for (var w = 0; w < 25; w++) words.Append(Words[r.Next(Words.Length)]).Append(w % 8 == 7 ? ". " : " ");
            texts[p] = $"Сводка {source} (fictional): {words}";
        }

        var byChannel = Enumerable.Range(0, count).GroupBy(p => channel[p]).OrderBy(g => g.Key);
        foreach (var group in byChannel)
        {
            using var session = archive.BeginImport(new ImportStart($"ch{group.Key}.json", Guid.NewGuid().ToString("N"), 0, "bench", DateTimeOffset.UtcNow));
            session.BeginSource(new SourceInfo(SourceKind.TelegramChannel, $"telegram:{1_800_000_000 + group.Key}")
            { Handle = $"ch{group.Key}_fict", Title = $"Channel {group.Key} (fictional)", NativeId = $"{1_800_000_000 + group.Key}" }, CoverageKind.Partial);
            foreach (var p in group)
            {
                var post = new Post
                {
                    NativeId = p.ToString(CultureInfo.InvariantCulture),
                    Published = time[p],
                    Text = texts[p],
                    Raw = "{}",
                };
                session.AddPost(PostPreparation.Prepare(post));
            }
            session.Complete([]);
        }

        var ids = new long[count];
        foreach (var post in archive.AnalysisPosts()) ids[int.Parse(post.NativeId, CultureInfo.InvariantCulture)] = post.Id;
        archive.SaveEdges(Enumerable.Range(0, count).Where(p => parent[p] >= 0)
            .Select(p => new PostEdge(ids[parent[p]], ids[p], kind[p], 0.9)));

        var shift = new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.Zero);
        archive.SaveActorAnalysis(Enumerable.Range(0, count).Where(p => p % 2 == 0).Select(p =>
        {
            var target = random.Next(Targets);
            var critical = random.NextDouble() < (time[p] >= shift ? 0.6 : 0.25);
            var stance = critical ? StanceKind.Criticise : random.NextDouble() < 0.5 ? StanceKind.Support : StanceKind.Neutral;
            var word = texts[p].Split(' ')[3];
            return new PostActorAnalysis(ids[p], [], [new ActorCall($"target{target}", stance, 0.5 + random.NextDouble() / 2, [$"{stance}: «{word}»"])], 0, []);
        }));

        int Root(int p)
        {
            while (parent[p] >= 0) p = parent[p];
            return p;
        }
    }
}
