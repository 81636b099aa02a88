using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Faultline.Cli;

/// <summary>How the CLI prints: tables for people, JSON for tools, errors as one line on stderr.</summary>
internal static class Output
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public static void Error(string message) => Console.Error.WriteLine("faultline: " + message);

    public static string Esc(string? s) => Markup.Escape(s ?? "");

    public static string Time(DateTimeOffset? t) => t is null ? "" : t.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string N(long n) => n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when stdout is a terminal (progress bars and colour); plain lines otherwise.</summary>
    public static bool IsTerminal => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static Table Table(params string[] headers)
    {
        var t = new Table().Border(TableBorder.Simple);
        foreach (var h in headers) t.AddColumn(new TableColumn($"[bold]{Esc(h)}[/]"));
        return t;
    }
}
