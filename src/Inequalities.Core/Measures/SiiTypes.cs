namespace Inequalities.Core.Measures;

/// <summary>The kind of indicator an SII is computed for; it chooses the link function.</summary>
public enum SiiValueType
{
    /// <summary>Normal / other (e.g. life expectancy): identity link.</summary>
    Normal = 0,

    /// <summary>A rate: log link (values and limits must be &gt; 0).</summary>
    Rate = 1,

    /// <summary>A proportion on the 0–1 scale: logit link (values strictly between 0 and 1).</summary>
    Proportion = 2,
}

/// <summary>Where the sampling error of each quantile's value comes from.</summary>
public enum SiiErrorInput
{
    /// <summary>The <see cref="SiiRecord.StandardError"/> column (on the log/logit scale for rates/proportions).</summary>
    StandardError = 0,

    /// <summary>The 95 % <see cref="SiiRecord.LowerCl"/>/<see cref="SiiRecord.UpperCl"/> columns (original scale).</summary>
    ConfidenceLimits = 1,
}

/// <summary>One quantile of one group: the input row of <see cref="Sii.Calculate"/>.</summary>
/// <param name="Group">The group key (e.g. area code, or several columns joined); use "" when ungrouped.</param>
/// <param name="Quantile">The quantile number; 1 = most deprived.</param>
/// <param name="Population">The quantile's population (&gt; 0).</param>
/// <param name="Value">The indicator value (proportions on the 0–1 scale); NaN when derived from <see cref="Count"/>.</param>
public readonly record struct SiiRecord(string Group, double Quantile, double Population, double Value)
{
    /// <summary>The numerator x, used when <see cref="SiiOptions.ValueFromCount"/> is set (value = x / population).</summary>
    /// <value>The default value is NaN (not given).</value>
    public double Count { get; init; } = double.NaN;

    /// <summary>Standard error of the value (log/logit scale for rates/proportions).</summary>
    /// <value>The default value is NaN (not given).</value>
    public double StandardError { get; init; } = double.NaN;

    /// <summary>Lower 95 % confidence limit of the value, original scale.</summary>
    /// <value>The default value is NaN (not given).</value>
    public double LowerCl { get; init; } = double.NaN;

    /// <summary>Upper 95 % confidence limit of the value, original scale.</summary>
    /// <value>The default value is NaN (not given).</value>
    public double UpperCl { get; init; } = double.NaN;
}

/// <summary>Options of <see cref="Sii.Calculate"/>, mirroring the reference <c>phe_sii</c> arguments.</summary>
public sealed record SiiOptions
{
    /// <summary>Indicator type (link function).</summary>
    /// <value>The default value is <see cref="SiiValueType.Normal"/>.</value>
    public SiiValueType ValueType { get; init; } = SiiValueType.Normal;

    /// <summary>Which columns give the sampling error.</summary>
    /// <value>The default value is <see cref="SiiErrorInput.StandardError"/>.</value>
    public SiiErrorInput ErrorInput { get; init; } = SiiErrorInput.StandardError;

    /// <summary>Derive the value as Count / Population (proportions only) instead of reading Value.</summary>
    /// <value>The default value is false.</value>
    public bool ValueFromCount { get; init; }

    /// <summary>Fit the regression on the link (log/logit) scale and back-transform (rates/proportions only; needs confidence limits input).</summary>
    /// <value>The default value is false.</value>
    public bool Transform { get; init; }

    /// <summary>Scale of the SII (e.g. 100 for percentages; negative to reverse the direction, which also inverts the RII).</summary>
    /// <value>The default value is 1.</value>
    public double Multiplier { get; init; } = 1;

    /// <summary>Simulation repetitions (≥ 1000).</summary>
    /// <value>The default value is 100 000.</value>
    public int Repetitions { get; init; } = 100_000;

    /// <summary>Confidence levels (fractions in [0.9, 1] or percentages in [90, 100]); any number of levels.</summary>
    /// <value>The default value is [0.95].</value>
    public IReadOnlyList<double> Confidence { get; init; } = [ConfidenceLevels.NinetyFive];

    /// <summary>Also compute RII confidence limits.</summary>
    /// <value>The default value is false.</value>
    public bool Rii { get; init; }

    /// <summary>Compute the Mean Average Difference reliability statistic (simulates 10 × <see cref="Repetitions"/>).</summary>
    /// <value>The default value is false.</value>
    public bool ReliabilityStatistic { get; init; }

