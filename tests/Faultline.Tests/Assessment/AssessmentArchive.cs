using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Model;
using Citation = Faultline.Assessment.Citation;
using Faultline.Reading;
using Faultline.Tests.Analysis.Claims;

namespace Faultline.Tests.Assessment;

/// <summary>
/// A real archive for the report tests: the fictional walked-back episode through the real readers (first exports,
/// then the later ones, so one post is edited and one deleted), plus a fictional feed item on a .ru site and a
/// transcript paragraph without a URL, so every kind of endnote is exercised.
/// </summary>
public sealed class AssessmentArchive : IDisposable
{
    private readonly TempDir _dir = new();

    public AssessmentArchive()
    {
        Db = _dir.File("report.db");
        var episode = ClaimEpisode.Load("walked-back");
        using var archive = SqliteArchive.Open(Db);
        var ingestor = new Ingestor(archive, ReaderCatalog.Default);
        var options = new IngestOptions { Handles = HandleTable.Read(Path.Combine(episode.Folder, "handles.tsv")) };
        var files = Directory.GetFiles(episode.Folder, "*.json").Where(f => Path.GetFileName(f) != "truth.json").Order(StringComparer.Ordinal).ToList();
        foreach (var f in files.Where(f => !f.EndsWith("-later.json", StringComparison.Ordinal)).Concat(files.Where(f => f.EndsWith("-later.json", StringComparison.Ordinal))))
            Assert.False(ingestor.IngestFileAsync(f, options).GetAwaiter().GetResult().Rejected, f);

        using (var feed = archive.BeginImport(Some.Import("zarechny.xml")))
        {
            feed.BeginSource(new SourceInfo(SourceKind.Feed, "https://zarechny-press.ru/") { Title = "Заречный пресс (fictional)", Url = "https://zarechny-press.ru/" }, CoverageKind.Partial);
            feed.AddPost(Some.Prepared(Some.Post("news-17", FeedText, new DateTimeOffset(2022, 10, 14, 13, 0, 0, TimeSpan.Zero)) with
            {
                Url = "https://zarechny-press.ru/news/17",
                Title = "Военкоры сообщают о списках (fictional)",
            }));
            feed.Complete([]);
        }
        using (var radio = archive.BeginImport(Some.Import("radio.txt")))
        {
            radio.BeginSource(new SourceInfo(SourceKind.Transcript, "transcript:radio-hour") { Title = "Radio hour (fictional)" }, CoverageKind.Partial);
            radio.AddPost(Some.Prepared(Some.Post("p3", RadioText, new DateTimeOffset(2022, 10, 14, 19, 0, 0, TimeSpan.Zero))));
            radio.Complete([]);
        }
    }

    public const string FeedText = "Несколько военкоров сообщили сегодня, что в Минобороны якобы готовят списки блогеров. Официального подтверждения нет.";

    public const string RadioText = "HOST: The lists of bloggers were the talk of the evening. GUEST: We have not seen any such list.";

    public string Db { get; }

    public string Folder => _dir.Path;

    public SqliteArchive Open() => SqliteArchive.Open(Db);

    public void Dispose() => _dir.Dispose();
}

/// <summary>Test-only sections that cite real archived posts of <see cref="AssessmentArchive"/>, as the real sections will.</summary>
internal static class TestSections
{
    public static long Id(IArchive archive, string handle, string nativeId)
        => (archive.FindPost(handle, nativeId) ?? throw new InvalidOperationException($"{handle}/{nativeId} is not archived")).Id;

    /// <summary>True when a post falls inside the report's period (the sections say nothing about other days).</summary>
    private static bool InPeriod(ReportContext context, long postId)
        => context.Post(postId) is { } p && p.Published >= context.From && p.Published < context.To;

    /// <summary>The accusation, its amplification (an edited copy, a deleted copy), the walk-back; a note, a table and a chart.</summary>
    public sealed class Accusation : IReportSection
    {
        public string Id => "test-claims";

        public string Heading => "Claims (test)";

