using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faultline.Archive.Sqlite;

/// <summary>How structured columns (entities, media, forward, metrics) are written as JSON.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? Write<T>(IReadOnlyList<T> items) => items.Count == 0 ? null : JsonSerializer.Serialize(items, Options);

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// A list of strings as <see cref="Write{T}"/> writes it, without the serializer's per-call set-up: a full claims
    /// rebuild writes a million of them (each member's evidence).
    /// </summary>
    public static string? WriteStrings(IReadOnlyList<string> items)
    {
        if (items.Count == 0) return null;
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder });
        writer.Reset(buffer);
        writer.WriteStartArray();
        foreach (var item in items) writer.WriteStringValue(item);
        writer.WriteEndArray();
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string? WriteObject<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, Options);

    public static IReadOnlyList<T> ReadList<T>(string? json) => string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];

    public static T? ReadObject<T>(string? json) where T : class => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, Options);
}

/// <summary>Unix-millisecond times.</summary>
internal static class Time
{
    public static long ToMs(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static object Db(DateTimeOffset? t) => t is null ? DBNull.Value : t.Value.ToUnixTimeMilliseconds();

    public static DateTimeOffset? FromDb(object? v) => v is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
}
