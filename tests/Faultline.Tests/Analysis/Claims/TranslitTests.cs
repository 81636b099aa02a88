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

    [Theory]
    [InlineData("Белокаменке", "Білокам'янці")]
    [InlineData("Белокаменка", "Bilokamianka")]
    [InlineData("Білокам'янка", "Bilokamianka")]
    [InlineData("мост", "міст")]
    [InlineData("автомобильный", "автомобільний")]
    [InlineData("Авдеевка", "Авдіївка")]
    public void RussianUkrainianAndLatinSpellingsOfOneRootShareASkeleton(string a, string b) =>
        Assert.Equal(Translit.Skeleton(a), Translit.Skeleton(b));

    [Theory]
    [InlineData("Белокаменке", "Белгороде")]
    [InlineData("Сидоренко", "Сидоров")]
    [InlineData("Одесі", "Білокам'янці")]
    public void DifferentNamesHaveDifferentSkeletons(string a, string b) =>
        Assert.NotEqual(Translit.Skeleton(a), Translit.Skeleton(b));
}
