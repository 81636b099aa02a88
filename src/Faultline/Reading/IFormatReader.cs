namespace Faultline.Reading;

/// <summary>
/// A reader for one input format. To add a format, copy a folder under Reading/, implement this
/// interface, and list the reader in <see cref="ReaderCatalog"/>.
/// </summary>
public interface IFormatReader
{
    /// <summary>Stable format id, shown to analysts and stored with each import (e.g. "telegram-desktop-json").</summary>
    string Format { get; }

    /// <summary>One line for analysts: what the reader takes and what it leaves out.</summary>
    string Description { get; }

    /// <summary>
    /// How sure the reader is that the input is its format, judged from content (the first bytes), never
    /// from the file name alone: 0 = not mine, 100 = certain. The highest score wins.
    /// </summary>
    int Detect(FileSniff sniff);

    /// <summary>
    /// Streams the input as items: a <see cref="SourceStarted"/> before the posts and events of each
    /// source. Bad input is reported by throwing <see cref="InputException"/> with a position; any other
    /// exception is a bug and is reported as such.
    /// </summary>
    IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context, CancellationToken cancellationToken = default);
}
