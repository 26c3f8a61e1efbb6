using System.Globalization;
using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Core.Need;
using Inequalities.Core.Spatial;
using Inequalities.Lake.Build;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Assets;

/// <summary>
/// Builds the asset-versus-need tables from the parsed registers, the geography and the need sources:
/// <c>assets</c> (every register row and how it was placed), <c>asset_categories</c>, <c>asset_need</c> (per LSOA
/// 2021), <c>asset_need_deciles</c> (the gradient) and <c>asset_need_summary</c> (per district, combined authority,
/// ...). Nothing is built when the catalogue has no registers; the need tables are skipped (with a log line) when no
/// need source is available.
/// </summary>
internal static class AssetNeedTables
{
    public const int Vintage = 2021;

    /// <summary>The tables with the sources each was built from.</summary>
    public static List<(Table Table, IReadOnlyList<string> Sources)> Build(ParsedSources parsed, GeographyModel geography, AssetNeedSettings settings, ILogger logger)
    {
        var tables = new List<(Table, IReadOnlyList<string>)>();
        if (parsed.Assets.Count == 0)
        {
            return tables;
        }

        var areas = geography.Areas[Vintage];
        var boundaries = parsed.Boundaries.FirstOrDefault(b => b.Vintage is null or Vintage && b.Areas.Count > 0 && b.Areas[0].Code.StartsWith("E01", StringComparison.Ordinal));
        var lsoas = new HashSet<string>(areas.Keys, StringComparer.Ordinal);
        if (lsoas.Count == 0 && boundaries is not null)
        {
            lsoas.UnionWith(boundaries.Areas.Select(a => a.Code));
        }

        var polygons = boundaries is null ? null : new PolygonIndex([.. boundaries.Areas.Where(a => lsoas.Contains(a.Code))]);
        var bridges = LakeTables.Bridges(geography);
        var placer = new AssetPlacer(polygons, parsed.Postcodes, lsoas, bridges.GetValueOrDefault(2011));
        var placed = new List<PlacedAsset>();
        foreach (var register in parsed.Assets)
        {
            foreach (var record in register.Records)
            {
                placed.Add(placer.Place(register.SourceId, record));
            }
        }

        var study = StudyArea(settings, geography, lsoas);
        NotePlacement(parsed, placed, placer, logger);
        var registerIds = parsed.Assets.Select(a => a.SourceId).ToList();
        var placementSources = registerIds
            .Concat(boundaries is null ? [] : [boundaries.SourceId])
            .Concat(parsed.Postcodes is null ? [] : [parsed.Postcodes.SourceId])
            .ToList();
        tables.Add((AssetsTable(placed, study), placementSources));
        tables.Add((CategoriesTable(placed, study, Population(geography, bridges)), placementSources));

        var need = NeedInputs.Build(parsed, geography, bridges, settings, lsoas);
        if (need.Error is not null)
        {
            logger.LogWarning("The asset_need tables were not built: {Reason}", need.Error);
            foreach (var id in registerIds)
            {
                parsed.Notes.AddOrUpdate(id, need.Error, (_, old) => $"{old}; asset_need not built: {need.Error}");
            }

            return tables;
        }

        var rows = Measures(placed, study, geography, bridges, boundaries, parsed, need, settings);
        var sources = placementSources.Concat(need.Sources).Concat(parsed.Centroids.Select(c => c.SourceId)).Distinct().ToList();
        tables.Add((AssetNeedTable(rows), sources));
        tables.Add((DecileTable(rows, settings), sources));
        tables.Add((SummaryTable(rows, settings), sources));
        return tables;
    }

    /// <summary>The LSOAs the asset measures cover: those in (or equal to) a study-area code, or all.</summary>
    private static HashSet<string> StudyArea(AssetNeedSettings settings, GeographyModel geography, HashSet<string> lsoas)
    {
        if (settings.StudyArea.Count == 0)
        {
            return lsoas;
        }

        var codes = settings.StudyArea.ToHashSet(StringComparer.Ordinal);
        var areas = geography.Areas[Vintage];
        return lsoas.Where(l => codes.Contains(l) || (areas.TryGetValue(l, out var a) && (codes.Contains(a.LadCode ?? string.Empty) || codes.Contains(a.CauthCode ?? string.Empty) || codes.Contains(a.RegionCode ?? string.Empty) || codes.Contains(a.MsoaCode ?? string.Empty))))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Population per LSOA 2021: the geography's, or the LSOA 2011 population moved to 2021 (counts conserved).</summary>
    internal static Dictionary<string, double> Population(GeographyModel geography, Dictionary<int, VintageBridge> bridges)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in geography.Areas[Vintage].Values)
        {
            if (row.Population is { } p)
            {
                result[row.LsoaCode] = p;
            }
        }

