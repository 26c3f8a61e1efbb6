using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Parsing;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Sources.Tests.Sample;

/// <summary>
/// The sample mirror (<c>refresh --sample</c>) on the live-publisher syntax: an <c>arcgis</c> layer gets its assembled
/// GeoJSON form, a templated zip its current month's member, header aliases their first header; the fetcher reads
/// them back from the files and the parsers parse them.
/// </summary>
public sealed class SampleLiveSyntaxTests
{
    private const string Yaml = """
        version: 1
        allowed_hosts:
          - "*.arcgis.com"
        mirrors:
          - prefix: https://services1.arcgis.com/
            url: https://gis-mirror.nhs.example/services1/
        sources:
          - id: wards
            kind: lookup
            publisher: ONS
            licence: OGL-3.0
            url: https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/LSOA21_WD24_LAD24_EW_LU/FeatureServer/0
            format: arcgis
            geography: lsoa
            vintage: 2021
            columns:
              lsoa21_code: LSOA21CD
              ward_code: WD24CD
              lad_code: [LAD25CD, LAD24CD]
          - id: boundaries
            kind: boundaries
            publisher: ONS
            licence: OGL-3.0
            url: https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/LSOA_2021_EW_BSC_V4/FeatureServer/0
            format: arcgis
            geography: lsoa
            vintage: 2021
            columns:
              area_code: LSOA21CD
              area_name: LSOA21NM
          - id: companies
            kind: assets
            publisher: Companies House
            licence: OGL-3.0
            url: https://download.companieshouse.gov.uk/BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.zip
            format: zip
            member: BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.csv
            member_format: csv
            fallback_months: 1
            geography: point
            columns:
              name: CompanyName
              asset_id: CompanyNumber
              postcode: [RegAddress.PostCode, PostCode]
        """;

    [Fact]
    public async Task Generate_ArcGisTemplatesAndAliases_FetchesAndParsesFromTheFiles()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero));
        var catalogue = SourceCatalogue.Parse(Yaml, dir.Path);

        var files = SampleMirror.Generate(catalogue, dir.Combine("mirror"), timeProvider: clock);
        var local = catalogue.WithLocations(files);
        using var fetcher = new SourceFetcher(new FetchOptions(), clock);
        var results = await fetcher.FetchAllAsync(local, new RawCache(dir.Combine("lake")));

        Assert.All(results, r => Assert.True(r.Status == SourceStatus.Fetched, r.Error));
        Assert.EndsWith("wards.geojson", files["wards"].LocalPath, StringComparison.Ordinal);
        Assert.EndsWith(".geojson", results[0].File!.Path, StringComparison.Ordinal);
        var wards = SourceParser.Lookup(local["wards"], results[0].File!.Path);
        Assert.True(wards.Rows > 0);
        Assert.Equal("LAD25CD", wards.ColumnsUsed["lad_code"]);
        Assert.NotEmpty(GeoParsers.Boundaries(local["boundaries"], results[1].File!.Path).Areas);
        Assert.Equal("BasicCompanyDataAsOneFile-2026-02-01.csv", results[2].File!.Member);
        var companies = AssetParser.Parse(local["companies"] with { Member = results[2].File!.Member }, results[2].File!.Path);
        Assert.NotEmpty(companies.Records);
    }
}
