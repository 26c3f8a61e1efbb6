using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Inequalities.TestSupport.Publishers;

/// <summary>
/// An imitation of an ArcGIS Online hosted feature service's REST interface, as Esri documents it, for tests over
/// real HTTP. Each <see cref="ArcGisLayer"/> lives at a path such as
/// <c>/ESMARspQHYMw9BZ9/arcgis/rest/services/LSOA21_WD24_LAD24_EW_LU/FeatureServer/0</c> and answers:
/// <list type="bullet">
/// <item><c>&lt;layer&gt;?f=json</c>: the metadata (<c>name</c>, <c>fields</c>, <c>objectIdField</c>, <c>maxRecordCount</c>,
/// <c>editingInfo.lastEditDate</c>, <c>advancedQueryCapabilities.supportsPagination</c>, <c>geometryType</c>);</item>
/// <item><c>&lt;layer&gt;/query</c> with <c>where</c> (see <see cref="ArcGisWhere"/>), <c>outFields</c>, <c>orderByFields</c>,
/// <c>returnGeometry</c>, <c>outSR</c>, <c>returnCountOnly</c>, <c>resultOffset</c>, <c>resultRecordCount</c> (capped at
/// <c>maxRecordCount</c>) and <c>f=json</c> (Esri JSON, <c>exceededTransferLimit</c> at the top level) or <c>f=geojson</c>
/// (<c>exceededTransferLimit</c> under the top-level <c>properties</c>, as ArcGIS Online writes it);</item>
/// <item>bad parameters (an unknown field, a where clause outside the subset, an unknown format): an error body
/// with HTTP 200, as ArcGIS does.</item>
/// </list>
/// Host it on a <see cref="Loopback.LoopbackServer"/> with <c>server.Use(service.HandleAsync)</c>, or from any ASP.NET
/// Core pipeline: <see cref="HandleAsync"/> answers the requests for its layers and returns false for any other path.
/// </summary>
public sealed class ArcGisFeatureService
{
    private readonly ConcurrentDictionary<string, ArcGisLayer> _layers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The layers, by path.</summary>
    public IReadOnlyDictionary<string, ArcGisLayer> Layers => _layers;

    /// <summary>Serves a layer at a path (replacing any layer there).</summary>
    /// <param name="path">The layer path, e.g. <c>/ESMARspQHYMw9BZ9/arcgis/rest/services/NAME/FeatureServer/0</c>.</param>
    /// <param name="layer">The layer.</param>
    /// <returns>The layer, for chaining its settings.</returns>
    public ArcGisLayer Add(string path, ArcGisLayer layer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(layer);
        _layers[Normalise(path)] = layer;
        return layer;
    }

