using System.Globalization;
using Faultline.Archive;
using Faultline.Archive.Sqlite;
using Faultline.Assessment.Sections;
using Faultline.Text;

namespace Faultline.Assessment;

/// <summary>
/// Writes an assessment: runs each section over one shared <see cref="ReportContext"/>, ranks the takeaways, and turns
/// every citation into an endnote that names the exact archived version and quotes it verbatim.
/// </summary>
/// <remarks>
/// A section that throws becomes a <see cref="Note"/> saying so, and the other sections still run (a report with one
/// section missing is more use to an analyst than none). A section that cites a post the archive lacks, a version it
/// does not hold, or an excerpt that is not in the cited text is a bug in that section, not a gap in the data: the
/// builder throws, naming the section, the post and the words, so the bug cannot reach a reader.
/// </remarks>
public static class ReportBuilder
{
    /// <summary>How many key takeaways a report leads with at most.</summary>
    public const int MaxTakeaways = 7;

    /// <summary>How many characters of a post's opening words an endnote quotes when the section chose no excerpt.</summary>
    public const int OpeningExcerptLength = 200;

    /// <summary>Builds the assessment for the period in <paramref name="options"/>.</summary>
    /// <param name="archive">The archive, with its analyses already up to date.</param>
    /// <param name="options">The period and the analyst's choices.</param>
    /// <param name="sections">The sections in reading order (default <see cref="ReportSections.Default"/>).</param>
    public static AssessmentDocument Build(IArchive archive, ReportOptions options, IReadOnlyList<IReportSection>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(options);
        sections ??= ReportSections.Default;
        var context = new ReportContext(archive, options);
        var resolver = new CitationResolver(archive);

        var written = new List<SectionContent>();
        var candidates = new List<(Takeaway Takeaway, int Section, int Order)>();
        foreach (var section in sections)
        {
            SectionResult result;
            try
            {
                result = section.Build(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                result = new SectionResult([new Note($"The {section.Heading} section could not be written: {OneLine(e.Message)}")], []);
            }
            // Check every citation as soon as the section is written, so the error names the section that made it.
            foreach (var sentence in Sentences(result.Blocks, tableCells: true).Concat(result.Takeaways.Select(t => t.Sentence)))
                foreach (var citation in sentence.Citations) resolver.Resolve(citation, section.Id);
            foreach (var sentence in Sentences(result.Blocks, tableCells: false).Concat(result.Takeaways.Select(t => t.Sentence)))
                if (sentence.Citations.Count == 0)
                    throw new InvalidOperationException($"report section '{section.Id}' wrote a sentence without a citation (only table cells may have none): «{sentence.Text}»");
            written.Add(new SectionContent(section.Id, section.Heading, result.Blocks));
            candidates.AddRange(result.Takeaways.Select((t, i) => (t, written.Count - 1, i)));
        }

        var takeaways = RankTakeaways(candidates);
        var endnotes = Number(takeaways, written, resolver);
        return new AssessmentDocument(Title(options), options.From, options.To, DateTimeOffset.UtcNow, takeaways, written, endnotes)
        {
            ArchiveName = archive is SqliteArchive sqlite ? Path.GetFileName(sqlite.Path) : null,
            Notes = CoverageNotes(archive, options),
        };
    }

    /// <summary>"Russian information space assessment, October 15, 2022"; a longer period names its first and last day.</summary>
    public static string Title(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var last = options.Date;
        var first = DateOnly.FromDateTime(options.From.UtcDateTime);
        var c = CultureInfo.InvariantCulture;
        string period = first == last ? last.ToString("MMMM d, yyyy", c)
            : first.Year != last.Year ? $"{first.ToString("MMMM d, yyyy", c)} – {last.ToString("MMMM d, yyyy", c)}"
            : first.Month != last.Month ? $"{first.ToString("MMMM d", c)} – {last.ToString("MMMM d, yyyy", c)}"
            : $"{first.ToString("MMMM d", c)}–{last.ToString("d, yyyy", c)}";
        return "Russian information space assessment, " + period;
    }

    /// <summary>The most significant candidates first (ties keep reading order), one per distinct sentence, at most <see cref="MaxTakeaways"/>.</summary>
    private static List<Sentence> RankTakeaways(List<(Takeaway Takeaway, int Section, int Order)> candidates)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return candidates
            .OrderByDescending(c => c.Takeaway.Significance).ThenBy(c => c.Section).ThenBy(c => c.Order)
            .Select(c => c.Takeaway.Sentence)
            .Where(s => seen.Add(NormalizeSpace(s.Text)))
            .Take(MaxTakeaways)
            .ToList();
    }

    /// <summary>
    /// Numbers endnotes in order of first use: takeaways, then each section's blocks in order (sentences, list items,
    /// table cells row by row), then citations within a sentence. A post cited again keeps its first number.
    /// </summary>
    private static List<Endnote> Number(List<Sentence> takeaways, List<SectionContent> sections, CitationResolver resolver)
    {
        var byPost = new Dictionary<long, Endnote>();
        var endnotes = new List<Endnote>();
        foreach (var sentence in takeaways.Concat(sections.SelectMany(s => Sentences(s.Blocks, tableCells: true))))
        {
            foreach (var citation in sentence.Citations)
            {
                if (byPost.ContainsKey(citation.PostId)) continue;
                var note = resolver.Resolve(citation, null) with { Number = endnotes.Count + 1 };
                byPost[citation.PostId] = note;
                endnotes.Add(note);
            }
        }
        return endnotes;
    }

