using Faultline.Archive;
using Faultline.Archive.Ingestion;
using Faultline.Model;

namespace Faultline.Tests;

/// <summary>Shared builders for test data.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Day = new(2022, 10, 14, 9, 0, 0, TimeSpan.Zero);

    public static SourceInfo Channel(string key = "telegram:1700000001", string? handle = null, string title = "Северный рубеж (fictional)")
        => new(SourceKind.TelegramChannel, key) { Handle = handle, Title = title, NativeId = key.Split(':')[^1] };

    public static Post Post(string id, string text, DateTimeOffset? published = null, string? raw = null) => new()
    {
        NativeId = id,
        Published = published ?? Day.AddMinutes(int.TryParse(id, out var n) ? n : 0),
        Text = text,
        Raw = raw ?? $"{{\"id\":{System.Text.Json.JsonSerializer.Serialize(id)},\"text\":{System.Text.Json.JsonSerializer.Serialize(text)}}}",
    };

    public static PreparedPost Prepared(Post post) => PostPreparation.Prepare(post);

    public static ImportStart Import(string file = "export.json", string? hash = null)
        => new(file, hash ?? Guid.NewGuid().ToString("N"), 100, "test", DateTimeOffset.UtcNow);
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "faultline-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
