using Inequalities.Core.Measures;
using Inequalities.Core.Need;

namespace Inequalities.Core.Tests.Need;

public sealed class AssetGradientTests
{
    // Ten need deciles of three LSOAs each, with populations and densities that vary inside every decile.
    private static (int[] Deciles, double[] Values, double[] Populations) TenDeciles()
    {
        var deciles = new List<int>();
        var values = new List<double>();
        var populations = new List<double>();
        for (var d = 1; d <= 10; d++)
        {
            for (var k = 0; k < 3; k++)
            {
                deciles.Add(d);
                populations.Add(1000 + (137 * d) + (251 * k));
                values.Add(5 + (1.5 * d) + (k == 1 ? 2.0 : -0.7 * k) + (d % 3));
            }
        }

        return ([.. deciles], [.. values], [.. populations]);
    }

    [Fact]
    public void Calculate_TenDeciles_MatchesWeightedLeastSquaresAndItsExactLimits()
    {
        var (deciles, values, populations) = TenDeciles();

        // Independent recomputation: decile means and standard errors, ridit midpoints, WLS slope β1 = Σ cᵢ yᵢ with
        // cᵢ = aᵢ (bᵢ − Σ a b) / (Σ a b² − (Σ a b)²), and its normal 95 % limits β1 ± z √(Σ cᵢ² seᵢ²).
        var total = populations.Sum();
        double cumulative = 0, s1 = 0, s2 = 0;
        var a = new double[10];
        var b = new double[10];
        var y = new double[10];
        var se = new double[10];
        for (var d = 1; d <= 10; d++)
        {
            var idx = Enumerable.Range(0, deciles.Length).Where(i => deciles[i] == d).ToList();
            var w = idx.Sum(i => populations[i]);
            var mean = idx.Sum(i => populations[i] * values[i]) / w;
            y[d - 1] = mean;
            se[d - 1] = Math.Sqrt(idx.Sum(i => populations[i] * populations[i] * (values[i] - mean) * (values[i] - mean))) / w;
            a[d - 1] = w / total;
            b[d - 1] = cumulative + (a[d - 1] / 2);
            cumulative += a[d - 1];
            s1 += a[d - 1] * b[d - 1];
            s2 += a[d - 1] * b[d - 1] * b[d - 1];
        }

        var c = Enumerable.Range(0, 10).Select(i => a[i] * (b[i] - s1) / (s2 - (s1 * s1))).ToArray();
        var slope = Enumerable.Range(0, 10).Sum(i => c[i] * y[i]);
        var half = Distributions.NormalQuantile(0.975) * Math.Sqrt(Enumerable.Range(0, 10).Sum(i => c[i] * c[i] * se[i] * se[i]));

        var result = AssetGradient.Calculate(deciles, values, populations);

        Assert.Equal(10, result.Deciles);
        Assert.Equal(slope, result.Sii, 1e-9);
        Assert.True(result.Sii > 0, "densities rise from the most to the least needy decile");
        Assert.Equal(slope - half, result.SiiLower, 1e-9);
        Assert.Equal(slope + half, result.SiiUpper, 1e-9);
    }

    [Fact]
    public void Calculate_TwoDeciles_GivesTheConcentrationIndexButNoSii()
    {
        // Equal shares: ranks 0.25 and 0.75, mean 20: C = (2 / 20)(0.5·30·0.25 + 0.5·10·0.75) − 1 = −0.25 (the
        // quantity is concentrated where need is highest).
        var result = AssetGradient.Calculate([1, 2], [30, 10], [1, 1]);

        Assert.Equal(-0.25, result.ConcentrationIndex, 1e-12);
        Assert.Equal(2, result.Deciles);
        Assert.True(double.IsNaN(result.Sii));
        Assert.True(double.IsNaN(result.SiiLower));
    }

    [Fact]
    public void Calculate_DecileWithOneLsoa_HasNoStandardErrorSoNoSii()
    {
        var (deciles, values, populations) = TenDeciles();
        deciles[1] = 0;
        deciles[2] = 0;

        var result = AssetGradient.Calculate(deciles, values, populations);

        Assert.True(double.IsNaN(result.Sii));
        Assert.True(double.IsFinite(result.ConcentrationIndex));
    }

    [Fact]
    public void Calculate_FlatValues_HaveZeroSiiAndConcentration()
    {
        var (deciles, _, populations) = TenDeciles();
        var flat = Enumerable.Repeat(4.0, deciles.Length).ToArray();

        var result = AssetGradient.Calculate(deciles, flat, populations);

        Assert.Equal(0, result.Sii, 1e-9);
        Assert.Equal(0, result.SiiLower, 1e-9);
        Assert.Equal(0, result.ConcentrationIndex, 1e-12);
    }

    [Fact]
    public void Calculate_MismatchedSpans_Throws()
    {
        Assert.Throws<ArgumentException>(() => AssetGradient.Calculate([1, 2], [1], [1, 1]));
    }
}
