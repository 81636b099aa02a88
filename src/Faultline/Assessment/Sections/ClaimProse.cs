using System.Globalization;
using Faultline.Analysis.Actors;
using Faultline.Model;

namespace Faultline.Assessment.Sections;

/// <summary>The English of the claim sections: dates as ISW writes them, counts in words, lists of names.</summary>
internal static class ClaimProse
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly string[] Small = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>"October 14", with the year when it differs from <paramref name="referenceYear"/> ("October 14, 2021").</summary>
    public static string Day(DateTimeOffset t, int referenceYear)
    {
        var utc = t.ToUniversalTime();
        return utc.Year == referenceYear ? utc.ToString("MMMM d", En) : utc.ToString("MMMM d, yyyy", En);
    }

    /// <summary>"2022-10-14 09:12 UTC".</summary>
    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>"one" … "nine", then digits.</summary>
    public static string Count(int n) => n >= 0 && n < Small.Length ? Small[n] : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"3 claims", "1 claim".</summary>
    public static string Plural(int n, string noun, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : plural ?? noun + "s");

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    /// <summary>"45 minutes", "an hour", "26 hours", "3 days".</summary>
    public static string Span(TimeSpan t)
    {
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        if (t.TotalMinutes < 1.5) return "a minute";
        if (t.TotalMinutes < 60) return $"{Math.Round(t.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes";
        if (t.TotalHours < 1.5) return "an hour";
        if (t.TotalHours < 48) return $"{Math.Round(t.TotalHours).ToString(CultureInfo.InvariantCulture)} hours";
        return $"{Math.Round(t.TotalDays).ToString(CultureInfo.InvariantCulture)} days";
    }

    /// <summary>"channels" when every source is a Telegram channel or group, else "sources" ("channel" or "source" for one).</summary>
    public static string Outlets(ReportContext context, IEnumerable<long> sources)
    {
        var list = sources.Distinct().ToList();
        var telegram = list.All(s => context.Sources.TryGetValue(s, out var summary) && summary.Info.Kind is SourceKind.TelegramChannel or SourceKind.TelegramGroup);
        return (telegram ? "channel" : "source") + (list.Count == 1 ? "" : "s");
    }

    /// <summary>An actor as prose names it: "the Ministry of Defence of the Russian Federation", "Vladimir Putin".</summary>
    public static string Actor(Actor actor) =>
        actor.Kind == ActorKind.Organisation && !actor.Name.StartsWith("The ", StringComparison.Ordinal) ? "the " + actor.Name : actor.Name;

    /// <summary>The first letter in upper case.</summary>
    public static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A percentage for tables: "25%", "33.3%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
