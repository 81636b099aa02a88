using CsCheck;
using Faultline.Model;
using Faultline.Reading.Telethon;

namespace Faultline.Tests.Reading.Telethon;

public class TelegramMarkdownTests
{
    private static string Span(FormattedText t, Entity e) => t.Text.Substring(e.Offset, e.Length);

    private static Entity Single(FormattedText t, EntityKind kind) => Assert.Single(t.Entities, e => e.Kind == kind);

    [Fact]
    public void FormattingMarkersBecomeEntitiesOnPlainText()
    {
        var t = TelegramMarkdown.Parse("**жирный** __курсив__ ~~зачёркнуто~~ ||спойлер||");
        Assert.Equal("жирный курсив зачёркнуто спойлер", t.Text);
        Assert.Equal("жирный", Span(t, Single(t, EntityKind.Bold)));
        Assert.Equal("курсив", Span(t, Single(t, EntityKind.Italic)));
        Assert.Equal("зачёркнуто", Span(t, Single(t, EntityKind.Strikethrough)));
        Assert.Equal("спойлер", Span(t, Single(t, EntityKind.Spoiler)));
    }

    [Fact]
    public void MarkdownLinkBecomesTextLinkWithItsUrl()
    {
        var t = TelegramMarkdown.Parse("Оригинал [допису](https://t.me/severny_rubezh_fict/4512).");
        Assert.Equal("Оригинал допису.", t.Text);
        var link = Single(t, EntityKind.TextLink);
        Assert.Equal("допису", Span(t, link));
        Assert.Equal("https://t.me/severny_rubezh_fict/4512", link.Value);
    }

    [Fact]
    public void BoldInsideLinkTextIsParsedToo()
    {
        // Telethon writes bold that crosses a link like this; its own parser would leave the inner markers.
        var t = TelegramMarkdown.Parse("**объявил **[**военное**](https://example.com/a)** положение**");
        Assert.Equal("объявил военное положение", t.Text);
        Assert.Equal("военное", Span(t, Single(t, EntityKind.TextLink)));
        Assert.Equal(["объявил ", "военное", " положение"], t.Entities.Where(e => e.Kind == EntityKind.Bold).Select(e => Span(t, e)));
    }

    [Fact]
    public void UrlWithBalancedParenthesesStaysWhole()
    {
        var t = TelegramMarkdown.Parse("COVID [ведет](https://www.thelancet.com/article/PIIS2589-5370(24)00421-8/fulltext) к нарушениям");
        Assert.Equal("COVID ведет к нарушениям", t.Text);
        Assert.Equal("https://www.thelancet.com/article/PIIS2589-5370(24)00421-8/fulltext", Single(t, EntityKind.TextLink).Value);
    }

    [Fact]
    public void LinkFollowedByParentheticalEndsAtItsOwnParenthesis()
    {
        var t = TelegramMarkdown.Parse("[пост](https://t.me/a/1) (архив)");
        Assert.Equal("пост (архив)", t.Text);
        Assert.Equal("https://t.me/a/1", Single(t, EntityKind.TextLink).Value);
    }

    [Theory]
    [InlineData("**не закрыто")]
    [InlineData("a ** b")]
    [InlineData("[текст без ссылки]")]
    [InlineData("[текст](без конца")]
    [InlineData("[](https://t.me/x)")]
    [InlineData("один ` апостроф")]
    [InlineData("****")]
    [InlineData("``` не закрыто")]
    public void UnbalancedMarkersStayLiteral(string input)
    {
        var t = TelegramMarkdown.Parse(input);
        Assert.Equal(input, t.Text);
        Assert.DoesNotContain(t.Entities, e => e.Kind is EntityKind.Bold or EntityKind.TextLink or EntityKind.Code or EntityKind.Pre);
    }

    [Fact]
    public void CensoredSwearWordsKeepTheirAsterisks()
    {
        var odd = TelegramMarkdown.Parse("**\"Прикинь, как в а**е сейчас\"**");
        Assert.Equal("\"Прикинь, как в а**е сейчас\"", odd.Text);
        Assert.Equal(odd.Text, Span(odd, Single(odd, EntityKind.Bold)));

        var run = TelegramMarkdown.Parse("**Заголовок** фраза «иди на ****» и **ещё**");
        Assert.Equal("Заголовок фраза «иди на ****» и ещё", run.Text);
        Assert.Equal(["Заголовок", "ещё"], run.Entities.Where(e => e.Kind == EntityKind.Bold).Select(e => Span(run, e)));
    }

    [Fact]
    public void BoldStartingInsideAWordIsParsedWhenMarkersPairUp()
    {
        var t = TelegramMarkdown.Parse("М**инздрав Грузии**: **44 человека\n**");
        Assert.Equal("Минздрав Грузии: 44 человека\n", t.Text);
        Assert.Equal(["инздрав Грузии", "44 человека\n"], t.Entities.Where(e => e.Kind == EntityKind.Bold).Select(e => Span(t, e)));
    }

    [Fact]
    public void NothingIsParsedInsideCodeAndPre()
    {
        var t = TelegramMarkdown.Parse("```python\nprint('**x**')``` и `a__b__c`");
        Assert.Equal("print('**x**') и a__b__c", t.Text);
        var pre = Single(t, EntityKind.Pre);
        Assert.Equal("print('**x**')", Span(t, pre));
        Assert.Equal("python", pre.Value);
        Assert.Equal("a__b__c", Span(t, Single(t, EntityKind.Code)));
        Assert.DoesNotContain(t.Entities, e => e.Kind is EntityKind.Bold or EntityKind.Italic);
    }

