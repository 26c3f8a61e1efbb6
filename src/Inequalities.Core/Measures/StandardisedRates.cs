namespace Inequalities.Core.Measures;

/// <summary>A directly standardised rate with Dobson confidence limits.</summary>
/// <param name="TotalCount">Total events O.</param>
/// <param name="TotalPopulation">Total population.</param>
/// <param name="Value">The DSR per multiplier (NaN when O &lt; 10).</param>
/// <param name="Limits">Dobson limits per level (NaN when O &lt; 10).</param>
/// <param name="Statistic">"dsr per &lt;multiplier&gt;" or "dsr NA for total count &lt; 10".</param>
/// <param name="Method">"Dobson" or "Dobson, with confidence adjusted for non-independent events".</param>
public sealed record DsrResult(
    double TotalCount, double TotalPopulation, double Value, IReadOnlyList<ConfidenceInterval> Limits, string Statistic, string Method);

/// <summary>One row of non-independent-events input: the individuals in one age band with exactly <see cref="EventFrequency"/> events.</summary>
/// <param name="AgeBand">Any key identifying the age band (the same across frequencies).</param>
/// <param name="EventFrequency">Events per individual, f ≥ 1.</param>
/// <param name="Persons">Individuals with exactly f events (NaN = 0).</param>
/// <param name="Population">The band's population (&gt; 0; identical across frequencies).</param>
/// <param name="StandardPopulation">The band's standard population (≥ 0; identical across frequencies).</param>
public readonly record struct DsrEventRecord(int AgeBand, double EventFrequency, double Persons, double Population, double StandardPopulation);

/// <summary>An indirectly standardised ratio (SMR) or rate.</summary>
/// <param name="Observed">Observed events O.</param>
/// <param name="Expected">Expected events E = Σ reference rate × population.</param>
/// <param name="ReferenceRate">For a rate: Σ reference events / Σ reference population × multiplier; NaN for a ratio.</param>
/// <param name="Value">O / E × reference value (ratio) or × reference rate (rate).</param>
/// <param name="Limits">Exact (O &lt; 10) or Byar limits of O, divided by E and scaled like the value.</param>
/// <param name="Statistic">e.g. "indirectly standardised ratio x 100" or "indirectly standardised rate per 100000".</param>
/// <param name="Method">"Exact" or "Byars".</param>
public sealed record IsrResult(
    double Observed, double Expected, double ReferenceRate, double Value, IReadOnlyList<ConfidenceInterval> Limits, string Statistic, string Method);

/// <summary>Directly and indirectly standardised rates (<c>calculate_dsr</c>, <c>calculate_ISRatio</c>, <c>calculate_ISRate</c>).</summary>
public static class StandardisedRates
{
    private static readonly double[] Esp2013Values =
        [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];

    /// <summary>The European Standard Population 2013: 19 bands 0–4, 5–9, …, 85–89, 90+ (total 100 000).</summary>
    public static IReadOnlyList<double> Esp2013 { get; } = Array.AsReadOnly(Esp2013Values);

    /// <summary>The band labels of <see cref="Esp2013"/>.</summary>
    public static IReadOnlyList<string> Esp2013Bands { get; } = Array.AsReadOnly(
    [
        "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
        "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
    ]);

