using System.Text;
using CsCheck;
using Faultline.Text;

namespace Faultline.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("ЕЩЁ раз", "еще раз")]
    [InlineData("Ёлка и ёж", "елка и еж")]
    [InlineData("Ｍｏｂｉｌｉｚａｔｉｏｎ", "mobilization")]
    [InlineData("ﬁnal ﬂag", "final flag")]
    [InlineData("Київ  \t\n  Харків", "київ харків")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    [InlineData("ДЕНЬ ПОБЕДЫ", "день победы")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("п’ять об’єктів", "п'ять об'єктів")]
    public void FoldsCaseWidthAndYo(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void DecomposedYoBecomesE() => Assert.Equal("еще", TextNormalizer.Normalize("ещ\u0435\u0308"));

    [Fact]
    public void InvisibleCharactersAreRemoved()
        => Assert.Equal("мобилизация началась", TextNormalizer.Normalize("моби\u00ADлиза\u200Bция\u200D на\uFEFFчалась\u2060"));

    [Theory]
    [InlineData("Читайте https://t.me/severny_rubezh_fict/123 подробнее", "читайте подробнее")]
    [InlineData("Source: www.example.com/report.html.", "source: .")]
    [InlineData("see (https://en.wikipedia.org/wiki/Lyman_(city)) now", "see ( ) now")]
    [InlineData("канал t.me/okopnaya_pravda_fict — подписывайтесь", "канал — подписывайтесь")]
    [InlineData("по данным ria.ru/20221014/x.html", "по данным")]
    [InlineData("почта info@mail.ru работает", "почта info@mail.ru работает")]
    public void UrlsAreRemoved(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("**Срочно:** генералы __готовят__ ~~списки~~ ||милблогеров||", "срочно: генералы готовят списки милблогеров")]
    [InlineData("[📈Топор. Экономика — \nПодписаться](https://t.me/+KnfcPt4fhT9kNjRi)", "📈топор. экономика — подписаться")]
    [InlineData("Код `x = 1` и ```блок```", "код x = 1 и блок")]
    [InlineData("<b>Жирный</b> и <a href=\"https://x.example/\">ссылка</a><br/>дальше", "жирный и ссылка дальше")]
    [InlineData("Tom &amp; Jerry &lt;3 &#1025;лка &#x41;", "tom & jerry <3 елка a")]
    [InlineData("snake_case @some_user stays", "snake_case @some_user stays")]
    public void MarkupIsStripped(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void MarkupExposedByStrippingIsStrippedToo()
    {
        Assert.Equal("жирно", TextNormalizer.Normalize("*<b></b>*жирно**"));
        // "&amp;lt;b&amp;gt;" decodes to "&lt;b&gt;", then to the tag "<b>", which goes like any tag.
        Assert.Equal("x", TextNormalizer.Normalize("&amp;lt;b&amp;gt;x"));
    }

    [Fact]
    public void LoneSurrogatesAreDroppedAndPairsKept()
        => Assert.Equal("a b 😀", TextNormalizer.Normalize("a\uD800 b\uDC00 😀"));

    [Fact]
    public void NeverThrowsAndIsIdempotent()
    {
        TextGens.AnyText.Sample(text =>
            {
                var once = TextNormalizer.Normalize(text);
                var twice = TextNormalizer.Normalize(once);
                Assert.Equal(once, twice);
            }, iter: 3000);
    }

    [Fact]
    public void OutputHasNoUppercaseNoYoNoUrlsNoInvisibles()
    {
        TextGens.Tricky.Sample(text =>
        {
            var normalized = TextNormalizer.Normalize(text);
            foreach (var rune in normalized.EnumerateRunes())
            {
                // Unicode has a few uppercase letters with no lowercase form (e.g. U+1C89); lowercasing leaves them.
                Assert.Equal(Rune.ToLowerInvariant(rune), rune);
            }
            Assert.DoesNotContain('ё', normalized);
            Assert.DoesNotContain('\u00AD', normalized);
            Assert.DoesNotContain('\u200B', normalized);
            Assert.DoesNotContain(EntityScanner.Scan(normalized), e => e.Kind == Faultline.Model.EntityKind.Link);
            Assert.Equal(normalized.Trim(), normalized);
            Assert.DoesNotContain("  ", normalized);
        }, iter: 3000);
    }

    [Fact]
    public void EveryCharacterUppercaseFormIsFolded()
    {
        for (var c = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and < 0xE000) continue;
            var normalized = TextNormalizer.Normalize(((char)c).ToString());
            foreach (var rune in normalized.EnumerateRunes()) Assert.Equal(Rune.ToLowerInvariant(rune), rune);
            Assert.Equal(normalized, TextNormalizer.Normalize(normalized));
        }
    }
}

/// <summary>Generators of texts that look like posts and of texts built to break normalisation.</summary>
internal static class TextGens
{
    private static readonly string[] Pieces =
    [
        "Ё", "ё", "е\u0308", "İ", "ẞ", "ǅ", "Ω", "K", "Å", "ﬁ", "Ｍ", "＊", "＜", "＞", "＆", "［", "］", "（", "）",
        "**", "__", "~~", "||", "`", "```", "*", "_", "<b>", "</b>", "<a href=\"x\">", "</a>", "<br/>", "<", ">",
        "&amp;", "&lt;", "&gt;", "&#1025;", "&#x41;", "&#xD800;", "&amp;lt;", "&", ";", "[", "]", "(", ")",
        "https://", "http://", "www.", "t.me/", "ria.ru", ".ru", "ｈｔｔｐｓ：／／", "ｗｗｗ．", "/", ":", ".",
        "\u00AD", "\u200B", "\u200D", "\uFEFF", "\uFE0F", "\u0301", "\u0308", "\uD800", "\uDC00", "😀", "🇺🇦",
        " ", "  ", "\t", "\n", "\u00A0", "\u3000", "a", "B", "я", "Я", "і", "Ї", "ʼ", "’", "'", "@user_name", "#тег",
        "Москва", "КИЇВ", "Lyman", "x", "1", "½", "㎁", "№", "…", "\u0000", "\u001F", "\u007F",
    ];

    /// <summary>Any UTF-16 string, lone surrogates included, mixed with the tricky pieces.</summary>
    public static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 60].Select(a => new string(a)),
        Gen.Char['\u0000', '\u052F'].Array[0, 60].Select(a => new string(a)),
        Gen.Select(Gen.Char.Array[0, 10], Gen.Int[0, 101].Array[0, 12], (chars, ix) => new string(chars) + string.Concat(ix.Select(Piece))));

    private static string Piece(int i) => i < Pieces.Length ? Pieces[i] : "";

    /// <summary>Concatenations of pieces that interact: markup around markup, entities of markup, fullwidth URLs.</summary>
    public static readonly Gen<string> Tricky = Gen.Int[0, Pieces.Length - 1].Array[0, 24]
        .Select(ix => string.Concat(ix.Select(i => Pieces[i])));
}

public class TextNormalizerLimitsTests
{
    [Fact]
    public void HostileMarkupTakesLinearTime()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var unit in new[] { "[", "<a", "&#", "**", "[a", "http://", "www.a", "a.", "#", "@" })
        {
            var text = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length)) + "](x)";
            TextNormalizer.Normalize(text);
            EntityScanner.Scan(text);
            LanguageDetector.Detect(text);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
