using System.Globalization;

namespace Inequalities.Core.Measures;

/// <summary>Which kind of rate a rate funnel plots.</summary>
public enum FunnelRateType
{
    /// <summary>Directly standardised rates: areas with no events are left out, and areas with fewer than 10 events
    /// are not assessed.</summary>
    Dsr,

    /// <summary>Crude rates: areas with no events contribute their supplied denominator.</summary>
    Crude,
}

/// <summary>Rate funnel-plot limits at one number of events (the reference's <c>calculate_funnel_limits</c> output row).</summary>
/// <param name="Events">The number of events O (the x-point).</param>
/// <param name="Lower2sPopulation1Year">Population per year at which O sits on the lower 95 % limit.</param>
/// <param name="Lower2s">Lower 95 % (one-sided 0.025) limit, per multiplier.</param>
/// <param name="Upper2sPopulation1Year">Population per year at which O sits on the upper 95 % limit.</param>
/// <param name="Upper2s">Upper 95 % limit.</param>
/// <param name="Lower3sPopulation1Year">Population per year at which O sits on the lower 99.8 % limit.</param>
/// <param name="Lower3s">Lower 99.8 % (one-sided 0.001) limit.</param>
/// <param name="Upper3sPopulation1Year">Population per year at which O sits on the upper 99.8 % limit.</param>
/// <param name="Upper3s">Upper 99.8 % limit.</param>
/// <param name="Baseline">The average rate per multiplier.</param>
public readonly record struct RateFunnelLimits(
    double Events,
    double Lower2sPopulation1Year,
    double Lower2s,
    double Upper2sPopulation1Year,
    double Upper2s,
    double Lower3sPopulation1Year,
    double Lower3s,
    double Upper3sPopulation1Year,
    double Upper3s,
    double Baseline);

/// <summary>
/// A funnel plot for rates (crude or directly standardised), following the OHID/PHE method
/// (<c>calculate_funnel_limits</c> and <c>assign_funnel_significance</c> with statistic "rate").
/// </summary>
/// <remarks>
/// Each area's denominator is derived from its rate as multiplier · O / rate (so a DSR is treated as a crude rate over
/// an equivalent population); DSR areas with no events are left out, crude areas with no events use their supplied
/// denominator. The average rate r̄ = Σ O / Σ denominators. At O events a limit sits at the population λ / r̄, where λ
/// is the Poisson mean putting O in the 0.025 or 0.001 tail (found by the reference's bisection, so the published
/// limits reproduce to about nine significant digits).
/// </remarks>
public sealed class RateFunnel
{
    private const string DsrNotApplicable = "Not applicable for events less than 10 for dsrs";

    private readonly double[] denominators;

    private RateFunnel(FunnelRateType type, double multiplier, double yearsOfData, double averageRate, double[] denominators)
    {
        Type = type;
        Multiplier = multiplier;
        YearsOfData = yearsOfData;
        AverageRate = averageRate;
        this.denominators = denominators;
    }

    /// <summary>Gets the kind of rate.</summary>
    public FunnelRateType Type { get; }

    /// <summary>Gets the rate multiplier (e.g. 100 000 for "per 100,000").</summary>
    public double Multiplier { get; }

    /// <summary>Gets the number of years of data the rates cover (denominators are divided by it for the axis).</summary>
    public double YearsOfData { get; }

    /// <summary>Gets the average rate r̄ = Σ events / Σ denominators, per person (not per multiplier).</summary>
    public double AverageRate { get; }

    /// <summary>Gets the average rate per multiplier (the funnel's centre line).</summary>
    public double Baseline => AverageRate * Multiplier;

    /// <summary>Gets the reference's statistic label, e.g. "rate (dsr per 100,000)".</summary>
    public string Statistic => string.Create(
        CultureInfo.InvariantCulture,
        $"rate ({(Type == FunnelRateType.Dsr ? "dsr" : "crude")} per {Multiplier.ToString("#,0.##", CultureInfo.InvariantCulture)})");

    /// <summary>Builds the funnel from each area's events and rate.</summary>
    /// <param name="events">Events per area (≥ 0).</param>
    /// <param name="rates">Rates per area per <paramref name="multiplier"/> (&gt; 0 where events &gt; 0; ignored otherwise).</param>
    /// <param name="denominators">Supplied denominators; only read for crude areas with no events (may be empty otherwise).</param>
    /// <param name="type">Crude or DSR.</param>
    /// <param name="multiplier">The rates' multiplier. The default value is 100 000.</param>
    /// <param name="yearsOfData">Years the rates cover. The default value is 1.</param>
    /// <returns>The funnel.</returns>
    /// <exception cref="ArgumentException">Mismatched lengths, a negative count, a missing or non-positive rate for an area
    /// with events, a missing denominator for a crude area with no events, or no usable area.</exception>
    public static RateFunnel Create(
        ReadOnlySpan<double> events,
        ReadOnlySpan<double> rates,
        ReadOnlySpan<double> denominators,
        FunnelRateType type,
        double multiplier = 100_000,
        double yearsOfData = 1)
    {
        if (rates.Length != events.Length || (!denominators.IsEmpty && denominators.Length != events.Length))
        {
            throw new ArgumentException(
                $"events ({events.Length}), rates ({rates.Length}) and denominators ({denominators.Length}, or empty) must have the same length");
        }

        if (!(multiplier > 0) || !(yearsOfData > 0) || !Enum.IsDefined(type))
        {
            throw new ArgumentException($"multiplier ({multiplier}) and yearsOfData ({yearsOfData}) must be positive and type ({type}) Dsr or Crude");
        }

        var used = new List<double>(events.Length);
        double totalEvents = 0, totalDenominator = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var denominator = Denominator(events[i], rates[i], denominators.IsEmpty ? double.NaN : denominators[i], type, multiplier, i);
            if (double.IsNaN(denominator))
            {
                continue;
            }

            totalEvents += events[i];
            totalDenominator += denominator;
            used.Add(denominator);
        }

        if (used.Count == 0 || !(totalDenominator > 0))
        {
            throw new ArgumentException("a rate funnel needs at least one area with events (or, for crude rates, a denominator)", nameof(events));
        }

        return new RateFunnel(type, multiplier, yearsOfData, totalEvents / totalDenominator, [.. used]);
    }

