using System.Text.Json;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Reads a JSON array of flat objects (or an object whose first array property holds them) as rows, streaming the
/// array element by element. The header is the union of the first object's property names; nested values are kept
/// as their JSON text. GeoJSON features whose geometry is a point also give their coordinates as two more columns,
/// <see cref="GeoJsonPoint.X"/> and <see cref="GeoJsonPoint.Y"/> (a point layer such as ONS's population-weighted
/// centroids has no coordinate attributes).
/// </summary>
internal sealed class JsonTabularReader : TabularReader
{
    private readonly Stream _stream;
    private readonly IEnumerator<JsonElement> _elements;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _headers = [];
    private string[] _row = [];
    private JsonElement? _pending;

    private readonly string? _recordProperty;

    /// <param name="sourceId">The source id, for messages.</param>
    /// <param name="stream">The JSON document.</param>
    /// <param name="recordProperty">When set, each element's object property of that name is the record (GeoJSON <c>properties</c>).</param>
    public JsonTabularReader(string sourceId, Stream stream, string? recordProperty = null)
    {
        _stream = stream;
        _recordProperty = recordProperty;
        _elements = Elements(stream).GetEnumerator();
        if (!_elements.MoveNext())
        {
            throw new SourceDataException(sourceId, null, null, "the JSON holds no records; expected an array of objects");
        }

        var first = Record(_elements.Current);
        if (first.ValueKind != JsonValueKind.Object)
        {
            throw new SourceDataException(sourceId, 1, null, $"expected a JSON object per record, found {first.ValueKind}");
        }

        foreach (var property in first.EnumerateObject())
        {
            _index[property.Name] = _headers.Count;
            _headers.Add(CleanHeader(property.Name));
        }

        if (recordProperty is not null && GeoJsonPoint.Of(_elements.Current) is not null && !_index.ContainsKey(GeoJsonPoint.X))
        {
            _pointAt = _headers.Count;
            _headers.Add(GeoJsonPoint.X);
            _headers.Add(GeoJsonPoint.Y);
        }

        _pending = _elements.Current;
    }

    private readonly int _pointAt = -1;

    public override IReadOnlyList<string> Headers => _headers;

    public override bool Read()
    {
        JsonElement feature;
        if (_pending is { } pending)
        {
            feature = pending;
            _pending = null;
        }
        else if (_elements.MoveNext())
        {
            feature = _elements.Current;
        }
        else
        {
            return false;
        }

        var element = Record(feature);

        if (_row.Length != _headers.Count)
        {
            _row = new string[_headers.Count];
        }

        Array.Fill(_row, string.Empty);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (_index.TryGetValue(property.Name, out var i))
                {
                    _row[i] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                        JsonValueKind.Number => property.Value.GetRawText(),
                        JsonValueKind.True => "TRUE",
                        JsonValueKind.False => "FALSE",
                        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
                        _ => property.Value.GetRawText(),
                    };
                }
            }
        }

        if (_pointAt >= 0 && GeoJsonPoint.Of(feature) is { } point)
        {
            _row[_pointAt] = point.X;
            _row[_pointAt + 1] = point.Y;
        }

        Row++;
        return true;
    }

    public override ReadOnlySpan<char> Field(int index) => (uint)index < (uint)_row.Length ? _row[index].AsSpan() : default;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _elements.Dispose();
            _stream.Dispose();
        }
    }

    private JsonElement Record(JsonElement element) =>
        _recordProperty is not null && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(_recordProperty, out var inner)
            ? inner
            : element;

    private static readonly byte[] JsonPadding = [(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', 0xEF, 0xBB, 0xBF];

    private static IEnumerable<JsonElement> Elements(Stream stream)
    {
        // Peek at the first significant byte (after any BOM) without needing a seekable stream.
        var prefix = new byte[4096];
        var read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        var first = prefix.AsSpan(0, read).IndexOfAnyExcept(JsonPadding);
        var whole = new PrefixedStream(prefix.AsMemory(0, read), stream);
        if (first >= 0 && prefix[first] == (byte)'[')
        {
            foreach (var e in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(whole).ToBlockingEnumerable())
            {
                yield return e;
            }

            yield break;
        }

        using var document = JsonDocument.Parse(whole);
        var array = document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array)
            : default;
        if (array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var e in array.EnumerateArray())
        {
            yield return e.Clone();
        }
    }

    /// <summary>Replays bytes already read before continuing with the rest of the stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ForwardOnlyStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty)
            {
                return rest.Read(buffer);
            }

            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _prefix.IsEmpty ? rest.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

/// <summary>The coordinates of a GeoJSON feature's point geometry, readable as two columns.</summary>
internal static class GeoJsonPoint
{
    /// <summary>The column holding a point's first coordinate (longitude in WGS84, easting in British National Grid).</summary>
    public const string X = "geometry.x";

    /// <summary>The column holding a point's second coordinate (latitude, northing).</summary>
    public const string Y = "geometry.y";

    /// <summary>A feature's point coordinates as written, or null when its geometry is not a point.</summary>
    public static (string X, string Y)? Of(JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var type) || type.GetString() != "Point"
            || !geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array || coordinates.GetArrayLength() < 2)
        {
            return null;
        }

        return (coordinates[0].GetRawText(), coordinates[1].GetRawText());
    }
}
