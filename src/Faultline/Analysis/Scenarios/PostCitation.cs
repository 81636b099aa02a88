using System.Text.RegularExpressions;
using Faultline.Archive;

namespace Faultline.Analysis.Scenarios;

/// <summary>
/// A post reference as an analyst writes it in a scenario file — https://t.me/handle/123, t.me/s/handle/123,
/// @handle/123 or handle/123 — and its resolution against the archive.
/// </summary>
internal static partial class PostCitation
{
    /// <summary>(handle, native id), or null when the text is not a post reference.</summary>
    public static (string Handle, string NativeId)? Parse(string text)
    {
        var s = text.Trim();
        foreach (var prefix in new[] { "https://", "http://" })
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) s = s[prefix.Length..];
        foreach (var prefix in new[] { "www.t.me/", "t.me/s/", "t.me/", "telegram.me/", "@" })
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) s = s[prefix.Length..];
        var query = s.IndexOfAny(['?', '#']);
        if (query >= 0) s = s[..query];
        var m = Reference().Match(s.TrimEnd('/'));
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value) : null;
    }

    /// <summary>The archived post the reference names, or null (not a reference, or not in the archive).</summary>
    public static StoredPost? Resolve(IArchive archive, string text)
        => Parse(text) is var (handle, id) ? archive.FindPost(handle, id) : null;

    [GeneratedRegex(@"^([A-Za-z0-9_]{2,64})/([0-9]{1,19})$")]
    private static partial Regex Reference();
}
