using Inequalities.Core.Columnar;
using Inequalities.Core.Measures;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Analysis;

/// <summary>One organisation counted in the asset measures, where it was placed.</summary>
/// <param name="SourceId">The register it comes from (the row kept when several registers list it).</param>
/// <param name="AssetId">The register's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Category">Its category (<c>assets.category</c>).</param>
/// <param name="LsoaCode">The LSOA 2021 it was placed in.</param>
/// <param name="LadCode">That LSOA's district.</param>
/// <param name="Longitude">WGS84 longitude of its point (the register's or its postcode's), or NaN.</param>
/// <param name="Latitude">WGS84 latitude of its point, or NaN.</param>
/// <param name="Placement">How it was placed (<c>coordinates</c>, <c>postcode</c>, <c>postcode_point</c>, <c>lsoa_code</c>).</param>
public sealed record CountedOrganisation(string SourceId, string AssetId, string Name, string Category, string LsoaCode, string? LadCode, double Longitude, double Latitude, string Placement);

/// <summary>One category's count in an area (<c>asset_category_summary</c>).</summary>
/// <param name="Category">The category.</param>
/// <param name="Label">Its label for display.</param>
/// <param name="Count">Organisations counted.</param>
/// <param name="Per10k">Per 10,000 residents.</param>
public sealed record CategoryCount(string Category, string Label, int Count, double Per10k);

/// <summary>
/// The asset-versus-need tables of a snapshot, read once, with the questions the README, the notebooks and the charts
/// ask of them: the counted organisations of an area (with their points, for maps), the counts by category, the
/// LSOAs of a quadrant, and the rank correlation of asset density with an index domain (the check against the
/// Community Needs Index's Civic Assets). The tables themselves are public for anything else.
/// </summary>
public sealed class AssetNeedData
{
    private AssetNeedData(Table assets, Table need, Table summary, Table categories, Table areas)
    {
        Assets = assets;
        Need = need;
        Summary = summary;
        CategorySummary = categories;
        Areas = areas;
    }

    /// <summary><c>assets</c>: one row per organisation.</summary>
    public Table Assets { get; }

    /// <summary><c>asset_need</c>: one row per LSOA of the study area.</summary>
    public Table Need { get; }

    /// <summary><c>asset_need_summary</c>: one row per district, combined authority, ...</summary>
    public Table Summary { get; }

    /// <summary><c>asset_category_summary</c>: one row per area and category.</summary>
    public Table CategorySummary { get; }

    /// <summary><c>areas</c> (LSOA 2021 rows), for the districts and combined authorities of LSOAs.</summary>
    public Table Areas { get; }

    /// <summary>Reads the tables from a snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="KeyNotFoundException">The snapshot has no asset tables (its catalogue has no register, or no need source); the message names the table.</exception>
    public static async Task<AssetNeedData> ReadAsync(LakeSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var name in new[] { TableNames.Assets, TableNames.AssetNeed, TableNames.AssetNeedSummary, TableNames.AssetCategorySummary })
        {
            if (!snapshot.TableNames.Contains(name))
            {
                throw new KeyNotFoundException($"Snapshot {snapshot.Id} has no table '{name}': its catalogue has no register, or no need source (see the README's Asset-versus-need).");
            }
        }

