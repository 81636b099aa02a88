using System.Security.Cryptography;
using System.Text;

namespace Faultline.Text;

/// <summary>Content fingerprints: the archive uses them to recognise the same text across imports and edits.</summary>
public static class ContentHash
{
    /// <summary>Length of <see cref="Short"/>: 48 bits, enough to tell posts apart in a listing.</summary>
    public const int ShortLength = 12;

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of the text exactly as given (no normalisation).</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        // Stack for typical posts; lone surrogates encode as U+FFFD like Encoding.UTF8.GetBytes does.
        byte[]? rented = null;
        Span<byte> buffer = max <= 4096 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..n], digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The first 12 characters of a hash from <see cref="Of"/> (the whole string when shorter).</summary>
    public static string Short(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.Length <= ShortLength ? hash : hash[..ShortLength];
    }
}
