using Faultline.Analysis;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Model;
using static Faultline.Tests.Assessment.Sections.SpreadSectionChecks;

namespace Faultline.Tests.Assessment.Sections;

public sealed class AmplificationSectionTests(SampleReportArchive samples) : IClassFixture<SampleReportArchive>
{
    private static readonly DateOnly AccusationDay = new(2022, 10, 14);
    private static readonly DateOnly WalkBackDay = new(2022, 10, 15);

    private long PostId(string handle, string nativeId) => samples.Archive.FindPost(handle, nativeId)?.Id
        ?? throw new InvalidOperationException($"{handle}/{nativeId} is not in the samples");

    [Fact]
    public void OnTheAccusationDayTheWidestCascadeStartsAtTheMilbloggersPost()
    {
        var result = new AmplificationSection().Build(samples.Context(AccusationDay));

        var accusation = PostId("severny_rubezh_fict", "4107");
        var opening = result.Blocks.OfType<Paragraph>().First().Sentences[0];
        Assert.Equal([accusation], opening.Citations.Select(c => c.PostId));
        Assert.Contains("the period's widest cascade", opening.Text, StringComparison.Ordinal);
        Assert.StartsWith("Северный рубеж (fictional) (@severny_rubezh_fict)", opening.Text, StringComparison.Ordinal);
        var table = result.Blocks.OfType<Table>().Single();
        Assert.Equal(accusation, table.Rows[0][0].Citations.Single().PostId);
        Assert.Equal(accusation, result.Takeaways.MaxBy(t => t.Significance)!.Sentence.Citations.Single().PostId);
    }

    [Fact]
    public void TheFirstAmplifiersOfTheAccusationIncludeTheForwardByTheOtherMilblogger()
    {
        var result = new AmplificationSection().Build(samples.Context(AccusationDay));

        var amplifiers = result.Blocks.OfType<Paragraph>().First().Sentences[1];
        Assert.StartsWith("The first other channels to carry it were ", amplifiers.Text, StringComparison.Ordinal);
        Assert.Contains("Окопная правда (fictional) (@okopnaya_pravda_fict), a forward", amplifiers.Text, StringComparison.Ordinal);
        var forward = samples.Archive.AnalysisPostsById(amplifiers.Citations.Select(c => c.PostId)).Single(p => p.Handle == "okopnaya_pravda_fict");
        Assert.Equal("okopnaya_pravda_fict", forward.Handle);
        Assert.NotNull(forward.ForwardedFrom);
        Assert.InRange(amplifiers.Citations.Count, 2, AmplificationSection.FirstAmplifiers);
        Assert.Contains("forward", result.Blocks.OfType<Table>().Single().Rows[0][5].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2022-10-14", 1)]
    [InlineData("2022-10-15", 1)]
    [InlineData("2022-10-16", 7)]
    public void EverySentenceCitesPostsOfThePeriodWithVerbatimExcerpts(string date, int days)
    {
        var context = samples.Context(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), days);
        var result = new AmplificationSection().Build(context);

        Assert.NotEmpty(Sentences(result));
        EverySentenceIsCited(result);
        EveryCitationIsIn(samples.Archive, Citations(result), context.From, context.To);
        EveryExcerptIsVerbatim(samples.Archive, result);
    }

    [Fact]
    public void TheTimelineAndChannelGraphAreSmallSelfContainedSvg()
    {
        var result = new AmplificationSection().Build(samples.Context(AccusationDay));

        var charts = result.Blocks.OfType<Chart>().ToList();
        Assert.Equal(2, charts.Count);
        ChartsAreSelfContained(result);
        Assert.Contains("@severny_rubezh_fict", charts[0].Svg, StringComparison.Ordinal);
        Assert.Contains("@okopnaya_pravda_fict", charts[1].Svg, StringComparison.Ordinal);
        Assert.Contains("forward", charts[1].AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void OnTheWalkBackDayTheWidestCascadeIsTheWalkBack()
    {
        var result = new AmplificationSection().Build(samples.Context(WalkBackDay));

        Assert.Equal(PostId("severny_rubezh_fict", "4111"), result.Blocks.OfType<Paragraph>().First().Sentences[0].Citations.Single().PostId);
    }

    [Fact]
    public void APeriodWithoutPostsGivesANoteNotAnError()
    {
        var result = new AmplificationSection().Build(samples.Context(new DateOnly(2021, 1, 1)));

        Assert.All(result.Blocks, b => Assert.IsType<Note>(b));
        Assert.Contains("no posts of the period", Assert.Single(result.Blocks.OfType<Note>()).Text, StringComparison.Ordinal);
        Assert.Empty(result.Takeaways);
    }

    [Fact]
    public void WithoutRepeatedSynchronousCopiesTheSectionSaysNoCoordinationWasFound()
    {
        var result = new AmplificationSection().Build(samples.Context(AccusationDay));

        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.StartsWith("No two channels posted the same text within 5 minutes", StringComparison.Ordinal));
    }

    [Fact]
    public void ChannelsThatPostTheSameTextWithinMinutesAgainAndAgainAreNamedWithTheirPosts()
    {
        using var dir = new TempDir();
        using var archive = SqliteArchive.Open(dir.File("sync.db"));
        string[] handles = ["sync_a_fict", "sync_b_fict", "sync_c_fict"];
        string[] stories =
        [
            "Сводка (fictional): на южном участке противник трижды пытался атаковать позиции у реки, все атаки отбиты, потери уточняются, подробности позже.",
            "Срочно (fictional): колонна снабжения попала под обстрел у перекрёстка, водители эвакуированы, движение по трассе перекрыто до утра.",
            "Вечерняя сводка (fictional): в районе элеватора продолжаются бои, подразделения удерживают рубеж, связь с соседями восстановлена.",
        ];
        var day = new DateTimeOffset(2022, 10, 14, 0, 0, 0, TimeSpan.Zero);
        for (var c = 0; c < handles.Length; c++)
        {
            using var session = archive.BeginImport(Some.Import($"{handles[c]}.json"));
            session.BeginSource(Some.Channel($"telegram:17000009{c}", handles[c], $"Синхрон {c + 1} (fictional)"), CoverageKind.Complete);
            for (var s = 0; s < stories.Length; s++)
                session.AddPost(Some.Prepared(Some.Post($"{s + 1}", stories[s], day.AddHours(8 + 4 * s).AddMinutes(c))));
            session.Complete([]);
        }
        AnalysisPipeline.Default.Run(archive);
        var context = new ReportContext(archive, new ReportOptions { Date = DateOnly.FromDateTime(day.UtcDateTime) });

        var result = new AmplificationSection().Build(context);

        var sentence = Assert.Single(result.Blocks.OfType<Paragraph>().Skip(1).SelectMany(p => p.Sentences));
        Assert.Contains("posted the same text within 5 minutes of one another in 3 cascades", sentence.Text, StringComparison.Ordinal);
        Assert.Equal(handles.Order(), archive.AnalysisPostsById(sentence.Citations.Select(c => c.PostId)).Select(p => p.Handle!).Order());
        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.Contains("shows synchrony, not who arranged it", StringComparison.Ordinal));
        EverySentenceIsCited(result);
        EveryExcerptIsVerbatim(archive, result);
    }
}
