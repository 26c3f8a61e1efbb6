using Inequalities.Core.Columnar;

namespace Inequalities.Charts.Tests;

/// <summary>The numbers of the trend charts on the sample lake (three periods of inherited life expectancy), against its rows.</summary>
[Collection(SampleLakeCollection.Name)]
public sealed class SampleLakeChartDataTests(SampleLakeFixture lake)
{
    private const string LifeExpectancy = "93283";

    [Fact]
    public async Task Trend_SampleLifeExpectancy_EachQuintileIsItsRowsPopulationWeighted()
    {
        var chart = (TrendChart)await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = LifeExpectancy });
        var quantiles = (await lake.Snapshot.ReadTableAsync("inequality_quantiles"))
            .Where(("indicator_id", LifeExpectancy), ("area_code", ChartOptionsBase.LiverpoolCityRegion), ("basis", chart.Basis));

        Assert.Equal(["2017 - 19", "2018 - 20", "2019 - 21"], chart.Periods);
        Assert.Equal("iod2019/imd/national", chart.Basis);
        for (var p = 0; p < chart.Periods.Count; p++)
        {
            for (var q = 1; q <= 5; q++)
            {
                // Deciles 2q-1 and 2q make quintile q when the basis has no quintiles.
                var rows = chart.DecilesPaired
                    ? quantiles.Where(("period", chart.Periods[p]), ("quantile_count", 10)).WhereAnyOf("quantile", [(2 * q) - 1, 2 * q])
                    : quantiles.Where(("period", chart.Periods[p]), ("quantile_count", 5), ("quantile", q));
                var population = rows.Primitive<double>("population").Values.ToArray();
                var value = rows.Primitive<double>("value").Values.ToArray();
                var expected = population.Zip(value, (n, v) => n * v).Sum() / population.Sum();
                Assert.Equal(chart.DecilesPaired ? 2 : 1, rows.RowCount);

                Assert.Equal(expected, chart.Quintiles[q - 1].Values[p], 9);
            }
        }
    }

    [Fact]
    public async Task SiiTrend_SampleLifeExpectancy_OverPeriodsInOrderAreTheGradientRows()
    {
        var chart = (SiiTrendChart)await Charts.TrendAsync(lake.Snapshot, new TrendChartOptions { IndicatorId = LifeExpectancy, Measure = TrendMeasure.Sii });
        var gradients = (await lake.Snapshot.ReadTableAsync("inequality_gradients"))
            .Where(("indicator_id", LifeExpectancy), ("area_code", ChartOptionsBase.LiverpoolCityRegion), ("method", "quantile"), ("basis", "iod2019/imd/national"));

        Assert.True(chart.OverTime);
        Assert.Equal(["2017 - 19", "2018 - 20", "2019 - 21"], chart.Points.Select(p => p.Label));
        foreach (var point in chart.Points)
        {
            Assert.Equal(gradients.Where(("period", point.Period)).Primitive<double>("sii")[0], point.Sii);
        }

        Assert.Equal(("2017 - 19", "2019 - 21"), (chart.Change!.From, chart.Change.To));
        Assert.StartsWith("change 2017 - 19 to 2019 - 21: ", chart.Change.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trend_TableWithoutTheIndicator_ThrowsNamingTableIndicatorAndArea()
    {
        var quantiles = (await lake.Snapshot.ReadTableAsync("inequality_quantiles")).Where(("indicator_id", "no_such_indicator"));

        var ex = Assert.Throws<InvalidOperationException>(() => Charts.Trend(quantiles, new TrendChartOptions { IndicatorId = LifeExpectancy }));

        Assert.Equal("Table 'inequality_quantiles' has no rows for indicator '93283' in area 'E47000004'.", ex.Message);
    }
}
