using Inequalities.Core.Need;

namespace Inequalities.Core.Tests.Need;

public sealed class AssetGradientTests
{
    [Fact]
    public void SimpleSii_ThreeGroups_MatchesHandComputedWeightedSlope()
    {
        // Shares 0.25, 0.25, 0.5 -> midpoints 0.125, 0.375, 0.75; weighted cov(x, y) = 3.4375, var(x) = 0.0703125;
        // slope = 48.888...
        var sii = AssetGradient.SimpleSii([new(1, 100, 10), new(2, 100, 20), new(3, 200, 40)]);

        Assert.Equal(3.4375 / 0.0703125, sii, 1e-9);
    }

    [Fact]
    public void SimpleSii_FlatValues_IsZero()
    {
        var sii = AssetGradient.SimpleSii([new(1, 10, 5), new(2, 30, 5), new(3, 20, 5)]);

        Assert.Equal(0, sii, 1e-12);
    }

    [Fact]
    public void SimpleSii_OneGroup_IsNaN()
    {
        Assert.True(double.IsNaN(AssetGradient.SimpleSii([new(1, 10, 5), new(2, 0, 7)])));
    }

    [Fact]
    public void ConcentrationIndex_TwoAreas_MatchesHandComputation()
    {
        // Ranks 0.25 and 0.75, mean 20, cov = -2.5, C = 2 * -2.5 / 20 = -0.25 (concentrated where need is highest).
        var c = AssetGradient.ConcentrationIndex([1, 2], [1, 1], [30, 10]);

        Assert.Equal(-0.25, c, 1e-12);
    }

    [Fact]
    public void ConcentrationIndex_EvenSpread_IsZero()
    {
        var c = AssetGradient.ConcentrationIndex([1, 2, 3], [100, 300, 200], [4, 4, 4]);

        Assert.Equal(0, c, 1e-12);
    }

    [Fact]
    public void ConcentrationIndex_AllInLeastNeedy_IsPositive()
    {
        var c = AssetGradient.ConcentrationIndex([1, 2, 3, 4], [1, 1, 1, 1], [0, 0, 0, 8]);

        // Ranks 0.125, 0.375, 0.625, 0.875 (mean 0.5); values mean 2;
        // cov = 0.25 * ((-2)(-0.375) + (-2)(-0.125) + (-2)(0.125) + (6)(0.375)) = 0.75; C = 2 * 0.75 / 2 = 0.75.
        Assert.Equal(0.75, c, 1e-12);
    }
}
