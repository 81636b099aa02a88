using Faultline.Analysis.Claims;

namespace Faultline.Tests.Analysis.Claims;

public class TranslitTests
{
    [Theory]
    [InlineData("Сидоренко", "Sydorenko")]
    [InlineData("Сидоренка", "Sidorenko")]
    [InlineData("Зеленский", "Zelensky")]
    [InlineData("Зеленський", "Zelenskyi")]
    [InlineData("Шойгу", "Shoigu")]
    [InlineData("Путина", "Putin")]
    public void CyrillicAndLatinSpellingsOfANameMeet(string cyrillic, string latin) =>
        Assert.Equal(Translit.NameKey(cyrillic), Translit.NameKey(latin));

    [Fact]
    public void ALatinCBeforeAConsonantReadsAsK() =>
        Assert.Equal(Translit.NameKey("дискредитацию"), Translit.NameKey("discrediting"));

    [Fact]
    public void DifferentNamesStayApart() =>
        Assert.NotEqual(Translit.NameKey("Сидоренко"), Translit.NameKey("Сидоров"));
}
