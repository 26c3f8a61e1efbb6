namespace Inequalities.Core.Measures;

/// <summary>Confidence limits for a Poisson count: Byar's approximation and the exact chi-square interval.</summary>
internal static class PoissonLimits
{
    /// <summary>Byar's lower limit for a count; NaN when the formula goes negative or the count is zero.</summary>
    public static double ByarLower(double observed, double z)
    {
        if (observed <= 0)
        {
            return double.NaN;
        }

        var value = observed * Math.Pow(1 - 1 / (9 * observed) - z / (3 * Math.Sqrt(observed)), 3);
        return value < 0 ? double.NaN : value;
    }

    /// <summary>Byar's upper limit for a count.</summary>
    public static double ByarUpper(double observed, double z)
    {
        var o1 = observed + 1;
        return o1 * Math.Pow(1 - 1 / (9 * o1) + z / (3 * Math.Sqrt(o1)), 3);
    }

    /// <summary>Exact (chi-square) lower limit; 0 when the count is 0.</summary>
    public static double ExactLower(double observed, double confidence) =>
        Distributions.ChiSquareQuantile((1 - confidence) / 2, 2 * observed) / 2;

    /// <summary>Exact (chi-square) upper limit.</summary>
    public static double ExactUpper(double observed, double confidence) =>
        Distributions.ChiSquareQuantile(confidence + (1 - confidence) / 2, 2 * observed + 2) / 2;

    /// <summary>Exact limits when the count is below 10, Byar's otherwise (the rule phe_rate and the ISR methods use).</summary>
    public static (double Lower, double Upper, bool Exact) Limits(double observed, double confidence)
    {
        if (observed < 10)
        {
            return (ExactLower(observed, confidence), ExactUpper(observed, confidence), true);
        }

        var z = Distributions.TwoSidedZ(confidence);
        return (ByarLower(observed, z), ByarUpper(observed, z), false);
    }
}
