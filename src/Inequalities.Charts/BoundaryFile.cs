using System.Text.Json;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Parsing;

namespace Inequalities.Charts;

/// <summary>LSOA outlines for the maps (the choropleth, the asset-need map), read with the one GeoJSON polygon reader (<see cref="GeoJsonPolygons"/>).</summary>
internal static class BoundaryFile
{
    /// <summary>
    /// Reads the outer rings (lon/lat pairs) of the Polygon and MultiPolygon features whose properties hold one of the
    /// wanted codes; holes are left out (the areas inside them are drawn on top), and features without polygons (a
    /// points or attribute-only layer in the raw cache) are passed over. Problems name the file and the feature.
    /// </summary>
    public static Dictionary<string, List<double[]>> Read(string path, IReadOnlySet<string> wanted)
    {
        using var stream = File.OpenRead(path);
        var features = GeoJsonPolygons.Read(
            stream,
            (_, feature) => GeoJsonPolygons.HasPolygons(feature) && GeoJsonPolygons.Properties(feature) is { ValueKind: JsonValueKind.Object } properties
                ? WantedCode(properties, wanted)
                : null,
            (feature, problem) => new InvalidDataException(feature is { } f ? $"The boundary file '{path}' feature {f}: {problem}." : $"The boundary file '{path}': {problem}."));
        var result = new Dictionary<string, List<double[]>>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            result[feature.Key] = feature.Polygons.Select(polygon => polygon[0]).ToList();
        }

        return result;
    }

    /// <summary>
    /// The boundaries of the wanted LSOAs: from <paramref name="path"/>, or else the GeoJSON file of the lake's raw
    /// cache covering most of them (which picks the LSOA vintage); <paramref name="description"/> says which.
    /// </summary>
    public static Dictionary<string, List<double[]>> Find(LakeSnapshot snapshot, string? path, HashSet<string> wanted, out string description)
    {
        if (path is not null)
        {
            description = path;
            return Read(path, wanted);
        }

        // <lake>/snapshots/<id> → <lake>/raw/<source>/*.geojson: take the file covering most of the wanted LSOAs.
        var raw = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(snapshot.Directory)!)!, "raw");
        var candidates = Directory.Exists(raw)
            ? Directory.EnumerateFiles(raw, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        Dictionary<string, List<double[]>>? best = null;
        description = $"GeoJSON files in '{raw}'";
        foreach (var file in candidates)
        {
            var shapes = Read(file, wanted);
            if (best is null || shapes.Count > best.Count)
            {
                best = shapes;
                description = file;
            }
        }

        return best ?? throw new InvalidOperationException($"No boundary GeoJSON was found in the lake's raw cache '{raw}'; give a boundary file (BoundaryPath, --boundaries).");
    }

    /// <summary>The boundaries of the table overloads: the one file the options name.</summary>
    public static Func<HashSet<string>, (Dictionary<string, List<double[]>> Shapes, string Source)> FromFile(string path) =>
        wanted => (Read(path, wanted), path);

    /// <summary>The boundaries of the snapshot overloads: the file the options name, else the lake's raw cache (<see cref="Find"/>).</summary>
    public static Func<HashSet<string>, (Dictionary<string, List<double[]>> Shapes, string Source)> FromSnapshot(LakeSnapshot snapshot, string? path) =>
        wanted => (Find(snapshot, path, wanted, out var source), source);

    /// <summary>The first string property value that is a wanted code.</summary>
    private static string? WantedCode(JsonElement properties, IReadOnlySet<string> wanted)
    {
        foreach (var p in properties.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { } s && wanted.Contains(s))
            {
                return s;
            }
        }

        return null;
    }
}
