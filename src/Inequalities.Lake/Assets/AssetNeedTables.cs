using System.Globalization;
using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Core.Spatial;
using Inequalities.Lake.Build;
using Inequalities.Sources.Catalogue;
using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Assets;

/// <summary>One organisation after merging and placement, and why it is not counted (null when it is).</summary>
internal sealed record AssetRow(PlacedAsset Placed, string? RejectReason, string? RejectDetail, IReadOnlyList<RegisterRow> MergedFrom, bool InStudyArea)
{
    public bool Counted => RejectReason is null && Placed.Lsoa is not null;
}

/// <summary>
/// Builds the asset-versus-need tables from the parsed registers, the geography and the need sources: <c>assets</c>
/// (one row per organisation: merged across registers, placed, and why it is not counted), <c>asset_rejects</c>,
/// <c>asset_merges</c>, <c>asset_categories</c>, <c>asset_need</c> (per LSOA 2021), <c>asset_access</c> (walking
/// distances), <c>asset_need_deciles</c>, <c>asset_need_summary</c> and <c>asset_category_summary</c>. Nothing is built
/// when the catalogue has no registers; the need tables are skipped (with a log line) when no need source is available.
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

        var shapes = boundaries?.Areas.Where(a => lsoas.Contains(a.Code)).ToList() ?? [];
        var polygons = boundaries is null ? null : new PolygonIndex(shapes);
        var bridges = LakeTables.Bridges(geography);
        var study = StudyArea(settings, geography, lsoas);
        var rows = Rows(parsed, polygons, lsoas, bridges, study, out var merged, out var placer);
        NoteCoverage(parsed, rows, merged, placer, logger);

        var registerIds = parsed.Assets.Select(a => a.SourceId).ToList();
        var placementSources = registerIds
            .Concat(boundaries is null ? [] : [boundaries.SourceId])
            .Concat(parsed.PostcodeDirectories.Select(p => p.SourceId))
            .ToList();
        var population = Population(geography, bridges);
        tables.Add((AssetRegisterTables.Assets(rows, areas), placementSources));
        tables.Add((AssetRegisterTables.Rejects(rows, parsed), placementSources));
        tables.Add((AssetRegisterTables.Merges(merged), registerIds));
        tables.Add((AssetRegisterTables.Categories(rows, population), placementSources));

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

        var centres = LsoaCentres.Find(study, parsed.Centroids, parsed.PostcodeDirectories, shapes);
        var counted = rows.Where(r => r.Counted).Select(r => new CountedAsset(r.Placed.Lsoa!, r.Placed.Record.Category, r.Placed.Point)).ToList();
        var measures = AssetMeasures.Build(counted, study, geography, population, centres, need, settings);
        var sources = placementSources.Concat(need.Sources).Concat(parsed.Centroids.Select(c => c.SourceId)).Distinct().ToList();
        tables.Add((AssetNeedTableWriter.Need(measures, settings), sources));
        tables.Add((AssetNeedTableWriter.Access(measures, counted, settings), sources));
        tables.Add((AssetSummaries.Deciles(measures, settings), sources));
        tables.Add((AssetSummaries.Summary(measures, settings), sources));
        tables.Add((AssetSummaries.Categories(measures, settings), sources));
        return tables;
    }

    /// <summary>Merges the registers, places every organisation and decides which are counted.</summary>
    private static List<AssetRow> Rows(
        ParsedSources parsed, PolygonIndex? polygons, HashSet<string> lsoas, Dictionary<int, VintageBridge> bridges, HashSet<string> study, out MergedRegisters merged, out AssetPlacer placer)
    {
        merged = AssetMerging.Merge(parsed.Assets);
        placer = new AssetPlacer(polygons, parsed.PostcodeDirectories, lsoas, bridges.GetValueOrDefault(2011));
        var rows = new List<AssetRow>(merged.Kept.Count);
        foreach (var (row, mergedFrom) in merged.Kept)
        {
            var placed = placer.Place(row);
            var (reason, detail) = !row.Record.Active
                ? (AssetRejectReasons.Dissolved, row.Record.Status is { } status ? $"status '{status}'" : "a removal date")
                : merged.Superseded.TryGetValue(row, out var current)
                    ? (AssetRejectReasons.NotInLatestEdition, $"not in {current}, the current edition of register '{row.Register}'")
                    : (placed.Failure, placed.Failure is null ? null : placed.Note);
            rows.Add(new AssetRow(placed, reason, detail, mergedFrom, placed.Lsoa is not null && study.Contains(placed.Lsoa)));
        }

        return rows;
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

    /// <summary>Per register: how many rows were read, merged, counted and placed each way, and rejected for each reason (the refresh log and the manifest note).</summary>
    private static void NoteCoverage(ParsedSources parsed, List<AssetRow> rows, MergedRegisters merged, AssetPlacer placer, ILogger logger)
    {
        foreach (var register in parsed.Assets)
        {
            var own = rows.Where(r => r.Placed.SourceId == register.SourceId).ToList();
            var placements = own.Where(r => r.Counted).GroupBy(r => r.Placed.Placement).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var reasons = own.Where(r => r.RejectReason is not null).GroupBy(r => r.RejectReason!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}").ToList();
            var invalid = parsed.Rejected.GetValueOrDefault(register.SourceId)?.Count ?? 0;
            if (invalid > 0)
            {
                reasons.Add($"{AssetRejectReasons.InvalidRow} {invalid}");
            }

            var mergedAway = merged.Merges.Count(m => m.Merged.SourceId == register.SourceId);
            var counted = own.Count(r => r.Counted);
            var total = register.Records.Count + invalid;
            var text = string.Create(
                CultureInfo.InvariantCulture,
                $"coverage: counted {counted} of {total} rows ({(total == 0 ? 0 : 100.0 * counted / total):0.0}%; {own.Count(r => r.Counted && r.InStudyArea)} in the study area) placed by coordinates {placements.GetValueOrDefault(AssetPlacements.Coordinates)}, postcode {placements.GetValueOrDefault(AssetPlacements.Postcode)}, postcode_point {placements.GetValueOrDefault(AssetPlacements.PostcodePoint)}, lsoa_code {placements.GetValueOrDefault(AssetPlacements.LsoaCode)}; merged into another register's row {mergedAway}; rejected {(reasons.Count == 0 ? "none" : string.Join(", ", reasons))}");
            if (placer.UnknownPostcodes.TryGetValue(register.SourceId, out var unknown))
            {
                text += string.Create(CultureInfo.InvariantCulture, $"; {unknown.Count} have a postcode not in the postcode directory (e.g. {string.Join(", ", unknown.Examples.Select(e => $"'{e}'"))})");
            }

            parsed.Notes.AddOrUpdate(register.SourceId, text, (_, old) => $"{old}; {text}");
            logger.LogInformation("Register {Source}: {Coverage}", register.SourceId, text);
        }
    }
}
