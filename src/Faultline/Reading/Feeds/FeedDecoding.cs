using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Faultline.Reading.Feeds;

/// <summary>A feed's bytes turned into text, with how the encoding was decided.</summary>
/// <param name="Text">The decoded document without its byte-order mark.</param>
/// <param name="EncodingName">The encoding used (web name).</param>
/// <param name="Reason">How it was chosen ("byte-order mark", "XML declaration", "valid UTF-8", "guessed").</param>
internal sealed record DecodedFeed(string Text, string EncodingName, string Reason);

/// <summary>
/// Decides a feed's character encoding: byte-order mark, then the XML declaration, then (HTTP headers are
/// not available to a file import) a UTF-8 validity check, then a windows-1251 / KOI8-R / windows-1252 guess.
/// A declaration that the bytes contradict (declared ISO-8859-1 but valid multi-byte UTF-8, declared UTF-8
/// but invalid) is overruled with a warning.
/// </summary>
internal static partial class FeedDecoding
{
    static FeedDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex("""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex DeclaredEncoding();

    /// <summary>Decodes the bytes of a feed document.</summary>
    public static DecodedFeed Decode(ReadOnlySpan<byte> bytes, ReadContext context)
    {
        var (bom, bomLength) = Bom(bytes);
        var body = bytes[bomLength..];
        string? declaredName = DeclaredName(bom is null ? bytes : body, bom);

        if (bom is not null)
        {
            if (declaredName is not null && Resolve(declaredName) is { } declared && !SameFamily(declared, bom))
                context.Warn("line 1", $"the byte-order mark says {bom.WebName} but the XML declaration says {declaredName}; the byte-order mark wins");
            return new(bom.GetString(body), bom.WebName, "byte-order mark");
        }

        // UTF-16 without a BOM still shows its NUL pattern around the ASCII '<'.
        if (bytes.Length >= 4 && bytes[0] == (byte)'<' && bytes[1] == 0 && bytes[2] != 0)
            return new(Encoding.Unicode.GetString(bytes), "utf-16", "byte pattern");
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'<' && bytes[3] != 0)
            return new(Encoding.BigEndianUnicode.GetString(bytes), "utf-16BE", "byte pattern");

        bool validUtf8 = Utf8.IsValid(bytes);
        if (declaredName is not null)
        {
            var declared = Resolve(declaredName);
            if (declared is null)
                context.Warn("line 1", $"the XML declaration names an unknown encoding '{declaredName}'; guessing from the bytes");
            else if (declared.CodePage == Encoding.UTF8.CodePage)
            {
                if (validUtf8) return new(Encoding.UTF8.GetString(bytes), "utf-8", "XML declaration");
                var guess = Guess(bytes);
                context.Warn("line 1", $"declared UTF-8 but the bytes are not valid UTF-8; read as {guess.WebName}");
                return new(guess.GetString(bytes), guess.WebName, "guessed");
            }
            else if (declared.CodePage is 1200 or 1201 or 12000 or 12001)
            {
                // A UTF-16/32 declaration we could read as ASCII cannot be true: the file is 8-bit.
                context.Warn("line 1", $"declared {declaredName} but the file has no UTF-16 byte pattern; guessing from the bytes");
            }
            else
            {
                if (validUtf8 && HasMultiByteSequence(bytes))
                {
                    context.Warn("line 1", $"declared {declaredName} but the bytes are valid UTF-8; read as UTF-8");
                    return new(Encoding.UTF8.GetString(bytes), "utf-8", "valid UTF-8 overruling the declaration");
                }
                return new(declared.GetString(bytes), declared.WebName, "XML declaration");
            }
        }

        if (validUtf8) return new(Encoding.UTF8.GetString(bytes), "utf-8", "valid UTF-8");
        var guessed = Guess(bytes);
        context.Warn("line 1", $"no encoding declared and the bytes are not UTF-8; guessed {guessed.WebName}");
        return new(guessed.GetString(bytes), guessed.WebName, "guessed");
    }

    /// <summary>
    /// Resolves an encoding name as browsers do: ISO-8859-1 and US-ASCII mean windows-1252 (whose extra
    /// characters sit where ISO-8859-1 has unused C1 controls), GB2312 means GBK. Null when unknown.
    /// </summary>
    public static Encoding? Resolve(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        int codePage = key switch
        {
            "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "iso_8859-1" or "cp1252" => 1252,
            "gb2312" or "gbk" or "x-gbk" or "cp936" => 936,
            "utf8" => 65001,
            "cp1251" or "win-1251" => 1251,
            "koi8r" => 20866,
            _ => 0,
        };
        try
        {
            var encoding = codePage != 0 ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(key);
            return Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Guesses a legacy 8-bit encoding. Latin-script text has isolated high bytes between ASCII letters;
    /// Cyrillic text has runs of them. Among Cyrillic encodings, lower-case letters dominate running text:
    /// they sit at 0xE0–0xFF in windows-1251 and at 0xC0–0xDF in KOI8-R.
    /// </summary>
    public static Encoding Guess(ReadOnlySpan<byte> bytes)
    {
        int high = 0, inRuns = 0, upperHalf = 0, lowerHalf = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b < 0x80) continue;
            high++;
            bool neighbour = (i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < bytes.Length && bytes[i + 1] >= 0x80);
            if (neighbour) inRuns++;
            if (b >= 0xE0) upperHalf++;
            else if (b >= 0xC0) lowerHalf++;
        }
        int codePage = high > 0 && inRuns * 2 > high
            ? (lowerHalf > upperHalf ? 20866 : 1251)
            : 1252;
        return Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    private static (Encoding? Encoding, int Length) Bom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(false, false), 3);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return (new UTF32Encoding(false, false), 4);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return (new UTF32Encoding(true, false), 4);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(false, false), 2);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(true, false), 2);
        return (null, 0);
    }

    private static string? DeclaredName(ReadOnlySpan<byte> bytes, Encoding? bom)
    {
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        // The declaration is ASCII in every 8-bit encoding; under a UTF-16/32 BOM decode it properly.
        string text = bom is not null && bom.CodePage != 65001 ? bom.GetString(head) : Encoding.Latin1.GetString(head);
        var match = DeclaredEncoding().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static bool SameFamily(Encoding declared, Encoding bom)
        => declared.CodePage == bom.CodePage
           || (bom.CodePage is 1200 or 1201 && declared.CodePage is 1200 or 1201)
           || (bom.CodePage is 12000 or 12001 && declared.CodePage is 12000 or 12001);

    private static bool HasMultiByteSequence(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0xC2, (byte)0xF4) >= 0;
}
