using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Gradients;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The slope index of inequality over time (or across deprivation bases).</content>
public static partial class Charts
{
    /// <summary>
    /// The slope index of inequality of an indicator with its 95% interval from <c>inequality_gradients</c> (whole,
    /// or filtered by the analyst): across the periods of a basis when the series has several (the first such basis
    /// in ordinal order, or <see cref="TrendChartOptions.Basis"/>), else across the deprivation bases of its last
    /// period; with <c>inequality_trends</c>, the title's second line is the change between the first and last.
    /// </summary>
    /// <param name="gradients">The <c>inequality_gradients</c> rows.</param>
    /// <param name="options">What to draw (<see cref="TrendChartOptions.Method"/> picks the method).</param>
    /// <param name="trends">The <c>inequality_trends</c> rows, for the change in the title; none without it.</param>
    /// <param name="areas">The <c>areas</c> table, for district names in the title; without it the title gives codes.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="InvalidOperationException">A column is missing, or the table has no slope index for the selection.</exception>
    public static SiiTrendChart SiiTrend(Table gradients, TrendChartOptions options, Table? trends = null, Table? areas = null)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LakeData.RequireColumns(gradients, InequalityGradientsColumns.SourceId, InequalityGradientsColumns.IndicatorId, InequalityGradientsColumns.Period, InequalityGradientsColumns.AreaCode, InequalityGradientsColumns.Basis, InequalityGradientsColumns.Sii, InequalityGradientsColumns.SiiLower, InequalityGradientsColumns.SiiUpper, InequalityGradientsColumns.Method);
        var what = $"indicator '{options.IndicatorId}' in area '{options.AreaCode}' by the {options.Method} method";
        var rows = LakeData.WhereSet(gradients, (InequalityGradientsColumns.IndicatorId, options.IndicatorId), (InequalityGradientsColumns.SourceId, options.SourceId), (InequalityGradientsColumns.AreaCode, options.AreaCode), (InequalityGradientsColumns.Method, options.Method), (InequalityGradientsColumns.Basis, options.Basis));
        rows = rows.Filter(rows.Primitive<double>(InequalityGradientsColumns.Sii).Mask(_ => true));
        var source = LakeData.UniqueSource(rows, what);
        rows = rows.Where((InequalityGradientsColumns.SourceId, source));
        var basis = rows.Strings(InequalityGradientsColumns.Basis);
        var period = rows.Strings(InequalityGradientsColumns.Period);

        // Several periods on one basis: the SII over time. Otherwise the last period across the bases.
        var overTime = Enumerable.Range(0, rows.RowCount).GroupBy(i => basis[i]!).Where(g => g.Select(i => period[i]).Distinct().Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        Table shown;
        List<string> labels;
        string subject;
        if (overTime is not null)
        {
            shown = rows.Where((InequalityGradientsColumns.Basis, overTime));
            shown = shown.Take([.. Enumerable.Range(0, shown.RowCount).OrderBy(i => shown.Strings(InequalityGradientsColumns.Period)[i], PeriodOrder.Instance)]);
            labels = [.. Enumerable.Range(0, shown.RowCount).Select(i => shown.Strings(InequalityGradientsColumns.Period)[i]!)];
            subject = $"by period, {ChartLabels.Basis(overTime)}";
        }
        else
        {
            var last = LakeData.Distinct(rows, InequalityGradientsColumns.Period).OrderBy(p => p, PeriodOrder.Instance).LastOrDefault()
                ?? throw new InvalidOperationException($"Table '{gradients.Name}' has no slope index for {what}.");
            shown = rows.Where((InequalityGradientsColumns.Period, last)).SortBy(InequalityGradientsColumns.Basis);

            // Tick labels on two lines (index, then domain and vintage), so five bases fit side by side.
            labels = [.. Enumerable.Range(0, shown.RowCount)
                .Select(i => ChartLabels.BasisWithVintage(shown.Strings(InequalityGradientsColumns.Basis)[i]!).Replace(" on LSOA", "\non LSOA", StringComparison.Ordinal))
                .Select(l => l.IndexOf(' ', StringComparison.Ordinal) is > 0 and var at && !l[..at].Contains('\n', StringComparison.Ordinal) ? l[..at] + "\n" + l[(at + 1)..] : l)];
            subject = $"by deprivation basis, {last}";
        }

        var sii = shown.Primitive<double>(InequalityGradientsColumns.Sii);
        var lower = shown.Primitive<double>(InequalityGradientsColumns.SiiLower);
        var upper = shown.Primitive<double>(InequalityGradientsColumns.SiiUpper);
        var siiPoints = labels.Select((label, i) => new SiiPoint(label, shown.Strings(InequalityGradientsColumns.Basis)[i]!, shown.Strings(InequalityGradientsColumns.Period)[i]!, sii[i]!.Value, lower[i], upper[i])).ToList();
        var change = trends is null ? null : SiiChange.Find(trends, options, source, overTime is not null ? "period" : "basis");
        var title = options.Title ?? $"{ChartLabels.Words(options.IndicatorId)}: slope index of inequality {subject}, {ChartLabels.Area(options.AreaCode, LakeData.DistrictNames(areas))}"
            + (change is null ? string.Empty : "\n" + change);
        return new SiiTrendChart(title, options, source, overTime is not null, siiPoints, change);
    }
}

