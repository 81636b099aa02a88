using System.Xml.Linq;
using Faultline.Analysis;
using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Archive.Sqlite;
using Faultline.Assessment;
using Faultline.Assessment.Sections;
using Faultline.Reading;

namespace Faultline.Tests.Assessment.Sections;

/// <summary>
/// The fictional samples/ ingested through the real readers (with samples/handles.tsv) and analysed by the default
/// pipeline into a temporary SQLite file; shared by the section tests of a class (ingesting takes a few seconds).
/// </summary>
public sealed class SampleReportArchive : IDisposable
{
    private readonly TempDir _dir = new();

    public SampleReportArchive()
    {
        var samples = Path.Combine(Corpus.RepoRoot, "samples");
        var handles = Path.Combine(samples, "handles.tsv");
        Archive = SqliteArchive.Open(_dir.File("samples.db"));
        var ingestor = new Ingestor(Archive, ReaderCatalog.Default);
        var options = new IngestOptions { Handles = HandleTable.Read(handles) };
        foreach (var file in Ingestor.ExpandPaths([samples])
                     .Where(f => !f.EndsWith("README.md", StringComparison.OrdinalIgnoreCase) && Path.GetFullPath(f) != Path.GetFullPath(handles)))
        {
            var outcome = ingestor.IngestFileAsync(file, options).GetAwaiter().GetResult();
            Assert.True(outcome.Error is null, $"{file}: {outcome.Error}");
        }
        AnalysisPipeline.Default.Run(Archive);
    }

    public SqliteArchive Archive { get; }

    /// <summary>A context for the period ending on <paramref name="date"/>.</summary>
    internal ReportContext Context(DateOnly date, int days = 1) => new(Archive, new ReportOptions { Date = date, Days = days });

    public void Dispose()
    {
        Archive.Dispose();
        _dir.Dispose();
    }
}

/// <summary>Checks every section must pass, whatever it says.</summary>
internal static class SpreadSectionChecks
{
    /// <summary>The largest chart the report may inline (a report holds a handful; HTML must stay under 2 MB).</summary>
    public const int MaxChartBytes = 60_000;

    /// <summary>Every sentence of a paragraph or list carries at least one citation.</summary>
    public static void EverySentenceIsCited(SectionResult result)
    {
        foreach (var sentence in Sentences(result))
            Assert.True(sentence.Citations.Count > 0, $"uncited: {sentence.Text}");
        foreach (var takeaway in result.Takeaways)
            Assert.True(takeaway.Sentence.Citations.Count > 0, $"uncited takeaway: {takeaway.Sentence.Text}");
    }

    /// <summary>
    /// Every citation (sentences, takeaways, table cells) names an archived version by its hash, and its excerpt is a
    /// verbatim substring of that version's text.
    /// </summary>
    public static void EveryExcerptIsVerbatim(IArchive archive, SectionResult result)
    {
        foreach (var citation in Citations(result))
        {
            var versions = archive.Versions(citation.PostId);
            Assert.NotEmpty(versions);
            var version = citation.ContentHash is null ? versions[^1] : versions.SingleOrDefault(v => v.ContentHash == citation.ContentHash);
            Assert.True(version is not null, $"post {citation.PostId}: no version {citation.ContentHash}");
            Assert.False(string.IsNullOrWhiteSpace(citation.Excerpt), $"post {citation.PostId}: no excerpt");
            Assert.True(version.Text.Contains(citation.Excerpt!, StringComparison.Ordinal), $"post {citation.PostId}: «{citation.Excerpt}» is not in «{version.Text}»");
            Assert.True(citation.Excerpt!.Length <= Quoting.MaxLength, citation.Excerpt);
        }
    }

    /// <summary>Every citation points at a post published in [from, to).</summary>
    public static void EveryCitationIsIn(IArchive archive, IEnumerable<Citation> citations, DateTimeOffset from, DateTimeOffset to)
    {
        var ids = citations.Select(c => c.PostId).Distinct().ToList();
        var posts = archive.AnalysisPostsById(ids);
        Assert.Equal(ids.Count, posts.Count);
        foreach (var post in posts)
            Assert.True(post.Published >= from && post.Published < to, $"post {post.Id} of {post.Published:O} is outside {from:O}..{to:O}");
    }

    /// <summary>Charts are well-formed SVG with a title, no external references, and small.</summary>
    public static void ChartsAreSelfContained(SectionResult result)
    {
        foreach (var chart in result.Blocks.OfType<Chart>())
        {
            Assert.False(string.IsNullOrWhiteSpace(chart.Caption));
            Assert.False(string.IsNullOrWhiteSpace(chart.AltText));
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(chart.Svg) <= MaxChartBytes, $"{chart.Caption}: {chart.Svg.Length} chars");
            var svg = XElement.Parse(chart.Svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", svg.Name);
            Assert.NotNull(svg.Element(ns + "title"));
            Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "image" or "script" or "foreignObject" or "style");
            Assert.DoesNotContain(svg.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName == "href" || a.Value.Contains("url(", StringComparison.Ordinal));
            Assert.DoesNotContain("http://", chart.Svg.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", chart.Svg, StringComparison.Ordinal);
            Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Attribute("id") is not null); // ids would clash between inline charts
        }
    }

    public static IEnumerable<Sentence> Sentences(SectionResult result) =>
        result.Blocks.OfType<Paragraph>().SelectMany(p => p.Sentences).Concat(result.Blocks.OfType<BulletList>().SelectMany(l => l.Items));

    public static IEnumerable<Citation> Citations(SectionResult result) =>
        Sentences(result).Concat(result.Takeaways.Select(t => t.Sentence))
            .Concat(result.Blocks.OfType<Table>().SelectMany(t => t.Rows.SelectMany(r => r)))
            .SelectMany(s => s.Citations);
}
