using System.Globalization;
using System.IO.Compression;
using System.Text;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

/// <summary>
/// Centroids and postcodes given in British National Grid metres (<c>easting</c>/<c>northing</c>): the catalogue
/// rule (one pair or the other) and the conversion at parse time, on real OS Code-Point Open grid references.
/// </summary>
public sealed class GridCoordinateParsingTests
{
    private const string Headers = "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code,NHS_regional_HA_code,NHS_HA_code,Admin_county_code,Admin_district_code,Admin_ward_code";

    [Fact]
    public void Centroids_EastingNorthingColumns_AreConvertedToWgs84AtParseTime()
    {
        // One real point per ward: the first Code-Point postcode of each LCR ward (grid references in metres, like
        // the ONS population-weighted centroids' x and y), as a centroids file with a header.
        using var dir = new TempDirectory();
        var rows = CodePointRows("l.csv.gz").Where(r => r[9].Length > 0).GroupBy(r => r[9]).Select(g => g.First()).ToList();
        File.WriteAllLines(dir.Combine("wards.csv"), ["WD24CD,x,y", .. rows.Select(r => $"{r[9]},{r[2]},{r[3]}")]);
        var source = Entry(dir.Path, """
              - id: ward-points
                kind: centroids
                publisher: OS
                licence: OGL-3.0
                url: wards.csv
                format: csv
                geography: ward
                columns:
                  area_code: WD24CD
                  easting: x
                  northing: y
            """);

        var data = GeoParsers.Centroids(source, dir.Combine("wards.csv"));

        Assert.Equal(rows.Count, data.Points.Count);
        Assert.True(rows.Count > 50, $"{rows.Count} wards");
        foreach (var row in rows)
        {
            var expected = BritishNationalGrid.ToWgs84(double.Parse(row[2], CultureInfo.InvariantCulture), double.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(expected, data.Points[row[9]]);

            // The L postcode area is Liverpool and its neighbours.
            Assert.InRange(data.Points[row[9]].Longitude, -3.2, -2.7);
            Assert.InRange(data.Points[row[9]].Latitude, 53.3, 53.7);
        }
    }

    [Fact]
    public void Centroids_DegreesUnderEastingNorthing_FailNamingSourceRowAndTheFix()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.Combine("c.csv"), ["code,x,y", "E01006512,334864,389326", "E01006513,-2.98,53.40"]);
        var source = SourceCatalogue.Parse(CentroidsCatalogue("easting: x\n      northing: y"), dir.Path).Sources[0];

        var ex = Assert.Throws<SourceDataException>(() => GeoParsers.Centroids(source, dir.Combine("c.csv")));

