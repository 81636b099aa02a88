using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Faultline.Assessment;
using Faultline.Assessment.Writing;
using Xunit.Abstractions;

namespace Faultline.Tests.Assessment;

/// <summary>`report --check` over reports written from a real archive, and over reports tampered with.</summary>
public sealed partial class ReportCheckTests(AssessmentArchive fixture, ITestOutputHelper output) : IClassFixture<AssessmentArchive>
{
    public static TheoryData<string> Formats => ["md", "html", "json"];

    private string Write(string format, WriterOptions? options = null, ReportOptions? report = null, string? name = null)
    {
        using var archive = fixture.Open();
        var document = ReportBuilder.Build(archive, report ?? TestSections.Day(), TestSections.Standard);
        var writer = AssessmentWriters.ByFormat(format)!;
        var path = Path.Combine(fixture.Folder, (name ?? Guid.NewGuid().ToString("N")) + writer.Extension);
        using (var file = File.Create(path)) writer.Write(document, file, options ?? WriterOptions.Default);
        return path;
    }

    private ReportCheckResult Check(string path)
    {
        using var archive = fixture.Open();
        var result = ReportCheck.Check(path, archive);
        foreach (var f in result.Failures) output.WriteLine(f);
        return result;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheCheckPassesOnAReportWrittenFromARealArchive(string format)
    {
        var result = Check(Write(format));
        Assert.True(result.Ok, string.Join("\n", result.Failures));
        // 3 takeaways, 2 + 3 sentences in the first section's paragraph and list, 2 in the second.
        Assert.Equal(10, result.Sentences);
        Assert.Equal(9, result.Endnotes);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheCheckPassesWithHostileDomainsObfuscated(string format)
    {
        var path = Write(format, new WriterOptions { ObfuscateHostile = true });
        var text = File.ReadAllText(path);
        Assert.Contains("t dot me/okopnaya_pravda_fict/501", text, StringComparison.Ordinal);
        Assert.Contains("zarechny-press dot ru/news/17", text, StringComparison.Ordinal);
        Assert.DoesNotContain("t.me/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zarechny-press.ru", text, StringComparison.Ordinal);
        Assert.True(Check(path).Ok);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheCheckFailsWhenACitationMarkerIsRemoved(string format)
    {
        var path = Write(format);
        var text = File.ReadAllText(path);
        // The walk-back sentence cites one post: take its marker away.
        const string sentence = "The next day the author announced that the lists no longer exist";
        text = format switch
        {
            "md" => MdMarkerAfter(sentence).Replace(text, sentence, 1),
            "html" => HtmlMarkerAfter(sentence).Replace(text, sentence, 1),
            _ => RemoveJsonEndnotes(text, sentence + "."),
        };
        File.WriteAllText(path, text);
        var result = Check(path);
        var failure = Assert.Single(result.Failures);
        Assert.Matches($@"^{Regex.Escape(path)}:\d+: sentence without an endnote marker «{sentence}\.»$", failure);
        Assert.Equal(LineOf(text, format == "json" ? sentence : sentence), int.Parse(failure.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheCheckFailsWhenAQuoteIsAltered(string format)
    {
        var path = Write(format);
        var text = File.ReadAllText(path);
        const string quote = "составляют списки военкоров и блогеров";
        Assert.Contains(quote, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(quote, "составляют расстрельные списки военкоров и блогеров", StringComparison.Ordinal));
        var result = Check(path);
        Assert.NotEmpty(result.Failures);
        Assert.All(result.Failures, f => Assert.Contains(": the quoted words are not in version ", f, StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Contains("https://t.me/okopnaya_pravda_fict/501 «Отдельные генералы Министерства обороны составляют расстрельные", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCheckFailsOnAVersionHashTheArchiveDoesNotHoldAndOnAPostItLacks()
    {
        var path = Write("md");
        var text = File.ReadAllText(path);
        var hash = Regex.Match(text, @"okopnaya_pravda_fict/501, version ([0-9a-f]{12})").Groups[1].Value;
        text = text.Replace("okopnaya_pravda_fict/501, version " + hash, "okopnaya_pravda_fict/501, version 0123456789ab", StringComparison.Ordinal)
                   .Replace("https://t.me/okopnaya_pravda_fict/502,", "https://t.me/okopnaya_pravda_fict/999,", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        var failures = Check(path).Failures;
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("version 0123456789ab is not one of the 1 archived version(s) of https://t.me/okopnaya_pravda_fict/501", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("no archived post at https://t.me/okopnaya_pravda_fict/999", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCheckFindsAMarkerWithoutAnEndnoteAndASentenceHiddenBeforeAMarkedOne()
    {
        var path = Write("md");
        var text = File.ReadAllText(path);
        var lines = text.Split('\n').ToList();
        int at = lines.FindIndex(l => l.StartsWith("Заречный пресс", StringComparison.Ordinal));
        lines.Insert(at, "The ministry denied everything. Окопная правда (fictional) repeated the claim[42].");
        File.WriteAllText(path, string.Join('\n', lines));
        var failures = Check(path).Failures;
        Assert.Equal(2, failures.Count);
        Assert.Equal($"{path}:{at + 1}: sentence without an endnote marker «The ministry denied everything.»", failures[0]);
        Assert.StartsWith($"{path}:{at + 1}: marker [42] has no endnote", failures[1], StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedSentencesAbbreviationsAndEscapedBracketsDoNotPassForSentencesOrMarkers()
    {
        var path = Write("md");
        var text = File.ReadAllText(path);
        // The radio sentence quotes two sentences inside «…» and starts with "Gen."; the Front Monitor item has a literal [12].
        Assert.Contains("Gen. Staff sources", text, StringComparison.Ordinal);
        Assert.Contains(@"in English \[12\][", text, StringComparison.Ordinal);
        Assert.True(Check(path).Ok);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void AnEmptyPeriodGivesAShortReportThatPassesTheCheck(string format)
    {
        var path = Write(format, report: new ReportOptions { Date = new DateOnly(2021, 3, 1) });
        Assert.InRange(new FileInfo(path).Length, 200, 20_000);
        var result = Check(path);
        Assert.True(result.Ok);
        Assert.Equal((0, 0), (result.Sentences, result.Endnotes));
    }

    [Fact]
    public void APdfIsRefusedWithAClearMessage()
    {
        var path = Path.Combine(fixture.Folder, "report.pdf");
        File.WriteAllText(path, "%PDF-1.7\n");
        using var archive = fixture.Open();
        var e = Assert.Throws<ReportCheckException>(() => ReportCheck.Check(path, archive));
        Assert.Contains("a PDF cannot be checked", e.Message, StringComparison.Ordinal);
    }

    private static int LineOf(string text, string needle)
    {
        int i = text.IndexOf(needle, StringComparison.Ordinal);
        return text[..i].Count(c => c == '\n') + 1;
    }

    private static Regex MdMarkerAfter(string sentence) => new(Regex.Escape(sentence) + @"\[\d+\]");

    private static Regex HtmlMarkerAfter(string sentence) => new(Regex.Escape(sentence) + @"<sup class=""ref""><a [^>]*>\[\d+\]</a></sup>");

    private static string RemoveJsonEndnotes(string json, string sentence)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var s in root["takeaways"]!.AsArray().Concat(root["sections"]!.AsArray().SelectMany(x => x!["blocks"]!.AsArray())
                     .SelectMany(b => (b!["items"] ?? b["sentences"])?.AsArray() ?? [])))
        {
            if (s!["text"]!.GetValue<string>() != sentence) continue;
            s["endnotes"] = new JsonArray();
            break;
        }
        return root.ToJsonString(JsonWriter.Options);
    }
}
