using Inequalities.Core.Measures;

namespace Inequalities.Core.Inequality;

/// <summary>Whether <see cref="LsoaGradient.Fit"/> could estimate a slope.</summary>
public enum LsoaGradientStatus
{
    /// <summary>The slope and its interval are estimated.</summary>
    Ok,

    /// <summary>Fewer small areas with a value and a positive population than the minimum.</summary>
    TooFewLsoas,

    /// <summary>Every small area has the same value, or the same deprivation rank: there is no gradient to estimate.</summary>
    NoVariation,
}

/// <summary>The slope index of inequality of one area from its small areas' own values (<see cref="LsoaGradient.Fit"/>).</summary>
/// <param name="Status">Whether the slope was estimated (the numbers are NaN otherwise).</param>
/// <param name="Lsoas">Small areas used.</param>
/// <param name="Sii">The slope: fitted value at the least deprived end (relative rank 1) minus the most deprived end (rank 0).</param>
/// <param name="StandardError">Its sandwich (heteroscedasticity- and cluster-robust, HC1) standard error.</param>
/// <param name="SiiLower">Lower limit: Sii − t(n − 2) × StandardError.</param>
/// <param name="SiiUpper">Upper limit: Sii + t(n − 2) × StandardError.</param>
/// <param name="Intercept">The fitted value at the most deprived end (rank 0).</param>
/// <param name="Rii">Fitted value at rank 1 over fitted value at rank 0 (as the OHID RII).</param>
/// <param name="RiiLower">Lower limit of the RII (Fieller, or the delta method when the intercept is near zero).</param>
/// <param name="RiiUpper">Upper limit of the RII.</param>
/// <param name="ConcentrationIndex">(2/μ) Σ aᵢ yᵢ rᵢ − 1 over the small areas (negative: concentrated among the more deprived).</param>
public sealed record LsoaGradientResult(
    LsoaGradientStatus Status, int Lsoas, double Sii, double StandardError, double SiiLower, double SiiUpper,
    double Intercept, double Rii, double RiiLower, double RiiUpper, double ConcentrationIndex);

/// <summary>
/// The slope index of inequality from small-area values directly, without quantiles: weighted least squares of each
/// LSOA's value on its population-weighted relative deprivation rank (the cumulative-midpoint rank the OHID quantile
/// method gives its quantiles, here given to each LSOA; LSOAs with the same rank share the midpoint of their combined
/// share), weights the population shares aᵢ. Its standard error is the sandwich estimator with each LSOA its own
/// cluster (HC1: (XᵀAX)⁻¹ (Σ aᵢ² eᵢ² xᵢxᵢᵀ) (XᵀAX)⁻¹ · n/(n − 2), xᵢ = (1, rᵢ), eᵢ the residuals), so unequal spread
/// along the gradient does not bias it; the interval uses Student's t with n − 2 degrees of freedom. Deterministic.
/// </summary>
public static class LsoaGradient
{
    /// <summary>The default minimum number of small areas (below it the status is <see cref="LsoaGradientStatus.TooFewLsoas"/>).</summary>
    public const int DefaultMinimumLsoas = 10;

