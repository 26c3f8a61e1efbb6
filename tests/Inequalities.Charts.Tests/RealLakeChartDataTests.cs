using Inequalities.Core.Columnar;
using Inequalities.TestSupport;
using ScottPlot;

namespace Inequalities.Charts.Tests;

/// <summary>The numbers the charts show on the real-data lake, against the lake tables' own rows.</summary>
[Collection(RealLakeCollection.Name)]
public sealed class RealLakeChartDataTests(RealLakeFixture lake)
{
    private const string Liverpool = "E08000012";
    private const string Ypll = "years_of_potential_life_lost";
    private const string IncomeBasis = "iod2019/income/national";

    private static readonly GradientChartOptions LiverpoolYpll = new() { IndicatorId = Ypll, AreaCode = Liverpool, Basis = IncomeBasis };

    private Task<Table> Read(string table) => lake.Snapshot.ReadTableAsync(table);

    [Fact]
    public async Task Gradient_LiverpoolYpllByIncome_DecilesAndSlopesAreTheLakeRows()
    {
        var chart = await Charts.GradientAsync(lake.Snapshot, LiverpoolYpll);
        var deciles = (await Read("inequality_quantiles"))
            .Where(("indicator_id", Ypll), ("area_code", Liverpool), ("basis", IncomeBasis), ("quantile_count", 10), ("period", chart.Period))
            .SortBy("quantile");
        var gradients = (await Read("inequality_gradients"))
            .Where(("indicator_id", Ypll), ("area_code", Liverpool), ("basis", IncomeBasis), ("quantile_count", 10), ("period", chart.Period));

        Assert.Equal("2019", chart.Period);
        Assert.Equal(10, deciles.RowCount);
        Assert.Equal(Enumerable.Range(1, 10), chart.Points.Select(p => p.Quantile));
        var population = deciles.Primitive<double>("population");
        var total = Enumerable.Range(0, 10).Sum(i => population[i]!.Value);
        var below = 0.0;
        var mean = 0.0;
        for (var i = 0; i < 10; i++)
        {
            var point = chart.Points[i];
            Assert.Equal(deciles.Primitive<double>("value")[i], point.Value);
            Assert.Equal(population[i], point.Population);
            Assert.Equal(deciles.Primitive<double>("se")[i], point.StandardError);
            Assert.Equal(1.959964 * point.StandardError, point.HalfInterval, 12);
            Assert.Equal((below + (population[i]!.Value / 2)) / total, point.Midpoint, 12);
            below += population[i]!.Value;
            mean += population[i]!.Value * point.Value / total;
        }

        Assert.Equal(mean, chart.WeightedMean, 9);
        var quantileRow = gradients.Where(("method", "quantile"));
        var lsoaRow = gradients.Where(("method", "lsoa"));
        Assert.Equal(1, quantileRow.RowCount);
        Assert.Equal(1, lsoaRow.RowCount);
        foreach (var column in new[] { "sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper", "confidence" })
        {
            Assert.Equal(quantileRow.Primitive<double>(column)[0], Value(chart.QuantileMethod!, column));
            Assert.Equal(lsoaRow.Primitive<double>(column)[0], Value(chart.LsoaMethod!, column));
        }

        Assert.Equal(quantileRow.Strings("interpretation")[0], chart.QuantileMethod!.Interpretation);
        Assert.True(chart.QuantileMethod.Sii < 0, "YPLL is higher in more deprived deciles, so the slope from most to least deprived falls.");
    }

