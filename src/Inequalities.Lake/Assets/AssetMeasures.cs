using Inequalities.Core.Need;
using Inequalities.Core.Spatial;
using Inequalities.Lake.Build;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Assets;

/// <summary>The measures of one LSOA of the study area.</summary>
internal sealed class LsoaMeasure
{
    public required string LsoaCode { get; init; }

    public string? LsoaName { get; init; }

    public string? LadCode { get; init; }

    public string? LadName { get; init; }

    public string? CauthCode { get; init; }

    public string? RegionCode { get; init; }

    public double? Population { get; init; }

    public double? NeedScore { get; init; }

    public int? NeedRank { get; init; }

    public int? NeedDecile { get; init; }

    /// <summary>The organisations counted in the LSOA.</summary>
    public int AssetCount { get; init; }

    /// <summary>Per category, the organisations counted in the LSOA.</summary>
    public required Dictionary<string, int> ByCategory { get; init; }

    /// <summary>Per distance (in the settings' order), per category and <c>all</c>, the organisations within that distance of the centre; null without a centre.</summary>
    public Dictionary<string, int>[]? Nearby { get; init; }

    public int? AssetsNearby => Nearby?[0].GetValueOrDefault(AssetMeasures.AllCategories);

    public double? AssetsPer10k { get; init; }

    public GeoPoint? Centre { get; init; }

    public string? CentreBasis { get; init; }

    public string? Quadrant { get; set; }

    public AssetGapValue? Gap { get; set; }
}

/// <summary>An organisation counted in the measures: its LSOA, category and point.</summary>
internal readonly record struct CountedAsset(string Lsoa, string Category, GeoPoint? Point);

/// <summary>
/// The per-LSOA measures of the study area: organisations by category, per 10,000 residents, within walking distances
/// of the LSOA's centre, need, the need-against-assets quadrant and the asset gap (<see cref="AssetGap"/>).
/// </summary>
internal static class AssetMeasures
{
    /// <summary>The category of <c>asset_access</c> rows that count every organisation.</summary>
    public const string AllCategories = "all";

    public const string HighNeedLowAssets = "high_need_low_assets";

    public static List<LsoaMeasure> Build(
        IReadOnlyList<CountedAsset> counted,
        HashSet<string> study,
        GeographyModel geography,
        Dictionary<string, double> population,
        Dictionary<string, (GeoPoint Centre, string Basis)> centres,
        NeedInputs need,
        AssetNeedSettings settings)
    {
        var inLsoa = counted.GroupBy(a => a.Lsoa).ToDictionary(g => g.Key, g => g.GroupBy(a => a.Category).ToDictionary(c => c.Key, c => c.Count(), StringComparer.Ordinal), StringComparer.Ordinal);
        var withPoints = counted.Where(a => a.Point is not null).ToList();
        var indices = settings.NearbyDistances.Select(d => new PointIndex([.. withPoints.Select(a => a.Point!.Value)], d)).ToList();
        var areas = geography.Areas[AssetNeedTables.Vintage];
        var rows = new List<LsoaMeasure>(study.Count);
        foreach (var code in study.Order(StringComparer.Ordinal))
        {
            areas.TryGetValue(code, out var area);
            var byCategory = inLsoa.GetValueOrDefault(code) ?? new Dictionary<string, int>(StringComparer.Ordinal);
            var count = byCategory.Values.Sum();
            double? pop = population.TryGetValue(code, out var p) && p > 0 ? p : null;
            var needIndex = need.Index.TryGetValue(code, out var ni) ? ni : -1;
            var hasCentre = centres.TryGetValue(code, out var centre);
            rows.Add(new LsoaMeasure
            {
                LsoaCode = code,
                LsoaName = area?.LsoaName,
                LadCode = area?.LadCode,
                LadName = area?.LadName,
                CauthCode = area?.CauthCode,
                RegionCode = area?.RegionCode,
                Population = pop,
                NeedScore = needIndex >= 0 && !double.IsNaN(need.Result.Scores[needIndex]) ? need.Result.Scores[needIndex] : null,
                NeedRank = needIndex >= 0 && need.Result.Ranks[needIndex] > 0 ? need.Result.Ranks[needIndex] : null,
                NeedDecile = needIndex >= 0 && need.Result.Deciles[needIndex] > 0 ? need.Result.Deciles[needIndex] : null,
                AssetCount = count,
                ByCategory = byCategory,
                Nearby = hasCentre ? [.. indices.Select(index => Nearby(index, centre.Centre, withPoints))] : null,
                AssetsPer10k = pop is { } pp ? count * 10_000 / pp : null,
                Centre = hasCentre ? centre.Centre : null,
                CentreBasis = hasCentre ? centre.Basis : null,
            });
        }

        Quadrants(rows, settings);
        Gaps(rows);
        return rows;
    }

    /// <summary>Organisations within the index's radius of a centre, per category and in all.</summary>
    private static Dictionary<string, int> Nearby(PointIndex index, GeoPoint centre, List<CountedAsset> assets)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { [AllCategories] = 0 };
        index.ForEachWithin(centre, i =>
        {
            counts[AllCategories]++;
            counts[assets[i].Category] = counts.GetValueOrDefault(assets[i].Category) + 1;
        });
        return counts;
    }

    /// <summary>High need by national decile; low assets by the study area's quantile of assets per 10,000.</summary>
    private static void Quadrants(List<LsoaMeasure> rows, AssetNeedSettings settings)
    {
        var densities = rows.Where(r => r.AssetsPer10k is not null).Select(r => r.AssetsPer10k!.Value).Order().ToArray();
        var lowThreshold = densities.Length == 0 ? double.NaN : Quantile(densities, settings.LowAssetQuantile);
        foreach (var r in rows)
        {
            if (r.NeedDecile is { } d && r.AssetsPer10k is { } density)
            {
                var high = d <= settings.HighNeedDecile;
                var low = density <= lowThreshold;
                r.Quadrant = (high, low) switch
                {
                    (true, true) => HighNeedLowAssets,
                    (true, false) => "high_need_higher_assets",
                    (false, true) => "lower_need_low_assets",
                    _ => "lower_need_higher_assets",
                };
            }
        }
    }

    /// <summary>The asset gap of every LSOA against the study area's rates by need decile.</summary>
    private static void Gaps(List<LsoaMeasure> rows)
    {
        var gaps = AssetGap.Calculate(
            [.. rows.Select(r => r.NeedDecile ?? 0)],
            [.. rows.Select(r => r.AssetCount)],
            [.. rows.Select(r => r.Population ?? double.NaN)]);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Gap = double.IsNaN(gaps[i].Expected) ? null : gaps[i];
        }
    }

    /// <summary>Linear-interpolation quantile (type 7) of sorted values.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
