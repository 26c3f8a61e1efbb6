namespace Inequalities.Sources.Parsing;

/// <summary>
/// A streaming RFC 4180 tokenizer: quoted fields with embedded delimiters, doubled quotes and line breaks; CRLF, LF
/// or CR line ends; a UTF-8 byte-order mark is dropped by the <see cref="StreamReader"/>. Fields are exposed as spans
/// over a reused buffer, valid until the next <see cref="ReadRecord"/>; nothing is allocated per field.
/// </summary>
internal sealed class CsvTokenizer
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos;
    private int _len;
    private char[] _record = new char[1024];
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private long _line = 1;

    public CsvTokenizer(TextReader reader, char delimiter = ',')
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The physical line the current record starts on (1-based).</summary>
    public long LineNumber { get; private set; }

    /// <summary>A field of the current record; empty when the record is shorter.</summary>
    public ReadOnlySpan<char> this[int index] =>
        (uint)index < (uint)FieldCount ? new ReadOnlySpan<char>(_record, _starts[index], _lengths[index]) : default;

    /// <summary>Reads the next record; false at the end of input. Blank lines are skipped.</summary>
    /// <exception cref="FormatException">A quoted field is not closed before the end of input.</exception>
    public bool ReadRecord()
    {
        while (true)
        {
            if (!ReadOne(out var blank))
            {
                return false;
            }

            if (!blank)
            {
                return true;
            }
        }
    }

    private bool ReadOne(out bool blank)
    {
        FieldCount = 0;
        blank = false;
        var used = 0;
        if (!EnsureData())
        {
            return false;
        }

        LineNumber = _line;
        var fieldStart = 0;
        var inQuotes = false;
        var quotedField = false;
        var startLine = _line;
        while (true)
        {
            if (_pos >= _len && !EnsureData())
            {
                if (inQuotes)
                {
                    throw new FormatException($"a quoted field opened on line {startLine} is not closed before the end of the file");
                }

                AddField(fieldStart, used);
                blank = FieldCount == 1 && used == 0;
                return true;
            }

            var c = _buffer[_pos++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (_pos >= _len && !EnsureData())
                    {
                        inQuotes = false;
                        continue;
                    }

                    if (_buffer[_pos] == '"')
                    {
                        _pos++;
                        Append(ref used, '"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    Append(ref used, c);
                }

                continue;
            }

            if (c == _delimiter)
            {
                AddField(fieldStart, used);
                fieldStart = used;
                quotedField = false;
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && (_pos < _len || EnsureData()) && _buffer[_pos] == '\n')
                {
                    _pos++;
                }

                _line++;
                AddField(fieldStart, used);
                blank = FieldCount == 1 && used == 0;
                return true;
            }
            else if (c == '"' && used == fieldStart && !quotedField)
            {
                inQuotes = true;
                quotedField = true;
            }
            else
            {
                Append(ref used, c);
            }
        }
    }

    private bool EnsureData()
    {
        if (_pos < _len)
        {
            return true;
        }

        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }

    private void Append(ref int used, char c)
    {
        if (used == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
        }

        _record[used++] = c;
    }

    private void AddField(int start, int end)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }

        _starts[FieldCount] = start;
        _lengths[FieldCount] = end - start;
        FieldCount++;
    }
}
