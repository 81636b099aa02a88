using System.Text;

namespace Faultline.Reading.Articles;

/// <summary>
/// Loads a whole text document (a saved page, a report, a transcript) into memory with a size cap.
/// Documents are small next to exports, and their parsers need the whole text anyway.
/// </summary>
internal static class TextFile
{
    /// <summary>The largest document read, in bytes: beyond this the file is not a single article or report.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>Reads every byte of the stream, refusing inputs over <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(Stream input, CancellationToken cancellationToken, int maxBytes = MaxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            int n = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            if (buffer.Length + n > maxBytes)
                throw new InputException($"offset {maxBytes}", $"the file is larger than {maxBytes / (1024 * 1024)} MB, too large for one document");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Decodes text that must be UTF-8 (or UTF-16 with a byte order mark); invalid bytes are an input error
    /// because silently replacing them would corrupt quotes an analyst may cite.
    /// </summary>
    public static string DecodeStrict(byte[] bytes)
    {
        if (TryBom(bytes, strict: true, out var text)) return text;
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException($"offset {Math.Max(0, e.Index)}", "the file is not valid UTF-8 text", e);
        }
    }

    /// <summary>
    /// Decodes a saved web page: BOM, then strict UTF-8, then the charset the page declares, then
    /// windows-1252 (what browsers assume for undeclared legacy pages).
    /// </summary>
    public static string DecodeHtml(byte[] bytes)
    {
        if (TryBom(bytes, strict: false, out var text)) return text;
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Legacy pages (windows-1251 Russian sites) declare their charset near the top.
        }
        var declared = DeclaredCharset(bytes);
        Encoding encoding;
        try
        {
            encoding = declared is null ? Latin1Fallback() : Encoding.GetEncoding(declared);
        }
        catch (ArgumentException)
        {
            encoding = Latin1Fallback();
        }
        return encoding.GetString(bytes);
    }

    private static Encoding Latin1Fallback()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static string? DeclaredCharset(byte[] bytes)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        int at = head.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        int i = at + "charset".Length;
        while (i < head.Length && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) i++;
        int start = i;
        while (i < head.Length && (char.IsAsciiLetterOrDigit(head[i]) || head[i] == '-' || head[i] == '_')) i++;
        return i > start ? head[start..i] : null;
    }

    private static bool TryBom(byte[] bytes, bool strict, out string text)
    {
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            try
            {
                text = new UTF8Encoding(false, strict).GetString(bytes, 3, bytes.Length - 3);
            }
            catch (DecoderFallbackException e)
            {
                throw new InputException($"offset {3 + Math.Max(0, e.Index)}", "the file is not valid UTF-8 text", e);
            }
            return true;
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            text = Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
            return true;
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            text = Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
            return true;
        }
        text = "";
        return false;
    }
}
