using Inequalities.Core.Inequality;

namespace Inequalities.Core.Tests.Inequality;

public sealed class QuantileSummaryTests
{
    [Fact]
    public void Aggregate_HandExample_GivesWeightedMeansAndStandardErrors()
    {
        // Quantile 1: values 10 (pop 100) and 20 (pop 300) → mean (1000 + 6000) / 400 = 17.5;
        //   SE = sqrt(100²·7.5² + 300²·2.5²) / 400 = sqrt(562500 + 562500) / 400 = 1060.66 / 400 = 2.65165.
        // Quantile 2: one LSOA → mean 5, SE NaN. The NaN value and the zero population are skipped.
        int[] q = [1, 1, 2, 2, 2];
        double[] x = [10, 20, 5, double.NaN, 9];
        double[] w = [100, 300, 50, 70, 0];

        var result = QuantileSummary.Aggregate(q, x, w, 5);

        Assert.Equal(2, result.Length);
        Assert.Equal(new QuantileValue(1, 2, 400, 17.5, Math.Sqrt(1_125_000) / 400) { ErrorMethod = QuantileErrorMethod.QuantileSd }, result[0]);
        Assert.Equal(1, result[1].Areas);
        Assert.Equal(5, result[1].Value);
        Assert.True(double.IsNaN(result[1].StandardError));
    }

    [Fact]
    public void Gaps_UseTheMostAndLeastDeprivedQuantiles()
    {
        QuantileValue[] v = [new(1, 3, 100, 12, 1), new(2, 3, 100, 9, 1), new(3, 3, 100, 6, 1)];

        Assert.Equal(6, QuantileSummary.AbsoluteGap(v, 3));
        Assert.Equal(2, QuantileSummary.RelativeGap(v, 3));
        Assert.True(double.IsNaN(QuantileSummary.AbsoluteGap(v.AsSpan(0, 2), 3)));
    }

    [Fact]
    public void ConcentrationIndex_HandExample_MatchesTheFormula()
    {
        // Two equal groups: shares 0.5 each, ranks 0.25 and 0.75; values 30 (most deprived) and 10 → mean 20.
        // C = (2/20)(0.5·30·0.25 + 0.5·10·0.75) − 1 = 0.1·(3.75 + 3.75) − 1 = −0.25: concentrated among the deprived.
        QuantileValue[] v = [new(1, 1, 50, 30, 0), new(2, 1, 50, 10, 0)];

        Assert.Equal(-0.25, QuantileSummary.ConcentrationIndex(v), 12);
    }

    [Fact]
    public void ConcentrationIndex_EqualValues_IsZero()
    {
        QuantileValue[] v = [new(1, 1, 10, 5, 0), new(2, 1, 30, 5, 0), new(3, 1, 60, 5, 0)];

        Assert.Equal(0, QuantileSummary.ConcentrationIndex(v), 12);
    }
}
