using System.IO.Compression;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Loopback;
using Inequalities.TestSupport.Publishers;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Build;

/// <summary>
/// Refreshes with the live publishers' interfaces, imitated over loopback HTTP: an ArcGIS layer reached through a
/// mirror (provenance on the publisher's URL, the mirror named, the aliases used recorded), a page cut short (never
/// published: the refresh fails or keeps the last good copy, and <c>current</c> does not move to the cut-short data),
/// and a templated zip whose month and member are recorded.
/// </summary>
public sealed class LiveSourceRefreshTests : IAsyncLifetime
{
    private const string LayerPath = "/ESMARspQHYMw9BZ9/arcgis/rest/services/LAD23_CAUTH23_EN_LU/FeatureServer/0";
    private static readonly FetchOptions FastRetries = new() { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };

    private readonly TempDirectory _temp = new();
    private readonly ArcGisFeatureService _service = new();
    private LoopbackServer _server = null!;
    private ArcGisLayer _layer = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _layer = _service.Add(LayerPath, ArcGisLayer.FromCsv("LAD23_CAUTH23_EN_LU", SharedData.DataFile("lookup_ltla23_cauth23_EN.csv")));
        _layer.MaxRecordCount = 20;
        _server.Use(_service.HandleAsync);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Refresh_ArcGisLayerThroughAMirror_RecordsPublisherUrlMirrorAndAliasesUsed()
    {
        var outcome = await RefreshAsync(_temp.Combine("lake"), Catalogue());

        Assert.True(outcome.Published, outcome.Error);
        var source = LakeSnapshot.OpenCurrent(_temp.Combine("lake")).Manifest.Sources.Single(s => s.Id == "lad-cauth");
        Assert.Equal(
            "https://services1.arcgis.com" + LayerPath + "/query?where=1%3D1&outFields=ltla23_code,ltla23_name,cauth23_code,cauth23_name&returnGeometry=false&outSR=4326&orderByFields=FID&f=json",
            source.Url);
        Assert.StartsWith("https://services1.arcgis.com" + LayerPath + "/query?", source.FinalUrl, StringComparison.Ordinal);
        Assert.Contains("resultOffset=40", source.FinalUrl, StringComparison.Ordinal);
        Assert.Equal(_server.BaseAddress.ToString(), source.Mirror);
        Assert.Equal(new Dictionary<string, string> { ["cauth23_code"] = "cauth23_code" }, source.ColumnsUsed);
        Assert.Equal(53, source.Rows);
        Assert.Equal(3, _layer.PageRequests);
        Assert.Null(LakeSnapshot.OpenCurrent(_temp.Combine("lake")).Manifest.Sources.Single(s => s.Id == "lookup-lsoa").ColumnsUsed);
    }

    [Fact]
    public async Task Refresh_PageCutShortWithNoEarlierCopy_FailsNamingTheCountsAndCurrentStays()
    {
        var lake = _temp.Combine("lake");
        var first = await RefreshAsync(lake, Catalogue().Only(["lookup-lsoa"]));
        Assert.True(first.Published, first.Error);
        _layer.ShortPage(2, 5, claimMore: false);

        var second = await RefreshAsync(lake, Catalogue());

        Assert.False(second.Published);
        Assert.StartsWith("source 'lad-cauth' failed and has no earlier copy: Source 'lad-cauth' (https://services1.arcgis.com" + LayerPath + "): ", second.Error, StringComparison.Ordinal);
        Assert.Contains("expected 53 rows (the layer's count for the query) but received 25", second.Error, StringComparison.Ordinal);
        Assert.Equal(first.SnapshotId, new LakeLayout(lake).ReadCurrentId());
        Assert.Null(new RawCache(lake).TryGetLatest("lad-cauth"));
        Assert.Single(Directory.EnumerateDirectories(new LakeLayout(lake).SnapshotsDirectory));
    }

