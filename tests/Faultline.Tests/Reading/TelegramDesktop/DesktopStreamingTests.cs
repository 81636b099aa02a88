using Faultline.Bench;
using Faultline.Reading;
using Faultline.Reading.TelegramDesktop;

namespace Faultline.Tests.Reading.TelegramDesktop;

/// <summary>Runs alone: the heap figure would otherwise include whatever parallel tests hold.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

[Collection(nameof(MemoryMeasurements))]
public class DesktopStreamingTests
{
    [Fact]
    public async Task FiftyMegabyteExportIsReadWithFlatMemory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"faultline-stream-{Guid.NewGuid():N}.json");
        try
        {
            long size = ExportGenerator.WriteFile(path, 80_000, seed: 7);
            Assert.InRange(size, 40_000_000, 80_000_000);

            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0, posts = 0;
            await using var stream = File.OpenRead(path);
            await foreach (var item in new TelegramDesktopJsonReader().ReadAsync(stream, new ReadContext(path)))
            {
                if (item is not PostRead) continue;
                if (++posts % 10_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }

            Assert.Equal(80_000, posts);
            // Live heap growth stays near the 1 MB window and one batch of posts, far below the file size.
            Assert.True(peak < 30_000_000, $"live heap grew by {peak / 1e6:N1} MB while reading a {size / 1e6:N1} MB export");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
