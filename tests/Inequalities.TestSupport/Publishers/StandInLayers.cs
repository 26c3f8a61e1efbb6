using System.Globalization;
using System.Text.Json;
using Inequalities.Core.Spatial;

namespace Inequalities.TestSupport.Publishers;

/// <summary>One field of a simulated ArcGIS layer: its name and Esri type (<c>esriFieldTypeOID</c>, <c>esriFieldTypeString</c>, <c>esriFieldTypeDouble</c>).</summary>
public sealed record ArcGisField(string Name, string Type);

/// <summary>
/// The rows of one simulated ArcGIS FeatureServer layer: its service name, page limit (<c>maxRecordCount</c>), fields
/// (the first is the object id), attribute rows and, for polygon layers, one GeoJSON geometry (WGS84) per row.
/// </summary>
public sealed record ArcGisLayerData(string Service, int MaxRecordCount, IReadOnlyList<ArcGisField> Fields, IReadOnlyList<object?[]> Rows, IReadOnlyList<string?>? Geometries = null)
{
    /// <summary>The object-id field.</summary>
    public string ObjectIdField => Fields[0].Name;
}

/// <summary>The ArcGIS layers data-sources.yml queries, rebuilt from ../shared/data (README.md in this folder).</summary>
internal static class StandInLayers
{
    private const string Oid = "esriFieldTypeOID";
    private const string Text = "esriFieldTypeString";
    private const string Number = "esriFieldTypeDouble";

    /// <summary>Every layer by service name (built on first use).</summary>
    public static readonly Lazy<IReadOnlyDictionary<string, ArcGisLayerData>> All = new(Build);

    private static IReadOnlyDictionary<string, ArcGisLayerData> Build()
    {
        var geography = StandInFiles.Instance.Geography;
        var layers = new[]
        {
            Ward(geography), OutputAreas2011(geography), CombinedAuthorities(), Boundaries(geography), Centroids(geography),
        };
        return layers.ToDictionary(l => l.Service, StringComparer.Ordinal);
    }

    private static ArcGisLayerData Ward(StandInGeography geography) => new(
        "LSOA21_WD24_LAD24_EW_LU",
        1000,
        [new("ObjectId", Oid), new("LSOA21CD", Text), new("LSOA21NM", Text), new("WD24CD", Text), new("WD24NM", Text), new("LAD24CD", Text), new("LAD24NM", Text)],
        [.. geography.Lsoa21.Select((l, i) => new object?[] { i + 1, l.Code, l.Name, l.WardCode, l.WardName, l.Lad24Code, l.Lad24Name })]);

    private static ArcGisLayerData OutputAreas2011(StandInGeography geography) => new(
        "OA11_LSOA11_MSOA11_LAD11_EW_LUv2_b3fe7c68f4b2420185eaff6284d4c125",
        2000,
        [new("FID", Oid), new("OA11CD", Text), new("LSOA11CD", Text), new("LSOA11NM", Text), new("MSOA11CD", Text), new("MSOA11NM", Text), new("LAD11CD", Text), new("LAD11NM", Text), new("LAD11NMW", Text)],
        [.. geography.Lsoa11.SelectMany((l, i) => Enumerable.Range(0, 2).Select(k => new object?[]
        {
            (2 * i) + k + 1, StandInGeography.OutputAreaCode(l.Code, (2 * i) + k + 1), l.Code, l.Name, l.MsoaCode, l.MsoaName, l.LadCode, l.LadName, null,
        }))]);

    private static ArcGisLayerData CombinedAuthorities()
    {
        var lookup = SharedTable.Read("lookup_ltla23_cauth23_EN.csv");
        return new(
            "LAD23_CAUTH23_EN_LU",
            2000,
            [new("ObjectId", Oid), new("LAD23CD", Text), new("LAD23NM", Text), new("CAUTH23CD", Text), new("CAUTH23NM", Text)],
            [.. lookup.Rows.Select((r, i) => new object?[] { i + 1, r[lookup["ltla23_code"]], r[lookup["ltla23_name"]], r[lookup["cauth23_code"]], r[lookup["cauth23_name"]] })]);
    }

