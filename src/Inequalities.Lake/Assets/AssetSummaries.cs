using Inequalities.Core.Columnar;
using Inequalities.Core.Need;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Assets;

/// <summary>The area tables: <c>asset_need_deciles</c>, <c>asset_need_summary</c> and <c>asset_category_summary</c>.</summary>
internal static class AssetSummaries
{
    /// <summary>The summary groups: area type, code and name of each LSOA's group.</summary>
    public static IEnumerable<(string Type, string Code, string? Name, List<LsoaMeasure> Rows)> Groups(List<LsoaMeasure> rows, AssetNeedSettings settings)
    {
        foreach (var type in settings.SummaryAreas)
        {
            if (type == "study_area")
            {
                var code = settings.StudyArea.Count == 1 ? settings.StudyArea[0] : "study_area";
                yield return (type, code, null, rows);
                continue;
            }

            Func<LsoaMeasure, string?> key = type switch
            {
                "lad" => r => r.LadCode,
                "combined_authority" => r => r.CauthCode,
                _ => r => r.RegionCode,
            };
            foreach (var g in rows.Where(r => key(r) is not null).GroupBy(r => key(r)!).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                yield return (type, g.Key, type == "lad" ? g.First().LadName : null, g.ToList());
            }
        }
    }

    public static Table Deciles(List<LsoaMeasure> rows, AssetNeedSettings settings)
    {
        var code = new List<string>();
        var type = new List<string>();
        var decile = new List<int>();
        var lsoas = new List<int>();
        var pop = new List<double>();
        var assets = new List<int>();
        var density = new List<double?>();
        foreach (var (t, c, _, members) in Groups(rows, settings))
        {
            foreach (var g in members.Where(r => r.NeedDecile is not null && r.Population is not null).GroupBy(r => r.NeedDecile!.Value).OrderBy(g => g.Key))
            {
                var p = g.Sum(r => r.Population!.Value);
                var a = g.Sum(r => r.AssetCount);
                code.Add(c);
                type.Add(t);
                decile.Add(g.Key);
                lsoas.Add(g.Count());
                pop.Add(p);
                assets.Add(a);
                density.Add(p > 0 ? a * 10_000 / p : null);
            }
        }

        return new TableBuilder(TableNames.AssetNeedDeciles)
            .Add(AssetNeedDecilesColumns.AreaCode, code)
            .Add(AssetNeedDecilesColumns.AreaType, type)
            .Add<int>(AssetNeedDecilesColumns.NeedDecile, [.. decile])
            .Add<int>(AssetNeedDecilesColumns.Lsoas, [.. lsoas])
            .Add<double>(AssetNeedDecilesColumns.Population, [.. pop])
            .Add<int>(AssetNeedDecilesColumns.AssetCount, [.. assets])
            .AddNullable<double>(AssetNeedDecilesColumns.AssetsPer10k, [.. density])
            .Build();
    }

    public static Table Summary(List<LsoaMeasure> rows, AssetNeedSettings settings)
    {
        var b = new SummaryColumns();
        foreach (var (type, code, name, members) in Groups(rows, settings))
        {
            var withPop = members.Where(r => r.Population is not null).ToList();
            var population = withPop.Sum(r => r.Population!.Value);
            var assets = members.Sum(r => r.AssetCount);
            var priority = members.Where(r => r.Quadrant == AssetMeasures.HighNeedLowAssets).ToList();
            var graded = withPop.Where(r => r.NeedDecile is not null).ToList();
            var gradient = AssetGradient.Calculate(
                [.. graded.Select(r => r.NeedDecile!.Value)],
                [.. graded.Select(r => r.AssetsPer10k!.Value)],
                [.. graded.Select(r => r.Population!.Value)]);
            b.Add(
                new SummaryRow(
                    code,
                    type,
                    name,
                    members.Count,
                    population,
                    assets,
                    population > 0 ? assets * 10_000 / population : null,
                    members.Count(r => r.NeedDecile is { } d && d <= settings.HighNeedDecile),
                    priority.Count,
                    priority.Sum(r => r.Population ?? 0),
                    priority.Sum(r => Math.Max(0, r.Gap?.Gap ?? 0)),
                    members.Count(r => r.Gap is { Shortfall: true })),
                gradient);
        }

        return b.Build();
    }

