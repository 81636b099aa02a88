using System.Text;

namespace Faultline.Reading.FourCat;

/// <summary>
/// Reads RFC 4180 CSV one record at a time: fields separated by commas, records by CRLF, LF or CR;
/// quoted fields may hold commas, line breaks and doubled quotes. Keeps each record's exact text so a
/// post can carry its row as <c>Raw</c>, and the physical line each record starts on for error messages.
/// </summary>
/// <remarks>
/// Lenient where spreadsheet tools are sloppy (a stray quote inside an unquoted field is kept as text),
/// strict where data would be lost (text after a closing quote, a quote never closed).
/// </remarks>
internal sealed class CsvRecordReader(TextReader reader)
{
    private const int MaxRecordChars = 16 * 1024 * 1024;

    private readonly char[] _buf = new char[16 * 1024];
    private int _pos;
    private int _end;
    private bool _eof;
    private int _line = 1;
    private bool _skipLineFeed; // a CR ended the previous record; a LF right after it belongs to it
    private bool _lastWasCarriageReturn;
    private readonly StringBuilder _field = new();
    private readonly StringBuilder _raw = new();

    /// <summary>The fields of the current record.</summary>
    public List<string> Fields { get; } = [];

    /// <summary>The current record exactly as it stands in the file, without its line break.</summary>
    public string RawText { get; private set; } = "";

    /// <summary>The physical line (1-based) the current record starts on.</summary>
    public int Line { get; private set; }

    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        Fields.Clear();
        _field.Clear();
        _raw.Clear();
        Line = _line;
        var state = State.FieldStart;
        bool any = false;
        while (true)
        {
            if (_pos == _end)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (state == State.Quoted)
                        throw new InputException($"line {Line}", "a quoted field is never closed (the file ends inside it)");
                    if (!any) return false;
                    EndField();
                    RawText = _raw.ToString();
                    return true;
                }
            }
            char c = _buf[_pos++];
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (c == '\n')
                {
                    _lastWasCarriageReturn = false;
                    continue;
                }
            }
            any = true;
            // CRLF counts as one line break, in a quoted field as much as between records.
            if (c == '\r' || (c == '\n' && !_lastWasCarriageReturn)) _line++;
            _lastWasCarriageReturn = c == '\r';
            if (c is '\r' or '\n' && state != State.Quoted)
            {
                if (state != State.FieldStart || Fields.Count > 0 || _raw.Length > 0) EndField();
                _skipLineFeed = c == '\r';
                RawText = _raw.ToString();
                return true;
            }
            if (_raw.Length >= MaxRecordChars)
                throw new InputException($"line {Line}", "a record is longer than 16 million characters (an unclosed quote?)");
            _raw.Append(c);
            switch (state)
            {
                case State.FieldStart:
                    if (c == '"') state = State.Quoted;
                    else if (c == ',') EndField();
                    else
                    {
                        _field.Append(c);
                        state = State.Unquoted;
                    }
                    break;
                case State.Unquoted:
                    if (c == ',')
                    {
                        EndField();
                        state = State.FieldStart;
                    }
                    else _field.Append(c);
                    break;
                case State.Quoted:
                    if (c == '"') state = State.QuoteInQuoted;
                    else _field.Append(c);
                    break;
                case State.QuoteInQuoted:
                    if (c == '"')
                    {
                        _field.Append('"');
                        state = State.Quoted;
                    }
                    else if (c == ',')
                    {
                        EndField();
                        state = State.FieldStart;
                    }
                    else
                        throw new InputException($"line {_line}", $"unexpected '{c}' after a closing quote in field {Fields.Count + 1}");
                    break;
            }
        }
    }

    private void EndField()
    {
        Fields.Add(_field.ToString());
        _field.Clear();
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof) return false;
        try
        {
            _end = await reader.ReadAsync(_buf.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException($"line {_line}", "the file is not valid UTF-8 text", e);
        }
        catch (IOException e)
        {
            throw new InputException($"line {_line}", "the file could not be read to the end: " + e.Message, e);
        }
        _pos = 0;
        if (_end == 0)
        {
            _eof = true;
            return false;
        }
        return true;
    }
}
