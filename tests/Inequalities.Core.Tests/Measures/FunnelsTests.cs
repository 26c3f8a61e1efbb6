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
    public void RatioLimits_UpstreamOutputs_ReproduceToBisectionPrecision()
    {
        var expected = TestCsv.Anchor("funnel_ratio_outputs.csv");

        // The first header cell is "Observed_events\n" with a BOM: TestCsv trims it to Observed_events.
        var limits = expected.Rows.Select(r => Funnels.RatioLimits(r.Num("Observed_events"))).ToList();

        // Upstream bisects λ to a step of 1e-7 (METHODS.md 3.7); these are the exact chi-square values, so compare
        // at 1e-6 rather than the default 1.5e-8.
        const double tolerance = 1e-6;
        Compare.MeanRelative(limits.Select(l => l.Lower2sExpected).ToList(), Column(expected, "lower_2s_exp_events"), tolerance, "lower 2s λ");
        Compare.MeanRelative(limits.Select(l => l.Lower3sExpected).ToList(), Column(expected, "lower_3s_exp_events"), tolerance, "lower 3s λ");
        Compare.MeanRelative(limits.Select(l => l.Lower2sRatio - 1).ToList(), Column(expected, "lower_2s_count"), tolerance, "lower 2s count");
        Compare.MeanRelative(limits.Select(l => l.Lower3sRatio * 100).ToList(), Column(expected, "lower_3s_isr"), tolerance, "lower 3s isr");

        // The upper-side λ are small (0.001 at O = 1), where a bisection step of 1e-7 on v = λ/(1 + O + λ) is a large
        // relative error: compare them absolutely at the bisection's resolution, (1 + O) · 1e-6.
        for (var i = 0; i < limits.Count; i++)
        {
            var o = limits[i].Observed;
            Assert.InRange(Math.Abs(limits[i].Upper2sExpected - expected.Rows[i].Num("upper_2s_exp_events")), 0, (1 + o) * 1e-6);
            Assert.InRange(Math.Abs(limits[i].Upper3sExpected - expected.Rows[i].Num("upper_3s_exp_events")), 0, (1 + o) * 1e-6);
        }
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
