using System.Buffers;
using System.Runtime.CompilerServices;

namespace Faultline.Reading.TelegramDesktop;

/// <summary>
/// Reads the JSON export of Telegram Desktop (result.json), single-chat or whole-account, every schema
/// generation since 2020. Streams: memory depends on the largest message, not on the file.
/// </summary>
internal sealed class TelegramDesktopJsonReader : IFormatReader
{
    /// <summary>Window size: 256 KB refills rarely, and the posts of one window die young (larger windows promote them to gen 1).</summary>
    internal const int InitialBuffer = 1 << 18;

    /// <summary>The starting window size; tests shrink it to push every message across window edges.</summary>
    internal int BufferSize { get; init; } = InitialBuffer;

    /// <inheritdoc />
    public string Format => "telegram-desktop-json";

    /// <inheritdoc />
    public string Description =>
        "Reads Telegram Desktop JSON exports (result.json: one chat or the whole account) with posts, edits, forwards (name only), "
        + "replies, polls, media placeholders and service events; the channel handle is not in the export.";

    /// <inheritdoc />
    public int Detect(FileSniff sniff)
    {
        if (sniff.LooksBinary) return 0;
        var trimmed = sniff.Trimmed;
        if (trimmed.Length == 0 || trimmed[0] != '{') return 0;
        var text = sniff.Text;
        bool Has(string key) => text.Contains(key, StringComparison.Ordinal);
        if (Has("\"messages\"") && Has("\"id\"") && (Has("\"name\"") || Has("\"type\""))) return 95;
        if (Has("\"chats\"") && Has("\"list\"")) return 95;
        // A whole-account export opens with personal data and contacts; its chat list may lie past the sniffed head.
        if (Has("\"personal_information\"") && Has("\"about\"")) return 90;
        return 0;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scanner = new DesktopJsonScanner(context);
        var batch = new List<ReadItem>();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        int start = 0, end = 0;
        long windowOffset = 0;
        bool final = false, first = true;
        try
        {
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    windowOffset += start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    // One message is larger than the window: grow it rather than fail.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                (end, final) = await FillAsync(input, buffer, end, windowOffset, cancellationToken).ConfigureAwait(false);
                if (first)
                {
                    first = false;
                    if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
                }
                start += scanner.Feed(buffer.AsSpan(start, end - start), final, windowOffset + start, batch);
                foreach (var item in batch) yield return item;
                batch.Clear();
                if (final) yield break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills the buffer from <paramref name="end"/>; final when the stream is exhausted.</summary>
    private static async Task<(int End, bool Final)> FillAsync(Stream input, byte[] buffer, int end, long windowOffset, CancellationToken cancellationToken)
    {
        try
        {
            while (end < buffer.Length)
            {
                int n = await input.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (n == 0) return (end, true);
                end += n;
            }
            return (end, false);
        }
        catch (IOException e)
        {
            throw new InputException($"offset {windowOffset + end}", "the file could not be read: " + e.Message, e);
        }
    }
}
