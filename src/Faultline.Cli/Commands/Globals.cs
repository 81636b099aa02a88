using System.CommandLine;
using Faultline.Archive;
using Faultline.Archive.Sqlite;

namespace Faultline.Cli.Commands;

/// <summary>Options every command understands.</summary>
internal static class Globals
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Archive file (default: $FAULTLINE_DB, else ./faultline.db)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON instead of tables (shapes in docs/cli.md)",
        Recursive = true,
    };

    public static readonly Option<string?> Registry = new("--registry")
    {
        Description = "Actor registry file (default: $FAULTLINE_REGISTRY, else the shipped registry; format in docs/registry.md)",
        Recursive = true,
    };

    /// <summary>The analyst's registry, or the shipped default; problems in the file are a usage error.</summary>
    public static Faultline.Analysis.Actors.ActorRegistry LoadRegistry(ParseResult parse)
    {
        var path = parse.GetValue(Registry) is { Length: > 0 } p ? p : Environment.GetEnvironmentVariable("FAULTLINE_REGISTRY");
        if (string.IsNullOrEmpty(path)) return Faultline.Analysis.Actors.ActorRegistry.Default;
        if (!File.Exists(path)) throw new UsageException($"--registry: {path}: no such file");
        return Faultline.Analysis.Actors.ActorRegistry.Load(path);
    }

    public static string DbPath(ParseResult parse)
        => parse.GetValue(Db) is { Length: > 0 } p ? p
           : Environment.GetEnvironmentVariable("FAULTLINE_DB") is { Length: > 0 } e ? e
           : "faultline.db";

    public static IArchive OpenArchive(ParseResult parse) => SqliteArchive.Open(DbPath(parse));

    /// <summary>Opens an existing archive for reading commands; a missing file is a usage error, not an empty result.</summary>
    public static IArchive? OpenExisting(ParseResult parse)
    {
        var path = DbPath(parse);
        if (!File.Exists(path))
        {
            Output.Error($"{path}: no archive here yet; run `faultline ingest PATH` first, or pass --db FILE");
            return null;
        }
        return SqliteArchive.Open(path);
    }

    public static DateTimeOffset? ParseDate(string? s, string option)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        if (DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var d))
            return d;
        throw new UsageException($"{option}: '{s}' is not a date (use YYYY-MM-DD or an ISO time)");
    }
}

/// <summary>A mistake in the command line: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
