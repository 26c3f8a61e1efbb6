using System.Text.Json;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// The GeoJSON polygon reader every part of Inequalities uses (the boundaries parser and the choropleth): the
/// Polygon and MultiPolygon features of a FeatureCollection as rings of longitude and latitude pairs. The caller
/// picks the features and names them from their properties, and says how a problem is reported (a source's row, a
/// file's feature), so every message names where it is and what was expected. The features are streamed one at a
/// time (<see cref="JsonArrayStream"/>): a national boundary layer of hundreds of megabytes costs the polygons kept
/// and its largest feature, not the whole document.
/// </summary>
public static class GeoJsonPolygons
{
    /// <summary>Reads the chosen features of a GeoJSON FeatureCollection, in file order.</summary>
    /// <param name="stream">The GeoJSON text.</param>
    /// <param name="select">
    /// Called with each feature's 1-based number and the feature (see <see cref="Properties"/> and
    /// <see cref="HasPolygons"/>); returns the feature's key (e.g. its area code), or <see langword="null"/> to skip the
    /// feature. It may throw to reject the feature. The feature is valid only during the call (features are streamed).
    /// </param>
    /// <param name="error">
    /// Makes the exception for a problem from the 1-based feature number (<see langword="null"/> for the file as a
    /// whole) and what is wrong (e.g. <c>area E01000002: geometry type 'Point' is not Polygon or MultiPolygon</c>).
    /// </param>
    /// <returns>The chosen features with their polygons (each a list of rings: the outer ring, then any holes).</returns>
    /// <exception cref="Exception">Whatever <paramref name="error"/> makes: the file is not JSON, not a FeatureCollection,
    /// or a chosen feature has no geometry, another geometry type, or rings that are not [longitude, latitude] pairs
    /// with at least 3 vertices.</exception>
    public static IReadOnlyList<GeoJsonPolygonFeature> Read(Stream stream, Func<long, JsonElement, string?> select, Func<long?, string, Exception> error)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(select);
        ArgumentNullException.ThrowIfNull(error);
        using var features = new JsonArrayStream(stream, static name => name == "features", maxDepth: 256, leaveOpen: true);
        var result = new List<GeoJsonPolygonFeature>();
        long number = 0;
        while (Next(features, number, error))
        {
            number++;
            var feature = features.Current;
            if (select(number, feature) is not { } key)
            {
                continue;
            }

            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
            {
                throw error(number, $"area {key} has no geometry; boundaries need Polygon or MultiPolygon geometries");
            }

            result.Add(new GeoJsonPolygonFeature(number, key, ReadGeometry(number, key, geometry, error)));
        }

        if (!features.FoundArray)
        {
            throw error(null, "expected a GeoJSON FeatureCollection with a 'features' array");
        }

        return result;
    }

    /// <summary>Moves to the next feature; malformed JSON is reported for the feature being read, or the file as a whole.</summary>
    private static bool Next(JsonArrayStream features, long number, Func<long?, string, Exception> error)
    {
        try
        {
            return features.MoveNext();
        }
        catch (JsonException ex)
        {
            throw error(features.InArray ? number + 1 : null, $"the file is not valid GeoJSON ({ex.Message})");
        }
    }

    /// <summary>A feature's <c>properties</c> object, or an element of kind <see cref="JsonValueKind.Undefined"/> when it has none.</summary>
    /// <param name="feature">A feature of the collection.</param>
    public static JsonElement Properties(JsonElement feature) =>
        feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;

    /// <summary>Whether a feature's geometry is a Polygon or MultiPolygon (a feature without geometry, or with points or lines, is not).</summary>
    /// <param name="feature">A feature of the collection.</param>
    public static bool HasPolygons(JsonElement feature) =>
        feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object
        && g.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is "Polygon" or "MultiPolygon";

    private static double[][][] ReadGeometry(long number, string key, JsonElement geometry, Func<long?, string, Exception> error)
    {
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw error(number, $"area {key}: the {type} geometry has no coordinates");
        }

        if (type is not ("Polygon" or "MultiPolygon"))
        {
            throw error(number, $"area {key}: geometry type '{type}' is not Polygon or MultiPolygon");
        }

        try
        {
            return type == "Polygon" ? [ReadPolygon(coordinates)] : coordinates.EnumerateArray().Select(ReadPolygon).ToArray();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw error(number, $"area {key}: the {type} coordinates are not rings of [longitude, latitude] pairs with at least 3 vertices ({ex.Message})");
        }
    }

    private static double[][] ReadPolygon(JsonElement polygon) =>
        polygon.EnumerateArray().Select(ring =>
        {
            var flat = new double[ring.GetArrayLength() * 2];
            var i = 0;
            foreach (var position in ring.EnumerateArray())
            {
                flat[i++] = position[0].GetDouble();
                flat[i++] = position[1].GetDouble();
            }

            if (flat.Length < 6)
            {
                throw new FormatException($"a ring has {flat.Length / 2} vertices");
            }

            return flat;
        }).ToArray();
}

/// <summary>One feature read by <see cref="GeoJsonPolygons.Read"/>.</summary>
/// <param name="Number">The feature's 1-based position in the file.</param>
/// <param name="Key">The key the caller gave it (e.g. its area code).</param>
/// <param name="Polygons">Its polygons; each a list of rings (the outer ring first, then holes), each ring longitude and latitude pairs flattened (lon0, lat0, lon1, lat1, …).</param>
public sealed record GeoJsonPolygonFeature(long Number, string Key, IReadOnlyList<double[][]> Polygons);
