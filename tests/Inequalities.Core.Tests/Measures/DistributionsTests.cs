using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

/// <summary>Reference values computed with mpmath at 40 significant digits (and closed forms).</summary>
public sealed class DistributionsTests
{
    [Theory]
    [InlineData(0.975, 1.9599639845400538556)]
    [InlineData(0.999, 3.0902323061678132778)]
    [InlineData(1e-10, -6.3613409024040561991)]
    [InlineData(0.3, -0.52440051270804081597)]
    [InlineData(0.5, 0.0)]
    public void NormalQuantile_KnownValues_MatchToE12(double p, double expected)
    {
        var actual = Distributions.NormalQuantile(p);
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{actual:R} vs {expected:R}");
    }

    [Theory]
    [InlineData(0.025, 18, 8.2307461947566649488)]
    [InlineData(0.975, 20, 34.169606902838337208)]
    [InlineData(0.001, 18, 4.9048488087275498702)]
    [InlineData(0.999, 20, 45.31474661812585865)]
    [InlineData(0.5, 1, 0.45493642311957275194)]
    [InlineData(0.0005, 2, 0.0010002500833645958594)]
    [InlineData(0.95, 100, 124.34211340400407469)]
    [InlineData(1e-10, 3, 5.2093976214344803303e-7)]
    public void ChiSquareQuantile_KnownValues_MatchToE10(double p, double df, double expected) =>
        Compare.Relative(Distributions.ChiSquareQuantile(p, df), expected, 1e-10, $"qchisq({p}, {df})");

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void ChiSquareQuantile_TwoDegreesOfFreedom_MatchesClosedForm(double p) =>
        Compare.Relative(Distributions.ChiSquareQuantile(p, 2), -2 * Math.Log(1 - p), 1e-12, "qchisq(p, 2)");

    [Fact]
    public void ChiSquareQuantile_ZeroDegreesOfFreedom_IsZero() => Assert.Equal(0, Distributions.ChiSquareQuantile(0.025, 0));

    [Theory]
    [InlineData(0.975, 7, 2.3646242515927847379)]
    [InlineData(0.999, 7, 4.7852896286383332959)]
    [InlineData(0.975, 17, 2.1098155778333166278)]
    [InlineData(0.975, 1, 12.706204736174693314)]
    [InlineData(0.9995, 3, 12.923978636687964322)]
    [InlineData(0.025, 25, -2.0595385527532973177)]
    public void StudentTQuantile_KnownValues_MatchToE10(double p, double df, double expected) =>
        Compare.Relative(Distributions.StudentTQuantile(p, df), expected, 1e-10, $"qt({p}, {df})");

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void StudentTQuantile_OneAndTwoDegreesOfFreedom_MatchClosedForms(double p)
    {
        Compare.Relative(Distributions.StudentTQuantile(p, 1), Math.Tan(Math.PI * (p - 0.5)), 1e-11, "df 1");
        Compare.Relative(Distributions.StudentTQuantile(p, 2), (2 * p - 1) / Math.Sqrt(2 * p * (1 - p)), 1e-11, "df 2");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    [InlineData(12.0)]
    public void PoissonCdf_MatchesDirectSum(double k)
    {
        const double lambda = 6.5;
        var sum = 0.0;
        var term = Math.Exp(-lambda);
        for (var i = 0; i <= k; i++)
        {
            sum += term;
            term *= lambda / (i + 1);
        }

        Compare.Relative(Distributions.PoissonCdf(k, lambda), sum, 1e-13, "ppois");
        Compare.Relative(Distributions.PoissonUpperTail(k + 1, lambda), 1 - sum, 1e-12, "upper tail");
    }

    [Fact]
    public void TwoSidedZ_StandardLevels_MatchSpec()
    {
        Assert.Equal(1.959964, Math.Round(Distributions.TwoSidedZ(0.95), 6));
        Assert.Equal(3.090232, Math.Round(Distributions.TwoSidedZ(0.998), 6));
    }
}
