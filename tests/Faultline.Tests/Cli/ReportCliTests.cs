using Faultline.Assessment;
using Faultline.Assessment.Writing;
using Faultline.Tests.Assessment;

namespace Faultline.Tests.Cli;

/// <summary>`faultline report` and `faultline report --check` through the real program.</summary>
public sealed class ReportCliTests(SpreadCliTests.DemoArchive demo, AssessmentArchive episode) : IClassFixture<SpreadCliTests.DemoArchive>, IClassFixture<AssessmentArchive>
{
    private static string NewFolder(string parent)
    {
        var folder = Path.Combine(parent, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public void HtmlGoesToADatedFileInTheCurrentFolderAndPassesTheCheck()
    {
        var folder = NewFolder(demo.Folder);
        var r = CliRunner.Run(folder, "--db", demo.Db, "report", "--date", "2022-10-15", "--format", "html");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var path = Path.Combine(folder, "assessment-2022-10-15.html");
        Assert.Equal(path, r.Stdout.Trim());
        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Russian information space assessment, October 15, 2022</h1>", html, StringComparison.Ordinal);

        var check = CliRunner.Run(folder, "--db", demo.Db, "report", "--check", path);
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.Matches(@"^ok: \d+ sentences, \d+ endnotes checked$", check.Stdout.Trim());
    }

    [Fact]
    public void MarkdownGoesToStandardOutputAndJsonToTheFileNamedByOut()
    {
        var md = demo.Run("report", "--date", "2022-10-15", "--days", "2");
        Assert.True(md.ExitCode == 0, md.Stderr);
        Assert.StartsWith("# Russian information space assessment, October 14–15, 2022\n", md.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Endnotes", md.Stdout, StringComparison.Ordinal);

        var out_ = Path.Combine(NewFolder(demo.Folder), "day.json");
        var json = demo.Run("report", "--date", "2022-10-15", "--format", "json", "--out", out_, "--obfuscate");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Equal(out_, json.Stdout.Trim());
        using var parsed = System.Text.Json.JsonDocument.Parse(File.ReadAllText(out_));
        Assert.Equal("Russian information space assessment, October 15, 2022", parsed.RootElement.GetProperty("title").GetString());
        Assert.Equal(0, demo.Run("report", "--check", out_).ExitCode);
    }

    [Fact]
    public void TheJsonOptionPrintsTheJsonReportToStandardOutput()
    {
        var r = demo.Run("--json", "report", "--date", "2022-10-15");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var parsed = System.Text.Json.JsonDocument.Parse(r.Stdout);
        Assert.Equal("Russian information space assessment, October 15, 2022", parsed.RootElement.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, parsed.RootElement.GetProperty("endnotes").ValueKind);
    }

    [Fact]
    public void AnEmptyPeriodIsAShortValidReportNotAnError()
    {
        var path = Path.Combine(NewFolder(demo.Folder), "empty.md");
        var r = demo.Run("report", "--date", "2019-01-01", "--out", path);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("no posts published between 2019-01-01 00:00 to 2019-01-02 00:00 UTC", File.ReadAllText(path), StringComparison.Ordinal);
        var check = demo.Run("report", "--check", path);
        Assert.Equal("ok: 0 sentences, 0 endnotes checked", check.Stdout.Trim());
    }

    [Theory]
    [InlineData(new[] { "report" }, "report needs --date YYYY-MM-DD (or --check FILE to verify a written report)")]
    [InlineData(new[] { "report", "--date", "2022-10-32" }, "--date: '2022-10-32' is not a date (use YYYY-MM-DD)")]
    [InlineData(new[] { "report", "--date", "2022-10-15", "--days", "0" }, "--days: 0 is out of range (1 to 366)")]
    [InlineData(new[] { "report", "--date", "2022-10-15", "--scenarios", "no-such-board.txt" }, "--scenarios: no-such-board.txt: no such file")]
    [InlineData(new[] { "report", "--check", "no-such-report.md" }, "--check: no-such-report.md: no such file")]
    public void MistakesAreOneLineUsageErrors(string[] args, string message)
    {
        var r = demo.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("faultline: " + message, r.Stderr.Trim());
    }

    [Fact]
    public void TheCheckPassesAFaithfulReportAndNamesTheLineOfAnAlteredQuote()
    {
        var folder = NewFolder(episode.Folder);
        var path = Path.Combine(folder, "assessment.md");
        using (var archive = episode.Open())
        using (var file = File.Create(path))
            new MarkdownWriter().Write(ReportBuilder.Build(archive, TestSections.Day(), TestSections.Standard), file, WriterOptions.Default);
        var ok = CliRunner.Run(folder, "--db", episode.Db, "report", "--check", path);
        Assert.True(ok.ExitCode == 0, ok.Stdout);
        Assert.Equal("ok: 10 sentences, 9 endnotes checked", ok.Stdout.Trim());

        var lines = File.ReadAllLines(path);
        int at = Array.FindIndex(lines, l => l.StartsWith("[7] ", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("генералы Минобороны составили", "генералы Минобороны уже составили", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        var bad = CliRunner.Run(folder, "--db", episode.Db, "report", "--check", path);
        Assert.Equal(1, bad.ExitCode);
        var failure = Assert.Single(bad.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{path}:{at + 1}: endnote [7]: the quoted words are not in version ", failure, StringComparison.Ordinal);
        Assert.Contains("report --check: 1 problem(s)", bad.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void PdfIsWrittenWhenChromiumIsInstalled()
    {
        Skip.IfNot(PdfWriter.Available, "Chromium is not installed (apt install chromium): `report --format pdf` cannot be exercised here");
        var path = Path.Combine(NewFolder(demo.Folder), "day.pdf");
        var r = demo.Run("report", "--date", "2022-10-15", "--format", "pdf", "--out", path);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));
    }
}
