using Faultline.Model;
using Faultline.Text;

namespace Faultline.Tests.Text;

public class EntityScannerTests
{
    private static string Describe(string text)
        => string.Join(" | ", EntityScanner.Scan(text).Select(e => $"{e.Kind}:{text.Substring(e.Offset, e.Length)}={e.Value}"));

    [Theory]
    [InlineData("Подробнее: https://t.me/severny_rubezh_fict/812.", "Link:https://t.me/severny_rubezh_fict/812=https://t.me/severny_rubezh_fict/812")]
    [InlineData("(см. www.balticledger.example/news?id=5)", "Link:www.balticledger.example/news?id=5=www.balticledger.example/news?id=5")]
    [InlineData("t.me/vartovyi_fict, а также ria.ru!", "Link:t.me/vartovyi_fict=t.me/vartovyi_fict | Link:ria.ru=ria.ru")]
    [InlineData("https://en.wikipedia.org/wiki/Lyman_(city), done", "Link:https://en.wikipedia.org/wiki/Lyman_(city)=https://en.wikipedia.org/wiki/Lyman_(city)")]
    [InlineData("«https://балтика.рф/путь»", "Link:https://балтика.рф/путь=https://балтика.рф/путь")]
    [InlineData("e.g. 3.14 and node.js", "")]
    public void BareUrlsAreFoundWithoutTrailingPunctuation(string text, string expected) => Assert.Equal(expected, Describe(text));

    [Theory]
    [InlineData("Пишет @severny_rubezh_fict:", "Mention:@severny_rubezh_fict=severny_rubezh_fict")]
    [InlineData("@abcd is too short, @abcde is fine", "Mention:@abcde=abcde")]
    [InlineData("mail me: press@balticledger.example", "")]
    [InlineData("@1channel no, @_x no", "")]
    [InlineData("#мобилизация и #Lyman_2022, но не #1 и не a#b", "Hashtag:#мобилизация=мобилизация | Hashtag:#Lyman_2022=Lyman_2022")]
    [InlineData("https://example.com/#anchor @ https://t.me/@x", "Link:https://example.com/#anchor=https://example.com/#anchor | Link:https://t.me/@x=https://t.me/@x")]
    public void MentionsAndHashtagsFollowTelegramRules(string text, string expected) => Assert.Equal(expected, Describe(text));

    [Fact]
    public void OffsetsCountUtf16UnitsPastEmoji()
    {
        var text = "🇺🇦😀 @eastfront_monitor_fict";
        var mention = Assert.Single(EntityScanner.Scan(text));
        Assert.Equal(EntityKind.Mention, mention.Kind);
        Assert.Equal(7, mention.Offset);
        Assert.Equal("@eastfront_monitor_fict", text.Substring(mention.Offset, mention.Length));
    }

    [Fact]
    public void EveryEntityLiesWithinTheTextInOrder()
    {
        CsCheck.Check.Sample(TextGens.AnyText, text =>
        {
            var last = 0;
            foreach (var entity in EntityScanner.Scan(text))
            {
                Assert.True(entity.Offset >= last, "entities are in order and do not overlap");
                Assert.True(entity.Length > 0);
                Assert.True(entity.Offset + entity.Length <= text.Length);
                last = entity.Offset + entity.Length;
            }
        }, iter: 3000);
    }
}
