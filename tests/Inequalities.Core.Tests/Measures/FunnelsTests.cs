using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

/// <summary>Proportion funnels against the upstream CSVs (outputs there are written to 6–8 significant digits).</summary>
public sealed class FunnelsTests
{
    private static readonly TestCsv Inputs = TestCsv.Anchor("funnel_prop_inputs.csv");

    [Theory]
    [InlineData("funnel_prop_outputs.csv", double.MaxValue)]
    [InlineData("funnel_prop_outputs_with_axis_variation.csv", 31_000)]
    public void ProportionLimits_UpstreamOutputs_Reproduce(string file, double maxDenominator)
    {
        var rows = Inputs.Rows.Where(r => r.Num("denominator") < maxDenominator).ToList();
        var numerators = rows.Select(r => r.Num("numerator")).ToArray();
        var denominators = rows.Select(r => r.Num("denominator")).ToArray();
        var average = Funnels.AverageProportion(numerators, denominators);
        var expected = TestCsv.Anchor(file);
        var axis = Funnels.ProportionAxis(denominators);
        Assert.Equal(expected.Rows.Select(r => r.Num("Population")), axis);

        var limits = axis.Select(n => Funnels.ProportionLimits(average, n)).ToList();
        Compare.MeanRelative(limits.Select(l => l.Lower2s).ToList(), expected.Rows.Select(r => r.Num("Lower2s0025limit")).ToList(), 1e-7, "lower 2s");
        Compare.MeanRelative(limits.Select(l => l.Upper2s).ToList(), expected.Rows.Select(r => r.Num("Upper2s0025limit")).ToList(), 1e-7, "upper 2s");
        Compare.MeanRelative(limits.Select(l => l.Lower3s).ToList(), expected.Rows.Select(r => r.Num("Lower3s0001limit")).ToList(), 1e-7, "lower 3s");
        Compare.MeanRelative(limits.Select(l => l.Upper3s).ToList(), expected.Rows.Select(r => r.Num("Upper3s0001limit")).ToList(), 1e-7, "upper 3s");
        Compare.MeanRelative(limits.Select(l => l.Baseline).ToList(), expected.Rows.Select(r => r.Num("Baseline")).ToList(), 1e-7, "baseline");
    }

    [Fact]
    public void ProportionSignificance_UpstreamInputs_Reproduce()
    {
        var numerators = Inputs.Rows.Select(r => r.Num("numerator")).ToArray();
        var denominators = Inputs.Rows.Select(r => r.Num("denominator")).ToArray();
        var average = Funnels.AverageProportion(numerators, denominators);
        foreach (var row in Inputs.Rows)
        {
            Assert.Equal(row["significance"], Funnels.ProportionSignificance(row.Num("numerator"), row.Num("denominator"), average));
        }
    }

    [Fact]
    public void RatioLimits_UpstreamOutputs_Reproduce()
    {
        var expected = TestCsv.Anchor("funnel_ratio_outputs.csv");

        // The first header cell is "Observed_events\n" with a BOM: TestCsv trims it to Observed_events.
        var limits = expected.Rows.Select(r => Funnels.RatioLimits(r.Num("Observed_events"))).ToList();
        Compare.MeanRelative(limits.Select(l => l.Lower2sExpected).ToList(), Column(expected, "lower_2s_exp_events"), Compare.Default, "lower 2s λ");
        Compare.MeanRelative(limits.Select(l => l.Upper2sExpected).ToList(), Column(expected, "upper_2s_exp_events"), Compare.Default, "upper 2s λ");
        Compare.MeanRelative(limits.Select(l => l.Lower3sExpected).ToList(), Column(expected, "lower_3s_exp_events"), Compare.Default, "lower 3s λ");
        Compare.MeanRelative(limits.Select(l => l.Upper3sExpected).ToList(), Column(expected, "upper_3s_exp_events"), Compare.Default, "upper 3s λ");
        foreach (var (type, suffix) in new[] { (RatioFunnelType.Count, "count"), (RatioFunnelType.Isr, "isr") })
        {
            var scaled = limits.Select(l => l.Scaled(type)).ToList();
            Compare.MeanRelative(scaled.Select(l => l.Lower2s).ToList(), Column(expected, $"lower_2s_{suffix}"), Compare.Default, $"lower 2s {suffix}");
            Compare.MeanRelative(scaled.Select(l => l.Upper2s).ToList(), Column(expected, $"upper_2s_{suffix}"), Compare.Default, $"upper 2s {suffix}");
            Compare.MeanRelative(scaled.Select(l => l.Lower3s).ToList(), Column(expected, $"lower_3s_{suffix}"), Compare.Default, $"lower 3s {suffix}");
            Compare.MeanRelative(scaled.Select(l => l.Upper3s).ToList(), Column(expected, $"upper_3s_{suffix}"), Compare.Default, $"upper 3s {suffix}");
        }
    }

    [Fact]
    public void RatioLimits_SmallCounts_DifferFromExactQuantilesAsTheBisectionDoes()
    {
        // The reference's bisection stops at a step of 1e-7 on v = λ / (1 + O + λ): at O = 1 the upper 99.8 % λ is
        // −ln(0.999) ≈ 0.0010005 exactly, and the published 0.001000547 is what the bisection reaches.
        var limits = Funnels.RatioLimits(1);
        Assert.InRange(limits.Upper3sExpected, 0.0010005465, 0.0010005475);
        Assert.True(Math.Abs(limits.Upper3sExpected + Math.Log(0.999)) > 1e-8);
    }

    [Fact]
    public void RatioSignificance_UpstreamInputs_Reproduce()
    {
        foreach (var row in TestCsv.Anchor("funnel_ratio_inputs.csv").Rows)
        {
            Assert.Equal(row["significance"], Funnels.RatioSignificance(row.Num("obs"), row.Num("expected")));
        }
    }

    private static List<double> Column(TestCsv csv, string name) => csv.Rows.Select(r => r.Num(name)).ToList();
}