    private static ArcGisLayerData Boundaries(StandInGeography geography)
    {
        // The real LCR polygons; elsewhere a 200 m square at the 2011 LSOA's centre point (2021 LSOAs that were split
        // are offset so they do not overlap), since the shared data has no national 2021 boundaries.
        var lcr = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(SharedData.DataFile("boundaries_lsoa21_LCR.geojson"))))
        {
            foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
            {
                lcr[feature.GetProperty("properties").GetProperty("lsoa21_code").GetString()!] = feature.GetProperty("geometry").GetRawText();
            }
        }

        var centres = Centres2011();
        var parents = SharedTable.Read("lookup_lsoa11_lsoa21_ltla22_EW.csv.gz");
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var children = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in parents.Rows)
        {
            parentOf.TryAdd(row[parents["lsoa21_code"]], row[parents["lsoa11_code"]]);
        }

        var rows = new List<object?[]>();
        var geometries = new List<string?>();
        foreach (var (l, i) in geography.Lsoa21.Select((l, i) => (l, i)))
        {
            rows.Add([i + 1, l.Code, l.Name]);
            if (lcr.TryGetValue(l.Code, out var geometry))
            {
                geometries.Add(geometry);
                continue;
            }

            var parent = parentOf.GetValueOrDefault(l.Code) ?? l.Code;
            var n = children[parent] = children.GetValueOrDefault(parent) + 1;
            var centre = centres.TryGetValue(parent, out var c) ? c : new GeoPoint(-1.5, 52.5);
            geometries.Add(Square(centre.Longitude + ((n - 1) * 0.004), centre.Latitude, 0.0015));
        }

        return new("Lower_layer_Super_Output_Areas_December_2021_Boundaries_EW_BSC_V4", 2000,
            [new("FID", Oid), new("LSOA21CD", Text), new("LSOA21NM", Text)], rows, geometries);
    }

    private static ArcGisLayerData Centroids(StandInGeography geography)
    {
        // The shared boundary-file centre points (WGS84) turned into British National Grid x and y, as the layer holds them.
        var centres = Centres2011();
        return new(
            "LSOA_Dec_2011_PWC_in_England_and_Wales_2022",
            2000,
            [new("FID", Oid), new("LSOA11CD", Text), new("LSOA11NM", Text), new("GlobalID", Text), new("x", Number), new("y", Number)],
            [.. geography.Lsoa11.Select((l, i) =>
            {
                var (x, y) = ToGrid(centres[l.Code]);
                return new object?[] { i + 1, l.Code, l.Name, $"{{{Guid.Empty.ToString()[..^6]}{i + 1:D6}}}", Math.Round(x, 3), Math.Round(y, 3) };
            })]);
    }

    private static Dictionary<string, GeoPoint> Centres2011()
    {
        var table = SharedTable.Read("lsoa11_centroids_EW.csv.gz");
        return table.Rows.ToDictionary(
            r => r[table["lsoa11_code"]],
            r => new GeoPoint(double.Parse(r[table["longitude"]], CultureInfo.InvariantCulture), double.Parse(r[table["latitude"]], CultureInfo.InvariantCulture)),
            StringComparer.Ordinal);
    }

    private static string Square(double lon, double lat, double half) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"type\":\"Polygon\",\"coordinates\":[[[{lon - half},{lat - half}],[{lon + half},{lat - half}],[{lon + half},{lat + half}],[{lon - half},{lat + half}],[{lon - half},{lat - half}]]]}}");

    /// <summary>WGS84 to British National Grid by Newton's method on the forward conversion (to well under a millimetre).</summary>
    internal static (double Easting, double Northing) ToGrid(GeoPoint target)
    {
        // Start from a plain linear approximation around the grid's true origin (49N 2W at 400 km E, -100 km N).
        var e = 400_000 + ((target.Longitude + 2) * 111_320 * Math.Cos(target.Latitude * Math.PI / 180));
        var n = -100_000 + ((target.Latitude - 49) * 111_132);
        for (var iteration = 0; iteration < 8; iteration++)
        {
            var p = BritishNationalGrid.ToWgs84(e, n);
            var pe = BritishNationalGrid.ToWgs84(e + 1, n);
            var pn = BritishNationalGrid.ToWgs84(e, n + 1);
            double a = pe.Longitude - p.Longitude, b = pn.Longitude - p.Longitude, c = pe.Latitude - p.Latitude, d = pn.Latitude - p.Latitude;
            double fx = target.Longitude - p.Longitude, fy = target.Latitude - p.Latitude;
            var det = (a * d) - (b * c);
            var de = ((d * fx) - (b * fy)) / det;
            var dn = ((a * fy) - (c * fx)) / det;
            e += de;
            n += dn;
            if (Math.Abs(de) < 1e-4 && Math.Abs(dn) < 1e-4)
            {
                break;
            }
        }

        return (e, n);
    }
}