        var areas = (await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false)).Where((AreasColumns.LsoaVintage, 2021));
        return new AssetNeedData(
            await snapshot.ReadTableAsync(TableNames.Assets, cancellationToken).ConfigureAwait(false),
            await snapshot.ReadTableAsync(TableNames.AssetNeed, cancellationToken).ConfigureAwait(false),
            await snapshot.ReadTableAsync(TableNames.AssetNeedSummary, cancellationToken).ConfigureAwait(false),
            await snapshot.ReadTableAsync(TableNames.AssetCategorySummary, cancellationToken).ConfigureAwait(false),
            areas);
    }

    /// <summary>The organisations counted in the measures whose LSOA lies in an area (a district, combined authority, region or LSOA code), in register and row order.</summary>
    /// <param name="areaCode">The area.</param>
    public IReadOnlyList<CountedOrganisation> Organisations(string areaCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(areaCode);
        var lsoas = LsoasIn(areaCode);
        var source = Assets.Strings(AssetsColumns.SourceId);
        var id = Assets.Strings(AssetsColumns.AssetId);
        var name = Assets.Strings(AssetsColumns.Name);
        var category = Assets.Strings(AssetsColumns.Category);
        var lsoa = Assets.Strings(AssetsColumns.LsoaCode);
        var lad = Assets.Strings(AssetsColumns.LadCode);
        var lon = Assets.Primitive<double>(AssetsColumns.Longitude);
        var lat = Assets.Primitive<double>(AssetsColumns.Latitude);
        var placement = Assets.Strings(AssetsColumns.Placement);
        var reject = Assets.Strings(AssetsColumns.RejectReason);
        var result = new List<CountedOrganisation>();
        for (var i = 0; i < Assets.RowCount; i++)
        {
            if (reject[i] is null && lsoa[i] is { } l && lsoas.Contains(l))
            {
                result.Add(new CountedOrganisation(source[i]!, id[i]!, name[i]!, category[i]!, l, lad[i], lon[i] ?? double.NaN, lat[i] ?? double.NaN, placement[i]!));
            }
        }

        return result;
    }

    /// <summary>The counts by category of an area of <c>asset_category_summary</c>, largest first.</summary>
    /// <param name="areaCode">A district or combined authority code (an area of <c>asset_need.summary_areas</c>).</param>
    /// <exception cref="KeyNotFoundException">The summary has no row for the area.</exception>
    public IReadOnlyList<CategoryCount> Categories(string areaCode)
    {
        var rows = CategorySummary.Where((AssetCategorySummaryColumns.AreaCode, areaCode));
        if (rows.RowCount == 0)
        {
            throw new KeyNotFoundException($"asset_category_summary has no row for '{areaCode}'; its areas are {string.Join(", ", CategorySummary.Strings(AssetCategorySummaryColumns.AreaCode).Distinct())}.");
        }

        var category = rows.Strings(AssetCategorySummaryColumns.Category);
        var count = rows.Primitive<int>(AssetCategorySummaryColumns.AssetCount);
        var per10k = rows.Primitive<double>(AssetCategorySummaryColumns.AssetsPer10k);
        return [.. Enumerable.Range(0, rows.RowCount)
            .Select(i => new CategoryCount(category[i]!, Sources.Parsing.AssetCategories.Label(category[i]!), count[i] ?? 0, per10k[i] ?? double.NaN))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)];
    }

    /// <summary>The LSOAs of an area in a quadrant of <c>asset_need</c> (e.g. <c>high_need_low_assets</c>), by code.</summary>
    /// <param name="areaCode">A district, combined authority or region code.</param>
    /// <param name="quadrant">The quadrant.</param>
    public IReadOnlyList<string> LsoasInQuadrant(string areaCode, string quadrant)
    {
        var lsoas = LsoasIn(areaCode);
        var code = Need.Strings(AssetNeedColumns.LsoaCode);
        var q = Need.Strings(AssetNeedColumns.Quadrant);
        return [.. Enumerable.Range(0, Need.RowCount).Where(i => q[i] == quadrant && lsoas.Contains(code[i]!)).Select(i => code[i]!).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Spearman's rank correlation, across the LSOAs of an area, between an <c>asset_need</c> measure and the score of
    /// an index domain of the <c>deprivation</c> table (e.g. <c>cni2023</c> <c>civic_assets</c>), LSOAs without either
    /// left out; ties share their mean rank (<see cref="RankCorrelation.Spearman"/>).
    /// </summary>
    /// <param name="deprivation">The snapshot's <c>deprivation</c> table.</param>
    /// <param name="indexId">The index (e.g. <c>cni2023</c>).</param>
    /// <param name="domain">The domain (e.g. <c>civic_assets</c>).</param>
    /// <param name="areaCode">The area whose LSOAs are compared.</param>
    /// <param name="measure">The <c>asset_need</c> column. The default value is <c>assets_per_10k</c>.</param>
    /// <returns>Rho and the number of LSOAs compared.</returns>
    public (double Rho, int Lsoas) RankCorrelationWith(Table deprivation, string indexId, string domain, string areaCode, string measure = AssetNeedColumns.AssetsPer10k)
    {
        ArgumentNullException.ThrowIfNull(deprivation);
        var scores = deprivation.Where((DeprivationColumns.IndexId, indexId), (DeprivationColumns.Domain, domain), (DeprivationColumns.LsoaVintage, 2021));
        var byLsoa = new Dictionary<string, double>(StringComparer.Ordinal);
        var lsoaColumn = scores.Strings(DeprivationColumns.LsoaCode);
        var score = scores.Primitive<double>(DeprivationColumns.Score);
        for (var i = 0; i < scores.RowCount; i++)
        {
            if (score[i] is { } s)
            {
                byLsoa[lsoaColumn[i]!] = s;
            }
        }

        var lsoas = LsoasIn(areaCode);
        var code = Need.Strings(AssetNeedColumns.LsoaCode);
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < Need.RowCount; i++)
        {
            var value = Need.Number(measure, i);
            if (lsoas.Contains(code[i]!) && !double.IsNaN(value) && byLsoa.TryGetValue(code[i]!, out var s))
            {
                x.Add(value);
                y.Add(s);
            }
        }

        return (RankCorrelation.Spearman([.. x], [.. y]), x.Count);
    }

    /// <summary>The LSOA 2021 codes in an area: the LSOA itself, or those whose district, combined authority or region it is.</summary>
    private HashSet<string> LsoasIn(string areaCode)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var code = Areas.Strings(AreasColumns.LsoaCode);
        var lad = Areas.Strings(AreasColumns.LadCode);
        var cauth = Areas.Strings(AreasColumns.CauthCode);
        var region = Areas.Strings(AreasColumns.RegionCode);
        for (var i = 0; i < Areas.RowCount; i++)
        {
            if (code[i] == areaCode || lad[i] == areaCode || cauth[i] == areaCode || region[i] == areaCode)
            {
                result.Add(code[i]!);
            }
        }

        return result;
    }
}
