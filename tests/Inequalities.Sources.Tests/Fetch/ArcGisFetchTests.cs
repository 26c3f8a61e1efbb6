using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport.Publishers;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>
/// <c>format: arcgis</c> over real HTTP against the ArcGIS imitation: paging past maxRecordCount, error bodies sent
/// with HTTP 200, the count check, and the layer's last edit as the validator. Each test fails if its behaviour
/// (paging, the error-body check, the count check) is removed from the fetcher.
/// </summary>
public sealed class ArcGisFetchTests : FetchTestBase
{
    private const string LookupPath = "/ESMARspQHYMw9BZ9/arcgis/rest/services/LSOA21_LAD24_EW_LU/FeatureServer/0";
    private const string BoundaryPath = "/ESMARspQHYMw9BZ9/arcgis/rest/services/LSOA_2021_EW_BSC/FeatureServer/0";

    private readonly ArcGisFeatureService _service = new();

    [Fact]
    public async Task FetchAsync_2500RowsWithMaxRecordCount1000_PagesToEveryRowInObjectIdOrder()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(Codes(2500), FeatureCodes(result.File!.Path, "LSOA21CD"));
        Assert.Equal(3, layer.PageRequests);
        Assert.Equal(1, layer.CountRequests);
        var pages = layer.Queries.Where(q => q.Contains("resultOffset", StringComparison.Ordinal)).ToList();
        Assert.Equal(["0", "1000", "2000"], pages.Select(q => Param(q, "resultOffset")));
        Assert.All(pages, q => Assert.Equal("1000", Param(q, "resultRecordCount")));
        Assert.All(pages, q => Assert.Equal("FID", Param(q, "orderByFields")));
        Assert.All(pages, q => Assert.Equal("LSOA21CD,LAD24CD", Param(q, "outFields")));
        Assert.All(pages, q => Assert.Equal("json", Param(q, "f")));
        Assert.All(pages, q => Assert.Equal("false", Param(q, "returnGeometry")));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), result.File.LayerEditDate);
        Assert.Equal(Server.Url(LookupPath) + "/query?where=1%3D1&outFields=LSOA21CD,LAD24CD&returnGeometry=false&outSR=4326&orderByFields=FID&f=json", result.File.Url);
        Assert.Equal(2500, SourceParser.Lookup(LookupSource(), result.File.Path).Rows);
        Assert.Equal(result.File, Cache.TryGetLatest("lsoa-lad"));
    }

    [Fact]
    public async Task FetchAsync_PolygonLayerWithMaxRecordCount2000_PagesGeoJsonUntilTheLimitIsNotExceeded()
    {
        var layer = Serve(BoundaryPath, BoundaryLayer(2500, 2000));
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, BoundarySource());

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(2, layer.PageRequests);
        Assert.All(layer.Queries.Where(q => q.Contains("resultOffset", StringComparison.Ordinal)), q => Assert.Equal("geojson", Param(q, "f")));
        var boundaries = GeoParsers.Boundaries(BoundarySource(), result.File!.Path);
        Assert.Equal(Codes(2500), boundaries.Areas.Select(a => a.Code));
        Assert.Equal("Area 2500", boundaries.Names[^1]);
    }

    [Fact]
    public async Task FetchAsync_ShortPageThatClaimsMore_ContinuesFromWhereTheRowsEnd()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        layer.ShortPage(1, 400, claimMore: true);
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(Codes(2500), FeatureCodes(result.File!.Path, "LSOA21CD"));
        Assert.Equal(["0", "400", "1400", "2400"], layer.Queries.Where(q => q.Contains("resultOffset", StringComparison.Ordinal)).Select(q => Param(q, "resultOffset")));
    }

    [Fact]
    public async Task FetchAsync_ErrorBodyWithHttp200_FailsWithTheServiceMessageAndKeepsTheLastGoodCopy()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        using var fetcher = Fetcher();
        var good = await FetchAsync(fetcher, LookupSource());
        var before = Snapshot("lsoa-lad");
        layer.LastEditDate = layer.LastEditDate!.Value.AddDays(1);
        layer.FailPage(2, ArcGisError.InvalidQuery());
        var pagesBefore = layer.PageRequests;

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.True(result.IsStale);
        Assert.StartsWith($"Source 'lsoa-lad' ({Server.Url(LookupPath)}): ", result.Error, StringComparison.Ordinal);
        Assert.Contains(
            "the ArcGIS service answered the page at offset 1000 with error 400: Cannot perform query. Invalid query parameters. (Unable to perform query. Please check your parameters.)",
            result.Error,
            StringComparison.Ordinal);
        Assert.Equal(pagesBefore + 2, layer.PageRequests);
        Assert.Equal(good.File, result.File);
        AssertIntact("lsoa-lad", before, File.ReadAllBytes(good.File!.Path));
    }

    [Fact]
    public async Task FetchAsync_TransientErrorBodyOnce_IsRetriedAndCompletes()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        layer.FailPage(2, ArcGisError.Unavailable(), times: 1);
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(Codes(2500), FeatureCodes(result.File!.Path, "LSOA21CD"));
        Assert.Equal(4, layer.PageRequests);
    }

    [Fact]
    public async Task FetchAsync_ErrorBodyOnTheMetadata_FailsBeforeAnyQuery()
    {
        var layer = Serve(LookupPath, LookupLayer(10, 1000));
        layer.MetadataError = new ArcGisError(400, "Invalid URL", ["Service not found"]);
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.EndsWith("the ArcGIS service answered the layer metadata request with error 400: Invalid URL (Service not found)", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, layer.CountRequests + layer.PageRequests);
    }

    [Fact]
    public async Task FetchAsync_PageCutShort_FailsWithExpectedAndReceivedCountsAndKeepsTheLastGoodCopy()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        using var fetcher = Fetcher();
        var good = await FetchAsync(fetcher, LookupSource());
        var before = Snapshot("lsoa-lad");
        layer.LastEditDate = layer.LastEditDate!.Value.AddDays(1);
        layer.ShortPage(2, 500, claimMore: false);

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.EndsWith(
            "expected 2500 rows (the layer's count for the query) but received 1500: a page was cut short, so the source keeps its last good copy (after 4 requests)",
            result.Error,
            StringComparison.Ordinal);
        Assert.StartsWith("Source 'lsoa-lad'", result.Error, StringComparison.Ordinal);
        AssertIntact("lsoa-lad", before, File.ReadAllBytes(good.File!.Path));
    }

    [Fact]
    public async Task FetchAsync_PageStopsEarly_FailsOnTheCount()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        layer.StopAfterPage(1);
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.Contains("expected 2500 rows (the layer's count for the query) but received 1000", result.Error, StringComparison.Ordinal);
        Assert.Null(Cache.TryGetLatest("lsoa-lad"));
    }

    [Fact]
    public async Task FetchAsync_CountThatDisagrees_Fails()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        layer.CountOffset = 7;
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.Contains("expected 2507 rows (the layer's count for the query) but received 2500", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_EmptyPageThatClaimsMore_FailsInsteadOfLooping()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        layer.ShortPage(2, 0, claimMore: true);
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.Contains("the page at offset 1000 returned no rows but says more remain (exceededTransferLimit) after 1000 of 2500 rows", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, layer.PageRequests);
    }

    [Fact]
    public async Task FetchAsync_MappedHeaderNotALayerField_FailsNamingTheFieldAndTheLayerFields()
    {
        var layer = Serve(LookupPath, LookupLayer(10, 1000));
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource(ladHeader: "[LAD25CD, LAD26CD]"));

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.EndsWith(
            "the layer has no header for lad_code (none of 'LAD25CD', 'LAD26CD'); the publisher may have renamed its columns (schema drift). The layer's fields: FID | LSOA21CD | LSOA21NM | LAD24CD",
            result.Error,
            StringComparison.Ordinal);
        Assert.Equal(0, layer.CountRequests + layer.PageRequests);
    }

    [Fact]
    public async Task FetchAsync_HeaderAliases_AskForTheFieldTheLayerHas()
    {
        var layer = Serve(LookupPath, LookupLayer(10, 1000));
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource(ladHeader: "[LAD25CD, LAD24CD]"));

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.All(layer.Queries.Where(q => q.Contains("resultOffset", StringComparison.Ordinal)), q => Assert.Equal("LSOA21CD,LAD24CD", Param(q, "outFields")));
        Assert.Equal("LAD24CD", SourceParser.Lookup(LookupSource(ladHeader: "[LAD25CD, LAD24CD]"), result.File!.Path).ColumnsUsed["lad_code"]);
    }

    [Fact]
    public async Task FetchAsync_LayerNotEditedSinceTheCachedCopy_IsUnchangedWithoutPaging()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        using var fetcher = Fetcher();
        var first = await FetchAsync(fetcher, LookupSource());
        var before = Snapshot("lsoa-lad");

        var second = await FetchAsync(fetcher, LookupSource());
        layer.LastEditDate = layer.LastEditDate!.Value.AddHours(1);
        var third = await FetchAsync(fetcher, LookupSource());

        Assert.Equal(SourceStatus.Unchanged, second.Status);
        Assert.Equal(first.File, second.File);
        Assert.Equal(SourceStatus.Unchanged, third.Status);
        Assert.Equal(first.File!.Sha256, third.File!.Sha256);
        Assert.Equal(layer.LastEditDate, third.File.LayerEditDate);
        Assert.Equal(layer.LastEditDate, Cache.TryGetLatest("lsoa-lad")!.LayerEditDate);
        Assert.Equal(3, layer.MetadataRequests);
        Assert.Equal(2, layer.CountRequests);
        Assert.Equal(6, layer.PageRequests);
        Assert.Equal(before.Keys.Order(), Snapshot("lsoa-lad").Keys.Order());
    }

    [Fact]
    public async Task FetchAsync_NoObjectIdFieldInTheMetadata_OrdersByTheOidTypedField()
    {
        var layer = Serve(LookupPath, LookupLayer(1500, 1000));
        layer.AnnounceObjectIdField = false;
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource());

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.All(layer.Queries.Where(q => q.Contains("resultOffset", StringComparison.Ordinal)), q => Assert.Equal("FID", Param(q, "orderByFields")));
    }

    [Fact]
    public async Task FetchAsync_WhereOption_IsSentToTheCountAndEveryPage()
    {
        var layer = Serve(LookupPath, LookupLayer(2500, 1000));
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource(extra: ["options:", "  where: LAD24CD IN ('E08000012')"]));

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(1250, FeatureCodes(result.File!.Path, "LSOA21CD").Count);
        Assert.All(layer.Queries, q => Assert.Equal("LAD24CD IN ('E08000012')", Param(q, "where")));
        Assert.Equal(2, layer.PageRequests);
    }

    [Fact]
    public async Task FetchAsync_WhereNamingAnUnknownField_FailsWithTheServicesBadParameterError()
    {
        var layer = Serve(LookupPath, LookupLayer(10, 1000));
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, LookupSource(extra: ["options:", "  where: LAD25CD = 'E08000012'"]));

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.EndsWith(
            "the ArcGIS service answered the count request with error 400: Cannot perform query. Invalid query parameters. (Unable to perform query: the unknown field 'LAD25CD'. Please check your parameters.) (after 2 requests)",
            result.Error,
            StringComparison.Ordinal);
        Assert.Equal(0, layer.CountRequests);
    }

    [Theory]
    [InlineData("1=1", 4)]
    [InlineData("LAD24CD = 'E08000012'", 2)]
    [InlineData("lad24cd IN ('E08000012', 'E06000006')", 4)]
    [InlineData("LSOA21NM LIKE 'Area 1%' OR LSOA21NM LIKE 'area 3'", 2)]
    [InlineData("LAD24CD = 'E08000012' AND NOT LSOA21NM LIKE '%4'", 1)]
    [InlineData("(FID = 1 OR FID = 2) AND LAD24CD <> 'E08000012'", 1)]
    public void ArcGisWhere_Subset_SelectsTheMatchingRows(string where, int expected)
    {
        var layer = LookupLayer(4, 1000);
        var fields = layer.Fields.Select((f, i) => (f, i)).ToDictionary(t => t.f, t => t.i, StringComparer.OrdinalIgnoreCase);

        var predicate = ArcGisWhere.Compile(where, fields);

        Assert.Equal(expected, layer.Rows.Count(predicate));
    }

    [Theory]
    [InlineData("NOPE = 1")]
    [InlineData("LAD24CD = 'x")]
    [InlineData("LAD24CD > 3")]
    public void ArcGisWhere_OutsideTheSubset_IsAFormatException(string where)
    {
        var layer = LookupLayer(1, 1000);
        var fields = layer.Fields.Select((f, i) => (f, i)).ToDictionary(t => t.f, t => t.i, StringComparer.OrdinalIgnoreCase);

        Assert.Throws<FormatException>(() => ArcGisWhere.Compile(where, fields));
    }

    private ArcGisLayer Serve(string path, ArcGisLayer layer)
    {
        _service.Add(path, layer);
        if (_service.Layers.Count == 1)
        {
            Server.Use(_service.HandleAsync);
        }

        return layer;
    }

    private SourceDefinition LookupSource(string ladHeader = "LAD24CD", params string[] extra) => Assert.Single(SourceCatalogue.Parse(
        $"""
        version: 1
        sources:
          - id: lsoa-lad
            kind: lookup
            publisher: ONS
            licence: OGL-3.0
            url: {Server.Url(LookupPath)}
            format: arcgis
            geography: lsoa
            vintage: 2021
            columns:
              lsoa21_code: LSOA21CD
              lad_code: {ladHeader}

        """ + string.Concat(extra.Select(e => "    " + e + "\n")),
        Lake.Path).Sources);

    private SourceDefinition BoundarySource() => Assert.Single(SourceCatalogue.Parse(
        $"""
        version: 1
        sources:
          - id: lsoa-boundaries
            kind: boundaries
            publisher: ONS
            licence: OGL-3.0
            url: {Server.Url(BoundaryPath)}
            format: arcgis
            geography: lsoa
            vintage: 2021
            columns:
              area_code: LSOA21CD
              area_name: LSOA21NM
        """,
        Lake.Path).Sources);

    private static List<string> Codes(int count) => Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"E01{i:D6}")).ToList();

    private static ArcGisLayer LookupLayer(int rows, int maxRecordCount)
    {
        var layer = ArcGisLayer.FromRows(
            "LSOA21_LAD24_EW_LU",
            ["LSOA21CD", "LSOA21NM", "LAD24CD"],
            Codes(rows).Select((code, i) => new string?[] { code, $"Area {i + 1}", i % 2 == 0 ? "E06000006" : "E08000012" }).ToList());
        layer.MaxRecordCount = maxRecordCount;
        return layer;
    }

    private static ArcGisLayer BoundaryLayer(int rows, int maxRecordCount)
    {
        var geometries = Enumerable.Range(0, rows).Select(i =>
        {
            var (x, y) = (-3.0 + (i % 50 * 0.01), 53.3 + (i / 50 * 0.01));
            return (JsonNode?)JsonNode.Parse(string.Create(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Polygon\",\"coordinates\":[[[{x},{y}],[{x + 0.01},{y}],[{x + 0.01},{y + 0.01}],[{x},{y + 0.01}],[{x},{y}]]]}}"));
        }).ToList();
        var layer = ArcGisLayer.FromRows("LSOA_2021_EW_BSC", ["LSOA21CD", "LSOA21NM"], Codes(rows).Select((code, i) => new string?[] { code, $"Area {i + 1}" }).ToList(), geometries);
        layer.MaxRecordCount = maxRecordCount;
        return layer;
    }

    private static List<string> FeatureCodes(string path, string field)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal("FeatureCollection", document.RootElement.GetProperty("type").GetString());
        return document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty(field).GetString()!).ToList();
    }

    private static string Param(string query, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)[name].ToString();
}
