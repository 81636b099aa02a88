using System.Text.Json;
using System.Text.RegularExpressions;
using Faultline.Model;
using Faultline.Reading;
using Faultline.Reading.Telethon;

namespace Faultline.Tests.Reading.Telethon;

/// <summary>The real telegram-ru-news corpus (14 channels, 13,121 posts) must import completely and cleanly.</summary>
public class TelegramRuNewsCorpusTests
{
    private static readonly TelethonJsonReader Reader = new();

    // A plain markdown link whose text holds no markers: its text must reappear exactly under a TextLink.
    private static readonly Regex PlainLink = new(@"\[([^\[\]*_~|`]+)\]\(([^()\s]+)\)", RegexOptions.Compiled);

    [SkippableFact]
    public async Task EveryPostOfEveryChannelIsImportedWithItsRawObject()
    {
        var folder = Corpus.Require("telegram-ru-news");
        var files = Directory.GetFiles(folder, "*_messages.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(14, files.Count);

        int expected = 0, read = 0, linksChecked = 0;
        foreach (var file in files)
        {
            // Counted independently of the reader.
            using (var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file)))
                expected += doc.RootElement.GetArrayLength();

            Assert.Equal("telethon-json", (await ReaderHarness.DetectFileAsync(file))?.Format);

            var items = await ReaderHarness.ReadFileAsync(Reader, file);
            var started = Assert.IsType<SourceStarted>(items[0]);
            var channelId = Path.GetFileName(file).Split('_')[0][3..]; // "100" + id
            Assert.Equal("telegram:" + channelId, started.Source.Key);
            Assert.Equal(CoverageKind.Partial, started.Coverage);
            Assert.False(string.IsNullOrEmpty(started.Source.Title));

            foreach (var post in items.Posts())
            {
                read++;
                Assert.False(string.IsNullOrEmpty(post.Raw));
                using var raw = JsonDocument.Parse(post.Raw);
                Assert.Equal(post.NativeId, raw.RootElement.GetProperty("message_id").GetInt64().ToString());
                Assert.Equal(TimeSpan.Zero, post.Published.Offset);
                foreach (var e in post.Entities)
                    Assert.True(e.Offset >= 0 && e.Length > 0 && e.Offset + e.Length <= post.Text.Length, $"{file} {post.NativeId}: {e} outside the text");

                var markdown = raw.RootElement.GetProperty("text").GetString() ?? "";
                foreach (Match m in PlainLink.Matches(markdown))
                {
                    var url = m.Groups[2].Value;
                    Assert.Contains(post.Entities, e => e.Kind == EntityKind.TextLink && e.Value == url
                        && post.Text.Substring(e.Offset, e.Length) == m.Groups[1].Value);
                    linksChecked++;
                }
                foreach (var link in post.Entities.Where(e => e.Kind == EntityKind.TextLink))
                    Assert.Contains("](" + link.Value + ")", markdown);

                Assert.DoesNotContain("](http", post.Text);
                // Telethon never escapes, so a censored word ("е**л", "на ****") can leave markers literal;
                // with an even number of markers, no asterisk runs and no code spans, none may survive.
                if (CountOf(markdown, "**") % 2 == 0 && !markdown.Contains("***") && !markdown.Contains('`'))
                    Assert.False(post.Text.Contains("**"), $"{file} {post.NativeId}: '**' left in the text");
            }
        }
        Assert.Equal(13_121, expected);
        Assert.Equal(expected, read);
        Assert.True(linksChecked > 5_000, $"only {linksChecked} markdown links checked");
    }

    private static int CountOf(string text, string marker)
    {
        int n = 0;
        for (int i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
