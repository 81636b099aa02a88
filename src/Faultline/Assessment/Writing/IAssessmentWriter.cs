namespace Faultline.Assessment.Writing;

/// <summary>
/// Renders an <see cref="AssessmentDocument"/> in one format. To add a format, write a class in this folder and list it
/// in <see cref="AssessmentWriters.All"/>; <c>faultline report --format</c> finds it by <see cref="Format"/>.
/// </summary>
public interface IAssessmentWriter
{
    /// <summary>The name the analyst types after --format ("md").</summary>
    string Format { get; }

    /// <summary>The file extension, with its dot (".md").</summary>
    string Extension { get; }

    /// <summary>Writes the whole document to the stream (which stays open).</summary>
    void Write(AssessmentDocument document, Stream output, WriterOptions options);
}

/// <summary>How a report is written.</summary>
public sealed record WriterOptions
{
    /// <summary>The defaults: hostile domains written as plain links.</summary>
    public static WriterOptions Default { get; } = new();

    /// <summary>Writes the domains of <see cref="HostileDomains"/> as ISW does ("t dot me/…", "tass dot ru") and never as links.</summary>
    public bool ObfuscateHostile { get; init; }
}

/// <summary>The built-in writers, built once and shared.</summary>
public static class AssessmentWriters
{
    /// <summary>Markdown, HTML, JSON and PDF.</summary>
    public static IReadOnlyList<IAssessmentWriter> All { get; } = [new MarkdownWriter(), new HtmlWriter(), new JsonWriter(), new PdfWriter()];

    /// <summary>The writer for a format name ("md", "html", "pdf", "json"; "markdown" also names Markdown), or null.</summary>
    public static IAssessmentWriter? ByFormat(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var f = format.Trim().TrimStart('.').ToLowerInvariant();
        if (f == "markdown") f = "md";
        return All.FirstOrDefault(w => w.Format == f);
    }
}
