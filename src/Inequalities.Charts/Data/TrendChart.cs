using Inequalities.Core.Columnar;
using Inequalities.Lake;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The trend chart's data: an indicator by deprivation quintile across periods.</content>
public static partial class Charts
{
    /// <summary>
    /// The trend of an indicator by deprivation quintile across periods from <c>inequality_quantiles</c> (whole, or
    /// filtered by the analyst): the quintiles of a basis, or its deciles paired into quintiles by population.
    /// </summary>
    /// <param name="quantiles">The <c>inequality_quantiles</c> rows.</param>
    /// <param name="options">What to draw (<see cref="TrendChartOptions.Measure"/> is not read: see <see cref="SiiTrend"/>).</param>
    /// <param name="areas">The <c>areas</c> table, for district names in the title; without it the title gives codes.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="InvalidOperationException">A column is missing, or the table has no rows for the indicator in the area.</exception>
    public static TrendChart Trend(Table quantiles, TrendChartOptions options, Table? areas = null)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return LsoaTrend(quantiles, options, areas)
            ?? throw new InvalidOperationException($"Table '{quantiles.Name}' has no rows for indicator '{options.IndicatorId}' in area '{options.AreaCode}'.");
    }

    /// <summary>
    /// The trend of an indicator published per district (the <c>indicators</c> table, area type <c>lad</c>, e.g. the
    /// ONS Health Index) across periods: the unweighted mean of the districts in each national quintile of
    /// <see cref="TrendChartOptions.DistrictIndex"/>'s IMD rank of average rank (<c>lad_deprivation_summaries</c>).
    /// Districts not in that index are left out; the title gives the count.
    /// </summary>
    /// <param name="indicators">The <c>indicators</c> rows (one value per district and period is used: persons, where a source breaks values down by sex).</param>
    /// <param name="summaries">The <c>lad_deprivation_summaries</c> rows; the quintiles are of all the districts the index ranks there.</param>
    /// <param name="options">What to draw.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="InvalidOperationException">A column is missing, the indicator has no district values, or the index no ranks.</exception>
    public static TrendChart DistrictTrend(Table indicators, Table summaries, TrendChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LakeData.RequireColumns(indicators, IndicatorsColumns.SourceId, IndicatorsColumns.IndicatorId, IndicatorsColumns.Period, IndicatorsColumns.AreaCode, IndicatorsColumns.AreaType, IndicatorsColumns.Value, IndicatorsColumns.Sex, IndicatorsColumns.Age);
        var rows = LakeData.WhereSet(indicators, (IndicatorsColumns.IndicatorId, options.IndicatorId), (IndicatorsColumns.SourceId, options.SourceId), (IndicatorsColumns.AreaType, "lad"));
        if (rows.RowCount == 0)
        {
            throw new InvalidOperationException(
                $"Indicator '{options.IndicatorId}' is neither in inequality_quantiles for area '{options.AreaCode}' nor published per district (area_type lad) in the indicators table.");
        }

        LakeData.UniqueSource(rows, $"indicator '{options.IndicatorId}'");
        var ranked = summaries.Where((LadDeprivationSummariesColumns.IndexId, options.DistrictIndex), (LadDeprivationSummariesColumns.Domain, "imd"));
        ranked = ranked.Filter(ranked.Primitive<int>(LadDeprivationSummariesColumns.RankOfAverageRank).Mask(_ => true));
        if (ranked.RowCount == 0)
        {
            throw new InvalidOperationException($"Table '{summaries.Name}' has no IMD ranks for index '{options.DistrictIndex}'.");
        }

        var rank = ranked.Primitive<int>(LadDeprivationSummariesColumns.RankOfAverageRank);
        var lad = ranked.Strings(LadDeprivationSummariesColumns.LadCode);
        var quintile = Enumerable.Range(0, ranked.RowCount).ToDictionary(i => lad[i]!, i => Math.Min(4, (rank[i]!.Value - 1) * 5 / ranked.RowCount), StringComparer.Ordinal);
        var period = rows.Strings(IndicatorsColumns.Period);
        var sex = rows.Strings(IndicatorsColumns.Sex);
        var value = rows.Primitive<double>(IndicatorsColumns.Value);
        var area = rows.Strings(IndicatorsColumns.AreaCode);
        var sums = new Dictionary<string, (double[] Sum, int[] N)>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (!sums.TryGetValue(period[i]!, out var group))
            {
                sums[period[i]!] = group = (new double[5], new int[5]);
            }

            // One value per district and period: persons, all ages, where a source breaks values down.
            if ((sex[i] is { } s && s != "Persons") || value[i] is not { } v || !quintile.TryGetValue(area[i]!, out var k))
            {
                continue;
            }

            group.Sum[k] += v;
            group.N[k]++;
            used.Add(area[i]!);
        }

        var series = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (p, (sum, n)) in sums)
        {
            series[p] = sum.Select((x, k) => n[k] > 0 ? x / n[k] : double.NaN).ToArray();
        }

        var title = options.Title ?? $"{ChartLabels.Words(options.IndicatorId)}: mean of districts by {ChartLabels.Index(options.DistrictIndex)} quintile ({ChartLabels.N(used.Count)} districts)";
        return TrendOf(title, options, series, basis: null, paired: false, used.Count);
    }

    /// <summary>The LSOA series of <c>inequality_quantiles</c>, or null when the table has no rows for the indicator in the area.</summary>
    internal static TrendChart? LsoaTrend(Table quantiles, TrendChartOptions options, Table? areas)
    {
        var rows = LakeData.WhereSet(quantiles, (InequalityQuantilesColumns.IndicatorId, options.IndicatorId), (InequalityQuantilesColumns.SourceId, options.SourceId), (InequalityQuantilesColumns.AreaCode, options.AreaCode));
        if (rows.RowCount == 0)
        {
            return null;
        }

        var what = $"indicator '{options.IndicatorId}' in area '{options.AreaCode}'";
        var source = LakeData.UniqueSource(rows, what);
        var basis = LakeData.Pick(rows, InequalityQuantilesColumns.Basis, options.Basis, last: false, what);
        rows = rows.Where((InequalityQuantilesColumns.Basis, basis), (InequalityQuantilesColumns.SourceId, source));
        var fives = rows.Where((InequalityQuantilesColumns.QuantileCount, 5));
        var paired = fives.RowCount == 0;
        var used = paired ? rows.Where((InequalityQuantilesColumns.QuantileCount, 10)) : fives;
        var period = used.Strings(InequalityQuantilesColumns.Period);
        var quantile = used.Primitive<int>(InequalityQuantilesColumns.Quantile);
        var value = used.Primitive<double>(InequalityQuantilesColumns.Value);
        var population = used.Primitive<double>(InequalityQuantilesColumns.Population);
        var sums = new Dictionary<string, (double[] Sum, double[] Weight)>(StringComparer.Ordinal);
        for (var i = 0; i < used.RowCount; i++)
        {
            if (!sums.TryGetValue(period[i]!, out var group))
            {
                sums[period[i]!] = group = (new double[5], new double[5]);
            }

            var q = quantile[i]!.Value;
            var k = paired ? (q - 1) / 2 : q - 1;
            if (k is < 0 or > 4 || value[i] is not { } v)
            {
                continue;
            }

            var w = paired ? population[i] ?? 0 : 1;
            group.Sum[k] += w * v;
            group.Weight[k] += w;
        }

        var series = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (p, (sum, weight)) in sums)
        {
            series[p] = sum.Select((s, k) => weight[k] > 0 ? s / weight[k] : double.NaN).ToArray();
        }

        var title = options.Title ?? $"{ChartLabels.Words(options.IndicatorId)} by {ChartLabels.Basis(basis)} quintile, {ChartLabels.Area(options.AreaCode, LakeData.DistrictNames(areas))}{(paired ? " (deciles paired)" : string.Empty)}";
        return TrendOf(title, options, series, basis, paired, districtCount: null);
    }

    private static TrendChart TrendOf(string title, TrendChartOptions options, SortedDictionary<string, double[]> series, string? basis, bool paired, int? districtCount)
    {
        if (series.Count == 0)
        {
            throw new InvalidOperationException($"No values of indicator '{options.IndicatorId}' by deprivation quintile were found.");
        }

        if (series.Count == 1)
        {
            title += "\nonly one period in the lake";
        }

        var quintiles = Enumerable.Range(0, 5).Select(q => new TrendSeries(q + 1, series.Values.Select(v => v[q]).ToArray())).ToList();
        return new TrendChart(title, options, [.. series.Keys], quintiles, basis, paired, districtCount);
    }
}

