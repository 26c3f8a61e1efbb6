using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Parses boundaries (GeoJSON Polygon and MultiPolygon features, properties through the <c>columns:</c> map) and
/// centroids (one point per area). Problems are <see cref="SourceDataException"/>s naming the source, feature and
/// what was expected.
/// </summary>
public static class GeoParsers
{
    /// <summary>Parses a boundaries-kind source (format <c>geojson</c>, or a zip member of that format).</summary>
    /// <param name="source">The catalogue entry (kind boundaries).</param>
    /// <param name="path">The local copy.</param>
    public static BoundaryData Boundaries(SourceDefinition source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(path);
        if (source.Kind != SourceKind.Boundaries)
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not boundaries.", nameof(source));
        }

        using var stream = OpenGeoJson(source, path);
        var names = new List<string?>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        string? codeProperty = null;
        string? nameProperty = null;
        Dictionary<string, string>? columnsUsed = null;
        string Select(long row, JsonElement feature)
        {
            var properties = GeoJsonPolygons.Properties(feature);
            if (properties.ValueKind != JsonValueKind.Object)
            {
                throw new SourceDataException(source.Id, row, null, "the feature has no 'properties' object");
            }

            if (codeProperty is null)
            {
                var headers = properties.EnumerateObject().Select(p => p.Name).ToList();
                var binding = ColumnBinding.Bind(source, headers, ["area_code"], what: "features' properties object");
                codeProperty = binding.Headers["area_code"];
                var ni = ColumnBinding.Find(headers, source.AcceptedHeaders("area_name"), out var nameAlias);
                nameProperty = ni >= 0 ? headers[ni] : null;
                columnsUsed = new Dictionary<string, string>(binding.AliasesUsed, StringComparer.Ordinal);
                if (nameAlias is not null && source.ColumnAliases.ContainsKey("area_name"))
                {
                    columnsUsed["area_name"] = nameAlias;
                }
            }

            var code = properties.TryGetProperty(codeProperty, out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(code) || !Core.Geography.GssCode.IsWellFormed(code))
            {
                throw new SourceDataException(source.Id, row, $"'area_code' (property '{codeProperty}')", $"'{code}' is not a GSS code (a letter and 8 digits)");
            }

            if (!seen.TryAdd(code, row))
            {
                throw new SourceDataException(source.Id, row, $"'area_code' (property '{codeProperty}')", $"'{code}' appears again (first at feature {seen[code]}); each area must have one feature");
            }

            names.Add(nameProperty is not null && properties.TryGetProperty(nameProperty, out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null);
            return code;
        }

        var features = GeoJsonPolygons.Read(stream, Select, (row, problem) => new SourceDataException(source.Id, row, null, problem));
        var areas = features.Select(f => new AreaPolygon(f.Key, [.. f.Polygons])).ToList();
        if (areas.Count == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the FeatureCollection has no features");
        }

        return new BoundaryData { SourceId = source.Id, Vintage = source.Vintage, Areas = areas, Names = names, ColumnsUsed = columnsUsed ?? [] };
    }

    /// <summary>
    /// Parses a centroids-kind source (csv, xlsx, json or geojson properties). Points are WGS84 <c>longitude</c> and
    /// <c>latitude</c>, or British National Grid <c>easting</c> and <c>northing</c> (e.g. the ONS population-weighted
    /// centroids' <c>x</c> and <c>y</c>), converted to WGS84 with <see cref="BritishNationalGrid"/>.
    /// </summary>
    /// <param name="source">The catalogue entry (kind centroids).</param>
    /// <param name="path">The local copy.</param>
    public static CentroidData Centroids(SourceDefinition source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Kind != SourceKind.Centroids)
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not centroids.", nameof(source));
        }

        using var reader = SourceRecordReader.Open(source, path);
        var code = reader.Slot("area_code");
        var grid = reader.Has("easting");
        var (xSlot, xName) = grid ? (reader.Slot("easting"), "easting") : (reader.Slot("longitude"), "longitude");
        var (ySlot, yName) = grid ? (reader.Slot("northing"), "northing") : (reader.Slot("latitude"), "latitude");
        var unit = grid ? "British National Grid metres" : "degrees";
        var codes = new List<string>();
        var xs = new List<double>();
        var ys = new List<double>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var area = reader.Code(code, "area_code");
            var x = reader.Double(xSlot, xName) ?? throw reader.Error(xName, $"is empty; {xName} in {unit} is required");
            var y = reader.Double(ySlot, yName) ?? throw reader.Error(yName, $"is empty; {yName} in {unit} is required");
            if (grid ? !BritishNationalGrid.IsOnGrid(x, y) : !new GeoPoint(x, y).IsValid)
            {
                throw reader.RowError(grid
                    ? string.Create(CultureInfo.InvariantCulture, $"({x}, {y}) is not a British National Grid easting and northing (0 to {BritishNationalGrid.MaxEasting:N0} and 0 to {BritishNationalGrid.MaxNorthing:N0} metres); is the file in longitude and latitude? Then map 'longitude' and 'latitude' instead")
                    : string.Create(CultureInfo.InvariantCulture, $"({x}, {y}) is not a WGS84 longitude and latitude in degrees; is the file in British National Grid metres? Then map 'easting' and 'northing' instead"));
            }

            if (!seen.Add(area))
            {
                throw reader.Error("area_code", $"'{area}' appears again; each area must have one point");
            }

            codes.Add(area);
            xs.Add(x);
            ys.Add(y);
        }

        if (codes.Count == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
        }

        var longitudes = xs.ToArray();
        var latitudes = ys.ToArray();
        if (grid)
        {
            BritishNationalGrid.ToWgs84(longitudes, latitudes, longitudes, latitudes);
        }

        var points = new Dictionary<string, GeoPoint>(codes.Count, StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            points[codes[i]] = new GeoPoint(longitudes[i], latitudes[i]);
        }

        return new CentroidData { SourceId = source.Id, Vintage = source.Vintage, Points = points, ColumnsUsed = reader.ColumnsUsed };
    }

    private static Stream OpenGeoJson(SourceDefinition source, string path)
    {
        if (source.Format is SourceFormat.GeoJson or SourceFormat.ArcGis)
        {
            return File.OpenRead(path);
        }

        if (source.Format == SourceFormat.Zip && source.MemberFormat == SourceFormat.GeoJson)
        {
            var archive = ZipFile.OpenRead(path);
            var entry = archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, source.Member, StringComparison.OrdinalIgnoreCase));
            if (entry is null)
            {
                archive.Dispose();
                throw new SourceDataException(source.Id, null, null, $"the zip has no member '{source.Member}'");
            }

            var memory = new MemoryStream();
            using (var s = entry.Open())
            {
                s.CopyTo(memory);
            }

            archive.Dispose();
            memory.Position = 0;
            return memory;
        }

        throw new SourceDataException(source.Id, null, null, string.Create(CultureInfo.InvariantCulture, $"boundaries must be GeoJSON (format geojson or arcgis, or a zip member of format geojson), not {source.Format}"));
    }
}
