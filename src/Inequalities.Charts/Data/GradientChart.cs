using Inequalities.Core.Columnar;
using Inequalities.Lake;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The gradient chart's data: quantile values at their population midpoints and the slope indices.</content>
public static partial class Charts
{
    /// <summary>
    /// The gradient chart of an indicator in one area from <c>inequality_quantiles</c> and <c>inequality_gradients</c>
    /// (whole, or filtered by the analyst: rows that do not match the options are left out anyway): each quantile's
    /// value with its 95% interval at its population midpoint on the relative-rank scale (0 = most deprived), the
    /// fitted slope-index line, and the SII and RII with their intervals.
    /// </summary>
    /// <param name="quantiles">The <c>inequality_quantiles</c> rows.</param>
    /// <param name="gradients">The <c>inequality_gradients</c> rows.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="areas">The <c>areas</c> table, for district names in the title; without it the title gives codes.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="InvalidOperationException">A column is missing, or no rows match (the message says what the table has).</exception>
    public static GradientChart Gradient(Table quantiles, Table gradients, GradientChartOptions options, Table? areas = null)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LakeData.RequireColumns(quantiles, InequalityQuantilesColumns.SourceId, InequalityQuantilesColumns.IndicatorId, InequalityQuantilesColumns.Period, InequalityQuantilesColumns.AreaCode, InequalityQuantilesColumns.Basis, InequalityQuantilesColumns.QuantileCount, InequalityQuantilesColumns.Quantile, InequalityQuantilesColumns.Population, InequalityQuantilesColumns.Value, InequalityQuantilesColumns.Se);
        LakeData.RequireColumns(gradients, InequalityGradientsColumns.SourceId, InequalityGradientsColumns.IndicatorId, InequalityGradientsColumns.Period, InequalityGradientsColumns.AreaCode, InequalityGradientsColumns.Basis, InequalityGradientsColumns.QuantileCount, InequalityGradientsColumns.Sii, InequalityGradientsColumns.SiiLower, InequalityGradientsColumns.SiiUpper, InequalityGradientsColumns.Rii, InequalityGradientsColumns.RiiLower, InequalityGradientsColumns.RiiUpper, InequalityGradientsColumns.Confidence);

        var count = options.QuantileCount;
        var what = $"indicator '{options.IndicatorId}' in area '{options.AreaCode}' with {ChartLabels.N(count)} quantiles";
        var rows = LakeData.WhereSet(quantiles, (InequalityQuantilesColumns.IndicatorId, options.IndicatorId), (InequalityQuantilesColumns.SourceId, options.SourceId), (InequalityQuantilesColumns.AreaCode, options.AreaCode), (InequalityQuantilesColumns.QuantileCount, count));
        var source = LakeData.UniqueSource(rows, what);
        var basis = LakeData.Pick(rows, InequalityQuantilesColumns.Basis, options.Basis, last: false, what);
        rows = rows.Where((InequalityQuantilesColumns.SourceId, source), (InequalityQuantilesColumns.Basis, basis));
        var period = LakeData.Pick(rows, InequalityQuantilesColumns.Period, options.Period, last: true, what);
        rows = rows.Where((InequalityQuantilesColumns.Period, period)).SortBy(InequalityQuantilesColumns.Quantile);

        var quantile = rows.Primitive<int>(InequalityQuantilesColumns.Quantile);
        var populations = rows.Primitive<double>(InequalityQuantilesColumns.Population);
        var values = rows.Primitive<double>(InequalityQuantilesColumns.Value);
        var errors = rows.Primitive<double>(InequalityQuantilesColumns.Se);
        var population = Enumerable.Range(0, rows.RowCount).Select(i => populations[i] ?? 0).ToArray();
        var total = population.Sum();
        var points = new GradientPoint[rows.RowCount];
        var cumulative = 0.0;
        var mean = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var value = values[i] ?? double.NaN;
            var se = errors[i] ?? double.NaN;
            points[i] = new GradientPoint(quantile[i]!.Value, population[i], (cumulative + (population[i] / 2)) / total, value, se, 1.959964 * se);
            cumulative += population[i];
            mean += population[i] / total * value;
        }

        var slopes = LakeData.WhereSet(gradients, (InequalityGradientsColumns.IndicatorId, options.IndicatorId), (InequalityGradientsColumns.SourceId, source), (InequalityGradientsColumns.AreaCode, options.AreaCode), (InequalityGradientsColumns.QuantileCount, count), (InequalityGradientsColumns.Basis, basis), (InequalityGradientsColumns.Period, period));
        var (byQuantile, byLsoa) = SlopeIndex.Methods(slopes);
        var names = LakeData.DistrictNames(areas);
        var title = options.Title ?? $"{ChartLabels.Words(options.IndicatorId)} by {ChartLabels.Basis(basis)} {ChartLabels.QuantileWord(points.Length)}, {ChartLabels.Area(options.AreaCode, names)}, {period}"
            + (byQuantile?.Interpretation is { } words ? "\n" + words : string.Empty);
        return new GradientChart(title, options, source, basis, period, points, mean, byQuantile, byLsoa);
    }
}

