using Faultline.Text;

namespace Faultline.Tests.Text;

public class ContentHashTests
{
    [Fact]
    public void HashIsLowercaseHexSha256OfUtf8()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.Of(""));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Of("abc"));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("Списков больше нет")));
        Assert.Equal(expected, ContentHash.Of("Списков больше нет"));
    }

    [Fact]
    public void HashTakesTheTextExactlyAsGiven()
    {
        Assert.NotEqual(ContentHash.Of("Списков больше нет"), ContentHash.Of("списков больше нет"));
        Assert.NotEqual(ContentHash.Of("нет"), ContentHash.Of("нет "));
    }

    [Fact]
    public void LongTextsHashLikeShortOnes()
    {
        var text = new string('ж', 10_000);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, ContentHash.Of(text));
    }

    [Fact]
    public void ShortFormIsTwelveCharacters()
    {
        var hash = ContentHash.Of("abc");
        Assert.Equal("ba7816bf8f01", ContentHash.Short(hash));
        Assert.Equal("abc", ContentHash.Short("abc"));
    }
}
