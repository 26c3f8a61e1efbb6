using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

/// <summary>
/// Files without a header row (OS Code-Point Open): with <c>options: header: false</c> the columns are named by their
/// 1-based numbers, which the <c>columns:</c> map uses, and the first line is data.
/// </summary>
public sealed class HeaderlessCsvTests
{
    [Fact]
    public void Parse_RealCodePointOpenArea_ReadsEveryLineAsAPostcodeWithItsGridReference()
    {
        var source = Source("csv.gz", "postcode: \"1\"\n      easting: \"3\"\n      northing: \"4\"\n      lad_code: \"9\"", "false");

        var directory = PostcodeParser.Parse(source, SharedData.DataFile("codepoint_open_2025_4/l.csv.gz"), null);

        // Every one of the file's 20,853 lines is a postcode (the first one too), each once.
        Assert.Equal(20_853, directory.RowsRead);
        Assert.Equal(20_853, directory.Entries.Count);
        var first = directory.Find("L1 0AA")!;
        Assert.Equal("L1 0AA", first.Postcode);
        var expected = BritishNationalGrid.ToWgs84(334_864, 389_326);
        Assert.Equal(expected.Longitude, first.Point!.Value.Longitude, 9);
        Assert.Equal(expected.Latitude, first.Point!.Value.Latitude, 9);
    }

    [Fact]
    public void Open_HeaderFalseWithAHeaderName_ReportsTheNumbersTheFileHas()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteText("f.csv", "\"L1 0AA\",10,334864,389326\n");
        var source = Source("csv", "postcode: Postcode\n      easting: \"3\"\n      northing: \"4\"", "false");

        var ex = Assert.Throws<SourceDataException>(() => PostcodeParser.Parse(source, path, null));

        Assert.Equal(
            "source 'codepoint': the file has no 'Postcode' (for postcode); the publisher may have renamed its columns (schema drift). Headers found: 1 | 2 | 3 | 4",
            ex.Message);
    }

    [Fact]
    public void Load_HeaderOnAWorkbookOrNotABoolean_IsReportedWhenTheCatalogueLoads()
    {
        var xlsx = Assert.Throws<CatalogueException>(() => Source("xlsx\n    sheet: Data", "postcode: \"1\"", "false"));
        var maybe = Assert.Throws<CatalogueException>(() => Source("csv", "postcode: \"1\"", "maybe"));

        Assert.Contains("field 'options.header': is only used by CSV sources (csv, csv.gz, or a zip member of format csv)", xlsx.Message, StringComparison.Ordinal);
        Assert.Contains("field 'options.header': 'maybe' is not true or false", maybe.Message, StringComparison.Ordinal);
    }

    private static SourceDefinition Source(string format, string columns, string header) => SourceCatalogue.Parse(
        $"""
        version: 1
        sources:
          - id: codepoint
            kind: postcodes
            publisher: Ordnance Survey
            licence: OGL-3.0
            url: l.csv.gz
            format: {format}
            geography: postcode
            options:
              header: "{header}"
            columns:
              {columns}
        """,
        Path.GetTempPath()).Sources[0];
}
