using System.Text;
using System.Text.Unicode;

namespace Faultline.Text;

/// <summary>The single-byte encoding that UTF-8 bytes were wrongly read as.</summary>
internal enum MojibakeStyle
{
    /// <summary>No double encoding found.</summary>
    None,
    /// <summary>UTF-8 read as windows-1252 or ISO-8859-1 ("ÐœÐ¾ÑÐºÐ²Ð°", "ActualitÃ©s").</summary>
    Windows1252,
    /// <summary>UTF-8 read as windows-1251 ("РњРѕСЃРєРІР°").</summary>
    Windows1251,
}

/// <summary>What <see cref="Mojibake.Analyse"/> found and did.</summary>
/// <param name="Text">The repaired text, or the input when nothing was repaired.</param>
/// <param name="Style">How the repaired runs had been mis-decoded (the first style that applied).</param>
/// <param name="RepairedRuns">How many runs of non-ASCII characters were repaired.</param>
/// <param name="StillSuspect">True when the result still shows double-encoding markers that could not be reversed
/// (typically because bytes were lost on the way, e.g. C1 controls dropped).</param>
internal readonly record struct MojibakeFinding(string Text, MojibakeStyle Style, int RepairedRuns, bool StillSuspect)
{
    /// <summary>True when the text was changed.</summary>
    public bool Repaired => RepairedRuns > 0;
}

/// <summary>
/// Detects and reverses double encoding: UTF-8 bytes that were decoded as windows-1252/latin1 or windows-1251
/// and then stored again as UTF-8. Feeds from Russian-language aggregators and misconfigured CMSs carry it.
/// </summary>
/// <remarks>
/// The repair works run by run: a run is a maximal stretch of non-ASCII characters, because every byte of a
/// multi-byte UTF-8 sequence is ≥ 0x80 and therefore every mis-decoded sequence becomes non-ASCII characters.
/// A run is rewritten only when (1) each of its characters maps back to one byte of the suspected code page,
/// (2) those bytes are valid UTF-8, (3) the run shows at least one lead/continuation marker pair and the
/// result shows fewer, and (4) the result is plausible text (letters of the scripts single-byte pages cover,
/// punctuation, emoji, or several East Asian characters; no C1 controls, no replacement characters). Clean Russian,
/// German or French text fails (2): its letters map to bytes that never form valid UTF-8 sequences
/// (a Cyrillic word in cp1251 is a run of lead bytes with no continuation bytes), so there are no false repairs
/// in practice. Text that was double-encoded twice is repaired by repeating, at most three times.
/// </remarks>
internal static class Mojibake
{
    private const int MaxPasses = 3;

    private static readonly Dictionary<char, byte> Cp1252 = BuildTable(1252, sloppyC1: true);
    private static readonly Dictionary<char, byte> Cp1251 = BuildTable(1251, sloppyC1: true);

    /// <summary>
    /// Returns the text with double-encoded runs reversed; clean text comes back unchanged (same instance). Repeated until
    /// nothing changes, so that repairing a repaired text changes nothing: amid leftover garbage a repaired pair such as
    /// "Гё" can itself read as a double-encoded run (a property test found this).
    /// </summary>
    public static string Repair(string text)
    {
        var current = Analyse(text).Text;
        for (int round = 0; round < MaxPasses; round++)
        {
            var next = Analyse(current).Text;
            if (next == current) break;
            current = next;
        }
        return current;
    }

