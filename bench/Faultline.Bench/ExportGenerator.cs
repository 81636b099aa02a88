using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Faultline.Bench;

/// <summary>
/// Writes a synthetic Telegram Desktop JSON export (2023+ schema) of any size, deterministically from a
/// seed: Russian-, Ukrainian- and English-like posts built from word lists, with entities, forwards,
/// replies, edits and photo placeholders, about 300–600 bytes per post. Streams with Utf8JsonWriter, so a
/// million posts cost no more memory than ten.
/// </summary>
internal static class ExportGenerator
{
    private static readonly string[] Russian =
    [
        "противник", "направление", "позиции", "наступление", "сводка", "военкоры", "министерство", "командование",
        "мобилизация", "снаряжение", "подразделения", "удерживают", "рубеж", "обстрел", "артиллерия", "техника",
        "потери", "данные", "сообщают", "источники", "фронт", "резервы", "ночью", "утром", "продолжает", "попытки",
        "генералы", "блогеры", "список", "вопрос", "повестка", "поддержка", "ситуация", "остаётся", "сложной", "район",
    ];

    private static readonly string[] Ukrainian =
    [
        "противник", "напрямок", "позиції", "наступ", "зведення", "сили", "оборони", "командування", "мобілізація",
        "спорядження", "підрозділи", "утримують", "рубіж", "обстріл", "артилерія", "техніка", "втрати", "дані",
        "повідомляють", "джерела", "фронт", "резерви", "вночі", "зранку", "продовжує", "спроби", "звільнено", "район",
    ];

    private static readonly string[] English =
    [
        "forces", "direction", "positions", "offensive", "report", "milbloggers", "ministry", "command", "mobilisation",
        "equipment", "units", "holding", "line", "shelling", "artillery", "vehicles", "losses", "sources", "claim",
        "front", "reserves", "overnight", "morning", "continues", "attempts", "generals", "list", "question", "agenda",
    ];

    private static readonly string[] Tags = ["#сводка", "#фронт", "#зведення", "#Ukraine", "#мобилизация", "#OSINT"];
    private static readonly string[] Origins = ["Окопная правда (fictional)", "Вартовий (fictional)", "Eastern Front Monitor (fictional)"];

    /// <summary>Writes an export of <paramref name="posts"/> posts to a file; returns its size in bytes.</summary>
    public static long WriteFile(string path, int posts, int seed = 1700)
    {
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            Write(file, posts, seed);
        return new FileInfo(path).Length;
    }

    /// <summary>Writes an export of <paramref name="posts"/> posts to a stream.</summary>
    public static void Write(Stream output, int posts, int seed = 1700)
    {
        var random = new Random(seed);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 1, // Telegram Desktop indents by one space
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // and writes Cyrillic as UTF-8, not \u escapes
            SkipValidation = true,
        });
        json.WriteStartObject();
        json.WriteString("name", "Генератор (fictional)");
        json.WriteString("type", "public_channel");
        json.WriteNumber("id", 1799999999);
        json.WriteStartArray("messages");
        // About 65 s between posts: a million posts span two years and stay in the past.
        long time = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        long id = 0;
        for (int i = 0; i < posts; i++)
        {
            id += random.Next(20) == 0 ? 2 : 1; // deleted posts leave gaps
            time += random.Next(10, 120);
            WriteMessage(json, random, id, time);
            if (json.BytesPending > 1 << 16) json.Flush();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteMessage(Utf8JsonWriter json, Random random, long id, long time)
    {
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteString("type", "message");
        // The exporting computer's local time (UTC+3 here), as Desktop writes it.
        json.WriteString("date", DateTimeOffset.FromUnixTimeSeconds(time + 3 * 3600).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        json.WriteString("date_unixtime", time.ToString(CultureInfo.InvariantCulture));
        if (random.Next(20) == 0)
        {
            long edited = time + random.Next(60, 3600);
            json.WriteString("edited", DateTimeOffset.FromUnixTimeSeconds(edited + 3 * 3600).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            json.WriteString("edited_unixtime", edited.ToString(CultureInfo.InvariantCulture));
        }
        json.WriteString("from", "Генератор (fictional)");
        json.WriteString("from_id", "channel1799999999");
        if (random.Next(10) == 0) json.WriteString("forwarded_from", Origins[random.Next(Origins.Length)]);
        if (id > 1 && random.Next(10) == 0) json.WriteNumber("reply_to_message_id", id - 1 - random.Next((int)Math.Min(id - 1, 50)));
        if (random.Next(10) == 0)
        {
            json.WriteString("photo", $"photos/photo_{id}@01-10-2022_00-00-00.jpg");
            json.WriteNumber("width", 1280);
            json.WriteNumber("height", 960);
        }

        var words = random.Next(4) switch { 0 => Ukrainian, 1 => English, _ => Russian };
        var parts = new List<(string Type, string Text, string? Href)>();
        if (random.Next(4) == 0) parts.Add(("bold", Sentence(random, words, 1, 3), null));
        parts.Add(("plain", (parts.Count > 0 ? " " : "") + Sentence(random, words, 3, 8) + " ", null));
        if (random.Next(6) == 0) parts.Add(("text_link", Sentence(random, words, 1, 3), $"https://example.org/{id}"));
        if (random.Next(3) == 0) parts.Add(("hashtag", Tags[random.Next(Tags.Length)], null));

        // Desktop writes "text" as a plain string when there is no formatting, else as a list of parts.
        if (parts.Count == 1) json.WriteString("text", parts[0].Text);
        else
        {
            json.WriteStartArray("text");
            foreach (var (type, text, href) in parts)
            {
                if (type == "plain") json.WriteStringValue(text);
                else WriteEntity(json, type, text, href);
            }
            json.WriteEndArray();
        }
        json.WriteStartArray("text_entities");
        foreach (var (type, text, href) in parts) WriteEntity(json, type, text, href);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter json, string type, string text, string? href)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("text", text);
        if (href is not null) json.WriteString("href", href);
        json.WriteEndObject();
    }

    private static string Sentence(Random random, string[] words, int min, int max)
    {
        int count = random.Next(min, max + 1);
        var picked = new string[count];
        for (int i = 0; i < count; i++) picked[i] = words[random.Next(words.Length)];
        return string.Join(' ', picked) + (max > 4 ? "." : "");
    }
}
