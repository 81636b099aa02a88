using Faultline.Analysis.Claims;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>Each band of the suggested grade, F, the edit downgrade, and analyst overrides.</summary>
public class AdmiraltyGradingTests
{
    private static TrackRecord Record(int originated, int problems, int edited = 0, int memberPosts = -1, params double[] retractionHours)
        => new(7, "@channel", originated, originated, problems, 0, 0, problems, originated, memberPosts < 0 ? originated : memberPosts, edited, edited,
            retractionHours.Select(TimeSpan.FromHours).ToArray(), 0, 0);

    [Theory]
    [InlineData(25, 0, 'A')]
    [InlineData(50, 1, 'A')]
    [InlineData(20, 2, 'B')]
    [InlineData(20, 5, 'C')]
    [InlineData(6, 3, 'D')]
    [InlineData(6, 4, 'E')]
    [InlineData(3, 3, 'E')]
    [InlineData(2, 0, 'F')]
    [InlineData(0, 0, 'F')]
    public void ProblemShareDecidesTheBand(int originated, int problems, char grade)
        => Assert.Equal(grade, AdmiraltyGrading.Suggest(Record(originated, problems)).Grade);

    [Fact]
    public void CleanRecordWithFewClaimsGetsBNotA()
    {
        var s = AdmiraltyGrading.Suggest(Record(10, 0));
        Assert.Equal('B', s.Grade);
        Assert.Contains("at most 2%, but A needs at least 20 claims → B", s.Reasons);
    }

    [Fact]
    public void EveryReasonIsShownForAnUnreliableSource()
    {
        var s = AdmiraltyGrading.Suggest(Record(6, 4, retractionHours: [4, 20, 30, 50]));
        Assert.Equal('E', s.Grade);
        Assert.Equal(
        [
            "4 of 6 claims walked back, denied or deleted (66.7%): 4 walked back",
            "more than 50% → E",
            "median time to retraction 25 h (over 4 claims)",
            "first in 6 of 6 claims it took part in (100%)",
        ], s.Reasons);
    }

    [Fact]
    public void TooFewClaimsCannotBeJudged()
    {
        var s = AdmiraltyGrading.Suggest(Record(2, 2));
        Assert.Equal('F', s.Grade);
        Assert.Equal("2 claims originated, fewer than 3: too few to judge", s.Reasons[0]);
    }

    [Fact]
    public void MinimumClaimsIsConfigurable()
        => Assert.Equal('E', AdmiraltyGrading.Suggest(Record(2, 2), new GradingOptions { MinClaims = 2 }).Grade);

    [Fact]
    public void ManyEditsAfterPublicationDropTheGradeOneStep()
    {
        var s = AdmiraltyGrading.Suggest(Record(20, 0, edited: 6));
        Assert.Equal('B', s.Grade);
        Assert.Contains("6 of 20 claim posts edited after publication (30%), more than 25% → one step down to B", s.Reasons);
        Assert.Equal('A', AdmiraltyGrading.Suggest(Record(20, 0, edited: 5)).Grade);
    }

    [Fact]
    public void OverrideWinsWithItsNoteAndKeepsTheSuggestionsReasons()
    {
        var suggestion = AdmiraltyGrading.Suggest(Record(6, 4));
        var decision = AdmiraltyGrading.EffectiveGrade(suggestion,
            new GradeOverride(7, 'C', "denials came from the adversary's MoD only", "analyst-1", DateTimeOffset.UnixEpoch));
        Assert.Equal(('C', true, 'E'), (decision.Grade, decision.Overridden, decision.Suggested));
        Assert.Equal("denials came from the adversary's MoD only", decision.Note);
        Assert.Equal("analyst-1", decision.Analyst);
        Assert.Equal(suggestion.Reasons, decision.Reasons);
    }

    [Fact]
    public void WithoutOverrideTheSuggestionStands()
    {
        var decision = AdmiraltyGrading.EffectiveGrade(AdmiraltyGrading.Suggest(Record(25, 0)), null);
        Assert.Equal(('A', false), (decision.Grade, decision.Overridden));
        Assert.Null(decision.Note);
    }

    [Theory]
    [InlineData('G', "note")]
    [InlineData('a', "note")]
    [InlineData('B', "  ")]
    [InlineData('B', "")]
    public void InvalidOverrideIsRejected(char grade, string note)
    {
        var bad = new GradeOverride(7, grade, note, null, DateTimeOffset.UnixEpoch);
        Assert.NotEmpty(AdmiraltyGrading.Validate(bad));
        var e = Assert.Throws<ArgumentException>(() => AdmiraltyGrading.EffectiveGrade(AdmiraltyGrading.Suggest(Record(6, 1)), bad));
        Assert.StartsWith("invalid grade override:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateNamesEveryProblem()
        => Assert.Equal(["grade 'Z' is not on the Admiralty scale A–F", "an override needs a note saying why"],
            AdmiraltyGrading.Validate(new GradeOverride(7, 'Z', " ", null, DateTimeOffset.UnixEpoch)));
}
