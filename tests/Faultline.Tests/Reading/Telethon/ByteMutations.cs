using CsCheck;

namespace Faultline.Tests.Reading.Telethon;

/// <summary>Damaged copies of a valid input: truncations, flipped bytes, inserted garbage.</summary>
internal static class ByteMutations
{
    private static readonly byte[][] Garbage =
        ["{"u8.ToArray(), "}"u8.ToArray(), "\""u8.ToArray(), ","u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(),
         "]"u8.ToArray(), "null"u8.ToArray(), "\\"u8.ToArray(), [0xFF], [0xC3], [0x00], "\"\""u8.ToArray(), "1e999"u8.ToArray()];

    /// <summary>Mutations of <paramref name="valid"/>.</summary>
    public static Gen<byte[]> Of(byte[] valid)
    {
        var truncated = Gen.Int[0, valid.Length].Select(n => valid[..n]);
        var flipped = Gen.Select(Gen.Int[0, Math.Max(0, valid.Length - 1)], Gen.Byte, (at, b) =>
        {
            var copy = (byte[])valid.Clone();
            if (copy.Length > 0) copy[at] = b;
            return copy;
        });
        var inserted = Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, Garbage.Length - 1], (at, g) =>
            valid[..at].Concat(Garbage[g]).Concat(valid[at..]).ToArray());
        var cut = Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, 40], (at, n) =>
            valid[..at].Concat(valid[Math.Min(valid.Length, at + n)..]).ToArray());
        return Gen.OneOf(truncated, flipped, inserted, cut);
    }
}
