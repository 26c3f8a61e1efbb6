using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

/// <summary>
/// Rate funnels against the upstream CSVs: funnel_rate_input_funnels.csv (ev, rate, pop) with the three limit tables,
/// and funnel_rate_dsr_inputs.csv with eight expected significance columns. Outputs there carry about ten significant
/// digits, so the testthat default tolerance (1.5e-8 mean relative) applies.
/// </summary>
public sealed class RateFunnelTests
{
    private const double YearsOfData = 3;

    private static readonly TestCsv Inputs = TestCsv.Anchor("funnel_rate_input_funnels.csv");

    public static TheoryData<string> LimitFiles => new() { "funnel_rate_outputs.csv", "funnel_rate_outputs_2.csv", "funnel_rate_outputs_3.csv" };

    [Theory]
    [MemberData(nameof(LimitFiles))]
    public void Limits_UpstreamOutputs_Reproduce(string file)
    {
        var funnel = Build(file);
        var expected = TestCsv.Anchor(file);
        var axis = funnel.Axis();
        Assert.Equal(expected.Rows.Select(r => r.Num("Events")), axis);

        var limits = axis.Select(funnel.Limits).ToList();
        void Check(Func<RateFunnelLimits, double> actual, string column) =>
            Compare.MeanRelative(limits.Select(actual).ToList(), Column(expected, column), Compare.Default, $"{file} {column}");
        Check(l => l.Lower2sPopulation1Year, "lower_2s_population_1_year");
        Check(l => l.Lower2s, "lower_2s_limit");
        Check(l => l.Upper2sPopulation1Year, "upper_2s_population_1_year");
        Check(l => l.Upper2s, "upper_2s_limit");
        Check(l => l.Lower3sPopulation1Year, "lower_3s_population_1_year");
        Check(l => l.Lower3s, "lower_3s_limit");
        Check(l => l.Upper3sPopulation1Year, "upper_3s_population_1_year");
        Check(l => l.Upper3s, "upper_3s_limit");
        Check(l => l.Baseline, "baseline");
        Assert.All(expected.Rows, r => Assert.Equal(r["statistic"], funnel.Statistic));
        Assert.All(expected.Rows, r => Assert.Equal("Poisson", r["method"]));
    }

    [Theory]
    [InlineData(FunnelRateType.Dsr, 100_000, true, "dsr_per_100000_with_0")]
    [InlineData(FunnelRateType.Dsr, 100, true, "dsr_per_100_with_0")]
    [InlineData(FunnelRateType.Dsr, 100_000, false, "dsr_per_100000_without_0")]
    [InlineData(FunnelRateType.Dsr, 100, false, "dsr_per_100_without_0")]
    [InlineData(FunnelRateType.Crude, 100_000, true, "crude_per_100000_with_0")]
    [InlineData(FunnelRateType.Crude, 100, true, "crude_per_100_with_0")]
    [InlineData(FunnelRateType.Crude, 100_000, false, "crude_per_100000_without_0")]
    [InlineData(FunnelRateType.Crude, 100, false, "crude_per_100_without_0")]
    public void Significance_UpstreamInputs_Reproduce(FunnelRateType type, double multiplier, bool withZero, string column)
    {
        var data = TestCsv.Anchor("funnel_rate_dsr_inputs.csv");

        // "without_0" runs drop the zero-count row before the call; the sheet still holds a cell for it, which is not
        // an output of that run and is not compared.
        var rows = data.Rows.Where(r => withZero || r.Num("count") > 0).ToList();
        Assert.Equal(withZero ? 40 : 39, rows.Count);
        var rateColumn = type == FunnelRateType.Dsr
            ? "rate_dsr"
            : multiplier == 100 ? "rate_crude_per_100" : "rate_crude_per_100000";

        // The sheet has DSRs per 100 000 only; rescale them for the per-100 run (a common scale cancels anyway).
        var scale = type == FunnelRateType.Dsr ? multiplier / 100_000 : 1;
        var events = rows.Select(r => r.Num("count")).ToArray();
        var rates = rows.Select(r => r.Num(rateColumn) * scale).ToArray();
        var populations = rows.Select(r => r.Num("pop")).ToArray();
        var funnel = RateFunnel.Create(events, rates, populations, type, multiplier);

        for (var i = 0; i < rows.Count; i++)
        {
            Assert.True(
                rows[i][column] == funnel.Significance(events[i], rates[i], populations[i]),
                $"{column} row {rows[i].Number}: expected '{rows[i][column]}', got '{funnel.Significance(events[i], rates[i], populations[i])}'");
        }
    }

