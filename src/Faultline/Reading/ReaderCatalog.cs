namespace Faultline.Reading;

/// <summary>The readers Faultline knows, and content-based detection over them.</summary>
public sealed class ReaderCatalog
{
    private readonly IReadOnlyList<IFormatReader> _readers;

    /// <summary>Creates a catalog over the given readers.</summary>
    public ReaderCatalog(IEnumerable<IFormatReader> readers) => _readers = readers.ToList();

    /// <summary>Every built-in reader.</summary>
    public static ReaderCatalog Default { get; } = new(BuiltIn());

    /// <summary>The readers in this catalog.</summary>
    public IReadOnlyList<IFormatReader> Readers => _readers;

    /// <summary>Picks the reader that is surest about the input, or null with the reason none fits.</summary>
    public (IFormatReader? Reader, string? Reason) Detect(FileSniff sniff)
    {
        if (sniff.Head.Length == 0) return (null, "empty file");
        if (sniff.LooksBinary) return (null, "binary file, not a supported text format");
        IFormatReader? best = null;
        int bestScore = 0;
        foreach (var reader in _readers)
        {
            int score = reader.Detect(sniff);
            if (score > bestScore) { best = reader; bestScore = score; }
        }
        return best is null
            ? (null, "unrecognised format (supported: " + string.Join(", ", _readers.Select(r => r.Format)) + ")")
            : (best, null);
    }

    private static IEnumerable<IFormatReader> BuiltIn()
    {
        // One line per reader; keep the list in the order of docs/formats.md.
        yield return new TelegramDesktop.TelegramDesktopJsonReader();
        yield return new TelegramDesktop.TelegramDesktopHtmlReader();
    }
}
