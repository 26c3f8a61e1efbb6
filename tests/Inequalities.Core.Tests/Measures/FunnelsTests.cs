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
}
