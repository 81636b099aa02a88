using CsCheck;

namespace Faultline.Tests.Reading;

/// <summary>Damaged copies of a valid input: truncated, with flipped bytes, or with garbage inserted.</summary>
internal static class DocumentMutations
{
    /// <summary>A generator of mutated copies of <paramref name="valid"/>.</summary>
    public static Gen<byte[]> Of(byte[] valid) => Gen.OneOf(
        Gen.Int[0, valid.Length].Select(n => valid[..n]),
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[1, 8], (at, b, count) =>
        {
            var copy = (byte[])valid.Clone();
            for (int i = 0; i < count; i++) copy[(at + i * 97) % copy.Length] ^= (byte)(b | 1);
            return copy;
        }),
        Gen.Select(Gen.Int[0, valid.Length], Gen.Byte.Array[1, 64], (int at, byte[] garbage) => (byte[])
            [.. valid[..at], .. garbage, .. valid[at..]]));
}
