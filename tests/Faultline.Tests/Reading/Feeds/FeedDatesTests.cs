using CsCheck;
using Faultline.Reading.Feeds;

namespace Faultline.Tests.Reading.Feeds;

public class FeedDatesTests
{
    [Theory]
    [InlineData("Fri, 14 Oct 2022 18:20:00 +0300", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 Oct 2022 18:20:00 MSK", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 Oct 2022 10:20:00 EST", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 Oct 2022 11:20:00 EDT", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 Oct 2022 15:20:00 GMT", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 Oct 2022 15:20:00 UT", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 Oct 2022 15:20 Z", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 4 Oct 2022 15:20:00 -0000", "2022-10-04T15:20:00Z")]
    [InlineData("14 Oct 2022 18:20:00 +0300", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 Oct 2022 18:20:00 +0300 (MSK)", "2022-10-14T15:20:00Z")]
    [InlineData("Fri, 14 October 2022 15:20:00 GMT", "2022-10-14T15:20:00Z")]
    [InlineData("03 Apr 02 1500 GMT", "2002-04-03T15:00:00Z")]
    [InlineData("Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z")]
    [InlineData("Do, 14 Dez 2017 18:20:00 +0100", "2017-12-14T17:20:00Z")]
    [InlineData("Fri, 14 Oct 2022", "2022-10-14T00:00:00Z")]
    [InlineData("Oct 14, 2022 15:20:00 GMT", "2022-10-14T15:20:00Z")]
    [InlineData("2022-10-14T18:20:00+03:00", "2022-10-14T15:20:00Z")]
    [InlineData("2022-10-14T18:20:00.123+03:00", "2022-10-14T15:20:00.123Z")]
    [InlineData("2022-10-14T15:20:00Z", "2022-10-14T15:20:00Z")]
    [InlineData("2022-10-14T18:20:00+0300", "2022-10-14T15:20:00Z")]
    [InlineData("2022-10-14 15:20:00", "2022-10-14T15:20:00Z")]
    [InlineData("2022-10-14", "2022-10-14T00:00:00Z")]
    [InlineData("  2022-10-14T15:20Z  ", "2022-10-14T15:20:00Z")]
    public void FeedDatesBecomeUtc(string text, string expected)
    {
        Assert.True(FeedDates.TryParse(text, out var utc), text);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), utc);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Fri, 11 Mar 2016 01:15:00 +3000")]
    [InlineData("31 Feb 2022 10:00:00 GMT")]
    [InlineData("2022-13-01T00:00:00Z")]
    [InlineData("Fri, 14 Foo 2022 15:20:00 GMT")]
    [InlineData("14 Oct 2022 25:61:00 GMT")]
    public void NonsenseIsNotADate(string text) => Assert.False(FeedDates.TryParse(text, out _));

    [Fact]
    public void DateParsingNeverThrows()
        => Gen.String[Gen.Char["0123456789 :+-TZ,.ADEFGJMNOSTUabcdefghijklmnopqrstuvwxyz()"], 0, 40]
            .Sample(text => { FeedDates.TryParse(text, out _); }, iter: 2000);
}
