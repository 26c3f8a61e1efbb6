using System.Globalization;

namespace Inequalities.Core.Measures;

/// <summary>A two-sided confidence interval at one confidence level.</summary>
/// <param name="Confidence">The confidence level as a fraction, e.g. 0.95.</param>
/// <param name="Lower">The lower limit (NaN when not available).</param>
/// <param name="Upper">The upper limit (NaN when not available).</param>
public readonly record struct ConfidenceInterval(double Confidence, double Lower, double Upper)
{
    /// <summary>The column suffix the reference package uses for this level, e.g. <c>95_0</c> or <c>99_8</c>.</summary>
    public string Suffix => ConfidenceLevels.Suffix(Confidence);
}

/// <summary>Helpers for confidence-level arguments shared by every method.</summary>
public static class ConfidenceLevels
{
    /// <summary>The 95 % level.</summary>
    public const double NinetyFive = 0.95;

    /// <summary>The 99.8 % level.</summary>
    public const double NinetyNinePointEight = 0.998;

    /// <summary>The pair (0.95, 0.998) accepted by the methods that take at most two levels.</summary>
    public static IReadOnlyList<double> Standard { get; } = [NinetyFive, NinetyNinePointEight];

    /// <summary>
    /// Normalises a confidence level: values in [90, 100] are percentages and are divided by 100; values in
    /// [0.9, 1] are returned unchanged.
    /// </summary>
    /// <param name="level">The level as given by the caller.</param>
    /// <returns>The level as a fraction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside [0.9, 1] and [90, 100].</exception>
    public static double Normalize(double level) =>
        TryNormalize(level, out var fraction)
            ? fraction
            : throw new ArgumentOutOfRangeException(nameof(level), level, OutOfRangeMessage);

    /// <summary>The column suffix for a level: the level × 100 with one decimal, "." replaced by "_" (0.95 → 95_0).</summary>
    /// <param name="level">The level as a fraction or a percentage.</param>
    /// <returns>The suffix, e.g. <c>99_8</c>.</returns>
    public static string Suffix(double level)
    {
        var fraction = level >= 90 ? level / 100 : level;
        return Math.Round(fraction * 100, 1).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', '_');
    }

    /// <summary>The label the reference writes in "full" output, e.g. <c>95%</c> or <c>99.8%</c>.</summary>
    /// <param name="level">The level as a fraction.</param>
    /// <returns>The label.</returns>
    public static string Label(double level) =>
        Math.Round(level * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    internal const string OutOfRangeMessage = "confidence level must be between 90 and 100 or between 0.9 and 1";

    internal static bool TryNormalize(double level, out double fraction)
    {
        fraction = level >= 90 ? level / 100 : level;
        return !double.IsNaN(level) && fraction >= 0.9 && fraction <= 1;
    }

    /// <summary>Normalises a list; when <paramref name="pairOnly"/> the list must be one level or exactly (0.95, 0.998).</summary>
    internal static double[] NormalizeAll(IReadOnlyList<double> levels, bool pairOnly, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(levels, parameterName);
        if (levels.Count == 0)
        {
            throw new ArgumentException("at least one confidence level is required", parameterName);
        }

        var result = new double[levels.Count];
        for (var i = 0; i < levels.Count; i++)
        {
            if (!TryNormalize(levels[i], out result[i]))
            {
                throw new ArgumentOutOfRangeException(parameterName, levels[i], OutOfRangeMessage);
            }
        }

        if (pairOnly && result.Length > 1 &&
            (result.Length != 2 || Math.Abs(result[0] - NinetyFive) > 1e-12 || Math.Abs(result[1] - NinetyNinePointEight) > 1e-12))
        {
            throw new ArgumentException(
                "a confidence vector of more than one level must be exactly (0.95, 0.998)", parameterName);
        }

        return result;
    }
}
