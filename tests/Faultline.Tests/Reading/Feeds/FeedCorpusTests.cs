using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.Feeds;

namespace Faultline.Tests.Reading.Feeds;

/// <summary>The real feeds of ../shared/corpus, read in place.</summary>
public class FeedCorpusTests
{
    private static readonly FeedReader Reader = new();

    // The only corpus files that are rejected, and why (see docs/formats/feeds.md).
    private static readonly Dictionary<string, string> Rejected = new()
    {
        ["unrecognized.rss"] = "is not a feed",
    };

    public static TheoryData<string, string> AllFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "feeds-feedreader", "feeds-rss-parser" })
        {
            // Listed by name so the theory has rows even where the corpus is absent (each row then skips).
            string? path = Corpus.Root is null ? null : Path.Combine(Corpus.Root, folder);
            if (path is null || !Directory.Exists(path)) { data.Add(folder, "(absent)"); continue; }
            foreach (var file in Directory.GetFiles(path).Select(Path.GetFileName).Order())
            {
                if (file is not null && file != "LICENSE") data.Add(folder, file);
            }
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(AllFiles))]
    public async Task EveryCorpusFeedImportsOrIsRejectedClearly(string folder, string file)
    {
        string path = Path.Combine(Corpus.Require(folder), file);
        Skip.If(!File.Exists(path), $"{file} not present");
        if (Rejected.TryGetValue(file, out var reason))
        {
            var error = await Assert.ThrowsAsync<InputException>(() => ReaderHarness.ReadFileAsync(Reader, path));
            Assert.Contains(reason, error.Reason);
            Assert.Equal(0, Reader.Detect(await FileSniff.OfFileAsync(path)));
            return;
        }
        var items = await ReaderHarness.ReadFileAsync(Reader, path);
        var started = Assert.IsType<SourceStarted>(items[0]);
        Assert.Equal(SourceKind.Feed, started.Source.Kind);
        Assert.StartsWith("feed:", started.Source.Key);
        Assert.Equal(CoverageKind.Partial, started.Coverage);
        Assert.Equal(95, Reader.Detect(await FileSniff.OfFileAsync(path)));
        Assert.Equal("feed", (await ReaderHarness.DetectFileAsync(path))?.Format);
        foreach (var post in items.Posts())
        {
            Assert.False(string.IsNullOrWhiteSpace(post.NativeId));
            Assert.Equal(TimeSpan.Zero, post.Published.Offset);
            Assert.Matches("^<(item|entry)[\\s>/]", post.Raw);
            Assert.Matches("(</(item|entry)>|/>)$", post.Raw);
            foreach (var link in post.Entities)
                Assert.InRange(link.Offset + link.Length, 1, post.Text.Length);
        }
    }

    [SkippableFact]
    public async Task MoscowTimesAndCityDogTitlesAreCleanCyrillic()
    {
        var moscow = (await Read("feeds-feedreader", "Rss20MoscowTimes.xml")).Posts();
        var cityDog = (await Read("feeds-feedreader", "Rss20CityDog.xml")).Posts();
        Assert.NotEmpty(moscow);
        Assert.NotEmpty(cityDog);
        foreach (var post in moscow.Concat(cityDog))
        {
            Assert.DoesNotContain('\uFFFD', post.Title ?? "");
            Assert.DoesNotContain('\uFFFD', post.Text);
        }
        Assert.Contains(cityDog, p => HasCyrillic(p.Title));
        Assert.All(cityDog, p => Assert.True(HasCyrillic(p.Title), p.Title));
        // The Moscow Times writes in English; its one Russian word sits in a description (the file has a BOM).
        Assert.Contains(moscow, p => p.Text.Contains("Опа!", StringComparison.Ordinal));
        Assert.Contains(cityDog, p => p.Title == "Группа «Серебряная свадьба» ушла в бессрочный отпуск");
    }

    [SkippableFact]
    public async Task Gb2312FeedGivesChineseCharacters()
    {
        var posts = (await Read("feeds-rss-parser", "encoding-gb2312.xml")).Posts();
        Assert.NotEmpty(posts);
        Assert.Equal("习近平为何如此强调崇尚英雄？", posts[0].Title);
        Assert.All(posts, p => Assert.Contains(p.Title!, c => c is >= '\u4E00' and <= '\u9FFF'));
        Assert.Equal(new DateTimeOffset(2018, 9, 18, 14, 38, 10, TimeSpan.Zero), posts[0].Published);
    }

    [SkippableFact]
    public async Task Latin2FeedGivesPolishLetters()
    {
        var post = Assert.Single((await Read("feeds-rss-parser", "latin2.rss")).Posts());
        Assert.Equal("ZAŻÓŁĆ GĘSLĄ JAŹŃ", post.Title);
        Assert.Equal("Szedł sasza suchą szosą", post.Text);
        Assert.Equal("Adam Gżegżółka", post.Author);
        Assert.Equal(new DateTimeOffset(2019, 10, 18, 15, 27, 37, TimeSpan.Zero), post.Published);
        Assert.Equal("http://www.example.pl/image.jpg", Assert.Single(post.Media).File);
    }

    [SkippableFact]
    public async Task Iso88591FeedHasCorrectAccentedLetters()
    {
        var context = new ReadContext("Rss20ISO88591Intranet30.xml");
        var posts = (await Read("feeds-feedreader", "Rss20ISO88591Intranet30.xml", context)).Posts();
        Assert.Equal("SVART MÅNAD - DÖDSOLYCKA i Vetlanda", posts[0].Title);
        Assert.Equal("Höglandsnytt", posts[0].Author);
        var stadt = await Read("feeds-feedreader", "Rss091Stadtfeuerwehr.xml");
        Assert.Equal("Stadtfeuerwehr Weiz - Einsätze", stadt.OfType<SourceStarted>().Single().Source.Title);
        var portuguese = await Read("feeds-rss-parser", "encoding.rss");
        Assert.Equal("Jornal de Notícias - Últimas Notícias", portuguese.OfType<SourceStarted>().Single().Source.Title);
    }

    [SkippableFact]
    public async Task FeedDeclaredLatin1ButWrittenInUtf8IsReadAsUtf8WithAWarning()
    {
        var context = new ReadContext("Rss20FinanzenNet.xml");
        var posts = (await Read("feeds-feedreader", "Rss20FinanzenNet.xml", context)).Posts();
        Assert.Contains(context.Warnings, w => w.Contains("valid UTF-8", StringComparison.Ordinal));
        Assert.Contains("für", posts[0].Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UndeclaredLatin1FeedIsGuessedAsWindows1252()
    {
        var context = new ReadContext("uolNoticias.rss");
        var items = await Read("feeds-rss-parser", "uolNoticias.rss", context);
        Assert.Equal("UOL Noticias", items.OfType<SourceStarted>().Single().Source.Title);
        Assert.Contains("simulações", items.Posts()[0].Title, StringComparison.Ordinal);
        Assert.Contains(context.Warnings, w => w.Contains("windows-1252", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task YandexMojibakeIsRepairedAndFlagged()
    {
        var context = new ReadContext("Rss20YandexRussia.xml");
        var items = await Read("feeds-feedreader", "Rss20YandexRussia.xml", context);
        Assert.Equal("Яндекс.Новости: Москва", items.OfType<SourceStarted>().Single().Source.Title);
        var posts = items.Posts();
        Assert.Equal("В Москве из-за сильных морозов объявлен «оранжевый» уровень опасности", posts[0].Title);
        Assert.All(posts, p => Assert.False(Faultline.Text.Mojibake.LooksDoubleEncoded(p.Title), p.Title));
        Assert.All(posts, p => Assert.True(HasCyrillic(p.Text), p.Text));
        Assert.Contains(context.Warnings, w => w.StartsWith("item 1: ", StringComparison.Ordinal) && w.Contains("double-encoded", StringComparison.Ordinal));
        // Raw stays verbatim: the mojibake is still there.
        Assert.Contains("<title>Ð’ ÐœÐ¾Ñ\u0081ÐºÐ²Ðµ", posts[0].Raw, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task FeedWithNoItemsYieldsTheSourceAndNoPosts()
    {
        var items = await Read("feeds-feedreader", "Rss20DailyMail.xml");
        Assert.IsType<SourceStarted>(Assert.Single(items));
    }

    [SkippableFact]
    public async Task RdfFeedsYieldItems()
    {
        var orf = (await Read("feeds-feedreader", "Rss10OrfAt.xml")).Posts();
        Assert.Equal(50, orf.Count);
        Assert.Equal("http://orf.at/stories/2376368/", orf[0].Url);
        Assert.Equal("US-Band New Edition mit Stern auf „Walk of Fame“ geehrt", orf[0].Title);
        var science = (await Read("feeds-rss-parser", "rss-1.rss")).Posts();
        Assert.Equal(69, science.Count);
        Assert.All(science, p => Assert.NotNull(p.Url));
    }

    [SkippableFact]
    public async Task HeiseAtomYieldsEntriesWithLinksAndUtcDates()
    {
        var items = await Read("feeds-rss-parser", "heise.atom");
        Assert.Equal("feed:http://www.heise.de/developer", items.OfType<SourceStarted>().Single().Source.Key);
        var posts = items.Posts();
        Assert.Equal(15, posts.Count);
        Assert.All(posts, p => Assert.Matches("^http://www\\.heise\\.de/developer/(meldung|artikel)/.+-\\d+\\.html", p.Url));
        Assert.All(posts, p => Assert.Equal(TimeSpan.Zero, p.Published.Offset));
        Assert.Equal(new DateTimeOffset(2016, 2, 1, 16, 22, 0, TimeSpan.Zero), posts[0].Published);
        Assert.Equal("Java-Anwendungsserver: Red Hat gibt WildFly 10 frei", posts[0].Title);
    }

    [SkippableFact]
    public async Task ContentEncodedWinsOverAShorterDescription()
    {
        var posts = (await Read("feeds-rss-parser", "content-encoded.rss")).Posts();
        Assert.True(posts[0].Text.Length > 1000, $"expected the full article, got {posts[0].Text.Length} chars");
        Assert.NotEmpty(posts[0].Entities);
        Assert.All(posts[0].Entities, e => Assert.Equal(EntityKind.TextLink, e.Kind));
    }

    private static Task<List<ReadItem>> Read(string folder, string file, ReadContext? context = null)
    {
        string path = Path.Combine(Corpus.Require(folder), file);
        return ReaderHarness.ReadFileAsync(Reader, path, context);
    }

    private static bool HasCyrillic(string? text) => text is not null && text.Any(c => c is >= '\u0400' and <= '\u04FF');
}
