using System.Globalization;
using System.Text.Json;

namespace Inequalities.Sources.Fetch;

/// <summary>
/// What the fetcher reads from an ArcGIS layer's REST answers (Esri's documented behaviour): the layer metadata
/// (<c>?f=json</c>), error bodies (<c>{"error": {"code", "message", "details"}}</c>, sent with any HTTP status,
/// often 200), the count (<c>returnCountOnly</c>) and query pages in Esri JSON (<c>f=json</c>: <c>features[].attributes</c>,
/// <c>exceededTransferLimit</c> at the top level) or GeoJSON (<c>f=geojson</c>: <c>features[].properties</c> and
/// <c>geometry</c>; ArcGIS Online puts <c>exceededTransferLimit</c> under the top-level <c>properties</c>).
/// </summary>
internal static class ArcGisJson
{
    /// <summary>The page size ArcGIS uses when a layer states no <c>maxRecordCount</c>.</summary>
    public const int DefaultMaxRecordCount = 1000;

    /// <summary>Error codes worth trying again (rate limit, server error, unavailable, gateway timeout).</summary>
    private static readonly int[] TransientCodes = [429, 500, 503, 504];

    /// <summary>Throws when a body is an ArcGIS error object: transient for codes 429, 500, 503 and 504, permanent otherwise.</summary>
    /// <param name="root">The parsed body.</param>
    /// <param name="what">What was asked for, for the message ("the layer metadata", "the page at offset 2000").</param>
    /// <param name="retryAfter">A Retry-After the HTTP response carried.</param>
    public static void ThrowIfError(JsonElement root, string what, TimeSpan? retryAfter = null)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var code = error.TryGetProperty("code", out var c) ? c.ValueKind switch
        {
            JsonValueKind.Number when c.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(c.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        } : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var details = error.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).Where(x => !string.IsNullOrWhiteSpace(x)).ToList()
            : [];
        var text = $"the ArcGIS service answered {what} with error {code}: {message ?? "(no message)"}" +
            (details.Count > 0 ? $" ({string.Join("; ", details)})" : string.Empty);
        if (TransientCodes.Contains(code))
        {
            throw new TransientFetchException(text, retryAfter);
        }

        throw new PermanentFetchException(text);
    }

    /// <summary>Reads the layer metadata a query needs.</summary>
    /// <exception cref="PermanentFetchException">The metadata lacks fields or an object-id field, or the layer cannot page.</exception>
    public static LayerInfo ReadLayer(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new PermanentFetchException("the layer metadata (?f=json) has no 'fields' list; is the url an ArcGIS FeatureServer or MapServer layer?");
        }

        var names = new List<string>();
        string? oidField = null;
        foreach (var field in fields.EnumerateArray())
        {
            if (field.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                names.Add(name.GetString()!);
                if (oidField is null && field.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "esriFieldTypeOID")
                {
                    oidField = name.GetString();
                }
            }
        }

        if (root.TryGetProperty("objectIdField", out var oid) && oid.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(oid.GetString()))
        {
            oidField = oid.GetString();
        }

        if (oidField is null)
        {
            throw new PermanentFetchException("the layer metadata names no object-id field (objectIdField, or a field of type esriFieldTypeOID), so its pages cannot be put in a stable order");
        }

        if (root.TryGetProperty("advancedQueryCapabilities", out var caps) && caps.ValueKind == JsonValueKind.Object &&
            caps.TryGetProperty("supportsPagination", out var paging) && paging.ValueKind == JsonValueKind.False)
        {
            throw new PermanentFetchException("the layer does not support pagination (advancedQueryCapabilities.supportsPagination is false)");
        }

        var max = root.TryGetProperty("maxRecordCount", out var mrc) && mrc.ValueKind == JsonValueKind.Number && mrc.TryGetInt32(out var n) && n > 0
            ? n
            : DefaultMaxRecordCount;
        DateTimeOffset? edited = root.TryGetProperty("editingInfo", out var editing) && editing.ValueKind == JsonValueKind.Object &&
            editing.TryGetProperty("lastEditDate", out var last) && last.ValueKind == JsonValueKind.Number && last.TryGetInt64(out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new LayerInfo(names, oidField, max, edited);
    }

    /// <summary>Reads the answer to <c>returnCountOnly=true</c>.</summary>
    public static long ReadCount(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new PermanentFetchException("the answer to returnCountOnly=true has no 'count'");

    /// <summary>The features of a query page and whether the service says more rows remain.</summary>
    public static (JsonElement Features, bool ExceededTransferLimit) ReadPage(JsonElement root, string what)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new PermanentFetchException($"{what} has no 'features' list");
        }

        var exceeded = IsTrue(root, "exceededTransferLimit") ||
            (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object && IsTrue(properties, "exceededTransferLimit"));
        return (features, exceeded);
    }

    /// <summary>Writes one feature of a page as a GeoJSON feature: Esri <c>attributes</c> or GeoJSON <c>properties</c>, and the GeoJSON geometry (or null).</summary>
    public static void WriteFeature(Utf8JsonWriter writer, JsonElement feature, bool geoJson)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WritePropertyName("properties");
        if (feature.TryGetProperty(geoJson ? "properties" : "attributes", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            properties.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WritePropertyName("geometry");
        if (geoJson && feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object)
        {
            geometry.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    private static bool IsTrue(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The metadata of a layer: its field names, object-id field, page size and last edit.</summary>
    public sealed record LayerInfo(IReadOnlyList<string> Fields, string ObjectIdField, int MaxRecordCount, DateTimeOffset? LastEditDate);
}
