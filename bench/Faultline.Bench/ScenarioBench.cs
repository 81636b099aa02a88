using System.Diagnostics;
using System.Globalization;
using Faultline.Analysis;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Claims;
using Faultline.Analysis.Scenarios;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Model;

namespace Faultline.Bench;

/// <summary>
/// Times the scenario board (<see cref="ScenarioEvaluator"/>: both days, every indicator, citations) on a synthetic archive
/// built once into a SQLite file: N posts over 2022 from 500 channels (the eight milblogger handles of the default
/// registry, @mod_russia, and 491 fictional others), Russian-like text from a word list in which the scenario words
/// (генералы, список, мобилизация, ядерный, предательство, победа …) occur at a set density (--topical), a stance call on a third of the posts
/// (about ru-mod, putin or gerasimov), and claims of four posts on average with walk-backs and denials — the tables the
/// board reads, at the size of a real year's archive. One run evaluates the shipped example file for a day.
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- scenarios [--posts N] [--db FILE] [--file F] [--date D] [--runs R] [--topical P]
/// </summary>
public static class ScenarioBench
{
    private static readonly string[] Handles = ["severny_rubezh_fict", "okopnaya_pravda_fict", "tikhiy_front_fict", "rybar", "wargonzo", "grey_zone", "milinfolive", "strelkovii", "mod_russia"];

    private static readonly string[] Filler =
    [
        "противник", "направление", "позиции", "наступление", "сводка", "военкоры", "командование", "подразделения", "удерживают", "рубеж",
        "обстрел", "артиллерия", "техника", "потери", "данные", "сообщают", "источники", "фронт", "резервы", "ночью", "утром", "продолжает",
        "попытки", "вопрос", "повестка", "поддержка", "ситуация", "остаётся", "сложной", "район", "снабжение", "снаряды", "колонна", "село",
    ];

    private static readonly string[] Topical =
    [
        "генералы", "список", "списки", "мобилизация", "мобилизованных", "ядерный", "ядерное", "предательство", "предатели", "победа",
        "дискредитацию", "цензура", "Минобороны", "провал", "виноваты", "ответит", "всеобщая мобилизация", "военное положение", "голос фронта",
    ];

    /// <summary>Entry point of the "scenarios" subcommand.</summary>
    public static int Run(string[] args)
    {
        int posts = 1_000_000, runs = 5, seed = 2022;
        double topical = 0.01;
        string db = "/tmp/faultline-scenarios-bench.db";
        string? file = null;
        var date = new DateOnly(2022, 10, 15);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--posts": posts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                case "--file": file = args[i + 1]; break;
                case "--date": date = DateOnly.ParseExact(args[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--topical": topical = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: Faultline.Bench scenarios [--posts N] [--db FILE] [--file F] [--date D] [--runs R] [--seed S] [--topical P]");
                    return 2;
            }
        }
        file ??= FindShippedFile();
        if (file is null)
        {
            Console.Error.WriteLine("samples/scenarios/defeated-regime.scenarios not found; pass --file");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        if (!File.Exists(db))
        {
            Build(db, posts, seed, topical);
            Console.WriteLine($"built {db} with {posts:N0} posts in {clock.Elapsed.TotalSeconds:N1} s ({new FileInfo(db).Length / 1e6:N0} MB)");
        }
        using var archive = SqliteArchive.Open(db);
        var totals = archive.Totals();
        var scenario = ScenarioFile.Load(file);
        Console.WriteLine($"archive: {totals.Posts:N0} posts, {archive.Claims().Count:N0} claims; board: {scenario.Hypotheses.Count} hypotheses, {scenario.Items.Count} items, day {date:yyyy-MM-dd}");
        for (var run = 1; run <= runs; run++)
        {
            // The source list is read once per report and shared by every section; timed apart from the board.
            clock.Restart();
            var sources = archive.Sources();
            var sourcesSeconds = clock.Elapsed.TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var board = new ScenarioEvaluator(archive, ActorRegistry.Default, sources).Evaluate(scenario, date);
            var wall = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var observed = board.Today.Findings.Count(f => f.Observed);
            Console.WriteLine($"run {run}: board {wall:N3} s wall, {cpuSeconds:N3} s CPU, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB allocated (source list {sourcesSeconds:N3} s before it); "
                + $"{observed} of {board.Today.Findings.Count} items observed, {board.Today.Findings.Sum(f => f.Count):N0} evidence posts; first {board.Today.Ranking[0].Hypothesis.Id}");
            if (run == 1) Profile(archive, scenario, date, sources);
        }
        return 0;
    }

