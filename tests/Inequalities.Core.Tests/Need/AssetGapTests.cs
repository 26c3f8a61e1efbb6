using Inequalities.Core.Need;

namespace Inequalities.Core.Tests.Need;

public sealed class AssetGapTests
{
    [Fact]
    public void Calculate_TwoDeciles_ExpectedIsTheDecileRateTimesResidents()
    {
        // Decile 1: 2 organisations among 3,000 residents; decile 2: 6 among 2,000; an area without a decile gets none.
        int[] deciles = [1, 1, 2, 2, 0];
        int[] counts = [0, 2, 6, 0, 4];
        double[] population = [1_000, 2_000, 1_500, 500, 800];

        var gaps = AssetGap.Calculate(deciles, counts, population);

        Assert.Equal(2.0 / 3, gaps[0].Expected, 12);
        Assert.Equal(4.0 / 3, gaps[1].Expected, 12);
        Assert.Equal(4.5, gaps[2].Expected, 12);
        Assert.Equal(1.5, gaps[3].Expected, 12);
        Assert.True(double.IsNaN(gaps[4].Expected));
        Assert.Equal(1.5 - 0, gaps[3].Gap, 12);
        Assert.Equal(4.5 - 6, gaps[2].Gap, 12);
    }

    [Fact]
    public void Of_ZeroCount_ExactLimitsAreZeroAndMinusLogOfHalfAlpha()
    {
        var gap = AssetGap.Of(2.5, 0);

        // The exact 95% interval of a zero count is [0, -ln(0.025)].
        Assert.Equal(2.5, gap.GapUpper, 12);
        Assert.Equal(2.5 + Math.Log(0.025), gap.GapLower, 9);
        Assert.False(gap.Shortfall);
        Assert.False(gap.Surplus);
    }

    [Fact]
    public void Of_TwelveAgainstThree_ByarsLimitsMakeASurplus()
    {
        var gap = AssetGap.Of(3, 12);

        // Byar's limits from 10 on: O(1 - 1/(9O) - z/(3 sqrt O))^3 and (O+1)(1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3.
        const double z = 1.959963984540054;
        var lower = 12 * Math.Pow(1 - (1 / (9.0 * 12)) - (z / (3 * Math.Sqrt(12))), 3);
        var upper = 13 * Math.Pow(1 - (1 / (9.0 * 13)) + (z / (3 * Math.Sqrt(13))), 3);
        Assert.Equal(3 - upper, gap.GapLower, 9);
        Assert.Equal(3 - lower, gap.GapUpper, 9);
        Assert.True(gap.Surplus);
        Assert.False(gap.Shortfall);
    }

    [Fact]
    public void DecileRates_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => AssetGap.DecileRates([1, 2], [1], [1.0, 2.0]));
    }
}
