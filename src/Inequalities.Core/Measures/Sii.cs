using System.Globalization;

namespace Inequalities.Core.Measures;

/// <summary>
/// Slope and relative indices of inequality (SII/RII) by the OHID/PHE method (Low &amp; Low 2004; the reference
/// package's <c>phe_sii</c>): a population-weighted regression of the quantile values on their relative rank,
/// with confidence limits from simulating each quantile's sampling error.
/// </summary>
/// <remarks>
/// Confidence limits: where the simulated statistic has a known exact distribution the closed form is used
/// instead of simulation (<see cref="SiiOptions.ClosedFormWhereExact"/>): the SII of a normal indicator and of
/// every transformed indicator is exactly normal; the RII of a normal indicator is a ratio of bivariate normals
/// whose quantiles solve Fieller's quadratic (used when the intercept is at least 7.1 standard errors from 0, so
/// a negative denominator has probability below 1e-12). Every limit of untransformed rates/proportions is simulated — in parallel over groups, each group with its own generator
/// derived from <see cref="SiiOptions.Seed"/>, so results do not depend on the thread count.
/// Departure from the reference: for rates the reference swaps the back-transformed limits when the multiplier
/// is below 1 (not below 0); here they are swapped only for a negative multiplier, as for proportions.
/// </remarks>
public static class Sii
{
    /// <summary>Input-checking warning raised when rows or whole groups were left out.</summary>
    public const string RecordsRemovedWarning = "some records have been removed due to incomplete or invalid data";

    /// <summary>The problem reported for a negative (or, when no group is complete, missing or zero) population.</summary>
    internal const string PopulationMessage = "population must be greater than 0 and not missing";

    /// <summary>The problem reported for a negative (or, when no group is complete, missing) standard error.</summary>
    internal const string StandardErrorMessage = "standard errors must be greater than or equal to 0 and not missing";

    /// <summary>Warning raised when there are more than 10 quantiles.</summary>
    public const string ManyQuantilesWarning =
        "WARNING: beware using more than 10 quantiles: small values can make SII unstable, consider using fewer quantiles";

    /// <summary>Calculates the SII (and RII, intercept, limits) for every group of quantile records.</summary>
    /// <param name="records">One record per group and quantile.</param>
    /// <param name="options">Options; null = defaults.</param>
    /// <returns>
    /// One result per complete group, with warnings. A group with a missing quantile, or a quantile whose value,
    /// standard error, confidence limits or population is missing (or whose population is zero), is left out, named in
    /// <see cref="SiiResult.DroppedGroups"/> and in a warning; the other groups are computed.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// Invalid options or data (negative populations or standard errors, proportions outside 0–1, fewer than 5 or more
    /// than 100 quantiles), or no group is complete: the message lists every problem.
    /// </exception>
    public static SiiResult Calculate(IReadOnlyList<SiiRecord> records, SiiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new SiiOptions();
        options.Validate();
        var levels = ConfidenceLevels.NormalizeAll(options.Confidence, pairOnly: false, nameof(options));
        var warnings = new List<string>();
        var quantileLabels = ValidateData(records, options, warnings);
        var (models, dropped) = SiiGroups.Build(records, options, quantileLabels, warnings);

        var results = SiiSimulation.Run(models, options, levels);
        var type = options.ValueType switch
        {
            SiiValueType.Rate => "rate",
            SiiValueType.Proportion => "proportion",
            _ => "normal",
        };
        var transform = !options.Transform ? "none" : options.ValueType == SiiValueType.Rate ? "log" : "logit";
        var confidenceLabel = string.Join(", ", levels.Select(ConfidenceLevels.Label));
        var reps = options.ReliabilityStatistic ? 10L * options.Repetitions : options.Repetitions;
        return new SiiResult(results, warnings, type, transform, confidenceLabel,
            "simulation " + reps.ToString(CultureInfo.InvariantCulture) + " reps")
        {
            DroppedGroups = dropped,
        };
    }

    private static double[] ValidateData(IReadOnlyList<SiiRecord> records, SiiOptions options, List<string> warnings)
    {
        var problems = new List<string>();
        if (records.Count == 0)
        {
            throw new ArgumentException("data must contain at least one record", nameof(records));
        }

        // Negative populations and standard errors are invalid data (an error, as in the reference); missing ones (and
        // zero populations) only make their group incomplete, and SiiGroups leaves that group out.
        var badPopulation = new List<int>();
        var badSe = new List<int>();
        var badQuantile = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Population < 0)
            {
                badPopulation.Add(i);
            }

            if (options.ErrorInput == SiiErrorInput.StandardError && r.StandardError < 0)
            {
                badSe.Add(i);
            }

