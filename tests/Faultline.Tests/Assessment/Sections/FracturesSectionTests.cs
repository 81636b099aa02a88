using Faultline.Analysis;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Model;
using static Faultline.Tests.Assessment.Sections.SpreadSectionChecks;

namespace Faultline.Tests.Assessment.Sections;

public sealed class FracturesSectionTests(SampleReportArchive samples) : IClassFixture<SampleReportArchive>
{
    private static readonly DateOnly AccusationDay = new(2022, 10, 14);
    private static readonly string[] Milbloggers = ["severny_rubezh_fict", "okopnaya_pravda_fict", "tikhiy_front_fict"];

    [Fact]
    public void TheMilbloggersTurnAgainstTheMinistryLeadsAndIsCitedToMilbloggerPosts()
    {
        var context = samples.Context(AccusationDay);
        var result = new FracturesSection().Build(context);

        var table = result.Blocks.OfType<Table>().Single();
        Assert.Equal("milbloggers → mod-establishment", table.Rows[0][0].Text);
        var sentence = result.Blocks.OfType<Paragraph>().First().Sentences[0];
        Assert.StartsWith("By Faultline's stance calls, channels of the milbloggers bloc were more critical of mod-establishment actors", sentence.Text, StringComparison.Ordinal);
        var cited = samples.Archive.AnalysisPostsById(sentence.Citations.Select(c => c.PostId));
        Assert.All(cited, p => Assert.Contains(p.Handle, Milbloggers));
        Assert.Contains(samples.Archive.FindPost("severny_rubezh_fict", "4107")!.Id, cited.Select(p => p.Id));
        // The excerpt is the sentence holding the words that made the call, not the post's opening.
        var stances = samples.Archive.Stances(context.From, context.To);
        Assert.All(sentence.Citations, c =>
        {
            var cues = Quoting.CueWords(stances.Where(s => s.PostId == c.PostId && s.Stance == Faultline.Analysis.Actors.StanceKind.Criticise).SelectMany(s => s.Evidence));
            Assert.Contains(cues, cue => c.Excerpt!.Contains(cue, StringComparison.OrdinalIgnoreCase));
        });
        Assert.Equal(sentence, result.Takeaways.Single().Sentence);
    }

    [Theory]
    [InlineData("2022-10-14", 1)]
    [InlineData("2022-10-15", 1)]
    [InlineData("2022-10-16", 7)]
    public void EverySentenceCitesPostsOfThePeriodWithVerbatimExcerpts(string date, int days)
    {
        var context = samples.Context(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), days);
        var result = new FracturesSection().Build(context);

