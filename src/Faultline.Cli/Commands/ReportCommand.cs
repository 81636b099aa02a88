using System.CommandLine;
using System.Globalization;
using Faultline.Assessment;
using Faultline.Assessment.Writing;

namespace Faultline.Cli.Commands;

/// <summary>`faultline report --date D …` writes the footnoted assessment; `faultline report --check FILE` verifies one.</summary>
internal static class ReportCommand
{
    public static Command Build()
    {
        var date = new Option<string?>("--date") { HelpName = "YYYY-MM-DD", Description = "The (last) day of the period, YYYY-MM-DD (UTC)" };
        var days = new Option<int>("--days") { HelpName = "N", Description = "How many days the period covers, ending with --date", DefaultValueFactory = _ => 1 };
        var format = new Option<string?>("--format") { Description = "md (default, to stdout), html, pdf or json" };
        format.AcceptOnlyFromAmong("md", "html", "pdf", "json");
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Output file (default: Markdown to stdout, otherwise ./assessment-YYYY-MM-DD.<ext>)" };
        var obfuscate = new Option<bool>("--obfuscate") { Description = "Write hostile domains as ISW does (\"t dot me/…\", \"tass dot ru\") and not as links" };
        var scenarios = new Option<string?>("--scenarios") { HelpName = "FILE", Description = "Scenario file (hypotheses and indicators) for the indicators-and-warnings section" };
        var check = new Option<string?>("--check") { HelpName = "FILE", Description = "Verify a written report (md, html or json) against the archive instead of writing one" };
        var cmd = new Command("report", "Write the footnoted assessment of a day or period (every sentence cited to archived posts), or check one with --check")
        {
            date, days, format, output, obfuscate, scenarios, check,
        };
        cmd.SetAction((parse, ct) =>
        {
            if (parse.GetValue(check) is { } file)
            {
                if (parse.GetValue(date) is not null) throw new UsageException("--check FILE verifies a written report; it takes no --date");
                return Task.FromResult(Check(parse, file));
            }
            var day = ParseDay(parse.GetValue(date));
            var n = parse.GetValue(days);
            if (n is < 1 or > 366) throw new UsageException($"--days: {n} is out of range (1 to 366)");
            var scenarioFile = parse.GetValue(scenarios);
            if (scenarioFile is not null && !File.Exists(scenarioFile)) throw new UsageException($"--scenarios: {scenarioFile}: no such file");
            // --json, as on every command, asks for JSON on stdout (unless --format says otherwise).
            bool json = parse.GetValue(Globals.Json) && parse.GetValue(format) is null;
            var writer = AssessmentWriters.ByFormat(parse.GetValue(format) ?? (json ? "json" : "md"))!;
            var registry = Globals.LoadRegistry(parse);

            using var archive = Globals.OpenExisting(parse);
            if (archive is null) return Task.FromResult(2);
            AnalyseCommand.EnsureFresh(archive, quiet: false, ct, registry);
            var document = ReportBuilder.Build(archive, new ReportOptions { Date = day, Days = n, Registry = registry, ScenarioFile = scenarioFile });

            // Render fully before touching the output file, so a failure (no Chromium) leaves nothing behind.
            using var buffer = new MemoryStream();
            try
            {
                writer.Write(document, buffer, new WriterOptions { ObfuscateHostile = parse.GetValue(obfuscate) });
            }
            catch (PdfUnavailableException e)
            {
                Output.Error(e.Message);
                return Task.FromResult(2);
            }
            var path = parse.GetValue(output);
            if (path is null && (writer is MarkdownWriter || json))
            {
                using var stdout = Console.OpenStandardOutput();
                buffer.Position = 0;
                buffer.CopyTo(stdout);
                return Task.FromResult(0);
            }
            path ??= $"assessment-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{writer.Extension}";
            File.WriteAllBytes(path, buffer.ToArray());
            Console.Out.WriteLine(Path.GetFullPath(path));
            Console.Error.WriteLine($"report: {document.Sections.Count} section(s), {document.Takeaways.Count} takeaway(s), {document.Endnotes.Count} endnote(s); "
                                    + (writer is PdfWriter ? "a PDF cannot be checked; write the same report with --format html to check it with `faultline report --check`"
                                                          : $"check it with `faultline report --check {path}`"));
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static int Check(ParseResult parse, string file)
    {
        if (!File.Exists(file)) throw new UsageException($"--check: {file}: no such file");
        using var archive = Globals.OpenExisting(parse);
        if (archive is null) return 2;
        ReportCheckResult result;
        try
        {
            result = ReportCheck.Check(file, archive);
        }
        catch (ReportCheckException e)
        {
            Output.Error(e.Message);
            return 2;
        }
        if (parse.GetValue(Globals.Json))
        {
            Output.Json(new { ok = result.Ok, result.Sentences, result.Endnotes, result.Failures });
            return result.Ok ? 0 : 1;
        }
        if (result.Ok)
        {
            Console.Out.WriteLine($"ok: {result.Sentences} sentences, {result.Endnotes} endnotes checked");
            return 0;
        }
        foreach (var failure in result.Failures) Console.Out.WriteLine(failure);
        Console.Error.WriteLine($"report --check: {result.Failures.Count} problem(s) in {file} ({result.Sentences} sentences, {result.Endnotes} endnotes checked)");
        return 1;
    }

    private static DateOnly ParseDay(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException("report needs --date YYYY-MM-DD (or --check FILE to verify a written report)");
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        throw new UsageException($"--date: '{text}' is not a date (use YYYY-MM-DD)");
    }
}
