using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Snapshots;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The asset-need map's data: the area's LSOAs with the high-need, low-asset ones marked, and the organisations counted in them.</content>
public static partial class Charts
{
    /// <summary>The <c>quadrant</c> of the asset_need table the map highlights.</summary>
    internal const string HighNeedLowAssets = "high_need_low_assets";

    /// <summary>
    /// A map of an area's LSOAs from the <c>asset_need</c> table, the high-need, low-asset ones
    /// (<c>quadrant = high_need_low_assets</c>) highlighted, with the organisations of the <c>assets</c> table counted in
    /// those LSOAs (no <c>reject_reason</c>) as points at their placed coordinates, by category. Both tables may be whole
    /// or filtered by the analyst (e.g. one category of organisation). The boundaries come from
    /// <see cref="AssetNeedMapChartOptions.BoundaryPath"/>, which this overload requires (the snapshot overloads find them
    /// in the lake's raw cache).
    /// </summary>
    /// <param name="assetNeed">The <c>asset_need</c> rows: one per LSOA.</param>
    /// <param name="assets">The <c>assets</c> rows.</param>
    /// <param name="options">What to draw.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed), or <see cref="AssetNeedMapChartOptions.BoundaryPath"/> is not set.</exception>
    /// <exception cref="InvalidOperationException">A column is missing, an LSOA has several rows, or no LSOA of the area has a boundary.</exception>
    /// <exception cref="InvalidDataException">The boundary file is not GeoJSON polygons (the message names the file and feature).</exception>
    public static AssetNeedMapChart AssetNeedMap(Table assetNeed, Table assets, AssetNeedMapChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BoundaryPath is not { } path)
        {
            throw new ArgumentException(
                $"Invalid {nameof(AssetNeedMapChartOptions)}: BoundaryPath is required when mapping tables (the snapshot overloads find the boundaries in the lake's raw cache).",
                nameof(options));
        }

