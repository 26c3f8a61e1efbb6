using System.Globalization;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Sample;

namespace Inequalities.TestSupport.Publishers;

internal sealed partial class StandInFiles
{
    private static readonly string[] LcrDistricts = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];

    private static readonly string[] CodePointHeader =
        ["Postcode", "Positional_quality_indicator", "Eastings", "Northings", "Country_code", "NHS_regional_HA_code", "NHS_HA_code", "Admin_county_code", "Admin_district_code", "Admin_ward_code"];

    private byte[] BuildOnspd()
    {
        // Every Code-Point Open postcode in the six LCR districts, placed in its LSOAs by point in polygon on the real
        // LCR boundaries (British National Grid to WGS84 first). No introduction dates in Code-Point: 198001 for all.
        var lsoa21 = new PolygonIndex(LcrBoundaries.Lsoa2021);
        var lsoa11 = new PolygonIndex(LcrBoundaries.Lsoa2011);
        var msoa21 = Geography.Lsoa21.ToDictionary(l => l.Code, l => l.MsoaCode, StringComparer.Ordinal);
        var msoa11 = Geography.Lsoa11.ToDictionary(l => l.Code, l => l.MsoaCode, StringComparer.Ordinal);
        string[] header = ["pcd7", "pcd8", "pcds", "dointr", "doterm", "lad25cd", "oseast1m", "osnrth1m", "lsoa11cd", "msoa11cd", "lsoa21cd", "msoa21cd", "lat", "long"];
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var area in new[] { "l", "ch", "wa", "pr", "wn" })
        {
            var codePoint = SharedTable.Read($"codepoint_open_2025_4/{area}.csv.gz", hasHeader: false, header: CodePointHeader);
            foreach (var row in codePoint.Rows)
            {
                var district = row[codePoint["Admin_district_code"]];
                if (!LcrDistricts.Contains(district))
                {
                    continue;
                }

                var easting = double.Parse(row[codePoint["Eastings"]], CultureInfo.InvariantCulture);
                var northing = double.Parse(row[codePoint["Northings"]], CultureInfo.InvariantCulture);
                var point = BritishNationalGrid.ToWgs84(easting, northing);
                var in21 = lsoa21.Locate(point.Longitude, point.Latitude);
                var in11 = lsoa11.Locate(point.Longitude, point.Latitude);
                var code21 = in21 >= 0 ? lsoa21[in21].Code : null;
                var code11 = in11 >= 0 ? lsoa11[in11].Code : null;
                var postcode = row[codePoint["Postcode"]];
                var formatted = postcode.Length > 3 ? postcode[..^3].Trim() + " " + postcode[^3..] : postcode;
                rows.Add(
                [
                    postcode.Length >= 7 ? postcode : formatted.Replace(" ", string.Empty, StringComparison.Ordinal).PadRight(7), formatted.PadRight(8), formatted,
                    "198001", null, district, row[codePoint["Eastings"]], row[codePoint["Northings"]],
                    code11, code11 is null ? null : msoa11.GetValueOrDefault(code11), code21, code21 is null ? null : msoa21.GetValueOrDefault(code21),
                    point.Latitude.ToString("F6", CultureInfo.InvariantCulture), point.Longitude.ToString("F6", CultureInfo.InvariantCulture),
                ]);
            }
        }

        return XlsxWorkbook.ZipOf([("Data/ONSPD_NOV_2025_UK.csv", CsvText.Write(header, rows))]);
    }
}
