using BenchmarkDotNet.Attributes;
using Faultline.Text;

namespace Faultline.Bench;

/// <summary>
/// Cost per post of the text layer the archive runs on every import: Normalize, Detect and IndexTerms, on
/// ~300-character Russian news posts with the usual Telegram furniture (markdown, a link, emoji). The posts are
/// real ones from ../shared/corpus/telegram-ru-news when that folder is present, fictional ones otherwise.
/// Run: dotnet run -c Release --project bench/Faultline.Bench -- --filter '*TextBench*'
/// </summary>
/// <remarks>
/// Figures (ShortRun, 1000 real posts of 200–500 characters, mean 331; AMD EPYC 2.6 GHz, shared 2-core VM, .NET 10):
/// Normalize 4.1 µs, Detect 3.5 µs, IndexTermsOfNormalized 2.2 µs (warm stem cache), ArchivePath 13.9 µs per post
/// (≈ 72,000 posts/s on one core; ≈ 100,000 posts/s if the archive passes its normalised text to
/// IndexTermsOfNormalized instead of normalising twice). Allocation 2.7 KB per post on the archive path.
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class TextBench
{
    private const int Posts = 1000;

    private static readonly string[] Fictional =
    [
        "⚡️**Генералы Минобороны готовят списки милблогеров** для уголовного преследования за «дискредитацию» ведомства, — пишет Северный рубеж (fictional). По его словам, в списках уже больше двадцати фамилий, а проверки начнутся на следующей неделе.\n\n[👉 Подписаться](https://t.me/severny_rubezh_fict)",
        "Жители Белгорода снова сообщают о громких взрывах на окраине города. Губернатор пока не комментирует происходящее, в соцсетях публикуют видео столба дыма над промзоной. Работает ПВО, людей просят не подходить к окнам и оставаться в укрытиях до отбоя тревоги. Подробности уточняются.",
        "Курс доллара на Мосбирже опустился ниже 60 рублей впервые с начала месяца, евро торгуется у отметки 59. Аналитики связывают укрепление рубля с налоговым периодом и снижением импорта. По их прогнозам, к концу года курс может вернуться к 65 рублям за доллар. __Не является инвестиционной рекомендацией.__",
        "Списков больше нет, вопрос снят с повестки. Спасибо всем, кто поддержал и не остался в стороне! Это наша общая победа, и теперь мы будем внимательнее следить за тем, что происходит в ведомстве. UPD: источники подтверждают, что совещание по этому вопросу отменено. #списки @severny_rubezh_fict",
    ];

    private string[] _posts = [];
    private string[] _normalized = [];
    private Language[] _languages = [];

    /// <summary>Loads the posts and warms the stem caches as a long import would have.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _posts = LoadCorpus() ?? Enumerable.Range(0, Posts).Select(i => Fictional[i % Fictional.Length]).ToArray();
        _normalized = _posts.Select(TextNormalizer.Normalize).ToArray();
        _languages = _posts.Select(LanguageDetector.Detect).ToArray();
        for (var i = 0; i < _posts.Length; i++) SearchText.IndexTermsOfNormalized(_normalized[i], _languages[i]);
        Console.WriteLine($"// {_posts.Length} posts, mean length {_posts.Average(p => p.Length):F0} characters");
    }

    /// <summary>Normalisation per post.</summary>
    [Benchmark(OperationsPerInvoke = Posts)]
    public int Normalize()
    {
        var n = 0;
        foreach (var post in _posts) n += TextNormalizer.Normalize(post).Length;
        return n;
    }

    /// <summary>Language detection per post.</summary>
    [Benchmark(OperationsPerInvoke = Posts)]
    public int Detect()
    {
        var n = 0;
        foreach (var post in _posts) n += (int)LanguageDetector.Detect(post);
        return n;
    }

    /// <summary>Stemmed index terms of an already normalised post (warm stem cache).</summary>
    [Benchmark(OperationsPerInvoke = Posts)]
    public int IndexTermsOfNormalized()
    {
        var n = 0;
        for (var i = 0; i < _normalized.Length; i++) n += SearchText.IndexTermsOfNormalized(_normalized[i], _languages[i]).Length;
        return n;
    }

    /// <summary>What the archive does per post: Normalize + Detect + IndexTerms (which normalises again).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Posts)]
    public int ArchivePath()
    {
        var n = 0;
        foreach (var post in _posts)
        {
            var normalized = TextNormalizer.Normalize(post);
            var language = LanguageDetector.Detect(post);
            n += SearchText.IndexTerms(post, language).Length + normalized.Length;
        }
        return n;
    }

    private static string[]? LoadCorpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "corpus", "telegram-ru-news"))) dir = dir.Parent;
        if (dir is null) return null;
        var folder = Path.Combine(dir.FullName, "shared", "corpus", "telegram-ru-news");
        var posts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var message in json.RootElement.EnumerateArray())
            {
                if (message.TryGetProperty("text", out var t) && t.GetString() is { Length: >= 200 and <= 500 } text) posts.Add(text);
            }
        }
        // Deterministic sample spread over all channels.
        return posts.Count < Posts ? null : Enumerable.Range(0, Posts).Select(i => posts[(int)((long)i * posts.Count / Posts)]).ToArray();
    }
}
