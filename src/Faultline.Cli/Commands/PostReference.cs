using Faultline.Archive;

namespace Faultline.Cli.Commands;

/// <summary>Parses "HANDLE/ID", "@handle/ID" and t.me links into (source, native id).</summary>
internal static class PostReference
{
    public static (string Source, string Id) Parse(string text)
    {
        var reference = text.Trim();
        foreach (var prefix in new[] { "https://", "http://", "t.me/s/", "t.me/" })
            if (reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) reference = reference[prefix.Length..];
        int slash = reference.LastIndexOf('/');
        if (slash <= 0 || slash == reference.Length - 1) throw new UsageException($"'{text}' is not HANDLE/ID (for example severny_rubezh_fict/4107)");
        return (reference[..slash].TrimStart('@'), reference[(slash + 1)..]);
    }

    public static StoredPost? Find(IArchive archive, string text)
    {
        var (source, id) = Parse(text);
        return archive.FindPost(source, id);
    }
}
