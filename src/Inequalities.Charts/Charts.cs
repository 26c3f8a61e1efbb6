using System.Globalization;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;
using ScottPlot;

namespace Inequalities.Charts;

/// <summary>
/// The charts of the lake, one method each, rendered with ScottPlot 5 in the bundled DejaVu Sans to PNG and SVG
/// (<see cref="ChartResult"/>). Every method reads the tables it needs from a snapshot
/// (<see cref="LakeSnapshot.OpenCurrent"/>); bad options or missing data throw with a message naming the table,
/// column or value and what exists instead.
/// </summary>
public static partial class Charts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The gradient chart: an indicator's value in each deprivation quantile with its 95% interval, placed at the
    /// quantile's population midpoint on the relative-rank scale (0 = most deprived), the fitted slope-index line, and
    /// the SII and RII with their intervals in the legend (inequality_quantiles and inequality_gradients).
    /// </summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<ChartResult> GradientAsync(LakeSnapshot snapshot, GradientChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var quantiles = await snapshot.ReadTableAsync("inequality_quantiles", cancellationToken).ConfigureAwait(false);
        var gradients = await snapshot.ReadTableAsync("inequality_gradients", cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync("areas", cancellationToken).ConfigureAwait(false);
        LakeData.RequireColumns(quantiles, "source_id", "indicator_id", "period", "area_code", "basis", "quantile_count", "quantile", "population", "value", "se");
        LakeData.RequireColumns(gradients, "source_id", "indicator_id", "period", "area_code", "basis", "quantile_count", "sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper", "confidence");

        var count = options.QuantileCount.ToString(Invariant);
        var what = $"indicator '{options.IndicatorId}' in area '{options.AreaCode}' with {count} quantiles";
        var rows = LakeData.Rows(quantiles, ("indicator_id", options.IndicatorId), ("source_id", options.SourceId), ("area_code", options.AreaCode), ("quantile_count", count));
        var source = UniqueSource(quantiles, rows, what);
        var basis = LakeData.Pick(quantiles, rows, "basis", options.Basis, last: false, what);
        rows = LakeData.Rows(quantiles, ("indicator_id", options.IndicatorId), ("source_id", source), ("area_code", options.AreaCode), ("quantile_count", count), ("basis", basis));
        var period = LakeData.Pick(quantiles, rows, "period", options.Period, last: true, what);
        rows = rows.Where(i => quantiles.Strings("period")[i] == period).OrderBy(i => quantiles.Primitive<int>("quantile")[i]).ToList();

        var q = rows.Select(i => quantiles.Primitive<int>("quantile")[i]!.Value).ToArray();
        var population = rows.Select(i => quantiles.Primitive<double>("population")[i] ?? 0).ToArray();
        var value = rows.Select(i => quantiles.Primitive<double>("value")[i] ?? double.NaN).ToArray();
        var se = rows.Select(i => quantiles.Primitive<double>("se")[i] ?? double.NaN).ToArray();
        var total = population.Sum();
        var mid = new double[q.Length];
        var cumulative = 0.0;
        for (var i = 0; i < q.Length; i++)
        {
            mid[i] = (cumulative + (population[i] / 2)) / total;
            cumulative += population[i];
        }

        var gradientRows = LakeData.Rows(gradients, ("indicator_id", options.IndicatorId), ("source_id", source), ("area_code", options.AreaCode), ("quantile_count", count), ("basis", basis), ("period", period));
        var (g, lsoa) = GradientMethods(gradients, gradientRows);

        var names = LakeData.DistrictNames(areas);
        var title = options.Title ?? $"{LakeData.Words(options.IndicatorId)} by {Basis(basis)} {QuantileWord(q.Length)}, {LakeData.AreaLabel(options.AreaCode, names)}, {period}"
            + (g is { } withWords && Interpretation(gradients, withWords) is { } words ? "\n" + words : string.Empty);
        var plot = NewPlot(title);
        var ci = se.Select(s => double.IsNaN(s) ? 0 : 1.959964 * s).ToArray();
        var bars = plot.Add.ErrorBar(mid, value, ci);
        bars.Color = Colors.Black.WithAlpha(0.6);
        bars.LegendText = "95% interval";
        var points = plot.Add.Scatter(mid, value);
        points.LineWidth = 0;
        points.MarkerSize = 9;
        points.Color = Color.FromHex("#1f4e79");
        points.LegendText = $"{QuantileWord(q.Length)} value";

        if (g is { } gi && gradients.Primitive<double>("sii")[gi] is { } sii)
        {
            // The weighted least-squares line passes through the population-weighted mean at relative rank 0.5.
            var mean = 0.0;
            for (var i = 0; i < q.Length; i++)
            {
                mean += population[i] / total * value[i];
            }

            var line = plot.Add.Line(0, mean - (sii / 2), 1, mean + (sii / 2));
            line.Color = Color.FromHex("#c0504d");
            line.LineWidth = 2;
            var level = (gradients.Primitive<double>("confidence")[gi] ?? 0.95) * 100;
            line.LegendText = $"SII {F(sii)} ({level:0.#}% CI {F(gradients.Primitive<double>("sii_lower")[gi])} to {F(gradients.Primitive<double>("sii_upper")[gi])}): least minus most deprived";
            if (gradients.Primitive<double>("rii")[gi] is { } rii)
            {
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = $"RII {F(rii, "0.00")} ({F(gradients.Primitive<double>("rii_lower")[gi], "0.00")} to {F(gradients.Primitive<double>("rii_upper")[gi], "0.00")})",
                    LineWidth = 0,
                    MarkerShape = MarkerShape.None,
                });
            }
        }
        else
        {
            var reason = g is { } gr && gradients.Contains("reason") ? gradients.Strings("reason")[gr] : null;
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "No SII in the lake for this selection" + (reason is null ? string.Empty : $" ({reason})"), LineWidth = 0, MarkerShape = MarkerShape.None });
        }

        if (lsoa is { } li && gradients.Primitive<double>("sii")[li] is { } lsoaSii)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"LSOA method: SII {F(lsoaSii)} ({F(gradients.Primitive<double>("sii_lower")[li])} to {F(gradients.Primitive<double>("sii_upper")[li])})",
                LineWidth = 0,
                MarkerShape = MarkerShape.None,
            });
        }

        plot.Axes.Bottom.SetTicks(mid, q.Select(x => x.ToString(Invariant)).ToArray());
        plot.Axes.SetLimitsX(0, 1);
        plot.XLabel($"{QuantileWord(q.Length)} (1 = most deprived), at its population midpoint");
        plot.YLabel(LakeData.Words(options.IndicatorId));
        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot, title, options);
    }

    /// <summary>
    /// The asset-versus-need scatter: each LSOA's need score against its assets per 10,000 residents, coloured by
    /// district, with the quadrant lines of the <c>asset_need</c> table (high need: the need deciles it marks high;
    /// low assets: its low-density threshold).
    /// </summary>
    /// <param name="snapshot">The lake snapshot (it needs the asset_need table).</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<ChartResult> AssetNeedAsync(LakeSnapshot snapshot, AssetNeedChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var table = await snapshot.ReadTableAsync("asset_need", cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync("areas", cancellationToken).ConfigureAwait(false);
        LakeData.RequireColumns(table, "lsoa_code", "lad_code", "cauth_code", "need_score", "assets_per_10k", "quadrant");
        var names = LakeData.DistrictNames(areas);
        var lad = table.Strings("lad_code");
        var cauth = table.Strings("cauth_code");
        var need = table.Primitive<double>("need_score");
        var density = table.Primitive<double>("assets_per_10k");
        var quadrant = table.Strings("quadrant");
        var byDistrict = new SortedDictionary<string, (List<double> X, List<double> Y)>(StringComparer.Ordinal);
        double highNeedFrom = double.PositiveInfinity, lowAssetsTo = double.NegativeInfinity;
        var shown = 0;
        for (var i = 0; i < table.RowCount; i++)
        {
            if (lad[i] is not { } l || (options.AreaCode != LakeData.England && l != options.AreaCode && cauth[i] != options.AreaCode)
                || need[i] is not { } x || density[i] is not { } y)
            {
                continue;
            }

            if (!byDistrict.TryGetValue(l, out var list))
            {
                byDistrict[l] = list = ([], []);
            }

            list.X.Add(x);
            list.Y.Add(y);
            shown++;
            if (quadrant[i] is { } qd)
            {
                if (qd.StartsWith("high_need", StringComparison.Ordinal))
                {
                    highNeedFrom = Math.Min(highNeedFrom, x);
                }

                if (qd.EndsWith("low_assets", StringComparison.Ordinal))
                {
                    lowAssetsTo = Math.Max(lowAssetsTo, y);
                }
            }
        }

        if (shown == 0)
        {
            throw new InvalidOperationException($"Table 'asset_need' has no LSOA of area '{options.AreaCode}' with both need_score and assets_per_10k.");
        }

        var title = options.Title ?? $"Community assets against need, {LakeData.AreaLabel(options.AreaCode, names)} ({shown} LSOAs)";
        var plot = NewPlot(title);
        var palette = new ScottPlot.Palettes.Category10();
        var markers = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.Cross };
        var k = 0;
        foreach (var (code, (xs, ys)) in byDistrict)
        {
            var s = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            s.LineWidth = 0;
            s.MarkerSize = 6;
            s.MarkerShape = markers[k % markers.Length];
            s.Color = palette.GetColor(k).WithAlpha(0.8);
            s.LegendText = names.GetValueOrDefault(code, code);
            k++;
        }

        if (double.IsFinite(highNeedFrom))
        {
            var v = plot.Add.VerticalLine(highNeedFrom);
            v.LinePattern = LinePattern.Dashed;
            v.Color = Colors.Gray;
            v.LabelText = "high need →";
            v.LabelFontName = ChartFonts.Family;
        }

        if (double.IsFinite(lowAssetsTo))
        {
            var h = plot.Add.HorizontalLine(lowAssetsTo);
            h.LinePattern = LinePattern.Dashed;
            h.Color = Colors.Gray;
            h.LabelText = "low assets ↓";
            h.LabelFontName = ChartFonts.Family;
        }

        plot.XLabel("Need score (higher = more need)");
        plot.YLabel("Assets per 10,000 residents");
        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot, title, options);
    }

    /// <summary>
    /// A choropleth of any LSOA-level column for an area: ten classes at the deciles of the mapped values, a
    /// viridis-like ramp whose lightness rises monotonically (it reads in greyscale), a legend of the class ranges, and
    /// district outlines. Boundaries come from <see cref="ChoroplethChartOptions.BoundaryPath"/> or the lake's raw
    /// cache.
    /// </summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<ChartResult> ChoroplethAsync(LakeSnapshot snapshot, ChoroplethChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var table = await snapshot.ReadTableAsync(options.Table, cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync("areas", cancellationToken).ConfigureAwait(false);
        LakeData.RequireColumns(table, ["lsoa_code", options.Column, .. options.Filters.Keys]);
        var members = LakeData.AreaLsoas(areas, options.AreaCode);
        var rows = LakeData.Rows(table, [.. options.Filters.Select(f => (f.Key, (string?)f.Value))]);
        var code = table.Strings("lsoa_code");
        var column = table.Column(options.Column);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var i in rows)
        {
            if (code[i] is { } c && members.ContainsKey(c) && LakeData.Number(column, i) is { } v && double.IsFinite(v)
                && !values.TryAdd(c, v))
            {
                throw new InvalidOperationException(
                    $"Table '{options.Table}' has more than one row for LSOA {c} after the filters ({Filters(options.Filters)}); add filters so each LSOA has one value of '{options.Column}'.");
            }
        }

        if (values.Count == 0)
        {
            throw new InvalidOperationException($"Table '{options.Table}' has no value of '{options.Column}' for an LSOA of area '{options.AreaCode}' with the filters ({Filters(options.Filters)}).");
        }

        var shapes = LoadBoundaries(snapshot, options.BoundaryPath, values.Keys.ToHashSet(StringComparer.Ordinal), out var boundarySource);
        var mapped = values.Keys.Where(shapes.ContainsKey).ToList();
        if (mapped.Count == 0)
        {
            throw new InvalidOperationException($"The boundaries ({boundarySource}) have none of the {values.Count} LSOAs with values of '{options.Column}' (e.g. {values.Keys.First()}); the LSOA vintage may differ.");
        }

        var sorted = mapped.Select(c => values[c]).Order().ToArray();
        var breaks = Enumerable.Range(1, 9).Select(d => Quantile(sorted, d / 10.0)).ToArray();
        var colormap = new ScottPlot.Colormaps.Viridis();
        Color ColorOf(int decile) => colormap.GetColor(decile / 9.0);
        int DecileOf(double v)
        {
            var d = 0;
            while (d < breaks.Length && v > breaks[d])
            {
                d++;
            }

            return d;
        }

        var names = LakeData.DistrictNames(areas);
        var filterText = options.Filters.Count == 0 ? string.Empty : $" ({string.Join(", ", options.Filters.Values)})";
        var title = options.Title ?? $"{LakeData.Words(options.Column)}{filterText}, {LakeData.AreaLabel(options.AreaCode, names)}: deciles of {mapped.Count} LSOAs";
        var plot = NewPlot(title);
        var latitude = mapped.SelectMany(c => shapes[c]).Average(r => r[1]);
        var xScale = Math.Cos(latitude * Math.PI / 180);

        // Larger areas first, so an area inside another's hole is drawn on top of it.
        foreach (var c in mapped.OrderByDescending(c => Extent(shapes[c])))
        {
            var fill = ColorOf(DecileOf(values[c]));
            foreach (var ring in shapes[c])
            {
                var polygon = plot.Add.Polygon(ToCoordinates(ring, xScale));
                polygon.FillColor = fill;
                polygon.LineColor = Colors.White.WithAlpha(0.35);
                polygon.LineWidth = 0.3f;
            }
        }

        foreach (var (x1, y1, x2, y2) in DistrictEdges(mapped, shapes, members))
        {
            var edge = plot.Add.Line(x1 * xScale, y1, x2 * xScale, y2);
            edge.Color = Colors.Black;
            edge.LineWidth = 1.4f;
        }

        for (var d = 0; d < 10; d++)
        {
            var low = d == 0 ? sorted[0] : breaks[d - 1];
            var high = d == 9 ? sorted[^1] : breaks[d];
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"{G(low)} – {G(high)}",
                FillColor = ColorOf(d),
                LineWidth = 0,
                MarkerShape = MarkerShape.None,
            });
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "district boundary", LineColor = Colors.Black, LineWidth = 1.4f, MarkerShape = MarkerShape.None });
        plot.ShowLegend(Edge.Right);
        plot.Axes.Frameless();
        plot.Axes.Title.IsVisible = true;
        plot.HideGrid();
        plot.Axes.SquareUnits();
        return Render(plot, title, options);
    }

    /// <summary>
    /// The district summary: each district of the area's rank among all districts (1 = most deprived) for each index
    /// side by side, by the rank of average score, or by the rank of average rank for an index without scores (e.g.
    /// IoD2019 Files 1–2; the title says so) (lad_deprivation_summaries).
    /// </summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<ChartResult> DistrictSummaryAsync(LakeSnapshot snapshot, DistrictSummaryChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var table = await snapshot.ReadTableAsync("lad_deprivation_summaries", cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync("areas", cancellationToken).ConfigureAwait(false);
        LakeData.RequireColumns(table, "index_id", "domain", "lad_code", "lad_name", "rank_of_average_score", "rank_of_average_rank");
        var members = LakeData.AreaLsoas(areas, options.AreaCode);
        var districts = members.Values.Select(m => m.LadCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var names = LakeData.DistrictNames(areas);
        var plot = NewPlot(string.Empty);
        var palette = new[] { Color.FromHex("#9ecae1"), Color.FromHex("#08519c"), Color.FromHex("#6baed6"), Color.FromHex("#3182bd") };
        var measures = new List<string>();
        var bars = new List<Bar>();
        var width = options.Indices.Count + 1;
        for (var x = 0; x < options.Indices.Count; x++)
        {
            var index = options.Indices[x];
            var rows = LakeData.Rows(table, ("index_id", index), ("domain", options.Domain));
            if (rows.Count == 0)
            {
                throw new InvalidOperationException($"Table 'lad_deprivation_summaries' has no rows for index '{index}' and domain '{options.Domain}'.");
            }

            var byScore = rows.Any(i => table.Primitive<int>("rank_of_average_score")[i] is not null);
            var rank = table.Primitive<int>(byScore ? "rank_of_average_score" : "rank_of_average_rank");
            measures.Add($"{IndexLabel(index)}: {(byScore ? "rank of average score" : "rank of average rank (no scores in the lake)")}");
            var color = palette[x % palette.Length];
            foreach (var i in rows)
            {
                var d = districts.IndexOf(table.Strings("lad_code")[i]!);
                if (d >= 0 && rank[i] is { } r)
                {
                    bars.Add(new Bar { Position = (d * width) + x, Value = r, FillColor = color, Label = r.ToString(Invariant) });
                }
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{IndexLabel(index)} (of {rows.Count} districts)", FillColor = color, LineWidth = 0, MarkerShape = MarkerShape.None });
        }

        if (bars.Count == 0)
        {
            throw new InvalidOperationException($"Table 'lad_deprivation_summaries' has no ranks for the districts of area '{options.AreaCode}' ({string.Join(", ", districts)}).");
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        barPlot.ValueLabelStyle.FontName = ChartFonts.Family;
        var title = options.Title ?? $"{DomainLabel(options.Domain)} rank among all districts, {LakeData.AreaLabel(options.AreaCode, names)}\n{string.Join("; ", measures)}";
        plot.Title(title);
        plot.Axes.Bottom.SetTicks(
            districts.Select((_, d) => (d * width) + ((options.Indices.Count - 1) / 2.0)).ToArray(),
            districts.Select(d => names.GetValueOrDefault(d, d)).ToArray());
        plot.YLabel("Rank (1 = most deprived)");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return Render(plot, title, options);
    }

    /// <summary>
    /// Trend lines of an indicator across periods by deprivation quintile (<see cref="TrendMeasure.Quintiles"/>), or its
    /// slope index of inequality across periods or deprivation bases (<see cref="TrendMeasure.Sii"/>, from
    /// inequality_gradients and inequality_trends). LSOA series come from inequality_quantiles
    /// (quintiles, or deciles paired into quintiles by population); an indicator published per district (the
    /// <c>indicators</c> table, area type <c>lad</c>, e.g. the ONS Health Index) is drawn as the mean of the districts
    /// in each national quintile of <see cref="TrendChartOptions.DistrictIndex"/>'s rank of average rank.
    /// </summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<ChartResult> TrendAsync(LakeSnapshot snapshot, TrendChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Measure == TrendMeasure.Sii)
        {
            return await SiiTrendAsync(snapshot, options, cancellationToken).ConfigureAwait(false);
        }

        var areas = await snapshot.ReadTableAsync("areas", cancellationToken).ConfigureAwait(false);
        var names = LakeData.DistrictNames(areas);
        var quantiles = await snapshot.ReadTableAsync("inequality_quantiles", cancellationToken).ConfigureAwait(false);
        var rows = LakeData.Rows(quantiles, ("indicator_id", options.IndicatorId), ("source_id", options.SourceId), ("area_code", options.AreaCode));
        SortedDictionary<string, double[]> series;
        string title;
        if (rows.Count > 0)
        {
            var what = $"indicator '{options.IndicatorId}' in area '{options.AreaCode}'";
            var source = UniqueSource(quantiles, rows, what);
            var basis = LakeData.Pick(quantiles, rows, "basis", options.Basis, last: false, what);
            rows = rows.Where(i => quantiles.Strings("basis")[i] == basis && quantiles.Strings("source_id")[i] == source).ToList();
            var fives = rows.Where(i => quantiles.Primitive<int>("quantile_count")[i] == 5).ToList();
            var paired = fives.Count == 0;
            series = QuintilesFromQuantiles(quantiles, paired ? rows.Where(i => quantiles.Primitive<int>("quantile_count")[i] == 10).ToList() : fives, paired);
            title = options.Title ?? $"{LakeData.Words(options.IndicatorId)} by {Basis(basis)} quintile, {LakeData.AreaLabel(options.AreaCode, names)}{(paired ? " (deciles paired)" : string.Empty)}";
        }
        else
        {
            var indicators = await snapshot.ReadTableAsync("indicators", cancellationToken).ConfigureAwait(false);
            var summaries = await snapshot.ReadTableAsync("lad_deprivation_summaries", cancellationToken).ConfigureAwait(false);
            series = QuintilesFromDistricts(indicators, summaries, options, out var districts);
            title = options.Title ?? $"{LakeData.Words(options.IndicatorId)}: mean of districts by {IndexLabel(options.DistrictIndex)} quintile ({districts} districts)";
        }

        if (series.Count == 0)
        {
            throw new InvalidOperationException($"No values of indicator '{options.IndicatorId}' by deprivation quintile were found.");
        }

        if (series.Count == 1)
        {
            title += "\nonly one period in the lake";
        }

        var plot = NewPlot(title);
        var periods = series.Keys.ToArray();
        var xs = Enumerable.Range(0, periods.Length).Select(i => (double)i).ToArray();
        var colormap = new ScottPlot.Colormaps.Viridis();
        var markers = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown };
        for (var q = 0; q < 5; q++)
        {
            var ys = periods.Select(p => series[p][q]).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.Color = colormap.GetColor(q / 4.0 * 0.85);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = markers[q];
            line.LegendText = q switch { 0 => "Q1 (most deprived)", 4 => "Q5 (least deprived)", _ => $"Q{q + 1}" };
        }

        plot.Axes.Bottom.SetTicks(xs, periods);
        plot.Axes.SetLimitsX(-0.5, periods.Length - 0.5);
        plot.XLabel("Period");
        plot.YLabel(LakeData.Words(options.IndicatorId));
        plot.ShowLegend(Edge.Right);
        return Render(plot, title, options);
    }

    private static SortedDictionary<string, double[]> QuintilesFromQuantiles(Table quantiles, List<int> rows, bool paired)
    {
        var result = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(i => quantiles.Strings("period")[i]!))
        {
            var sum = new double[5];
            var weight = new double[5];
            foreach (var i in group)
            {
                var q = quantiles.Primitive<int>("quantile")[i]!.Value;
                var k = paired ? (q - 1) / 2 : q - 1;
                if (k is < 0 or > 4 || quantiles.Primitive<double>("value")[i] is not { } v)
                {
                    continue;
                }

                var w = paired ? quantiles.Primitive<double>("population")[i] ?? 0 : 1;
                sum[k] += w * v;
                weight[k] += w;
            }

            result[group.Key] = sum.Select((s, k) => weight[k] > 0 ? s / weight[k] : double.NaN).ToArray();
        }

        return result;
    }

    private static SortedDictionary<string, double[]> QuintilesFromDistricts(Table indicators, Table summaries, TrendChartOptions options, out int districts)
    {
        LakeData.RequireColumns(indicators, "source_id", "indicator_id", "period", "area_code", "area_type", "value", "sex", "age");
        var rows = LakeData.Rows(indicators, ("indicator_id", options.IndicatorId), ("source_id", options.SourceId), ("area_type", "lad"));
        if (rows.Count == 0)
        {
            throw new InvalidOperationException(
                $"Indicator '{options.IndicatorId}' is neither in inequality_quantiles for area '{options.AreaCode}' nor published per district (area_type lad) in the indicators table.");
        }

        UniqueSource(indicators, rows, $"indicator '{options.IndicatorId}'");
        var summaryRows = LakeData.Rows(summaries, ("index_id", options.DistrictIndex), ("domain", "imd"));
        var rank = summaries.Primitive<int>("rank_of_average_rank");
        var ranked = summaryRows.Where(i => rank[i] is not null).ToList();
        if (ranked.Count == 0)
        {
            throw new InvalidOperationException($"Table 'lad_deprivation_summaries' has no IMD ranks for index '{options.DistrictIndex}'.");
        }

        var quintile = ranked.ToDictionary(i => summaries.Strings("lad_code")[i]!, i => Math.Min(4, (rank[i]!.Value - 1) * 5 / ranked.Count), StringComparer.Ordinal);
        var result = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(i => indicators.Strings("period")[i]!))
        {
            var sum = new double[5];
            var n = new int[5];
            foreach (var i in group)
            {
                // One value per district and period: persons, all ages, where a source breaks values down.
                var sex = indicators.Strings("sex")[i];
                if ((sex is not null && sex != "Persons") || indicators.Primitive<double>("value")[i] is not { } v
                    || !quintile.TryGetValue(indicators.Strings("area_code")[i]!, out var k))
                {
                    continue;
                }

                sum[k] += v;
                n[k]++;
                used.Add(indicators.Strings("area_code")[i]!);
            }

            result[group.Key] = sum.Select((s, k) => n[k] > 0 ? s / n[k] : double.NaN).ToArray();
        }

        districts = used.Count;
        return result;
    }

    private static string UniqueSource(Table table, List<int> rows, string what)
    {
        var sources = rows.Select(i => table.Strings("source_id")[i]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return sources.Count switch
        {
            0 => throw new InvalidOperationException($"Table '{table.Name}' has no rows for {what}."),
            1 => sources[0],
            _ => throw new InvalidOperationException($"Table '{table.Name}' has {what} from several sources ({string.Join(", ", sources)}); choose one with the source option."),
        };
    }

    private static Dictionary<string, List<double[]>> LoadBoundaries(LakeSnapshot snapshot, string? path, HashSet<string> wanted, out string description)
    {
        if (path is not null)
        {
            description = path;
            return BoundaryFile.Read(path, wanted);
        }

        // <lake>/snapshots/<id> → <lake>/raw/<source>/*.geojson: take the polygon file covering most of the wanted LSOAs.
        var raw = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(snapshot.Directory)!)!, "raw");
        var candidates = Directory.Exists(raw)
            ? Directory.EnumerateFiles(raw, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        Dictionary<string, List<double[]>>? best = null;
        description = $"GeoJSON files in '{raw}'";
        foreach (var file in candidates)
        {
            Dictionary<string, List<double[]>> shapes;
            try
            {
                shapes = BoundaryFile.Read(file, wanted);
            }
            catch (InvalidDataException)
            {
                // Not a boundary file (e.g. an ArcGIS point layer's GeoJSON, such as centroids): not a candidate.
                continue;
            }

            if (best is null || shapes.Count > best.Count)
            {
                best = shapes;
                description = file;
            }
        }

        return best ?? throw new InvalidOperationException($"No boundary GeoJSON was found in the lake's raw cache '{raw}'; give a boundary file (BoundaryPath, --boundaries).");
    }

    /// <summary>Edges on a district boundary: shared by areas of two districts, or on the outside of the mapped areas.</summary>
    private static List<(double, double, double, double)> DistrictEdges(List<string> mapped, Dictionary<string, List<double[]>> shapes, Dictionary<string, (string LadCode, string LadName)> members)
    {
        var edges = new Dictionary<(long, long, long, long), (string District, int Count, double X1, double Y1, double X2, double Y2)>();
        foreach (var code in mapped)
        {
            var district = members[code].LadCode;
            foreach (var ring in shapes[code])
            {
                var n = ring.Length / 2;
                for (var i = 0; i < n; i++)
                {
                    var j = (i + 1) % n;
                    double x1 = ring[2 * i], y1 = ring[(2 * i) + 1], x2 = ring[2 * j], y2 = ring[(2 * j) + 1];
                    var a = (Key(x1), Key(y1));
                    var b = (Key(x2), Key(y2));
                    if (a == b)
                    {
                        continue;
                    }

                    var key = a.CompareTo(b) < 0 ? (a.Item1, a.Item2, b.Item1, b.Item2) : (b.Item1, b.Item2, a.Item1, a.Item2);
                    if (edges.TryGetValue(key, out var e))
                    {
                        edges[key] = e with { Count = e.District == district ? e.Count + 1 : -1000 };
                    }
                    else
                    {
                        edges[key] = (district, 1, x1, y1, x2, y2);
                    }
                }
            }
        }

        return edges.Values.Where(e => e.Count is 1 or < 0).Select(e => (e.X1, e.Y1, e.X2, e.Y2)).ToList();
    }

    private static long Key(double coordinate) => (long)Math.Round(coordinate * 1e6);

    private static double Extent(List<double[]> rings)
    {
        double w = double.MaxValue, e = double.MinValue, s = double.MaxValue, n = double.MinValue;
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length; i += 2)
            {
                w = Math.Min(w, ring[i]);
                e = Math.Max(e, ring[i]);
                s = Math.Min(s, ring[i + 1]);
                n = Math.Max(n, ring[i + 1]);
            }
        }

        return (e - w) * (n - s);
    }

    private static Coordinates[] ToCoordinates(double[] ring, double xScale)
    {
        var result = new Coordinates[ring.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new Coordinates(ring[2 * i] * xScale, ring[(2 * i) + 1]);
        }

        return result;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static Plot NewPlot(string title)
    {
        ChartFonts.EnsureRegistered();
        var plot = new Plot();
        plot.Title(title);
        return plot;
    }

    private static ChartResult Render(Plot plot, string title, ChartOptionsBase options)
    {
        // Every label in the bundled font, set after all plottables are added.
        plot.Font.Set(ChartFonts.Family);
        plot.Legend.FontName = ChartFonts.Family;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Axes.Title.Label.FontName = ChartFonts.Family;
        var png = plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png);
        var svg = plot.GetSvgXml(options.Width, options.Height);
        return new ChartResult(title, options.Width, options.Height, png, svg);
    }

    private static string Basis(string basis)
    {
        var parts = basis.Split('/');
        return parts.Length >= 2 ? $"{IndexLabel(parts[0])} {DomainLabel(parts[1])}{(parts.Length > 2 && parts[2] == "local" ? " (local)" : string.Empty)}" : basis;
    }

    private static string IndexLabel(string index) => index.StartsWith("iod", StringComparison.Ordinal) ? "IoD" + index[3..] : index;

    private static string DomainLabel(string domain) => domain switch
    {
        "imd" => "IMD",
        "idaci" => "IDACI",
        "idaopi" => "IDAOPI",
        _ => LakeData.Words(domain).ToLowerInvariant() + " deprivation",
    };

    private static string QuantileWord(int count) => count switch { 5 => "quintile", 10 => "decile", _ => $"{count}-quantile" };

    private static string Filters(IReadOnlyDictionary<string, string> filters) =>
        filters.Count == 0 ? "none" : string.Join(", ", filters.Select(f => $"{f.Key}={f.Value}"));

    private static string F(double? value, string format = "0.0") => value is { } v ? v.ToString(format, Invariant).Replace('-', '−') : "n/a";

    private static string G(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", Invariant);
}
