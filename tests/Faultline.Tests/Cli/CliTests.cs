using System.Text.Json;

namespace Faultline.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void AnUnknownOptionIsAUsageErrorWithExitCode2()
    {
        var r = CliRunner.Run(_dir.Path, "search", "x", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--no-such-option", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void SearchingBeforeAnyIngestSaysWhatToDo()
    {
        var r = CliRunner.Run(_dir.Path, "search", "мобилизация");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("faultline ingest", r.Stderr);
    }

    [Fact]
    public void AMissingFileIsRejectedWithOneLineAndExitCode1()
    {
        var r = CliRunner.Run(_dir.Path, "ingest", "nope.json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("nope.json: no such file", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void ABinaryFileIsRejectedAndTheOtherInputsCarryOn()
    {
        File.WriteAllBytes(_dir.File("image.bin"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 2, 3, 0, 0]);
        var r = CliRunner.Run(_dir.Path, "--json", "ingest", "image.bin");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var item = doc.RootElement.EnumerateArray().Single();
        Assert.Equal("rejected", item.GetProperty("status").GetString());
        Assert.Contains("binary", item.GetProperty("error").GetString());
    }

    [Fact]
    public void ABadDateIsAUsageError()
    {
        CliRunner.Run(_dir.Path, "ingest", "nothing-here");
        var r = CliRunner.Run(_dir.Path, "search", "x", "--from", "yesterday-ish");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--from", r.Stderr);
    }

    public void Dispose() => _dir.Dispose();
}
