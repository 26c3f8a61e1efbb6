namespace Inequalities.Charts.Tests;

[Collection(RealLakeCollection.Name)]
public sealed class RealLakeChartTests(RealLakeFixture lake)
{
    [Fact]
    public async Task Gradient_LiverpoolYpllByIncome_RendersWithSiiInLegendAndMatchesGolden()
    {
        var chart = await Charts.GradientAsync(lake.Snapshot, new GradientChartOptions
        {
            IndicatorId = "years_of_potential_life_lost",
            AreaCode = "E08000012",
            Basis = "iod2019/income/national",
        });

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Equal(
            "Years of potential life lost by IoD2019 income deprivation decile, Liverpool, 2019\nhigher in more deprived areas (higher is worse: worse in more deprived areas)",
            chart.Title);
        Assert.Contains("least minus most deprived", chart.ToSvg(), StringComparison.Ordinal);
        Assert.Contains("LSOA method: SII −23.1", chart.ToSvg(), StringComparison.Ordinal);
        Assert.Contains("SII −21.7", chart.ToSvg(), StringComparison.Ordinal);
        Assert.Contains("RII 0.77", chart.ToSvg(), StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "real-gradient");
    }

    [Fact]
    public async Task Choropleth_Imd2025ScoreLcr_MapsEveryLsoaAndMatchesGolden()
    {
        var chart = await Charts.ChoroplethAsync(lake.Snapshot, new ChoroplethChartOptions());

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Contains("deciles of 1003 LSOAs", chart.Title, StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "real-choropleth");
    }

    [Fact]
    public async Task DistrictSummary_Lcr_FallsBackToRankOfAverageRankFor2019AndMatchesGolden()
    {
        var chart = await Charts.DistrictSummaryAsync(lake.Snapshot, new DistrictSummaryChartOptions());

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Contains("IoD2019: rank of average rank (no scores in the lake)", chart.Title, StringComparison.Ordinal);
        Assert.Contains("IoD2025: rank of average score", chart.Title, StringComparison.Ordinal);
        Assert.Contains("Knowsley", chart.ToSvg(), StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "real-district-summary");
    }

    [Fact]
    public async Task Trend_HealthIndexMortalityByDistrictQuintile_SevenPeriodsAndMatchesGolden()
    {
        var chart = await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = "mortality_from_all_causes" });

        ImageAssert.Rendered(chart, 900, 600);
        Assert.StartsWith("Mortality from all causes: mean of districts by IoD2019 quintile", chart.Title, StringComparison.Ordinal);
        foreach (var year in new[] { "2015", "2018", "2021" })
        {
            Assert.Contains(year, chart.ToSvg(), StringComparison.Ordinal);
        }

        ImageAssert.MatchesGolden(chart, "real-trend");
    }

    [Fact]
    public async Task Trend_SiiLiverpoolYpllAcrossBases_ShowsTheIod2019ToIod2025ChangeAndMatchesGolden()
    {
        var chart = await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions
        {
            IndicatorId = "years_of_potential_life_lost", AreaCode = "E08000012", Measure = TrendMeasure.Sii,
        });

        ImageAssert.Rendered(chart, 900, 600);
        Assert.StartsWith("Years of potential life lost: slope index of inequality by deprivation basis, 2019, Liverpool", chart.Title, StringComparison.Ordinal);
        Assert.Contains("change IoD2019 IMD on LSOA 2021 to IoD2025 IMD: 1.5 (95% CI −6.5 to 9.5), no clear change", chart.Title, StringComparison.Ordinal);
        Assert.Contains("below 0, higher in more deprived areas", chart.ToSvg(), StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "real-trend-sii");
    }

    [Fact]
    public async Task Trend_SinglePeriodLsoaIndicator_SaysOnlyOnePeriod()
    {
        var chart = await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = "years_of_potential_life_lost" });

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Contains("only one period in the lake", chart.Title, StringComparison.Ordinal);
        Assert.Contains("(deciles paired)", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssetNeed_RealNeedAndRegisters_RendersEveryLcrLsoa()
    {
        // Real IoD2025 need, the real LCR boundaries and the real Co-operatives UK register.
        var chart = await Charts.AssetNeedAsync(lake.Snapshot, new AssetNeedChartOptions());

        ImageAssert.Rendered(chart, 900, 600);
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        Assert.Equal(1_003, need.RowCount);
        Assert.Contains("1003", chart.Title + chart.Svg, StringComparison.Ordinal);
        Assert.Contains("high need, low assets", chart.Svg, StringComparison.Ordinal);
        Assert.Contains("square-root scale", chart.Svg, StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "real-asset-need");
    }
}
