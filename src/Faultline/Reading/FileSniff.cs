using System.Text;

namespace Faultline.Reading;

/// <summary>
/// The first bytes of an input, and a tolerant text view of them, for content-based format detection.
/// </summary>
public sealed class FileSniff
{
    /// <summary>How many bytes detection looks at.</summary>
    public const int Size = 64 * 1024;

    /// <summary>Creates a sniff from the head of a file.</summary>
    public FileSniff(string fileName, ReadOnlyMemory<byte> head)
    {
        FileName = fileName;
        Head = head;
        var span = head.Span;
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        else if (span.Length >= 2 && ((span[0] == 0xFF && span[1] == 0xFE) || (span[0] == 0xFE && span[1] == 0xFF)))
        {
            var enc = span[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            Text = enc.GetString(span[2..]);
            return;
        }
        // Lossy decode: detection only needs the markup, not the exact characters.
        Text = Encoding.UTF8.GetString(span);
    }

    /// <summary>The file name (readers may use it as a hint, never as the only evidence).</summary>
    public string FileName { get; }

    /// <summary>Up to <see cref="Size"/> bytes from the start of the file.</summary>
    public ReadOnlyMemory<byte> Head { get; }

    /// <summary>The head decoded tolerantly (BOM honoured, invalid bytes replaced).</summary>
    public string Text { get; }

    /// <summary>The text with leading whitespace removed.</summary>
    public ReadOnlySpan<char> Trimmed => Text.AsSpan().TrimStart();

    /// <summary>True when the head holds NUL bytes or many control bytes: a binary file.</summary>
    public bool LooksBinary
    {
        get
        {
            var span = Head.Span;
            if (span.Length >= 2 && ((span[0] == 0xFF && span[1] == 0xFE) || (span[0] == 0xFE && span[1] == 0xFF))) return false;
            int control = 0;
            foreach (var b in span)
            {
                if (b == 0) return true;
                if (b < 0x09 || (b > 0x0D && b < 0x20)) control++;
            }
            return span.Length > 0 && control * 20 > span.Length;
        }
    }

    /// <summary>Reads the head of a file.</summary>
    public static async Task<FileSniff> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var buffer = new byte[Size];
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return new FileSniff(Path.GetFileName(path), buffer.AsMemory(0, total));
    }
}
