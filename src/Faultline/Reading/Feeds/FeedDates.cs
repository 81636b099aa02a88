using System.Globalization;
using System.Text.RegularExpressions;

namespace Faultline.Reading.Feeds;

/// <summary>
/// Parses the dates feeds really carry: RFC 822/1123 ("Sat, 07 Jan 2017 18:20:03 +0300", named zones such as
/// GMT, EST, MSK), RFC 3339 / ISO 8601 ("2017-01-07T18:20:03.5+03:00"), and common broken variants: no day
/// name, day names and months in German, French, Spanish, Portuguese or Italian, two-digit years, "1500"
/// without a colon, "+0300 (MSK)" comments, "2018-09-18 14:38:10" without a zone. A missing zone is read as UTC.
/// </summary>
internal static partial class FeedDates
{
    [GeneratedRegex("""^(?:[^\d\s,]+\.?,?\s+)?(?<d>\d{1,2})[\s\-./]+(?<mon>[^\d\s,.\-/]+)\.?[\s\-./]+(?<y>\d{2,4})(?:,?\s+|T)?(?:(?<h>\d{1,2}):?(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,]\d+)?)?)?\s*(?<z>[+\-]\d{1,2}:?\d{2}|[A-Za-z]{1,5})?\b""", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirst();

    [GeneratedRegex("""^(?:[^\d\s,]+\.?,?\s+)?(?<mon>[^\d\s,.\-/]+)\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})(?:,?\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?)?\s*(?<z>[+\-]\d{1,2}:?\d{2}|[A-Za-z]{1,5})?""", RegexOptions.CultureInvariant)]
    private static partial Regex MonthFirst();

    [GeneratedRegex("""^(?<date>\d{4}-\d{1,2}-\d{1,2})(?:[T\s]+(?<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?\s*(?<z>Z|UTC|GMT|[+\-]\d{2}:?\d{2}|[+\-]\d{2})?$""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Iso();

    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["WET"] = TimeSpan.Zero, ["WEST"] = TimeSpan.FromHours(1), ["BST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2), ["MEZ"] = TimeSpan.FromHours(1), ["MESZ"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3), ["MSK"] = TimeSpan.FromHours(3), ["MSD"] = TimeSpan.FromHours(4),
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4), ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6), ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9), ["AKDT"] = TimeSpan.FromHours(-8), ["HST"] = TimeSpan.FromHours(-10),
        ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9), ["HKT"] = TimeSpan.FromHours(8), ["SGT"] = TimeSpan.FromHours(8),
        ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11), ["NZST"] = TimeSpan.FromHours(12), ["NZDT"] = TimeSpan.FromHours(13),
        ["IST"] = new TimeSpan(5, 30, 0),
    };

    // Month name prefixes in the languages of the corpus; longer prefixes first where they disambiguate (juin/juil).
    private static readonly (string Prefix, int Month)[] Months =
    [
        ("juil", 7), ("juin", 6), ("janv", 1), ("févr", 2), ("fevr", 2),
        ("jan", 1), ("ene", 1), ("gen", 1), ("feb", 2), ("fev", 2), ("fév", 2), ("mar", 3), ("mär", 3), ("mrz", 3),
        ("apr", 4), ("abr", 4), ("avr", 4), ("may", 5), ("mai", 5), ("mag", 5), ("jun", 6), ("giu", 6),
        ("jul", 7), ("lug", 7), ("aug", 8), ("ago", 8), ("aoû", 8), ("aou", 8), ("sep", 9), ("set", 9),
        ("oct", 10), ("okt", 10), ("out", 10), ("ott", 10), ("nov", 11), ("dec", 12), ("dez", 12), ("déc", 12), ("dic", 12),
    ];

    /// <summary>Parses a feed date to UTC; false when the text is not a date this parser understands.</summary>
    public static bool TryParse(string? text, out DateTimeOffset utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string s = text.Trim();
        int comment = s.IndexOf('(');
        if (comment > 0) s = s[..comment].TrimEnd();
        if (s.Length > 80) return false;

        var iso = Iso().Match(s);
        if (iso.Success) return TryIso(iso, out utc);
        var m = DayFirst().Match(s);
        if (!m.Success) m = MonthFirst().Match(s);
        return m.Success && TryBuild(m, out utc);
    }

    private static bool TryIso(Match m, out DateTimeOffset utc)
    {
        utc = default;
        string zone = m.Groups["z"].Value;
        string normalised = zone.ToUpperInvariant() switch
        {
            "" or "Z" or "UTC" or "GMT" => "+00:00",
            { Length: 3 } => zone + ":00",
            { Length: 5 } => zone[..3] + ":" + zone[3..],
            _ => zone,
        };
        string time = m.Groups["time"].Success ? m.Groups["time"].Value.Replace(',', '.') : "00:00";
        if (time.Length - time.Replace(":", "").Length == 1) time += ":00";
        string candidate = m.Groups["date"].Value + "T" + time + normalised;
        if (!DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        utc = parsed.ToUniversalTime();
        return true;
    }

    private static bool TryBuild(Match m, out DateTimeOffset utc)
    {
        utc = default;
        int month = MonthOf(m.Groups["mon"].Value);
        if (month == 0) return false;
        int day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["y"].Value.Length == 2) year += year < 50 ? 2000 : 1900;
        else if (m.Groups["y"].Value.Length == 3) return false;
        int hour = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        int minute = m.Groups["mi"].Success ? int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture) : 0;
        int second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        var offset = ZoneOf(m.Groups["z"].Value);
        if (hour > 23 || minute > 59 || second > 60 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month)) return false;
        if (second == 60) second = 59;
        if (year < 1 || year > 9998 || offset.Duration() > TimeSpan.FromHours(14)) return false;
        utc = new DateTimeOffset(year, month, day, hour, minute, second, offset).ToUniversalTime();
        return true;
    }

    private static int MonthOf(string name)
    {
        string lower = name.ToLowerInvariant();
        foreach (var (prefix, month) in Months)
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal)) return month;
        }
        return 0;
    }

    private static TimeSpan ZoneOf(string zone)
    {
        if (zone.Length == 0) return TimeSpan.Zero;
        if (zone[0] is '+' or '-')
        {
            string digits = zone[1..].Replace(":", "");
            if (digits.Length == 3) digits = "0" + digits;
            int hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            int minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59) return TimeSpan.FromDays(1); // rejected by the caller
            var span = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -span : span;
        }
        // Unknown names and RFC 822 military letters (whose signs were specified backwards) count as UTC.
        return Zones.TryGetValue(zone, out var known) ? known : TimeSpan.Zero;
    }
}