    /// <summary>Per area and category: organisations, per 10,000 residents, LSOAs with one, and residents with one within the first distance.</summary>
    public static Table Categories(List<LsoaMeasure> rows, AssetNeedSettings settings)
    {
        var categories = rows.SelectMany(r => r.ByCategory.Keys).Concat(rows.SelectMany(r => r.Nearby is null ? Enumerable.Empty<string>() : r.Nearby[0].Keys))
            .Where(c => c != AssetMeasures.AllCategories).Distinct().Order(StringComparer.Ordinal).ToList();
        var code = new List<string>();
        var type = new List<string>();
        var areaName = new List<string?>();
        var category = new List<string>();
        var pop = new List<double>();
        var assets = new List<int>();
        var density = new List<double?>();
        var withAssets = new List<int>();
        var nearbyPopulation = new List<double?>();
        foreach (var (t, c, n, members) in Groups(rows, settings))
        {
            var population = members.Sum(r => r.Population ?? 0);
            foreach (var cat in categories)
            {
                var count = members.Sum(r => r.ByCategory.GetValueOrDefault(cat));
                code.Add(c);
                type.Add(t);
                areaName.Add(n);
                category.Add(cat);
                pop.Add(population);
                assets.Add(count);
                density.Add(population > 0 ? count * 10_000 / population : null);
                withAssets.Add(members.Count(r => r.ByCategory.GetValueOrDefault(cat) > 0));
                nearbyPopulation.Add(members.Any(r => r.Nearby is not null) ? members.Where(r => r.Nearby?[0].GetValueOrDefault(cat) > 0).Sum(r => r.Population ?? 0) : null);
            }
        }

        return new TableBuilder(TableNames.AssetCategorySummary)
            .Add(AssetCategorySummaryColumns.AreaCode, code)
            .Add(AssetCategorySummaryColumns.AreaType, type)
            .Add(AssetCategorySummaryColumns.AreaName, areaName)
            .Add(AssetCategorySummaryColumns.Category, category)
            .Add<double>(AssetCategorySummaryColumns.Population, [.. pop])
            .Add<int>(AssetCategorySummaryColumns.AssetCount, [.. assets])
            .AddNullable<double>(AssetCategorySummaryColumns.AssetsPer10k, [.. density])
            .Add<int>(AssetCategorySummaryColumns.LsoasWithAssets, [.. withAssets])
            .Add<double>(AssetCategorySummaryColumns.NearbyMetres, [.. code.Select(_ => settings.NearbyMetres)])
            .AddNullable<double>(AssetCategorySummaryColumns.PopulationWithNearby, [.. nearbyPopulation])
            .Build();
    }

    private sealed record SummaryRow(
        string Code, string Type, string? Name, int Lsoas, double Population, int Assets, double? Density, int HighNeed, int Priority, double PriorityPopulation, double Gap, int Shortfall);

    private sealed class SummaryColumns
    {
        private readonly List<SummaryRow> _rows = [];
        private readonly List<AssetGradientResult> _gradients = [];

        public void Add(SummaryRow row, AssetGradientResult gradient)
        {
            _rows.Add(row);
            _gradients.Add(gradient);
        }

        public Table Build() => new TableBuilder(TableNames.AssetNeedSummary)
            .Add(AssetNeedSummaryColumns.AreaCode, _rows.Select(r => r.Code))
            .Add(AssetNeedSummaryColumns.AreaType, _rows.Select(r => r.Type))
            .Add(AssetNeedSummaryColumns.AreaName, _rows.Select(r => r.Name))
            .Add<int>(AssetNeedSummaryColumns.Lsoas, [.. _rows.Select(r => r.Lsoas)])
            .Add<double>(AssetNeedSummaryColumns.Population, [.. _rows.Select(r => r.Population)])
            .Add<int>(AssetNeedSummaryColumns.AssetCount, [.. _rows.Select(r => r.Assets)])
            .AddNullable<double>(AssetNeedSummaryColumns.AssetsPer10k, [.. _rows.Select(r => r.Density)])
            .Add<int>(AssetNeedSummaryColumns.HighNeedLsoas, [.. _rows.Select(r => r.HighNeed)])
            .Add<int>(AssetNeedSummaryColumns.HighNeedLowAssetLsoas, [.. _rows.Select(r => r.Priority)])
            .Add<double>(AssetNeedSummaryColumns.HighNeedLowAssetPopulation, [.. _rows.Select(r => r.PriorityPopulation)])
            .Add<double>(AssetNeedSummaryColumns.HighNeedLowAssetGap, [.. _rows.Select(r => r.Gap)])
            .AddNullable<double>(AssetNeedSummaryColumns.AssetGradientSii, [.. _gradients.Select(g => Finite(g.Sii))])
            .AddNullable<double>(AssetNeedSummaryColumns.AssetGradientSiiLower, [.. _gradients.Select(g => Finite(g.SiiLower))])
            .AddNullable<double>(AssetNeedSummaryColumns.AssetGradientSiiUpper, [.. _gradients.Select(g => Finite(g.SiiUpper))])
            .AddNullable<double>(AssetNeedSummaryColumns.AssetConcentrationIndex, [.. _gradients.Select(g => Finite(g.ConcentrationIndex))])
            .Add(AssetNeedSummaryColumns.GradientMethod, _rows.Select(_ => AssetGradient.Method))
            .Add<int>(AssetNeedSummaryColumns.ShortfallLsoas, [.. _rows.Select(r => r.Shortfall)])
            .Build();

        private static double? Finite(double x) => double.IsFinite(x) ? x : null;
    }
}
