using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The slope index of inequality over time (or across deprivation bases), and the gradient rows the charts use.</content>
public static partial class Charts
{
    /// <summary>Below this line the SII says the indicator is higher in more deprived areas.</summary>
    private const string SignNote = "SII = least minus most deprived: below 0, higher in more deprived areas";

    /// <summary>The quantile-method row (or the only row, in a lake without a method column) and the LSOA-method row.</summary>
    private static (int? Quantile, int? Lsoa) GradientMethods(Table gradients, List<int> rows)
    {
        static int? Best(Table t, IEnumerable<int> r) => r.OrderBy(i => Math.Abs((t.Primitive<double>("confidence")[i] ?? 0) - 0.95)).Cast<int?>().FirstOrDefault();
        if (!gradients.Contains("method"))
        {
            return (Best(gradients, rows), null);
        }

        var method = gradients.Strings("method");
        return (Best(gradients, rows.Where(i => method[i] == "quantile")), Best(gradients, rows.Where(i => method[i] == "lsoa")));
    }

    /// <summary>The gradient in words, from the lake's <c>interpretation</c> column when it has one.</summary>
    private static string? Interpretation(Table gradients, int row) =>
        gradients.Contains("interpretation") ? gradients.Strings("interpretation")[row] : null;

    private static async Task<ChartResult> SiiTrendAsync(LakeSnapshot snapshot, TrendChartOptions options, CancellationToken cancellationToken)
    {
        var gradients = await snapshot.ReadTableAsync("inequality_gradients", cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync("areas", cancellationToken).ConfigureAwait(false);
        LakeData.RequireColumns(gradients, "source_id", "indicator_id", "period", "area_code", "basis", "sii", "sii_lower", "sii_upper", "method");
        var what = $"indicator '{options.IndicatorId}' in area '{options.AreaCode}' by the {options.Method} method";
        var rows = LakeData.Rows(gradients, ("indicator_id", options.IndicatorId), ("source_id", options.SourceId), ("area_code", options.AreaCode), ("method", options.Method), ("basis", options.Basis))
            .Where(i => gradients.Primitive<double>("sii")[i] is not null).ToList();
        var source = UniqueSource(gradients, rows, what);
        rows = rows.Where(i => gradients.Strings("source_id")[i] == source).ToList();
        var basis = gradients.Strings("basis");
        var period = gradients.Strings("period");

        // Several periods on one basis: the SII over time. Otherwise the last period across the bases.
        var overTime = rows.GroupBy(i => basis[i]!).Where(g => g.Select(i => period[i]).Distinct().Count() > 1).OrderBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        List<(string Label, int Row)> points;
        string axis;
        string subject;
        if (overTime is not null)
        {
            points = overTime.OrderBy(i => period[i], Lake.Gradients.PeriodOrder.Instance).Select(i => (period[i]!, i)).ToList();
            axis = "Period";
            subject = $"by period, {Basis(overTime.Key)}";
        }
        else
        {
            var last = rows.Select(i => period[i]!).Distinct().OrderBy(p => p, Lake.Gradients.PeriodOrder.Instance).LastOrDefault()
                ?? throw new InvalidOperationException($"Table 'inequality_gradients' has no slope index for {what}.");
            // Tick labels on two lines (index, then domain and vintage), so five bases fit side by side.
            points = rows.Where(i => period[i] == last).OrderBy(i => basis[i], StringComparer.Ordinal)
                .Select(i => (BasisWithVintage(basis[i]!).Replace(" on LSOA", "\non LSOA", StringComparison.Ordinal), i))
                .Select(p => (p.Item1.IndexOf(' ', StringComparison.Ordinal) is > 0 and var at && !p.Item1[..at].Contains('\n', StringComparison.Ordinal) ? p.Item1[..at] + "\n" + p.Item1[(at + 1)..] : p.Item1, p.i))
                .ToList();
            axis = "Deprivation basis";
            subject = $"by deprivation basis, {last}";
        }

        var names = LakeData.DistrictNames(areas);
        var change = await ChangeLineAsync(snapshot, options, source, overTime is not null ? "period" : "basis", cancellationToken).ConfigureAwait(false);
        var title = options.Title ?? $"{LakeData.Words(options.IndicatorId)}: slope index of inequality {subject}, {LakeData.AreaLabel(options.AreaCode, names)}"
            + (change is null ? string.Empty : "\n" + change);

        var plot = NewPlot(title);
        var xs = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();
        var ys = points.Select(p => gradients.Primitive<double>("sii")[p.Row]!.Value).ToArray();
        var half = points.Select(p => ((gradients.Primitive<double>("sii_upper")[p.Row] ?? double.NaN) - (gradients.Primitive<double>("sii_lower")[p.Row] ?? double.NaN)) / 2).ToArray();
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Gray;
        zero.LinePattern = LinePattern.Dashed;
        zero.LegendText = SignNote;
        var bars = plot.Add.ErrorBar(xs, ys, half);
        bars.Color = Colors.Black.WithAlpha(0.6);
        bars.LegendText = "95% interval";
        var line = plot.Add.Scatter(xs, ys);
        line.Color = Color.FromHex("#c0504d");
        line.LineWidth = overTime is null ? 0 : 2;
        line.MarkerSize = 10;
        line.LegendText = $"SII ({options.Method} method)";
        plot.Axes.Bottom.SetTicks(xs, points.Select(p => p.Label).ToArray());
        plot.Axes.SetLimitsX(-0.5, points.Count - 0.5);
        var low = Math.Min(0, ys.Zip(half, (y, h) => y - h).Where(double.IsFinite).DefaultIfEmpty(0).Min());
        var high = Math.Max(0, ys.Zip(half, (y, h) => y + h).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var pad = (high - low) * 0.1 + 1e-9;
        plot.Axes.SetLimitsY(low - pad, high + pad);
        plot.XLabel(axis);
        plot.YLabel($"SII: {LakeData.Words(options.IndicatorId)}");
        plot.ShowLegend(Edge.Bottom);
        return Render(plot, title, options);
    }

    /// <summary>The first-to-last change from inequality_trends in words, e.g. "change 2017 - 19 to 2019 - 21: −1.2 (95% CI −2.0 to −0.4), steeper".</summary>
    private static async Task<string?> ChangeLineAsync(LakeSnapshot snapshot, TrendChartOptions options, string source, string comparison, CancellationToken cancellationToken)
    {
        if (!snapshot.Manifest.Tables.Any(t => t.Name == "inequality_trends"))
        {
            return null;
        }

        var trends = await snapshot.ReadTableAsync("inequality_trends", cancellationToken).ConfigureAwait(false);
        var rows = LakeData.Rows(trends, ("indicator_id", options.IndicatorId), ("source_id", source), ("area_code", options.AreaCode), ("method", options.Method), ("comparison", comparison));
        if (comparison == "period" && options.Basis is not null)
        {
            rows = rows.Where(i => trends.Strings("basis")[i] == options.Basis).ToList();
        }

        if (rows.Count == 0)
        {
            return null;
        }

        // The widest comparison: first to last period, or the pair of bases (the first in ordinal order).
        var from = trends.Strings(comparison == "period" ? "from_period" : "from_basis");
        var to = trends.Strings(comparison == "period" ? "to_period" : "to_basis");
        var row = comparison == "period"
            ? rows.OrderBy(i => from[i], Lake.Gradients.PeriodOrder.Instance).ThenByDescending(i => to[i], Lake.Gradients.PeriodOrder.Instance).First()
            : rows.OrderBy(i => trends.Strings("basis")[i], StringComparer.Ordinal).First();
        var label = (string? s) => comparison == "period" ? s : BasisWithVintage(s!);
        var trend = trends.Strings("trend")[row]?.Replace('_', ' ');
        return $"change {label(from[row])} to {label(to[row])}: {F(trends.Primitive<double>("sii_change")[row])} "
            + $"(95% CI {F(trends.Primitive<double>("sii_change_lower")[row])} to {F(trends.Primitive<double>("sii_change_upper")[row])}), {trend}";
    }

    private static string BasisWithVintage(string basis)
    {
        var parts = basis.Split('/');
        return parts.Length > 3 && parts[3].StartsWith("lsoa", StringComparison.Ordinal) ? $"{Basis(basis)} on LSOA {parts[3][4..]}" : Basis(basis);
    }
}
