using System.Globalization;
using System.Text.RegularExpressions;

namespace Faultline.Analysis.Fractures;

/// <summary>
/// A dated happening an analyst wants change points compared against: an offensive, an announcement, a strike.
/// </summary>
/// <param name="Date">The day it happened, or its first day.</param>
/// <param name="End">The last day of a multi-day event; null for a one-day event.</param>
/// <param name="Kind">A free lower-case word grouping events (military, political, mobilization …).</param>
/// <param name="Title">What happened, in one line.</param>
internal sealed record AnalystEvent(DateOnly Date, DateOnly? End, string Kind, string Title)
{
    /// <summary>The last day the event lasted.</summary>
    public DateOnly LastDay => End ?? Date;
}

/// <summary>What parsing an events file gave: the events read and one line per rejected line.</summary>
internal sealed record EventsFileResult(IReadOnlyList<AnalystEvent> Events, IReadOnlyList<string> Errors);

/// <summary>
/// Reads events files: one event a line, <c>DATE[..END] | KIND | TITLE</c>, dates as yyyy-MM-dd, '#' starts a comment
/// line, blank lines are skipped (docs/events.md). Bad lines are reported as "FILE:LINE: reason" and skipped.
/// </summary>
internal static partial class EventsFile
{
    private const string DefaultResource = "Faultline.Analysis.Fractures.events-2022.txt";

    /// <summary>Parses events text; <paramref name="fileName"/> names the file in error lines.</summary>
    public static EventsFileResult Parse(string text, string fileName)
    {
        var events = new List<AnalystEvent>();
        var errors = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var error = ParseLine(line, out var parsed);
            if (error is null)
                events.Add(parsed!);
            else
                errors.Add($"{fileName}:{i + 1}: {error}");
        }
        events.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : string.CompareOrdinal(a.Title, b.Title));
        return new EventsFileResult(events, errors);
    }

    /// <summary>Reads and parses an events file.</summary>
    public static EventsFileResult Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The shipped events: public milestones of the Russia–Ukraine war in 2022.</summary>
    public static IReadOnlyList<AnalystEvent> Default()
    {
        using var stream = typeof(EventsFile).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResource} is missing.");
        using var reader = new StreamReader(stream);
        var result = Parse(reader.ReadToEnd(), "events-2022.txt");
        return result.Errors.Count == 0
            ? result.Events
            : throw new InvalidOperationException("The shipped events file is invalid: " + string.Join("; ", result.Errors));
    }

    private static string? ParseLine(string line, out AnalystEvent? parsed)
    {
        parsed = null;
        var fields = line.Split('|');
        if (fields.Length != 3)
            return $"expected 'DATE | KIND | TITLE' (3 fields separated by '|'), found {fields.Length}";
        var dates = fields[0].Trim();
        var kind = fields[1].Trim();
        var title = fields[2].Trim();
        var range = dates.Split("..");
        if (range.Length > 2)
            return $"'{dates}' is not a date or a range DATE..DATE";
        if (!TryDate(range[0], out var date))
            return $"'{range[0].Trim()}' is not a date (yyyy-MM-dd)";
        DateOnly? end = null;
        if (range.Length == 2)
        {
            if (!TryDate(range[1], out var last))
                return $"'{range[1].Trim()}' is not a date (yyyy-MM-dd)";
            if (last < date)
                return $"the range ends ({last:yyyy-MM-dd}) before it starts ({date:yyyy-MM-dd})";
            end = last;
        }
        if (!KindPattern().IsMatch(kind))
            return $"kind '{kind}' must be one lower-case word (letters, digits, '-')";
        if (title.Length == 0)
            return "the title is empty";
        parsed = new AnalystEvent(date, end, kind, title);
        return null;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"^[\p{Ll}\p{Nd}][\p{Ll}\p{Nd}\-]*$")]
    private static partial Regex KindPattern();
}