    /// <summary>Fits the gradient of one area.</summary>
    /// <param name="ranks">Each small area's deprivation rank (lower = more deprived; e.g. the national IMD rank).</param>
    /// <param name="values">Each small area's value (NaN = none: left out).</param>
    /// <param name="populations">Each small area's population (the weights; not positive: left out).</param>
    /// <param name="confidence">The confidence level of the intervals (0.95 or 95).</param>
    /// <param name="minimumLsoas">The fewest small areas that give a slope (at least 3).</param>
    /// <returns>The slope, its interval, the RII and the concentration index, or a status saying why there is none.</returns>
    public static LsoaGradientResult Fit(
        ReadOnlySpan<double> ranks, ReadOnlySpan<double> values, ReadOnlySpan<double> populations,
        double confidence = ConfidenceLevels.NinetyFive, int minimumLsoas = DefaultMinimumLsoas)
    {
        if (ranks.Length != values.Length || values.Length != populations.Length)
        {
            throw new ArgumentException("ranks, values and populations must have the same length.", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minimumLsoas, 3);
        var level = ConfidenceLevels.Normalize(confidence);
        var used = new List<int>(values.Length);
        var total = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]) && populations[i] > 0 && double.IsFinite(ranks[i]))
            {
                used.Add(i);
                total += populations[i];
            }
        }

        var n = used.Count;
        if (n < minimumLsoas)
        {
            return Empty(LsoaGradientStatus.TooFewLsoas, n);
        }

        var order = used.ToArray();
        var sortRanks = new double[n];
        for (var k = 0; k < n; k++)
        {
            sortRanks[k] = ranks[order[k]];
        }

        // Members usually arrive sorted by rank; a strictly increasing input is already in the one order any sort
        // gives it (ties are left to the sort, so their order stays exactly as before).
        if (!StrictlyIncreasing(sortRanks))
        {
            Array.Sort(sortRanks, order);
        }

        var a = new double[n];
        var r = new double[n];
        var y = new double[n];
        var cumulative = 0.0;
        for (var start = 0; start < n;)
        {
            // LSOAs with the same rank share the midpoint of their combined population share.
            var end = start;
            var share = 0.0;
            while (end < n && sortRanks[end] == sortRanks[start])
            {
                share += populations[order[end]] / total;
                end++;
            }

            for (var k = start; k < end; k++)
            {
                a[k] = populations[order[k]] / total;
                r[k] = cumulative + (share / 2);
                y[k] = values[order[k]];
            }

            cumulative += share;
            start = end;
        }

        double s1 = 0, s2 = 0, sy = 0, sry = 0;
        for (var k = 0; k < n; k++)
        {
            s1 += a[k] * r[k];
            s2 += a[k] * r[k] * r[k];
            sy += a[k] * y[k];
            sry += a[k] * r[k] * y[k];
        }

        var d = s2 - (s1 * s1);
        var yMin = y.Min();
        if (!(d > 1e-15) || yMin == y.Max())
        {
            return Empty(LsoaGradientStatus.NoVariation, n);
        }

        var beta1 = (sry - (s1 * sy)) / d;
        var beta0 = sy - (beta1 * s1);

        // Meat Σ aᵢ² eᵢ² xᵢxᵢᵀ, bread (XᵀAX)⁻¹ = (1/D)[[S2, −S1], [−S1, 1]] (Σ aᵢ = 1).
        double m00 = 0, m01 = 0, m11 = 0, concentration = 0;
        for (var k = 0; k < n; k++)
        {
            var e = y[k] - beta0 - (beta1 * r[k]);
            var u = a[k] * a[k] * e * e;
            m00 += u;
            m01 += u * r[k];
            m11 += u * r[k] * r[k];
            concentration += a[k] * y[k] * r[k];
        }

        double b00 = s2 / d, b01 = -s1 / d, b11 = 1 / d;
        var hc1 = n / (double)(n - 2);
        var v00 = hc1 * ((b00 * b00 * m00) + (2 * b00 * b01 * m01) + (b01 * b01 * m11));
        var v01 = hc1 * ((b00 * b01 * m00) + (((b00 * b11) + (b01 * b01)) * m01) + (b01 * b11 * m11));
        var v11 = hc1 * ((b01 * b01 * m00) + (2 * b01 * b11 * m01) + (b11 * b11 * m11));
        var se = Math.Sqrt(Math.Max(0, v11));
        var q = level + ((1 - level) / 2);
        var t = Distributions.StudentTQuantile(q, n - 2);

        var rii = (beta0 + beta1) / beta0;
        var (riiLower, riiUpper) = RiiLimits(beta0, beta1, v00, v01, v11, level, t);
        return new LsoaGradientResult(
            LsoaGradientStatus.Ok, n, beta1, se, beta1 - (t * se), beta1 + (t * se), beta0, rii, riiLower, riiUpper,
            sy == 0 ? double.NaN : (2 * concentration / sy) - 1);
    }

    private static (double Lower, double Upper) RiiLimits(double beta0, double beta1, double v00, double v01, double v11, double level, double t)
    {
        // Fieller's interval for 1 + β1/β0 with the sandwich covariance; the t quantile enters by scaling the
        // covariance by (t/z)², so the normal quantiles of SiiSimulation.FiellerRii give t-based limits.
        var z = Distributions.NormalQuantile(level + ((1 - level) / 2));
        var scale = (t / z) * (t / z);
        if (SiiSimulation.FiellerRii(beta0, beta1, v00 * scale, v01 * scale, v11 * scale, 1, [level]) is { } fieller)
        {
            return (fieller[0], fieller[1]);
        }

        // Intercept near zero (the ratio is unstable): the delta method, on the same covariance.
        var g0 = -beta1 / (beta0 * beta0);
        var g1 = 1 / beta0;
        var variance = (g0 * g0 * v00) + (2 * g0 * g1 * v01) + (g1 * g1 * v11);
        var rii = (beta0 + beta1) / beta0;
        var half = t * Math.Sqrt(Math.Max(0, variance));
        return double.IsFinite(half) ? (rii - half, rii + half) : (double.NaN, double.NaN);
    }

    private static bool StrictlyIncreasing(ReadOnlySpan<double> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (!(values[i] > values[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static LsoaGradientResult Empty(LsoaGradientStatus status, int n) =>
        new(status, n, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}
