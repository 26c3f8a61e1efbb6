using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

public sealed class RankCorrelationTests
{
    [Fact]
    public void Spearman_NoTies_IsOneMinusSixSumOfSquaredRankDifferences()
    {
        double[] x = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] y = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

        // Without ties rho = 1 - 6 Σd² / (n(n² - 1)); here Σd² = 194 over n = 10.
        Assert.Equal(1 - (6.0 * 194 / (10 * 99)), RankCorrelation.Spearman(x, y), 12);
    }

    [Fact]
    public void Spearman_Ties_ArePearsonOfTheMidRanks()
    {
        double[] x = [0, 0, 0, 1, 2, 2];
        double[] y = [5, 3, 4, 1, 1, 0];

        // Mid-ranks: x = 2, 2, 2, 4, 5.5, 5.5; y = 6, 4, 5, 2.5, 2.5, 1.
        double[] rx = [2, 2, 2, 4, 5.5, 5.5];
        double[] ry = [6, 4, 5, 2.5, 2.5, 1];
        Assert.Equal(rx, RankCorrelation.MidRanks(x));
        Assert.Equal(Pearson(rx, ry), RankCorrelation.Spearman(x, y), 12);
    }

    [Fact]
    public void Spearman_MissingPairsDroppedAndConstantSeriesNaN()
    {
        Assert.Equal(1, RankCorrelation.Spearman([1, double.NaN, 2, 3], [10, 5, 20, 30]), 12);
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 2], [1, 2])));
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2, 3], [1, 2]));
    }

    private static double Pearson(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        var cov = a.Zip(b).Sum(p => (p.First - ma) * (p.Second - mb));
        return cov / Math.Sqrt(a.Sum(v => (v - ma) * (v - ma)) * b.Sum(v => (v - mb) * (v - mb)));
    }
}
