using System.CommandLine;
using System.CommandLine.Parsing;
using Faultline.Archive;
using Faultline.Cli.Commands;

namespace Faultline.Cli;

/// <summary>
/// The `faultline` command: parses arguments, wires the pipeline, prints. No analysis logic lives here.
/// Exit codes: 0 ok, 1 some inputs rejected (the rest ingested) or nothing found, 2 usage error.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        // Piped output is read by tools and saved to files: do not wrap it at 80 columns.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;
        var root = new RootCommand("Faultline: a lossless, searchable archive of Telegram channels, feeds, articles, transcripts and assessments for conflict analysts")
        {
            Globals.Db,
            Globals.Json,
            Globals.Registry,
            IngestCommand.Build(),
            SourcesCommand.Build(),
            SourcesCommand.BuildImports(),
            SearchCommand.Build(),
            PostCommand.Build(),
            AnalyseCommand.Build(),
            DuplicatesCommand.Build(),
            SpreadCommands.Cascades(),
            SpreadCommands.CascadeDetail(),
            SpreadCommands.Channel(),
            SpreadCommands.Graph(),
            SpreadCommands.Edge(),
            ActorCommands.Actors(),
            ActorCommands.Mentions(),
            ActorCommands.Stance(),
            ActorCommands.Fractures(),
            ActorCommands.Chart(),
            ClaimCommands.Claims(),
            ClaimCommands.ClaimDetail(),
            ClaimCommands.TrackRecordCommand(),
            ClaimCommands.Grade(),
            ClaimCommands.RelatedCommand(),
            ReportCommand.Build(),
            ScenariosCommand.Build(),
            DemoCommand.Build(),
        };
        var parse = root.Parse(args);
        // Free-text arguments (queries, paths) would otherwise swallow a mistyped option silently.
        var unknown = parse.Tokens.Where(t => t.Type == TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2)
            .Select(t => $"unknown option '{t.Value}'");
        var errors = parse.Errors.Select(e => e.Message).Concat(unknown).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors) Output.Error(error);
            Console.Error.WriteLine("Run `faultline --help` for usage.");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            Output.Error(e.Message);
            return 2;
        }
        catch (ArchiveException e)
        {
            Output.Error(e.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Output.Error("cancelled; the file being imported was rolled back");
            return 130;
        }
        catch (IOException e)
        {
            Output.Error(e.Message);
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            Output.Error(e.Message);
            return 1;
        }
    }
}
