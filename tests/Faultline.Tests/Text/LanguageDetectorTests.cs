using System.Text.Json;
using Faultline.Text;
using Xunit.Abstractions;

namespace Faultline.Tests.Text;

public class LanguageDetectorTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.97;

    [Fact]
    public void LabelledPostsAreRecognisedAtLeast97PercentOfTheTime()
    {
        var rows = File.ReadLines(Path.Combine(Corpus.Data, "language", "labelled.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Select(parts => (Expected: LanguageCodes.Parse(parts[0]), Text: parts[1]))
            .ToList();
        Assert.True(rows.Count >= 400, $"the labelled set has {rows.Count} lines");
        Assert.All(rows, row => Assert.True(row.Text.Length >= 40, row.Text));

        var wrong = 0;
        foreach (var group in rows.GroupBy(r => r.Expected).OrderBy(g => g.Key))
        {
            var misses = group.Where(r => LanguageDetector.Detect(r.Text) != r.Expected).ToList();
            wrong += misses.Count;
            output.WriteLine($"{group.Key.Code()}: {group.Count() - misses.Count}/{group.Count()} = {1 - (double)misses.Count / group.Count():P1}");
            foreach (var miss in misses) output.WriteLine($"    → {LanguageDetector.Detect(miss.Text).Code()}: {miss.Text}");
        }
        var accuracy = 1 - (double)wrong / rows.Count;
        output.WriteLine($"all: {rows.Count - wrong}/{rows.Count} = {accuracy:P1}");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} is below {RequiredAccuracy:P0}");
    }

    [SkippableFact]
    public void RealRussianNewsPostsAreRecognisedAsRussian()
    {
        var folder = Corpus.Require("telegram-ru-news");
        int total = 0, right = 0;
        var misses = new List<(Language Got, string Text)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var message in json.RootElement.EnumerateArray())
            {
                if (!message.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String) continue;
                var text = textElement.GetString()!;
                if (!IsRussianCandidate(text)) continue;
                total++;
                var got = LanguageDetector.Detect(text);
                if (got == Language.Russian) right++;
                else misses.Add((got, text));
            }
        }
        var accuracy = (double)right / total;
        output.WriteLine($"real Russian posts: {right}/{total} = {accuracy:P2}");
        foreach (var miss in misses.Take(40)) output.WriteLine($"    → {miss.Got.Code()}: {miss.Text.ReplaceLineEndings(" ")[..Math.Min(160, miss.Text.Length)]}");
        Assert.True(total > 5000, $"only {total} posts qualified");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P2} is below {RequiredAccuracy:P0}");
    }

    /// <summary>
    /// The corpus is from Russian channels; a post counts as Russian when it has 40+ characters and, with URLs,
    /// mentions and markdown link targets taken out, most of its letters are Cyrillic.
    /// </summary>
    private static bool IsRussianCandidate(string text)
    {
        if (text.Length < 40) return false;
        var normalized = TextNormalizer.Normalize(text);
        int cyrillic = 0, letters = 0;
        foreach (var c in normalized)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (Scripts.IsCyrillic(c)) cyrillic++;
        }
        return letters >= 20 && cyrillic > letters / 2;
    }

    [Theory]
    [InlineData("", Language.Other)]
    [InlineData("👍🔥 https://t.me/x/1 @someone #тег", Language.Other)]
    [InlineData("Списков больше нет", Language.Russian)]
    [InlineData("Тривога! Усі в укриття", Language.Ukrainian)]
    [InlineData("The lists no longer exist", Language.English)]
    [InlineData("Die Listen gibt es nicht mehr", Language.Other)]
    [InlineData("Η κυβέρνηση ενέκρινε νέο πακέτο", Language.Other)]
    public void ShortTextsStillGetALanguage(string text, Language expected) => Assert.Equal(expected, LanguageDetector.Detect(text));

    [Fact]
    public void LinksMentionsAndHashtagsDoNotVote()
    {
        const string text = "Мобилизация продолжается https://www.theguardian.com/world/ukraine-war-live-updates @the_english_channel #breaking_news_today";
        Assert.Equal(Language.Russian, LanguageDetector.Detect(text));
    }

    [Fact]
    public void DetectionNeverThrows()
        => CsCheck.Check.Sample(TextGens.AnyText, text => Assert.True(Enum.IsDefined(LanguageDetector.Detect(text))), iter: 2000);
}
