using Inequalities.Core.Measures;

namespace Inequalities.Core.Inequality;

/// <summary>How a quantile's standard error was obtained.</summary>
public enum QuantileErrorMethod
{
    /// <summary>None could be estimated (the standard error is NaN).</summary>
    None,

    /// <summary>From the spread of the quantile's own LSOAs: sqrt(Σ wᵢ²(xᵢ − x̄)²) / Σ wᵢ.</summary>
    QuantileSd,

    /// <summary>From the area's pooled within-quantile variance: σ̂ · sqrt(Σ wᵢ²) / Σ wᵢ.</summary>
    PooledWithinQuantile,

    /// <summary>From the quantile's counts and denominators by the OHID method (Wilson for proportions, Byar or exact Poisson for rates).</summary>
    CountBased,
}

/// <summary>What an indicator's counts and denominators are, for the count-based standard error.</summary>
public enum CountScale
{
    /// <summary>value = count / denominator × multiplier, a proportion (Wilson interval).</summary>
    Proportion,

    /// <summary>value = count / denominator × multiplier, a rate (exact Poisson interval below 10 events, Byar's from 10).</summary>
    Rate,
}

/// <summary>How <see cref="QuantileSummary.AggregateWithSmallQuantiles"/> gives a small quantile a standard error.</summary>
public sealed record SmallQuantileOptions
{
    /// <summary>What the counts are, when the small areas have counts and denominators; null = no counts.</summary>
    /// <value>The default value is null.</value>
    public CountScale? Counts { get; init; }

    /// <summary>The scale of the values: value = count / denominator × <c>Multiplier</c> (100 for a percentage).</summary>
    /// <value>The default value is 1.</value>
    public double Multiplier { get; init; } = 1;
}

/// <content>Standard errors for small quantiles: pooled within-quantile variance and count-based OHID errors.</content>
public static partial class QuantileSummary
{
    /// <summary>The two-sided 95% normal quantile the OHID methods use to turn 95% limits into a standard error.</summary>
    private const double Z95 = 1.959964;

    /// <summary>
    /// Aggregates small-area values into quantiles like <see cref="Aggregate"/>, then gives every quantile whose own
    /// standard error is undefined (fewer than two LSOAs) or zero (no variation among its LSOAs) one of:
    /// <list type="number">
    /// <item>the count-based OHID standard error, when <see cref="SmallQuantileOptions.Counts"/> is set and every LSOA
    /// of the quantile has a count and a positive denominator: see <see cref="CountBasedStandardError"/> on the
    /// quantile's total count and denominator;</item>
    /// <item>otherwise the area's pooled within-quantile standard deviation σ̂ (<see cref="PooledWithinQuantileSd"/>),
    /// scaled like a weighted mean: SE = σ̂ · sqrt(Σ wᵢ²) / Σ wᵢ (σ̂ itself for a single LSOA);</item>
    /// <item>otherwise NaN (no quantile of the area has two LSOAs, or none varies).</item>
    /// </list>
    /// </summary>
    /// <param name="quantiles">Quantile of each small area (1..<paramref name="quantileCount"/>; 0 = none).</param>
    /// <param name="values">Value of each small area.</param>
    /// <param name="populations">Population of each small area (the weights).</param>
    /// <param name="quantileCount">How many quantiles.</param>
    /// <param name="counts">Count (numerator) of each small area, or empty; NaN = none.</param>
    /// <param name="denominators">Denominator of each small area, or empty; NaN = none.</param>
    /// <param name="options">What the counts are; null = no counts.</param>
    /// <returns>One entry per quantile with at least one area, in quantile order, each with its <see cref="QuantileValue.ErrorMethod"/>.</returns>
    public static QuantileValue[] AggregateWithSmallQuantiles(
        ReadOnlySpan<int> quantiles, ReadOnlySpan<double> values, ReadOnlySpan<double> populations, int quantileCount,
        ReadOnlySpan<double> counts = default, ReadOnlySpan<double> denominators = default, SmallQuantileOptions? options = null)
    {
        var useCounts = options?.Counts is not null && counts.Length == values.Length && denominators.Length == values.Length;
        var sums = Sums.Of(quantiles, values, populations, quantileCount);
        if (useCounts)
        {
            sums.AddCounts(quantiles, values, populations, counts, denominators);
        }

        return sums.Values(options ?? new SmallQuantileOptions());
    }

    /// <summary>
    /// The area's pooled within-quantile standard deviation of small-area values:
    /// σ̂ = sqrt( Σ_q Σ_{i∈q} (xᵢ − x̄_q)² / Σ_q (n_q − 1) ), x̄_q the population-weighted mean of quantile q and n_q its
    /// number of small areas; quantiles with one area add nothing. NaN when no quantile has two areas.
    /// </summary>
    /// <param name="quantiles">Quantile of each small area (0 = none).</param>
    /// <param name="values">Value of each small area.</param>
    /// <param name="populations">Population of each small area.</param>
    /// <param name="quantileCount">How many quantiles.</param>
    public static double PooledWithinQuantileSd(ReadOnlySpan<int> quantiles, ReadOnlySpan<double> values, ReadOnlySpan<double> populations, int quantileCount) =>
        Sums.Of(quantiles, values, populations, quantileCount).PooledSd;

