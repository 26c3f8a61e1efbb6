using System.Text.Json;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Reads a JSON array of flat objects (or an object whose first array property holds them) as rows, streaming the
/// array element by element: only one element is in memory at a time (<see cref="JsonArrayStream"/>), so a national
/// points layer costs its largest feature, not its size. The header is the union of the first object's property
/// names; nested values are kept as their JSON text. GeoJSON features whose geometry is a point also give their
/// coordinates as two more columns, <see cref="GeoJsonPoint.X"/> and <see cref="GeoJsonPoint.Y"/> (a point layer such as ONS's population-weighted
/// centroids has no coordinate attributes).
/// </summary>
internal sealed class JsonTabularReader : TabularReader
{
    private readonly string _sourceId;
    private readonly JsonArrayStream _elements;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _headers = [];
    private string[] _row = [];
    private bool _pending;

    private readonly string? _recordProperty;

    /// <param name="sourceId">The source id, for messages.</param>
    /// <param name="stream">The JSON document.</param>
    /// <param name="recordProperty">When set, each element's object property of that name is the record (GeoJSON <c>properties</c>).</param>
    public JsonTabularReader(string sourceId, Stream stream, string? recordProperty = null)
    {
        _sourceId = sourceId;
        _recordProperty = recordProperty;
        _elements = new JsonArrayStream(stream, static _ => true);
        if (!MoveNext())
        {
            _elements.Dispose();
            throw new SourceDataException(sourceId, null, null, "the JSON holds no records; expected an array of objects");
        }

        var first = Record(_elements.Current);
        if (first.ValueKind is not JsonValueKind.Object and var kind)
        {
            _elements.Dispose();
            throw new SourceDataException(sourceId, 1, null, $"expected a JSON object per record, found {kind}");
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

        _pending = true;
    }

    private readonly int _pointAt = -1;

    public override IReadOnlyList<string> Headers => _headers;

    public override bool Read()
    {
        if (_pending)
        {
            _pending = false;
        }
        else if (!MoveNext())
        {
            return false;
        }

        var feature = _elements.Current;
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
        }
    }

    /// <summary>Moves to the next element; malformed JSON is reported with the row being read.</summary>
    private bool MoveNext()
    {
        try
        {
            return _elements.MoveNext();
        }
        catch (JsonException ex)
        {
            _elements.Dispose();
            var row = _elements.InArray ? Row + 1 : (long?)null;
            throw new SourceDataException(_sourceId, row, null, $"the file is not valid JSON ({ex.Message})");
        }
    }

    private JsonElement Record(JsonElement element) =>
        _recordProperty is not null && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(_recordProperty, out var inner)
            ? inner
            : element;
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
