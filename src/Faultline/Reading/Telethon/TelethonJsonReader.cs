using System.Runtime.CompilerServices;
using Faultline.Model;

namespace Faultline.Reading.Telethon;

/// <summary>
/// Reads message dumps written with Telethon by collection scripts: a JSON array of messages or one message
/// per line (NDJSON), in the flat shape <c>{message_id, sender_id, text, date, channel}</c> or Telethon's own
/// <c>Message.to_dict()</c> shape. A dump may mix channels: a <see cref="SourceStarted"/> comes whenever the
/// channel changes from one message to the next.
/// </summary>
/// <remarks>
/// Coverage is always <see cref="CoverageKind.Partial"/>: a script's dump holds what it asked for (a date
/// window, the last N posts, a keyword search) and nothing in the file says whether posts in between were
/// skipped, so an absent post proves no deletion.
/// </remarks>
internal sealed class TelethonJsonReader : IFormatReader
{
    /// <inheritdoc />
    public string Format => "telethon-json";

    /// <inheritdoc />
    public string Description =>
        "Reads Telethon message dumps (JSON array or NDJSON, flat {message_id, sender_id, text} or Message.to_dict()): " +
        "text and formatting, views, forwards, reactions, forward origins; a dump is a sample, so it never proves a deletion.";

    /// <inheritdoc />
    public int Detect(FileSniff sniff)
    {
        var head = JsonHead.Of(sniff);
        return head is not null && JsonHead.LooksLikeMessage(head.Keys, head.TypeName) ? 90 : 0;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var splitter = new JsonObjectSplitter(input);
        var channels = new SourceTracker();
        while (await splitter.NextAsync(cancellationToken).ConfigureAwait(false) is { } item)
        {
            string position = $"line {item.Line}";
            MappedMessage mapped;
            using (var doc = TelethonMessage.Parse(item, out var raw))
                mapped = TelethonMessage.Map(doc.RootElement, raw, position, context);
            if (mapped.Item is null) continue;
            if (channels.Changed(mapped.Source)) yield return new SourceStarted(mapped.Source, CoverageKind.Partial);
            yield return mapped.Item;
        }
    }
}

/// <summary>Tells when a stream of messages moves to another source, so a header is emitted only then.</summary>
internal sealed class SourceTracker
{
    private string? _key;

    /// <summary>True when <paramref name="source"/> differs from the previous message's source.</summary>
    public bool Changed(SourceInfo source)
    {
        if (source.Key == _key) return false;
        _key = source.Key;
        return true;
    }
}
