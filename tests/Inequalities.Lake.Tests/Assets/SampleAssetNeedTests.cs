using Inequalities.Lake.Parquet;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Assets;

public sealed class SampleAssetNeedTests
{
    [Fact]
    public async Task Refresh_SampleMirrorOfTheRealCatalogue_PublishesTheWholeAssetNeedFlow()
    {
        using var dir = new TempDirectory();

        var (outcome, layout) = await SampleLake.PublishAsync(dir);

        Assert.True(outcome.Published, outcome.Error);
        var snapshot = layout.SnapshotDirectory(outcome.SnapshotId!);
        await using var stream = File.OpenRead(Path.Combine(snapshot, "asset_need.parquet"));
        var need = await ParquetTableReader.ReadAsync(stream);
        await using var assetsStream = File.OpenRead(Path.Combine(snapshot, "assets.parquet"));
        var assets = await ParquetTableReader.ReadAsync(assetsStream);
        var manifest = SnapshotManifest.Read(Path.Combine(snapshot, "manifest.json"));

        // The sample geography has 48 LSOA 2021s, all in the combined authority.
        Assert.Equal(48, need.RowCount);
        Assert.All(Enumerable.Range(0, need.RowCount), i => Assert.NotNull(need.Strings("quadrant")[i]));
        var placements = Enumerable.Range(0, assets.RowCount).Select(i => assets.Strings("placement")[i]).ToHashSet();
        Assert.Contains("postcode", placements);
        Assert.Contains("coordinates", placements);
        var counted = Enumerable.Range(0, need.RowCount).Sum(i => need.Primitive<int>("asset_count")[i]!.Value);
        Assert.Equal(Enumerable.Range(0, assets.RowCount).Count(i => assets.Strings("reject_reason")[i] is null && assets.Strings("lsoa_code")[i] is not null), counted);
        Assert.Contains(manifest.Tables, t => t.Name == "asset_need_summary" && t.Rows == 7);
        Assert.StartsWith("coverage: counted ", manifest.Sources.Single(s => s.Id == "lcr-local-directory").Note, StringComparison.Ordinal);

        // The generated registers share Companies House numbers (merged once), mark some organisations dissolved,
        // and measure "nearby" from the generated LSOA 2021 population-weighted centroids.
        Assert.Contains(manifest.Tables, t => t.Name == "asset_merges" && t.Rows > 0);
        Assert.All(Enumerable.Range(0, assets.RowCount).Where(i => assets.Primitive<bool>("active")[i] == false), i => Assert.Equal("dissolved", assets.Strings("reject_reason")[i]));
        Assert.All(Enumerable.Range(0, need.RowCount), i => Assert.Equal("centroids:lsoa21-centroids", need.Strings("centre_basis")[i]));
    }
}