    /// <summary>Repairs what can be repaired and reports what was found.</summary>
    public static MojibakeFinding Analyse(string? text)
    {
        if (string.IsNullOrEmpty(text) || !HasNonAscii(text)) return new(text ?? "", MojibakeStyle.None, 0, false);
        string current = text;
        var style = MojibakeStyle.None;
        int repaired = 0;
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            var (next, passStyle, runs) = RepairPass(current);
            if (runs == 0) break;
            if (style == MojibakeStyle.None) style = passStyle;
            repaired += runs;
            current = next;
            // Another pass only for text encoded twice over: the first result must still show strong markers.
            if (StrongMarkerCount(current) == 0) break;
        }
        return new(current, style, repaired, LooksDoubleEncoded(current));
    }

    /// <summary>
    /// True when the text shows at least two strong markers of double encoding: a UTF-8 lead for Latin-1 or
    /// Cyrillic letters (Ã Â Ð Ñ as windows-1252, Р С as windows-1251) followed by a continuation-byte character.
    /// One marker alone ("Сё…") is too common in clean Russian to count.
    /// </summary>
    public static bool LooksDoubleEncoded(string? text) => StrongMarkerCount(text) >= 2;

    /// <summary>Counts strong lead/continuation marker pairs (see <see cref="LooksDoubleEncoded"/>).</summary>
    public static int StrongMarkerCount(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        int count = 0;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            char a = text[i], b = text[i + 1];
            if (a is 'Ã' or 'Â' or 'Ð' or 'Ñ' && IsContinuation(Cp1252, b)) count++;
            else if (a is 'Р' or 'С' && IsContinuation(Cp1251, b)) count++;
        }
        return count;
    }

    private static (string Text, MojibakeStyle Style, int Runs) RepairPass(string text)
    {
        StringBuilder? sb = null;
        var style = MojibakeStyle.None;
        int runs = 0, copied = 0, i = 0;
        while (i < text.Length)
        {
            if (text[i] < 0x80) { i++; continue; }
            int start = i;
            while (i < text.Length && text[i] >= 0x80) i++;
            var run = text.AsSpan(start, i - start);
            var fixedRun = TryRepairRun(run, Cp1252);
            var runStyle = MojibakeStyle.Windows1252;
            if (fixedRun is null)
            {
                fixedRun = TryRepairRun(run, Cp1251);
                runStyle = MojibakeStyle.Windows1251;
            }
            if (fixedRun is null) continue;
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, copied, start - copied).Append(fixedRun);
            copied = i;
            runs++;
            if (style == MojibakeStyle.None) style = runStyle;
        }
        if (sb is null) return (text, MojibakeStyle.None, 0);
        sb.Append(text, copied, text.Length - copied);
        return (sb.ToString(), style, runs);
    }

    private static string? TryRepairRun(ReadOnlySpan<char> run, Dictionary<char, byte> table, int depth = 0)
    {
        if (run.Length < 2 || MarkerCount(run, table) == 0) return null;
        Span<byte> bytes = run.Length <= 512 ? stackalloc byte[run.Length] : new byte[run.Length];
        for (int k = 0; k < run.Length; k++)
        {
            if (!table.TryGetValue(run[k], out bytes[k])) return null;
        }
        if (!Utf8.IsValid(bytes)) return null;
        string result = Encoding.UTF8.GetString(bytes);
        if (!Plausible(result))
        {
            // Text garbled twice holds C1 controls and markers after one reversal; accept it only if it reverses again.
            return depth < MaxPasses ? TryRepairRun(result, Cp1252, depth + 1) ?? TryRepairRun(result, Cp1251, depth + 1) : null;
        }
        return MarkerCount(result, table) < MarkerCount(run, table) ? result : null;
    }

    // What mojibake hides is ordinary text: letters of the scripts that single-byte pages cover, punctuation (’ “ — …),
    // currency, emoji. A result in a rare block (NKo from "ß«", archaic Cyrillic from "Сё") is an accident of clean
    // text, and so is a single CJK character (French "é\u00A0»" is E9 A0 BB, "頻"); real CJK mojibake hides several.
    private static bool Plausible(string result)
    {
        int far = 0;
        foreach (var rune in result.EnumerateRunes())
        {
            int v = rune.Value;
            bool near = v is >= 0xA0 and <= 0x24F or >= 0x370 and <= 0x3FF or >= 0x400 and <= 0x45F or >= 0x48A and <= 0x52F
                or >= 0x590 and <= 0x6FF or >= 0x1E00 and <= 0x1EFF or >= 0x2000 and <= 0x206F or >= 0x20A0 and <= 0x20CF
                or >= 0x2100 and <= 0x214F or >= 0x2190 and <= 0x21FF or >= 0x25A0 and <= 0x27BF or >= 0x1F000 and <= 0x1FAFF;
            if (near) continue;
            bool east = v is >= 0x3000 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0xFF00 and <= 0xFFEF;
            if (!east) return false;
            far++;
        }
        return far != 1;
    }

    // A marker: a character that maps to a UTF-8 lead byte (C2..F4) followed by one that maps to a continuation
    // byte (80..BF) in the same code page.
    private static int MarkerCount(ReadOnlySpan<char> text, Dictionary<char, byte> table)
    {
        int count = 0;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if (table.TryGetValue(text[i], out byte lead) && lead is >= 0xC2 and <= 0xF4 && IsContinuation(table, text[i + 1])) count++;
        }
        return count;
    }

    private static bool IsContinuation(Dictionary<char, byte> table, char c)
        => table.TryGetValue(c, out byte b) && b is >= 0x80 and <= 0xBF;

    private static bool HasNonAscii(string text)
    {
        foreach (char c in text) if (c >= 0x80) return true;
        return false;
    }

    // Maps each character of the code page's upper half back to its byte. "Sloppy" also maps the C1 controls
    // U+0080..U+009F to the bytes of the same value, as the undefined bytes (0x81, 0x8D, 0x98 …) survive a
    // mis-decoding as those controls.
    private static Dictionary<char, byte> BuildTable(int codePage, bool sloppyC1)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
        var table = new Dictionary<char, byte>();
        for (int b = 0x80; b <= 0xFF; b++)
        {
            string s = encoding.GetString([(byte)b]);
            if (s.Length == 1 && s[0] != '\uFFFD') table.TryAdd(s[0], (byte)b);
        }
        if (sloppyC1)
        {
            for (int b = 0x80; b <= 0x9F; b++) table.TryAdd((char)b, (byte)b);
        }
        return table;
    }
}