        public SectionResult Build(ReportContext context)
        {
            var a = context.Archive;
            long origin = Id(a, "okopnaya_pravda_fict", "501"), copy = Id(a, "svodki_peredka_fict", "1201"), edited = Id(a, "russky_shtyk_fict", "877"),
                deleted = Id(a, "voen_dnevnik_fict", "3302"), retell = Id(a, "golos_fronta_fict", "640"), english = Id(a, "front_monitor_fict", "412"),
                walkBack = Id(a, "okopnaya_pravda_fict", "502");
            if (!InPeriod(context, origin) && !InPeriod(context, walkBack)) return SectionResult.Empty("No claims were made or walked back in this period.");
            var firstVersion = a.Versions(edited)[0];
            var accusation = Sentence.Of("Окопная правда (fictional) (@okopnaya_pravda_fict) claimed that individual generals of the Ministry of Defence are compiling lists of milbloggers; this cannot be independently verified.",
                new Citation(origin, Excerpt: "Отдельные генералы Министерства обороны составляют списки военкоров и блогеров"));
            var amplified = Sentence.Of("Several channels amplified the claim within the hour, one of which later edited its post and one of which deleted it.",
                new Citation(copy), new Citation(edited, firstVersion.ContentHash, "Генералы Минобороны составляют списки военкоров и блогеров"), new Citation(deleted));
            var walked = Sentence.Of("The next day the author announced that the lists no longer exist.",
                new Citation(walkBack, Excerpt: "списков больше нет"));
            return new SectionResult(
            [
                new Paragraph([accusation, amplified]),
                new BulletList([
                    Sentence.Of("Голос фронта (fictional) retold the accusation.", new Citation(retell)),
                    Sentence.Of("Front Monitor (fictional) reported it in English [12].", new Citation(english)),
                    walked,
                ]),
                new Note("Counts cover the channels in this archive only."),
                new Table("Posts of the claim by channel", ["Channel", "Posts"],
                [
                    [Sentence.Of("@okopnaya_pravda_fict", new Citation(origin)), new Sentence("2", [])],
                    [new Sentence("@svodki_peredka_fict", []), new Sentence("2", [])],
                ]),
                new Chart("Posts of the claim per hour", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"8\" fill=\"#8a1c1c\"/></svg>",
                    "Most posts came within two hours of the origin."),
            ],
            [
                new Takeaway(walked, 0.9),
                new Takeaway(accusation, 0.8),
                new Takeaway(Sentence.Of("The next day   the author announced that the lists no longer exist.", new Citation(walkBack)), 0.7),
            ]);
        }
    }

    /// <summary>Cites the origin again (its endnote is reused), a feed item on a .ru site and a transcript without a URL.</summary>
    public sealed class Coverage : IReportSection
    {
        public string Id => "test-coverage";

        public string Heading => "Wider coverage (test)";

        public SectionResult Build(ReportContext context)
        {
            var a = context.Archive;
            var origin = Id(a, "okopnaya_pravda_fict", "501");
            var feed = Id(a, "https://zarechny-press.ru/", "news-17");
            var radio = Id(a, "transcript:radio-hour", "p3");
            if (!InPeriod(context, feed)) return SectionResult.Empty("No wider coverage in this period.");
            return new SectionResult(
            [
                new Paragraph([
                    Sentence.Of("Заречный пресс (fictional) reported the accusation and noted that it had not been officially confirmed.",
                        new Citation(feed, Excerpt: "Официального подтверждения нет."), new Citation(origin)),
                    Sentence.Of("Gen. Staff sources were not quoted; Radio hour (fictional) aired «The lists of bloggers were the talk of the evening. GUEST: We have not seen any such list.» on the same day.",
                        new Citation(radio, Excerpt: "We have not seen any such list.")),
                ]),
            ],
            [new Takeaway(Sentence.Of("A regional outlet reported the accusation as unconfirmed.", new Citation(feed)), 0.85)]);
        }
    }

    /// <summary>A section with a bug: it throws.</summary>
    public sealed class Broken : IReportSection
    {
        public string Id => "test-broken";

        public string Heading => "Broken (test)";

        public SectionResult Build(ReportContext context) => throw new InvalidOperationException("the stance view\nis not loaded");
    }

    /// <summary>A section that quotes words its post does not contain.</summary>
    public sealed class Misquoting : IReportSection
    {
        public string Id => "test-misquote";

        public string Heading => "Misquote (test)";

        public SectionResult Build(ReportContext context)
            => new([new Paragraph([Sentence.Of("The author claimed something else.", new Citation(Id(context.Archive, "okopnaya_pravda_fict", "501"), Excerpt: "генералы готовят расстрельные списки"))])], []);
    }

    /// <summary>Offers more takeaways than a report leads with.</summary>
    public sealed class ManyTakeaways : IReportSection
    {
        public string Id => "test-many";

        public string Heading => "Many (test)";

        public SectionResult Build(ReportContext context)
        {
            var origin = Id(context.Archive, "okopnaya_pravda_fict", "501");
            var takeaways = Enumerable.Range(1, 10).Select(i => new Takeaway(Sentence.Of($"Takeaway number {i} about the lists.", new Citation(origin)), i / 10.0)).ToList();
            return new([new Note("Nothing but takeaways.")], takeaways);
        }
    }

    public static IReadOnlyList<IReportSection> Standard { get; } = [new Accusation(), new Coverage()];

    public static ReportOptions Day(int day = 15, int days = 2) => new() { Date = new DateOnly(2022, 10, day), Days = days };
}
