using Faultline.Text;

namespace Faultline.Tests.Text;

public class TokenizerTests
{
    [Theory]
    [InlineData("генералы готовят списки, милблогеры — в шоке!", "генералы|готовят|списки|милблогеры|в|шоке")]
    [InlineData("п'ять об'єктів", "п'ять|об'єктів")]
    [InlineData("п’ять і пʼять", "п'ять|і|п'ять")]
    [InlineData("don't stop 'quoted'", "don't|stop|quoted")]
    [InlineData("из-за северо-восток covid-19", "из|за|северо|восток|covid|19")]
    [InlineData("#мобилизация @vartovyi_fict", "мобилизация|vartovyi|fict")]
    [InlineData("ф-35 и су-34 в 2022 году", "ф|35|и|су|34|в|2022|году")]
    [InlineData("😀🇺🇦 ... — «»", "")]
    [InlineData("cafe\u0301 naïve", "cafe\u0301|naïve")]
    public void WordsAreRunsOfLettersAndDigits(string text, string expected)
        => Assert.Equal(expected, string.Join('|', Tokenizer.Words(text)));

    [Fact]
    public void WordsCoverOnlyTheText()
    {
        CsCheck.Check.Sample(TextGens.AnyText, text =>
        {
            foreach (var word in Tokenizer.Words(text))
            {
                Assert.NotEmpty(word);
                Assert.DoesNotContain(' ', word);
                Assert.False(word.StartsWith('\''), word);
                Assert.False(word.EndsWith('\''), word);
            }
        }, iter: 1000);
    }
}