    [Fact]
    public async Task Gradient_FromTablesTheAnalystFiltered_SameNumbersAsFromTheSnapshot()
    {
        var fromSnapshot = await Charts.GradientAsync(lake.Snapshot, LiverpoolYpll);
        var quantiles = (await Read("inequality_quantiles")).Where(("area_code", Liverpool), ("indicator_id", Ypll));
        var gradients = (await Read("inequality_gradients")).Where(("area_code", Liverpool));

        var fromTables = Charts.Gradient(quantiles, gradients, LiverpoolYpll);

        Assert.Equal(fromSnapshot.Points, fromTables.Points);
        Assert.Equal(fromSnapshot.QuantileMethod, fromTables.QuantileMethod);
        Assert.Equal(fromSnapshot.LsoaMethod, fromTables.LsoaMethod);
        Assert.Equal(fromSnapshot.WeightedMean, fromTables.WeightedMean);
        Assert.StartsWith("Years of potential life lost by IoD2019 income deprivation decile, E08000012, 2019", fromTables.Title, StringComparison.Ordinal);
        Assert.Contains(", Liverpool, 2019", fromSnapshot.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gradient_TableFilteredToAnotherBasis_ThrowsListingTheBasesItHas()
    {
        var quantiles = (await Read("inequality_quantiles")).Where(("basis", "iod2025/imd/national"));

        var gradients = await Read("inequality_gradients");

        var noBasis = Assert.Throws<InvalidOperationException>(() => Charts.Gradient(quantiles, gradients, LiverpoolYpll));

        Assert.Equal(
            "Table 'inequality_quantiles' has no basis 'iod2019/income/national' for indicator 'years_of_potential_life_lost' in area 'E08000012' with 10 quantiles; it has iod2025/imd/national.",
            noBasis.Message);
    }

    [Fact]
    public async Task ToPlot_GradientChart_IsANewScottPlotOfTheChartAndWithPlotRendersAnAdjustment()
    {
        var chart = await Charts.GradientAsync(lake.Snapshot, LiverpoolYpll);
        var png = chart.ToPng();

        var plot = chart.ToPlot();
        var again = chart.ToPlot();
        plot.Axes.SetLimitsY(0, 1);
        var adjusted = chart.WithPlot(p =>
        {
            p.Axes.SetLimitsY(0, 40_000);
            p.Add.Text("added by the analyst", 0.5, 35_000).LabelFontName = Charts.FontFamily;
        });

        Assert.NotSame(plot, again);
        Assert.Equal(3, again.GetPlottables().Count());
        Assert.Equal(png, again.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png));
        Assert.Equal(png, chart.ToPng());
        Assert.Equal(chart.Title, adjusted.Title);
        Assert.Contains("added by the analyst", adjusted.ToSvg(), StringComparison.Ordinal);
        Assert.DoesNotContain("added by the analyst", chart.ToSvg(), StringComparison.Ordinal);
        using var before = SkiaSharp.SKBitmap.Decode(png);
        using var after = SkiaSharp.SKBitmap.Decode(adjusted.ToPng());
        Assert.True(ImageAssert.MeanAbsoluteDifference(before, after) > 0.005, "The adjusted y axis should move the points.");
    }

    [Fact]
    public async Task DistrictSummary_Lcr_RanksAreTheSummaryTableRows()
    {
        var chart = await Charts.DistrictSummaryAsync(lake.Snapshot, new DistrictSummaryChartOptions());
        var summaries = await Read("lad_deprivation_summaries");

        Assert.Equal(["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"], chart.Districts.Select(d => d.Code));
        Assert.Equal("Knowsley", chart.Districts[1].Name);
        Assert.Equal([false, true], chart.Indices.Select(i => i.ByScore));
        Assert.Equal(12, chart.Ranks.Count);
        foreach (var bar in chart.Ranks)
        {
            var index = chart.Indices[bar.Index];
            var row = summaries.Where(("index_id", index.IndexId), ("domain", "imd"), ("lad_code", bar.LadCode));
            Assert.Equal(row.Primitive<int>(index.ByScore ? "rank_of_average_score" : "rank_of_average_rank")[0], bar.Rank);
            Assert.Equal(summaries.Where(("index_id", index.IndexId), ("domain", "imd")).RowCount, index.DistrictCount);
        }
    }

    [Fact]
    public async Task Choropleth_Imd2025Lcr_ValuesAreTheScoresInTenClassesAtTheirDeciles()
    {
        var chart = await Charts.ChoroplethAsync(lake.Snapshot, new ChoroplethChartOptions());
        var scores = (await Read("deprivation")).Where(("index_id", "iod2025"), ("domain", "imd"));
        var code = scores.Strings("lsoa_code");
        var score = scores.Primitive<double>("score");
        var byLsoa = Enumerable.Range(0, scores.RowCount).ToDictionary(i => code[i]!, i => score[i]!.Value, StringComparer.Ordinal);

        Assert.Equal(1_003, chart.Areas.Count);
        Assert.All(chart.Areas, a => Assert.Equal(byLsoa[a.LsoaCode], a.Value));
        Assert.Equal(9, chart.Breaks.Count);
        Assert.Equal(chart.Breaks.Order(), chart.Breaks);
        Assert.All(chart.Areas, a =>
        {
            Assert.True(a.Class == 0 || a.Value > chart.Breaks[a.Class - 1], $"{a.LsoaCode} {a.Value} is above its class {a.Class}");
            Assert.True(a.Class == 9 || a.Value <= chart.Breaks[a.Class], $"{a.LsoaCode} {a.Value} is below its class {a.Class}");
        });
        Assert.All(chart.Areas.GroupBy(a => a.Class), c => Assert.InRange(c.Count(), 95, 106));
        Assert.Equal(chart.Areas.Min(a => a.Value), chart.Classes[0].Low);
        Assert.Equal(chart.Areas.Max(a => a.Value), chart.Classes[9].High);
        Assert.EndsWith(".geojson", chart.BoundarySource, StringComparison.Ordinal);
        Assert.NotEmpty(chart.DistrictEdges);
    }

    [Fact]
    public async Task Choropleth_FromATableWithTheBoundaryFile_SameAreasAsFromTheSnapshot()
    {
        var fromSnapshot = await Charts.ChoroplethAsync(lake.Snapshot, new ChoroplethChartOptions());
        var scores = (await Read("deprivation")).Where(("index_id", "iod2025"), ("domain", "imd"));
        var areas = await Read("areas");
        var options = new ChoroplethChartOptions { Filters = new Dictionary<string, string>(), BoundaryPath = fromSnapshot.BoundarySource };

        var fromTable = Charts.Choropleth(scores, areas, options);
        var noBoundaries = Assert.Throws<ArgumentException>(() => Charts.Choropleth(scores, areas, options with { BoundaryPath = null }));

        Assert.Equal(fromSnapshot.Areas.Select(a => (a.LsoaCode, a.Value, a.Class)), fromTable.Areas.Select(a => (a.LsoaCode, a.Value, a.Class)));
        Assert.Equal(fromSnapshot.DistrictEdges, fromTable.DistrictEdges);
        Assert.Contains("BoundaryPath is required when charting a table", noBoundaries.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choropleth_BoundaryFileWithABrokenRing_ThrowsNamingFileAndFeature()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("broken.geojson");
        var areas = await Read("areas");
        var lsoa = areas.Where(("lad_code", Liverpool), ("lsoa_vintage", 2021)).Strings("lsoa_code")[0];
        await File.WriteAllTextAsync(path, $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"E00000000"},"geometry":{"type":"Point","coordinates":[-3,53.4]}},
              {"type":"Feature","properties":{"LSOA21CD":"{{{lsoa}}}"},"geometry":{"type":"Polygon","coordinates":[[[-3,53.4],[-2.9,53.4]]]}}]}
            """);

        var scores = (await Read("deprivation")).Where(("index_id", "iod2025"), ("domain", "imd"));

        var ex = Assert.Throws<InvalidDataException>(() => Charts.Choropleth(scores, areas, new ChoroplethChartOptions { BoundaryPath = path }));

        Assert.Equal(
            $"The boundary file '{path}' feature 2: area {lsoa}: the Polygon coordinates are not rings of [longitude, latitude] pairs with at least 3 vertices (a ring has 2 vertices).",
            ex.Message);
    }

    [Fact]
    public async Task SiiTrend_LiverpoolYpllAcrossBases_PointsAndChangeAreTheLakeRows()
    {
        var chart = (SiiTrendChart)await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = Ypll, AreaCode = Liverpool, Measure = TrendMeasure.Sii });
        var gradients = (await Read("inequality_gradients")).Where(("indicator_id", Ypll), ("area_code", Liverpool), ("method", "quantile"), ("period", "2019"));
        var trend = (await Read("inequality_trends")).Where(("indicator_id", Ypll), ("area_code", Liverpool), ("method", "quantile"), ("comparison", "basis"));

        Assert.False(chart.OverTime);
        Assert.Equal(LakeData.Distinct(gradients, "basis"), chart.Points.Select(p => p.Basis));
        foreach (var point in chart.Points)
        {
            var row = gradients.Where(("basis", point.Basis));
            Assert.Equal(row.Primitive<double>("sii")[0], point.Sii);
            Assert.Equal(row.Primitive<double>("sii_lower")[0], point.Lower);
            Assert.Equal(row.Primitive<double>("sii_upper")[0], point.Upper);
        }

        Assert.Equal(1, trend.RowCount);
        Assert.Equal(trend.Primitive<double>("sii_change")[0], chart.Change!.Change);
        Assert.Equal(trend.Strings("from_basis")[0], chart.Change.From);
        Assert.Equal("no_clear_change", chart.Change.Trend);
    }

    [Fact]
    public async Task DistrictTrend_Mortality_FirstPeriodQuintileOneIsTheMeanOfItsDistricts()
    {
        var chart = (TrendChart)await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = "mortality_from_all_causes" });
        var ranks = (await Read("lad_deprivation_summaries")).Where(("index_id", "iod2019"), ("domain", "imd"));
        var rank = ranks.Primitive<int>("rank_of_average_rank");
        var firstQuintile = Enumerable.Range(0, ranks.RowCount).Where(i => (rank[i]!.Value - 1) * 5 / ranks.RowCount == 0)
            .Select(i => ranks.Strings("lad_code")[i]!).ToHashSet(StringComparer.Ordinal);
        var values = (await Read("indicators")).Where(("indicator_id", "mortality_from_all_causes"), ("area_type", "lad"), ("period", chart.Periods[0]));
        var mean = Enumerable.Range(0, values.RowCount)
            .Where(i => firstQuintile.Contains(values.Strings("area_code")[i]!) && values.Strings("sex")[i] is null or "Persons" && values.Primitive<double>("value")[i] is not null)
            .Average(i => values.Primitive<double>("value")[i]!.Value);

        Assert.Equal(7, chart.Periods.Count);
        Assert.Null(chart.Basis);
        Assert.Equal(mean, chart.Quintiles[0].Values[0], 9);
        Assert.Equal(5, chart.Quintiles.Count);
        Assert.All(chart.Quintiles, q => Assert.Equal(7, q.Values.Count));
    }

    [Fact]
    public async Task AssetNeed_Lcr_EveryLsoaWithBothNumbersAndTheQuadrantLines()
    {
        var chart = await Charts.AssetNeedAsync(lake.Snapshot, new AssetNeedChartOptions());
        var table = (await Read("asset_need")).Where(("cauth_code", ChartOptionsBase.LiverpoolCityRegion));
        var need = table.Primitive<double>("need_score");
        var quadrant = table.Strings("quadrant");
        var highNeed = Enumerable.Range(0, table.RowCount).Where(i => quadrant[i] is { } q && q.StartsWith("high_need", StringComparison.Ordinal)).Min(i => need[i]!.Value);

        Assert.Equal(table.RowCount, chart.LsoaCount);
        Assert.Equal(chart.LsoaCount, chart.Districts.Sum(d => d.NeedScores.Count));
        Assert.Equal(6, chart.Districts.Count);
        Assert.Equal(highNeed, chart.HighNeedFrom);

        // The tags' counts are the table's quadrants; the low-assets line is the densest LSOA it marks low.
        var density = table.Primitive<double>("assets_per_10k");
        Assert.Equal(
            Enumerable.Range(0, table.RowCount).GroupBy(i => quadrant[i]!).ToDictionary(g => g.Key, g => g.Count()),
            chart.Quadrants.Where(q => q.Lsoas > 0).ToDictionary(q => q.Quadrant, q => q.Lsoas));
        Assert.Equal(table.RowCount, chart.Quadrants.Sum(q => q.Lsoas));
        Assert.Equal(Enumerable.Range(0, table.RowCount).Where(i => quadrant[i]!.EndsWith("low_assets", StringComparison.Ordinal)).Max(i => density[i]!.Value), chart.LowAssetsTo);
    }

    private static double? Value(SlopeIndex slope, string column) => column switch
    {
        "sii" => slope.Sii,
        "sii_lower" => slope.SiiLower,
        "sii_upper" => slope.SiiUpper,
        "rii" => slope.Rii,
        "rii_lower" => slope.RiiLower,
        "rii_upper" => slope.RiiUpper,
        _ => slope.Confidence,
    };
}