        Assert.Equal("source 'c' row 2: (-2.98, 53.4) is not a British National Grid easting and northing (0 to 700,000 and 0 to 1,300,000 metres); is the file in longitude and latitude? Then map 'longitude' and 'latitude' instead", ex.Message);
    }

    [Fact]
    public void PostcodeParse_CodePointGridReferences_GiveWgs84PointsWithoutAnLsoaColumn()
    {
        // Real Code-Point Open rows (the area files have no header row; the headers file names the columns).
        using var dir = new TempDirectory();
        var rows = CodePointRows("l.csv.gz").Take(2000).ToList();
        var noCoordinates = CodePointRows("ch.csv.gz").First(r => r[1] == "90");
        File.WriteAllLines(dir.Combine("codepoint.csv"), [Headers, .. rows.Select(r => string.Join(',', r)), string.Join(',', noCoordinates), "BT1 1AA,10,333000,374000,N92000002,,,,N09000003,N08000312"]);
        var source = Entry(dir.Path, """
              - id: codepoint
                kind: postcodes
                publisher: Ordnance Survey
                licence: OGL-3.0
                url: codepoint.csv
                format: csv
                geography: postcode
                columns:
                  postcode: Postcode
                  easting: Eastings
                  northing: Northings
            """);

        var directory = PostcodeParser.Parse(source, dir.Combine("codepoint.csv"), wanted: null);

        Assert.Equal(2002, directory.RowsRead);
        var first = directory.Find(rows[0][0])!;
        Assert.Equal(BritishNationalGrid.ToWgs84(double.Parse(rows[0][2], CultureInfo.InvariantCulture), double.Parse(rows[0][3], CultureInfo.InvariantCulture)), first.Point);
        Assert.Null(first.Lsoa21);

        // L1 0AA is 334864 E, 389326 N: in Liverpool city centre (53.40 N, 2.98 W).
        var l10aa = directory.Find("L1 0AA")!.Point!.Value;
        Assert.Equal(53.40, l10aa.Latitude, 0.01);
        Assert.Equal(-2.98, l10aa.Longitude, 0.01);
        Assert.All(rows, r => Assert.NotNull(directory.Find(r[0])!.Point));

        // Code-Point's 0, 0 (positional quality 90) is no point; a Northern Irish postcode's reference is on the Irish
        // Grid: both are kept, without a point.
        Assert.Equal(("0", "0"), (noCoordinates[2], noCoordinates[3]));
        Assert.Null(directory.Find(noCoordinates[0])!.Point);
        Assert.Null(directory.Find("BT1 1AA")!.Point);
    }

    [Theory]
    [InlineData("easting: x\n      northing: y", null)]
    [InlineData("longitude: x\n      latitude: y", null)]
    [InlineData("easting: x", "kind 'centroids' maps one of 'easting' and 'northing'; map both (British National Grid metres)")]
    [InlineData("latitude: y", "kind 'centroids' maps one of 'longitude' and 'latitude'; map both (WGS84 degrees)")]
    [InlineData("easting: x\n      northing: y\n      longitude: a\n      latitude: b", "kind 'centroids' maps both 'longitude'/'latitude' and 'easting'/'northing'; map one pair")]
    [InlineData("area_name: n", "kind 'centroids' needs 'longitude' and 'latitude' (WGS84 degrees), or 'easting' and 'northing' (British National Grid metres)")]
    public void Parse_CentroidCoordinates_NeedOnePairOrTheOther(string columns, string? problem)
    {
        var yaml = CentroidsCatalogue(columns);

        if (problem is null)
        {
            Assert.Single(SourceCatalogue.Parse(yaml, "/b", "c.yml").Sources);
            return;
        }

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/b", "c.yml"));
        Assert.Equal([$"c.yml:3: source 'c' field 'columns': {problem}"], ex.Problems);
    }

    [Fact]
    public void Parse_PostcodesWithNeitherLsoaNorPoint_AreRejected()
    {
        const string yaml = """
            version: 1
            sources:
              - id: p
                kind: postcodes
                publisher: ONS
                licence: OGL-3.0
                url: p.csv
                format: csv
                geography: postcode
                columns:
                  postcode: pcds
                  terminated: doterm
            """;

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/b", "c.yml"));

        Assert.Equal(["c.yml:3: source 'p' field 'columns': kind 'postcodes' needs 'lsoa11_code' or 'lsoa21_code', or a point ('longitude' and 'latitude', or 'easting' and 'northing')"], ex.Problems);
    }

    /// <summary>A catalogue with one centroids entry 'c' reading c.csv, its columns map <c>area_code: code</c> and <paramref name="columns"/>.</summary>
    private static string CentroidsCatalogue(string columns) => $"""
        version: 1
        sources:
          - id: c
            kind: centroids
            publisher: ONS
            licence: OGL-3.0
            url: c.csv
            format: csv
            geography: lsoa
            columns:
              area_code: code
              {columns}
        """;

    private static SourceDefinition Entry(string directory, string yamlEntry) =>
        SourceCatalogue.Parse("version: 1\nsources:\n" + yamlEntry, directory).Sources[0];

    /// <summary>The rows of a Code-Point Open area file: unquoted fields (the file quotes each text field).</summary>
    private static IEnumerable<string[]> CodePointRows(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(SharedData.DataDirectory, "codepoint_open_2025_4", file)), CompressionMode.Decompress), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            yield return line.Split(',').Select(f => f.Trim('"')).ToArray();
        }
    }
}
