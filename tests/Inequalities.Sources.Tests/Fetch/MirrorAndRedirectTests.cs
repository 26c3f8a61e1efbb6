using System.Net;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport.Loopback;
using Inequalities.TestSupport.Publishers;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>
/// Mirrors and redirects over real HTTP: the catalogue names the publishers' https URLs, mirrors send the requests to
/// two loopback servers (127.0.0.1 for the publisher, 127.0.0.2 for its storage host), and the allow-list, the https
/// rule and the provenance stay on the publisher's URLs.
/// </summary>
public sealed class MirrorAndRedirectTests : FetchTestBase
{
    private const string ItemUrl = "https://www.arcgis.com/sharing/rest/content/items/b54177d3d7264cd6ad89e74dd9c1391d/data";
    private const string StorageUrl = "https://ago-item-storage.s3.amazonaws.com/b54177d3/lookup.csv";

    private LoopbackServer _storage = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _storage = await LoopbackServer.StartAsync(IPAddress.Parse("127.0.0.2"));
    }

    public override async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task FetchAsync_ItemRedirectToAStorageHostPattern_FollowsThroughBothMirrorsAndRecordsThePublisherUrls()
    {
        Server.Always("/sharing/rest/content/items/b54177d3d7264cd6ad89e74dd9c1391d/data", LoopbackFault.Redirect(StorageUrl));
        _storage.Serve("/b54177d3/lookup.csv", Version1, "text/csv");
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(Item(), Hosts("www.arcgis.com", "*.s3.amazonaws.com"), Mirrors(), Cache);

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(Version1, File.ReadAllBytes(result.File!.Path));
        Assert.Equal(ItemUrl, result.File.Url);
        Assert.Equal(StorageUrl, result.File.FinalUrl);
        Assert.Equal($"{Server.BaseAddress} {_storage.BaseAddress}", result.File.Mirror);
        Assert.Equal(1, _storage.RequestCount("/b54177d3/lookup.csv"));
        Assert.Equal(result.File, Cache.TryGetLatest("item"));
    }

    [Theory]
    [InlineData("https://evil-s3.amazonaws.com.attacker.example/x.csv", "redirect to host 'evil-s3.amazonaws.com.attacker.example' which is not in the catalogue (allowed_hosts)")]
    [InlineData("https://evils3.amazonaws.com/x.csv", "redirect to host 'evils3.amazonaws.com' which is not in the catalogue (allowed_hosts)")]
    [InlineData("http://ago-item-storage.s3.amazonaws.com/b54177d3/lookup.csv", "redirect from https to plain http ('http://ago-item-storage.s3.amazonaws.com/b54177d3/lookup.csv') is refused")]
    public async Task FetchAsync_RedirectOutsideTheAllowList_IsRefusedBeforeAnyRequestLeaves(string target, string reason)
    {
        Server.Always("/sharing/rest/content/items/b54177d3d7264cd6ad89e74dd9c1391d/data", LoopbackFault.Redirect(target));
        _storage.Serve("/b54177d3/lookup.csv", Version1, "text/csv");
        using var fetcher = Fetcher();
        var mirrors = MirrorRule.Merge(Mirrors(), [MirrorRule.Create("http://ago-item-storage.s3.amazonaws.com/", _storage.BaseAddress.ToString())]);

        var result = await fetcher.FetchAsync(Item(), Hosts("www.arcgis.com", "*.s3.amazonaws.com"), mirrors, Cache);

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.Equal($"Source 'item' ({ItemUrl}): {reason}", result.Error);
        Assert.Equal(0, _storage.RequestCount("/b54177d3/lookup.csv"));
    }

    [Fact]
    public async Task FetchAsync_MirrorThatRewritesRedirectsIntoItsOwnSpace_IsCheckedOnThePublisherHost()
    {
        // A reverse proxy rewrites Location into its own space: read back, it names the storage host, which must be allowed.
        Server.Always("/sharing/rest/content/items/b54177d3d7264cd6ad89e74dd9c1391d/data", LoopbackFault.Redirect(_storage.Url("/b54177d3/lookup.csv").ToString()));
        _storage.Serve("/b54177d3/lookup.csv", Version1, "text/csv");
        using var fetcher = Fetcher();

        var refused = await fetcher.FetchAsync(Item(), Hosts("www.arcgis.com"), Mirrors(), Cache);
        var followed = await fetcher.FetchAsync(Item(), Hosts("www.arcgis.com", "ago-item-storage.s3.amazonaws.com"), Mirrors(), Cache);

        Assert.Equal($"Source 'item' ({ItemUrl}): redirect to host 'ago-item-storage.s3.amazonaws.com' which is not in the catalogue (allowed_hosts)", refused.Error);
        Assert.True(followed.Status == SourceStatus.Fetched, followed.Error);
        Assert.Equal(StorageUrl, followed.File!.FinalUrl);
    }

    [Fact]
    public async Task FetchAllAsync_CatalogueMirrorsAndCliMirrors_SendArcGisPagesToTheLoopbackService()
    {
        var service = new ArcGisFeatureService();
        var layer = service.Add("/services1/ORG/arcgis/rest/services/LAD24_RGN24_EN_LU/FeatureServer/0", ArcGisLayer.FromRows(
            "LAD24_RGN24_EN_LU",
            ["LAD24CD", "RGN24CD"],
            Enumerable.Range(1, 1200).Select(i => new string?[] { $"E06{i:D6}", "E12000002" }).ToList()));
        _storage.Use(service.HandleAsync);
        var yaml = $"""
            version: 1
            mirrors:
              - prefix: https://services1.arcgis.com/
                url: https://gis-mirror.nhs.example/services1/
            sources:
              - id: lad-region
                kind: lookup
                publisher: ONS
                licence: OGL-3.0
                url: https://services1.arcgis.com/ORG/arcgis/rest/services/LAD24_RGN24_EN_LU/FeatureServer/0
                format: arcgis
                geography: lad
                columns:
                  lad_code: LAD24CD
                  rgn_code: RGN24CD
            """;
        var catalogue = SourceCatalogue.Parse(yaml, Lake.Path).WithMirrors([$"https://services1.arcgis.com/={_storage.BaseAddress}services1/"]);
        using var fetcher = Fetcher();

        var result = Assert.Single(await fetcher.FetchAllAsync(catalogue, Cache));

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(2, layer.PageRequests);
        Assert.StartsWith("https://services1.arcgis.com/ORG/arcgis/rest/services/LAD24_RGN24_EN_LU/FeatureServer/0/query?", result.File!.Url, StringComparison.Ordinal);
        Assert.StartsWith("https://services1.arcgis.com/ORG/", result.File.FinalUrl, StringComparison.Ordinal);
        Assert.Equal($"{_storage.BaseAddress}services1/", result.File.Mirror);
    }

    private SourceDefinition Item() => Assert.Single(Catalogue(Entry("item", ItemUrl)).Sources);

    private IReadOnlyList<MirrorRule> Mirrors() =>
    [
        MirrorRule.Create("https://www.arcgis.com/", Server.BaseAddress.ToString()),
        MirrorRule.Create("https://ago-item-storage.s3.amazonaws.com/", _storage.BaseAddress.ToString()),
    ];

    private static HashSet<string> Hosts(params string[] hosts) => new(hosts, StringComparer.OrdinalIgnoreCase);
}
