namespace Faultline.Reading.TelegramDesktop;

/// <summary>
/// The message ids already read in one chat, to reject duplicates without memory that grows with the
/// export. Desktop exports list ids in ascending order, so the common case stores nothing: an id above
/// every id so far cannot be a repeat. Ids are kept in a bitmap sized by the largest id (1M ids ≈ 128 KB);
/// ids beyond the bitmap's cap fall back to a set.
/// </summary>
internal sealed class SeenIds
{
    private const long BitmapCap = 1L << 27; // 16 MB of bitmap at most
    private ulong[] _bits = new ulong[1024];
    private HashSet<long>? _overflow;

    /// <summary>Records an id; false when it was already there.</summary>
    public bool Add(long id)
    {
        if (id < 0 || id >= BitmapCap)
        {
            _overflow ??= [];
            return _overflow.Add(id);
        }
        long word = id >> 6;
        if (word >= _bits.Length)
        {
            long size = _bits.Length;
            while (size <= word) size *= 2;
            Array.Resize(ref _bits, (int)Math.Min(size, BitmapCap >> 6));
        }
        ulong mask = 1UL << (int)(id & 63);
        if ((_bits[word] & mask) != 0) return false;
        _bits[word] |= mask;
        return true;
    }
}
