using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Publishers;

namespace Inequalities.Worker.Tests.Publishers;

/// <summary>
/// The registers' fetch path over real HTTP: OS Code-Point Open through the OS Data Hub downloads API's redirect to its
/// storage (the real catalogue, unmodified), and Co-operatives UK's organisations file (its entry enabled, since the
/// real catalogue ships it disabled) from the simulated uk.coop, placed through Code-Point on the boundaries.
/// </summary>
[Collection(PublisherLakeCollection.Name)]
public sealed class PublisherRegisterTests
{
    private readonly PublisherLakeFixture _fixture;

    public PublisherRegisterTests(PublisherLakeFixture fixture) => _fixture = fixture;

    [Fact]
    public void Refresh_CodePointOpen_FollowsTheOsRedirectAndReadsEveryAreaFile()
    {
        var api = _fixture.RequestsTo("api.os.uk");
        var storage = _fixture.RequestsTo("omseprd1stdstordownload.blob.core.windows.net");
        var source = _fixture.Publishers.Manifest.Sources.Single(s => s.Id == "codepoint-open");

        Assert.Contains(api, r => r.PathAndQuery == "/downloads/v1/products/CodePointOpen/downloads?area=GB&format=CSV&redirect" && r.Status == 307);
        Assert.Contains(storage, r => r.PathAndQuery.StartsWith(PublisherSimulator.CodePointZipPath + "?", StringComparison.Ordinal) && r.Status == 200);
        Assert.Equal(SourceStatus.Fetched, source.Status);
        Assert.Equal("https://api.os.uk/downloads/v1/products/CodePointOpen/downloads?area=GB&format=CSV&redirect", source.Url);

        // Every row of the five area files, read as one table through the member pattern Data/CSV/*.csv.
        Assert.Equal(SharedRegisters.CodePoint.Count, source.Rows);
    }

    [Fact]
    public async Task Refresh_CoopsUkEnabled_FallsBackToLastMonthsFileAndRejectsTheDeadAsDissolved()
    {
        var config = _fixture.Combine("coops-enabled.yml");
        var text = await File.ReadAllTextAsync(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));
        var entry = text.IndexOf("  - id: coops-uk\n", StringComparison.Ordinal);
        var enabled = text.IndexOf("    enabled: false\n", entry, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text[..enabled] + "    enabled: true\n" + text[(enabled + "    enabled: false\n".Length)..]);
        var lake = _fixture.Combine("coops-lake");

        var (code, output) = await _fixture.RefreshAsync(config, lake, "--only", "coops-uk,codepoint-open,boundaries-lsoa21");

        Assert.True(code == 0, output);
        var requests = _fixture.Simulator.RequestsTo("www.uk.coop");
        Assert.Contains(requests, r => r.PathAndQuery == "/sites/default/files/2026-12/open_data_organisations_2026_12.csv" && r.Status == 404);
        Assert.Contains(requests, r => r.PathAndQuery == "/sites/default/files/2026-11/open_data_organisations_2026_11.csv" && r.Status == 200);
        var snapshot = LakeSnapshot.OpenCurrent(lake);
        var rejects = (await snapshot.ReadTableAsync("asset_rejects")).Where(("reason", "dissolved"));
        Assert.Equal(SharedRegisters.Coops2017.Count(r => r["Registered Status"] == "Dead"), rejects.RowCount);

        // The live LCR organisations are placed through their postcode's Code-Point point in the LCR polygons.
        var lcrLsoas = LcrBoundaries.Lsoa2021.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var expected = SharedRegisters.Coops2017.Count(r => r["Registered Status"] == "Live" && SharedRegisters.DistrictOf(r["Registered Postcode"]) is { } d && SharedRegisters.LcrDistricts.Contains(d));
        var counted = (await snapshot.ReadTableAsync("assets")).Where(("reject_reason", CellValue.Null));
        var inLcr = Enumerable.Range(0, counted.RowCount).Where(i => lcrLsoas.Contains(counted.Strings("lsoa_code")[i]!)).ToList();
        Assert.Equal(expected, inLcr.Count);
        Assert.All(inLcr, i => Assert.Equal("postcode_point", counted.Strings("placement")[i]));
        Assert.All(inLcr, i => Assert.Equal("codepoint-open", counted.Strings("point_source")[i]));
    }
}
