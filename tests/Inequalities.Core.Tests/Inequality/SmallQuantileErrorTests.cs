using Inequalities.Core.Inequality;

namespace Inequalities.Core.Tests.Inequality;

/// <summary>
/// Standard errors for quantiles with one LSOA or no variation (issue 14, item 2), against hand-worked numbers. The
/// library computes the limits with z to full precision (1.95996398...), the hand arithmetic with 1.959964: they agree
/// to about 1e-8, hence the tolerances.
/// </summary>
public sealed class SmallQuantileErrorTests
{
    // One area, five quantiles (value, population):
    //   q1: 10 (100), 14 (100)            mean 12;   Σ(x − x̄)² = 4 + 4 = 8,        n − 1 = 1; own SE = sqrt(100²·4 + 100²·4)/200 = 1.41421356
    //   q2: 20 (200)                      one LSOA:  no SE of its own
    //   q3: 30 (100), 34 (100), 32 (200)  mean 12800/400 = 32; Σ(x − x̄)² = 4 + 4 + 0 = 8, n − 1 = 2
    //   q4: 40 (100), 40 (100)            no variation: own SE 0;          Σ(x − x̄)² = 0, n − 1 = 1
    //   q5: 50 (100), 56 (300)            mean 21800/400 = 54.5; Σ(x − x̄)² = 4.5² + 1.5² = 22.5, n − 1 = 1
    // Pooled within-quantile variance σ̂² = (8 + 8 + 0 + 22.5) / (1 + 2 + 1 + 1) = 38.5 / 5 = 7.7; σ̂ = 2.7748873851.
    //   q2: σ̂ · sqrt(200²)/200 = σ̂ = 2.7748873851
    //   q4: σ̂ · sqrt(100² + 100²)/200 = σ̂ · 0.70710678 = 1.9621416870
    private static readonly int[] Quantiles = [1, 1, 2, 3, 3, 3, 4, 4, 5, 5];
    private static readonly double[] Values = [10, 14, 20, 30, 34, 32, 40, 40, 50, 56];
    private static readonly double[] Populations = [100, 100, 200, 100, 100, 200, 100, 100, 100, 300];

    [Fact]
    public void PooledWithinQuantileSd_HandExample_IsSqrtOf38Point5Over5()
    {
        Assert.Equal(2.7748873851023217, QuantileSummary.PooledWithinQuantileSd(Quantiles, Values, Populations, 5), 12);
    }

    [Fact]
    public void AggregateWithSmallQuantiles_SingleLsoaAndNoVariation_UsePooledVariance()
    {
        var result = QuantileSummary.AggregateWithSmallQuantiles(Quantiles, Values, Populations, 5);

        Assert.Equal(
            [QuantileErrorMethod.QuantileSd, QuantileErrorMethod.PooledWithinQuantile, QuantileErrorMethod.QuantileSd, QuantileErrorMethod.PooledWithinQuantile, QuantileErrorMethod.QuantileSd],
            result.Select(r => r.ErrorMethod));
        Assert.Equal(1.4142135623730951, result[0].StandardError, 12);
        Assert.Equal(2.7748873851023217, result[1].StandardError, 12);
        Assert.Equal(1.9621416870348585, result[3].StandardError, 12);
        Assert.Equal([12, 20, 32, 40, 54.5], result.Select(r => r.Value));

        // The plain aggregate leaves them undefined (one LSOA) and zero (no variation), as the reference method has them.
        var plain = QuantileSummary.Aggregate(Quantiles, Values, Populations, 5);
        Assert.True(double.IsNaN(plain[1].StandardError));
        Assert.Equal(0, plain[3].StandardError);
    }

    [Fact]
    public void AggregateWithSmallQuantiles_CountsForEveryLsoa_UseTheCountBasedError()
    {
        // Percentages (multiplier 100). q2's single LSOA has 30 of 200; the other LSOAs have counts too but keep their
        // own spread. Wilson 95% for 30/200 (z = 1.959964, z² = 3.841459): sqrt(z² + 4·30·(1 − 30/200)) = 10.2879278;
        // lower = (60 + 3.841459 − 1.959964·10.2879278) / (2·203.841459) = 0.1071359353,
        // upper = (60 + 3.841459 + 1.959964·10.2879278) / (2·203.841459) = 0.2060557933;
        // SE = 100 · (0.2060557933 − 0.1071359353) / (2·1.959964) = 2.5235121155.
        // q4 (no variation) has a missing count, so it falls back to the pooled variance.
        double[] counts = [1, 1, 30, 1, 1, 1, double.NaN, 1, 1, 1];
        double[] denominators = [10, 10, 200, 10, 10, 10, 10, 10, 10, 10];

        var result = QuantileSummary.AggregateWithSmallQuantiles(
            Quantiles, Values, Populations, 5, counts, denominators, new SmallQuantileOptions { Counts = CountScale.Proportion, Multiplier = 100 });

        Assert.Equal(QuantileErrorMethod.CountBased, result[1].ErrorMethod);
        Assert.Equal(2.52351211548846, result[1].StandardError, 6);
        Assert.Equal(QuantileErrorMethod.PooledWithinQuantile, result[3].ErrorMethod);
        Assert.Equal(1.9621416870348585, result[3].StandardError, 12);
    }

    [Theory]

    // 4 events in 5,000 (per 100,000): exact limits χ²(0.025; 8)/2 = 2.179731/2 = 1.0898655 and
    // χ²(0.975; 10)/2 = 20.483177/2 = 10.2415885; SE = (10.2415885 − 1.0898655)/5000·100000/(2·1.959964) = 46.693322.
    [InlineData(4, 46.69332191815768, 1e-5)]

    // 25 events in 5,000: Byar 25·(1 − 1/225 − 1.959964/15)³ = 16.1742659 and 26·(1 − 1/234 + 1.959964/(3·√26))³
    // = 36.9064508; SE = (36.9064508 − 16.1742659)/5000·100000/(2·1.959964) = 105.778397.
    [InlineData(25, 105.77839658237528, 1e-6)]
    public void CountBasedStandardError_Rate_HandWorked(double events, double expected, double relative)
    {
        var se = QuantileSummary.CountBasedStandardError(events, 5000, CountScale.Rate, 100_000);

        Assert.InRange(Math.Abs(se - expected) / expected, 0, relative);
    }

    [Fact]
    public void AggregateWithSmallQuantiles_NoQuantileWithTwoLsoas_LeavesTheErrorUndefined()
    {
        var result = QuantileSummary.AggregateWithSmallQuantiles([1, 2, 3, 4, 5], [1.0, 2, 3, 4, 5], [10.0, 10, 10, 10, 10], 5);

        Assert.All(result, r => Assert.Equal(QuantileErrorMethod.None, r.ErrorMethod));
        Assert.All(result, r => Assert.True(double.IsNaN(r.StandardError)));
    }
}
