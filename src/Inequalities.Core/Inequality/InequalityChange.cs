using Inequalities.Core.Measures;

namespace Inequalities.Core.Inequality;

/// <summary>The change in a slope index between two estimates, with its interval.</summary>
/// <param name="Change">To minus from.</param>
/// <param name="StandardError">sqrt(se_from² + se_to²).</param>
/// <param name="Lower">Change − z × StandardError.</param>
/// <param name="Upper">Change + z × StandardError.</param>
public readonly record struct SiiChange(double Change, double StandardError, double Lower, double Upper);

/// <summary>
/// Change in the slope index of inequality between two periods or two deprivation bases, treating the two estimates
/// as independent: the difference's standard error is sqrt(se₁² + se₂²) and its interval change ± z·se. The same small
/// areas measured twice are positively correlated, so for them the interval is conservative (too wide), never too narrow.
/// </summary>
public static class InequalityChange
{
    /// <summary>The standard error behind a symmetric normal interval: (upper − lower) / (2 z).</summary>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit.</param>
    /// <param name="confidence">The interval's level (0.95 or 95).</param>
    public static double StandardErrorOf(double lower, double upper, double confidence = ConfidenceLevels.NinetyFive) =>
        (upper - lower) / (2 * Distributions.TwoSidedZ(ConfidenceLevels.Normalize(confidence)));

    /// <summary>The change from one slope index to another.</summary>
    /// <param name="fromSii">The earlier (or first basis's) slope index.</param>
    /// <param name="fromStandardError">Its standard error.</param>
    /// <param name="toSii">The later (or second basis's) slope index.</param>
    /// <param name="toStandardError">Its standard error.</param>
    /// <param name="confidence">The interval's level (0.95 or 95).</param>
    /// <returns>The change, its standard error and interval (NaN when an input is missing).</returns>
    public static SiiChange Between(double fromSii, double fromStandardError, double toSii, double toStandardError, double confidence = ConfidenceLevels.NinetyFive)
    {
        var z = Distributions.TwoSidedZ(ConfidenceLevels.Normalize(confidence));
        var change = toSii - fromSii;
        var se = Math.Sqrt((fromStandardError * fromStandardError) + (toStandardError * toStandardError));
        return new SiiChange(change, se, change - (z * se), change + (z * se));
    }
}
