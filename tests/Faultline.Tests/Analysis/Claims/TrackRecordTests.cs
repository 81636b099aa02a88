using Faultline.Analysis;
using Faultline.Analysis.Claims;

namespace Faultline.Tests.Analysis.Claims;

/// <summary>Track records from hand-made claims (all fictional): every figure is known in advance.</summary>
public class TrackRecordTests
{
    private static readonly DateTimeOffset T0 = new(2022, 10, 14, 9, 0, 0, TimeSpan.Zero);
    private const long Milblogger = 1, Amplifier = 2, Ministry = 3;

    private static AnalysisPost Post(long id, long source, double hours)
        => new(id, source, id.ToString(System.Globalization.CultureInfo.InvariantCulture), T0.AddHours(hours), "текст " + id, "ru") { Handle = "src" + source };

    private static ClaimMember Member(long post, long source, double hours, ClaimRole role) => new(post, source, T0.AddHours(hours), role);

    private static LifecycleEvent Event(LifecycleEventKind kind, double hours, long post) => new(kind, T0.AddHours(hours), post, kind.ToString());

    /// <summary>
    /// Five claims: the milblogger makes four (one walked back after 20 h, one denied by the ministry after 4 h, one edited,
    /// one untouched) and amplifies one of the amplifier's, which the amplifier deleted 30 h later.
    /// </summary>
    private static (IReadOnlyList<Claim> Claims, IReadOnlyList<AnalysisPost> Posts) Episode()
    {
        var claims = new List<Claim>
        {
            new(1, "списки блогеров", "ru",
                [Member(101, Milblogger, 0, ClaimRole.Origin), Member(201, Amplifier, 1, ClaimRole.Amplify), Member(102, Milblogger, 20, ClaimRole.WalkBack)],
                [Event(LifecycleEventKind.Made, 0, 101), Event(LifecycleEventKind.Amplified, 1, 201), Event(LifecycleEventKind.WalkedBack, 20, 102)],
                ClaimStatus.WalkedBack),
            new(2, "обстрел склада", "ru",
                [Member(103, Milblogger, 24, ClaimRole.Origin), Member(202, Amplifier, 25, ClaimRole.Amplify), Member(301, Ministry, 28, ClaimRole.Deny)],
                [Event(LifecycleEventKind.Made, 24, 103), Event(LifecycleEventKind.Amplified, 25, 202), Event(LifecycleEventKind.Denied, 28, 301)],
                ClaimStatus.Denied),
            new(3, "колонна техники", "ru",
                [Member(104, Milblogger, 30, ClaimRole.Origin)],
                [Event(LifecycleEventKind.Made, 30, 104), Event(LifecycleEventKind.Edited, 31, 104)],
                ClaimStatus.Made),
            new(4, "новый командующий", "ru",
                [Member(203, Amplifier, 48, ClaimRole.Origin), Member(105, Milblogger, 49, ClaimRole.Amplify)],
                [Event(LifecycleEventKind.Made, 48, 203), Event(LifecycleEventKind.Amplified, 49, 105),
                 Event(LifecycleEventKind.Deleted, 60, 105), Event(LifecycleEventKind.Deleted, 78, 203)],
                ClaimStatus.Deleted),
            new(5, "переправа", "ru", [Member(106, Milblogger, 70, ClaimRole.Origin)], [Event(LifecycleEventKind.Made, 70, 106)], ClaimStatus.Made),
        };
        var posts = new List<AnalysisPost>
        {
            Post(101, Milblogger, 0), Post(102, Milblogger, 20), Post(103, Milblogger, 24), Post(104, Milblogger, 30),
            Post(105, Milblogger, 49), Post(106, Milblogger, 70), Post(107, Milblogger, 71),
            Post(201, Amplifier, 1), Post(202, Amplifier, 25), Post(204, Amplifier, 50),
            Post(301, Ministry, 28),
        };
        return (claims, posts);
    }

