namespace Faultline.Reading.Telethon;

/// <summary>One top-level JSON object of a dump: its exact bytes and the line it starts on.</summary>
internal readonly record struct JsonObjectBytes(ReadOnlyMemory<byte> Bytes, int Line, int Index);

/// <summary>
/// Cuts a dump into its top-level objects without parsing them, so each post keeps its exact original
/// text as <c>Raw</c> and memory stays flat however long the file is. Takes a JSON array of objects
/// (<c>[{…},{…}]</c>) or objects one after another (NDJSON: one per line).
/// </summary>
/// <remarks>
/// Only brackets outside strings are counted; whether the object is valid JSON is left to the parser
/// that reads it next. The bytes returned stay valid until the next call.
/// </remarks>
internal sealed class JsonObjectSplitter(Stream stream) : IDisposable
{
    /// <summary>No single message comes near this; a larger object means the input is not a dump.</summary>
    private const int MaxObjectBytes = 64 * 1024 * 1024;

    private enum Layout { NotStarted, Array, Lines, Done }

    private byte[] _buf = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _pos;
    private int _end;
    private long _consumed; // bytes dropped from the front of the buffer so far, for offsets
    private bool _eof;
    private int _line = 1;
    private int _index;
    private Layout _layout;
    private int _keep = -1; // start of the object being cut; bytes from here on must stay in the buffer

    /// <summary>The next top-level object, or null at the end of the input.</summary>
    public async ValueTask<JsonObjectBytes?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await NextCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new InputException($"offset {_consumed + _pos}", "the file could not be read to the end: " + e.Message, e);
        }
    }

    private async ValueTask<JsonObjectBytes?> NextCoreAsync(CancellationToken ct)
    {
        switch (_layout)
        {
            case Layout.Done:
                return null;
            case Layout.NotStarted:
            {
                await FillAsync(ct).ConfigureAwait(false);
                if (_end >= 3 && _buf[0] == 0xEF && _buf[1] == 0xBB && _buf[2] == 0xBF) _pos = 3;
                int first = await SkipSpaceAsync(ct).ConfigureAwait(false);
                if (first == '[')
                {
                    _layout = Layout.Array;
                    _pos++;
                    int b = await SkipSpaceAsync(ct).ConfigureAwait(false);
                    if (b == ']') return await FinishArrayAsync(ct).ConfigureAwait(false);
                    return await CutAsync(b, ct).ConfigureAwait(false);
                }
                if (first == '{')
                {
                    _layout = Layout.Lines;
                    return await CutAsync(first, ct).ConfigureAwait(false);
                }
                if (first < 0) throw new InputException("line 1", "the file is empty: expected a JSON array of messages or one JSON message per line");
                throw new InputException($"line {_line}", "expected a JSON array of messages or one JSON message per line");
            }
            case Layout.Array:
            {
                int b = await SkipSpaceAsync(ct).ConfigureAwait(false);
                if (b == ']') return await FinishArrayAsync(ct).ConfigureAwait(false);
                if (b < 0) throw new InputException($"line {_line}", "the JSON array is never closed (the file looks truncated)");
                if (b != ',') throw new InputException($"line {_line}", $"expected ',' or ']' after message {_index}, found '{Printable(b)}'");
                _pos++;
                b = await SkipSpaceAsync(ct).ConfigureAwait(false);
                if (b == ']') throw new InputException($"line {_line}", "a comma after the last message of the array");
                return await CutAsync(b, ct).ConfigureAwait(false);
            }
            default:
            {
                int b = await SkipSpaceAsync(ct).ConfigureAwait(false);
                if (b < 0)
                {
                    _layout = Layout.Done;
                    return null;
                }
                return await CutAsync(b, ct).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<JsonObjectBytes?> FinishArrayAsync(CancellationToken ct)
    {
        _pos++;
        int after = await SkipSpaceAsync(ct).ConfigureAwait(false);
        if (after >= 0) throw new InputException($"line {_line}", "unexpected content after the end of the JSON array");
        _layout = Layout.Done;
        return null;
    }

    private static string Printable(int b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

    private async ValueTask<JsonObjectBytes?> CutAsync(int first, CancellationToken ct)
    {
        if (first < 0) throw new InputException($"line {_line}", "the file ends where a message was expected (truncated?)");
        if (first != '{')
            throw new InputException($"line {_line}", $"expected a message object '{{', found '{Printable(first)}'");
        int startLine = _line;
        _keep = _pos;
        int depth = 0;
        bool inString = false, escaped = false;
        while (true)
        {
            var buf = _buf;
            int end = _end;
            int p = _pos;
            while (p < end)
            {
                byte b = buf[p++];
                if (b == (byte)'\n') _line++;
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (b == (byte)'\\') escaped = true;
                    else if (b == (byte)'"') inString = false;
                    continue;
                }
                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        if (--depth == 0)
                        {
                            _pos = p;
                            var bytes = new ReadOnlyMemory<byte>(_buf, _keep, p - _keep);
                            _keep = -1;
                            return new JsonObjectBytes(bytes, startLine, ++_index);
                        }
                        break;
                }
            }
            _pos = p;
            if (!await FillAsync(ct).ConfigureAwait(false))
                throw new InputException($"line {startLine}", $"message {_index + 1} is cut off: the file ends inside it (truncated?)");
        }
    }

    /// <summary>Returns the next non-space byte without consuming it, or -1 at the end.</summary>
    private async ValueTask<int> SkipSpaceAsync(CancellationToken ct)
    {
        while (true)
        {
            while (_pos < _end)
            {
                byte b = _buf[_pos];
                if (b == (byte)'\n') _line++;
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return b;
                _pos++;
            }
            if (!await FillAsync(ct).ConfigureAwait(false)) return -1;
        }
    }

    /// <summary>Reads more bytes, keeping those from <see cref="_keep"/> (or the scan position) on.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_eof) return false;
        int from = _keep >= 0 ? _keep : _pos;
        if (from > 0)
        {
            Buffer.BlockCopy(_buf, from, _buf, 0, _end - from);
            _end -= from;
            _pos -= from;
            if (_keep >= 0) _keep = 0;
            _consumed += from;
        }
        if (_end == _buf.Length)
        {
            if (_buf.Length >= MaxObjectBytes)
                throw new InputException($"offset {_consumed}", "a single message is larger than 64 MB: this is not a message dump");
            var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(_buf.Length * 2);
            Buffer.BlockCopy(_buf, 0, bigger, 0, _end);
            System.Buffers.ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }
        int n = await stream.ReadAsync(_buf.AsMemory(_end), ct).ConfigureAwait(false);
        if (n == 0)
        {
            _eof = true;
            return false;
        }
        _end += n;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buf.Length > 0) System.Buffers.ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }
}