    /// <summary>
    /// A directly standardised rate for one area with Dobson limits. Missing counts (NaN) count as 0.
    /// </summary>
    /// <param name="counts">Events per age band (≥ 0).</param>
    /// <param name="populations">Population per band (&gt; 0).</param>
    /// <param name="standardPopulation">Standard population per band (≥ 0), e.g. <see cref="Esp2013"/>.</param>
    /// <param name="confidence">One level or exactly (0.95, 0.998). Default 0.95.</param>
    /// <param name="multiplier">Rate per this many. The default value is 100 000.</param>
    /// <returns>The DSR (value and limits NaN when the total count is below 10).</returns>
    /// <exception cref="ArgumentException">Lengths differ, or a count/population/standard population is invalid.</exception>
    public static DsrResult Dsr(
        ReadOnlySpan<double> counts, ReadOnlySpan<double> populations, ReadOnlySpan<double> standardPopulation,
        IReadOnlyList<double>? confidence = null, double multiplier = 100_000)
    {
        var levels = Proportions.Levels(confidence);
        if (counts.Length != populations.Length || counts.Length != standardPopulation.Length || counts.IsEmpty)
        {
            throw new ArgumentException(
                $"counts ({counts.Length}), populations ({populations.Length}) and standard population ({standardPopulation.Length}) must have the same non-zero length");
        }

        var problems = new List<string>();
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] < 0)
            {
                problems.Add($"band {k + 1}: numerators must all be greater than or equal to zero (got {counts[k]})");
            }

            if (!(populations[k] > 0))
            {
                problems.Add($"band {k + 1}: denominators must all be greater than zero (got {populations[k]})");
            }

            if (!(standardPopulation[k] >= 0))
            {
                problems.Add($"band {k + 1}: stdpop must all be greater than or equal to zero (got {standardPopulation[k]})");
            }
        }

        ThrowIfAny(problems);
        double observed = 0, pop = 0, weighted = 0, variance = 0, stdTotal = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            var x = double.IsNaN(counts[k]) ? 0 : counts[k];
            var ratio = standardPopulation[k] / populations[k];
            observed += x;
            pop += populations[k];
            weighted += x * ratio;
            variance += x * ratio * ratio;
            stdTotal += standardPopulation[k];
        }

        return DsrFinish(observed, pop, weighted / stdTotal, variance / (stdTotal * stdTotal), levels, multiplier, "Dobson");
    }

    /// <summary>
    /// A directly standardised rate when individuals can contribute more than one event: the variance is
    /// Σ_f f² · var_f over event frequencies f (Dobson limits, confidence adjusted for non-independent events).
    /// </summary>
    /// <param name="records">One row per age band and event frequency.</param>
    /// <param name="confidence">One level or exactly (0.95, 0.998). Default 0.95.</param>
    /// <param name="multiplier">Rate per this many. The default value is 100 000.</param>
    /// <returns>The DSR (value and limits NaN when the total event count is below 10).</returns>
    /// <exception cref="ArgumentException">Invalid inputs, or population/standard population differ across frequencies of one band.</exception>
    public static DsrResult DsrNonIndependent(IReadOnlyList<DsrEventRecord> records, IReadOnlyList<double>? confidence = null, double multiplier = 100_000)
    {
        ArgumentNullException.ThrowIfNull(records);
        var levels = Proportions.Levels(confidence);
        var problems = new List<string>();
        var bands = new Dictionary<int, (double Pop, double Std, double Events)>();
        var perFrequency = new Dictionary<double, double>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var persons = double.IsNaN(r.Persons) ? 0 : r.Persons;
            if (persons < 0)
            {
                problems.Add($"row {i + 1}: numerators must all be greater than or equal to zero (got {persons})");
            }

            if (!(r.Population > 0))
            {
                problems.Add($"row {i + 1}: denominators must all be greater than zero (got {r.Population})");
            }

            if (!(r.StandardPopulation >= 0))
            {
                problems.Add($"row {i + 1}: stdpop must all be greater than or equal to zero (got {r.StandardPopulation})");
            }

            if (bands.TryGetValue(r.AgeBand, out var band))
            {
                if (band.Pop != r.Population || band.Std != r.StandardPopulation)
                {
                    problems.Add($"row {i + 1}: there are rows with the same grouping variables and ageband but with different populations or standard populations");
                }

                bands[r.AgeBand] = band with { Events = band.Events + r.EventFrequency * persons };
            }
            else
            {
                bands[r.AgeBand] = (r.Population, r.StandardPopulation, r.EventFrequency * persons);
            }
        }

        ThrowIfAny(problems);
        double stdTotal = 0, pop = 0, observed = 0, weighted = 0;
        foreach (var band in bands.Values)
        {
            stdTotal += band.Std;
            pop += band.Pop;
            observed += band.Events;
            weighted += band.Events * band.Std / band.Pop;
        }

        foreach (var r in records)
        {
            var persons = double.IsNaN(r.Persons) ? 0 : r.Persons;
            var ratio = r.StandardPopulation / r.Population;
            perFrequency[r.EventFrequency] = perFrequency.GetValueOrDefault(r.EventFrequency) + persons * ratio * ratio;
        }

        var variance = 0.0;
        foreach (var (f, v) in perFrequency)
        {
            variance += f * f * v / (stdTotal * stdTotal);
        }

        return DsrFinish(observed, pop, weighted / stdTotal, variance, levels, multiplier,
            "Dobson, with confidence adjusted for non-independent events");
    }

    private static DsrResult DsrFinish(double observed, double pop, double rate, double variance, double[] levels, double multiplier, string method)
    {
        if (observed < 10)
        {
            return new DsrResult(observed, pop, double.NaN, Proportions.MissingLimits(levels), "dsr NA for total count < 10", method);
        }

        var scale = Math.Sqrt(variance / observed);
        var limits = new ConfidenceInterval[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            var z = Distributions.TwoSidedZ(levels[i]);
            var lower = rate + scale * (PoissonLimits.ByarLower(observed, z) - observed);
            var upper = rate + scale * (PoissonLimits.ByarUpper(observed, z) - observed);
            limits[i] = new ConfidenceInterval(levels[i], lower * multiplier, upper * multiplier);
        }

        return new DsrResult(observed, pop, rate * multiplier, limits, "dsr per " + Proportions.Format(multiplier), method);
    }

    /// <summary>
    /// An indirectly standardised ratio (SMR): O / E × <paramref name="referenceValue"/>, with exact (O &lt; 10) or
    /// Byar limits. Missing counts, populations or reference counts count as 0.
    /// </summary>
    /// <param name="counts">Observed events per band (ignored when <paramref name="observedTotal"/> is given).</param>
    /// <param name="populations">Population per band.</param>
    /// <param name="referenceCounts">Reference events per band.</param>
    /// <param name="referencePopulations">Reference population per band.</param>
    /// <param name="confidence">One level or exactly (0.95, 0.998). Default 0.95.</param>
    /// <param name="referenceValue">1 for a ratio, 100 for a ratio × 100. The default value is 1.</param>
    /// <param name="observedTotal">The observed total when supplied separately.</param>
    /// <returns>The ratio.</returns>
    /// <exception cref="ArgumentException">Lengths differ or inputs are negative.</exception>
    public static IsrResult IsRatio(
        ReadOnlySpan<double> counts, ReadOnlySpan<double> populations, ReadOnlySpan<double> referenceCounts,
        ReadOnlySpan<double> referencePopulations, IReadOnlyList<double>? confidence = null, double referenceValue = 1,
        double? observedTotal = null)
    {
        var (observed, expected, _, _) = Indirect(counts, populations, referenceCounts, referencePopulations, observedTotal);
        return IsrFinish(observed, expected, double.NaN, referenceValue, Proportions.Levels(confidence),
            "indirectly standardised ratio x " + Proportions.Format(referenceValue));
    }

    /// <summary>
    /// An indirectly standardised rate: O / E × reference rate, the reference rate being Σ reference events /
    /// Σ reference population × multiplier.
    /// </summary>
    /// <param name="counts">Observed events per band (ignored when <paramref name="observedTotal"/> is given).</param>
    /// <param name="populations">Population per band.</param>
    /// <param name="referenceCounts">Reference events per band.</param>
    /// <param name="referencePopulations">Reference population per band.</param>
    /// <param name="confidence">One level or exactly (0.95, 0.998). Default 0.95.</param>
    /// <param name="multiplier">Rate per this many. The default value is 100 000.</param>
    /// <param name="observedTotal">The observed total when supplied separately.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentException">Lengths differ or inputs are negative.</exception>
    public static IsrResult IsRate(
        ReadOnlySpan<double> counts, ReadOnlySpan<double> populations, ReadOnlySpan<double> referenceCounts,
        ReadOnlySpan<double> referencePopulations, IReadOnlyList<double>? confidence = null, double multiplier = 100_000,
        double? observedTotal = null)
    {
        var (observed, expected, refEvents, refPop) = Indirect(counts, populations, referenceCounts, referencePopulations, observedTotal);
        var refRate = refEvents / refPop * multiplier;
        return IsrFinish(observed, expected, refRate, refRate, Proportions.Levels(confidence),
            "indirectly standardised rate per " + Proportions.Format(multiplier));
    }

    private static (double Observed, double Expected, double RefEvents, double RefPop) Indirect(
        ReadOnlySpan<double> counts, ReadOnlySpan<double> populations, ReadOnlySpan<double> referenceCounts,
        ReadOnlySpan<double> referencePopulations, double? observedTotal)
    {
        var length = populations.Length;
        if (length == 0 || counts.Length != length || referenceCounts.Length != length || referencePopulations.Length != length)
        {
            throw new ArgumentException(
                $"counts ({counts.Length}), populations ({length}), reference counts ({referenceCounts.Length}) and reference populations ({referencePopulations.Length}) must have the same non-zero length");
        }

        var problems = new List<string>();
        double observed = 0, expected = 0, refEvents = 0, refPop = 0;
        for (var k = 0; k < length; k++)
        {
            var x = double.IsNaN(counts[k]) ? 0 : counts[k];
            var n = double.IsNaN(populations[k]) ? 0 : populations[k];
            var xr = double.IsNaN(referenceCounts[k]) ? 0 : referenceCounts[k];
            var nr = referencePopulations[k];
            if (x < 0)
            {
                problems.Add($"band {k + 1}: numerators must all be greater than or equal to zero (got {x})");
            }

            if (n < 0)
            {
                problems.Add($"band {k + 1}: denominators must all be greater than or equal to zero (got {n})");
            }

            if (xr < 0 || !(nr > 0))
            {
                problems.Add($"band {k + 1}: reference counts must be ≥ 0 and reference populations > 0 (got {xr}, {nr})");
            }

            observed += x;
            expected += xr / nr * n;
            refEvents += xr;
            refPop += nr;
        }

        ThrowIfAny(problems);
        if (observedTotal is { } total)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(total, nameof(observedTotal));
            observed = total;
        }

        return (observed, expected, refEvents, refPop);
    }

    private static IsrResult IsrFinish(double observed, double expected, double refRate, double scale, double[] levels, string statistic)
    {
        var limits = new ConfidenceInterval[levels.Length];
        var exact = false;
        for (var i = 0; i < levels.Length; i++)
        {
            var (lower, upper, isExact) = PoissonLimits.Limits(observed, levels[i]);
            exact = isExact;
            limits[i] = new ConfidenceInterval(levels[i], lower / expected * scale, upper / expected * scale);
        }

        return new IsrResult(observed, expected, refRate, observed / expected * scale, limits, statistic,
            exact || observed < 10 ? "Exact" : "Byars");
    }

    internal static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }
    }
}
