using System.Net;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Publishers;

namespace Inequalities.Worker.Tests.Publishers;

/// <summary>
/// Issue 11's "Done when": the real catalogue, unmodified, against the simulated publishers gives a national lake
/// with every LSOA's geography, and the same LCR populations and deprivation as the lake of the shared real files.
/// </summary>
[Collection(PublisherLakeCollection.Name)]
public sealed partial class PublisherRefreshTests
{
    private static readonly string[] Lcr = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];
    private readonly PublisherLakeFixture _fixture;

    public PublisherRefreshTests(PublisherLakeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_EveryLsoaHasItsGeography()
    {
        var areas = await _fixture.Publishers.ReadTableAsync("areas");
        var vintage = areas.Primitive<int>("lsoa_vintage");
        var code = areas.Strings("lsoa_code");
        var msoa = areas.Strings("msoa_code");
        var lad = areas.Strings("lad_code");
        var region = areas.Strings("region_code");
        var cauth = areas.Strings("cauth_code");
        var rows2021 = Enumerable.Range(0, areas.RowCount).Where(i => vintage[i] == 2021).ToList();
        var rows2011 = Enumerable.Range(0, areas.RowCount).Where(i => vintage[i] == 2011).ToList();

        Assert.Equal(33_755, rows2021.Count);
        Assert.Equal(32_844, rows2011.Count);
        Assert.All(rows2021.Concat(rows2011), i => Assert.True(msoa[i] is not null && lad[i] is not null && region[i] is not null, $"LSOA {code[i]}: msoa {msoa[i]}, lad {lad[i]}, region {region[i]}"));
        Assert.Equal(1_003, rows2021.Count(i => cauth[i] == "E47000004"));
        Assert.Equal(989, rows2011.Count(i => cauth[i] == "E47000004"));
        Assert.All(rows2021.Where(i => cauth[i] == "E47000004"), i => Assert.Contains(lad[i], Lcr));
    }

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_LcrPopulationsEqualTheSharedDataLake()
    {
        var publishers = await PopulationsAsync(_fixture.Publishers);
        var shared = await PopulationsAsync(_fixture.Shared);

        Assert.Equal(1_003 + 989, shared.Count);
        Assert.Equal(shared.Keys.Order(), publishers.Keys.Order());
        Assert.All(shared, s => Assert.Equal(s.Value, publishers[s.Key]));
        Assert.Equal(1_551_821, shared.Where(s => s.Key.Vintage == 2021).Sum(s => s.Value));
    }

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_LcrDeprivationEqualsTheSharedDataLake()
    {
        var publishers = await DeprivationAsync(_fixture.Publishers);
        var shared = await DeprivationAsync(_fixture.Shared);

        // Every index and domain of the shared lake (IoD2019 ranks and deciles from Files 1 and 2, IoD2025 scores,
        // ranks and deciles) for every LCR LSOA, value for value.
        Assert.True(shared.Count > 1_003 * 8 * 3, $"only {shared.Count} LCR deprivation values in the shared lake");
        Assert.All(shared, s => Assert.True(publishers.TryGetValue(s.Key, out var p) && p == s.Value, $"{s.Key}: shared {s.Value}, publishers {p}"));
    }

    [Fact]
    public void Refresh_ItemDownloadAndHubExport_RedirectToTheSecondHost()
    {
        var storage = _fixture.Requests.Where(r => PublisherSimulator.StorageHosts.Contains(r.Host)).ToList();

        Assert.Contains(storage, r => r.Host == "ago-item-storage.s3.us-east-1.amazonaws.com" && r.PathAndQuery.Contains(PublisherSimulator.OnspdItem, StringComparison.Ordinal) && r.Status == 200);
        Assert.Equal(3, storage.Count(r => r.Host == "stg-arcgisazurecdataprod1.az.arcgis.com" && r.Status == 200));
        Assert.All(storage, r => Assert.Equal(IPAddress.Parse("127.0.0.2"), r.LocalAddress));
        Assert.Contains(_fixture.RequestsTo("www.arcgis.com"), r => r.Status == 302);
        Assert.Equal(3, _fixture.RequestsTo("open-geography-portalx-ons.hub.arcgis.com").Count(r => r.Status == 302));
        var onspd = _fixture.Publishers.Manifest.Sources.Single(s => s.Id == "onspd");
        Assert.Equal(SourceStatus.Fetched, onspd.Status);
        Assert.StartsWith("https://www.arcgis.com/sharing/rest/content/items/", onspd.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Refresh_ArcGisLayers_ArePagedAtEachLayersLimit()
    {
        var queries = _fixture.RequestsTo("services1.arcgis.com").Where(r => r.PathAndQuery.Contains("/query?", StringComparison.Ordinal) && r.PathAndQuery.Contains("resultOffset", StringComparison.Ordinal)).ToList();

        // The ward lookup (35,672 rows, 1,000 a page) and the OA 2011 lookup (69,506 rows, 2,000 a page).
        Assert.Equal(36, queries.Count(r => r.PathAndQuery.Contains("LSOA21_WD24_LAD24_EW_LU", StringComparison.Ordinal)));
        Assert.Equal(35, queries.Count(r => r.PathAndQuery.Contains("OA11_LSOA11_MSOA11_LAD11_EW_LUv2", StringComparison.Ordinal)));
        Assert.All(queries, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public void Refresh_Fingertips_EveryRequestCarriesTheParentAreaType()
    {
        var fingertips = _fixture.RequestsTo("fingertips.phe.org.uk");

        Assert.Equal(5, fingertips.Count);
        Assert.All(fingertips, r =>
        {
            Assert.Contains("parent_area_type_id=", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("include_sortable_time_periods=yes", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal(200, r.Status);
        });
    }

    [Fact]
    public async Task Simulator_FingertipsWithoutParentAreaType_Answers400()
    {
        using var http = new HttpClient();
        var prefix = _fixture.Simulator.Mirrors.Single(m => m.Key == "https://fingertips.phe.org.uk/").Value;

        var without = await http.GetAsync(new Uri(prefix + "api/all_data/csv/by_indicator_id?indicator_ids=90366&child_area_type_id=501"));
        var with = await http.GetAsync(new Uri(prefix + "api/all_data/csv/by_indicator_id?indicator_ids=90366&child_area_type_id=501&parent_area_type_id=15"));

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("parent_area_type_id", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public void Refresh_CompaniesHouseBeforeThisMonthsFile_FallsBackToLastMonth()
    {
        var requests = _fixture.RequestsTo("download.companieshouse.gov.uk");
        var source = _fixture.Publishers.Manifest.Sources.Single(s => s.Id == "companies-house-cic");

        Assert.Contains(requests, r => r.PathAndQuery == "/BasicCompanyDataAsOneFile-2026-12-01.zip" && r.Status == 404);
        Assert.Contains(requests, r => r.PathAndQuery == "/BasicCompanyDataAsOneFile-2026-11-01.zip" && r.Status == 200);
        Assert.Equal(SourceStatus.Fetched, source.Status);
        Assert.Equal("https://download.companieshouse.gov.uk/BasicCompanyDataAsOneFile-2026-11-01.zip", source.Url);
    }

    [Fact]
    public async Task Refresh_PublisherFailsForASourceWithNoCopy_PreviousSnapshotStaysCurrent()
    {
        var lake = _fixture.Combine("failing");
        var config = Path.Combine(SharedData.RepoRoot, "data-sources.yml");
        var first = await _fixture.RefreshAsync(config, lake, "--only", "lookup-lad-region,lookup-lad-cauth");
        Assert.True(first.Code == 0, first.Output);
        var before = new LakeLayout(lake).ReadCurrentId();

        // A permanent failure (404: the file has gone), so the fetch layer does not wait to retry on the fake clock.
        _fixture.Simulator.Fail("www.ons.gov.uk", 404);
        (int Code, string Output) second;
        try
        {
            second = await _fixture.RefreshAsync(config, lake, "--only", "lookup-lad-region,lookup-lad-cauth,population-mid2020-lsoa11", "--force");
        }
        finally
        {
            _fixture.Simulator.Restore("www.ons.gov.uk");
        }

        Assert.Equal(1, second.Code);
        Assert.Contains("population-mid2020-lsoa11", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, new LakeLayout(lake).ReadCurrentId());
    }

    private static async Task<Dictionary<(string Code, int Vintage), double>> PopulationsAsync(LakeSnapshot snapshot)
    {
        var areas = await snapshot.ReadTableAsync("areas");
        var code = areas.Strings("lsoa_code");
        var vintage = areas.Primitive<int>("lsoa_vintage");
        var cauth = areas.Strings("cauth_code");
        var population = areas.Primitive<double>("population");
        return Enumerable.Range(0, areas.RowCount)
            .Where(i => cauth[i] == "E47000004")
            .ToDictionary(i => (code[i]!, vintage[i]!.Value), i => population[i] ?? double.NaN);
    }

    private static async Task<Dictionary<string, string>> DeprivationAsync(LakeSnapshot snapshot)
    {
        var lcr = (await PopulationsAsync(snapshot)).Keys.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        var table = await snapshot.ReadTableAsync("deprivation");
        var index = table.Strings("index_id");
        var domain = table.Strings("domain");
        var code = table.Strings("lsoa_code");
        var score = table.Primitive<double>("score");
        var rank = table.Primitive<int>("rank");
        var decile = table.Primitive<int>("decile");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < table.RowCount; i++)
        {
            if (!lcr.Contains(code[i]!) || (index[i] != "iod2019" && index[i] != "iod2025"))
            {
                continue;
            }

            var key = $"{index[i]}/{domain[i]}/{code[i]}";
            if (score[i] is { } s)
            {
                values[key + "/score"] = s.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (rank[i] is { } r)
            {
                values[key + "/rank"] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (decile[i] is { } d)
            {
                values[key + "/decile"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return values;
    }
}
