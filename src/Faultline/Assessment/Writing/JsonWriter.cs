using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faultline.Assessment.Writing;

/// <summary>
/// The same structure as JSON for other tools (camelCase; blocks carry a "type": paragraph, note, list, table, chart).
/// A sentence is <c>{"text": "…", "endnotes": [3, 4]}</c>: its text without markers and the numbers of its endnotes.
/// With <see cref="WriterOptions.ObfuscateHostile"/> the hostile URLs are written obfuscated here too.
/// </summary>
public sealed class JsonWriter : IAssessmentWriter
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    public string Format => "json";

    /// <inheritdoc />
    public string Extension => ".json";

    /// <inheritdoc />
    public void Write(AssessmentDocument document, Stream output, WriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        JsonSerializer.Serialize(output, Shape(document, options), Options);
        output.WriteByte((byte)'\n');
    }

    private static Report Shape(AssessmentDocument document, WriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ObfuscateHostile) document = HostileDomains.ObfuscateDocument(document);
        var numbers = EndnoteFormat.Numbers(document);
        JsonSentence S(Sentence s) => new(s.Text, EndnoteFormat.Markers(s, numbers));
        return new Report(document.Title, document.From, document.To, document.Generated, document.ArchiveName, document.Notes,
            [.. document.Takeaways.Select(S)],
            [.. document.Sections.Select(section => new JsonSection(section.Id, section.Heading, [.. section.Blocks.Select(block => (JsonBlock)(block switch
            {
                Paragraph p => new JsonParagraph([.. p.Sentences.Select(S)]),
                BulletList l => new JsonList([.. l.Items.Select(S)]),
                Note n => new JsonNote(n.Text),
                Table t => new JsonTable(t.Caption, t.Header, [.. t.Rows.Select(r => r.Select(S).ToList())]),
                Chart c => new JsonChart(c.Caption, c.AltText, c.Svg),
                _ => new JsonNote($"(a {block.GetType().Name} block this writer does not know)"),
            }))]))],
            [.. document.Endnotes.Select(n => new JsonEndnote(n.Number, n.PostId, n.Channel, n.Handle, n.Published,
                n.Url is null ? null : EndnoteFormat.Where(n, options).Text, n.VersionHash, n.Excerpt, n.Language, n.NativeId, n.DeletedAt, n.Versions))]);
    }

    internal sealed record Report(string Title, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Generated, string? Archive,
        IReadOnlyList<string> Notes, IReadOnlyList<JsonSentence> Takeaways, IReadOnlyList<JsonSection> Sections, IReadOnlyList<JsonEndnote> Endnotes);

    internal sealed record JsonSentence(string Text, IReadOnlyList<int> Endnotes);

    internal sealed record JsonSection(string Id, string Heading, IReadOnlyList<JsonBlock> Blocks);

    [JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
    [JsonDerivedType(typeof(JsonParagraph), "paragraph")]
    [JsonDerivedType(typeof(JsonList), "list")]
    [JsonDerivedType(typeof(JsonNote), "note")]
    [JsonDerivedType(typeof(JsonTable), "table")]
    [JsonDerivedType(typeof(JsonChart), "chart")]
    internal abstract record JsonBlock;

    internal sealed record JsonParagraph(IReadOnlyList<JsonSentence> Sentences) : JsonBlock;

    internal sealed record JsonList(IReadOnlyList<JsonSentence> Items) : JsonBlock;

    internal sealed record JsonNote(string Text) : JsonBlock;

    internal sealed record JsonTable(string? Caption, IReadOnlyList<string> Header, IReadOnlyList<List<JsonSentence>> Rows) : JsonBlock;

    internal sealed record JsonChart(string Caption, string AltText, string Svg) : JsonBlock;

    internal sealed record JsonEndnote(int Number, long PostId, string Channel, string? Handle, DateTimeOffset Published, string? Url,
        string VersionHash, string Excerpt, string Language, string NativeId, DateTimeOffset? DeletedAt, int Versions);
}
