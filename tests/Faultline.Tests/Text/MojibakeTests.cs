using System.Text;
using CsCheck;
using Faultline.Text;

namespace Faultline.Tests.Text;

public class MojibakeTests
{
    static MojibakeTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // What a misconfigured pipeline does: UTF-8 bytes decoded with a single-byte code page.
    private static string Garble(string clean, int codePage) => Encoding.GetEncoding(codePage).GetString(Encoding.UTF8.GetBytes(clean));

    [Theory]
    [InlineData("Россия")]
    [InlineData("Москва")]
    [InlineData("Списков больше нет, вопрос снят с повестки.")]
    [InlineData("Le Monde.fr - Actualités et Infos en France")]
    [InlineData("Pokémon battle — it’s “epic” … 20 €")]
    [InlineData("Größe, Übel, Maßnahmen")]
    [InlineData("Вартовий: Київ, Україна, її")]
    [InlineData("La « bulle » Macron résiste")]
    [InlineData("emoji 😀 and 习近平 and Ελλάδα")]
    public void Windows1252StyleMojibakeIsRepaired(string clean)
    {
        string garbled = Garble(clean, 1252);
        Assert.NotEqual(clean, garbled);
        var finding = Mojibake.Analyse(garbled);
        Assert.Equal(clean, finding.Text);
        Assert.True(finding.Repaired);
        Assert.Equal(MojibakeStyle.Windows1252, finding.Style);
        Assert.False(finding.StillSuspect);
    }

    [Theory]
    [InlineData("Москва", "РњРѕСЃРєРІР°")]
    [InlineData("Списков больше нет", null)]
    [InlineData("Генералы готовят «список» военкоров", null)]
    [InlineData("Café, naïve, Größe", null)]
    public void Windows1251StyleMojibakeIsRepaired(string clean, string? garbledExpected)
    {
        string garbled = Garble(clean, 1251);
        if (garbledExpected is not null) Assert.Equal(garbledExpected, garbled);
        var finding = Mojibake.Analyse(garbled);
        Assert.Equal(clean, finding.Text);
        Assert.Equal(MojibakeStyle.Windows1251, finding.Style);
    }

    [Fact]
    public void YandexStyleTextWithC1ControlsIsRepaired()
        => Assert.Equal("Россия", Mojibake.Repair("Ð Ð¾Ñ\u0081Ñ\u0081Ð¸Ñ\u008F".Replace(' ', '\u00A0')));

    [Fact]
    public void TextEncodedTwiceOverIsRepairedTwice()
    {
        string twice = Garble(Garble("Москва и Київ", 1252), 1252);
        Assert.Equal("Москва и Київ", Mojibake.Repair(twice));
    }

    [Fact]
    public void MixedCleanAndGarbledTextRepairsOnlyTheGarbledRuns()
    {
        string text = "Clean «Москва» then " + Garble("Москва", 1252) + " and ‘quotes’";
        Assert.Equal("Clean «Москва» then Москва and ‘quotes’", Mojibake.Repair(text));
    }

    [Theory]
    [InlineData("Москва, Россия — «оранжевый» уровень опасности, её, Сёмга, Рёрих, ЦСКА»")]
    [InlineData("Вартовий: Київ, Україна, її, ґанок, Сі")]
    [InlineData("The quick brown fox jumps over the lazy dog.")]
    [InlineData("Größe, Übel, Maßnahmen, Straße«, Gruß»")]
    [InlineData("La « bulle » Macron résiste — nouveauté\u00A0», café»")]
    [InlineData("Ã is a letter; Â alone; Ð and Ñ alone")]
    [InlineData("习近平为何如此强调崇尚英雄？")]
    [InlineData("")]
    public void CleanTextIsLeftUntouched(string clean)
    {
        var finding = Mojibake.Analyse(clean);
        Assert.Equal(clean, finding.Text);
        Assert.False(finding.Repaired);
        Assert.Equal(MojibakeStyle.None, finding.Style);
    }

    [Fact]
    public void MojibakeWithLostBytesIsFlaggedNotInvented()
    {
        // The C1 control after "Ñ" was stripped on the way: the bytes cannot be recovered exactly.
        string damaged = "Ð Ð¾ÑÑÐ¸Ñ ÐœÐ¾ÑÐºÐ²Ð°";
        var finding = Mojibake.Analyse(damaged);
        Assert.True(finding.StillSuspect);
        Assert.True(Mojibake.LooksDoubleEncoded(finding.Text));
        Assert.DoesNotContain('\uFFFD', finding.Text);
    }

    [Fact]
    public void RepairNeverThrowsOnAnyString()
        => Gen.String[Gen.Char, 0, 60].Sample(text => { Mojibake.Analyse(text); }, iter: 3000);

    [Fact]
    public void RepairNeverThrowsOnGarbleLikeStrings()
        => Gen.String[Gen.Char["ÃÂÐÑâ€œ™Ÿ‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜šœžРСЃЌЋЏђёЁ«»\u0081\u008D\u00A0 abc"], 0, 40]
            .Sample(text => { string once = Mojibake.Repair(text); Assert.Equal(once, Mojibake.Repair(once)); }, iter: 3000);

    [Fact]
    public void RepairingARepairedTextAmidGarbageChangesNothing()
    {
        // Found by RepairNeverThrowsOnGarbleLikeStrings (seed aP9kzkvSdCi6): one repair left "Гё", which a second repair read as "ø".
        string once = Mojibake.Repair("ƒ«ƒ‹»â‚Рœ» Ð“Ñ‘cž˜‡c‚–‰");
        Assert.Equal(once, Mojibake.Repair(once));
        Assert.Equal("Гёте и Сёмга", Mojibake.Repair("Ð“Ñ‘Ñ‚Ðµ Ð¸ Ð¡Ñ‘Ð¼Ð³Ð°"));
    }

    private static readonly string[] CleanWords =
    [
        "Москва", "Россия", "список", "военкоров", "её", "Сёмга", "ЦСКА»", "«оранжевый»", "—", "Київ", "її", "Україна", "ґанок",
        "Größe", "Übel", "Straße", "Maßnahmen", "Gruß»", "café", "résiste", "nouveauté\u00A0»", "«\u00A0bulle\u00A0»", "à", "ça",
        "the", "list", "milblogger", "it’s", "“quoted”", "20 €", "№ 5", "°C", "±", "naïve", "Ελλάδα", "习近平", "😀", "Łódź", "ZAŻÓŁĆ",
    ];

    [Fact]
    public void RepairIsIdempotentAndHarmlessOnCleanText()
        => Gen.Int[0, CleanWords.Length - 1].Array[1, 12]
            .Select(indexes => string.Join(" ", indexes.Select(i => CleanWords[i])))
            .Sample(text =>
            {
                Assert.Equal(text, Mojibake.Repair(text));
                Assert.False(Mojibake.Analyse(text).Repaired);
            }, iter: 2000);

    [Fact]
    public void GarbledCleanTextAlwaysComesBack()
        => Gen.Int[0, CleanWords.Length - 1].Array[1, 8]
            .Select(indexes => string.Join(" ", indexes.Select(i => CleanWords[i])))
            .Sample(text => Assert.Equal(text, Mojibake.Repair(Garble(text, 1252))), iter: 1000);
}
