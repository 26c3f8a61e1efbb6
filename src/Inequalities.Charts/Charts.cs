using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Charts;

/// <summary>
/// The charts of the lake, the one entry point. Each chart has two forms:
/// <list type="bullet">
/// <item>from tables (<see cref="Gradient"/>, <see cref="AssetNeed"/>, <see cref="Choropleth(Table, Table, ChoroplethChartOptions)"/>,
/// <see cref="DistrictSummary"/>, <see cref="Trend"/>, <see cref="DistrictTrend"/>, <see cref="SiiTrend"/>): the lake
/// tables it needs, whole or filtered by the analyst (e.g. with <see cref="TableFilters.Where"/>);</item>
/// <item>from a snapshot (<see cref="GradientAsync"/>, <see cref="AssetNeedAsync"/>, <see cref="ChoroplethAsync"/>,
/// <see cref="DistrictSummaryAsync"/>, <see cref="TrendAsync"/>): reads those tables and calls the first form.</item>
/// </list>
/// Both give the chart's numbers (a <see cref="ChartResult"/> of the chart's kind, e.g. <see cref="GradientChart.Points"/>),
/// its ScottPlot plot to adjust (<see cref="ChartResult.ToPlot"/>, <see cref="ChartResult.WithPlot"/>), and the image,
/// rendered in the bundled DejaVu Sans to PNG and SVG (<see cref="ChartResult.ToPng"/>, <see cref="ChartResult.Save"/>).
/// Bad options or missing data throw with a message naming the table, column or value and what exists instead.
/// </summary>
public static partial class Charts
{
    /// <summary>The font family of every label: the bundled DejaVu Sans. Set it on text you add to a chart's plot to match.</summary>
    public const string FontFamily = ChartFonts.Family;

    /// <summary>The gradient chart (<see cref="Gradient"/>) of a snapshot's inequality_quantiles and inequality_gradients.</summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<GradientChart> GradientAsync(LakeSnapshot snapshot, GradientChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var quantiles = await snapshot.ReadTableAsync(TableNames.InequalityQuantiles, cancellationToken).ConfigureAwait(false);
        var gradients = await snapshot.ReadTableAsync(TableNames.InequalityGradients, cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false);
        return Gradient(quantiles, gradients, options, areas);
    }

    /// <summary>The asset-versus-need scatter (<see cref="AssetNeed"/>) of a snapshot's asset_need table.</summary>
    /// <param name="snapshot">The lake snapshot (it needs the asset_need table).</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<AssetNeedChart> AssetNeedAsync(LakeSnapshot snapshot, AssetNeedChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var table = await snapshot.ReadTableAsync(TableNames.AssetNeed, cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false);
        return AssetNeed(table, options, areas);
    }

    /// <summary>
    /// A choropleth (<see cref="Choropleth(Table, Table, ChoroplethChartOptions)"/>) of a snapshot's
    /// <see cref="ChoroplethChartOptions.Table"/>; the boundaries come from <see cref="ChoroplethChartOptions.BoundaryPath"/>
    /// or the GeoJSON files of the lake's raw cache (the one covering most of the mapped LSOAs).
    /// </summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<ChoroplethChart> ChoroplethAsync(LakeSnapshot snapshot, ChoroplethChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var table = await snapshot.ReadTableAsync(options.Table, cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false);
        return Choropleth(table, areas, options, BoundaryFile.FromSnapshot(snapshot, options.BoundaryPath));
    }

    /// <summary>
    /// A choropleth of a table already read from <paramref name="snapshot"/> (e.g. filtered, or read once for several
    /// areas), with the boundaries found as <see cref="ChoroplethAsync"/> finds them: <see cref="ChoroplethChartOptions.BoundaryPath"/>,
    /// or the GeoJSON files of the lake's raw cache.
    /// </summary>
    /// <param name="snapshot">The snapshot the tables come from (its lake's raw cache holds the boundaries).</param>
    /// <param name="table">Any table with <c>lsoa_code</c> and the numeric column.</param>
    /// <param name="areas">The <c>areas</c> table.</param>
    /// <param name="options">What to draw.</param>
    public static ChoroplethChart Choropleth(LakeSnapshot snapshot, Table table, Table areas, ChoroplethChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        return Choropleth(table, areas, options, BoundaryFile.FromSnapshot(snapshot, options.BoundaryPath));
    }

    /// <summary>The district summary (<see cref="DistrictSummary"/>) of a snapshot's lad_deprivation_summaries.</summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<DistrictSummaryChart> DistrictSummaryAsync(LakeSnapshot snapshot, DistrictSummaryChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var table = await snapshot.ReadTableAsync(TableNames.LadDeprivationSummaries, cancellationToken).ConfigureAwait(false);
        var areas = await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false);
        return DistrictSummary(table, areas, options);
    }

    /// <summary>
    /// Trend lines of an indicator across periods by deprivation quintile (<see cref="TrendMeasure.Quintiles"/>): a
    /// <see cref="TrendChart"/> of the LSOA series in inequality_quantiles (<see cref="Trend"/>), or, for an indicator
    /// not there, of the districts' values in the indicators table (<see cref="DistrictTrend"/>). With
    /// <see cref="TrendMeasure.Sii"/>, a <see cref="SiiTrendChart"/> of its slope index of inequality across periods or
    /// deprivation bases (<see cref="SiiTrend"/>, with inequality_trends when the snapshot has it).
    /// </summary>
    /// <param name="snapshot">The lake snapshot.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<ChartResult> TrendAsync(LakeSnapshot snapshot, TrendChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var areas = await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false);
        if (options.Measure == TrendMeasure.Sii)
        {
            var gradients = await snapshot.ReadTableAsync(TableNames.InequalityGradients, cancellationToken).ConfigureAwait(false);
            var trends = snapshot.Manifest.Tables.Any(t => t.Name == TableNames.InequalityTrends)
                ? await snapshot.ReadTableAsync(TableNames.InequalityTrends, cancellationToken).ConfigureAwait(false)
                : null;
            return SiiTrend(gradients, options, trends, areas);
        }

        var quantiles = await snapshot.ReadTableAsync(TableNames.InequalityQuantiles, cancellationToken).ConfigureAwait(false);
        if (LsoaTrend(quantiles, options, areas) is { } lsoa)
        {
            return lsoa;
        }

        var indicators = await snapshot.ReadTableAsync(TableNames.Indicators, cancellationToken).ConfigureAwait(false);
        var summaries = await snapshot.ReadTableAsync(TableNames.LadDeprivationSummaries, cancellationToken).ConfigureAwait(false);
        return DistrictTrend(indicators, summaries, options);
    }
}
