using Faultline.Assessment;

namespace Faultline.Tests.Assessment;

public sealed class QuotingTests
{
    [Fact]
    public void TheExcerptIsTheSentenceHoldingTheWords()
    {
        const string text = "Важно. По нашим данным, генералы готовят «список» военкоров. Подробности позже (fictional).";

        Assert.Equal("По нашим данным, генералы готовят «список» военкоров.", Quoting.Around(text, "список"));
    }

    [Fact]
    public void ANumberWithAFullStopDoesNotEndTheSentence()
    {
        const string text = "Колонна прошла 3.5 км и попала под обстрел у t.me/example (fictional). Дальше тихо.";

        Assert.Equal("Колонна прошла 3.5 км и попала под обстрел у t.me/example (fictional).", Quoting.Around(text, "обстрел"));
    }

    [Fact]
    public void ALongSentenceIsCutAtSpacesAroundTheWords()
    {
        var text = string.Join(" ", Enumerable.Repeat("слово", 60)) + " провал " + string.Join(" ", Enumerable.Repeat("дальше", 60)) + ".";

        var excerpt = Quoting.Around(text, "провал")!;

        Assert.Contains("провал", excerpt, StringComparison.Ordinal);
        Assert.True(excerpt.Length <= Quoting.MaxLength, $"{excerpt.Length}");
        Assert.Contains(excerpt, text, StringComparison.Ordinal);
        Assert.StartsWith("слово", excerpt, StringComparison.Ordinal);
        Assert.EndsWith("дальше", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOpeningRunsPastAOneWordFirstSentenceButStopsAtTheLineBreak()
    {
        Assert.Equal("Важно. По нашим данным, генералы готовят «список» военкоров (fictional).",
            Quoting.Opening("  Важно. По нашим данным, генералы готовят «список» военкоров (fictional).\nВторая строка."));
        Assert.Equal("Кратко.", Quoting.Opening("Кратко.\nВторая строка, которая длиннее первой (fictional)."));
        Assert.Equal("", Quoting.Opening(" \n "));
    }

    [Fact]
    public void ACutNeverSplitsAnEmoji()
    {
        var text = new string('а', 100) + "🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺🇷🇺";

        var excerpt = Quoting.Opening(text);

        Assert.True(excerpt.Length <= Quoting.MaxLength + 1);
        Assert.False(char.IsHighSurrogate(excerpt[^1]));
        Assert.Contains(excerpt, text, StringComparison.Ordinal);
    }

    [Fact]
    public void StanceEvidenceGivesTheQuotedWordsInOrder()
    {
        Assert.Equal(["провал", "не поддерживаю", "позор"],
            Quoting.CueWords(["criticise: «провал»", "negated: «не поддерживаю» + «провал» → criticise", "sarcasm: «позор» beside"]));
    }
}
