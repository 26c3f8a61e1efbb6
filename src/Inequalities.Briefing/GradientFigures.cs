using Inequalities.Charts;
using Inequalities.Core.Columnar;
using Inequalities.Lake;

namespace Inequalities.Briefing;

/// <summary>The gradient charts of the steepest findings and the district-summary ranks, each with its table.</summary>
internal static class GradientFigures
{
    public static List<BriefFigure> Build(BriefData data, BriefArea area, IReadOnlyList<Headline> headlines, int count = 3)
    {
        var figures = new List<BriefFigure>();
        foreach (var h in headlines.Where(h => h.IsFinding).Take(count))
        {
            GradientChart chart;
            try
            {
                chart = Charts.Charts.Gradient(data.Quantiles, data.Gradients, Options(h, area), data.Areas);
            }
            catch (InvalidOperationException)
            {
                // The lake has the slope but not the quantile rows to draw: the headline stands, without a chart.
                continue;
            }

            var unit = h.QuantileCount == 5 ? "Quintile" : "Decile";
            var rows = chart.Points.Select(p => (IReadOnlyList<string>)[
                p.Quantile == 1 ? $"{p.Quantile} (most deprived)" : p.Quantile == chart.Points.Count ? $"{p.Quantile} (least deprived)" : $"{p.Quantile}",
                Words.Whole(p.Population),
                double.IsNaN(p.Value) ? "no value" : Words.Number(p.Value),
                double.IsNaN(p.HalfInterval) ? "no interval" : $"{Words.Number(p.Value - p.HalfInterval)} to {Words.Number(p.Value + p.HalfInterval)}",
            ]).ToList();
            var table = new BriefTable(
                $"{h.IndicatorName} by {unit.ToLowerInvariant()}, {area.Name}, {h.Period}: the numbers in the chart",
                [$"{unit} (1 = most deprived)", "Population", "Value", "95% CI"],
                rows);
            var notes = new List<string>
            {
                $"Deprivation basis: {Words.Basis(h.Basis, h.QuantileCount)}. Period: {h.Period}." + (h.Unit is { } u ? $" Units: {u}." : string.Empty),
                $"Quantile method slope index: {Slope(chart.QuantileMethod)}. LSOA method: {Slope(chart.LsoaMethod)}. The headline uses the {Words.Method(h.Method)}.",
            };
            var first = chart.Points.FirstOrDefault();
            var last = chart.Points.LastOrDefault();
            var alt = $"Chart of {h.IndicatorName.ToLowerInvariant()} in {area.Name}, {h.Period}, in each {unit.ToLowerInvariant()} of {Words.Basis(h.Basis, h.QuantileCount)}, "
                + $"plotted at its population midpoint from the most deprived (left) to the least deprived (right), with 95% intervals and the fitted slope. "
                + (first != default && last != default ? $"The value is {Words.Number(first.Value)} in the most deprived {unit.ToLowerInvariant()} and {Words.Number(last.Value)} in the least deprived; " : string.Empty)
                + $"slope index of inequality {Slope(chart.QuantileMethod)}. The table below gives every value.";
            figures.Add(new BriefFigure($"{h.Rank}. {h.IndicatorName}", chart, alt, table, notes));
        }

        return figures;
    }

    /// <summary>The district-summary chart of the area's districts on IoD2019 and IoD2025, or why there is none.</summary>
    public static (BriefFigure? Figure, string? Missing) Ranks(BriefData data, BriefArea area)
    {
        if (area.Code == BriefData.England)
        {
            return (null, "England is the whole of the district ranking, so it has no rank of its own; its districts' ranks are in their own briefings.");
        }

        if (data.Summaries is not { } summaries)
        {
            return (null, $"Snapshot {data.Snapshot.Id} has no lad_deprivation_summaries table, so the district ranks cannot be shown.");
        }

        var indices = new[] { "iod2019", "iod2025" }.Where(i => TableFilters.Where(summaries, (LadDeprivationSummariesColumns.IndexId, i), (LadDeprivationSummariesColumns.Domain, "imd")).RowCount > 0).ToList();
        if (indices.Count == 0)
        {
            return (null, "The lake's lad_deprivation_summaries has no IoD2019 or IoD2025 Index of Multiple Deprivation rows.");
        }

        var missing = new[] { "iod2019", "iod2025" }.Except(indices).ToList();
        DistrictSummaryChart chart;
        try
        {
            chart = Charts.Charts.DistrictSummary(summaries, data.Areas, new DistrictSummaryChartOptions { AreaCode = area.Code, Indices = indices, Width = 900, Height = 520 });
        }
        catch (InvalidOperationException ex)
        {
            return (null, $"The district ranks cannot be shown: {ex.Message}");
        }

        var columns = new List<string> { "District" };
        columns.AddRange(chart.Indices.Select(i => $"{Words.Index(i.IndexId)} rank of {(i.ByScore ? "average score" : "average rank")} (1 = most deprived of {i.DistrictCount})"));
        var rows = chart.Districts.Select(d => (IReadOnlyList<string>)[
            d.Name,
            .. chart.Indices.Select((_, x) => chart.Ranks.FirstOrDefault(r => r.LadCode == d.Code && r.Index == x) is { Rank: > 0 } r ? Words.Whole(r.Rank) : "not ranked"),
        ]).ToList();
        var table = new BriefTable($"District ranks on the Index of Multiple Deprivation, {area.Name}", columns, rows);
        var text = string.Join("; ", chart.Districts.Select(d => $"{d.Name} {string.Join(" and ", chart.Indices.Select((i, x) => $"{(chart.Ranks.FirstOrDefault(r => r.LadCode == d.Code && r.Index == x) is { Rank: > 0 } r ? Words.Whole(r.Rank) : "not ranked")} on {Words.Index(i.IndexId)}"))}"));
        var alt = $"Bar chart of the rank of each district of {area.Name} among England's districts on the Index of Multiple Deprivation, "
            + $"{string.Join(" and ", chart.Indices.Select(i => Words.Index(i.IndexId)))} side by side (1 = most deprived): {text}.";
        var notes = new List<string>();
        if (missing.Count > 0)
        {
            notes.Add($"The lake has no {string.Join(" or ", missing.Select(Words.Index))} district summary, so it is not shown.");
        }

        notes.Add("Ranks compare districts of the index's own vintage (IoD2019: 2019 districts; IoD2025: 2024 districts).");
        return (new BriefFigure("District ranks, IoD2019 and IoD2025", chart, alt, table, notes), null);
    }

    private static GradientChartOptions Options(Headline h, BriefArea area) => new()
    {
        IndicatorId = h.IndicatorId,
        SourceId = h.SourceId,
        AreaCode = area.Code,
        Basis = h.Basis,
        Period = h.Period,
        QuantileCount = h.QuantileCount,
        Width = 900,
        Height = 560,
    };

    private static string Slope(SlopeIndex? s) => s?.Sii is { } sii
        ? $"{Words.Number(sii)} (95% CI {Words.Number(s.SiiLower ?? double.NaN)} to {Words.Number(s.SiiUpper ?? double.NaN)})"
        : s is null ? "none in the lake" : $"none ({Words.Reason(s.Reason)})";
}