    /// <summary>Where the time goes, item by item (one evaluation per item, so the shared reads are counted in each).</summary>
    private static void Profile(IArchive archive, ScenarioFile scenario, DateOnly date, IReadOnlyList<SourceSummary> sources)
    {
        var watch = Stopwatch.StartNew();
        _ = new MentionFinder(ActorRegistry.Default).Find("Минобороны");
        Console.WriteLine($"    (mention finder set-up {watch.Elapsed.TotalMilliseconds:N1} ms; every claim (not used) {Time(() => archive.Claims()):N1} ms; "
            + $"stance calls of 35 days {Time(() => archive.Stances(new DateTimeOffset(date.AddDays(-35).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))):N1} ms; "
            + $"claims touching 16 days {Time(() => archive.ClaimsTouching(new DateTimeOffset(date.AddDays(-15).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))):N1} ms)");
        var header = string.Join("\n", scenario.Hypotheses.Select(h => $"hypothesis {h.Id} | {h.Title}"));
        var lines = File.ReadAllLines(FindShippedFile()!);
        foreach (var item in scenario.Items)
        {
            // Re-read the item's own block from the file so the profile runs exactly what the board runs.
            var start = item.Line - 1;
            var end = start + 1;
            while (end < lines.Length && lines[end].StartsWith(' ')) end++;
            var single = ScenarioFile.Parse(header + "\n" + string.Join("\n", lines[start..end]), "profile");
            if (single.Problems.Count > 0) continue;
            var clock = Stopwatch.StartNew();
            new ScenarioEvaluator(archive, ActorRegistry.Default, sources).Evaluate(single, date);
            Console.WriteLine($"    {item.Id,-30} {clock.Elapsed.TotalMilliseconds,8:N1} ms");
        }
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string? FindShippedFile()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "scenarios", "defeated-regime.scenarios");
            if (File.Exists(candidate)) return candidate;
            dir = dir.Parent;
        }
        return null;
    }

    private static void Build(string db, int posts, int seed, double topical)
    {
        var random = new Random(seed);
        using var archive = SqliteArchive.Open(db);
        const int channels = 500;
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = TimeSpan.FromDays(365).TotalSeconds;
        // Every post's channel and time, drawn up front; then one import per channel, as real exports arrive.
        var byChannel = Enumerable.Range(0, channels).Select(_ => new List<DateTimeOffset>()).ToArray();
        for (var i = 0; i < posts; i++)
        {
            var c = random.Next(10) < 3 ? random.Next(Handles.Length) : random.Next(channels);
            byChannel[c].Add(start.AddSeconds(random.NextDouble() * span));
        }
        var stances = new List<PostActorAnalysis>();
        var timeline = new List<(long Id, long Source, DateTimeOffset At)>(posts);
        for (var c = 0; c < channels; c++)
        {
            var handle = c < Handles.Length ? Handles[c] : $"chan_{c}_fict";
            var times = byChannel[c];
            times.Sort();
            var texts = new string[times.Count];
            var textRandom = new Random(seed * 1000 + c);
            for (var k = 0; k < texts.Length; k++) texts[k] = Text(textRandom, topical);
            var prepared = new PreparedPost[times.Count];
            Parallel.For(0, prepared.Length, k => prepared[k] = PostPreparation.Prepare(new Post
            {
                NativeId = (k + 1).ToString(CultureInfo.InvariantCulture), Published = times[k], Text = texts[k], Raw = "{}",
            }));
            using (var session = archive.BeginImport(new ImportStart($"{handle}.json", Guid.NewGuid().ToString("N"), 1, "bench", DateTimeOffset.UtcNow)))
            {
                session.BeginSource(new SourceInfo(SourceKind.TelegramChannel, $"telegram:{1_800_000_000 + c}") { Handle = handle, Title = handle + " (fictional)" }, CoverageKind.Partial);
                foreach (var p in prepared) session.AddPost(p);
                session.Complete([]);
            }
        }
        var sources = archive.Sources().ToDictionary(s => s.Id);
        foreach (var p in archive.AnalysisPosts())
        {
            timeline.Add((p.Id, p.SourceId, p.Published));
            if (random.Next(3) != 0) continue;
            var actor = random.Next(10) switch { < 6 => "ru-mod", < 8 => "putin", _ => "gerasimov" };
            var stance = random.Next(3) switch { 0 => StanceKind.Criticise, 1 => StanceKind.Support, _ => StanceKind.Neutral };
            stances.Add(new PostActorAnalysis(p.Id, [new ActorSpan(actor, 0, 1, actor)], [new ActorCall(actor, stance, 0.8, ["bench"])], 0, []));
            if (stances.Count == 50_000) { archive.SaveActorAnalysis(stances); stances.Clear(); }
        }
        archive.SaveActorAnalysis(stances);
        _ = sources;
        // Claims: runs of about four consecutive posts (in time) form a claim; some are walked back or denied.
        timeline.Sort((a, b) => a.At.CompareTo(b.At));
        var claims = new List<Claim>();
        for (var i = 0; i < timeline.Count;)
        {
            var size = Math.Min(timeline.Count - i, 2 + random.Next(5));
            var members = timeline.Skip(i).Take(size).Select((t, k) => new ClaimMember(t.Id, t.Source, t.At, k == 0 ? ClaimRole.Origin : ClaimRole.Amplify)).ToList();
            var events = members.Select((m, k) => new LifecycleEvent(k == 0 ? LifecycleEventKind.Made : LifecycleEventKind.Amplified, m.Published, m.PostId, "bench") { RunningCount = k }).ToList();
            var status = ClaimStatus.Amplified;
            var roll = random.Next(100);
            if (roll < 5) { events.Add(new LifecycleEvent(LifecycleEventKind.WalkedBack, members[^1].Published, members[^1].PostId, "bench")); status = ClaimStatus.WalkedBack; }
            else if (roll < 8) { events.Add(new LifecycleEvent(LifecycleEventKind.Denied, members[^1].Published, members[^1].PostId, "bench")); status = ClaimStatus.Denied; }
            claims.Add(new Claim(members[0].PostId, Text(random, topical)[..40], "ru", members, events, status) { KeyTerms = ["списк", "генерал"], Actors = ["ru-mod"] });
            i += size;
        }
        archive.ReplaceClaims(claims);
    }

    /// <summary>12–27 words; each is one of the scenario words with probability <paramref name="topical"/> (0.01: each of
    /// them in about 1% of posts, like "мобилизация" in the pro-war channels of late 2022; 1/12: in about 9%, a stress test).</summary>
    private static string Text(Random random, double topical)
    {
        var words = new List<string>(24);
        var n = 12 + random.Next(16);
        for (var w = 0; w < n; w++) words.Add(random.NextDouble() < topical ? Topical[random.Next(Topical.Length)] : Filler[random.Next(Filler.Length)]);
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }
}
