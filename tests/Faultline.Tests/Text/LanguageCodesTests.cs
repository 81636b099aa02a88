using Faultline.Text;

namespace Faultline.Tests.Text;

public class LanguageCodesTests
{
    [Fact]
    public void CodesRoundTrip()
    {
        foreach (var language in Enum.GetValues<Language>()) Assert.Equal(language, LanguageCodes.Parse(language.Code()));
        Assert.Equal(["other", "ru", "uk", "en"], Enum.GetValues<Language>().Select(l => l.Code()));
    }

    [Theory]
    [InlineData(" RU ", Language.Russian)]
    [InlineData("ua", Language.Ukrainian)]
    [InlineData("English", Language.English)]
    [InlineData("de", Language.Other)]
    [InlineData("", Language.Other)]
    public void ParseAcceptsWhatAnalystsType(string code, Language expected) => Assert.Equal(expected, LanguageCodes.Parse(code));
}
