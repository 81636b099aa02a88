using System.Text;
using System.Text.Json;

namespace Faultline.Tests;

/// <summary>Writes small Telegram Desktop exports (2023+ schema) for ingestion tests.</summary>
internal static class DesktopExport
{
    public sealed record Message(long Id, DateTimeOffset Date, string Text, DateTimeOffset? Edited = null);

    public static void Write(string path, long channelId, string name, IEnumerable<Message> messages)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", "public_channel");
        w.WriteNumber("id", channelId);
        w.WriteStartArray("messages");
        foreach (var m in messages)
        {
            w.WriteStartObject();
            w.WriteNumber("id", m.Id);
            w.WriteString("type", "message");
            w.WriteString("date", m.Date.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("date_unixtime", m.Date.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (m.Edited is { } e)
            {
                w.WriteString("edited", e.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("edited_unixtime", e.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            w.WriteString("from", name);
            w.WriteString("from_id", "channel" + channelId);
            w.WriteString("text", m.Text);
            w.WriteStartArray("text_entities");
            w.WriteStartObject();
            w.WriteString("type", "plain");
            w.WriteString("text", m.Text);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Deterministic filler posts of realistic size.</summary>
    public static IEnumerable<Message> Filler(int count, DateTimeOffset start, int seed = 1)
    {
        var rng = new Random(seed);
        string[] words = ["генералы", "Минобороны", "блогеры", "списки", "фронт", "мобилизация", "наступление", "Херсон", "Лиман", "командование",
            "сообщают", "источники", "военкоры", "позиции", "армия", "заявил", "сегодня", "вечером", "обстрел", "колонна", "техника", "резервисты"];
        for (int i = 1; i <= count; i++)
        {
            var sb = new StringBuilder();
            int n = 25 + rng.Next(40);
            for (int w = 0; w < n; w++) sb.Append(words[rng.Next(words.Length)]).Append(w % 9 == 8 ? ". " : " ");
            yield return new Message(i, start.AddSeconds(i * 37), sb.ToString().Trim() + " #" + i);
        }
    }
}
