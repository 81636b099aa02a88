using Faultline.Analysis.NearDuplicates;

namespace Faultline.Tests.Analysis.NearDuplicates;

public class ShinglesTests
{
    [Fact]
    public void ATextOfThreeOrMoreWordsGivesOneShinglePerWordTrigram()
        => Assert.Equal(2, Shingles.Of("генералы готовят списки милблогеров").Length); // 4 words, 2 trigrams

    [Theory]
    [InlineData("срочно")]
    [InlineData("Срочно, новости!")]
    public void ATextUnderThreeWordsIsOneShingle(string text) => Assert.Single(Shingles.Of(text));

    [Fact]
    public void OneAndTwoWordShinglesNeverEqualATrigram()
    {
        var all = Shingles.Of("а б").Concat(Shingles.Of("а")).Concat(Shingles.Of("а б в")).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🔥🔥🔥")]
    [InlineData("https://t.me/rybar/123")]
    public void ATextWithoutWordsHasNoShinglesAndIsNeverADuplicate(string text)
    {
        Assert.Empty(Shingles.Of(text));
        Assert.Empty(NearDuplicateFinder.Find([new NearDuplicateItem(1, Shingles.Of(text)), new NearDuplicateItem(2, Shingles.Of(text))]));
    }

    [Fact]
    public void RepeatedTrigramsCountOnce()
    {
        var shingles = Shingles.Of("раз два три раз два три раз два три");
        Assert.Equal(3, shingles.Length); // "раз два три", "два три раз", "три раз два"
        Assert.True(shingles.SequenceEqual(shingles.Order()), "sorted ascending");
    }

    [Fact]
    public void MarkupCaseEmojiAndLinksDoNotChangeTheShingles()
        => Assert.Equal(
            Shingles.Of("генералы готовят списки милблогеров"),
            Shingles.Of("⚡️ **Генералы** готовят [списки](https://t.me/x/1) МИЛБЛОГЕРОВ https://example.com"));

    [Fact]
    public void TheFastPathForPlainWordsCutsWordsAsTheTokenizerDoes()
    {
        // A trailing "—" is not a word character and is outside the fast path's alphabet: it forces the tokenizer.
        foreach (var post in Faultline.Bench.NearDuplicateCorpus.Generate(500))
        {
            var plain = string.Join(' ', Faultline.Text.Tokenizer.Words(Faultline.Text.TextNormalizer.Normalize(post.Text)));
            Assert.Equal(Shingles.OfNormalized(plain + " —"), Shingles.OfNormalized(plain));
        }
    }

    [Fact]
    public void WordOrderMatters()
        => Assert.NotEqual(Shingles.Of("один два три"), Shingles.Of("три два один"));

    [Fact]
    public void JaccardCountsSharedTrigramsOverAllTrigrams()
    {
        // 5 trigrams each; an appended word adds one trigram: 5 shared of 6.
        var a = Shingles.Of("а б в г д е ж");
        var b = Shingles.Of("а б в г д е ж з");
        Assert.Equal(5.0 / 6.0, Shingles.Jaccard(a, b), 12);
    }
}
