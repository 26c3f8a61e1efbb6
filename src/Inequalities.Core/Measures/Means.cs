namespace Inequalities.Core.Measures;

/// <summary>A mean with Student t confidence limits.</summary>
/// <param name="Sum">Sum of the values.</param>
/// <param name="Count">Number of values.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1 denominator).</param>
/// <param name="Value">The mean.</param>
/// <param name="Limits">mean ∓ |t((1 − c)/2; n − 1)| · s / √n per level.</param>
/// <param name="Method">"Student's t-distribution".</param>
public sealed record MeanResult(double Sum, int Count, double StandardDeviation, double Value, IReadOnlyList<ConfidenceInterval> Limits, string Method);

/// <summary>Means with t-distribution confidence limits (the reference package's <c>phe_mean</c>).</summary>
public static class Means
{
    /// <summary>The mean of the values and its Student t confidence limits. A NaN value gives NaN results.</summary>
    /// <param name="values">The values (at least two for limits).</param>
    /// <param name="confidence">One level or exactly (0.95, 0.998); empty = no limits. Default 0.95.</param>
    /// <returns>The mean and its limits.</returns>
    /// <exception cref="ArgumentException">No values.</exception>
    public static MeanResult Calculate(ReadOnlySpan<double> values, IReadOnlyList<double>? confidence = null)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("at least one value is required", nameof(values));
        }

        var levels = Proportions.Levels(confidence);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var n = values.Length;
        var mean = sum / n;
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        var sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
        var limits = new ConfidenceInterval[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            var t = Math.Abs(Distributions.StudentTQuantile((1 - levels[i]) / 2, n - 1));
            var half = t * sd / Math.Sqrt(n);
            limits[i] = new ConfidenceInterval(levels[i], mean - half, mean + half);
        }

        return new MeanResult(sum, n, sd, mean, limits, "Student's t-distribution");
    }
}
