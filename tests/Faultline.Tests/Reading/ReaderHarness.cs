using System.Text;
using Faultline.Reading;

namespace Faultline.Tests.Reading;

/// <summary>Shared ways to run a reader in tests.</summary>
internal static class ReaderHarness
{
    /// <summary>Reads a whole file with the given reader.</summary>
    public static async Task<List<ReadItem>> ReadFileAsync(IFormatReader reader, string path, ReadContext? context = null)
    {
        await using var stream = File.OpenRead(path);
        return await ReadAsync(reader, stream, context ?? new ReadContext(path));
    }

    /// <summary>Reads bytes with the given reader.</summary>
    public static async Task<List<ReadItem>> ReadBytesAsync(IFormatReader reader, byte[] bytes, string fileName = "input")
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await ReadAsync(reader, stream, new ReadContext(fileName));
    }

    /// <summary>Reads a string (UTF-8) with the given reader.</summary>
    public static Task<List<ReadItem>> ReadTextAsync(IFormatReader reader, string text, string fileName = "input")
        => ReadBytesAsync(reader, Encoding.UTF8.GetBytes(text), fileName);

    /// <summary>The posts among the items.</summary>
    public static List<Faultline.Model.Post> Posts(this IEnumerable<ReadItem> items)
        => items.OfType<PostRead>().Select(p => p.Post).ToList();

    /// <summary>Detection of a file through the default catalog.</summary>
    public static async Task<IFormatReader?> DetectFileAsync(string path)
        => ReaderCatalog.Default.Detect(await FileSniff.OfFileAsync(path)).Reader;

    /// <summary>
    /// The reader contract for any input: it either yields items or throws <see cref="InputException"/>;
    /// nothing else escapes. Returns the exception, if any, for further assertions.
    /// </summary>
    public static InputException? ParsesOrRejects(IFormatReader reader, byte[] bytes)
    {
        try
        {
            ReadBytesAsync(reader, bytes).GetAwaiter().GetResult();
            return null;
        }
        catch (InputException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Position), "an input error must name a position");
            Assert.False(string.IsNullOrWhiteSpace(e.Reason), "an input error must give a reason");
            return e;
        }
    }

    private static async Task<List<ReadItem>> ReadAsync(IFormatReader reader, Stream stream, ReadContext context)
    {
        var items = new List<ReadItem>();
        await foreach (var item in reader.ReadAsync(stream, context)) items.Add(item);
        return items;
    }
}
