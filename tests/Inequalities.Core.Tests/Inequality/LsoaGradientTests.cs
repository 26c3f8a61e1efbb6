using Inequalities.Core.Inequality;
using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Inequality;

/// <summary>The LSOA-level slope index (issue 14, item 3): hand-worked numbers and the OHID quantile method as reference.</summary>
public sealed class LsoaGradientTests
{
    [Fact]
    public void Fit_FourLsoasByHand_GivesTheSlopeAndItsSandwichInterval()
    {
        // Four LSOAs of 100 people, ranks 1..4 (1 = most deprived), values 10, 8, 7, 3. Shares aᵢ = 0.25;
        // relative ranks rᵢ = 0.125, 0.375, 0.625, 0.875.
        // S1 = Σ a r = 0.5; S2 = Σ a r² = 0.25 · 1.3125 = 0.328125; D = S2 − S1² = 0.078125;
        // Sy = Σ a y = 7; Sry = Σ a r y = 0.25 · 11.25 = 2.8125.
        // β1 = (Sry − S1·Sy)/D = −0.6875/0.078125 = −8.8; β0 = Sy − β1·S1 = 11.4.
        // Fitted 10.3, 8.1, 5.9, 3.7; residuals −0.3, −0.1, 1.1, −0.7.
        // Meat M = Σ a² e² (1, r)(1, r)ᵀ = 0.0625 · [[1.8, 1.2], [1.2, 0.850625]] = [[0.1125, 0.075], [0.075, 0.0531640625]].
        // Bread B = (1/D)[[S2, −S1], [−S1, 1]] = [[4.2, −6.4], [−6.4, 12.8]].
        // V11 = 6.4²·0.1125 − 2·6.4·12.8·0.075 + 12.8²·0.0531640625 = 4.608 − 12.288 + 8.7104 = 1.0304;
        // HC1: × n/(n − 2) = 2 → 2.0608; SE = 1.4355487. t(0.975; 2) = 4.3026527:
        // limits −8.8 ∓ 4.3026527 · 1.4355487 = −14.9766674 to −2.6233326.
        // RII = (β0 + β1)/β0 = 2.6/11.4 = 0.2280702; concentration index (2/7)·Σ a y r − 1 = (2/7)·2.8125 − 1 = −0.1964286.
        var result = LsoaGradient.Fit([1.0, 2, 3, 4], [10.0, 8, 7, 3], [100.0, 100, 100, 100], minimumLsoas: 4);

        Assert.Equal(LsoaGradientStatus.Ok, result.Status);
        Assert.Equal(4, result.Lsoas);
        Assert.Equal(-8.8, result.Sii, 12);
        Assert.Equal(11.4, result.Intercept, 12);
        Assert.Equal(1.4355486755941085, result.StandardError, 12);
        Assert.Equal(-14.976667427733219, result.SiiLower, 9);
        Assert.Equal(-2.623332572266783, result.SiiUpper, 9);
        Assert.Equal(2.6 / 11.4, result.Rii, 12);
        Assert.Equal(-0.1964285714285715, result.ConcentrationIndex, 12);
    }

    [Fact]
    public void Fit_EachLsoaItsOwnQuantile_SlopeEqualsTheOhidQuantileMethod()
    {
        // With every LSOA in a quantile of its own, the quantile method's regression is this one: the OHID SII of the
        // same rows (the reference implementation of the point estimate) must be the same number.
        double[] values = [82.5, 80.1, 79.3, 78.8, 76.0, 77.2, 74.9];
        double[] populations = [1500, 1720, 1610, 1455, 1800, 1390, 1650];
        double[] ranks = [5, 1, 2, 7, 4, 3, 6];
        var records = ranks.Select((rank, i) => new SiiRecord("area", rank, populations[i], values[i]) { StandardError = 1 }).ToList();
        var ohid = Sii.Calculate(records, new SiiOptions { Rii = true, Repetitions = 1000, Seed = 1 }).Groups.Single();

        var result = LsoaGradient.Fit(ranks, values, populations, minimumLsoas: 5);

        Assert.Equal(ohid.Sii, result.Sii, 10);
        Assert.Equal(ohid.Rii, result.Rii, 10);
        Assert.True(result.SiiLower < result.Sii && result.Sii < result.SiiUpper);
        Assert.True(result.RiiLower < result.Rii && result.Rii < result.RiiUpper);
    }

    [Fact]
    public void Fit_TiedRanks_ShareTheMidpointOfTheirCombinedShare()
    {
        // Ranks 1, 1, 2, 3 with equal populations: the tied pair holds shares 0–0.5 and both sit at 0.25, as one LSOA
        // of twice the population would. So the fit equals that of ranks 1, 2, 3 with populations 200, 100, 100 and
        // the pair's mean value; the sandwich differs (two residuals instead of one), the slope does not.
        var tied = LsoaGradient.Fit([1.0, 1, 2, 3, 4, 5], [10.0, 12, 9, 7, 6, 4], [100.0, 100, 100, 100, 100, 100], minimumLsoas: 5);
        var merged = LsoaGradient.Fit([1.0, 2, 3, 4, 5], [11.0, 9, 7, 6, 4], [200.0, 100, 100, 100, 100], minimumLsoas: 5);

        Assert.Equal(merged.Sii, tied.Sii, 12);
        Assert.Equal(merged.Intercept, tied.Intercept, 12);
    }

    [Fact]
    public void Fit_TooFewOrFlat_SaysWhy()
    {
        Assert.Equal(LsoaGradientStatus.TooFewLsoas, LsoaGradient.Fit([1.0, 2, 3], [1.0, 2, 3], [1.0, 1, 1]).Status);
        var flat = LsoaGradient.Fit([1.0, 2, 3, 4, 5], [7.0, 7, 7, 7, 7], [1.0, 1, 1, 1, 1], minimumLsoas: 5);
        Assert.Equal(LsoaGradientStatus.NoVariation, flat.Status);
        Assert.True(double.IsNaN(flat.Sii));

        // A missing value or population leaves that LSOA out (here leaving too few).
        var holes = LsoaGradient.Fit([1.0, 2, 3, 4, 5], [1.0, double.NaN, 3, 4, 5], [1.0, 1, 0, 1, 1], minimumLsoas: 4);
        Assert.Equal(LsoaGradientStatus.TooFewLsoas, holes.Status);
        Assert.Equal(3, holes.Lsoas);
    }
}
