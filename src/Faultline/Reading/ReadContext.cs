namespace Faultline.Reading;

/// <summary>What a reader knows about the input besides its bytes.</summary>
public sealed class ReadContext
{
    /// <summary>Creates a context for one file.</summary>
    public ReadContext(string filePath) => FilePath = filePath;

    /// <summary>Path of the input file (for messages, and for readers of multi-file exports).</summary>
    public string FilePath { get; }

    /// <summary>A channel handle the analyst supplied (Desktop exports carry none).</summary>
    public string? HandleOverride { get; init; }

    /// <summary>Non-fatal findings ("item 3: title looks double-encoded, repaired").</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Records a non-fatal finding.</summary>
    public void Warn(string position, string message) => Warnings.Add($"{position}: {message}");
}
