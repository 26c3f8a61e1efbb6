using System.Globalization;
using Inequalities.Core.Columnar;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>centroids</c>: one point per area (csv, xlsx, json or geojson properties), WGS84 <c>longitude</c> and
/// <c>latitude</c>, or British National Grid <c>easting</c> and <c>northing</c> (e.g. the ONS population-weighted
/// centroids' <c>x</c> and <c>y</c>) converted to WGS84 with <see cref="BritishNationalGrid"/>, parsed into
/// <see cref="CentroidData"/>.
/// </summary>
internal sealed partial class CentroidsKind : ISourceKind
{
    public string Name => "centroids";

    public FieldRules Fields { get; } = new(["area_code"], ["area_name", "longitude", "latitude", "easting", "northing"])
    {
        Coordinates = CoordinateRule.Required,
    };

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => Read(source, path);

    public static CentroidData Read(SourceDefinition source, string path)
    {
        using var reader = SourceRecordReader.Open(source, path);
        var code = reader.Slot("area_code");
        var grid = reader.Has("easting");
        var (xSlot, xName) = grid ? (reader.Slot("easting"), "easting") : (reader.Slot("longitude"), "longitude");
        var (ySlot, yName) = grid ? (reader.Slot("northing"), "northing") : (reader.Slot("latitude"), "latitude");
        var unit = grid ? "British National Grid metres" : "degrees";
        var codes = new TextColumn("area_code", 36_000);
        var xs = new ValueBuffer<double>(36_000);
        var ys = new ValueBuffer<double>(36_000);
        while (reader.Read())
        {
            var area = reader.CodeSpan(code, "area_code");
            var x = reader.Double(xSlot, xName) ?? throw reader.Error(xName, $"is empty; {xName} in {unit} is required");
            var y = reader.Double(ySlot, yName) ?? throw reader.Error(yName, $"is empty; {yName} in {unit} is required");
            if (grid ? !BritishNationalGrid.IsOnGrid(x, y) : !new GeoPoint(x, y).IsValid)
            {
                throw reader.RowError(grid
                    ? string.Create(CultureInfo.InvariantCulture, $"({x}, {y}) is not a British National Grid easting and northing (0 to {BritishNationalGrid.MaxEasting:N0} and 0 to {BritishNationalGrid.MaxNorthing:N0} metres); is the file in longitude and latitude? Then map 'longitude' and 'latitude' instead")
                    : string.Create(CultureInfo.InvariantCulture, $"({x}, {y}) is not a WGS84 longitude and latitude in degrees; is the file in British National Grid metres? Then map 'easting' and 'northing' instead"));
            }

            var known = codes.DistinctCount;
            var id = codes.IdOf(area);
            if (id < known)
            {
                throw reader.Error("area_code", $"'{area}' appears again; each area must have one point");
            }

            codes.AppendId(id);
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

        return new CentroidData
        {
            SourceId = source.Id,
            Vintage = source.Vintage,
            AreaCodes = codes.Build(),
            Longitudes = longitudes,
            Latitudes = latitudes,
            ColumnsUsed = reader.ColumnsUsed,
        };
    }
}