        EverySentenceIsCited(result);
        EveryCitationIsIn(samples.Archive, Citations(result), context.From, context.To);
        EveryExcerptIsVerbatim(samples.Archive, result);
        ChartsAreSelfContained(result);
        Assert.Equal(2, result.Blocks.OfType<Chart>().Count());
    }

    [Fact]
    public void TheSamplesAreTooShortForAChangePointAndTheSectionSaysWhy()
    {
        var result = new FracturesSection().Build(samples.Context(AccusationDay));

        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.StartsWith("No significant change point", StringComparison.Ordinal)
            && n.Text.Contains("milbloggers ↔ mod-establishment", StringComparison.Ordinal));
    }

    [Fact]
    public void TheStandardReportReadsFracturesBeforeAmplification()
    {
        var ids = ReportSections.Default.Select(s => s.Id).ToList();

        Assert.Contains("fractures", ids);
        Assert.Contains("amplification", ids);
        Assert.True(ids.IndexOf("fractures") < ids.IndexOf("amplification"), string.Join(", ", ids));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void APeriodWithoutStanceCallsGivesANoteNotAnError()
    {
        var result = new FracturesSection().Build(samples.Context(new DateOnly(2021, 1, 1)));

        Assert.Contains("no stance calls", Assert.IsType<Note>(Assert.Single(result.Blocks)).Text, StringComparison.Ordinal);
        Assert.Empty(result.Takeaways);
    }

    [Fact]
    public void APlantedShiftIsReportedWithItsDrivingPostsAndCandidateCatalystsOnlyInANote()
    {
        using var dir = new TempDir();
        using var archive = SqliteArchive.Open(dir.File("shift.db"));
        var shiftDay = new DateOnly(2022, 9, 21);
        var reportDay = new DateOnly(2022, 9, 27);
        PlantShift(archive, first: reportDay.AddDays(-30), last: reportDay, shiftDay);
        var context = new ReportContext(archive, new ReportOptions { Date = reportDay });

        var result = new FracturesSection().Build(context);

        var change = Assert.Single(Sentences(result), s => s.Text.Contains("the fracture index between milbloggers and mod-establishment", StringComparison.Ordinal));
        Assert.Contains("from September 21, 2022 on", change.Text, StringComparison.Ordinal);
        var drivers = archive.AnalysisPostsById(change.Citations.Select(c => c.PostId));
        Assert.NotEmpty(drivers);
        Assert.All(drivers, p => Assert.True(DateOnly.FromDateTime(p.Published.UtcDateTime) >= shiftDay, $"{p.Published:O}"));
        Assert.All(drivers, p => Assert.Contains(p.Handle, Milbloggers));
        Assert.All(change.Citations, c => Assert.Contains("провал", c.Excerpt!, StringComparison.Ordinal));
        EveryCitationIsIn(archive, Citations(result), context.BackgroundFrom, context.To);
        EverySentenceIsCited(result);
        EveryExcerptIsVerbatim(archive, result);

        // Catalysts are the analyst's dates, never asserted in a cited sentence.
        Assert.Contains(result.Blocks.OfType<Note>(), n => n.Text.Contains(
            "candidate catalyst: Partial mobilization announced in Russia (2022-09-21, analyst event list)", StringComparison.Ordinal));
        Assert.DoesNotContain(Sentences(result), s => s.Text.Contains("mobilization", StringComparison.OrdinalIgnoreCase));

        var index = result.Blocks.OfType<Chart>().First();
        Assert.Contains("milbloggers ↔ mod-establishment", index.Caption, StringComparison.Ordinal);
        Assert.Contains("change points: 2022-09-21", index.AltText, StringComparison.Ordinal);
        Assert.Contains("09-21 Δ +", index.Svg, StringComparison.Ordinal);
        ChartsAreSelfContained(result);
    }

    /// <summary>
    /// Three fictional milblogger channels post about the ministry twice a day from <paramref name="first"/> to
    /// <paramref name="last"/>: neutral reports before <paramref name="shiftDay"/>, accusations of failure from it on.
    /// Ingested through an import session and analysed by the real pipeline (the stance classifier makes the calls).
    /// </summary>
    private static void PlantShift(SqliteArchive archive, DateOnly first, DateOnly last, DateOnly shiftDay)
    {
        string[] places = ["Кременной", "Сватово", "Лимана", "Херсона", "Угледара", "Бахмута", "Изюма", "Купянска", "Балаклеи", "Лисичанска"];
        for (var c = 0; c < Milbloggers.Length; c++)
        {
            using var session = archive.BeginImport(Some.Import($"{Milbloggers[c]}.json"));
            session.BeginSource(Some.Channel($"telegram:17000008{c}", Milbloggers[c], $"Канал {c + 1} (fictional)"), CoverageKind.Complete);
            var id = 1;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                for (var k = 0; k < 2; k++)
                {
                    var place = places[(day.DayNumber + c + k) % places.Length];
                    var text = day < shiftDay
                        ? $"Минобороны сообщило о ротации подразделений под {place}, смена прошла по графику (fictional, день {day.Day}, {c}{k})."
                        : $"Минобороны опять провалило снабжение под {place}. Это позор, генералы врут о положении на фронте (fictional, день {day.Day}, {c}{k}).";
                    var published = new DateTimeOffset(day.ToDateTime(new TimeOnly(9 + 5 * k + c, 10 * c)), TimeSpan.Zero);
                    session.AddPost(Some.Prepared(Some.Post((id++).ToString(System.Globalization.CultureInfo.InvariantCulture), text, published)));
                }
            }
            session.Complete([]);
        }
        AnalysisPipeline.Default.Run(archive);
    }
}
