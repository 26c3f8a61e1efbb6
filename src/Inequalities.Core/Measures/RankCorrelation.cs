namespace Inequalities.Core.Measures;

/// <summary>Spearman's rank correlation, with tied values given their mean rank.</summary>
public static class RankCorrelation
{
    /// <summary>
    /// Spearman's rho of two paired series: Pearson's correlation of their ranks, tied values sharing the mean of the
    /// ranks they span. Pairs where either value is NaN are left out.
    /// </summary>
    /// <param name="x">The first series.</param>
    /// <param name="y">The second series, paired with the first.</param>
    /// <returns>Rho in [−1, 1]; NaN with fewer than 3 complete pairs or when either series is constant.</returns>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("the two series must have the same length");
        }

        var xs = new List<double>(x.Length);
        var ys = new List<double>(y.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                xs.Add(x[i]);
                ys.Add(y[i]);
            }
        }

        if (xs.Count < 3)
        {
            return double.NaN;
        }

        return Pearson(MidRanks(xs), MidRanks(ys));
    }

    /// <summary>The 1-based ranks of values, ties given the mean of the ranks they span.</summary>
    /// <param name="values">The values (no NaN).</param>
    public static double[] MidRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        var meanA = a.Average();
        var meanB = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }
}