    /// <summary>The 100 event counts at which the reference evaluates the limits: the axis range of the per-year
    /// denominators, × years × r̄, widened outward to whole events.</summary>
    /// <returns>100 increasing event counts, the first at least 1.</returns>
    public double[] Axis()
    {
        var perYear = new double[denominators.Length];
        for (var i = 0; i < perYear.Length; i++)
        {
            perYear[i] = denominators[i] / YearsOfData;
        }

        var (axisMin, axisMax) = Funnels.AxisRange(perYear);
        var toEvents = YearsOfData * AverageRate;
        return Funnels.GeometricAxis(Math.Max(1, Math.Floor(axisMin * toEvents)), Math.Ceiling(axisMax * toEvents), 101);
    }

    /// <summary>The control limits at a number of events.</summary>
    /// <param name="events">The events O (≥ 1).</param>
    /// <returns>The limits.</returns>
    public RateFunnelLimits Limits(double events)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        var lower2s = Population(events, 0.025, upperTail: false);
        var upper2s = Population(events, 0.025, upperTail: true);
        var lower3s = Population(events, 0.001, upperTail: false);
        var upper3s = Population(events, 0.001, upperTail: true);
        return new RateFunnelLimits(
            events,
            lower2s / YearsOfData,
            events / lower2s * Multiplier,
            upper2s / YearsOfData,
            events / upper2s * Multiplier,
            lower3s / YearsOfData,
            events / lower3s * Multiplier,
            upper3s / YearsOfData,
            events / upper3s * Multiplier,
            Baseline);
    }

    /// <summary>
    /// Significance of one area's rate against r̄, from the area's own exact (O &lt; 10) or Byar limits of O at 95 % and
    /// 99.8 % over its denominator: "High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)", "Not significant", or
    /// for a DSR with fewer than 10 events "Not applicable for events less than 10 for dsrs".
    /// </summary>
    /// <param name="events">The area's events.</param>
    /// <param name="rate">The area's rate per multiplier (ignored when events = 0).</param>
    /// <param name="denominator">The supplied denominator, needed only for a crude area with no events.</param>
    /// <returns>The significance label.</returns>
    public string Significance(double events, double rate, double denominator = double.NaN)
    {
        if (Type == FunnelRateType.Dsr && events < 10)
        {
            return DsrNotApplicable;
        }

        var n = Denominator(events, rate, denominator, Type, Multiplier, row: null);
        var (l3, u3, _) = PoissonLimits.Limits(events, 0.998);
        var (l2, u2, _) = PoissonLimits.Limits(events, 0.95);
        var r = AverageRate;
        return r < l3 / n ? "High (0.001)"
            : r < l2 / n ? "High (0.025)"
            : r > u3 / n ? "Low (0.001)"
            : r > u2 / n ? "Low (0.025)"
            : "Not significant";
    }

    // The population at which `events` sits on a limit: λ / r̄.
    private double Population(double events, double tail, bool upperTail) =>
        Funnels.PoissonMeanForTail(events, tail, upperTail) / AverageRate;

    // multiplier · O / rate; NaN for a DSR area with no events (left out); the supplied denominator for a crude one.
    private static double Denominator(double events, double rate, double supplied, FunnelRateType type, double multiplier, int? row)
    {
        var where = row is { } i ? $"area {i}" : "the area";
        if (!(events >= 0))
        {
            throw new ArgumentException($"rate funnel: {where} has events {events}; expected a count ≥ 0", nameof(events));
        }

        if (events == 0)
        {
            if (type == FunnelRateType.Dsr)
            {
                return double.NaN;
            }

            return supplied > 0
                ? supplied
                : throw new ArgumentException($"rate funnel: {where} has no events, so crude rates need its denominator (got {supplied}); expected > 0", nameof(supplied));
        }

        return rate > 0
            ? multiplier * events / rate
            : throw new ArgumentException($"rate funnel: {where} has {events} events and rate {rate}; expected a rate > 0", nameof(rate));
    }
}
