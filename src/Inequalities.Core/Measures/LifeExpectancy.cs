namespace Inequalities.Core.Measures;

/// <summary>Life expectancy from one age band upwards.</summary>
/// <param name="StartAge">The band's start age.</param>
/// <param name="Value">Life expectancy at <see cref="StartAge"/> (NaN when suppressed or the group is invalid).</param>
/// <param name="StandardError">Standard error of the value (Chiang II with Silcocks' adjustment).</param>
/// <param name="Limits">value ∓ z(c) · SE per level (kept when the value is suppressed for a wide interval).</param>
/// <param name="PopulationUsed">Population from this band upwards.</param>
/// <param name="DeathsUsed">Deaths from this band upwards.</param>
public sealed record LifeExpectancyBand(
    double StartAge, double Value, double StandardError, IReadOnlyList<ConfidenceInterval> Limits, double PopulationUsed, double DeathsUsed);

/// <summary>The abridged life table result for one group.</summary>
/// <param name="Bands">One row per age band (all NaN when the group is invalid).</param>
/// <param name="Invalid">Why the whole group was returned as missing, or null when it is valid.</param>
/// <param name="Warnings">Warnings (e.g. values suppressed for a confidence interval wider than 20 years).</param>
public sealed record LifeExpectancyResult(IReadOnlyList<LifeExpectancyBand> Bands, string? Invalid, IReadOnlyList<string> Warnings);

/// <summary>Life expectancy by the Chiang II abridged life table with Silcocks' variance (<c>phe_life_expectancy</c>).</summary>
public static class LifeExpectancy
{
    /// <summary>The warning raised when values are suppressed because their 95 % interval is wider than 20 years.</summary>
    public const string WideIntervalWarning =
        "some life expectancy values have a 95% confidence interval > 20 years; these values have been suppressed to NAs";

    /// <summary>The 20 standard start ages: 0, 1, 5, 10, …, 85, 90 (the last band is open, 90+).</summary>
    public static IReadOnlyList<double> StandardStartAges { get; } =
        Array.AsReadOnly(new double[] { 0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90 });

    /// <summary>Life expectancy at each band's start age for one group (bands in the order of <see cref="StandardStartAges"/>).</summary>
    /// <param name="deaths">Deaths per band (20 bands).</param>
    /// <param name="populations">Population per band.</param>
    /// <param name="confidence">Any number of levels. Default 0.95.</param>
    /// <returns>The life table; the whole group is missing when deaths &lt; 0, population ≤ 0, deaths &gt; population,
    /// a band count other than 20, or total population ≤ 5 000.</returns>
    public static LifeExpectancyResult Calculate(ReadOnlySpan<double> deaths, ReadOnlySpan<double> populations, IReadOnlyList<double>? confidence = null)
    {
        var levels = confidence is null ? [ConfidenceLevels.NinetyFive] : ConfidenceLevels.NormalizeAll(confidence, pairOnly: false, nameof(confidence));
        var ages = StandardStartAges;
        var k = ages.Count;
        var invalid = Check(deaths, populations, k);
        if (invalid is not null)
        {
            var empty = new LifeExpectancyBand[Math.Max(deaths.Length, populations.Length)];
            for (var i = 0; i < empty.Length; i++)
            {
                empty[i] = new LifeExpectancyBand(i < k ? ages[i] : double.NaN, double.NaN, double.NaN, Proportions.MissingLimits(levels), double.NaN, double.NaN);
            }

            return new LifeExpectancyResult(empty, invalid, []);
        }

        var n = new double[k];
        var a = new double[k];
        var m = new double[k];
        var q = new double[k];
        var l = new double[k + 1];
        var d = new double[k];
        var bigL = new double[k];
        for (var i = 0; i < k; i++)
        {
            a[i] = i == 0 ? 0.1 : 0.5;
            m[i] = deaths[i] / populations[i];
            if (i < k - 1)
            {
                n[i] = ages[i + 1] - ages[i];
                q[i] = deaths[i] <= populations[i] / (n[i] * a[i]) ? m[i] * n[i] / (1 + m[i] * n[i] * (1 - a[i])) : 1;
            }
            else
            {
                n[i] = 2 / m[i];
                q[i] = 1;
            }
        }

        l[0] = 100_000;
        for (var i = 0; i < k; i++)
        {
            l[i + 1] = l[i] * (1 - q[i]);
            d[i] = i < k - 1 ? l[i] - l[i + 1] : l[i];
            bigL[i] = i < k - 1 ? n[i] * (l[i + 1] + a[i] * d[i]) : l[i] / m[i];
        }

        var e = new double[k + 1];
        var t = 0.0;
        for (var i = k - 1; i >= 0; i--)
        {
            t += bigL[i];
            e[i] = t / l[i];
        }

        var z95 = Distributions.NormalQuantile(0.975);
        var zs = levels.Select(Distributions.TwoSidedZ).ToArray();
        var bands = new LifeExpectancyBand[k];
        var sumW = 0.0;
        double popUsed = 0, deathsUsed = 0;
        var suppressed = false;
        for (var i = k - 1; i >= 0; i--)
        {
            double w;
            if (i < k - 1)
            {
                var s2 = d[i] == 0 || deaths[i] == 0 ? 0 : q[i] * q[i] * (1 - q[i]) / deaths[i];
                var f = (1 - a[i]) * n[i] + e[i + 1];
                w = s2 * l[i] * l[i] * f * f;
            }
            else
            {
                var s2 = 4 / (deaths[i] * m[i] * m[i]);
                w = l[i] / 2 * (l[i] / 2) * s2;
            }

            sumW += w;
            popUsed += populations[i];
            deathsUsed += deaths[i];
            var se = Math.Sqrt(sumW) / l[i];
            var limits = new ConfidenceInterval[levels.Length];
            for (var c = 0; c < levels.Length; c++)
            {
                limits[c] = new ConfidenceInterval(levels[c], e[i] - zs[c] * se, e[i] + zs[c] * se);
            }

            var wide = z95 * se > 10;
            suppressed |= wide;
            bands[i] = new LifeExpectancyBand(ages[i], wide ? double.NaN : e[i], se, limits, popUsed, deathsUsed);
        }

        return new LifeExpectancyResult(bands, null, suppressed ? [WideIntervalWarning] : []);
    }

    private static string? Check(ReadOnlySpan<double> deaths, ReadOnlySpan<double> populations, int bands)
    {
        if (deaths.Length != bands || populations.Length != bands)
        {
            return $"there must be {bands} age bands (got {deaths.Length} deaths and {populations.Length} populations)";
        }

        var total = 0.0;
        for (var i = 0; i < bands; i++)
        {
            if (!(deaths[i] >= 0))
            {
                return $"band {i + 1}: deaths must be non-negative";
            }

            if (!(populations[i] > 0))
            {
                return $"band {i + 1}: population must be greater than zero";
            }

            if (deaths[i] > populations[i])
            {
                return $"band {i + 1}: deaths exceed population";
            }

            total += populations[i];
        }

        return total <= 5000 ? "total population is 5000 or less" : null;
    }
}
