using Inequalities.Core.Columnar;
using ScottPlot;

namespace Inequalities.Charts.Tests;

/// <summary>
/// The map of high-need, low-asset LSOAs with the registered organisations, on the real-data lake: the real
/// Co-operatives UK register placed on the LCR LSOA 2021 boundaries. Its numbers are checked against the tables.
/// </summary>
[Collection(RealLakeCollection.Name)]
public sealed class AssetNeedMapTests(RealLakeFixture lake)
{
    [Fact]
    public async Task AssetNeedMapAsync_Lcr_HighlightsExactlyTheLsoasTheTableFlags()
    {
        var chart = await Charts.AssetNeedMapAsync(lake.Snapshot, new AssetNeedMapChartOptions());
        var need = (await lake.Snapshot.ReadTableAsync("asset_need")).Where(("cauth_code", ChartOptionsBase.LiverpoolCityRegion));
        var flagged = need.Where(("quadrant", "high_need_low_assets")).Strings("lsoa_code").Select(c => c!).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(need.RowCount, chart.Areas.Count);
        Assert.Equal(0, chart.LsoasWithoutBoundary);
        Assert.Equal(flagged, chart.HighNeedLowAssets.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(flagged.Count, chart.HighNeedLowAssets.Count);
        Assert.All(chart.Areas, a => Assert.Equal(flagged.Contains(a.LsoaCode), a.HighNeedLowAssets));
        Assert.Contains("boundaries-lsoa21", chart.BoundarySource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssetNeedMapAsync_Lcr_PointsAreTheOrganisationsPlacedInTheDrawnLsoas()
    {
        var chart = await Charts.AssetNeedMapAsync(lake.Snapshot, new AssetNeedMapChartOptions());
        var assets = await lake.Snapshot.ReadTableAsync("assets");
        var drawn = chart.Areas.Select(a => a.LsoaCode).ToHashSet(StringComparer.Ordinal);
        var (lsoa, reject, source, id) = (assets.Strings("lsoa_code"), assets.Strings("reject_reason"), assets.Strings("source_id"), assets.Strings("asset_id"));
        var (latitude, longitude) = (assets.Primitive<double>("latitude"), assets.Primitive<double>("longitude"));
        var placed = Enumerable.Range(0, assets.RowCount)
            .Where(i => reject[i] is null && lsoa[i] is { } c && drawn.Contains(c) && latitude[i] is not null && longitude[i] is not null)
            .ToDictionary(i => (source[i]!, id[i]!), i => (longitude[i]!.Value, latitude[i]!.Value));

        Assert.Equal(placed.Keys.Order(), chart.Organisations.Select(o => (o.SourceId, o.AssetId)).Order());
        Assert.All(chart.Organisations, o => Assert.Equal(placed[(o.SourceId, o.AssetId)], (o.Longitude, o.Latitude)));
        Assert.All(chart.Organisations, o => Assert.True(chart.Extent.Contains(o.Longitude, o.Latitude), $"{o.Name} lies outside the map"));
        Assert.Equal(0, chart.OrganisationsWithoutPoint);

        // The same organisations the asset-need tables count: 127 Co-operatives UK organisations in the city region.
        var summary = (await lake.Snapshot.ReadTableAsync("asset_need_summary")).Where(("area_code", ChartOptionsBase.LiverpoolCityRegion));
        Assert.Equal(summary.Primitive<int>("asset_count")[0], chart.Organisations.Count);
        Assert.Equal(chart.Organisations.Count, chart.Categories.Sum(c => c.Count));
        Assert.Equal(chart.Categories.OrderByDescending(c => c.Count).Select(c => c.Count), chart.Categories.Select(c => c.Count));
        Assert.All(chart.Organisations, o => Assert.Equal("coops-uk-2023", o.SourceId));
    }

    [Fact]
    public async Task AssetNeedMap_FilteredTablesForLiverpoolHousing_DrawsOnlyThoseOrganisationsAndLiverpoolsLsoas()
    {
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        var housing = (await lake.Snapshot.ReadTableAsync("assets")).Where(("category", "housing"));
        var chart = Charts.AssetNeedMap(lake.Snapshot, need.Where(("lad_code", "E08000012")), housing, new AssetNeedMapChartOptions { AreaCode = "E08000012" });
        var expected = housing.Where(("lad_code", "E08000012"));
        var counted = Enumerable.Range(0, expected.RowCount).Count(i => expected.Strings("reject_reason")[i] is null);

        Assert.Equal(302, chart.Areas.Count);
        Assert.Equal(need.Where(("lad_code", "E08000012"), ("quadrant", "high_need_low_assets")).RowCount, chart.HighNeedLowAssets.Count);
        Assert.Equal(counted, chart.Organisations.Count);
        Assert.All(chart.Organisations, o => Assert.Equal("housing", o.Category));
        Assert.Equal([new AssetCategoryCount("housing", counted)], chart.Categories);
        Assert.StartsWith("High need, low assets: ", chart.Title, StringComparison.Ordinal);
        Assert.Contains("Liverpool", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssetNeedMap_TablesWithTheBoundaryFile_EqualsTheSnapshotForm()
    {
        var fromSnapshot = await Charts.AssetNeedMapAsync(lake.Snapshot, new AssetNeedMapChartOptions { AreaCode = "E08000011" });
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        var assets = await lake.Snapshot.ReadTableAsync("assets");

        var missing = Assert.Throws<ArgumentException>(() => Charts.AssetNeedMap(need, assets, new AssetNeedMapChartOptions { AreaCode = "E08000011" }));
        Assert.Contains("BoundaryPath is required", missing.Message, StringComparison.Ordinal);
        var chart = Charts.AssetNeedMap(need, assets, new AssetNeedMapChartOptions { AreaCode = "E08000011", BoundaryPath = fromSnapshot.BoundarySource });
        Assert.Equal(fromSnapshot.HighNeedLowAssets, chart.HighNeedLowAssets);
        Assert.Equal(fromSnapshot.Organisations, chart.Organisations);
        Assert.Equal(fromSnapshot.Extent, chart.Extent);
    }

    [Fact]
    public async Task AssetNeedMap_AreaWithoutRows_FailsNamingTheArea()
    {
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        var assets = await lake.Snapshot.ReadTableAsync("assets");

        var error = Assert.Throws<InvalidOperationException>(() => Charts.AssetNeedMap(lake.Snapshot, need, assets, new AssetNeedMapChartOptions { AreaCode = "E09000001" }));
        Assert.Contains("no LSOA of area 'E09000001'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToPlot_Lcr_RendersTheLegendAndMatchesGolden()
    {
        var chart = await Charts.AssetNeedMapAsync(lake.Snapshot, new AssetNeedMapChartOptions());

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Contains("high need, low assets (459 LSOAs)", chart.Svg, StringComparison.Ordinal);
        Assert.Contains("Housing (", chart.Svg, StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "real-asset-map");

        // The plot is handed over for adjusting, like every chart's.
        Plot plot = chart.ToPlot();
        Assert.Equal(chart.Categories.Count, plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().Count());
        var zoomed = chart.WithPlot(p => p.Axes.SetLimitsY(chart.Extent.South, (chart.Extent.South + chart.Extent.North) / 2));
        Assert.NotEqual(chart.ToPng(), zoomed.ToPng());
    }
}
