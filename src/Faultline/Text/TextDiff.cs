namespace Faultline.Text;

/// <summary>One piece of a word-level diff.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>Whether a diff piece was kept, removed or added.</summary>
public enum DiffKind
{
    /// <summary>In both texts.</summary>
    Same,
    /// <summary>Only in the older text.</summary>
    Removed,
    /// <summary>Only in the newer text.</summary>
    Added,
}

/// <summary>
/// Word-level diff of two versions of a post (longest common subsequence over words and the whitespace
/// between them), so an analyst sees exactly which words an edit changed.
/// </summary>
public static class TextDiff
{
    private const int MaxCells = 4_000_000;

    /// <summary>Diffs two texts; falls back to "all removed, all added" for texts too long to align.</summary>
    public static IReadOnlyList<DiffPiece> Words(string older, string newer)
    {
        var a = Split(older);
        var b = Split(newer);
        int prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix]) suffix++;
        var pieces = new List<DiffPiece>();
        if (prefix > 0) pieces.Add(new DiffPiece(DiffKind.Same, string.Concat(a.Take(prefix))));
        var midA = a.Skip(prefix).Take(a.Count - prefix - suffix).ToList();
        var midB = b.Skip(prefix).Take(b.Count - prefix - suffix).ToList();
        if ((long)midA.Count * midB.Count > MaxCells)
        {
            if (midA.Count > 0) pieces.Add(new DiffPiece(DiffKind.Removed, string.Concat(midA)));
            if (midB.Count > 0) pieces.Add(new DiffPiece(DiffKind.Added, string.Concat(midB)));
        }
        else
        {
            Align(midA, midB, pieces);
        }
        if (suffix > 0) pieces.Add(new DiffPiece(DiffKind.Same, string.Concat(a.Skip(a.Count - suffix))));
        return Merge(pieces);
    }

    private static void Align(List<string> a, List<string> b, List<DiffPiece> pieces)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (int i = a.Count - 1; i >= 0; i--)
            for (int j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { pieces.Add(new DiffPiece(DiffKind.Same, a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) pieces.Add(new DiffPiece(DiffKind.Removed, a[x++]));
            else pieces.Add(new DiffPiece(DiffKind.Added, b[y++]));
        }
        while (x < a.Count) pieces.Add(new DiffPiece(DiffKind.Removed, a[x++]));
        while (y < b.Count) pieces.Add(new DiffPiece(DiffKind.Added, b[y++]));
    }

    private static List<DiffPiece> Merge(List<DiffPiece> pieces)
    {
        var merged = new List<DiffPiece>();
        foreach (var p in pieces)
        {
            if (merged.Count > 0 && merged[^1].Kind == p.Kind) merged[^1] = p with { Text = merged[^1].Text + p.Text };
            else merged.Add(p);
        }
        return merged;
    }

    /// <summary>Words and the runs of whitespace between them, so joining the pieces gives the text back.</summary>
    private static List<string> Split(string s)
    {
        var list = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            int start = i;
            bool space = char.IsWhiteSpace(s[i]);
            while (i < s.Length && char.IsWhiteSpace(s[i]) == space) i++;
            list.Add(s[start..i]);
        }
        return list;
    }
}
