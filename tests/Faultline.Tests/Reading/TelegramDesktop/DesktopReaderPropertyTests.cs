using CsCheck;
using Faultline.Reading.TelegramDesktop;

namespace Faultline.Tests.Reading.TelegramDesktop;

public class DesktopReaderPropertyTests
{
    private static readonly TelegramDesktopJsonReader Json = new();
    // A small window makes mutated messages straddle refills, where the window bookkeeping could slip.
    private static readonly TelegramDesktopJsonReader JsonSmallWindow = new() { BufferSize = 64 };
    private static readonly TelegramDesktopHtmlReader Html = new();
    private static readonly byte[] JsonFixture = File.ReadAllBytes(Path.Combine(Corpus.Data, "telegram-desktop", "schema-2023.json"));
    private static readonly byte[] AccountFixture = File.ReadAllBytes(Path.Combine(Corpus.Data, "telegram-desktop", "account-export.json"));
    private static readonly byte[] HtmlFixture = File.ReadAllBytes(Path.Combine(Corpus.Data, "telegram-desktop", "html", "messages.html"));

    /// <summary>Truncations, byte flips and inserted garbage of a valid input.</summary>
    private static Gen<byte[]> Mutations(byte[] valid) =>
        Gen.OneOf(
            Gen.Int[0, valid.Length].Select(n => valid[..n]),
            Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, (at, b) =>
            {
                var copy = (byte[])valid.Clone();
                copy[at] = b;
                return copy;
            }),
            Gen.Select(Gen.Int[0, valid.Length], Gen.Byte.Array[1, 12], (at, junk) => (byte[])[.. valid[..at], .. junk, .. valid[at..]]));

    [Fact]
    public void RandomBytesParseOrAreRejectedByTheJsonReader()
        => Gen.Byte.Array[0, 300].Sample(bytes => { ReaderHarness.ParsesOrRejects(Json, bytes); }, iter: 300);

    [Fact]
    public void MutatedExportsParseOrAreRejectedByTheJsonReader()
        => Mutations(JsonFixture).Sample(bytes => { ReaderHarness.ParsesOrRejects(Json, bytes); }, iter: 300);

    [Fact]
    public void MutatedAccountExportsParseOrAreRejectedAcrossSmallWindows()
        => Mutations(AccountFixture).Sample(bytes => { ReaderHarness.ParsesOrRejects(JsonSmallWindow, bytes); }, iter: 200);

    [Fact]
    public void EveryTruncationOfAnExportIsRejected()
        => Gen.Int[0, JsonFixture.Length - 2].Sample(n =>
        {
            // The closing brace is the last byte: anything shorter is an incomplete export.
            Assert.NotNull(ReaderHarness.ParsesOrRejects(Json, JsonFixture[..n]));
        }, iter: 200);

    [Fact]
    public void RandomBytesParseOrAreRejectedByTheHtmlReader()
        => Gen.Byte.Array[0, 300].Sample(bytes => { ReaderHarness.ParsesOrRejects(Html, bytes); }, iter: 300);

    [Fact]
    public void MutatedPagesParseOrAreRejectedByTheHtmlReader()
        => Mutations(HtmlFixture).Sample(bytes => { ReaderHarness.ParsesOrRejects(Html, bytes); }, iter: 200);
}
