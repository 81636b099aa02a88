using System.Text;
using CsCheck;
using Faultline.Reading.Feeds;

namespace Faultline.Tests.Reading.Feeds;

/// <summary>Any input either parses or is rejected with an <see cref="Faultline.Reading.InputException"/>.</summary>
public class FeedPropertyTests
{
    private static readonly FeedReader Reader = new();

    private static readonly string[] Fixtures =
    [
        "severny_rubezh.windows-1251.rss", "okopnaya_pravda.koi8-r.rss", "conflict_studies.atom", "eastfront_entities.rss", "vartovyi.json",
    ];

    private static byte[] Fixture(int index) => File.ReadAllBytes(Path.Combine(Corpus.Data, "feeds", Fixtures[index]));

    [Fact]
    public void RandomBytesParseOrAreRejected()
        => Gen.Byte.Array[0, 300].Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 400);

    [Fact]
    public void RandomMarkupParsesOrIsRejected()
        => Gen.String[Gen.Char["<>/?!&;#x0123abcitemrssfeedchanneltitle\"'= \n\u00A0Ã\u0001[]{}:,"], 0, 120]
            .Select(s => "<rss><channel>" + s)
            .Sample(text => { ReaderHarness.ParsesOrRejects(Reader, Encoding.UTF8.GetBytes(text)); }, iter: 400);

    [Fact]
    public void TruncatedFixturesParseOrAreRejected()
        => Gen.Int[0, Fixtures.Length - 1].SelectMany(i => Gen.Int[0, Fixture(i).Length].Select(cut => Fixture(i)[..cut]))
            .Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 300);

    [Fact]
    public void ByteFlippedFixturesParseOrAreRejected()
        => Gen.Int[0, Fixtures.Length - 1]
            .SelectMany(i => Gen.Select(Gen.Int[0, Fixture(i).Length - 1].Array[1, 6], Gen.Byte.Array[6], (positions, values) =>
            {
                byte[] bytes = Fixture(i);
                for (int k = 0; k < positions.Length; k++) bytes[positions[k]] = values[k];
                return bytes;
            }))
            .Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 400);

    [Fact]
    public void FixturesWithInsertedGarbageParseOrAreRejected()
        => Gen.Int[0, Fixtures.Length - 1]
            .SelectMany(i => Gen.Select(Gen.Int[0, Fixture(i).Length], Gen.Byte.Array[1, 20], (at, garbage) =>
            {
                byte[] bytes = Fixture(i);
                return (byte[])[.. bytes[..at], .. garbage, .. bytes[at..]];
            }))
            .Sample(bytes => { ReaderHarness.ParsesOrRejects(Reader, bytes); }, iter: 400);

    [Fact]
    public void DetectionNeverThrows()
        => Gen.Byte.Array[0, 200].Sample(bytes => { Reader.Detect(new Faultline.Reading.FileSniff("x", bytes)); }, iter: 500);
}
