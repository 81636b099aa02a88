using System.Diagnostics;
using Faultline.Archive.Sqlite;
using Faultline.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace Faultline.Tests.Archive;

/// <summary>A real `faultline ingest` process killed with SIGKILL in the middle of a file.</summary>
public sealed class KilledImportTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void AnImportKilledMidFileLeavesTheArchiveConsistentAndARerunCompletesIt()
    {
        const int posts = 60_000;
        var export = _dir.File("big.json");
        DesktopExport.Write(export, 1700000009, "Большой канал (fictional)", DesktopExport.Filler(posts, new DateTimeOffset(2022, 9, 1, 0, 0, 0, TimeSpan.Zero)));
        var db = _dir.File("archive.db");

        // A first small import, so there is something that must survive the kill untouched.
        var small = _dir.File("small.json");
        DesktopExport.Write(small, 1700000001, "Северный рубеж (fictional)", DesktopExport.Filler(10, new DateTimeOffset(2022, 10, 14, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, CliRunner.Run(_dir.Path, "--db", db, "ingest", small).ExitCode);

        using (var p = Process.Start(CliRunner.StartInfo(_dir.Path, "--db", db, "ingest", export))!)
        {
            p.StandardInput.Close();
            _ = p.StandardOutput.ReadToEndAsync();
            bool midway = false;
            var watch = Stopwatch.StartNew();
            while (!midway && watch.Elapsed < TimeSpan.FromSeconds(90))
            {
                var line = p.StandardError.ReadLine();
                if (line is null) break;
                // Progress lines look like "ingest: big.json: 30% (12,000 posts)".
                midway = line.Contains("% (", StringComparison.Ordinal) && !line.Contains(": 0%", StringComparison.Ordinal) && !line.Contains("100%", StringComparison.Ordinal);
            }
            Assert.True(midway, "the import never reported progress mid-file");
            p.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no rollback by the process itself
            p.WaitForExit();
            Assert.NotEqual(0, p.ExitCode);
        }

        using (var check = new SqliteConnection($"Data Source={db}"))
        {
            check.Open();
            using var cmd = check.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", cmd.ExecuteScalar());
        }
        using (var archive = SqliteArchive.Open(db))
        {
            var totals = archive.Totals();
            Assert.Equal(10, totals.Posts);
            Assert.Equal(1, totals.Imports);
            Assert.Single(archive.Sources());
        }

        var rerun = CliRunner.Run(_dir.Path, "--db", db, "ingest", export);
        Assert.Equal(0, rerun.ExitCode);
        using (var archive = SqliteArchive.Open(db))
        {
            var totals = archive.Totals();
            Assert.Equal(posts + 10, totals.Posts);
            Assert.Equal(posts + 10, totals.Versions);
            Assert.Equal(2, totals.Imports);
            Assert.Equal(posts, archive.Sources().Single(s => s.Info.Key == "telegram:1700000009").Posts);
        }
        var third = CliRunner.Run(_dir.Path, "--db", db, "ingest", export);
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("already imported", third.Stdout);
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _dir.Dispose();
}