    /// <summary>
    /// Use exact closed forms where the simulated statistic has a known distribution instead of simulating: the
    /// SII of normal indicators and of every transformed indicator (exactly normal), and the RII of normal indicators
    /// (Fieller's ratio of bivariate normals, when the intercept is far from zero).
    /// </summary>
    /// <value>The default value is true.</value>
    public bool ClosedFormWhereExact { get; init; } = true;

    /// <summary>Seed of the simulation; results are identical for a seed whatever the number of threads. Null = random.</summary>
    /// <value>The default value is null.</value>
    public ulong? Seed { get; init; }

    /// <summary>Maximum number of threads for the simulation; null = all processors.</summary>
    /// <value>The default value is null.</value>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Checks every option and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(ValueType))
        {
            problems.Add($"value_type should be 0, 1 or 2 (got {(int)ValueType})");
        }

        if (!Enum.IsDefined(ErrorInput))
        {
            problems.Add($"ErrorInput {(int)ErrorInput} is not defined");
        }

        if (!double.IsFinite(Multiplier) || Multiplier == 0)
        {
            problems.Add($"multiplier must be a finite non-zero number (got {Multiplier})");
        }

        if (Repetitions < 1000)
        {
            problems.Add($"number of repetitions must be 1000 or greater (got {Repetitions})");
        }

        if (Transform && ValueType == SiiValueType.Normal)
        {
            problems.Add("value_type should be 1 or 2 when transform is true");
        }

        if (Transform && ErrorInput == SiiErrorInput.StandardError)
        {
            problems.Add("lower_cl and upper_cl must be provided (and se must not) when transform is true");
        }

        if (ValueFromCount && ValueType != SiiValueType.Proportion)
        {
            problems.Add("a value derived from a count (x) requires value_type 2 (proportion)");
        }

        if (Confidence is null || Confidence.Count == 0)
        {
            problems.Add("at least one confidence level is required");
        }
        else
        {
            foreach (var level in Confidence)
            {
                if (!ConfidenceLevels.TryNormalize(level, out _))
                {
                    problems.Add($"{ConfidenceLevels.OutOfRangeMessage} (got {level})");
                }
            }
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            problems.Add($"MaxDegreeOfParallelism must be at least 1 (got {MaxDegreeOfParallelism})");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SII options:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }
}

/// <summary>The reliability statistic for one confidence level.</summary>
/// <param name="Confidence">The level.</param>
/// <param name="SiiMad">Mean absolute difference of blocks 2–10's SII limits from block 1's.</param>
/// <param name="RiiMad">The same for the RII limits (NaN when RII was not requested).</param>
public readonly record struct SiiReliability(double Confidence, double SiiMad, double RiiMad);

/// <summary>The SII/RII of one group.</summary>
/// <param name="Group">The group key.</param>
/// <param name="Sii">Slope index of inequality (× multiplier).</param>
/// <param name="Rii">Relative index of inequality.</param>
/// <param name="Intercept">The fitted value at rank 0 (transform false: β0, unscaled; transform true: h(β0) × |multiplier|).</param>
/// <param name="SiiLimits">SII limits per level.</param>
/// <param name="RiiLimits">RII limits per level (empty unless <see cref="SiiOptions.Rii"/>).</param>
/// <param name="Reliability">Reliability statistics per level (empty unless <see cref="SiiOptions.ReliabilityStatistic"/>).</param>
public sealed record SiiGroupResult(
    string Group, double Sii, double Rii, double Intercept, IReadOnlyList<ConfidenceInterval> SiiLimits,
    IReadOnlyList<ConfidenceInterval> RiiLimits, IReadOnlyList<SiiReliability> Reliability);

/// <summary>The result of <see cref="Sii.Calculate"/>.</summary>
/// <param name="Groups">One result per complete group, in order of first appearance.</param>
/// <param name="Warnings">Warnings (more than 10 quantiles; incomplete groups removed, then one per group left out, naming it and why).</param>
/// <param name="IndicatorType">"normal", "rate" or "proportion".</param>
/// <param name="TransformLabel">"log", "logit" or "none".</param>
/// <param name="ConfidenceLabel">e.g. "95%, 99.8%".</param>
/// <param name="Method">e.g. "simulation 100000 reps".</param>
public sealed record SiiResult(
    IReadOnlyList<SiiGroupResult> Groups, IReadOnlyList<string> Warnings, string IndicatorType, string TransformLabel,
    string ConfidenceLabel, string Method)
{
    /// <summary>The groups left out as incomplete, in order of first appearance, each with its reason.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<SiiDroppedGroup> DroppedGroups { get; init; } = [];
}
