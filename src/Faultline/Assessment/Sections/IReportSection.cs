namespace Faultline.Assessment.Sections;

/// <summary>
/// One section of the assessment. To add one, write a class in this folder and list it in
/// <see cref="ReportSections.Default"/>. A section reads the archive through the <see cref="ReportContext"/> (which
/// loads each analysis once and shares it), writes format-neutral blocks, and offers takeaway candidates.
/// It never states a fact that is not in a post it cites.
/// </summary>
public interface IReportSection
{
    /// <summary>Stable id ("claims").</summary>
    string Id { get; }

    /// <summary>The heading readers see.</summary>
    string Heading { get; }

    /// <summary>Writes the section for the context's period. An empty period yields a short <see cref="Note"/>, not an error.</summary>
    SectionResult Build(ReportContext context);
}

/// <summary>What a section wrote, and which of its sentences could lead the report.</summary>
/// <param name="Blocks">The body of the section.</param>
/// <param name="Takeaways">Candidates for the key takeaways, each with a significance (reach, novelty, fracture shift, walk-back); higher ranks first.</param>
public sealed record SectionResult(IReadOnlyList<Block> Blocks, IReadOnlyList<Takeaway> Takeaways)
{
    /// <summary>A section with nothing to say but a note.</summary>
    public static SectionResult Empty(string note) => new([new Note(note)], []);
}

/// <summary>A takeaway candidate.</summary>
public sealed record Takeaway(Sentence Sentence, double Significance);