    /// <summary>Answers a request for one of the layers; returns false (writing nothing) for any other path.</summary>
    /// <param name="context">The request.</param>
    public async Task<bool> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = Normalise(context.Request.Path.Value ?? "/");
        var isQuery = path.EndsWith("/query", StringComparison.OrdinalIgnoreCase);
        if (!_layers.TryGetValue(isQuery ? path[..^"/query".Length] : path, out var layer))
        {
            return false;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var format = query.GetValueOrDefault("f", "json");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (format is not ("json" or "pjson" or "geojson"))
            {
                WriteError(json, new ArcGisError(400, "Invalid or missing input parameters.", [$"'f' parameter is invalid: '{format}'"]));
            }
            else if (!isQuery)
            {
                layer.CountMetadata();
                if (layer.MetadataError is { } error)
                {
                    WriteError(json, error);
                }
                else
                {
                    WriteMetadata(json, layer);
                }
            }
            else
            {
                Query(json, layer, query, context.Request.QueryString.Value ?? string.Empty, format == "geojson");
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = format == "geojson" ? "application/geo+json; charset=utf-8" : "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private static string Normalise(string path) => "/" + path.Trim('/');

    private static void Query(Utf8JsonWriter json, ArcGisLayer layer, Dictionary<string, string> query, string rawQuery, bool geoJson)
    {
        var fields = layer.FieldIndex();
        Func<object?[], bool> where;
        int[] outFields;
        List<(int Field, bool Descending)> order;
        try
        {
            where = ArcGisWhere.Compile(query.GetValueOrDefault("where", "1=1"), fields);
            outFields = OutFields(query.GetValueOrDefault("outFields", "*"), fields, layer);
            order = OrderBy(query.GetValueOrDefault("orderByFields", string.Empty), fields);
        }
        catch (FormatException ex)
        {
            layer.CountPage(rawQuery);
            WriteError(json, ArcGisError.InvalidQuery($"Unable to perform query: {ex.Message}. Please check your parameters."));
            return;
        }

        var matched = Enumerable.Range(0, layer.Rows.Count).Where(i => where(layer.Rows[i])).ToList();
        if (IsTrue(query, "returnCountOnly"))
        {
            layer.CountCount(rawQuery);
            json.WriteStartObject();
            json.WriteNumber("count", matched.Count + layer.CountOffset);
            json.WriteEndObject();
            return;
        }

        layer.CountPage(rawQuery);
        foreach (var (field, descending) in Enumerable.Reverse(order))
        {
            var sorted = matched.Order(Comparer<int>.Create((a, b) => Compare(layer.Rows[a][field], layer.Rows[b][field]))).ToList();
            matched = descending ? Enumerable.Reverse(sorted).ToList() : sorted;
        }

        var offset = Int(query, "resultOffset", 0);
        var size = Math.Min(Int(query, "resultRecordCount", layer.MaxRecordCount), layer.MaxRecordCount);
        if (offset < 0 || size < 0)
        {
            WriteError(json, ArcGisError.InvalidQuery());
            return;
        }

        // Page k is the page at offset (k - 1) x page size; pages at other offsets (after a short page) have no number.
        var fault = size > 0 && offset % size == 0 ? layer.TakeFault((offset / size) + 1) : null;
        if (fault?.Error is { } error)
        {
            WriteError(json, error);
            return;
        }

        var rows = matched.Skip(offset).Take(size).ToList();
        var exceeded = offset + rows.Count < matched.Count;
        if (fault?.Rows is { } cut)
        {
            rows = rows.Take(cut).ToList();
            exceeded = fault.ClaimMore;
        }

        var geometry = layer.Geometries is not null && !string.Equals(query.GetValueOrDefault("returnGeometry", "true"), "false", StringComparison.OrdinalIgnoreCase);
        if (geoJson)
        {
            WriteGeoJsonPage(json, layer, rows, outFields, geometry, exceeded);
        }
        else
        {
            WriteEsriPage(json, layer, rows, outFields, geometry, exceeded, Int(query, "outSR", 4326));
        }
    }

    private static void WriteMetadata(Utf8JsonWriter json, ArcGisLayer layer)
    {
        json.WriteStartObject();
        json.WriteNumber("currentVersion", 11.5);
        json.WriteNumber("id", 0);
        json.WriteString("name", layer.Name);
        json.WriteString("type", layer.GeometryType is null ? "Table" : "Feature Layer");
        if (layer.GeometryType is { } geometryType)
        {
            json.WriteString("geometryType", geometryType);
        }

        if (layer.AnnounceObjectIdField)
        {
            json.WriteString("objectIdField", layer.ObjectIdField);
        }

        json.WriteNumber("maxRecordCount", layer.MaxRecordCount);
        json.WriteString("supportedQueryFormats", "JSON, geoJSON, PBF");
        json.WriteStartObject("advancedQueryCapabilities");
        json.WriteBoolean("supportsPagination", true);
        json.WriteBoolean("supportsOrderBy", true);
        json.WriteEndObject();
        if (layer.LastEditDate is { } edited)
        {
            json.WriteStartObject("editingInfo");
            json.WriteNumber("lastEditDate", edited.ToUnixTimeMilliseconds());
            json.WriteEndObject();
        }

        json.WriteStartArray("fields");
        for (var i = 0; i < layer.Fields.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Fields[i]);
            json.WriteString("type", layer.FieldTypes[i]);
            json.WriteString("alias", layer.Fields[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEsriPage(Utf8JsonWriter json, ArcGisLayer layer, List<int> rows, int[] outFields, bool geometry, bool exceeded, int outSr)
    {
        json.WriteStartObject();
        json.WriteString("objectIdFieldName", layer.ObjectIdField);
        if (layer.GeometryType is { } geometryType)
        {
            json.WriteString("geometryType", geometryType);
            json.WriteStartObject("spatialReference");
            json.WriteNumber("wkid", outSr);
            json.WriteEndObject();
        }

        json.WriteStartArray("fields");
        foreach (var f in outFields)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Fields[f]);
            json.WriteString("type", layer.FieldTypes[f]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("features");
        foreach (var r in rows)
        {
            json.WriteStartObject();
            json.WritePropertyName("attributes");
            WriteAttributes(json, layer, r, outFields);
            if (geometry && layer.Geometries![r] is { } shape)
            {
                json.WritePropertyName("geometry");
                EsriGeometry.Write(json, shape);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (exceeded)
        {
            json.WriteBoolean("exceededTransferLimit", true);
        }

        json.WriteEndObject();
    }

    private static void WriteGeoJsonPage(Utf8JsonWriter json, ArcGisLayer layer, List<int> rows, int[] outFields, bool geometry, bool exceeded)
    {
        var oid = layer.Fields.ToList().IndexOf(layer.ObjectIdField);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (var r in rows)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteNumber("id", Convert.ToInt64(layer.Rows[r][oid], CultureInfo.InvariantCulture));
            json.WritePropertyName("geometry");
            if (geometry && layer.Geometries![r] is { } shape)
            {
                shape.WriteTo(json);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WritePropertyName("properties");
            WriteAttributes(json, layer, r, outFields);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (exceeded)
        {
            json.WriteStartObject("properties");
            json.WriteBoolean("exceededTransferLimit", true);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, ArcGisLayer layer, int row, int[] outFields)
    {
        json.WriteStartObject();
        foreach (var f in outFields)
        {
            switch (layer.Rows[row][f])
            {
                case null:
                    json.WriteNull(layer.Fields[f]);
                    break;
                case long l:
                    json.WriteNumber(layer.Fields[f], l);
                    break;
                case double d:
                    json.WriteNumber(layer.Fields[f], d);
                    break;
                case var value:
                    json.WriteString(layer.Fields[f], Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        json.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter json, ArcGisError error)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteNumber("code", error.Code);
        json.WriteString("message", error.Message);
        json.WriteStartArray("details");
        foreach (var detail in error.Details)
        {
            json.WriteStringValue(detail);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static int[] OutFields(string text, Dictionary<string, int> fields, ArcGisLayer layer)
    {
        if (text.Trim() == "*")
        {
            return Enumerable.Range(0, layer.Fields.Count).ToArray();
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Select(n => fields.TryGetValue(n, out var i) ? i : throw new FormatException($"'Invalid field: {n}' parameter is invalid")).ToArray();
    }

    private static List<(int Field, bool Descending)> OrderBy(string text, Dictionary<string, int> fields) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!fields.TryGetValue(words[0], out var field) || words.Length > 2 || (words.Length == 2 && words[1].ToUpperInvariant() is not ("ASC" or "DESC")))
            {
                throw new FormatException($"'orderByFields' parameter is invalid: '{part}'");
            }

            return (field, words.Length == 2 && words[1].Equals("DESC", StringComparison.OrdinalIgnoreCase));
        }).ToList();

    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        _ => string.CompareOrdinal(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture)),
    };

    private static bool IsTrue(Dictionary<string, string> query, string key) =>
        query.TryGetValue(key, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static int Int(Dictionary<string, string> query, string key, int fallback) =>
        query.TryGetValue(key, out var value) && value.Length > 0
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1
            : fallback;

    /// <summary>GeoJSON geometry written as Esri JSON (outer rings clockwise, holes anticlockwise, as Esri requires).</summary>
    private static class EsriGeometry
    {
        public static void Write(Utf8JsonWriter json, JsonNode geometry)
        {
            var type = geometry["type"]!.GetValue<string>();
            var coordinates = geometry["coordinates"]!.AsArray();
            json.WriteStartObject();
            if (type == "Point")
            {
                json.WriteNumber("x", coordinates[0]!.GetValue<double>());
                json.WriteNumber("y", coordinates[1]!.GetValue<double>());
            }
            else
            {
                var polygons = type == "Polygon" ? [coordinates] : coordinates.Select(p => p!.AsArray()).ToList();
                json.WriteStartArray("rings");
                foreach (var polygon in polygons)
                {
                    for (var r = 0; r < polygon.Count; r++)
                    {
                        var ring = polygon[r]!.AsArray().Select(p => (X: p![0]!.GetValue<double>(), Y: p[1]!.GetValue<double>())).ToList();
                        var clockwise = SignedArea(ring) < 0;
                        if (clockwise != (r == 0))
                        {
                            ring.Reverse();
                        }

                        json.WriteStartArray();
                        foreach (var (x, y) in ring)
                        {
                            json.WriteStartArray();
                            json.WriteNumberValue(x);
                            json.WriteNumberValue(y);
                            json.WriteEndArray();
                        }

                        json.WriteEndArray();
                    }
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("spatialReference");
            json.WriteNumber("wkid", 4326);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static double SignedArea(List<(double X, double Y)> ring)
        {
            var sum = 0d;
            for (var i = 0; i + 1 < ring.Count; i++)
            {
                sum += (ring[i].X * ring[i + 1].Y) - (ring[i + 1].X * ring[i].Y);
            }

            return sum / 2;
        }
    }
}