        if (result.Count > 0 || !bridges.TryGetValue(2011, out var bridge))
        {
            return result;
        }

        var pop11 = geography.Areas[2011].Values.Where(r => r.Population is not null).ToDictionary(r => r.LsoaCode, r => r.Population!.Value, StringComparer.Ordinal);
        var moved = bridge.Convert(pop11, ValueKind.Count);
        for (var t = 0; t < moved.Length; t++)
        {
            if (!double.IsNaN(moved[t]) && geography.Areas[Vintage].ContainsKey(bridge.Targets[t]))
            {
                result[bridge.Targets[t]] = moved[t];
            }
        }

        return result;
    }

    private static void NotePlacement(ParsedSources parsed, List<PlacedAsset> placed, AssetPlacer placer, ILogger logger)
    {
        foreach (var group in placed.GroupBy(p => p.SourceId))
        {
            var counts = group.GroupBy(p => p.Placement).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var placedCount = group.Count(p => p.Lsoa is not null);
            var text = string.Create(CultureInfo.InvariantCulture, $"placed {placedCount} of {group.Count()} rows in LSOA 2021s (postcode {counts.GetValueOrDefault(Placement.Postcode)}, coordinates {counts.GetValueOrDefault(Placement.Coordinates)}, lsoa_code {counts.GetValueOrDefault(Placement.LsoaCode)}); unplaced {counts.GetValueOrDefault(Placement.Unplaced)}");
            if (placer.UnknownPostcodes.TryGetValue(group.Key, out var unknown))
            {
                text += string.Create(CultureInfo.InvariantCulture, $", of which {unknown.Count} have a postcode not in the postcode directory (e.g. {string.Join(", ", unknown.Examples.Select(e => $"'{e}'"))})");
            }

            parsed.Notes.AddOrUpdate(group.Key, text, (_, old) => $"{old}; {text}");
            logger.LogInformation("Register {Source}: {Placement}", group.Key, text);
        }
    }

    private static Table AssetsTable(List<PlacedAsset> placed, HashSet<string> study)
    {
        var ordered = placed.OrderBy(p => p.SourceId, StringComparer.Ordinal).ThenBy(p => p.Record.Row).ToList();
        return new TableBuilder(TableNames.Assets)
            .Add(AssetsColumns.SourceId, ordered.Select(p => p.SourceId))
            .Add(AssetsColumns.AssetId, ordered.Select(p => p.Record.AssetId))
            .Add(AssetsColumns.Name, ordered.Select(p => p.Record.Name))
            .Add(AssetsColumns.Category, ordered.Select(p => p.Record.Category))
            .Add(AssetsColumns.Postcode, ordered.Select(p => p.Record.Postcode))
            .AddNullable<double>(AssetsColumns.Latitude, ordered.Select(p => p.Point?.Latitude).ToArray())
            .AddNullable<double>(AssetsColumns.Longitude, ordered.Select(p => p.Point?.Longitude).ToArray())
            .Add(AssetsColumns.LsoaCode, ordered.Select(p => p.Lsoa))
            .AddNullable<int>(AssetsColumns.LsoaVintage, ordered.Select(p => p.Lsoa is null ? (int?)null : Vintage).ToArray())
            .Add(AssetsColumns.Placement, ordered.Select(p => p.Placement))
            .Add(AssetsColumns.PlacementNote, ordered.Select(p => p.Note))
            .Add(AssetsColumns.Status, ordered.Select(p => p.Record.Status))
            .Add<bool>(AssetsColumns.Active, ordered.Select(p => p.Record.Active).ToArray())
            .Add<bool>(AssetsColumns.InStudyArea, ordered.Select(p => p.Lsoa is not null && study.Contains(p.Lsoa)).ToArray())
            .AddNullable<long>(AssetsColumns.SourceRow, ordered.Select(p => (long?)p.Record.Row).ToArray())
            .Build();
    }

    private static Table CategoriesTable(List<PlacedAsset> placed, HashSet<string> study, Dictionary<string, double> population)
    {
        var counts = placed
            .Where(p => p.Record.Active && p.Lsoa is not null && study.Contains(p.Lsoa))
            .GroupBy(p => (Lsoa: p.Lsoa!, p.Record.Category))
            .OrderBy(g => g.Key.Lsoa, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => (g.Key.Lsoa, g.Key.Category, Count: g.Count()))
            .ToList();
        return new TableBuilder(TableNames.AssetCategories)
            .Add(AssetCategoriesColumns.LsoaCode, counts.Select(c => c.Lsoa))
            .Add<int>(AssetCategoriesColumns.LsoaVintage, counts.Select(_ => Vintage).ToArray())
            .Add(AssetCategoriesColumns.Category, counts.Select(c => c.Category))
            .Add<int>(AssetCategoriesColumns.AssetCount, counts.Select(c => c.Count).ToArray())
            .AddNullable<double>(AssetCategoriesColumns.AssetsPer10k, counts.Select(c => population.TryGetValue(c.Lsoa, out var p) && p > 0 ? c.Count * 10_000 / p : (double?)null).ToArray())
            .Build();
    }

    private static List<LsoaMeasure> Measures(
        List<PlacedAsset> placed,
        HashSet<string> study,
        GeographyModel geography,
        Dictionary<int, VintageBridge> bridges,
        BoundaryData? boundaries,
        ParsedSources parsed,
        NeedInputs need,
        AssetNeedSettings settings)
    {
        var population = Population(geography, bridges);
        var active = placed.Where(p => p.Record.Active).ToList();
        var inLsoa = active.Where(p => p.Lsoa is not null).GroupBy(p => p.Lsoa!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var points = new PointIndex([.. active.Where(p => p.Point is not null).Select(p => p.Point!.Value)], settings.NearbyMetres);

        // Centres: a centroids source of the asset vintage (population-weighted where the publisher's are), else the polygon centroid.
        var centroids = parsed.Centroids.FirstOrDefault(c => c.Vintage == Vintage && c.Points.Keys.Any(study.Contains));
        var shapes = boundaries?.Areas.ToDictionary(a => a.Code, StringComparer.Ordinal) ?? [];
        var areas = geography.Areas[Vintage];
        var rows = new List<LsoaMeasure>(study.Count);
        foreach (var code in study.Order(StringComparer.Ordinal))
        {
            areas.TryGetValue(code, out var area);
            GeoPoint? centre = null;
            string? basis = null;
            if (centroids is not null && centroids.Points.TryGetValue(code, out var c))
            {
                centre = c;
                basis = $"centroids:{centroids.SourceId}";
            }
            else if (shapes.TryGetValue(code, out var shape))
            {
                centre = shape.Centroid();
                basis = "polygon_centroid";
            }

            var count = inLsoa.GetValueOrDefault(code);
            double? pop = population.TryGetValue(code, out var p) && p > 0 ? p : null;
            var needIndex = need.Index.TryGetValue(code, out var ni) ? ni : -1;
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
                AssetsNearby = centre is { } ctr ? points.CountWithin(ctr) : null,
                AssetsPer10k = pop is { } pp ? count * 10_000 / pp : null,
                Centre = centre,
                CentreBasis = basis,
            });
        }

        // Quadrants: high need by national decile; low assets by the study area's quantile of assets per 10,000.
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
                    (true, true) => Quadrants.Priority,
                    (true, false) => "high_need_higher_assets",
                    (false, true) => "lower_need_low_assets",
                    _ => "lower_need_higher_assets",
                };
            }
        }

        // Asset gap: the study area's assets shared out in proportion to need times residents, minus what each has.
        var eligible = rows.Where(r => r.NeedScore is not null && r.Population is not null).ToList();
        var totalAssets = eligible.Sum(r => (double)r.AssetCount);
        var totalWeight = eligible.Sum(r => r.NeedScore!.Value * r.Population!.Value);
        foreach (var r in eligible)
        {
            r.ExpectedAssets = totalWeight > 0 ? totalAssets * r.NeedScore!.Value * r.Population!.Value / totalWeight : 0;
            r.AssetGap = r.ExpectedAssets - r.AssetCount;
        }

        return rows;
    }

    /// <summary>Linear-interpolation quantile (type 7) of sorted values.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static Table AssetNeedTable(List<LsoaMeasure> rows) => new TableBuilder(TableNames.AssetNeed)
        .Add(AssetNeedColumns.LsoaCode, rows.Select(r => r.LsoaCode))
        .Add<int>(AssetNeedColumns.LsoaVintage, rows.Select(_ => Vintage).ToArray())
        .Add(AssetNeedColumns.LsoaName, rows.Select(r => r.LsoaName))
        .Add(AssetNeedColumns.LadCode, rows.Select(r => r.LadCode))
        .Add(AssetNeedColumns.CauthCode, rows.Select(r => r.CauthCode))
        .AddNullable<double>(AssetNeedColumns.Population, rows.Select(r => r.Population).ToArray())
        .AddNullable<double>(AssetNeedColumns.NeedScore, rows.Select(r => r.NeedScore).ToArray())
        .AddNullable<int>(AssetNeedColumns.NeedRank, rows.Select(r => r.NeedRank).ToArray())
        .AddNullable<int>(AssetNeedColumns.NeedDecile, rows.Select(r => r.NeedDecile).ToArray())
        .Add<int>(AssetNeedColumns.AssetCount, rows.Select(r => r.AssetCount).ToArray())
        .AddNullable<int>(AssetNeedColumns.AssetsNearby, rows.Select(r => r.AssetsNearby).ToArray())
        .AddNullable<double>(AssetNeedColumns.AssetsPer10k, rows.Select(r => r.AssetsPer10k).ToArray())
        .Add(AssetNeedColumns.Quadrant, rows.Select(r => r.Quadrant))
        .AddNullable<double>(AssetNeedColumns.ExpectedAssets, rows.Select(r => r.ExpectedAssets).ToArray())
        .AddNullable<double>(AssetNeedColumns.AssetGap, rows.Select(r => r.AssetGap).ToArray())
        .AddNullable<double>(AssetNeedColumns.CentreLongitude, rows.Select(r => r.Centre?.Longitude).ToArray())
        .AddNullable<double>(AssetNeedColumns.CentreLatitude, rows.Select(r => r.Centre?.Latitude).ToArray())
        .Add(AssetNeedColumns.CentreBasis, rows.Select(r => r.CentreBasis))
        .Build();

    /// <summary>The summary groups: area type, code and name of each LSOA's group.</summary>
    private static IEnumerable<(string Type, string Code, string? Name, List<LsoaMeasure> Rows)> Groups(List<LsoaMeasure> rows, AssetNeedSettings settings)
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

    private static Table DecileTable(List<LsoaMeasure> rows, AssetNeedSettings settings)
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
            .Add<int>(AssetNeedDecilesColumns.NeedDecile, decile.ToArray())
            .Add<int>(AssetNeedDecilesColumns.Lsoas, lsoas.ToArray())
            .Add<double>(AssetNeedDecilesColumns.Population, pop.ToArray())
            .Add<int>(AssetNeedDecilesColumns.AssetCount, assets.ToArray())
            .AddNullable<double>(AssetNeedDecilesColumns.AssetsPer10k, density.ToArray())
            .Build();
    }

    private static Table SummaryTable(List<LsoaMeasure> rows, AssetNeedSettings settings)
    {
        var b = new SummaryColumns();
        foreach (var (type, code, name, members) in Groups(rows, settings))
        {
            var withPop = members.Where(r => r.Population is not null).ToList();
            var population = withPop.Sum(r => r.Population!.Value);
            var assets = members.Sum(r => r.AssetCount);
            var priority = members.Where(r => r.Quadrant == Quadrants.Priority).ToList();
            var graded = withPop.Where(r => r.NeedDecile is not null).ToList();
            var gradient = AssetGradient.Calculate(
                graded.Select(r => r.NeedDecile!.Value).ToArray(),
                graded.Select(r => r.AssetsPer10k!.Value).ToArray(),
                graded.Select(r => r.Population!.Value).ToArray());
            b.Add(
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
                priority.Sum(r => Math.Max(0, r.AssetGap ?? 0)),
                gradient);
        }

        return b.Build();
    }

    private static class Quadrants
    {
        public const string Priority = "high_need_low_assets";
    }

    private sealed class SummaryColumns
    {
        private readonly List<string> _code = [];
        private readonly List<string> _type = [];
        private readonly List<string?> _name = [];
        private readonly List<int> _lsoas = [];
        private readonly List<double> _population = [];
        private readonly List<int> _assets = [];
        private readonly List<double?> _density = [];
        private readonly List<int> _highNeed = [];
        private readonly List<int> _priority = [];
        private readonly List<double> _priorityPopulation = [];
        private readonly List<double> _gap = [];
        private readonly List<double?> _sii = [];
        private readonly List<double?> _siiLower = [];
        private readonly List<double?> _siiUpper = [];
        private readonly List<double?> _ci = [];

        public void Add(string code, string type, string? name, int lsoas, double population, int assets, double? density, int highNeed, int priority, double priorityPopulation, double gap, AssetGradientResult gradient)
        {
            _code.Add(code);
            _type.Add(type);
            _name.Add(name);
            _lsoas.Add(lsoas);
            _population.Add(population);
            _assets.Add(assets);
            _density.Add(density);
            _highNeed.Add(highNeed);
            _priority.Add(priority);
            _priorityPopulation.Add(priorityPopulation);
            _gap.Add(gap);
            _sii.Add(Finite(gradient.Sii));
            _siiLower.Add(Finite(gradient.SiiLower));
            _siiUpper.Add(Finite(gradient.SiiUpper));
            _ci.Add(Finite(gradient.ConcentrationIndex));
        }

        public Table Build() => new TableBuilder(TableNames.AssetNeedSummary)
            .Add(AssetNeedSummaryColumns.AreaCode, _code)
            .Add(AssetNeedSummaryColumns.AreaType, _type)
            .Add(AssetNeedSummaryColumns.AreaName, _name)
            .Add<int>(AssetNeedSummaryColumns.Lsoas, _lsoas.ToArray())
            .Add<double>(AssetNeedSummaryColumns.Population, _population.ToArray())
            .Add<int>(AssetNeedSummaryColumns.AssetCount, _assets.ToArray())
            .AddNullable<double>(AssetNeedSummaryColumns.AssetsPer10k, _density.ToArray())
            .Add<int>(AssetNeedSummaryColumns.HighNeedLsoas, _highNeed.ToArray())
            .Add<int>(AssetNeedSummaryColumns.HighNeedLowAssetLsoas, _priority.ToArray())
            .Add<double>(AssetNeedSummaryColumns.HighNeedLowAssetPopulation, _priorityPopulation.ToArray())
            .Add<double>(AssetNeedSummaryColumns.HighNeedLowAssetGap, _gap.ToArray())
            .AddNullable<double>(AssetNeedSummaryColumns.AssetGradientSii, _sii.ToArray())
            .AddNullable<double>(AssetNeedSummaryColumns.AssetGradientSiiLower, _siiLower.ToArray())
            .AddNullable<double>(AssetNeedSummaryColumns.AssetGradientSiiUpper, _siiUpper.ToArray())
            .AddNullable<double>(AssetNeedSummaryColumns.AssetConcentrationIndex, _ci.ToArray())
            .Add(AssetNeedSummaryColumns.GradientMethod, _code.Select(_ => AssetGradient.Method))
            .Build();

        private static double? Finite(double x) => double.IsFinite(x) ? x : null;
    }
}

/// <summary>The measures of one LSOA.</summary>
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

    public int AssetCount { get; init; }

    public int? AssetsNearby { get; init; }

    public double? AssetsPer10k { get; init; }

    public GeoPoint? Centre { get; init; }

    public string? CentreBasis { get; init; }

    public string? Quadrant { get; set; }

    public double? ExpectedAssets { get; set; }

    public double? AssetGap { get; set; }
}
