using System.CommandLine;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Loopback;
using Inequalities.TestSupport.Publishers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inequalities.Worker.Tests.Refresh;

/// <summary><c>--mirror PREFIX=URL</c> on <c>refresh</c> and <c>run</c>, and the help that documents the catalogue syntax.</summary>
public sealed partial class RefreshProcessTests
{
    private static readonly string RepoCatalogue = Path.Combine(SharedData.RepoRoot, "data-sources.yml");

    [Theory]
    [InlineData("refresh")]
    [InlineData("run")]
    public async Task Invoke_InvalidMirrors_ExitsTwo(string verb)
    {
        var root = Program.BuildRootCommand(TimeProvider.System, NullLoggerFactory.Instance);

        var code = await root.Parse([verb, "--config", RepoCatalogue, "--lake", _temp.Combine("lake"), "--mirror", "no-equals-sign", "--mirror", "https://a.example=http://127.0.0.1:1/"]).InvokeAsync();

        Assert.Equal(2, code);
        Assert.False(Directory.Exists(_temp.Combine("lake", "snapshots")));
    }

    [Theory]
    [InlineData("refresh")]
    [InlineData("run")]
    public async Task Help_DocumentsMirrorsAndTheCatalogueSyntax(string verb)
    {
        var output = new StringWriter();

        await Program.BuildRootCommand(TimeProvider.System, NullLoggerFactory.Instance).Parse([verb, "--help"]).InvokeAsync(new InvocationConfiguration { Output = output });

        var help = output.ToString();
        foreach (var text in new[] { "--mirror", "PREFIX=URL", "format: arcgis", "*.arcgis.com", "{month:yyyy-MM}", "fallback_months", "lad_code: [lad25cd, lad24cd]", "mirrors:", "final_url", "columns_used" })
        {
            Assert.Contains(text, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refresh_InvalidMirrors_ExitsTwoListingEveryProblem()
    {
        var (code, _, stderr) = await RunAsync(
            ["refresh", "--config", RepoCatalogue, "--lake", _temp.Combine("lake"), "--mirror", "https://a.example=http://127.0.0.1:1/", "--mirror", "https://b.example/=http://mirror.example/b/"],
            _temp.Path);

        Assert.Equal(2, code);
        Assert.Contains("--mirror 'https://a.example=http://127.0.0.1:1/': the prefix 'https://a.example' must be an absolute http or https URL ending with '/'", stderr, StringComparison.Ordinal);
        Assert.Contains("--mirror 'https://b.example/=http://mirror.example/b/': the mirror URL 'http://mirror.example/b/' must use https (plain http only for a loopback address such as 127.0.0.1)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_MirrorToALoopbackArcGisService_PublishesWithThePublisherUrlAndTheMirror()
    {
        await using var server = await LoopbackServer.StartAsync();
        var service = new ArcGisFeatureService();
        var layer = service.Add("/ORG/arcgis/rest/services/LAD23_CAUTH23_EN_LU/FeatureServer/0", ArcGisLayer.FromCsv("LAD23_CAUTH23_EN_LU", SharedData.DataFile("lookup_ltla23_cauth23_EN.csv")));
        layer.MaxRecordCount = 25;
        server.Use(service.HandleAsync);
        var config = _temp.Combine("live.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            sources:
              - id: lad-cauth
                kind: lookup
                publisher: ONS
                licence: OGL-3.0
                url: https://services1.arcgis.com/ORG/arcgis/rest/services/LAD23_CAUTH23_EN_LU/FeatureServer/0
                format: arcgis
                geography: lad
                columns:
                  lad23_code: ltla23_code
                  cauth23_code: cauth23_code
            """);
        var lake = _temp.Combine("lake");

        var (code, _, stderr) = await RunAsync(["refresh", "--config", config, "--lake", lake, "--mirror", $"https://services1.arcgis.com/={server.BaseAddress}"], _temp.Path);

        Assert.True(code == 0, stderr);
        var source = Assert.Single(LakeSnapshot.OpenCurrent(lake).Manifest.Sources);
        Assert.StartsWith("https://services1.arcgis.com/ORG/arcgis/rest/services/LAD23_CAUTH23_EN_LU/FeatureServer/0/query?", source.Url, StringComparison.Ordinal);
        Assert.Equal(server.BaseAddress.ToString(), source.Mirror);
        Assert.Equal(53, source.Rows);
        Assert.Equal(3, layer.PageRequests);
    }
}
