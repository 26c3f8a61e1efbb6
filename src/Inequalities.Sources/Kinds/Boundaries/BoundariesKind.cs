using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>boundaries</c>: area outlines, the Polygon and MultiPolygon features of a GeoJSON FeatureCollection (format
/// <c>geojson</c> or <c>arcgis</c>, or a zip member of format <c>geojson</c>), properties through the <c>columns:</c>
/// map, parsed into <see cref="BoundaryData"/>.
/// </summary>
internal sealed partial class BoundariesKind : ISourceKind
{
    public string Name => "boundaries";

    public FieldRules Fields { get; } = new(["area_code"], ["area_name", "lad_code", "lad_name"]);

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => Read(source, path);

    public static BoundaryData Read(SourceDefinition source, string path)
    {
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