    [Fact]
    public void MarkerWhoseCloserFallsInsideCodeIsPutBack()
    {
        var t = TelegramMarkdown.Parse("**a `b** c` d");
        Assert.Equal("**a b** c d", t.Text);
        Assert.Equal("b** c", Span(t, Single(t, EntityKind.Code)));
    }

    [Fact]
    public void BareUrlIsALinkButATextLinksOwnUrlIsNotReportedTwice()
    {
        var t = TelegramMarkdown.Parse("Версия: [https://bbc.in/4g96wyS](https://bbc.in/4g96wyS) и https://bbc.in/3OCCXd.");
        Assert.Equal("Версия: https://bbc.in/4g96wyS и https://bbc.in/3OCCXd.", t.Text);
        Assert.Equal("https://bbc.in/4g96wyS", Span(t, Single(t, EntityKind.TextLink)));
        Assert.Equal("https://bbc.in/3OCCXd", Span(t, Single(t, EntityKind.Link)));
    }

    [Theory]
    [InlineData("см. t.me/severny_rubezh_fict/4512, там всё", "t.me/severny_rubezh_fict/4512")]
    [InlineData("Читать без VPN: bit.ly/bbcrussian", "bit.ly/bbcrussian")]
    [InlineData("(https://balticledger.example/a_(b))", "https://balticledger.example/a_(b)")]
    [InlineData("www.example.com/path?x=1!", "www.example.com/path?x=1")]
    public void LinksWithoutMarkupAreFound(string text, string link)
    {
        var t = TelegramMarkdown.Parse(text);
        Assert.Equal(link, Span(t, Single(t, EntityKind.Link)));
    }

    [Theory]
    [InlineData("Node.js и т.д. и U.S. в 3.5 раза")]
    [InlineData("почта: press@balticledger.example")]
    [InlineData("C# и #1")]
    public void WordsWithDotsAndSignsAreNotEntities(string text)
    {
        Assert.DoesNotContain(TelegramMarkdown.Parse(text).Entities, e => e.Kind is EntityKind.Link or EntityKind.Mention or EntityKind.Hashtag);
    }

    [Fact]
    public void MentionsAndHashtagsAreFound()
    {
        var t = TelegramMarkdown.Parse("Пишет @okopnaya_pravda_fict: #цензура #Z_каналы.");
        Assert.Equal("@okopnaya_pravda_fict", Span(t, Single(t, EntityKind.Mention)));
        Assert.Equal(["#цензура", "#Z_каналы"], t.Entities.Where(e => e.Kind == EntityKind.Hashtag).Select(e => Span(t, e)));
    }

    [Fact]
    public void OffsetsCountUtf16CodeUnits()
    {
        var t = TelegramMarkdown.Parse("🔥🔥 **Срочно**");
        var bold = Single(t, EntityKind.Bold);
        Assert.Equal(5, bold.Offset); // two surrogate pairs (4 units) and a space
        Assert.Equal("Срочно", Span(t, bold));
    }

    [Fact]
    public void UserLinksBecomeMentionNamesAndEmojiLinksCustomEmoji()
    {
        var t = TelegramMarkdown.Parse("[Артём](tg://user?id=42) [🔥](emoji/5368324170671202286)");
        Assert.Equal("42", Single(t, EntityKind.MentionName).Value);
        Assert.Equal("5368324170671202286", Single(t, EntityKind.CustomEmoji).Value);
        Assert.DoesNotContain(t.Entities, e => e.Kind == EntityKind.TextLink);
    }

    [Fact]
    public void TextWithoutMarkupIsReturnedAsIs()
    {
        const string text = "Просто текст без разметки.";
        Assert.Same(text, TelegramMarkdown.Parse(text).Text);
        Assert.Equal("", TelegramMarkdown.Parse(null).Text);
    }

    [Fact]
    public void AnyInputGivesEntitiesInsideAPlainTextNoLongerThanTheInput()
    {
        var gen = Gen.Char["*_~|`[]()@#.:/ aбt\n🔥htps"].Array[0, 60].Select(chars => new string(chars));
        gen.Sample(input =>
        {
            var t = TelegramMarkdown.Parse(input);
            Assert.True(t.Text.Length <= input.Length, "plain text longer than the markdown");
            foreach (var e in t.Entities)
                Assert.True(e.Offset >= 0 && e.Length > 0 && e.Offset + e.Length <= t.Text.Length, $"{e} outside \"{t.Text}\"");
        }, iter: 5000);
    }

    [Fact]
    public void RealisticMarkdownNeverThrows()
    {
        var pieces = Gen.OneOf<string>("**", "__", "~~", "||", "`", "```", "[", "](", ")", "(", "https://t.me/x", "слово", " ", "\n", "@user_name", "#тег", "а**е", "****");
        pieces.Array[0, 30].Sample(parts =>
        {
            var input = string.Concat(parts);
            var t = TelegramMarkdown.Parse(input);
            Assert.True(t.Text.Length <= input.Length);
            Assert.All(t.Entities, e => Assert.True(e.Offset + e.Length <= t.Text.Length));
        }, iter: 3000);
    }
}