    [Fact]
    public async Task Refresh_PageCutShortWithAnEarlierCopy_KeepsTheGoodCopyAndNeverPublishesTheShortOne()
    {
        var lake = _temp.Combine("lake");
        var first = await RefreshAsync(lake, Catalogue());
        Assert.True(first.Published, first.Error);
        var good = LakeSnapshot.OpenCurrent(lake).Manifest.Sources.Single(s => s.Id == "lad-cauth");
        _layer.LastEditDate = _layer.LastEditDate!.Value.AddDays(1);
        _layer.ShortPage(3, 1, claimMore: false);

        var second = await RefreshAsync(lake, Catalogue());

        Assert.True(second.Published, second.Error);
        var stale = LakeSnapshot.OpenCurrent(lake).Manifest.Sources.Single(s => s.Id == "lad-cauth");
        Assert.True(stale.Stale);
        Assert.Equal(SourceStatus.Failed, stale.Status);
        Assert.Contains("expected 53 rows (the layer's count for the query) but received 41", stale.Error, StringComparison.Ordinal);
        Assert.Equal(good.Sha256, stale.Sha256);
        Assert.Equal(53, stale.Rows);
        Assert.Equal(good.Sha256, new RawCache(lake).TryGetLatest("lad-cauth")!.Sha256);
    }

    [Fact]
    public async Task Refresh_TemplatedZip_ReadsTheFallbackMonthsMemberAndRecordsUrlAndMember()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("lad_cauth_2025_10.csv").Open();
            using var source = File.OpenRead(SharedData.DataFile("lookup_ltla23_cauth23_EN.csv"));
            source.CopyTo(entry);
        }

        _server.Serve("/lad-cauth-2025-10.zip", zip.ToArray(), "application/zip");
        var yaml = $$"""
            version: 1
            sources:
              - id: lad-cauth-zip
                kind: lookup
                publisher: ONS
                licence: OGL-3.0
                url: {{_server.BaseAddress}}lad-cauth-{month:yyyy-MM}.zip
                format: zip
                member: lad_cauth_{month:yyyy_MM}.csv
                member_format: csv
                fallback_months: 1
                geography: lad
                columns:
                  lad23_code: ltla23_code
                  cauth23_code: cauth23_code
            """;
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 2, 0, 0, TimeSpan.Zero));

        var outcome = await RefreshAsync(_temp.Combine("lake"), SourceCatalogue.Parse(yaml, _temp.Path), clock);

        Assert.True(outcome.Published, outcome.Error);
        var recorded = Assert.Single(LakeSnapshot.OpenCurrent(_temp.Combine("lake")).Manifest.Sources);
        Assert.Equal(_server.Url("/lad-cauth-2025-10.zip").ToString(), recorded.Url);
        Assert.Equal("lad_cauth_2025_10.csv", recorded.Member);
        Assert.Equal(53, recorded.Rows);
        Assert.Null(recorded.Mirror);
    }

    private SourceCatalogue Catalogue()
    {
        var yaml = $"""
            version: 1
            sources:
              - id: lookup-lsoa
                kind: lookup
                publisher: ONS
                licence: OGL-3.0
                url: {SharedData.DataFile("lookup_lsoa11_lsoa21_ltla22_EW.csv.gz")}
                format: csv.gz
                geography: lsoa
                columns:
                  lsoa11_code: lsoa11_code
                  lsoa21_code: lsoa21_code
                  change_code: change_code
              - id: lad-cauth
                kind: lookup
                publisher: ONS
                licence: OGL-3.0
                url: https://services1.arcgis.com{LayerPath}
                format: arcgis
                geography: lad
                columns:
                  lad23_code: ltla23_code
                  lad23_name: ltla23_name
                  cauth23_code: [cauth24_code, cauth23_code]
                  cauth23_name: cauth23_name
            """;
        return SourceCatalogue.Parse(yaml, _temp.Path).WithMirrors([$"https://services1.arcgis.com/={_server.BaseAddress}"]);
    }

    private static async Task<RefreshOutcome> RefreshAsync(string lake, SourceCatalogue catalogue, TimeProvider? fetchClock = null)
    {
        using var fetcher = new SourceFetcher(FastRetries, fetchClock ?? TimeProvider.System);
        return await new RefreshRunner(new LakeLayout(lake), fetcher, TimeProvider.System).RunAsync(catalogue);
    }
}
