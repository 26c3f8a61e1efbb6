using Inequalities.Charts;
using Inequalities.Core.Columnar;
using Inequalities.Lake;

namespace Inequalities.Briefing;

/// <summary>The need map (an LSOA choropleth) and the asset-versus-need section with its priority neighbourhoods.</summary>
internal static class NeedSections
{
    /// <summary>What the need map shows and which LSOAs have a value.</summary>
    private sealed record NeedMeasure(string TableName, Table Table, string Column, IReadOnlyDictionary<string, string> Filters, string Label, string SourceTable);

    public static async Task<(BriefFigure? Map, string? Missing, List<Neighbourhood> Highest, string? BoundarySource)> MapAsync(
        BriefData data, BriefArea area, BriefOptions options)
    {
        var measure = await MeasureAsync(data, area).ConfigureAwait(false);
        if (measure is null)
        {
            return (null, $"Snapshot {data.Snapshot.Id} has neither an asset_need table nor Index of Multiple Deprivation scores, so there is no need to map.", [], null);
        }

        var values = Values(data, area, measure);
        var highest = values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(10)
            .Select(v => Neighbourhood(data, v.Key, v.Value, null, null, null)).ToList();
        if (values.Count == 0)
        {
            return (null, $"The lake has no {measure.Label} for a neighbourhood of {area.Name}.", highest, null);
        }

        ChoroplethChart chart;
        try
        {
            chart = Charts.Charts.Choropleth(data.Snapshot, measure.Table, data.Areas, new ChoroplethChartOptions
            {
                Table = measure.TableName,
                Column = measure.Column,
                Filters = measure.Filters,
                AreaCode = area.Code,
                Width = 900,
                Height = 640,
                Title = $"{Words.Capital(measure.Label)}, {area.Name}: ten classes at its deciles",
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
        {
            return (null, $"No map could be drawn: {ex.Message}", highest, null);
        }

        if (chart.Areas.Count < options.MinimumMapCoverage * values.Count)
        {
            return (null,
                $"The lake's boundary files cover {Words.Whole(chart.Areas.Count)} of the {Words.Whole(values.Count)} neighbourhoods of {area.Name} with a {measure.Label}, " +
                $"so no map is drawn (a map needs {options.MinimumMapCoverage:P0} of them); add a boundaries source that covers the area.",
                highest,
                null);
        }

        var rows = chart.Classes.Select(c => (IReadOnlyList<string>)[
            $"{c.Class + 1}{(c.Class == 0 ? " (lowest)" : c.Class == 9 ? " (highest)" : string.Empty)}",
            Words.Number(c.Low),
            Words.Number(c.High),
            Words.Whole(chart.Areas.Count(a => a.Class == c.Class)),
        ]).ToList();
        var table = new BriefTable($"The map's ten classes of {measure.Label}", ["Class", "From", "To", "Neighbourhoods"], rows);
        var alt = $"Map of {area.Name}'s {Words.Whole(chart.Areas.Count)} neighbourhoods (LSOAs) shaded by {measure.Label} in ten classes at its deciles, "
            + "from dark purple (lowest) to yellow (highest), with district boundaries outlined. "
            + (highest.Count > 0 ? $"The highest is {highest[0].Name}{(highest[0].Ward is { } w ? $" in {w} ward" : string.Empty)} ({Words.Number(highest[0].NeedScore)}). " : string.Empty)
            + "The table below gives each class's range; the ten neighbourhoods with the highest values are listed after it.";
        var notes = new List<string> { $"Mapped: {measure.Label}, from the lake's {measure.SourceTable} table. Boundaries: {Path.GetFileName(Path.GetDirectoryName(chart.BoundarySource))} (its raw copy in the lake)." };
        return (new BriefFigure($"Where need is highest: {measure.Label}", chart, alt, table, notes), null, highest, chart.BoundarySource);
    }

    public static (BriefFigure? Chart, string? Missing, List<Neighbourhood> Priority, (int, double) Total) Assets(BriefData data, BriefArea area, BriefOptions options)
    {
        if (data.AssetNeed is not { } table)
        {
            return (null,
                $"Snapshot {data.Snapshot.Id} has no asset-versus-need tables: no community-business register (catalogue kind: assets) was in the refresh, " +
                "so where assets are thin relative to need cannot be shown.",
                [], (0, 0));
        }

        var rows = AssetNeedRows(data, area)!;
        if (rows.RowCount == 0)
        {
            var covered = BriefData.Distinct(table, AssetNeedColumns.LadCode).Select(data.DistrictName);
            return (null, $"The asset_need table has no neighbourhood in {area.Name}: its registers cover {string.Join(", ", covered)}.", [], (0, 0));
        }

        AssetNeedChart chart;
        try
        {
            chart = Charts.Charts.AssetNeed(rows, new AssetNeedChartOptions { AreaCode = area.Code, Width = 900, Height = 600 }, data.Areas);
        }
        catch (InvalidOperationException ex)
        {
            return (null, $"The asset-versus-need chart cannot be drawn: {ex.Message}", [], (0, 0));
        }

        var code = rows.Strings(AssetNeedColumns.LsoaCode);
        var lad = rows.Strings(AssetNeedColumns.LadCode);
        var quadrant = rows.Strings(AssetNeedColumns.Quadrant);
        var need = rows.Primitive<double>(AssetNeedColumns.NeedScore);
        var decile = rows.Primitive<int>(AssetNeedColumns.NeedDecile);
        var density = rows.Primitive<double>(AssetNeedColumns.AssetsPer10k);
        var gap = rows.Contains(AssetNeedColumns.AssetGap) ? rows.Primitive<double>(AssetNeedColumns.AssetGap) : null;
        var population = rows.Primitive<double>(AssetNeedColumns.Population);
        var priority = new List<Neighbourhood>();
        var byDistrict = new SortedDictionary<string, (int Lsoas, int Priority, double People)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.RowCount; i++)
        {
            var district = lad[i] ?? string.Empty;
            var (n, p, people) = byDistrict.GetValueOrDefault(district);
            var isPriority = quadrant[i] == "high_need_low_assets";
            byDistrict[district] = (n + 1, p + (isPriority ? 1 : 0), people + (isPriority ? population[i] ?? 0 : 0));
            if (isPriority && code[i] is { } c)
            {
                priority.Add(Neighbourhood(data, c, need[i] ?? double.NaN, decile[i], density[i], gap?[i]) with { Population = population[i] });
            }
        }

        var ordered = priority.OrderByDescending(p => p.NeedScore).ThenBy(p => p.LsoaCode, StringComparer.Ordinal).ToList();
        var total = (ordered.Count, ordered.Sum(p => p.Population ?? 0));
        var summary = new BriefTable(
            $"Neighbourhoods of {area.Name} in the chart, by district",
            ["District", "Neighbourhoods", "High need, low assets", "Residents in them"],
            byDistrict.Select(d => (IReadOnlyList<string>)[data.DistrictName(d.Key), Words.Whole(d.Value.Lsoas), Words.Whole(d.Value.Priority), Words.Whole(d.Value.People)]).ToList());
        var alt = $"Scatter chart of {Words.Whole(chart.LsoaCount)} neighbourhoods of {area.Name}: need score (across) against community organisations per 10,000 residents (up), "
            + "one colour and marker per district"
            + (chart.HighNeedFrom is { } x ? $", a line where high need starts (need score {Words.Number(x)})" : string.Empty)
            + (chart.LowAssetsTo is { } y ? $" and a line where low assets end ({Words.Number(y)} per 10,000)" : string.Empty)
            + $". {Words.Whole(total.Item1)} neighbourhoods are high need with low assets, home to {Words.Whole(total.Item2)} people; they are listed below the table.";
        var notes = new List<string>
        {
            "High need: need deciles 1 to 3 nationally (decile 1 = the 10% with most need); low assets: the lowest 30% of the study area by organisations per 10,000 residents (the catalogue's asset_need settings).",
        };
        return (new BriefFigure("Community assets against need", chart, alt, summary, notes), null, ordered.Take(options.MaxPriorityNeighbourhoods).ToList(), total);
    }

    /// <summary>The area's rows of asset_need (null when the lake has none).</summary>
    public static Table? AssetNeedRows(BriefData data, BriefArea area) => data.AssetNeed is not { } table ? null
        : area.Code == BriefData.England ? table
        : area.Kind == "combined authority" ? table.Where((AssetNeedColumns.CauthCode, area.Code))
        : area.Kind == "region" ? table.WhereAnyOf(AssetNeedColumns.LsoaCode, RegionLsoas(data, area.Code).Select(c => (CellValue)c))
        : table.Where((AssetNeedColumns.LadCode, area.Code));

    /// <summary>The asset_need need score where that table covers every LSOA 2021 of the area (its study area may be smaller), else the newest index's IMD score.</summary>
    private static async Task<NeedMeasure?> MeasureAsync(BriefData data, BriefArea area)
    {
        if (data.AssetNeed is { } assetNeed && assetNeed.Column(AssetNeedColumns.NeedScore).NullCount < assetNeed.RowCount && Covers(data, area, assetNeed))
        {
            return new NeedMeasure(TableNames.AssetNeed, assetNeed, AssetNeedColumns.NeedScore, new Dictionary<string, string>(StringComparer.Ordinal), "need score", TableNames.AssetNeed);
        }

        if (await data.DeprivationAsync().ConfigureAwait(false) is not { } deprivation)
        {
            return null;
        }

        var imd = deprivation.Where((DeprivationColumns.Domain, "imd"));
        var index = BriefData.Distinct(imd, DeprivationColumns.IndexId)
            .Where(i => imd.Where((DeprivationColumns.IndexId, i)).Column(DeprivationColumns.Score).NullCount < imd.Where((DeprivationColumns.IndexId, i)).RowCount)
            .OrderBy(i => i.StartsWith("iod", StringComparison.Ordinal) ? 0 : 1)
            .ThenByDescending(i => i, StringComparer.Ordinal)
            .FirstOrDefault();
        if (index is null)
        {
            return null;
        }

        var label = $"{Words.Index(index)} Index of Multiple Deprivation score";
        return new NeedMeasure(TableNames.Deprivation, deprivation, DeprivationColumns.Score, new Dictionary<string, string>(StringComparer.Ordinal) { [DeprivationColumns.IndexId] = index, [DeprivationColumns.Domain] = "imd" }, label, TableNames.Deprivation);
    }

    /// <summary>The measure's value for each neighbourhood of the area.</summary>
    private static Dictionary<string, double> Values(BriefData data, BriefArea area, NeedMeasure measure)
    {
        var members = AreaLsoas(data, area);
        var rows = measure.Table.Where([.. measure.Filters.Select(f => (f.Key, (CellValue)f.Value))]);
        var code = rows.Strings(AreasColumns.LsoaCode);
        var value = rows.Primitive<double>(measure.Column);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (code[i] is { } c && value[i] is { } v && double.IsFinite(v) && members.Contains(c))
            {
                result.TryAdd(c, v);
            }
        }

        return result;
    }

    private static bool Covers(BriefData data, BriefArea area, Table assetNeed)
    {
        var scored = BriefData.Distinct(assetNeed, AssetNeedColumns.LsoaCode).ToHashSet(StringComparer.Ordinal);
        return BriefData.Distinct(AreaRows(data, area).Where((AreasColumns.LsoaVintage, 2021)), AreasColumns.LsoaCode).All(scored.Contains);
    }

    private static HashSet<string> AreaLsoas(BriefData data, BriefArea area) => [.. BriefData.Distinct(AreaRows(data, area), AreasColumns.LsoaCode)];

    private static Table AreaRows(BriefData data, BriefArea area) => area.Code == BriefData.England
        ? data.Areas
        : data.Areas.Where((area.Kind switch { "combined authority" => AreasColumns.CauthCode, "region" => AreasColumns.RegionCode, _ => AreasColumns.LadCode }, area.Code));

    private static List<string> RegionLsoas(BriefData data, string region) => BriefData.Distinct(data.Areas.Where((AreasColumns.RegionCode, region)), AreasColumns.LsoaCode);

    private static Neighbourhood Neighbourhood(BriefData data, string code, double need, int? decile, double? density, double? gap)
    {
        var (name, ward, district, population) = data.Lsoas.TryGetValue(code, out var l) ? l : (code, null, string.Empty, null);
        return new Neighbourhood(code, name, ward, district, population, need, decile, density, gap);
    }
}