    /// <summary>
    /// The OHID count-based standard error of count / denominator × multiplier: the width of its 95% interval over
    /// 2 × 1.959964 (how the OHID slope index turns limits into a standard error). Proportions: the Wilson interval of
    /// (count, denominator); rates: the exact Poisson interval of the count below 10 events, Byar's from 10, divided by
    /// the denominator.
    /// </summary>
    /// <param name="count">The count (≥ 0).</param>
    /// <param name="denominator">The denominator (&gt; 0; at least the count for a proportion).</param>
    /// <param name="scale">Proportion or rate.</param>
    /// <param name="multiplier">The values' scale (100 for a percentage, 100,000 for a rate per 100,000).</param>
    /// <returns>The standard error; NaN when the inputs are invalid.</returns>
    public static double CountBasedStandardError(double count, double denominator, CountScale scale, double multiplier)
    {
        if (!(count >= 0) || !(denominator > 0) || (scale == CountScale.Proportion && count > denominator))
        {
            return double.NaN;
        }

        double width;
        if (scale == CountScale.Proportion)
        {
            var limits = Proportions.WilsonCore(count, denominator, ConfidenceLevels.NinetyFive);
            width = limits.Upper - limits.Lower;
        }
        else
        {
            var (lower, upper, _) = PoissonLimits.Limits(count, ConfidenceLevels.NinetyFive);
            width = (upper - lower) / denominator;
        }

        return Math.Abs(multiplier) * width / (2 * Z95);
    }

    /// <summary>Per-quantile sums of one area's small areas, and the standard errors they give.</summary>
    private sealed class Sums
    {
        private readonly int[] _n;
        private readonly double[] _w;
        private readonly double[] _w2;
        private readonly double[] _wx;
        private readonly double[] _ss;
        private readonly double[] _dev;
        private double[]? _count;
        private double[]? _denominator;
        private bool[]? _countsComplete;

        private Sums(int quantileCount)
        {
            _n = new int[quantileCount + 1];
            _w = new double[quantileCount + 1];
            _w2 = new double[quantileCount + 1];
            _wx = new double[quantileCount + 1];
            _ss = new double[quantileCount + 1];
            _dev = new double[quantileCount + 1];
        }

        public double PooledSd { get; private set; } = double.NaN;

        public static Sums Of(ReadOnlySpan<int> quantiles, ReadOnlySpan<double> values, ReadOnlySpan<double> populations, int quantileCount)
        {
            if (quantiles.Length != values.Length || values.Length != populations.Length)
            {
                throw new ArgumentException("quantiles, values and populations must have the same length.", nameof(values));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(quantileCount, 2);
            var sums = new Sums(quantileCount);
            for (var i = 0; i < values.Length; i++)
            {
                var q = quantiles[i];
                if (Usable(q, values[i], populations[i], quantileCount))
                {
                    sums._n[q]++;
                    sums._w[q] += populations[i];
                    sums._w2[q] += populations[i] * populations[i];
                    sums._wx[q] += populations[i] * values[i];
                }
            }

            for (var i = 0; i < values.Length; i++)
            {
                var q = quantiles[i];
                if (Usable(q, values[i], populations[i], quantileCount))
                {
                    var d = values[i] - (sums._wx[q] / sums._w[q]);
                    sums._ss[q] += populations[i] * populations[i] * d * d;
                    sums._dev[q] += d * d;
                }
            }

            double pooled = 0, df = 0;
            for (var q = 1; q <= quantileCount; q++)
            {
                if (sums._n[q] > 1)
                {
                    pooled += sums._dev[q];
                    df += sums._n[q] - 1;
                }
            }

            sums.PooledSd = df > 0 ? Math.Sqrt(pooled / df) : double.NaN;
            return sums;
        }

        public void AddCounts(ReadOnlySpan<int> quantiles, ReadOnlySpan<double> values, ReadOnlySpan<double> populations, ReadOnlySpan<double> counts, ReadOnlySpan<double> denominators)
        {
            var q1 = _n.Length;
            _count = new double[q1];
            _denominator = new double[q1];
            _countsComplete = new bool[q1];
            Array.Fill(_countsComplete, true);
            for (var i = 0; i < values.Length; i++)
            {
                var q = quantiles[i];
                if (!Usable(q, values[i], populations[i], q1 - 1))
                {
                    continue;
                }

                if (double.IsNaN(counts[i]) || !(denominators[i] > 0))
                {
                    _countsComplete[q] = false;
                    continue;
                }

                _count[q] += counts[i];
                _denominator[q] += denominators[i];
            }
        }

        public QuantileValue[] Values(SmallQuantileOptions? fallback)
        {
            var result = new List<QuantileValue>(_n.Length - 1);
            for (var q = 1; q < _n.Length; q++)
            {
                if (_n[q] == 0)
                {
                    continue;
                }

                var se = _n[q] > 1 ? Math.Sqrt(_ss[q]) / _w[q] : double.NaN;
                var method = double.IsNaN(se) ? QuantileErrorMethod.None : QuantileErrorMethod.QuantileSd;
                if (fallback is not null && !(se > 0))
                {
                    (se, method) = Small(q, fallback);
                }

                result.Add(new QuantileValue(q, _n[q], _w[q], _wx[q] / _w[q], se) { ErrorMethod = method });
            }

            return [.. result];
        }

        private (double Se, QuantileErrorMethod Method) Small(int q, SmallQuantileOptions options)
        {
            if (options.Counts is { } scale && _countsComplete is not null && _countsComplete[q])
            {
                var counted = CountBasedStandardError(_count![q], _denominator![q], scale, options.Multiplier);
                if (counted > 0)
                {
                    return (counted, QuantileErrorMethod.CountBased);
                }
            }

            if (PooledSd > 0)
            {
                return (PooledSd * Math.Sqrt(_w2[q]) / _w[q], QuantileErrorMethod.PooledWithinQuantile);
            }

            // No estimate: keep a zero spread as it is (an honest zero, e.g. a value inherited by every LSOA), else NaN.
            var own = _n[q] > 1 ? Math.Sqrt(_ss[q]) / _w[q] : double.NaN;
            return (own, double.IsNaN(own) ? QuantileErrorMethod.None : QuantileErrorMethod.QuantileSd);
        }
    }
}