    /// <summary>The sentences of blocks in reading order; table cells only when asked (they may carry no citation).</summary>
    internal static IEnumerable<Sentence> Sentences(IEnumerable<Block> blocks, bool tableCells)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    foreach (var s in p.Sentences) yield return s;
                    break;
                case BulletList l:
                    foreach (var s in l.Items) yield return s;
                    break;
                case Table t when tableCells:
                    foreach (var row in t.Rows)
                        foreach (var s in row) yield return s;
                    break;
            }
        }
    }

    /// <summary>What the archive holds for the period: the reader's measure of how much the report rests on.</summary>
    private static List<string> CoverageNotes(IArchive archive, ReportOptions options)
    {
        int posts = 0, deleted = 0;
        var sources = new HashSet<long>();
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var post in archive.AnalysisPosts(0, options.From, options.To))
        {
            posts++;
            sources.Add(post.SourceId);
            if (post.Deleted) deleted++;
            languages[post.Language] = languages.GetValueOrDefault(post.Language) + 1;
        }
        var c = CultureInfo.InvariantCulture;
        var span = $"{options.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm", c)} to {options.To.UtcDateTime.ToString("yyyy-MM-dd HH:mm", c)} UTC";
        if (posts == 0)
            return [$"The archive holds no posts published between {span}; there is nothing to assess for this period."];
        var byLanguage = string.Join(", ", languages.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key} {kv.Value.ToString("N0", c)}"));
        var note = $"This assessment rests on the {posts.ToString("N0", c)} post{(posts == 1 ? "" : "s")} from {sources.Count.ToString("N0", c)} "
                   + $"source{(sources.Count == 1 ? "" : "s")} that the archive holds for {span} ({byLanguage})";
        note += deleted switch
        {
            0 => ".",
            1 => "; 1 of them was later deleted and survives only as an archived copy.",
            _ => $"; {deleted.ToString("N0", c)} of them were later deleted and survive only as archived copies.",
        };
        return [note, "Sources that the archive does not hold are not covered; statements are attributed to the posts cited and have not been independently verified."];
    }

    private static string OneLine(string text) => NormalizeSpace(text);

    internal static string NormalizeSpace(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        bool space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>The opening words of a text: up to <see cref="OpeningExcerptLength"/> characters, cut at a word boundary, verbatim.</summary>
    internal static string OpeningWords(string text)
    {
        int start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        var rest = text.AsSpan(start);
        if (rest.Length <= OpeningExcerptLength) return rest.TrimEnd().ToString();
        int cut = OpeningExcerptLength;
        int space = -1;
        for (int i = cut; i > OpeningExcerptLength / 3; i--)
            if (char.IsWhiteSpace(rest[i])) { space = i; break; }
        if (space > 0) cut = space;
        else if (char.IsHighSurrogate(rest[cut - 1])) cut--; // one long token: cut it, but never inside a surrogate pair
        return rest[..cut].TrimEnd().ToString();
    }

    /// <summary>Turns citations into endnote content, reading each post and its versions once.</summary>
    private sealed class CitationResolver(IArchive archive)
    {
        private readonly Dictionary<long, (StoredPost Post, IReadOnlyList<StoredVersion> Versions)> _posts = [];
        private readonly Dictionary<Citation, Endnote> _resolved = [];

        public Endnote Resolve(Citation citation, string? sectionId)
        {
            if (_resolved.TryGetValue(citation, out var done)) return done;
            var where = sectionId is null ? "" : $"report section '{sectionId}': ";
            if (!_posts.TryGetValue(citation.PostId, out var entry))
            {
                var post = archive.PostById(citation.PostId)
                           ?? throw new InvalidOperationException($"{where}cites post {citation.PostId}, which is not in the archive");
                entry = (post, archive.Versions(post.Id));
                _posts[citation.PostId] = entry;
            }
            var (stored, versions) = entry;
            StoredVersion? version;
            if (citation.ContentHash is { Length: > 0 } hash)
            {
                version = versions.FirstOrDefault(v => v.ContentHash.StartsWith(hash, StringComparison.OrdinalIgnoreCase))
                          ?? throw new InvalidOperationException($"{where}cites version {hash} of post {citation.PostId}, which the archive does not hold");
            }
            else
            {
                version = versions.FirstOrDefault(v => v.ContentHash == stored.ContentHash) ?? versions.LastOrDefault();
            }
            var text = version?.Text ?? stored.Post.Text;
            string excerpt;
            if (citation.Excerpt is { Length: > 0 } quoted)
            {
                if (!text.Contains(quoted, StringComparison.Ordinal))
                    throw new InvalidOperationException(
                        $"{where}quotes «{quoted}» from post {citation.PostId} (version {ContentHash.Short(version?.ContentHash ?? stored.ContentHash)}), but that version's text does not contain these words verbatim");
                excerpt = quoted;
            }
            else
            {
                excerpt = OpeningWords(text);
            }
            var note = new Endnote(0, stored.Id, stored.Source.Title ?? stored.Source.Handle ?? stored.Source.Key, stored.Source.Handle, stored.Post.Published,
                stored.CanonicalUrl, ContentHash.Short(version?.ContentHash ?? stored.ContentHash), excerpt, stored.Language)
            {
                NativeId = stored.Post.NativeId,
                DeletedAt = stored.DeletedAt,
                Versions = Math.Max(1, Math.Max(stored.VersionCount, versions.Count)),
            };
            _resolved[citation] = note;
            return note;
        }
    }
}