/// <summary>The numbers of the slope-index trend (<see cref="Charts.SiiTrend"/>).</summary>
public sealed class SiiTrendChart : ChartResult
{
    internal SiiTrendChart(string title, TrendChartOptions options, string sourceId, bool overTime, IReadOnlyList<SiiPoint> points, SiiChange? change)
        : base(title, options.Width, options.Height)
    {
        IndicatorId = options.IndicatorId;
        AreaCode = options.AreaCode;
        Method = options.Method;
        SourceId = sourceId;
        OverTime = overTime;
        Points = points;
        Change = change;
    }

    /// <summary>The indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>The area.</summary>
    public string AreaCode { get; }

    /// <summary>The gradient method, <c>quantile</c> or <c>lsoa</c>.</summary>
    public string Method { get; }

    /// <summary>The source of the indicator.</summary>
    public string SourceId { get; }

    /// <summary>Whether the points are the periods of one basis (else the bases of the last period).</summary>
    public bool OverTime { get; }

    /// <summary>The points, in period order (or in basis order).</summary>
    public IReadOnlyList<SiiPoint> Points { get; }

    /// <summary>The first-to-last change from <c>inequality_trends</c>, when it was given and has one.</summary>
    public SiiChange? Change { get; }

    /// <inheritdoc />
    public override Plot ToPlot() => SiiTrendDrawing.Draw(this);
}

/// <summary>One slope index of a <see cref="SiiTrendChart"/>.</summary>
/// <param name="Label">The tick label: the period, or the basis in words.</param>
/// <param name="Basis">The deprivation basis.</param>
/// <param name="Period">The period.</param>
/// <param name="Sii">The slope index (least minus most deprived).</param>
/// <param name="Lower">Its lower 95% limit, when the lake has one.</param>
/// <param name="Upper">Its upper 95% limit, when the lake has one.</param>
public sealed record SiiPoint(string Label, string Basis, string Period, double Sii, double? Lower, double? Upper);

/// <summary>The change in a slope index between two periods or bases, from <c>inequality_trends</c>.</summary>
/// <param name="From">The first period, or basis.</param>
/// <param name="To">The last period, or basis.</param>
/// <param name="Change">The change in the slope index (last minus first).</param>
/// <param name="Lower">Its lower 95% limit.</param>
/// <param name="Upper">Its upper 95% limit.</param>
/// <param name="Trend">The verdict: <c>steeper</c>, <c>shallower</c>, <c>no_clear_change</c>.</param>
/// <param name="ByPeriod">Whether it compares periods (else bases).</param>
public sealed record SiiChange(string From, string To, double? Change, double? Lower, double? Upper, string? Trend, bool ByPeriod)
{
    /// <summary>The change in words, e.g. "change 2017 - 19 to 2019 - 21: −1.2 (95% CI −2.0 to −0.4), steeper".</summary>
    public override string ToString()
    {
        var from = ByPeriod ? From : ChartLabels.BasisWithVintage(From);
        var to = ByPeriod ? To : ChartLabels.BasisWithVintage(To);
        return $"change {from} to {to}: {ChartLabels.F(Change)} (95% CI {ChartLabels.F(Lower)} to {ChartLabels.F(Upper)}), {Trend?.Replace('_', ' ')}";
    }

    /// <summary>The widest comparison of the selection: first to last period, or the pair of bases (the first in ordinal order); null when none.</summary>
    internal static SiiChange? Find(Table trends, TrendChartOptions options, string source, string comparison)
    {
        var rows = trends.Where((InequalityTrendsColumns.IndicatorId, options.IndicatorId), (InequalityTrendsColumns.SourceId, source), (InequalityTrendsColumns.AreaCode, options.AreaCode), (InequalityTrendsColumns.Method, options.Method), (InequalityTrendsColumns.Comparison, comparison));
        if (comparison == "period" && options.Basis is not null)
        {
            rows = rows.Where((InequalityTrendsColumns.Basis, options.Basis));
        }

        if (rows.RowCount == 0)
        {
            return null;
        }

        var byPeriod = comparison == "period";
        var from = rows.Strings(byPeriod ? InequalityTrendsColumns.FromPeriod : InequalityTrendsColumns.FromBasis);
        var to = rows.Strings(byPeriod ? InequalityTrendsColumns.ToPeriod : InequalityTrendsColumns.ToBasis);
        var all = Enumerable.Range(0, rows.RowCount);
        var row = byPeriod
            ? all.OrderBy(i => from[i], PeriodOrder.Instance).ThenByDescending(i => to[i], PeriodOrder.Instance).First()
            : all.OrderBy(i => rows.Strings(InequalityTrendsColumns.Basis)[i], StringComparer.Ordinal).First();
        double? D(string column) => rows.Primitive<double>(column)[row];
        return new SiiChange(from[row]!, to[row]!, D(InequalityTrendsColumns.SiiChange), D(InequalityTrendsColumns.SiiChangeLower), D(InequalityTrendsColumns.SiiChangeUpper), rows.Strings(InequalityTrendsColumns.Trend)[row], byPeriod);
    }
}
