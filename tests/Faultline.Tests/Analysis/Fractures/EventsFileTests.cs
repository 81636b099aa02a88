using Faultline.Analysis.Fractures;

namespace Faultline.Tests.Analysis.Fractures;

public sealed class EventsFileTests
{
    [Fact]
    public void AWellFormedFileParsesWithRangesCommentsAndCyrillicTitles()
    {
        var result = EventsFile.Parse("""
            # comment
            2022-09-21 | mobilization | Объявлена частичная мобилизация

            2022-11-09..2022-11-11 | military | Withdrawal from Kherson city
            """, "events.txt");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Events.Count);
        Assert.Equal(new AnalystEvent(new DateOnly(2022, 9, 21), null, "mobilization", "Объявлена частичная мобилизация"), result.Events[0]);
        Assert.Equal(new DateOnly(2022, 11, 11), result.Events[1].LastDay);
    }

    [Fact]
    public void BadLinesAreReportedWithFileAndLineNumberAndTheRestIsKept()
    {
        var result = EventsFile.Parse(string.Join('\n',
            "2022-09-21 | mobilization | Mobilization",
            "21.09.2022 | mobilization | Wrong date format",
            "2022-09-21 | Mobilization",
            "2022-11-11..2022-11-09 | military | Backwards range",
            "2022-10-08 | Military Event | Bad kind",
            "2022-10-08 | military |   "), "my-events.txt");

        Assert.Single(result.Events);
        Assert.Equal(
        [
            "my-events.txt:2: '21.09.2022' is not a date (yyyy-MM-dd)",
            "my-events.txt:3: expected 'DATE | KIND | TITLE' (3 fields separated by '|'), found 2",
            "my-events.txt:4: the range ends (2022-11-09) before it starts (2022-11-11)",
            "my-events.txt:5: kind 'Military Event' must be one lower-case word (letters, digits, '-')",
            "my-events.txt:6: the title is empty",
        ], result.Errors);
    }

    [Fact]
    public void TheDefaultFileOfTwentyTwentyTwoMilestonesLoads()
    {
        var events = EventsFile.Default();

        Assert.True(events.Count >= 15);
        Assert.Equal(new DateOnly(2022, 2, 24), events[0].Date);
        Assert.Contains(events, e => e.Date == new DateOnly(2022, 9, 21) && e.Kind == "mobilization");
        Assert.Contains(events, e => e.Date == new DateOnly(2022, 10, 8) && e.Kind == "leadership");
        Assert.Contains(events, e => e.Date == new DateOnly(2022, 11, 9) && e.LastDay == new DateOnly(2022, 11, 11));
        Assert.All(events, e => Assert.Equal(2022, e.Date.Year));
    }
}
