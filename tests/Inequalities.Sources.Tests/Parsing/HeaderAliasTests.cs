using System.IO.Compression;
using System.Text;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

/// <summary>
/// Header aliases (<c>lad_code: [lad25cd, lad24cd, oslaua]</c>): every reader (CSV, JSON in a zip, GeoJSON properties,
/// an assembled ArcGIS layer) takes the first accepted header the file has, records which one it used, and a file
/// with none of them fails naming the source, the field and every accepted header.
/// </summary>
public sealed class HeaderAliasTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Lookup_CsvWithTheSecondAlias_ReadsItAndRecordsWhichHeader()
    {
        var path = Write("f.csv", "pcds,lad24cd,RGN24CD\nL1 0AA,E08000012,E12000002\n");

        var data = SourceParser.Lookup(Lookup("csv"), path);

        Assert.Equal("E08000012", Assert.Single(data.Columns["lad_code"]));
        Assert.Equal(new Dictionary<string, string> { ["lad_code"] = "lad24cd" }, data.ColumnsUsed);
    }

    [Fact]
    public void Lookup_CsvWithTwoAliases_TakesTheFirstListed()
    {
        var path = Write("f.csv", "oslaua,lad25cd,RGN24CD\nE08000099,E08000012,E12000002\n");

        var data = SourceParser.Lookup(Lookup("csv"), path);

        Assert.Equal("E08000012", Assert.Single(data.Columns["lad_code"]));
        Assert.Equal("lad25cd", data.ColumnsUsed["lad_code"]);
    }

    [Fact]
    public void Lookup_NoneOfTheAliases_FailsNamingTheFieldAndEveryAcceptedHeader()
    {
        var path = Write("f.csv", "ladcd,RGN24CD\nE08000012,E12000002\n");

        var ex = Assert.Throws<SourceDataException>(() => SourceParser.Lookup(Lookup("csv"), path));

        Assert.Equal(
            "source 'lads': the file has no header for lad_code (none of 'lad25cd', 'lad24cd', 'oslaua'); the publisher may have renamed its columns (schema drift). Headers found: ladcd | RGN24CD",
            ex.Message);
    }

    [Fact]
    public void Lookup_JsonZipMember_ResolvesAliasesTheSameWay()
    {
        var path = _temp.Combine("f.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("lads.json").Open(), new UTF8Encoding(false));
            writer.Write("[{\"oslaua\":\"E06000006\",\"RGN24CD\":\"E12000002\"}]");
        }

        var data = SourceParser.Lookup(Lookup("zip", "member: lads.json", "member_format: json"), path);

        Assert.Equal("E06000006", Assert.Single(data.Columns["lad_code"]));
        Assert.Equal("oslaua", data.ColumnsUsed["lad_code"]);
    }

    [Theory]
    [InlineData("geojson")]
    [InlineData("arcgis")]
    public void Boundaries_GeoJsonProperties_ResolveAliases(string format)
    {
        var path = Write("b.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LSOA21CD":"E01006512","LSOA21NM":"Liverpool 060A"},
             "geometry":{"type":"Polygon","coordinates":[[[-2.98,53.40],[-2.97,53.40],[-2.97,53.41],[-2.98,53.40]]]}}]}
            """);
        var source = Source($"""
              - id: lsoa
                kind: boundaries
                publisher: ONS
                licence: OGL-3.0
                url: b.geojson
                format: {format}
                geography: lsoa
                columns:
                  area_code: [LSOA25CD, LSOA21CD]
                  area_name: [LSOA25NM, LSOA21NM]
            """);

        var data = GeoParsers.Boundaries(source, path);

        Assert.Equal("E01006512", Assert.Single(data.Areas).Code);
        Assert.Equal("Liverpool 060A", Assert.Single(data.Names));
        Assert.Equal(new Dictionary<string, string> { ["area_code"] = "LSOA21CD", ["area_name"] = "LSOA21NM" }, data.ColumnsUsed);
    }

    [Fact]
    public void Boundaries_NoAcceptedCodeProperty_FailsNamingEveryAlias()
    {
        var path = Write("b.geojson", """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E01006512"},"geometry":null}]}""");
        var source = Source("""
              - id: lsoa
                kind: boundaries
                publisher: ONS
                licence: OGL-3.0
                url: b.geojson
                format: geojson
                geography: lsoa
                columns:
                  area_code: [LSOA25CD, LSOA21CD]
            """);

        var ex = Assert.Throws<SourceDataException>(() => GeoParsers.Boundaries(source, path));

        Assert.StartsWith("source 'lsoa': the features' properties object has no header for area_code (none of 'LSOA25CD', 'LSOA21CD')", ex.Message, StringComparison.Ordinal);
    }

    private SourceDefinition Lookup(string format, params string[] extra) => Source($"""
          - id: lads
            kind: lookup
            publisher: ONS
            licence: OGL-3.0
            url: f.{format}
            format: {format}
            geography: lad
            columns:
              lad_code: [lad25cd, lad24cd, oslaua]
              rgn_code: RGN24CD

        """ + string.Concat(extra.Select(e => "    " + e + "\n")));

    private SourceDefinition Source(string entry) =>
        Assert.Single(SourceCatalogue.Parse("version: 1\nsources:\n" + entry, _temp.Path).Sources);

    private string Write(string name, string text) => _temp.WriteText(name, text);
}
