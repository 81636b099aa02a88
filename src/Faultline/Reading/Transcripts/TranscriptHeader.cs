namespace Faultline.Reading.Transcripts;

/// <summary>
/// The "Key: value" lines at the top of a transcript, up to the first blank line:
/// <code>
/// Source: Вечерний эфир (fictional)      required: the programme or outlet
/// Date: 2022-10-14 19:00 +03:00          required: when the broadcast started (offset recommended)
/// Title: …                               optional: the episode
/// Language: ru                           optional
/// Url: https://…                         optional: the episode page
/// </code>
/// </summary>
internal sealed class TranscriptHeader
{
    /// <summary>Header keys Faultline understands (case-insensitive).</summary>
    public static readonly string[] Keys = ["source", "date", "title", "language", "url"];

    private const int MaxKeyLength = 30;

    /// <summary>Values by lowercased key.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The 1-based line number of each key.</summary>
    public Dictionary<string, int> Lines { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The 1-based line number of the first line after the header (blank or body).</summary>
    public int EndLine { get; set; }

    /// <summary>Splits a header line into key and value, or returns false when the line is not one.</summary>
    public static bool TryParseLine(ReadOnlySpan<char> line, out string key, out string value)
    {
        key = value = "";
        // Only the first few characters can hold a key: a huge line is judged without scanning it all.
        int colon = line[..Math.Min(line.Length, MaxKeyLength + 1)].IndexOf(':');
        if (colon <= 0) return false;
        var k = line[..colon].Trim();
        if (k.Length == 0) return false;
        foreach (var c in k)
            if (!char.IsLetter(c) && c != ' ' && c != '-' && c != '_') return false;
        key = k.ToString();
        value = line[(colon + 1)..].Trim().ToString();
        return true;
    }

    /// <summary>True when the head of a file starts with a header that names Source and Date.</summary>
    public static bool LooksLikeHeader(string head)
    {
        bool source = false, date = false;
        int lines = 0;
        foreach (var raw in head.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (lines == 0) continue;
                break;
            }
            if (++lines > 20 || !TryParseLine(line, out var key, out var value) || value.Length == 0) break;
            if (key.Equals("source", StringComparison.OrdinalIgnoreCase)) source = true;
            if (key.Equals("date", StringComparison.OrdinalIgnoreCase)) date = true;
        }
        return source && date;
    }
}
