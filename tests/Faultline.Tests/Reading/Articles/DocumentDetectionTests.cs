namespace Faultline.Tests.Reading.Articles;

public class DocumentDetectionTests
{
    [Theory]
    [InlineData("samples/articles/baltic_ledger_lists.html", "article-html")]
    [InlineData("samples/reports/ics_assessment_2022-10-15.md", "assessment")]
    [InlineData("samples/transcripts/vecherniy_efir_2022-10-14.txt", "transcript")]
    public async Task EachDocumentSampleIsDetectedAsItsFormat(string sample, string format)
    {
        var reader = await ReaderHarness.DetectFileAsync(Path.Combine(Corpus.RepoRoot, sample));
        Assert.Equal(format, reader?.Format);
    }

    [Fact]
    public async Task AnHtmlAssessmentBeatsTheArticleReader()
    {
        var reader = await ReaderHarness.DetectFileAsync(Path.Combine(Corpus.Data, "reports", "ics_assessment_2022-10-14.html"));
        Assert.Equal("assessment", reader?.Format);
    }
}
