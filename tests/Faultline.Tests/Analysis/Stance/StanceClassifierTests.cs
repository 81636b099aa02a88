using CsCheck;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Stance;

namespace Faultline.Tests.Analysis.Stance;

public sealed class StanceClassifierTests
{
    /// <summary>Classifies a post mentioning each (actor, surface) at every occurrence of the surface.</summary>
    private static IReadOnlyList<ActorStance> Call(string text, string language, params (string Actor, string Surface)[] actors)
    {
        var mentions = new List<(string, int, int)>();
        foreach (var (actor, surface) in actors)
        {
            for (var at = text.IndexOf(surface, StringComparison.Ordinal); at >= 0; at = text.IndexOf(surface, at + 1, StringComparison.Ordinal))
                mentions.Add((actor, at, surface.Length));
        }
        return StanceClassifier.Classify(text, language, mentions);
    }

    private static ActorStance One(string text, string language, string surface) => Call(text, language, ("x", surface)).Single();

    [Fact]
    public void ACriticismWordNearTheMentionCriticisesAndNamesTheWord()
    {
        var call = One("Бездарные генералы из Минобороны опять всё провалили.", "ru", "Минобороны");
        Assert.Equal(StanceKind.Criticise, call.Stance);
        Assert.Contains(call.Evidence, e => e.Contains("«Бездарные»"));
        Assert.Contains(call.Evidence, e => e.Contains("«провалили»"));
    }

    [Fact]
    public void PraiseSupportsInEachLanguage()
    {
        Assert.Equal(StanceKind.Support, One("Благодарим Минобороны за быструю эвакуацию.", "ru", "Минобороны").Stance);
        Assert.Equal(StanceKind.Support, One("Дякуємо ЗСУ за кожен спокійний ранок.", "uk", "ЗСУ").Stance);
        Assert.Equal(StanceKind.Support, One("We are grateful to Ukrainian forces for their courage.", "en", "Ukrainian forces").Stance);
    }

    [Fact]
    public void NegatedSupportFlipsToCriticism()
    {
        var call = One("Мы не поддерживаем решение Генштаба.", "ru", "Генштаба");
        Assert.Equal(StanceKind.Criticise, call.Stance);
        Assert.Contains(call.Evidence, e => e.StartsWith("negated: «не» + «поддерживаем»", StringComparison.Ordinal));
        Assert.Equal(StanceKind.Criticise, One("We don't support the Kremlin on this.", "en", "Kremlin").Stance);
    }

    [Fact]
    public void NegatedCriticismReadsAsADefence()
    {
        Assert.Equal(StanceKind.Support, One("Зеленський не зрадник.", "uk", "Зеленський").Stance);
        Assert.Equal(StanceKind.Support, One("The Russian MoD is not incompetent.", "en", "Russian MoD").Stance);
    }

    [Fact]
    public void ScareQuotesAroundPraiseFlipItToCriticism()
    {
        var call = One("«Успешное» наступление Минобороны закончилось там же, где началось.", "ru", "Минобороны");
        Assert.Equal(StanceKind.Criticise, call.Stance);
        Assert.Contains(call.Evidence, e => e.StartsWith("scare quotes: «Успешное»", StringComparison.Ordinal));
    }

    [Fact]
    public void ScareQuotesAroundAnOrdinaryWordCriticiseButQuotedNamesDoNot()
    {
        Assert.Equal(StanceKind.Criticise, One("Минобороны объявило о «перегруппировке» войск.", "ru", "Минобороны").Stance);
        Assert.Equal(StanceKind.Neutral, One("Минобороны объявило о перегруппировке войск.", "ru", "Минобороны").Stance);
        Assert.Equal(StanceKind.Neutral, One("Бойцы «Ахмата» вошли в город, сообщает Минобороны.", "ru", "Минобороны").Stance);
    }

    [Fact]
    public void SarcasmMarkersFlipPraise()
    {
        var clown = One("Спасибо Минобороны, что опять забыли про мобилизованных 🤡", "ru", "Минобороны");
        Assert.Equal(StanceKind.Criticise, clown.Stance);
        Assert.Contains(clown.Evidence, e => e.Contains("🤡"));
        Assert.Equal(StanceKind.Criticise, One("Ну конечно, Минобороны молодцы, всё под контролем.", "ru", "Минобороны").Stance);
        Assert.Equal(StanceKind.Criticise, One("Bravo, Kremlin, a brilliant plan, yeah right.", "en", "Kremlin").Stance);
    }

    [Fact]
    public void PraiseBesideTheAuthorsCriticismIsIrony()
    {
        var call = One("Браво, Росгвардия: бросили технику и позорно ушли.", "ru", "Росгвардия");
        Assert.Equal(StanceKind.Criticise, call.Stance);
        Assert.Contains(call.Evidence, e => e.StartsWith("irony: praise «Браво»", StringComparison.Ordinal));
    }

