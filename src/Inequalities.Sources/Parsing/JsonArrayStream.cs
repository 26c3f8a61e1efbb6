using System.Text.Json;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Streams the elements of one array of a JSON document, one element at a time: the root array, or the array of a
/// property of the root object (a GeoJSON FeatureCollection's <c>features</c>, the first array of an ArcGIS query
/// answer). The document is read through <see cref="Utf8JsonReader"/> over a refillable buffer, so memory is bounded
/// by the largest element, not the document. The rest of the document (properties after the array, such as ArcGIS's
/// <c>exceededTransferLimit</c>) is read and checked once the array ends; any malformed JSON throws
/// <see cref="JsonException"/>.
/// </summary>
/// <remarks>
/// System.Text.Json streams only root-level arrays (<see cref="JsonSerializer.DeserializeAsyncEnumerable{TValue}(Stream, JsonSerializerOptions?, CancellationToken)"/>);
/// an array inside an object needs the reader loop below (the pattern of the System.Text.Json docs' "read from a
/// stream using Utf8JsonReader"): each element is found with <see cref="Utf8JsonReader.TrySkip"/> and, once its last
/// byte is buffered, materialised alone with <see cref="JsonDocument.ParseValue"/>.
/// </remarks>
internal sealed class JsonArrayStream : IDisposable
{
    private const int InitialBuffer = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Func<string?, bool> _isRecordArray;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;
    private int _end;
    private bool _final;
    private bool _bomChecked;
    private JsonReaderState _state;
    private JsonDocument? _current;
    private Phase _phase;

    /// <param name="stream">The UTF-8 JSON document (a leading byte-order mark is skipped).</param>
    /// <param name="isRecordArray">
    /// Whether an array holds the records: called with <see langword="null"/> for an array at the root, and with the
    /// property's name for an array that is a property of the root object; the first array it accepts is streamed.
    /// </param>
    /// <param name="maxDepth">The deepest nesting allowed.</param>
    /// <param name="leaveOpen">Whether <paramref name="stream"/> stays open when this is disposed.</param>
    public JsonArrayStream(Stream stream, Func<string?, bool> isRecordArray, int maxDepth = 64, bool leaveOpen = false)
    {
        _stream = stream;
        _isRecordArray = isRecordArray;
        _leaveOpen = leaveOpen;
        _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth });
    }

    private enum Phase
    {
        Start,
        InArray,
        Done,
    }

    /// <summary>The current element; valid until the next <see cref="MoveNext"/> or <see cref="Dispose"/>.</summary>
    public JsonElement Current => _current?.RootElement ?? default;

    /// <summary>Whether the document has an accepted array (known once <see cref="MoveNext"/> has been called).</summary>
    public bool FoundArray { get; private set; }

    /// <summary>Whether the stream is inside the array (a failure now is in the element after the last one read).</summary>
    public bool InArray => _phase == Phase.InArray;

    /// <summary>
    /// Moves to the next element of the array: false at its end, or when the document has no accepted array (then
    /// <see cref="FoundArray"/> is false). Either way the whole document has been read and checked by then.
    /// </summary>
    /// <exception cref="JsonException">The document is not valid JSON (empty, cut short, or malformed).</exception>
    public bool MoveNext()
    {
        _current?.Dispose();
        _current = null;
        if (_phase == Phase.Start)
        {
            FoundArray = FindArray();
            _phase = FoundArray ? Phase.InArray : Phase.Done;
            if (!FoundArray)
            {
                ReadToEnd();
            }
        }

        if (_phase != Phase.InArray)
        {
            return false;
        }

        if (NextElement() is { } element)
        {
            _current = element;
            return true;
        }

        _phase = Phase.Done;
        ReadToEnd();
        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Reads up to the start of the accepted array; false (having read the root value) when there is none.</summary>
    private bool FindArray()
    {
        var root = ReadToken();
        if (root == JsonTokenType.StartArray)
        {
            if (_isRecordArray(null))
            {
                return true;
            }

            SkipRestOf();
            return false;
        }

        if (root != JsonTokenType.StartObject)
        {
            return false;
        }

        while (ReadToken(out var name) == JsonTokenType.PropertyName)
        {
            var value = PeekToken();
            if (value == JsonTokenType.StartArray && _isRecordArray(name))
            {
                ReadToken();
                return true;
            }

            SkipValue();
        }

        return false;
    }

    /// <summary>The next element materialised alone, or null at the end of the array (its closing bracket consumed).</summary>
    private JsonDocument? NextElement()
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Commit(ref reader);
                    return null;
                }

                var probe = reader;
                if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || probe.TrySkip())
                {
                    var element = JsonDocument.ParseValue(ref reader);
                    Commit(ref reader);
                    return element;
                }
            }

            if (!Fill())
            {
                throw new JsonException("The JSON ends inside the array of records.");
            }
        }
    }

    /// <summary>Reads the rest of the document after the array (or the root value), checking it is well formed and complete.</summary>
    private void ReadToEnd()
    {
        while (ReadToken() != JsonTokenType.None)
        {
        }
    }

    /// <summary>Skips to the end of the array or object whose start was the last token read.</summary>
    private void SkipRestOf()
    {
        var depth = 1;
        while (depth > 0)
        {
            switch (ReadToken())
            {
                case JsonTokenType.StartArray or JsonTokenType.StartObject:
                    depth++;
                    break;
                case JsonTokenType.EndArray or JsonTokenType.EndObject:
                    depth--;
                    break;
                case JsonTokenType.None:
                    return;
            }
        }
    }

    /// <summary>Skips the next value (a scalar, or an object or array with everything in it) without keeping it.</summary>
    private void SkipValue()
    {
        var token = ReadToken();
        if (token is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            SkipRestOf();
        }
    }

    private JsonTokenType ReadToken() => ReadToken(out _);

    /// <summary>Reads one token; <see cref="JsonTokenType.None"/> at the end of the document.</summary>
    private JsonTokenType ReadToken(out string? propertyName)
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                propertyName = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
                Commit(ref reader);
                return reader.TokenType;
            }

            if (!Fill())
            {
                propertyName = null;
                return JsonTokenType.None;
            }
        }
    }

    /// <summary>The type of the next token, without consuming it.</summary>
    private JsonTokenType PeekToken()
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                return reader.TokenType;
            }

            if (!Fill())
            {
                return JsonTokenType.None;
            }
        }
    }

    private Utf8JsonReader Reader() => new(_buffer.AsSpan(_start, _end - _start), _final, _state);

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>Reads more of the stream into the buffer (growing it when one value fills it); false once the stream has ended.</summary>
    private bool Fill()
    {
        if (_final)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        do
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            _final = read == 0;
        }
        while (!_bomChecked && _end < 3 && !_final);

        if (!_bomChecked)
        {
            // A byte-order mark is not JSON: step over it before the reader sees the first byte.
            _bomChecked = true;
            if (_buffer.AsSpan(0, _end).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                _start = 3;
            }
        }

        return true;
    }
}
