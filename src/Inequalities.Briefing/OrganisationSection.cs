using Inequalities.Charts;
using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Sources.Parsing;

namespace Inequalities.Briefing;

/// <summary>
/// The registered organisations of the area, from the lake's registers: counted by category from the <c>assets</c>
/// table (the organisations the asset-versus-need tables count: no reject reason, placed in one of the area's
/// neighbourhoods), with the residents within walking distance from <c>asset_category_summary</c>, and the map of the
/// high-need, low-asset neighbourhoods with the organisations as points (<see cref="Charts.Charts.AssetNeedMap(Lake.Snapshots.LakeSnapshot, Table, Table, AssetNeedMapChartOptions)"/>).
/// </summary>
internal static class OrganisationSection
{
    public static (BriefFigure? Map, IReadOnlyList<OrganisationCount> Counts, string? Missing) Build(BriefData data, BriefArea area, Table? areaNeed)
    {
        if (data.Assets is not { } assets || areaNeed is null || areaNeed.RowCount == 0)
        {
            return (null, [], null);
        }

        var lsoas = BriefData.Distinct(areaNeed, AssetNeedColumns.LsoaCode).ToHashSet(StringComparer.Ordinal);
        var counted = Counted(assets, lsoas);
        var residents = areaNeed.Primitive<double>(AssetNeedColumns.Population);
        var population = Enumerable.Range(0, areaNeed.RowCount).Sum(i => residents[i] ?? 0);
        var summary = data.CategorySummary?.Where((AssetCategorySummaryColumns.AreaCode, area.Code));
        var counts = counted.GroupBy(a => a.Category, StringComparer.Ordinal)
            .Select(g => Count(g.Key, g.Count(), population, summary))
            .OrderByDescending(c => c.Organisations).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();
        if (counts.Count == 0)
        {
            return (null, counts, $"The lake's registers have no organisation placed in a neighbourhood of {area.Name}.");
        }

        var nearby = summary is { RowCount: > 0 } s && s.Primitive<double>(AssetCategorySummaryColumns.NearbyMetres)[0] is { } metres ? metres : (double?)null;
        var table = new BriefTable(
            $"Registered organisations in {area.Name}, by category",
            ["Category", "Organisations", "Per 10,000 residents", nearby is { } m ? $"Residents with one within {Words.Whole(m)} m" : "Residents with one nearby"],
            [
                .. counts.Select(c => (IReadOnlyList<string>)[c.Label, Words.Whole(c.Organisations), Words.Number(c.Per10k), c.ResidentsNearby is { } r ? Words.Whole(r) : "not in the lake"]),
                ["All categories", Words.Whole(counted.Count), Words.Number(counted.Count * 10_000 / population), string.Empty],
            ]);
        var registers = string.Join("; ", counted.Select(a => a.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => Register(data, id)));
        var notes = new List<string>
        {
            $"Organisations: those the lake's registers place in a neighbourhood of {area.Name} and the asset-versus-need tables count (not dissolved, not superseded by a later edition, merged once across registers): {registers}.",
        };

        try
        {
            var map = Charts.Charts.AssetNeedMap(data.Snapshot, areaNeed, assets, new AssetNeedMapChartOptions { AreaCode = area.Code, Width = 900, Height = 640 });
            if (map.LsoasWithoutBoundary > 0)
            {
                notes.Add($"{Words.Whole(map.LsoasWithoutBoundary)} of the area's neighbourhoods are not in the boundary file, so they are not drawn.");
            }

            var alt = $"Map of {area.Name}'s {Words.Whole(map.Areas.Count)} neighbourhoods (LSOAs): the {Words.Whole(map.HighNeedLowAssets.Count)} with high need and few community organisations "
                + $"shaded orange, the others light grey, district boundaries outlined, and the {Words.Whole(map.Organisations.Count)} registered organisations as dots coloured by category "
                + $"({string.Join(", ", counts.Select(c => $"{c.Label.ToLowerInvariant()} {Words.Whole(c.Organisations)}"))}). The table below counts them by category.";
            return (new BriefFigure("The registered organisations and the high-need, low-asset neighbourhoods", map, alt, table, notes), counts, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
        {
            return (null, counts, $"No map of the organisations could be drawn ({ex.Message}); they are counted below.");
        }
    }

    /// <summary>The organisations the tables count (no reject reason) in the given neighbourhoods, with their category and register.</summary>
    private static List<(string Category, string Source)> Counted(Table assets, HashSet<string> lsoas)
    {
        var lsoa = assets.Strings(AssetsColumns.LsoaCode);
        var reject = assets.Contains(AssetsColumns.RejectReason) ? assets.Strings(AssetsColumns.RejectReason) : null;
        var category = assets.Strings(AssetsColumns.Category);
        var source = assets.Strings(AssetsColumns.SourceId);
        var result = new List<(string, string)>();
        for (var i = 0; i < assets.RowCount; i++)
        {
            if (lsoa[i] is { } c && lsoas.Contains(c) && reject?[i] is null)
            {
                result.Add((category[i] ?? AssetCategories.Other, source[i] ?? string.Empty));
            }
        }

        return result;
    }

    private static OrganisationCount Count(string category, int organisations, double population, Table? summary)
    {
        var label = AssetCategories.All.FirstOrDefault(c => c.Category == category).Label ?? Words.Capital(category.Replace('_', ' '));
        var row = summary?.Where((AssetCategorySummaryColumns.Category, category));
        var nearby = row is { RowCount: > 0 } r ? r.Primitive<double>(AssetCategorySummaryColumns.PopulationWithNearby)[0] : null;
        return new OrganisationCount(category, label, organisations, organisations * 10_000 / population, nearby);
    }

    /// <summary>A register as the page names it: its id, publisher and edition from the manifest.</summary>
    private static string Register(BriefData data, string id) =>
        data.Snapshot.Manifest.Sources.FirstOrDefault(s => s.Id == id) is { } s
            ? $"{id} ({string.Join(", ", new[] { s.Publisher, s.Period }.Where(p => !string.IsNullOrEmpty(p)))})"
            : id;
}
