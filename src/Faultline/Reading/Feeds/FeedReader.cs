using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Faultline.Model;

namespace Faultline.Reading.Feeds;

/// <summary>
/// Reads syndication feeds: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom and JSON Feed, in any encoding the
/// document declares or that can be told from its bytes. A feed is one source; each item is one post.
/// </summary>
/// <remarks>
/// A feed is a window onto a site (its last N items), so coverage is always <see cref="CoverageKind.Partial"/>.
/// The whole file is read into memory: feeds are small, and the channel facts that name the source may come
/// after the items.
/// </remarks>
internal sealed partial class FeedReader : IFormatReader
{
    /// <summary>Refuse files above this size: no real feed comes near it.</summary>
    private const int MaxBytes = 256 * 1024 * 1024;

    /// <inheritdoc />
    public string Format => "feed";

    /// <inheritdoc />
    public string Description =>
        "RSS 0.9x/1.0/2.0, Atom and JSON Feed files in any declared or detectable encoding; each item becomes a post "
        + "(HTML reduced to text with its links). A feed is a window, so missing items prove nothing.";

    [GeneratedRegex("""^\{[\s\S]*?"version"\s*:\s*"[^"]*jsonfeed\.org""", RegexOptions.CultureInvariant)]
    private static partial Regex JsonFeedVersion();

    /// <inheritdoc />
    public int Detect(FileSniff sniff)
    {
        if (sniff.LooksBinary) return 0;
        var text = sniff.Trimmed.TrimStart('\uFEFF').TrimStart();
        if (text.IsEmpty) return 0;
        if (text[0] == '{') return JsonFeedVersion().IsMatch(text) ? 95 : 0;
        if (text[0] != '<') return 0;
        string? root = RootName(text);
        if (root is null) return 0;
        string local = root[(root.IndexOf(':') + 1)..];
        return local switch
        {
            "rss" => 95,
            "feed" => 95,
            "RDF" when text.Contains("purl.org/rss", StringComparison.Ordinal) || text.Contains("<item", StringComparison.Ordinal) => 95,
            "RDF" => 40,
            _ => 0,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadItem> ReadAsync(Stream input, ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] bytes = await ReadAllAsync(input, cancellationToken).ConfigureAwait(false);
        var (source, posts) = Read(bytes, context, cancellationToken);
        yield return new SourceStarted(source, CoverageKind.Partial);
        foreach (var post in posts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new PostRead(post);
        }
    }

    private static (SourceInfo Source, List<Post> Posts) Read(byte[] bytes, ReadContext context, CancellationToken cancellationToken)
    {
        if (bytes.Length == 0) throw new InputException("offset 0", "the file is empty");
        try
        {
            var decoded = FeedDecoding.Decode(bytes, context);
            string text = decoded.Text;
            RejectBinary(text);
            int first = 0;
            while (first < text.Length && (char.IsWhiteSpace(text[first]) || text[first] == '\uFEFF')) first++;
            if (first == text.Length) throw new InputException("offset 0", "the file holds only whitespace");
            var document = text[first] switch
            {
                '<' => XmlFeedParser.Parse(text, context, cancellationToken),
                '{' => JsonFeedParser.Parse(text, context, cancellationToken),
                _ => throw new InputException("line 1", "not a feed: the file starts with neither '<' (XML) nor '{' (JSON)"),
            };
            var (fallbackTime, fallbackName) = FallbackTime(context.FilePath);
            var source = FeedMapping.Source(document.Channel, context);
            var posts = new List<Post>(document.Entries.Count);
            foreach (var entry in document.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                posts.Add(FeedMapping.Post(entry, document.Channel, fallbackTime, fallbackName, context));
            }
            return (source, posts);
        }
        catch (Exception e) when (e is XmlException or JsonException or DecoderFallbackException or FormatException or ArgumentException
                                      or OverflowException or InvalidOperationException && e is not ObjectDisposedException)
        {
            // Anything the parsers did not turn into a positioned error is still bad input, not a crash.
            throw new InputException("offset 0", "the feed could not be read: " + e.Message, e);
        }
    }

    // With no date in the item or the channel, the file's modification time is the best stand-in for when
    // the feed was fetched (and stays the same on re-import); failing that, the import time.
    private static (DateTimeOffset Time, string Name) FallbackTime(string path)
    {
        try
        {
            if (File.Exists(path)) return (new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero), "file's modification time");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // fall through to the import time
        }
        return (DateTimeOffset.UtcNow, "import time");
    }

    private static void RejectBinary(string text)
    {
        int control = 0, probe = Math.Min(text.Length, FileSniff.Size);
        for (int i = 0; i < probe; i++)
        {
            char c = text[i];
            if (c == '\0') throw new InputException($"offset {i}", "binary data (NUL characters), not a feed");
            if (c < '\t' || (c > '\r' && c < ' ')) control++;
        }
        if (control * 20 > probe) throw new InputException("offset 0", "binary data (many control characters), not a feed");
    }

    private static async Task<byte[]> ReadAllAsync(Stream input, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > MaxBytes) throw new InputException($"offset {MaxBytes}", "the file is too large for a feed (over 256 MiB)");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    // The name of the first element after the prolog (declaration, processing instructions, comments, doctype).
    private static string? RootName(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] != '<') return null;
            var rest = text[i..];
            if (rest.StartsWith("<?"))
            {
                int end = rest.IndexOf("?>");
                if (end < 0) return null;
                i += end + 2;
            }
            else if (rest.StartsWith("<!--"))
            {
                int end = rest.IndexOf("-->");
                if (end < 0) return null;
                i += end + 3;
            }
            else if (rest.StartsWith("<!"))
            {
                int bracket = rest.IndexOf('['), close = rest.IndexOf('>');
                if (close < 0) return null;
                if (bracket >= 0 && bracket < close)
                {
                    int subsetEnd = rest.IndexOf("]>");
                    if (subsetEnd < 0) return null;
                    close = subsetEnd + 1;
                }
                i += close + 1;
            }
            else
            {
                int start = i + 1, j = start;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is ':' or '_' or '-' or '.')) j++;
                return j > start ? text[start..j].ToString() : null;
            }
        }
        return null;
    }
}
