using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Tests.Catalogue;

/// <summary>The <c>briefs:</c> section and a source's <c>attribution:</c>.</summary>
public sealed class BriefCatalogueTests
{
    private const string Sources = """
        version: 1
        sources:
          - id: coops
            kind: assets
            publisher: Co-operatives UK
            licence: ODC-By-1.0
            attribution: Contains Co-operatives UK open data
            url: https://example.org/coops.csv
            format: csv
            geography: point
            columns:
              name: Name
              postcode: Postcode
          - id: iod2025
            kind: deprivation
            publisher: MHCLG
            licence: OGL-3.0
            url: https://example.org/file7.csv
            format: csv
            geography: lsoa
            vintage: 2021
            columns:
              lsoa_code: LSOA code (2021)
              imd.score: IMD score
          - id: cni
            kind: deprivation
            publisher: OCSI
            licence: Not stated
            url: https://example.org/cni.csv
            format: csv
            geography: lsoa
            vintage: 2021
            columns:
              lsoa_code: lsoa21
              civic.score: civic
        """;

    [Fact]
    public void Parse_NoSection_WritesTheSixDistrictsTheCityRegionAndEnglandInHtmlAndPdf()
    {
        var briefs = SourceCatalogue.Parse(Sources, "/base").Briefs;

        Assert.Equal(["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015", "E47000004", "E92000001"], briefs.Areas);
        Assert.Equal([BriefFormat.Html, BriefFormat.Pdf], briefs.Formats);
        Assert.Null(briefs.Browser);
        Assert.True(briefs.Enabled);
    }

    [Fact]
    public void Parse_Section_ReadsAreasFormatsAndBrowser_AndCopiesKeepIt()
    {
        var catalogue = SourceCatalogue.Parse(Sources + "\nbriefs:\n  areas: [E08000012]\n  formats: [pdf]\n  browser: /opt/chromium/chrome\n", "/base");

        Assert.Equal(["E08000012"], catalogue.Briefs.Areas);
        Assert.Equal([BriefFormat.Pdf], catalogue.Briefs.Formats);
        Assert.Equal("/opt/chromium/chrome", catalogue.Briefs.Browser);
        Assert.Equal(catalogue.Briefs, catalogue.Only(["iod2025"]).Briefs);
        Assert.Equal(catalogue.Briefs, catalogue.WithLocations(new Dictionary<string, Uri>()).Briefs);
        Assert.False(SourceCatalogue.Parse(Sources + "\nbriefs:\n  areas: []\n", "/base").Briefs.Enabled);
    }

    [Fact]
    public void Parse_BadAreaAndFormat_ListsEveryProblemWithItsLine()
    {
        var yaml = Sources + "\nbriefs:\n  areas: [E08000012, Liverpool]\n  formats: [html, docx]\n  colour: blue\n";

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/base"));

        Assert.Contains(ex.Problems, p => p.Contains("briefs.areas", StringComparison.Ordinal) && p.Contains("'Liverpool'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("briefs.formats", StringComparison.Ordinal) && p.Contains("'docx'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("colour", StringComparison.Ordinal));
    }

    [Fact]
    public void Attribution_CatalogueStatementElseTheOglSentenceForOglElseNone()
    {
        var catalogue = SourceCatalogue.Parse(Sources, "/base");

        Assert.Equal("Contains Co-operatives UK open data", Attribution.For(catalogue["coops"]));
        Assert.Equal("Contains public sector information licensed under the Open Government Licence v3.0.", Attribution.For(catalogue["iod2025"]));
        Assert.Null(Attribution.For(catalogue["cni"]));
    }
}
