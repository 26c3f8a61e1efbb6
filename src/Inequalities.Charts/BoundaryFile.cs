using System.Text.Json;

namespace Inequalities.Charts;

/// <summary>LSOA outlines read from a GeoJSON FeatureCollection for the choropleth.</summary>
internal static class BoundaryFile
{
    /// <summary>
    /// Reads the outer rings (lon/lat pairs) of the features whose properties hold one of the wanted codes; holes are
    /// left out (the areas inside them are drawn on top).
    /// </summary>
    public static Dictionary<string, List<double[]>> Read(string path, IReadOnlySet<string> wanted)
    {
        using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The boundary file '{path}' is not valid GeoJSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"The boundary file '{path}' is not a GeoJSON FeatureCollection (no 'features' array).");
            }

            var result = new Dictionary<string, List<double[]>>(StringComparer.Ordinal);
            var feature = 0;
            foreach (var f in features.EnumerateArray())
            {
                feature++;
                if (!f.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                string? code = null;
                foreach (var p in properties.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { } s && wanted.Contains(s))
                    {
                        code = s;
                        break;
                    }
                }

                if (code is null || !f.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var type = geometry.GetProperty("type").GetString();
                var coordinates = geometry.GetProperty("coordinates");
                var rings = new List<double[]>();
                switch (type)
                {
                    case "Polygon":
                        rings.Add(Ring(coordinates[0], path, feature));
                        break;
                    case "MultiPolygon":
                        foreach (var polygon in coordinates.EnumerateArray())
                        {
                            rings.Add(Ring(polygon[0], path, feature));
                        }

                        break;
                    default:
                        throw new InvalidDataException($"The boundary file '{path}' feature {feature} ({code}) is a {type}; expected Polygon or MultiPolygon.");
                }

                result[code] = rings;
            }

            return result;
        }
    }

    private static double[] Ring(JsonElement ring, string path, int feature)
    {
        var xy = new double[ring.GetArrayLength() * 2];
        var i = 0;
        foreach (var point in ring.EnumerateArray())
        {
            if (point.GetArrayLength() < 2)
            {
                throw new InvalidDataException($"The boundary file '{path}' feature {feature} has a position with fewer than 2 coordinates.");
            }

            xy[i++] = point[0].GetDouble();
            xy[i++] = point[1].GetDouble();
        }

        return xy;
    }
}