/// <summary>The numbers of the trend chart (<see cref="Charts.Trend"/>, <see cref="Charts.DistrictTrend"/>).</summary>
public sealed class TrendChart : ChartResult
{
    internal TrendChart(string title, TrendChartOptions options, IReadOnlyList<string> periods, IReadOnlyList<TrendSeries> quintiles, string? basis, bool paired, int? districtCount)
        : base(title, options.Width, options.Height)
    {
        IndicatorId = options.IndicatorId;
        Periods = periods;
        Quintiles = quintiles;
        Basis = basis;
        DecilesPaired = paired;
        DistrictCount = districtCount;
    }

    /// <summary>The indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>The periods, in ordinal order (the x axis).</summary>
    public IReadOnlyList<string> Periods { get; }

    /// <summary>Five series, Q1 (most deprived) to Q5, each with one value per period (NaN where none).</summary>
    public IReadOnlyList<TrendSeries> Quintiles { get; }

    /// <summary>The deprivation basis of LSOA series; null for district means.</summary>
    public string? Basis { get; }

    /// <summary>Whether the quintiles are deciles paired by population (the basis has no quintiles).</summary>
    public bool DecilesPaired { get; }

    /// <summary>For district means: the districts averaged; null for LSOA series.</summary>
    public int? DistrictCount { get; }

    /// <inheritdoc />
    public override Plot ToPlot() => TrendDrawing.Draw(this);
}

/// <summary>One quintile's line of a <see cref="TrendChart"/>.</summary>
/// <param name="Quintile">The quintile, 1 (most deprived) to 5.</param>
/// <param name="Values">One value per period of <see cref="TrendChart.Periods"/> (NaN where none).</param>
public sealed record TrendSeries(int Quintile, IReadOnlyList<double> Values);
