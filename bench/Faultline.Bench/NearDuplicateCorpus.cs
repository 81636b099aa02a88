using System.Text;

namespace Faultline.Bench;

/// <summary>A generated post: its id, the family of planted copies it belongs to, and its raw text.</summary>
internal sealed record PlantedPost(long Id, int Family, string Text);

/// <summary>
/// A deterministic corpus with planted near-duplicates, shared by the near-duplicate tests and benchmark.
/// </summary>
/// <remarks>
/// Words come from a vocabulary of 40,000 made-up Cyrillic words, drawn with a skew (index = V·u²) so that some
/// words are common, as in news, yet unrelated posts almost never share a word 3-gram. A family is one base
/// post (15–80 words); 35% of families get 1–4 copies, each made from the base or from an earlier copy by a few
/// edits: adjacent words swapped, a word inserted, deleted or replaced, an emoji added, an attribution line
/// ("Источник: @channel") appended. The number of edits is drawn from 0 to a sixth of the length, so true Jaccard
/// values spread from 1 down to well below 0.8: the corpus tests both sides of the threshold. Posts are shuffled
/// (copies are not adjacent) with a fixed seed; the same seed always gives the same posts.
/// </remarks>
internal static class NearDuplicateCorpus
{
    private const int Vocabulary = 40_000;
    private static readonly string[] Syllables =
    [
        "ба", "ве", "ги", "до", "жу", "зо", "ка", "ле", "ми", "но", "пу", "ра", "се", "ти", "фу", "ха", "це", "чи",
        "ша", "щу", "бро", "вла", "гре", "дру", "кро", "пла", "сто", "тра", "зве", "мо", "лу", "ны", "ст", "ков", "ин",
    ];
    private static readonly string[] Emoji = ["⚡️", "❗️", "🔥", "🇷🇺", "🇺🇦", "👉", "😱", "💥"];
    private static readonly string[] Channels = ["rian_ru", "tass_agency", "readovkanews", "rybar", "mash", "shot_shot", "bazabazon", "breakingmash"];

    /// <summary>The words of the shared vocabulary (deterministic).</summary>
    private static readonly string[] Words = BuildVocabulary();

    /// <summary><paramref name="count"/> posts with ids 1 … count.</summary>
    public static List<PlantedPost> Generate(int count, int seed = 2022)
    {
        var random = new Random(seed);
        var texts = new List<(int Family, string Text)>(count);
        var family = 0;
        while (texts.Count < count)
        {
            var length = 15 + random.Next(66);
            var words = new List<string>(length + 8);
            for (var i = 0; i < length; i++) words.Add(Pick(random));
            texts.Add((family, string.Join(' ', words)));
            if (random.NextDouble() < 0.35)
            {
                var versions = new List<List<string>> { words };
                var copies = 1 + random.Next(4);
                for (var c = 0; c < copies && texts.Count < count; c++)
                {
                    var parent = versions[random.Next(versions.Count)];
                    var copy = Edit(parent, random);
                    versions.Add(copy);
                    texts.Add((family, Decorate(copy, random)));
                }
            }
            family++;
        }
        // Fisher–Yates with the same generator: deterministic, copies scattered.
        for (var i = texts.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (texts[i], texts[j]) = (texts[j], texts[i]);
        }
        var posts = new List<PlantedPost>(texts.Count);
        for (var i = 0; i < texts.Count; i++) posts.Add(new PlantedPost(i + 1, texts[i].Family, texts[i].Text));
        return posts;
    }

    private static List<string> Edit(List<string> parent, Random random)
    {
        var words = new List<string>(parent);
        var edits = random.Next(words.Count / 6 + 1);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(words.Count);
            switch (random.Next(4))
            {
                case 0 when at + 1 < words.Count:
                    (words[at], words[at + 1]) = (words[at + 1], words[at]);
                    break;
                case 1:
                    words.Insert(at, Pick(random));
                    break;
                case 2 when words.Count > 5:
                    words.RemoveAt(at);
                    break;
                default:
                    words[at] = Pick(random);
                    break;
            }
        }
        return words;
    }

    /// <summary>Emoji and attribution lines: noise an analyst sees on every copy, most of it gone after normalisation.</summary>
    private static string Decorate(List<string> words, Random random)
    {
        var text = new StringBuilder();
        if (random.NextDouble() < 0.5) text.Append(Emoji[random.Next(Emoji.Length)]).Append(' ');
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0) text.Append(' ');
            // Case changes are normalised away; make some so the normalisation is exercised.
            text.Append(i == 0 && random.NextDouble() < 0.5 ? char.ToUpperInvariant(words[i][0]) + words[i][1..] : words[i]);
        }
        if (random.NextDouble() < 0.3) text.Append("\n\nИсточник: @").Append(Channels[random.Next(Channels.Length)]);
        return text.ToString();
    }

    private static string Pick(Random random)
    {
        var u = random.NextDouble();
        return Words[(int)(Vocabulary * u * u)];
    }

    private static string[] BuildVocabulary()
    {
        var random = new Random(40_000);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new string[Vocabulary];
        var n = 0;
        var builder = new StringBuilder();
        while (n < Vocabulary)
        {
            builder.Clear();
            var syllables = 1 + random.Next(4);
            for (var s = 0; s < syllables; s++) builder.Append(Syllables[random.Next(Syllables.Length)]);
            var word = builder.ToString();
            if (seen.Add(word)) words[n++] = word;
        }
        return words;
    }
}
