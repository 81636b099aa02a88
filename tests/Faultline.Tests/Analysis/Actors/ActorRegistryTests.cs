using Faultline.Analysis.Actors;

namespace Faultline.Tests.Analysis.Actors;

public sealed class ActorRegistryTests
{
    private const string Good = """
        # a small registry
        bloc kremlin | presidency
        bloc milbloggers | bloggers

        actor putin person | Vladimir Putin
          ru: ^Путин; Владимир Путин
          en: Putin
          member kremlin 2012-05-07.. | president since 2012-05-07, public record

        actor girkin person | Igor Girkin
          ru: Гиркин; ?Стрелков
          context: гиркин; канал
          channel strelkovii | his channel
          member milbloggers ..2023-07-21 | blogger until arrest, public record
        """;

    [Fact]
    public void AGoodFileParsesWithoutProblems()
    {
        var registry = ActorRegistry.Parse(Good, "good.txt");
        Assert.Empty(registry.Validate());
        Assert.Equal(["kremlin", "milbloggers"], registry.Blocs.Select(b => b.Id));
        var girkin = registry.Find("girkin")!;
        Assert.Equal(ActorKind.Person, girkin.Kind);
        Assert.Equal(AliasRule.Ambiguous, girkin.Aliases.Single(a => a.Text == "Стрелков").Rule);
        Assert.Equal(new DateOnly(2023, 7, 21), girkin.Memberships.Single().Membership.To);
        Assert.Equal("blogger until arrest, public record", girkin.Memberships.Single().Source);
        Assert.Same(girkin, registry.ActorForHandle("@Strelkovii"));
        Assert.Equal(["milbloggers"], registry.BlocsOf("girkin", new DateOnly(2022, 10, 14)));
        Assert.Empty(registry.BlocsOf("girkin", new DateOnly(2024, 1, 1)));
    }

    [Theory]
    [InlineData("  member kremlin 2012-05-07.. | president", "  member kremlin-typo 2012-05-07.. | president", 8, "unknown bloc 'kremlin-typo'")]
    [InlineData("  member kremlin 2012-05-07.. | president", "  member kremlin 2012-13-07.. | president", 8, "bad date in '2012-13-07..'")]
    [InlineData("  member kremlin 2012-05-07.. | president", "  member kremlin 2012-05-07..2010-01-01 | president", 8, "ends before it starts")]
    [InlineData("  member kremlin 2012-05-07.. | president", "  member kremlin 2012-05-07.. | president\n  member kremlin 2020-01-01..2021-01-01 | again", 9, "overlaps the range on line 8")]
    [InlineData("  ru: Гиркин; ?Стрелков", "  ru: Гиркин; ?Стрелков; Путин", 11, "alias 'Путин' also names actor 'putin' (line 6)")]
    [InlineData("actor girkin person", "actor girkin robot", 10, "unknown kind 'robot'")]
    [InlineData("  context: гиркин; канал", "  context: гиркин; канал\n  wrote: something", 13, "unknown line 'wrote: something'")]
    [InlineData("  member kremlin 2012-05-07.. | president since 2012-05-07, public record", "  member kremlin 2012-05-07..", 8, "has no source note")]
    public void EachKindOfProblemIsReportedWithItsLine(string original, string replacement, int line, string message)
    {
        var text = Good.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Good, text);
        var problems = ActorRegistry.Parse(text, "bad.txt").Validate();
        var problem = Assert.Single(problems);
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.txt:{line}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultRegistryValidatesCleanly()
    {
        var registry = ActorRegistry.Default;
        Assert.Equal("", string.Join("\n", registry.Validate()));
        Assert.True(registry.Actors.Count >= 30);
        Assert.All(registry.Actors, a => Assert.Contains(a.Aliases, x => x.Rule != AliasRule.Handle));
        Assert.All(registry.Actors.Where(a => !a.Fictional), a => Assert.NotEmpty(a.Memberships));
        Assert.All(registry.Actors.SelectMany(a => a.Memberships), m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
    }

    [Fact]
    public void ShoiguMovesFromTheMinistryToTheKremlinInMay2024()
    {
        var registry = ActorRegistry.Default;
        Assert.Equal(["mod-establishment"], registry.BlocsOf("shoigu", new DateOnly(2022, 10, 14)));
        Assert.Equal(["kremlin"], registry.BlocsOf("shoigu", new DateOnly(2024, 6, 1)));
        Assert.Equal(["ukraine-military"], registry.BlocsOf("zaluzhny", new DateOnly(2023, 6, 1)));
        Assert.Empty(registry.BlocsOf("zaluzhny", new DateOnly(2024, 6, 1)));
    }

    [Fact]
    public void TheSampleChannelsAreFictionalMilbloggers()
    {
        var registry = ActorRegistry.Default;
        var severny = registry.ActorForHandle("severny_rubezh_fict")!;
        Assert.True(severny.Fictional);
        Assert.Equal(["milbloggers"], registry.BlocsOf(severny.Id, new DateOnly(2022, 10, 14)));
        Assert.Contains("(fictional)", severny.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainShowsNamesBlocsSourcesAndChannels()
    {
        var text = ActorRegistry.Default.Explain("shoigu")!;
        Assert.Contains("names (en): Shoigu; Shoygu", text, StringComparison.Ordinal);
        Assert.Contains("bloc mod-establishment 2012-11-06..2024-05-12: minister of defence", text, StringComparison.Ordinal);
        Assert.Contains("bloc kremlin 2024-05-12..", text, StringComparison.Ordinal);
        Assert.Contains("channel @strelkovii", ActorRegistry.Default.Explain("girkin")!, StringComparison.Ordinal);
        Assert.Null(ActorRegistry.Default.Explain("nobody"));
        Assert.Contains(ActorRegistry.Default.List(), l => l.StartsWith("putin\tperson\tkremlin\t", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadReadsAFileFromDisk()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "mine.txt");
        File.WriteAllText(path, Good);
        var registry = ActorRegistry.Load(path);
        Assert.Equal("mine.txt", registry.File);
        Assert.Equal(2, registry.Actors.Count);
    }
}
