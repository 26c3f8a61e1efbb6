using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inequalities.Core.Spatial;

namespace Inequalities.TestSupport.Publishers;

/// <summary>The ArcGIS layers data-sources.yml queries, rebuilt from ../shared/data (README.md in this folder).</summary>
internal static class StandInLayers
{
    /// <summary>Every layer, as an <see cref="ArcGisFeatureService"/> serving them under <c>/services1.arcgis.com/</c>.</summary>
    public static ArcGisFeatureService Service()
    {
        var geography = StandInFiles.Instance.Geography;
        var service = new ArcGisFeatureService();
        foreach (var (name, layer) in new[] { Ward(geography), OutputAreas2011(geography), CombinedAuthorities(), Boundaries(geography), Centroids(geography), Centroids2021(geography) })
        {
            service.Add($"/services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/{name}/FeatureServer/0", layer);
        }

        return service;
    }

    private static (string, ArcGisLayer) Layer(string name, int maxRecordCount, string[] fields, IReadOnlyList<string?[]> rows, IReadOnlyList<JsonNode?>? geometries = null)
    {
        var layer = ArcGisLayer.FromRows(name, fields, rows, geometries);
        layer.MaxRecordCount = maxRecordCount;
        return (name, layer);
    }

    private static (string, ArcGisLayer) Ward(StandInGeography geography) => Layer(
        "LSOA21_WD24_LAD24_EW_LU",
        1000,
        ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
        [.. geography.Lsoa21.Select(l => new string?[] { l.Code, l.Name, l.WardCode, l.WardName, l.Lad24Code, l.Lad24Name })]);

    private static (string, ArcGisLayer) OutputAreas2011(StandInGeography geography) => Layer(
        "OA11_LSOA11_MSOA11_LAD11_EW_LUv2_b3fe7c68f4b2420185eaff6284d4c125",
        2000,
        ["OA11CD", "LSOA11CD", "LSOA11NM", "MSOA11CD", "MSOA11NM", "LAD11CD", "LAD11NM", "LAD11NMW"],
        [.. geography.Lsoa11.SelectMany((l, i) => Enumerable.Range(0, 2).Select(k => new string?[]
        {
            StandInGeography.OutputAreaCode(l.Code, (2 * i) + k + 1), l.Code, l.Name, l.MsoaCode, l.MsoaName, l.LadCode, l.LadName, null,
        }))]);

    private static (string, ArcGisLayer) CombinedAuthorities()
    {
        var lookup = SharedTable.Read("lookup_ltla23_cauth23_EN.csv");
        return Layer(
            "LAD23_CAUTH23_EN_LU",
            2000,
            ["LAD23CD", "LAD23NM", "CAUTH23CD", "CAUTH23NM"],
            [.. lookup.Rows.Select(r => new string?[] { r[lookup["ltla23_code"]], r[lookup["ltla23_name"]], r[lookup["cauth23_code"]], r[lookup["cauth23_name"]] })]);
    }

    private static (string, ArcGisLayer) Boundaries(StandInGeography geography)
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

        var rows = new List<string?[]>();
        var geometries = new List<JsonNode?>();
        foreach (var l in geography.Lsoa21)
        {
            rows.Add([l.Code, l.Name]);
            if (lcr.TryGetValue(l.Code, out var geometry))
            {
                geometries.Add(JsonNode.Parse(geometry));
                continue;
            }

            var parent = parentOf.GetValueOrDefault(l.Code) ?? l.Code;
            var n = children[parent] = children.GetValueOrDefault(parent) + 1;
            var centre = centres.TryGetValue(parent, out var c) ? c : new GeoPoint(-1.5, 52.5);
            geometries.Add(JsonNode.Parse(Square(centre.Longitude + ((n - 1) * 0.004), centre.Latitude, 0.0015)));
        }

        return Layer("Lower_layer_Super_Output_Areas_December_2021_Boundaries_EW_BSC_V4", 2000, ["LSOA21CD", "LSOA21NM"], rows, geometries);
    }

    private static (string, ArcGisLayer) Centroids(StandInGeography geography)
    {
        // The shared boundary-file centre points (WGS84) turned into British National Grid x and y, as the layer holds them.
        var centres = Centres2011();
        return Layer(
            "LSOA_Dec_2011_PWC_in_England_and_Wales_2022",
            2000,
            ["LSOA11CD", "LSOA11NM", "x", "y"],
            [.. geography.Lsoa11.Select(l =>
            {
                var (x, y) = BritishNationalGrid.FromWgs84(centres[l.Code].Longitude, centres[l.Code].Latitude);
                return new string?[] { l.Code, l.Name, x.ToString("F3", CultureInfo.InvariantCulture), y.ToString("F3", CultureInfo.InvariantCulture) };
            })]);
    }

    private static (string, ArcGisLayer) Centroids2021(StandInGeography geography)
    {
        // A point layer with no coordinate attributes, as ONS publishes LSOA_PopCentroids_EW_2021_V4: the centre of the
        // real LCR polygon, elsewhere the 2011 LSOA's centre point (not population weighted: the shared data has none).
        var lcr = LcrBoundaries.Lsoa2021.ToDictionary(a => a.Code, a => a.Centroid(), StringComparer.Ordinal);
        var centres = Centres2011();
        var parents = SharedTable.Read("lookup_lsoa11_lsoa21_ltla22_EW.csv.gz");
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in parents.Rows)
        {
            parentOf.TryAdd(row[parents["lsoa21_code"]], row[parents["lsoa11_code"]]);
        }

        var rows = new List<string?[]>();
        var geometries = new List<JsonNode?>();
        foreach (var (l, i) in geography.Lsoa21.Select((l, i) => (l, i)))
        {
            var point = lcr.TryGetValue(l.Code, out var c) ? c : centres.GetValueOrDefault(parentOf.GetValueOrDefault(l.Code) ?? l.Code, new GeoPoint(-1.5, 52.5));
            rows.Add([l.Code, string.Create(CultureInfo.InvariantCulture, $"{{{i:00000000}-0000-4000-8000-000000000000}}")]);
            geometries.Add(JsonNode.Parse(string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"Point\",\"coordinates\":[{point.Longitude:R},{point.Latitude:R}]}}")));
        }

        return Layer("LSOA_PopCentroids_EW_2021_V4", 2000, ["LSOA21CD", "GlobalID"], rows, geometries);
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
}
