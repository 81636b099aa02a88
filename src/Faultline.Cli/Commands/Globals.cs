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

    /// <summary>A --from/--to window in UTC; a bare --to date includes that whole day.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Window(ParseResult parse, Option<string?> from, Option<string?> to)
    {
        var f = ParseDate(parse.GetValue(from), "--from");
        var raw = parse.GetValue(to);
        var t = ParseDate(raw, "--to");
        if (t is not null && raw is { Length: 10 }) t = t.Value.AddDays(1);
        return (f, t);
    }

    /// <summary>A source by handle (with or without @, any case), exact title, key or id.</summary>
    public static SourceSummary? FindSource(IArchive archive, string name)
    {
        var n = name.Trim().TrimStart('@');
        return archive.Sources().FirstOrDefault(s => string.Equals(s.Info.Handle, n, StringComparison.OrdinalIgnoreCase) || s.Info.Title == n || s.Info.Key == n
                                                     || s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == n);
    }

    /// <summary>How each source is named in listings: @handle, else its title, else its key.</summary>
    public static Dictionary<long, string> SourceLabels(IArchive archive)
        => archive.Sources().ToDictionary(s => s.Id, s => s.Info.Handle is { } h ? "@" + h : s.Info.Title ?? s.Info.Key);

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