    private static TrackRecord Of(long source)
    {
        var (claims, posts) = Episode();
        return TrackRecords.Compute(claims, posts).Single(r => r.SourceId == source);
    }

    [Fact]
    public void OriginatorRecordCountsItsClaimsRetractionsAndEdits()
    {
        var r = Of(Milblogger);
        Assert.Equal("src1", r.Handle);
        Assert.Equal(5, r.ClaimsTakenPartIn);
        Assert.Equal(4, r.ClaimsOriginated);
        Assert.Equal((1, 1, 0, 2), (r.WalkedBack, r.Denied, r.Deleted, r.Problems));
        Assert.Equal(0.5, r.ProblemShare);
        Assert.Equal([TimeSpan.FromHours(4), TimeSpan.FromHours(20)], r.Retractions);
        Assert.Equal(TimeSpan.FromHours(12), r.MedianTimeToRetraction);
        Assert.Equal(0.8, r.FirstShare);
        Assert.Equal((7, 6, 1, 1), (r.Posts, r.MemberPosts, r.EditedPosts, r.Edits));
        Assert.Equal(1 / 7.0, r.EditedShare, 12);
        Assert.Equal((1, 0), (r.AmplifiedClaims, r.AmplifiedLaterRetracted));
    }

    [Fact]
    public void AmplifierIsChargedWithItsOwnDeletionAndTheBadClaimsItSpread()
    {
        var r = Of(Amplifier);
        Assert.Equal((3, 1), (r.ClaimsTakenPartIn, r.ClaimsOriginated));
        Assert.Equal((0, 0, 1, 1), (r.WalkedBack, r.Denied, r.Deleted, r.Problems));
        Assert.Equal(TimeSpan.FromHours(30), r.MedianTimeToRetraction);
        Assert.Equal((2, 2), (r.AmplifiedClaims, r.AmplifiedLaterRetracted));
        Assert.Equal((3, 3), (r.Posts, r.MemberPosts));
    }

    [Fact]
    public void DenierThatOriginatedNothingHasNoProblemsAndIsNeverFirst()
    {
        var r = Of(Ministry);
        Assert.Equal((1, 0, 0), (r.ClaimsTakenPartIn, r.ClaimsOriginated, r.Problems));
        Assert.Equal(0, r.FirstShare);
        Assert.Null(r.MedianTimeToRetraction);
    }

    [Fact]
    public void DeletionOfAnAmplifiersCopyDoesNotCountAgainstTheOriginator()
    {
        var (claims, _) = Episode();
        var onlyAmplifierCopyDeleted = claims[3] with
        {
            Status = ClaimStatus.Amplified,
            Lifecycle = claims[3].Lifecycle.Where(e => e.PostId != 203).ToList(),
        };
        var r = TrackRecords.Compute([onlyAmplifierCopyDeleted], []).Single(x => x.SourceId == Amplifier);
        Assert.Equal((1, 0), (r.ClaimsOriginated, r.Deleted));
    }

    [Fact]
    public void StatusAloneCountsAsAProblemWithoutARetractionTime()
    {
        var claim = new Claim(9, "t", "ru", [Member(1, Milblogger, 0, ClaimRole.Origin)], [], ClaimStatus.Denied);
        var r = TrackRecords.Compute([claim], []).Single();
        Assert.Equal((1, 1), (r.Denied, r.Problems));
        Assert.Empty(r.Retractions);
        Assert.Equal(1, r.Posts);
    }

    [Fact]
    public void TrackRecordOfTheEpisodeGradesTheMilbloggerDWithItsReasons()
    {
        var suggestion = AdmiraltyGrading.Suggest(Of(Milblogger));
        Assert.Equal('D', suggestion.Grade);
        Assert.Contains("2 of 4 claims walked back, denied or deleted (50%): 1 walked back, 1 denied", suggestion.Reasons);
        Assert.Contains("median time to retraction 12 h (over 2 claims)", suggestion.Reasons);
        Assert.Contains("first in 4 of 5 claims it took part in (80%)", suggestion.Reasons);
    }
}