        return AssetNeedMap(assetNeed, assets, options, BoundaryFile.FromFile(path));
    }

    /// <summary>
    /// The asset-need map (<see cref="AssetNeedMap(Table, Table, AssetNeedMapChartOptions)"/>) of tables already read
    /// from <paramref name="snapshot"/> (e.g. filtered), with the boundaries from <see cref="AssetNeedMapChartOptions.BoundaryPath"/>
    /// or else the GeoJSON file of the lake's raw cache covering most of the area's LSOAs.
    /// </summary>
    /// <param name="snapshot">The snapshot the tables come from (its lake's raw cache holds the boundaries).</param>
    /// <param name="assetNeed">The <c>asset_need</c> rows.</param>
    /// <param name="assets">The <c>assets</c> rows.</param>
    /// <param name="options">What to draw.</param>
    public static AssetNeedMapChart AssetNeedMap(LakeSnapshot snapshot, Table assetNeed, Table assets, AssetNeedMapChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        return AssetNeedMap(assetNeed, assets, options, BoundaryFile.FromSnapshot(snapshot, options.BoundaryPath));
    }

    /// <summary>The asset-need map (<see cref="AssetNeedMap(Table, Table, AssetNeedMapChartOptions)"/>) of a snapshot's asset_need and assets tables.</summary>
    /// <param name="snapshot">The lake snapshot (it needs the asset tables).</param>
    /// <param name="options">What to draw.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<AssetNeedMapChart> AssetNeedMapAsync(LakeSnapshot snapshot, AssetNeedMapChartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var assetNeed = await snapshot.ReadTableAsync(TableNames.AssetNeed, cancellationToken).ConfigureAwait(false);
        var assets = await snapshot.ReadTableAsync(TableNames.Assets, cancellationToken).ConfigureAwait(false);
        return AssetNeedMap(snapshot, assetNeed, assets, options);
    }

    internal static AssetNeedMapChart AssetNeedMap(
        Table assetNeed, Table assets, AssetNeedMapChartOptions options, Func<HashSet<string>, (Dictionary<string, List<double[]>> Shapes, string Source)> boundaries)
    {
        ArgumentNullException.ThrowIfNull(assetNeed);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LakeData.RequireColumns(assetNeed, AssetNeedColumns.LsoaCode, AssetNeedColumns.LadCode, AssetNeedColumns.CauthCode, AssetNeedColumns.Quadrant);
        LakeData.RequireColumns(assets, AssetsColumns.SourceId, AssetsColumns.AssetId, AssetsColumns.Name, AssetsColumns.Category, AssetsColumns.LsoaCode, AssetsColumns.Latitude, AssetsColumns.Longitude);
        var rows = LakeData.InArea(assetNeed, options.AreaCode, AssetNeedColumns.LadCode, AssetNeedColumns.CauthCode);
        var code = rows.Strings(AssetNeedColumns.LsoaCode);
        var lad = rows.Strings(AssetNeedColumns.LadCode);
        var quadrant = rows.Strings(AssetNeedColumns.Quadrant);
        var members = new Dictionary<string, (string Lad, string? Quadrant)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (code[i] is not { } c || lad[i] is not { } l)
            {
                continue;
            }

            if (!members.TryAdd(c, (l, quadrant[i])))
            {
                throw new InvalidOperationException($"Table '{assetNeed.Name}' has more than one row for LSOA {c}; filter it to one row per LSOA.");
            }

            order.Add(c);
        }

        if (members.Count == 0)
        {
            throw new InvalidOperationException($"Table '{assetNeed.Name}' has no LSOA of area '{options.AreaCode}'.");
        }

        var (shapes, boundarySource) = boundaries(members.Keys.ToHashSet(StringComparer.Ordinal));
        var areas = order.Where(shapes.ContainsKey).Select(c => new AssetNeedMapArea(c, members[c].Lad, members[c].Quadrant, shapes[c])).ToList();
        if (areas.Count == 0)
        {
            throw new InvalidOperationException($"The boundaries ({boundarySource}) have none of the {members.Count} LSOAs of area '{options.AreaCode}' in '{assetNeed.Name}' (e.g. {order[0]}); the LSOA vintage may differ.");
        }

        var drawn = areas.Select(a => a.LsoaCode).ToHashSet(StringComparer.Ordinal);
        var (organisations, withoutPoint) = Organisations(assets, drawn);
        var categories = organisations.GroupBy(o => o.Category, StringComparer.Ordinal)
            .Select(g => new AssetCategoryCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();
        var highlighted = areas.Where(a => a.HighNeedLowAssets).Select(a => a.LsoaCode).ToList();
        var names = rows.Contains(AssetNeedColumns.LadName) ? DistrictNamesOf(rows) : [];
        var title = options.Title
            ?? $"High need, low assets: {ChartLabels.N(highlighted.Count)} of {ChartLabels.N(areas.Count)} LSOAs, {ChartLabels.Area(options.AreaCode, names)}\n"
            + $"with the {ChartLabels.N(organisations.Count)} registered organisations counted in them";
        return new AssetNeedMapChart(
            title, options, areas, highlighted, organisations, categories, MapGeometry.DistrictEdges(areas.Select(a => (a.LadCode, a.Rings))),
            MapGeometry.Extent(areas.SelectMany(a => a.Rings)), boundarySource, members.Count - areas.Count, withoutPoint);
    }

    /// <summary>
    /// The organisations counted in the drawn LSOAs: no <c>reject_reason</c> (in a lake without that column: not
    /// <c>active = false</c>), with coordinates; and how many were counted there without coordinates.
    /// </summary>
    private static (List<MapOrganisation> Points, int WithoutPoint) Organisations(Table assets, HashSet<string> drawn)
    {
        var lsoa = assets.Strings(AssetsColumns.LsoaCode);
        var rejected = assets.Contains(AssetsColumns.RejectReason) ? assets.Strings(AssetsColumns.RejectReason) : null;
        var active = rejected is null && assets.Contains(AssetsColumns.Active) ? assets.Column(AssetsColumns.Active) as PrimitiveColumn<bool> : null;
        var latitude = assets.Column(AssetsColumns.Latitude);
        var longitude = assets.Column(AssetsColumns.Longitude);
        var (source, id, name, category) = (assets.Strings(AssetsColumns.SourceId), assets.Strings(AssetsColumns.AssetId), assets.Strings(AssetsColumns.Name), assets.Strings(AssetsColumns.Category));
        var points = new List<MapOrganisation>();
        var withoutPoint = 0;
        for (var i = 0; i < assets.RowCount; i++)
        {
            if (lsoa[i] is not { } c || !drawn.Contains(c) || rejected?[i] is not null || active?[i] == false)
            {
                continue;
            }

            if (LakeData.Number(latitude, i) is { } lat && LakeData.Number(longitude, i) is { } lon && double.IsFinite(lat) && double.IsFinite(lon))
            {
                points.Add(new MapOrganisation(source[i] ?? string.Empty, id[i] ?? string.Empty, name[i] ?? string.Empty, category[i] ?? "other", lon, lat, c));
            }
            else
            {
                withoutPoint++;
            }
        }

        return (points, withoutPoint);
    }

    private static Dictionary<string, string> DistrictNamesOf(Table rows)
    {
        var (lad, name) = (rows.Strings(AssetNeedColumns.LadCode), rows.Strings(AssetNeedColumns.LadName));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (lad[i] is { } l && name[i] is { } n)
            {
                result.TryAdd(l, n);
            }
        }

        return result;
    }
}

