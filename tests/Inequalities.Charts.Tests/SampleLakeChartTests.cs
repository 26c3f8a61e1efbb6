using System.Diagnostics;
using Inequalities.TestSupport;
using Inequalities.Core.Columnar;

namespace Inequalities.Charts.Tests;

[Collection(SampleLakeCollection.Name)]
public sealed class SampleLakeChartTests(SampleLakeFixture lake)
{
    [Fact]
    public async Task Gradient_SampleLake_RendersAndMatchesGolden()
    {
        var chart = await Charts.GradientAsync(lake.Snapshot, new GradientChartOptions { IndicatorId = "93283" });

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Contains("2019 - 21", chart.Title, StringComparison.Ordinal);
        Assert.Contains("SII ", chart.ToSvg(), StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "sample-gradient");
    }

    [Fact]
    public async Task AssetNeed_SampleLake_RendersAndMatchesGolden()
    {
        var chart = await Charts.AssetNeedAsync(lake.Snapshot, new AssetNeedChartOptions());

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Contains("(48 LSOAs)", chart.Title, StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "sample-asset-need");
    }

    [Fact]
    public async Task AssetNeedMap_SampleLake_DrawsTheGeneratedRegisterAndMatchesGolden()
    {
        // The sample mirror's generated register, on its generated boundaries.
        var chart = await Charts.AssetNeedMapAsync(lake.Snapshot, new AssetNeedMapChartOptions());
        var need = (await lake.Snapshot.ReadTableAsync("asset_need")).Where(("quadrant", "high_need_low_assets"));

        ImageAssert.Rendered(chart, 900, 600);
        Assert.Equal(48, chart.Areas.Count);
        Assert.Equal(need.RowCount, chart.HighNeedLowAssets.Count);
        Assert.NotEmpty(chart.Organisations);
        ImageAssert.MatchesGolden(chart, "sample-asset-map");
    }

    [Fact]
    public async Task Choropleth_SampleLake_RendersAndMatchesGolden()
    {
        var chart = await Charts.ChoroplethAsync(lake.Snapshot, new ChoroplethChartOptions
        {
            Table = "asset_need",
            Column = "need_score",
            Filters = new Dictionary<string, string>(),
        });

        ImageAssert.Rendered(chart, 900, 600);
        ImageAssert.MatchesGolden(chart, "sample-choropleth");
    }

    [Fact]
    public async Task DistrictSummary_SampleLake_RendersAndMatchesGolden()
    {
        var chart = await Charts.DistrictSummaryAsync(lake.Snapshot, new DistrictSummaryChartOptions());

        ImageAssert.Rendered(chart, 900, 600);
        ImageAssert.MatchesGolden(chart, "sample-district-summary");
    }

    [Fact]
    public async Task Trend_SampleLakeInheritedLifeExpectancy_DrawsThreePeriodsAndMatchesGolden()
    {
        var chart = await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = "93283", Width = 700, Height = 500 });

        ImageAssert.Rendered(chart, 700, 500);
        var svg = chart.ToSvg();
        Assert.Contains("2017 - 19", svg, StringComparison.Ordinal);
        Assert.Contains("2019 - 21", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("only one period", chart.Title, StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "sample-trend");
    }

    [Fact]
    public async Task Trend_SiiSampleLifeExpectancy_OverThreePeriodsWithTheChangeAndMatchesGolden()
    {
        var chart = await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = "93283", Measure = TrendMeasure.Sii });

        ImageAssert.Rendered(chart, 900, 600);
        Assert.StartsWith("93283: slope index of inequality by period, IoD2019 IMD, Liverpool City Region", chart.Title, StringComparison.Ordinal);
        Assert.Contains("change 2017 - 19 to 2019 - 21:", chart.Title, StringComparison.Ordinal);
        var svg = chart.ToSvg();
        Assert.Contains("2017 - 19", svg, StringComparison.Ordinal);
        Assert.Contains("SII (quantile method)", svg, StringComparison.Ordinal);
        ImageAssert.MatchesGolden(chart, "sample-trend-sii");
    }

    [Fact]
    public async Task Trend_SiiWithAnUnknownMethod_FailsValidation()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = "93283", Measure = TrendMeasure.Sii, Method = "median" }));

        Assert.Contains("Method must be quantile or lsoa (got 'median')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SameChartTwice_GivesIdenticalPng()
    {
        var first = await Charts.DistrictSummaryAsync(lake.Snapshot, new DistrictSummaryChartOptions());
        var second = await Charts.DistrictSummaryAsync(lake.Snapshot, new DistrictSummaryChartOptions());

        Assert.Equal(first.ToPng(), second.ToPng());
    }

    [Fact]
    public async Task ToHtml_Chart_IsAnImgWithThePngAsDataUri()
    {
        var chart = await Charts.DistrictSummaryAsync(lake.Snapshot, new DistrictSummaryChartOptions { Width = 400, Height = 300 });

        var html = chart.ToHtml();

        const string prefix = "<img src=\"data:image/png;base64,";
        Assert.StartsWith(prefix, html, StringComparison.Ordinal);
        var base64 = html[prefix.Length..html.IndexOf('"', prefix.Length)];
        Assert.Equal(chart.ToPng(), Convert.FromBase64String(base64));
        Assert.Contains("width=\"400\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choropleth_TableWithSeveralRowsPerLsoa_ThrowsAskingForFilters()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Charts.ChoroplethAsync(lake.Snapshot, new ChoroplethChartOptions
        {
            Filters = new Dictionary<string, string> { ["index_id"] = "iod2019" },
        }));

        Assert.Contains("more than one row for LSOA", ex.Message, StringComparison.Ordinal);
        Assert.Contains("index_id=iod2019", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gradient_UnknownBasis_ThrowsListingTheBasesThere()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Charts.GradientAsync(lake.Snapshot, new GradientChartOptions { IndicatorId = "93283", Basis = "iod2099/imd/national" }));

        Assert.Contains("iod2019/imd/national", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_SeveralProblems_OneExceptionListingAll()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Charts.GradientAsync(lake.Snapshot, new GradientChartOptions { Width = 10, QuantileCount = 1 }));

        Assert.Contains("Width", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IndicatorId is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("QuantileCount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlotVerb_SvgOutput_WritesSvgAndExitsZero()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("summary.svg");

        var (code, stderr) = await RunWorker("plot", "district-summary", "--lake", lake.LakeDirectory, "--output", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("<svg", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlotVerb_AssetMap_WritesThePngAndExitsZero()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("asset-map.png");

        var (code, stderr) = await RunWorker("plot", "asset-map", "--lake", lake.LakeDirectory, "--output", output);

        Assert.True(code == 0, stderr);
        Assert.True(new FileInfo(output).Length > 10_000, "the map is too small to be a chart");
    }

    [Fact]
    public async Task PlotVerb_UnsupportedExtension_ExitsTwoWithMessage()
    {
        using var dir = new TempDirectory();

        var (code, stderr) = await RunWorker("plot", "trend", "--indicator", "93283", "--lake", lake.LakeDirectory, "--output", dir.Combine("trend.jpg"));

        Assert.Equal(2, code);
        Assert.Contains(".png or .svg", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stderr)> RunWorker(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(WorkerBinary.Path);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr);
    }
}