            if (!double.IsFinite(r.Quantile))
            {
                badQuantile.Add(i);
            }
        }

        AddProblem(problems, badQuantile, "quantile must be a finite number");
        AddProblem(problems, badPopulation, PopulationMessage);
        AddProblem(problems, badSe, StandardErrorMessage);

        var outOfRange = new List<int>();
        var clOutOfRange = new List<int>();
        var countNotPositive = new List<int>();
        var infiniteLink = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var value = options.ValueFromCount ? r.Count / r.Population : r.Value;
            var useCl = options.ErrorInput == SiiErrorInput.ConfidenceLimits;
            if (options.ValueType == SiiValueType.Proportion)
            {
                if (options.ValueFromCount && r.Count <= 0)
                {
                    countNotPositive.Add(i);
                }
                else if (value < 0 || value > 1)
                {
                    outOfRange.Add(i);
                }
                else if (value is 0 or 1)
                {
                    infiniteLink.Add(i);
                }

                if (useCl && (r.LowerCl < 0 || r.LowerCl > 1 || r.UpperCl < 0 || r.UpperCl > 1))
                {
                    clOutOfRange.Add(i);
                }
                else if (useCl && (r.LowerCl is 0 or 1 || r.UpperCl is 0 or 1))
                {
                    infiniteLink.Add(i);
                }
            }
            else if (options.ValueType == SiiValueType.Rate && (value <= 0 || (useCl && (r.LowerCl <= 0 || r.UpperCl <= 0))))
            {
                infiniteLink.Add(i);
            }
        }

        AddProblem(problems, countNotPositive, "x (count) must be greater than 0 for value_type 2");
        AddProblem(problems, outOfRange, "values must be between 0 and 1 for value_type 2 (proportions)");
        AddProblem(problems, clOutOfRange, "confidence limits must be between 0 and 1 for value_type 2 (proportions)");
        AddProblem(problems, infiniteLink,
            "values and limits must be strictly between 0 and 1 for proportions, and greater than 0 for rates (their log/logit is infinite)");

        var labels = new SortedSet<double>();
        foreach (var r in records)
        {
            if (double.IsFinite(r.Quantile))
            {
                labels.Add(r.Quantile);
            }
        }

        if (labels.Count is < 5 or > 100)
        {
            problems.Add($"number of quantiles must be between 5 and 100 (found {labels.Count} distinct quantiles)");
        }

        Throw(problems);
        if (labels.Count > 10)
        {
            warnings.Add(ManyQuantilesWarning);
        }

        return [.. labels];
    }

    internal static void Throw(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SII data:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems), "records");
        }
    }

    internal static void AddProblem(List<string> problems, List<int> rows, string message)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var shown = string.Join(", ", rows.Take(10).Select(r => (r + 1).ToString(CultureInfo.InvariantCulture)));
        problems.Add($"{message} (record{(rows.Count > 1 ? "s" : string.Empty)} {shown}{(rows.Count > 10 ? $" and {rows.Count - 10} more" : string.Empty)})");
    }
}

/// <summary>One group prepared for estimation: link-scale means and SEs and the regression weights.</summary>
internal sealed class SiiGroupModel
{
    private const double InputZ = 1.959964;

    public required string Key { get; init; }

    public required double[] Mu { get; init; }

    public required double[] Se { get; init; }

    public required double[] W0 { get; init; }

    public required double[] W1 { get; init; }

    /// <summary>Intercept and slope of the point estimate (on the regression scale).</summary>
    public double Beta0 { get; private set; }

    public double Beta1 { get; private set; }

    public static SiiGroupModel Create(string key, IReadOnlyList<SiiRecord> records, List<int> rows, SiiOptions options)
    {
        var q = rows.Count;
        var mu = new double[q];
        var se = new double[q];
        var y = new double[q];
        var a = new double[q];
        var b = new double[q];
        var total = 0.0;
        foreach (var row in rows)
        {
            total += records[row].Population;
        }

        var cumulative = 0.0;
        for (var i = 0; i < q; i++)
        {
            var r = records[rows[i]];
            var value = options.ValueFromCount ? r.Count / r.Population : r.Value;
            mu[i] = Link(options.ValueType, value);
            se[i] = options.ErrorInput == SiiErrorInput.StandardError
                ? r.StandardError
                : (Link(options.ValueType, r.UpperCl) - Link(options.ValueType, r.LowerCl)) / (2 * InputZ);
            y[i] = options.Transform ? mu[i] : value;
            a[i] = r.Population / total;
            b[i] = cumulative + a[i] / 2;
            cumulative += a[i];
        }

        double s0 = 0, s1 = 0, s2 = 0;
        for (var i = 0; i < q; i++)
        {
            s0 += a[i];
            s1 += a[i] * b[i];
            s2 += a[i] * b[i] * b[i];
        }

        var d = s0 * s2 - s1 * s1;
        var w0 = new double[q];
        var w1 = new double[q];
        double beta0 = 0, beta1 = 0;
        for (var i = 0; i < q; i++)
        {
            w1[i] = a[i] * (s0 * b[i] - s1) / d;
            w0[i] = a[i] * (s2 - s1 * b[i]) / d;
            beta0 += w0[i] * y[i];
            beta1 += w1[i] * y[i];
        }

        return new SiiGroupModel { Key = key, Mu = mu, Se = se, W0 = w0, W1 = w1, Beta0 = beta0, Beta1 = beta1 };
    }

    public static double Link(SiiValueType type, double v) => type switch
    {
        SiiValueType.Rate => Math.Log(v),
        SiiValueType.Proportion => Math.Log(v / (1 - v)),
        _ => v,
    };

    public static double Inverse(SiiValueType type, double t) => type switch
    {
        SiiValueType.Rate => Math.Exp(t),
        SiiValueType.Proportion => 1 / (1 + Math.Exp(-t)),
        _ => t,
    };
}