/// <summary>The numbers of the asset-need map (<see cref="Charts.AssetNeedMap(Table, Table, AssetNeedMapChartOptions)"/>).</summary>
public sealed class AssetNeedMapChart : ChartResult
{
    internal AssetNeedMapChart(
        string title, AssetNeedMapChartOptions options, IReadOnlyList<AssetNeedMapArea> areas, IReadOnlyList<string> highlighted, IReadOnlyList<MapOrganisation> organisations,
        IReadOnlyList<AssetCategoryCount> categories, IReadOnlyList<LineSegment> districtEdges, MapExtent extent, string boundarySource, int lsoasWithoutBoundary, int organisationsWithoutPoint)
        : base(title, options.Width, options.Height)
    {
        AreaCode = options.AreaCode;
        Areas = areas;
        HighNeedLowAssets = highlighted;
        Organisations = organisations;
        Categories = categories;
        DistrictEdges = districtEdges;
        Extent = extent;
        BoundarySource = boundarySource;
        LsoasWithoutBoundary = lsoasWithoutBoundary;
        OrganisationsWithoutPoint = organisationsWithoutPoint;
    }

    /// <summary>The area.</summary>
    public string AreaCode { get; }

    /// <summary>The LSOAs drawn (the area's rows of asset_need that have a boundary), in table order.</summary>
    public IReadOnlyList<AssetNeedMapArea> Areas { get; }

    /// <summary>The LSOAs highlighted: those drawn whose <c>quadrant</c> is <c>high_need_low_assets</c>, in table order.</summary>
    public IReadOnlyList<string> HighNeedLowAssets { get; }

    /// <summary>The organisations drawn: counted (no <c>reject_reason</c>) in a drawn LSOA, at their placed coordinates, in table order.</summary>
    public IReadOnlyList<MapOrganisation> Organisations { get; }

    /// <summary>The organisations drawn by category, most first (the legend's order).</summary>
    public IReadOnlyList<AssetCategoryCount> Categories { get; }

    /// <summary>The district outlines: edges between LSOAs of different districts, and the outer edge, in lon/lat.</summary>
    public IReadOnlyList<LineSegment> DistrictEdges { get; }

    /// <summary>The box the drawn LSOAs span; every organisation drawn lies in it.</summary>
    public MapExtent Extent { get; }

    /// <summary>The boundary file the LSOAs came from.</summary>
    public string BoundarySource { get; }

    /// <summary>The area's LSOAs in asset_need that the boundary file does not have (not drawn).</summary>
    public int LsoasWithoutBoundary { get; }

    /// <summary>Organisations counted in a drawn LSOA without coordinates (placed by the register's LSOA code), so not drawn.</summary>
    public int OrganisationsWithoutPoint { get; }

    /// <inheritdoc />
    public override Plot ToPlot() => AssetNeedMapDrawing.Draw(this);
}

/// <summary>One LSOA of an <see cref="AssetNeedMapChart"/>.</summary>
/// <param name="LsoaCode">The LSOA.</param>
/// <param name="LadCode">Its district.</param>
/// <param name="Quadrant">Its asset_need <c>quadrant</c>.</param>
/// <param name="Rings">Its outer rings, each lon/lat pairs flattened.</param>
public sealed record AssetNeedMapArea(string LsoaCode, string LadCode, string? Quadrant, IReadOnlyList<double[]> Rings)
{
    /// <summary>Whether it is highlighted: high need and low assets.</summary>
    public bool HighNeedLowAssets => Quadrant == Charts.HighNeedLowAssets;
}

/// <summary>An organisation drawn on an <see cref="AssetNeedMapChart"/>.</summary>
/// <param name="SourceId">The register (catalogue source).</param>
/// <param name="AssetId">The register's id.</param>
/// <param name="Name">The name.</param>
/// <param name="Category">The lake's category.</param>
/// <param name="Longitude">Its placed longitude (WGS84).</param>
/// <param name="Latitude">Its placed latitude (WGS84).</param>
/// <param name="LsoaCode">The LSOA it is counted in.</param>
public sealed record MapOrganisation(string SourceId, string AssetId, string Name, string Category, double Longitude, double Latitude, string LsoaCode);

/// <summary>How many organisations of a category a map draws.</summary>
/// <param name="Category">The lake's category.</param>
/// <param name="Count">The organisations.</param>
public sealed record AssetCategoryCount(string Category, int Count);
