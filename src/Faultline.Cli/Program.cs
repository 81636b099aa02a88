using System.CommandLine;
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
        var root = new RootCommand("Faultline: a lossless, searchable archive of Telegram channels, feeds, articles, transcripts and assessments for conflict analysts")
        {
            Globals.Db,
            Globals.Json,
            IngestCommand.Build(),
            SourcesCommand.Build(),
            SourcesCommand.BuildImports(),
            SearchCommand.Build(),
            PostCommand.Build(),
            DemoCommand.Build(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Output.Error(error.Message);
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