/// <summary>
/// The numbers of the gradient chart (<see cref="Charts.Gradient"/>): the quantiles at their population midpoints,
/// the population-weighted mean the slope-index line passes through at relative rank 0.5, and the slope indices of
/// the quantile and LSOA methods.
/// </summary>
public sealed class GradientChart : ChartResult
{
    internal GradientChart(
        string title, GradientChartOptions options, string sourceId, string basis, string period, IReadOnlyList<GradientPoint> points, double weightedMean, SlopeIndex? quantileMethod, SlopeIndex? lsoaMethod)
        : base(title, options.Width, options.Height)
    {
        IndicatorId = options.IndicatorId;
        AreaCode = options.AreaCode;
        SourceId = sourceId;
        Basis = basis;
        Period = period;
        Points = points;
        WeightedMean = weightedMean;
        QuantileMethod = quantileMethod;
        LsoaMethod = lsoaMethod;
    }

    /// <summary>The indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>The area.</summary>
    public string AreaCode { get; }

    /// <summary>The source of the indicator.</summary>
    public string SourceId { get; }

    /// <summary>The deprivation basis, e.g. <c>iod2019/income/national</c>.</summary>
    public string Basis { get; }

    /// <summary>The period.</summary>
    public string Period { get; }

    /// <summary>One point per quantile, most deprived first.</summary>
    public IReadOnlyList<GradientPoint> Points { get; }

    /// <summary>The population-weighted mean of the quantile values, through which the slope-index line passes at relative rank 0.5.</summary>
    public double WeightedMean { get; }

    /// <summary>The slope index of the quantile method (the line drawn), or null when the lake has no gradient row for the selection.</summary>
    public SlopeIndex? QuantileMethod { get; }

    /// <summary>The slope index of the LSOA method, when the lake has one.</summary>
    public SlopeIndex? LsoaMethod { get; }

    /// <inheritdoc />
    public override Plot ToPlot() => GradientDrawing.Draw(this);
}

/// <summary>One quantile of a <see cref="GradientChart"/>.</summary>
/// <param name="Quantile">The quantile (1 = most deprived).</param>
/// <param name="Population">Its population (0 when the lake has none).</param>
/// <param name="Midpoint">The relative rank of its population midpoint (0 = most deprived, 1 = least).</param>
/// <param name="Value">The indicator's value (NaN when the lake has none).</param>
/// <param name="StandardError">The value's standard error (NaN when the lake has none).</param>
/// <param name="HalfInterval">Half the width of the 95% interval: 1.959964 × the standard error (NaN without one).</param>
public readonly record struct GradientPoint(int Quantile, double Population, double Midpoint, double Value, double StandardError, double HalfInterval);

/// <summary>A slope index of inequality row of <c>inequality_gradients</c>, as the charts show it.</summary>
/// <param name="Sii">The slope index (least minus most deprived), or null with the <paramref name="Reason"/>.</param>
/// <param name="SiiLower">Its lower confidence limit.</param>
/// <param name="SiiUpper">Its upper confidence limit.</param>
/// <param name="Rii">The relative index.</param>
/// <param name="RiiLower">Its lower confidence limit.</param>
/// <param name="RiiUpper">Its upper confidence limit.</param>
/// <param name="Confidence">The confidence level of the limits (e.g. 0.95).</param>
/// <param name="Reason">Why the slope index is null, when it is.</param>
/// <param name="Interpretation">The gradient in words, when the lake has them.</param>
public sealed record SlopeIndex(
    double? Sii, double? SiiLower, double? SiiUpper, double? Rii, double? RiiLower, double? RiiUpper, double? Confidence, string? Reason, string? Interpretation)
{
    /// <summary>The quantile-method row (or the only row, in a lake without a method column) and the LSOA-method row, each at the confidence nearest 95%.</summary>
    internal static (SlopeIndex? Quantile, SlopeIndex? Lsoa) Methods(Table rows) =>
        rows.Contains(InequalityGradientsColumns.Method) ? (Best(rows.Where((InequalityGradientsColumns.Method, "quantile"))), Best(rows.Where((InequalityGradientsColumns.Method, "lsoa")))) : (Best(rows), null);

    /// <summary>The row whose confidence is nearest 95% (the first of ties), or null without rows.</summary>
    private static SlopeIndex? Best(Table rows)
    {
        var confidence = rows.Primitive<double>(InequalityGradientsColumns.Confidence);
        return Of(rows, Enumerable.Range(0, rows.RowCount).OrderBy(i => Math.Abs((confidence[i] ?? 0) - 0.95)).Cast<int?>().FirstOrDefault());
    }

    private static SlopeIndex? Of(Table rows, int? row)
    {
        if (row is not { } i)
        {
            return null;
        }

        double? D(string column) => rows.Primitive<double>(column)[i];
        string? S(string column) => rows.Contains(column) ? rows.Strings(column)[i] : null;
        return new SlopeIndex(D(InequalityGradientsColumns.Sii), D(InequalityGradientsColumns.SiiLower), D(InequalityGradientsColumns.SiiUpper), D(InequalityGradientsColumns.Rii), D(InequalityGradientsColumns.RiiLower), D(InequalityGradientsColumns.RiiUpper), D(InequalityGradientsColumns.Confidence), S(InequalityGradientsColumns.Reason), S(InequalityGradientsColumns.Interpretation));
    }
}
