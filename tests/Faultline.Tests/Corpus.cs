namespace Faultline.Tests;

/// <summary>Where the shared real corpora and the test fixtures live.</summary>
internal static class Corpus
{
    /// <summary>../shared/corpus relative to the repository root, or null when absent.</summary>
    public static string? Root { get; } = FindShared();

    /// <summary>tests/Faultline.Tests/Data as copied next to the test assembly.</summary>
    public static string Data { get; } = Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>The repository root (the folder holding Faultline.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A folder of the shared corpus; skips the test with a clear message when it is absent.</summary>
    public static string Require(string folder)
    {
        var path = Root is null ? null : Path.Combine(Root, folder);
        Skip.If(path is null || !Directory.Exists(path),
            $"shared corpus folder '{folder}' not found (expected ../shared/corpus/{folder} beside the repository); skipping");
        return path!;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Faultline.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static string? FindShared()
    {
        var env = Environment.GetEnvironmentVariable("FAULTLINE_CORPUS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate)) return candidate;
            dir = dir.Parent;
        }
        return null;
    }
}
