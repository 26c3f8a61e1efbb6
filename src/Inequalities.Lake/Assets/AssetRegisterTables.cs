using Inequalities.Core.Columnar;
using Inequalities.Lake.Build;

namespace Inequalities.Lake.Assets;

/// <summary>The tables of the registers themselves: <c>assets</c>, <c>asset_rejects</c>, <c>asset_merges</c> and <c>asset_categories</c>.</summary>
internal static class AssetRegisterTables
{
    public static Table Assets(List<AssetRow> rows, IReadOnlyDictionary<string, AreaRow> areas)
    {
        var ordered = rows.OrderBy(r => r.Placed.Row.SourceOrder).ThenBy(r => r.Placed.Record.Row).ToList();
        return new TableBuilder(TableNames.Assets)
            .Add(AssetsColumns.SourceId, ordered.Select(r => r.Placed.SourceId))
            .Add(AssetsColumns.AssetId, ordered.Select(r => r.Placed.Record.AssetId))
            .Add(AssetsColumns.Name, ordered.Select(r => r.Placed.Record.Name))
            .Add(AssetsColumns.Category, ordered.Select(r => r.Placed.Record.Category))
            .Add(AssetsColumns.Postcode, ordered.Select(r => r.Placed.Record.Postcode))
            .AddNullable<double>(AssetsColumns.Latitude, [.. ordered.Select(r => r.Placed.Point?.Latitude)])
            .AddNullable<double>(AssetsColumns.Longitude, [.. ordered.Select(r => r.Placed.Point?.Longitude)])
            .Add(AssetsColumns.LsoaCode, ordered.Select(r => r.Placed.Lsoa))
            .AddNullable<int>(AssetsColumns.LsoaVintage, [.. ordered.Select(r => r.Placed.Lsoa is null ? (int?)null : AssetNeedTables.Vintage)])
            .Add(AssetsColumns.Placement, ordered.Select(r => r.Placed.Placement))
            .Add(AssetsColumns.PlacementNote, ordered.Select(r => r.Placed.Note))
            .Add(AssetsColumns.Status, ordered.Select(r => r.Placed.Record.Status))
            .Add<bool>(AssetsColumns.Active, [.. ordered.Select(r => r.Placed.Record.Active)])
            .Add<bool>(AssetsColumns.InStudyArea, [.. ordered.Select(r => r.InStudyArea)])
            .AddNullable<long>(AssetsColumns.SourceRow, [.. ordered.Select(r => (long?)r.Placed.Record.Row)])
            .Add(AssetsColumns.LadCode, ordered.Select(r => r.Placed.Lsoa is { } l && areas.TryGetValue(l, out var a) ? a.LadCode : null))
            .Add(AssetsColumns.LegalForm, ordered.Select(r => r.Placed.Record.LegalForm))
            .Add(AssetsColumns.CompanyNumber, ordered.Select(r => r.Placed.Record.CompanyNumber))
            .Add(AssetsColumns.PointSource, ordered.Select(r => r.Placed.PointSource))
            .Add(AssetsColumns.RejectReason, ordered.Select(r => r.RejectReason))
            .Add(AssetsColumns.MergedFrom, ordered.Select(r => r.MergedFrom.Count == 0 ? null : string.Join("; ", r.MergedFrom.Select(m => $"{m.SourceId}:{m.Record.AssetId}"))))
            .Build();
    }