    [Fact]
    public void Significance_ZeroRowInCrude_LowersTheAverage()
    {
        var data = TestCsv.Anchor("funnel_rate_dsr_inputs.csv");
        var events = data.Rows.Select(r => r.Num("count")).ToArray();
        var rates = data.Rows.Select(r => r.Num("rate_crude_per_100000")).ToArray();
        var populations = data.Rows.Select(r => r.Num("pop")).ToArray();
        var with0 = RateFunnel.Create(events, rates, populations, FunnelRateType.Crude);
        var without0 = RateFunnel.Create(events.AsSpan(0, 39), rates.AsSpan(0, 39), populations.AsSpan(0, 39), FunnelRateType.Crude);
        Assert.True(with0.AverageRate < without0.AverageRate);

        // A DSR area without events is left out of the average altogether.
        var dsrRates = data.Rows.Select(r => r.Num("rate_dsr")).ToArray();
        var dsrWith0 = RateFunnel.Create(events, dsrRates, [], FunnelRateType.Dsr);
        var dsrWithout0 = RateFunnel.Create(events.AsSpan(0, 39), dsrRates.AsSpan(0, 39), [], FunnelRateType.Dsr);
        Assert.Equal(dsrWithout0.AverageRate, dsrWith0.AverageRate);
    }

    [Fact]
    public void Create_BadInput_NamesTheArea()
    {
        var negative = Assert.Throws<ArgumentException>(() => RateFunnel.Create([5, -1], [10, 10], [], FunnelRateType.Dsr));
        Assert.Contains("area 1", negative.Message, StringComparison.Ordinal);
        var noRate = Assert.Throws<ArgumentException>(() => RateFunnel.Create([5, 7], [10, double.NaN], [], FunnelRateType.Dsr));
        Assert.Contains("area 1", noRate.Message, StringComparison.Ordinal);
        var noDenominator = Assert.Throws<ArgumentException>(() => RateFunnel.Create([5, 0], [10, 0], [], FunnelRateType.Crude));
        Assert.Contains("denominator", noDenominator.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RateFunnel.Create([5], [10, 10], [], FunnelRateType.Crude));
        Assert.Throws<ArgumentException>(() => RateFunnel.Create([5], [10], [], FunnelRateType.Crude, multiplier: 0));
    }

    // The three limit tables, rebuilt from funnel_rate_input_funnels.csv as the upstream tests set them up.
    private static RateFunnel Build(string file)
    {
        var events = Column(Inputs, "ev").ToArray();
        var rates = Column(Inputs, "rate").ToArray();
        var max = Array.IndexOf(events, events.Max());
        switch (file)
        {
            case "funnel_rate_outputs.csv":
                return RateFunnel.Create(events, rates, [], FunnelRateType.Dsr, 100_000, YearsOfData);
            case "funnel_rate_outputs_2.csv":
                events[max] = 5;
                return RateFunnel.Create(events, rates, [], FunnelRateType.Crude, 100_000, YearsOfData);
            case "funnel_rate_outputs_3.csv":
                // Denominators derived from the rates first; then the largest area loses its events (and rate), so it
                // contributes its denominator alone; only areas above half the largest denominator are kept.
                var populations = events.Select((e, i) => 100_000 * e / rates[i]).ToArray();
                events[max] = 0;
                rates[max] = 0;
                var keep = Enumerable.Range(0, events.Length).Where(i => populations[i] > populations.Max() / 2).ToArray();
                Assert.Contains(max, keep);
                return RateFunnel.Create(
                    keep.Select(i => events[i]).ToArray(),
                    keep.Select(i => rates[i]).ToArray(),
                    keep.Select(i => populations[i]).ToArray(),
                    FunnelRateType.Crude,
                    100_000,
                    YearsOfData);
            default:
                throw new ArgumentException(file, nameof(file));
        }
    }

    private static List<double> Column(TestCsv csv, string name) => csv.Rows.Select(r => r.Num(name)).ToList();
}
