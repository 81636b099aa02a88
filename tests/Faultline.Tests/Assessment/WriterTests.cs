using System.Text.Json;
using System.Text.RegularExpressions;
using Faultline.Assessment;
using Faultline.Assessment.Writing;

namespace Faultline.Tests.Assessment;

/// <summary>The Markdown, HTML, JSON and PDF writers and the hostile-domain list.</summary>
public sealed partial class WriterTests(AssessmentArchive fixture) : IClassFixture<AssessmentArchive>
{
    private AssessmentDocument Document()
    {
        using var archive = fixture.Open();
        return ReportBuilder.Build(archive, TestSections.Day(), TestSections.Standard);
    }

    private static string Render(IAssessmentWriter writer, AssessmentDocument document, WriterOptions? options = null)
    {
        using var buffer = new MemoryStream();
        writer.Write(document, buffer, options ?? WriterOptions.Default);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void MarkdownPutsMarkersBeforeTheFinalPunctuationAndWritesEndnotesInTheDocumentedForm()
    {
        var md = Render(new MarkdownWriter(), Document());
        Assert.StartsWith("# Russian information space assessment, October 14–15, 2022\n", md, StringComparison.Ordinal);
        Assert.Contains("\n- The next day the author announced that the lists no longer exist[1].\n", md, StringComparison.Ordinal);
        Assert.Contains("one of which deleted it[4][5][6].\n", md, StringComparison.Ordinal);
        Assert.Contains("\n> *Note:* Counts cover the channels in this archive only.\n", md, StringComparison.Ordinal);
        Assert.Contains("\n| @okopnaya_pravda_fict[3] | 2 |\n", md, StringComparison.Ordinal);
        Assert.Contains("\n> *Chart:* Posts of the claim per hour — Most posts came within two hours of the origin.\n", md, StringComparison.Ordinal);
        Assert.Matches(@"\n\[3\] Окопная правда \(fictional\) \(@okopnaya_pravda_fict\), 2022-10-14 09:12 UTC, https://t\.me/okopnaya_pravda_fict/501, version [0-9a-f]{12}: «Отдельные генералы Министерства обороны составляют списки военкоров и блогеров»\n", md);
        Assert.Matches(@"\n\[5\] .*/877, version [0-9a-f]{12} \(edited, 2 versions\): «", md);
        Assert.Matches(@"\n\[6\] .*/3302, version [0-9a-f]{12} \(deleted after \d{4}-\d\d-\d\d \d\d:\d\d UTC, archived copy\): «", md);
        Assert.Contains("[9] Radio hour (fictional), 2022-10-14 19:00 UTC, no public URL, item p3, version ", md, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownEscapesWhatWouldPassForAMarkerOrForMarkup()
    {
        var document = Document();
        var numbers = document.Endnotes.ToDictionary(n => n.PostId, n => n.Number);
        var origin = document.Endnotes[0].PostId;
        Assert.Equal(@"\# 1. \*not\* \[2\] emphasis\_[1].", MarkdownWriter.Sentence(Sentence.Of("# 1. *not* [2] emphasis_.", new Citation(origin)), numbers));
        Assert.Equal(@"2022\. A \<b> tag[1]!", MarkdownWriter.Sentence(Sentence.Of("2022. A <b> tag!", new Citation(origin)), numbers));
        Assert.Equal("handle_with_underscores[1].", MarkdownWriter.Sentence(Sentence.Of("handle_with_underscores.", new Citation(origin)), numbers));
    }

    [Fact]
    public void HtmlIsOneSelfContainedFileWithAPrintStylesheetAndLinkedMarkers()
    {
        var html = Render(new HtmlWriter(), Document());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), html);
        // Markers link to their endnote; the first use of each carries the id its endnote links back to.
        Assert.Contains("<sup class=\"ref\"><a href=\"#fn-1\" id=\"ref-1\">[1]</a></sup>", html, StringComparison.Ordinal);
        Assert.Contains("<sup class=\"ref\"><a href=\"#fn-1\">[1]</a></sup>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"endnote\" id=\"fn-1\"><a class=\"back\" href=\"#ref-1\"", html, StringComparison.Ordinal);
        foreach (Match m in Regex.Matches(html, "href=\"#fn-(\\d+)\""))
            Assert.Contains($"id=\"fn-{m.Groups[1].Value}\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">Counts cover the channels in this archive only.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"url\" href=\"https://t.me/okopnaya_pravda_fict/501\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AChartThatReachesOutsideTheFileIsNotEmbedded()
    {
        Assert.True(HtmlWriter.SelfContained("<svg viewBox=\"0 0 1 1\"><use href=\"#a\"/><rect fill=\"url(#g)\"/></svg>"));
        Assert.False(HtmlWriter.SelfContained("<svg><image href=\"https://example.org/x.png\"/></svg>"));
        Assert.False(HtmlWriter.SelfContained("<svg><style>@import 'x.css';</style></svg>"));
        Assert.False(HtmlWriter.SelfContained("<svg><script>alert(1)</script></svg>"));
        Assert.False(HtmlWriter.SelfContained("<img src=x>"));
    }

    [Fact]
    public void ObfuscationWritesHostileDomainsAsISWDoesAndNeverAsLinks()
    {
        var document = Document();
        var options = new WriterOptions { ObfuscateHostile = true };
        var html = Render(new HtmlWriter(), document, options);
        Assert.Contains("<span class=\"url\">t dot me/okopnaya_pravda_fict/501</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://t.me", html, StringComparison.Ordinal);
        Assert.DoesNotContain("zarechny-press.ru", html, StringComparison.Ordinal);
        var md = Render(new MarkdownWriter(), document, options);
        Assert.Contains(", t dot me/okopnaya_pravda_fict/501, ", md, StringComparison.Ordinal);
        Assert.DoesNotContain("t.me", md, StringComparison.Ordinal);
        // Without the option the real URLs are kept.
        Assert.Contains("https://zarechny-press.ru/news/17", Render(new MarkdownWriter(), document), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://t.me/rybar/4107", true, "t dot me/rybar/4107")]
    [InlineData("https://telegram.me/s/rybar", true, "telegram dot me/s/rybar")]
    [InlineData("http://www.kremlin.ru/events/president/news/69", true, "www dot kremlin dot ru/events/president/news/69")]
    [InlineData("https://tass.ru", true, "tass dot ru")]
    [InlineData("https://ria.su/x?y=1", true, "ria dot su/x?y=1")]
    [InlineData("https://кремль.рф/новости", true, "кремль dot рф/новости")]
    [InlineData("https://www.rt.com/russia/1", true, "www dot rt dot com/russia/1")]
    [InlineData("https://sputniknews.com/", true, "sputniknews dot com/")]
    [InlineData("https://www.understandingwar.org/backgrounder/x", false, null)]
    [InlineData("https://art.com/x", false, null)]
    [InlineData("https://rumour.com/x", false, null)]
    public void HostileDomainsAreRecognisedAndSpeltOut(string url, bool hostile, string? obfuscated)
    {
        Assert.Equal(hostile, HostileDomains.IsHostile(url));
        if (obfuscated is not null)
        {
            Assert.Equal(obfuscated, HostileDomains.Obfuscate(url));
            Assert.Equal(url.Replace("http://", "https://", StringComparison.Ordinal), "https://" + Faultline.Reading.Reports.Endnotes.Deobfuscate(obfuscated));
        }
    }

    [Fact]
    public void HostileUrlsInsideRunningTextAreSpeltOutAndTheRestIsUntouched()
        => Assert.Equal("Читайте t dot me/rybar/1, tass dot ru и https://example.org/a.b — т.е. г.Москва, mail@x.ru.",
            HostileDomains.ObfuscateText("Читайте https://t.me/rybar/1, tass.ru и https://example.org/a.b — т.е. г.Москва, mail@x.ru."));

    [Fact]
    public void JsonCarriesTheSameStructureWithTypedBlocks()
    {
        var document = Document();
        using var json = JsonDocument.Parse(Render(new JsonWriter(), document));
        var root = json.RootElement;
        Assert.Equal(document.Title, root.GetProperty("title").GetString());
        Assert.Equal(document.Takeaways.Count, root.GetProperty("takeaways").GetArrayLength());
        Assert.Equal([1], root.GetProperty("takeaways")[0].GetProperty("endnotes").EnumerateArray().Select(e => e.GetInt32()));
        var blocks = root.GetProperty("sections")[0].GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("type").GetString()).ToList();
        Assert.Equal(["paragraph", "list", "note", "table", "chart"], blocks);
        var endnotes = root.GetProperty("endnotes");
        Assert.Equal(document.Endnotes.Count, endnotes.GetArrayLength());
        var third = endnotes[2];
        Assert.Equal(3, third.GetProperty("number").GetInt32());
        Assert.Equal("https://t.me/okopnaya_pravda_fict/501", third.GetProperty("url").GetString());
        Assert.Equal("okopnaya_pravda_fict", third.GetProperty("handle").GetString());
        Assert.Equal("501", third.GetProperty("nativeId").GetString());
        Assert.Equal(12, third.GetProperty("versionHash").GetString()!.Length);
    }

    [SkippableFact]
    public void PdfIsPrintedThroughChromium()
    {
        Skip.IfNot(PdfWriter.Available, "Chromium is not installed (apt install chromium): the PDF writer cannot be exercised here");
        using var buffer = new MemoryStream();
        new PdfWriter().Write(Document(), buffer, WriterOptions.Default);
        var bytes = buffer.ToArray();
        Assert.True(bytes.Length > 1000, $"{bytes.Length} bytes");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public void PdfWithoutChromiumSaysHowToGetItAndWritesNothing()
    {
        using var buffer = new MemoryStream();
        var e = Assert.Throws<PdfUnavailableException>(() => new PdfWriter(() => null).Write(Document(), buffer, WriterOptions.Default));
        Assert.Equal("PDF needs Chromium: apt install chromium; nothing written", e.Message);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void EveryFormatIsFoundByItsName()
    {
        Assert.Equal(["md", "html", "json", "pdf"], AssessmentWriters.All.Select(w => w.Format));
        Assert.IsType<MarkdownWriter>(AssessmentWriters.ByFormat("markdown"));
        Assert.IsType<HtmlWriter>(AssessmentWriters.ByFormat("HTML"));
        Assert.Null(AssessmentWriters.ByFormat("docx"));
    }

    [GeneratedRegex(@"<script|<link\b|<img\b|<iframe|<object|<embed|\bsrc\s*=|@import|url\(\s*['""]?(?:https?:)?//|@font-face", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
