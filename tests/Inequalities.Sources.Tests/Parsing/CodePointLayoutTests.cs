using System.Globalization;
using System.Text;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

/// <summary>
/// OS Code-Point Open as OS ships it: one headerless CSV per postcode area in the zip's Data/CSV folder, the column
/// names in Doc/Code-Point_Open_Column_Headers.csv. <c>column_names</c> names the columns, a member pattern reads every
/// area, and a GeoJSON point layer's coordinates are columns too.
/// </summary>
public sealed class CodePointLayoutTests
{
    /// <summary>The long column names of the shared Code-Point headers file.</summary>
    private static readonly string Names = string.Join(',', SharedRegisters.CodePointColumnNames);

    [Fact]
    public void Parse_ColumnNamesOfTheHeadersFile_ReadTheRealAreaFileByName()
    {
        // The names the shared catalogue gives are the headers file's long form, word for word.
        var shared = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));
        Assert.All(shared.Sources.Where(s => s.Id.StartsWith("codepoint-open-", StringComparison.Ordinal)), s => Assert.Equal(SharedRegisters.CodePointColumnNames, s.Options.ColumnNames));
        Assert.Equal(SharedRegisters.CodePointColumnNames, SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "data-sources.yml"))["codepoint-open"].Options.ColumnNames);
        var source = Source("csv.gz", "l.csv.gz");

        var directory = PostcodeParser.Parse(source, SharedData.DataFile("codepoint_open_2025_4/l.csv.gz"), null);

        Assert.Equal(20_853, directory.RowsRead);
        var first = directory.Find("L1 0AA")!;
        Assert.Equal("E08000012", first.LadCode);
        var expected = BritishNationalGrid.ToWgs84(334_864, 389_326);
        Assert.Equal(expected.Longitude, first.Point!.Value.Longitude, 9);
    }

    [Fact]
    public void Parse_ColumnNamesOfAnotherCount_FailsNamingBothCounts()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteText("f.csv", "\"L1 0AA\",10,334864,389326\n");

        var ex = Assert.Throws<SourceDataException>(() => PostcodeParser.Parse(Source("csv", "f.csv"), path, null));

        Assert.Contains("the file has 4 columns but options.column_names names 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MemberPattern_ReadsEveryMatchingAreaInNameOrderAsOneTable()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("codepo_gb.zip");
        File.WriteAllBytes(zip, Inequalities.Sources.Sample.XlsxWorkbook.ZipOf(
        [
            ("Doc/Code-Point_Open_Column_Headers.csv", Encoding.UTF8.GetBytes("PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n" + Names + "\n")),
            ("Data/CSV/wa.csv", Encoding.UTF8.GetBytes(Line("WA7 1AA", 351_000, 382_000, "E06000006"))),
            ("Data/CSV/l.csv", Encoding.UTF8.GetBytes(Line("L1 0AA", 334_864, 389_326, "E08000012") + Line("L1 0AB", 334_943, 389_332, "E08000012"))),
            ("Data/CSV/readme.txt", Encoding.UTF8.GetBytes("not an area")),
        ]));
        var source = Source("zip\n    member: Data/CSV/*.csv\n    member_format: csv", "codepo_gb.zip");

        var directory = PostcodeParser.Parse(source, zip, null);

        Assert.Equal(3, directory.RowsRead);
        Assert.Equal(["L10AA", "L10AB", "WA71AA"], directory.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("E06000006", directory.Find("WA7 1AA")!.LadCode);
    }

    [Fact]
    public void Parse_MemberPatternMatchingNothing_FailsListingTheMembers()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("codepo_gb.zip");
        File.WriteAllBytes(zip, Inequalities.Sources.Sample.XlsxWorkbook.ZipOf([("Doc/readme.txt", [1])]));

        var ex = Assert.Throws<SourceDataException>(() => PostcodeParser.Parse(Source("zip\n    member: Data/CSV/*.csv\n    member_format: csv", "codepo_gb.zip"), zip, null));

        Assert.Contains("the zip has no member matching 'Data/CSV/*.csv' (it holds Doc/readme.txt)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadColumnNamesOrMemberPatterns_AreReportedWhenTheCatalogueLoads()
    {
        var withHeader = Assert.Throws<CatalogueException>(() => Catalogue("csv", "header: \"true\"\n      column_names: \"a,b\""));
        var twice = Assert.Throws<CatalogueException>(() => Catalogue("csv", "header: \"false\"\n      column_names: \"a,A\""));
        var folder = Assert.Throws<CatalogueException>(() => Catalogue("zip\n    member: Data/*/l.csv\n    member_format: csv", "header: \"false\""));
        var workbook = Assert.Throws<CatalogueException>(() => Catalogue("zip\n    member: Data/*.xlsx\n    member_format: xlsx\n    sheet: S", "header_row: \"1\""));

        Assert.Contains("field 'options.column_names': names the columns of a file without a header row", withHeader.Message, StringComparison.Ordinal);
        Assert.Contains("field 'options.column_names': names 'a' twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains("field 'member': 'Data/*/l.csv' has a '*' in a folder", folder.Message, StringComparison.Ordinal);
        Assert.Contains("field 'member': 'Data/*.xlsx' is a pattern; a pattern reads CSV members only", workbook.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GeoJsonPointLayer_GivesItsCoordinatesAsColumns()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteText("pwc.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"LSOA21CD":"E01006512","GlobalID":"a"},"geometry":{"type":"Point","coordinates":[-2.98,53.41]}},
              {"type":"Feature","properties":{"LSOA21CD":"E01006513","GlobalID":"b"},"geometry":{"type":"Point","coordinates":[-2.97,53.42]}}]}
            """);
        var source = SourceCatalogue.Parse("""
            version: 1
            sources:
              - id: pwc
                kind: centroids
                publisher: ONS
                licence: OGL-3.0
                url: pwc.geojson
                format: geojson
                geography: lsoa
                vintage: 2021
                columns:
                  area_code: LSOA21CD
                  longitude: geometry.x
                  latitude: geometry.y
            """, temp.Path).Sources[0];

        var data = GeoParsers.Centroids(source, path);

        Assert.Equal(new GeoPoint(-2.98, 53.41), data.Points["E01006512"]);
        Assert.Equal(new GeoPoint(-2.97, 53.42), data.Points["E01006513"]);
    }

    private static string Line(string postcode, int easting, int northing, string district) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{postcode}\",10,{easting},{northing},\"E92000001\",\"E19000001\",\"E18000002\",\"\",\"{district}\",\"E05000001\"\n");

    private static SourceDefinition Source(string format, string url) =>
        Catalogue(format, url, $"header: \"false\"\n      column_names: \"{Names}\"", "postcode: Postcode\n      easting: Eastings\n      northing: Northings\n      lad_code: Admin_district_code", SharedData.DataDirectory).Sources[0];

    private static SourceCatalogue Catalogue(string format, string options) =>
        Catalogue(format, "f.csv", options, "postcode: \"1\"\n      easting: \"3\"\n      northing: \"4\"", "/base");

    private static SourceCatalogue Catalogue(string format, string url, string options, string columns, string directory) => SourceCatalogue.Parse(
        $"""
        version: 1
        sources:
          - id: codepoint
            kind: postcodes
            publisher: Ordnance Survey
            licence: OS OpenData
            url: {url}
            format: {format}
            geography: postcode
            options:
              {options}
            columns:
              {columns}
        """,
        directory,
        "t.yml");
}
