using Inequalities.Core.Columnar;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Snapshots;
using Inequalities.Lake.Tests.Build;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Assets;

/// <summary>The README's <see cref="AssetNeedData"/> example, run on the shared-data lake, and what it answers checked against the tables.</summary>
[Collection(SharedLakeCollection.Name)]
public sealed class AssetNeedDataTests(SharedLakeFixture lake)
{
    private const string TestFile = "tests/Inequalities.Lake.Tests/Assets/AssetNeedDataTests.cs";

    [Fact]
    public async Task ReadmeExample_SharedLake_AnswersFromTheAssetTables()
    {
        var snapshot = lake.Snapshot;

        // README begin
        var data = await AssetNeedData.ReadAsync(snapshot);
        IReadOnlyList<CountedOrganisation> lcr = data.Organisations("E47000004");        // name, category, LSOA, district, point
        IReadOnlyList<CategoryCount> byCategory = data.Categories("E47000004");           // largest first, with labels
        IReadOnlyList<string> priority = data.LsoasInQuadrant("E08000012", "high_need_low_assets");
        var deprivation = await snapshot.ReadTableAsync(TableNames.Deprivation);
        var (rho, lsoas) = data.RankCorrelationWith(deprivation, "cni2023", "civic_assets", "E47000004");
        // README end

        var summary = (await snapshot.ReadTableAsync("asset_need_summary")).Where(("area_code", "E47000004"));
        Assert.Equal(summary.Primitive<int>("asset_count")[0], lcr.Count);
        Assert.All(lcr, o => Assert.True(double.IsFinite(o.Longitude) && double.IsFinite(o.Latitude) && o.LadCode is not null));
        Assert.Equal(lcr.Count, byCategory.Sum(c => c.Count));
        Assert.Equal("housing", byCategory[0].Category);
        Assert.Equal("Housing", byCategory[0].Label);
        var liverpool = (await snapshot.ReadTableAsync("asset_need_summary")).Where(("area_code", "E08000012"));
        Assert.Equal(liverpool.Primitive<int>("high_need_low_asset_lsoas")[0], priority.Count);
        Assert.Equal(1_003, lsoas);
        Assert.InRange(rho, -1, 1);
        Assert.Equal(ReadmeExample.Region(TestFile), ReadmeExample.Block("README.md", TestFile, skip: 1));
    }

    [Fact]
    public async Task ReadAsync_LakeWithoutAssetTables_ThrowsNamingTheTable()
    {
        using var temp = new TempDirectory();
        var (outcome, layout) = await SampleLake.PublishAsync(temp, only: ["iod2025-file7"]);

        Assert.True(outcome.Published, outcome.Error);
        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => AssetNeedData.ReadAsync(LakeSnapshot.OpenCurrent(layout.Root)));
        Assert.Contains("has no table 'assets'", ex.Message, StringComparison.Ordinal);
    }
}