    [Fact]
    public void CriticismReportedFromSomeoneElseIsNeutralForTheAuthor()
    {
        var call = One("Один из блогеров заявил, что Минобороны скрывает провал.", "ru", "Минобороны");
        Assert.Equal(StanceKind.Neutral, call.Stance);
        Assert.Contains(call.Evidence, e => e.StartsWith("reported: «провал» after «заявил»", StringComparison.Ordinal));
        Assert.Equal(StanceKind.Neutral, One("A blogger accused the Russian MoD of incompetence.", "en", "Russian MoD").Stance);
    }

    [Fact]
    public void ReportedCriticismTheAuthorEndorsesCounts()
    {
        Assert.Equal(StanceKind.Criticise, One("Блогеры обвинили Минобороны в провале, и они правы.", "ru", "Минобороны").Stance);
        Assert.Equal(StanceKind.Criticise, One("A blogger accused the Russian MoD of incompetence, and rightly so.", "en", "Russian MoD").Stance);
    }

    [Fact]
    public void TheAuthorsOwnReportingVerbIsNotReportedSpeech()
        => Assert.Equal(StanceKind.Criticise, One("Мы считаем, что Генштаб виноват в провале.", "ru", "Генштаб").Stance);

    [Fact]
    public void AMixedPostCriticisesOneActorAndSupportsAnother()
    {
        var calls = Call("Бойцы Вагнера действуют профессионально, а Минобороны бросило фланги.", "ru", ("wagner", "Вагнера"), ("mod", "Минобороны"));
        Assert.Equal(StanceKind.Support, calls.Single(c => c.ActorId == "wagner").Stance);
        Assert.Equal(StanceKind.Criticise, calls.Single(c => c.ActorId == "mod").Stance);
    }

    [Fact]
    public void ASentenceWithoutAMentionBlamesThePrecedingActor()
    {
        var call = One("Минобороны молчит третий день. Позор.", "ru", "Минобороны");
        Assert.Equal(StanceKind.Criticise, call.Stance);
        Assert.Contains(call.Evidence, e => e.Contains("from a sentence without a mention"));
    }

    [Fact]
    public void ANeutralReportIsNeutralWithNoEvidence()
    {
        var call = One("Минобороны сообщило о поражении складов в Донецкой области.", "ru", "Минобороны");
        Assert.Equal(StanceKind.Neutral, call.Stance);
        Assert.Empty(call.Evidence);
    }

    [Fact]
    public void AnActorThatDoesTheThankingIsNotSupported()
        => Assert.Equal(StanceKind.Neutral, One("Кремль благодарит военкоров за работу.", "ru", "Кремль").Stance);

    [Fact]
    public void MentionsOutsideTheTextAreIgnoredAndTheActorIsNeutral()
    {
        var calls = StanceClassifier.Classify("Позор Минобороны.", "ru", [("mod", 100, 5), ("genstaff", -1, 3), ("kremlin", 0, 0)]);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal(StanceKind.Neutral, c.Stance));
    }

    [Fact]
    public void ClassifyNeverThrowsOnRandomTextAndRandomSpans()
    {
        var text = Gen.String[Gen.Char["абвгдежзийклмнопрстуфхцчшщыьэюяіїєАБВ abcxyz.,!?«»\"“”„—-:;()🤡\n"], 0, 120];
        var gen = from t in text
                  from spans in Gen.Select(Gen.Int[-5, 130], Gen.Int[-2, 20]).Array[0, 6]
                  select (t, spans);
        gen.Sample(input =>
        {
            var mentions = input.spans.Select((s, i) => ("a" + (i % 3), s.Item1, s.Item2)).ToList();
            var calls = StanceClassifier.Classify(input.t, "ru", mentions);
            Assert.Equal(mentions.Select(m => m.Item1).Distinct().Count(), calls.Count);
            LoadedLanguage.Score(input.t, "uk");
        }, iter: 3000);
    }
}

public sealed class LoadedLanguageTests
{
    [Fact]
    public void DehumanisingTermsAreFoundWithTheirWordsAndOffsets()
    {
        const string text = "Орки снова обстреляли город, а укропы отвечают тем же.";
        var score = LoadedLanguage.Score(text, "ru");
        Assert.Equal(["Орки", "укропы"], score.Terms.Where(t => t.Category == LoadedCategory.Dehumanising).Select(t => t.Word));
        Assert.All(score.Terms, t => Assert.Equal(t.Word, text.Substring(t.Offset, t.Word.Length)));
        Assert.True(score.Score > 0);
    }

    [Fact]
    public void FearAndEmotionalWordsAreCountedByCategory()
    {
        var score = LoadedLanguage.Score("Это позор и ужас: угроза ядерной катастрофы растет.", "ru");
        Assert.Equal(2, score.Count(LoadedCategory.Emotional));
        Assert.True(score.Count(LoadedCategory.Fear) >= 2);
        var en = LoadedLanguage.Score("A shameful, horrific atrocity and a nuclear threat.", "en");
        Assert.Equal(3, en.Count(LoadedCategory.Emotional));
        Assert.Equal(2, en.Count(LoadedCategory.Fear));
    }

    [Fact]
    public void AFactualReportScoresZero()
    {
        var score = LoadedLanguage.Score("Министерство обороны опубликовало сводку за сутки.", "ru");
        Assert.Equal(0, score.Score);
        Assert.Empty(score.Terms);
    }
}
