using Faultline.Archive;
using Faultline.Assessment;
using Faultline.Assessment.Sections;

namespace Faultline.Tests.Assessment.Sections;

/// <summary>What every section must honour: cited sentences, and quotes that are verbatim in the cited version.</summary>
internal static class SectionChecks
{
    /// <summary>The sentences that assert something: paragraph sentences, list items and takeaways.</summary>
    public static IEnumerable<Sentence> Assertions(SectionResult result) =>
        result.Blocks.SelectMany(b => b switch
        {
            Paragraph p => p.Sentences,
            BulletList l => l.Items,
            _ => [],
        }).Concat(result.Takeaways.Select(t => t.Sentence));

    /// <summary>Every citation anywhere in the section, tables included.</summary>
    public static IEnumerable<Citation> Citations(SectionResult result) =>
        Assertions(result).SelectMany(s => s.Citations)
            .Concat(result.Blocks.OfType<Table>().SelectMany(t => t.Rows.SelectMany(r => r.SelectMany(c => c.Citations))));

    /// <summary>Every assertion carries a citation; every citation names an archived version whose text holds its excerpt.</summary>
    public static void AreCitedVerbatim(IArchive archive, SectionResult result, string context)
    {
        foreach (var sentence in Assertions(result))
            Assert.True(sentence.Citations.Count > 0, $"{context}: uncited sentence «{sentence.Text}»");
        foreach (var c in Citations(result))
        {
            var versions = archive.Versions(c.PostId);
            var version = versions.SingleOrDefault(v => v.ContentHash == c.ContentHash);
            Assert.True(version is not null, $"{context}: post {c.PostId} has no version {c.ContentHash}");
            Assert.False(string.IsNullOrEmpty(c.Excerpt), $"{context}: citation of post {c.PostId} quotes nothing");
            Assert.True(version!.Text.Contains(c.Excerpt!, StringComparison.Ordinal),
                $"{context}: «{c.Excerpt}» is not in version {c.ContentHash} of post {c.PostId}");
        }
    }

    /// <summary>"handle/id" of every post a sentence cites.</summary>
    public static HashSet<string> Keys(IArchive archive, IEnumerable<Sentence> sentences) =>
        sentences.SelectMany(s => s.Citations).Select(c => SectionArchives.Key(archive, c.PostId)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The paragraph whose sentences cite <paramref name="postKey"/>, or null.</summary>
    public static Paragraph? ParagraphCiting(IArchive archive, SectionResult result, string postKey)
    {
        var id = SectionArchives.PostId(archive, postKey);
        return result.Blocks.OfType<Paragraph>().FirstOrDefault(p => p.Sentences.Any(s => s.Citations.Any(c => c.PostId == id)));
    }

    /// <summary>The sentences of a paragraph that cite <paramref name="postKey"/>.</summary>
    public static List<Sentence> Citing(IArchive archive, Paragraph paragraph, string postKey)
    {
        var id = SectionArchives.PostId(archive, postKey);
        return [.. paragraph.Sentences.Where(s => s.Citations.Any(c => c.PostId == id))];
    }
}
