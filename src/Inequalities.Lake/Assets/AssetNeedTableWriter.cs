using Inequalities.Core.Columnar;
using Inequalities.Core.Need;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Assets;

/// <summary>The per-LSOA tables: <c>asset_need</c> and <c>asset_access</c>.</summary>
internal static class AssetNeedTableWriter
{
    public static Table Need(List<LsoaMeasure> rows, AssetNeedSettings settings) => new TableBuilder(TableNames.AssetNeed)
        .Add(AssetNeedColumns.LsoaCode, rows.Select(r => r.LsoaCode))
        .Add<int>(AssetNeedColumns.LsoaVintage, [.. rows.Select(_ => AssetNeedTables.Vintage)])
        .Add(AssetNeedColumns.LsoaName, rows.Select(r => r.LsoaName))
        .Add(AssetNeedColumns.LadCode, rows.Select(r => r.LadCode))
        .Add(AssetNeedColumns.CauthCode, rows.Select(r => r.CauthCode))
        .AddNullable<double>(AssetNeedColumns.Population, [.. rows.Select(r => r.Population)])
        .AddNullable<double>(AssetNeedColumns.NeedScore, [.. rows.Select(r => r.NeedScore)])
        .AddNullable<int>(AssetNeedColumns.NeedRank, [.. rows.Select(r => r.NeedRank)])
        .AddNullable<int>(AssetNeedColumns.NeedDecile, [.. rows.Select(r => r.NeedDecile)])
        .Add<int>(AssetNeedColumns.AssetCount, [.. rows.Select(r => r.AssetCount)])
        .AddNullable<int>(AssetNeedColumns.AssetsNearby, [.. rows.Select(r => r.AssetsNearby)])
        .AddNullable<double>(AssetNeedColumns.AssetsPer10k, [.. rows.Select(r => r.AssetsPer10k)])
        .Add(AssetNeedColumns.Quadrant, rows.Select(r => r.Quadrant))
        .AddNullable<double>(AssetNeedColumns.ExpectedAssets, [.. rows.Select(r => r.Gap?.Expected)])
        .AddNullable<double>(AssetNeedColumns.AssetGap, [.. rows.Select(r => r.Gap?.Gap)])
        .AddNullable<double>(AssetNeedColumns.CentreLongitude, [.. rows.Select(r => r.Centre?.Longitude)])
        .AddNullable<double>(AssetNeedColumns.CentreLatitude, [.. rows.Select(r => r.Centre?.Latitude)])
        .Add(AssetNeedColumns.CentreBasis, rows.Select(r => r.CentreBasis))
        .Add(AssetNeedColumns.LadName, rows.Select(r => r.LadName))
        .AddNullable<double>(AssetNeedColumns.NearbyMetres, [.. rows.Select(r => r.Nearby is null ? (double?)null : settings.NearbyMetres)])
        .AddNullable<double>(AssetNeedColumns.AssetGapLower, [.. rows.Select(r => r.Gap?.GapLower)])
        .AddNullable<double>(AssetNeedColumns.AssetGapUpper, [.. rows.Select(r => r.Gap?.GapUpper)])
        .Add(AssetNeedColumns.GapAssessment, rows.Select(r => Assessment(r.Gap)))
        .Add(AssetNeedColumns.GapMethod, rows.Select(r => r.Gap is null ? null : AssetGap.Method))
        .Build();

    /// <summary>Per LSOA with a centre, distance and category (and <c>all</c>): the organisations within that distance.</summary>
    public static Table Access(List<LsoaMeasure> rows, List<CountedAsset> counted, AssetNeedSettings settings)
    {
        string[] categories = [AssetMeasures.AllCategories, .. counted.Select(a => a.Category).Distinct().Order(StringComparer.Ordinal)];
        var code = new List<string>();
        var category = new List<string>();
        var distance = new List<double>();
        var nearby = new List<int>();
        var basis = new List<string?>();
        foreach (var r in rows.Where(r => r.Nearby is not null))
        {
            for (var d = 0; d < settings.NearbyDistances.Count; d++)
            {
                foreach (var c in categories)
                {
                    code.Add(r.LsoaCode);
                    category.Add(c);
                    distance.Add(settings.NearbyDistances[d]);
                    nearby.Add(r.Nearby![d].GetValueOrDefault(c));
                    basis.Add(r.CentreBasis);
                }
            }
        }

        return new TableBuilder(TableNames.AssetAccess)
            .Add(AssetAccessColumns.LsoaCode, code)
            .Add<int>(AssetAccessColumns.LsoaVintage, [.. code.Select(_ => AssetNeedTables.Vintage)])
            .Add(AssetAccessColumns.Category, category)
            .Add<double>(AssetAccessColumns.DistanceMetres, [.. distance])
            .Add<int>(AssetAccessColumns.AssetsNearby, [.. nearby])
            .Add(AssetAccessColumns.CentreBasis, basis)
            .Build();
    }

    private static string? Assessment(AssetGapValue? gap) => gap switch
    {
        null => null,
        { Shortfall: true } => "shortfall",
        { Surplus: true } => "surplus",
        _ => "as_expected",
    };
}