    /// <summary>Every row not counted: the organisations with a reject reason, then the rows the parsers could not read.</summary>
    public static Table Rejects(List<AssetRow> rows, ParsedSources parsed)
    {
        var rejected = rows.Where(r => r.RejectReason is not null).OrderBy(r => r.Placed.Row.SourceOrder).ThenBy(r => r.Placed.Record.Row).ToList();
        var order = parsed.Assets.Select((a, i) => (a.SourceId, i)).ToDictionary(x => x.SourceId, x => x.i, StringComparer.Ordinal);
        var invalid = parsed.Assets
            .SelectMany(a => parsed.Rejected.GetValueOrDefault(a.SourceId) ?? [])
            .OrderBy(r => order[r.SourceId]).ThenBy(r => r.Row)
            .ToList();
        return new TableBuilder(TableNames.AssetRejects)
            .Add(AssetRejectsColumns.SourceId, [.. rejected.Select(r => r.Placed.SourceId), .. invalid.Select(r => r.SourceId)])
            .Add(AssetRejectsColumns.AssetId, [.. rejected.Select(r => r.Placed.Record.AssetId), .. invalid.Select(_ => (string?)null)])
            .Add(AssetRejectsColumns.Name, [.. rejected.Select(r => r.Placed.Record.Name), .. invalid.Select(_ => (string?)null)])
            .Add(AssetRejectsColumns.Postcode, [.. rejected.Select(r => r.Placed.Record.Postcode), .. invalid.Select(_ => (string?)null)])
            .Add(AssetRejectsColumns.Reason, [.. rejected.Select(r => r.RejectReason), .. invalid.Select(_ => AssetRejectReasons.InvalidRow)])
            .Add(AssetRejectsColumns.Detail, [.. rejected.Select(r => r.RejectDetail), .. invalid.Select(r => r.Reason)])
            .AddNullable<long>(AssetRejectsColumns.SourceRow, [.. rejected.Select(r => (long?)r.Placed.Record.Row), .. invalid.Select(r => r.Row)])
            .Add(AssetRejectsColumns.LsoaCode, [.. rejected.Select(r => r.Placed.Lsoa), .. invalid.Select(_ => (string?)null)])
            .Add<bool>(AssetRejectsColumns.InStudyArea, [.. rejected.Select(r => r.InStudyArea), .. invalid.Select(_ => false)])
            .Build();
    }

    public static Table Merges(MergedRegisters merged) => new TableBuilder(TableNames.AssetMerges)
        .Add(AssetMergesColumns.SourceId, merged.Merges.Select(m => m.Kept.SourceId))
        .Add(AssetMergesColumns.AssetId, merged.Merges.Select(m => m.Kept.Record.AssetId))
        .Add(AssetMergesColumns.MergedSourceId, merged.Merges.Select(m => m.Merged.SourceId))
        .Add(AssetMergesColumns.MergedAssetId, merged.Merges.Select(m => m.Merged.Record.AssetId))
        .Add(AssetMergesColumns.MergedName, merged.Merges.Select(m => m.Merged.Record.Name))
        .Add(AssetMergesColumns.Rule, merged.Merges.Select(m => m.Rule))
        .Add(AssetMergesColumns.MatchKey, merged.Merges.Select(m => m.Key))
        .Build();

    /// <summary>Counted organisations per LSOA of the study area and category.</summary>
    public static Table Categories(List<AssetRow> rows, Dictionary<string, double> population)
    {
        var counts = rows
            .Where(r => r.Counted && r.InStudyArea)
            .GroupBy(r => (Lsoa: r.Placed.Lsoa!, r.Placed.Record.Category))
            .OrderBy(g => g.Key.Lsoa, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => (g.Key.Lsoa, g.Key.Category, Count: g.Count()))
            .ToList();
        return new TableBuilder(TableNames.AssetCategories)
            .Add(AssetCategoriesColumns.LsoaCode, counts.Select(c => c.Lsoa))
            .Add<int>(AssetCategoriesColumns.LsoaVintage, [.. counts.Select(_ => AssetNeedTables.Vintage)])
            .Add(AssetCategoriesColumns.Category, counts.Select(c => c.Category))
            .Add<int>(AssetCategoriesColumns.AssetCount, [.. counts.Select(c => c.Count)])
            .AddNullable<double>(AssetCategoriesColumns.AssetsPer10k, [.. counts.Select(c => population.TryGetValue(c.Lsoa, out var p) && p > 0 ? c.Count * 10_000 / p : (double?)null)])
            .Build();
    }
}
