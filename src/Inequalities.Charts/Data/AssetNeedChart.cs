using Inequalities.Core.Columnar;
using Inequalities.Lake;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The asset-versus-need chart's data: need against asset density per LSOA, by district.</content>
public static partial class Charts
{
    /// <summary>
    /// The asset-versus-need scatter from the <c>asset_need</c> table (whole, or filtered by the analyst): each
    /// LSOA's need score against its assets per 10,000 residents, by district, with the table's quadrant lines (high
    /// need: the lowest need score it marks high; low assets: the highest density it marks low).
    /// </summary>
    /// <param name="assetNeed">The <c>asset_need</c> rows.</param>
    /// <param name="options">What to draw.</param>
    /// <param name="areas">The <c>areas</c> table, for district names; without it the legend gives codes.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="InvalidOperationException">A column is missing, or no LSOA of the area has both numbers.</exception>
    public static AssetNeedChart AssetNeed(Table assetNeed, AssetNeedChartOptions options, Table? areas = null)
    {
        ArgumentNullException.ThrowIfNull(assetNeed);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LakeData.RequireColumns(assetNeed, AssetNeedColumns.LsoaCode, AssetNeedColumns.LadCode, AssetNeedColumns.CauthCode, AssetNeedColumns.NeedScore, AssetNeedColumns.AssetsPer10k, AssetNeedColumns.Quadrant);
        var rows = LakeData.InArea(assetNeed, options.AreaCode, AssetNeedColumns.LadCode, AssetNeedColumns.CauthCode);
        var lad = rows.Strings(AssetNeedColumns.LadCode);
        var need = rows.Primitive<double>(AssetNeedColumns.NeedScore);
        var density = rows.Primitive<double>(AssetNeedColumns.AssetsPer10k);
        var quadrant = rows.Strings(AssetNeedColumns.Quadrant);
        var byDistrict = new SortedDictionary<string, (List<double> X, List<double> Y)>(StringComparer.Ordinal);
        var quadrants = AssetNeedChart.QuadrantNames.ToDictionary(q => q, _ => 0, StringComparer.Ordinal);
        double highNeedFrom = double.PositiveInfinity, lowAssetsTo = double.NegativeInfinity;
        var shown = 0;
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (lad[i] is not { } l || need[i] is not { } x || density[i] is not { } y)
            {
                continue;
            }

            if (!byDistrict.TryGetValue(l, out var list))
            {
                byDistrict[l] = list = ([], []);
            }

            list.X.Add(x);
            list.Y.Add(y);
            shown++;
            if (quadrant[i] is { } qd)
            {
                if (quadrants.TryGetValue(qd, out var count))
                {
                    quadrants[qd] = count + 1;
                }

                if (qd.StartsWith("high_need", StringComparison.Ordinal))
                {
                    highNeedFrom = Math.Min(highNeedFrom, x);
                }

                if (qd.EndsWith("low_assets", StringComparison.Ordinal))
                {
                    lowAssetsTo = Math.Max(lowAssetsTo, y);
                }
            }
        }

        if (shown == 0)
        {
            throw new InvalidOperationException($"Table '{assetNeed.Name}' has no LSOA of area '{options.AreaCode}' with both need_score and assets_per_10k.");
        }

        var names = LakeData.DistrictNames(areas);
        var districts = byDistrict.Select(d => new AssetNeedDistrict(d.Key, names.GetValueOrDefault(d.Key, d.Key), d.Value.X, d.Value.Y)).ToList();
        var title = options.Title ?? $"Community assets against need, {ChartLabels.Area(options.AreaCode, names)} ({ChartLabels.N(shown)} LSOAs)";
        return new AssetNeedChart(
            title, options, districts, shown, double.IsFinite(highNeedFrom) ? highNeedFrom : null, double.IsFinite(lowAssetsTo) ? lowAssetsTo : null,
            [.. AssetNeedChart.QuadrantNames.Select(q => new AssetNeedQuadrant(q, quadrants[q]))]);
    }
}

/// <summary>The numbers of the asset-versus-need chart (<see cref="Charts.AssetNeed"/>).</summary>
public sealed class AssetNeedChart : ChartResult
{
    /// <summary>The <c>quadrant</c> values of the asset_need table, in the order of <see cref="Quadrants"/>.</summary>
    internal static readonly string[] QuadrantNames = ["high_need_low_assets", "high_need_higher_assets", "lower_need_low_assets", "lower_need_higher_assets"];

    internal AssetNeedChart(
        string title, AssetNeedChartOptions options, IReadOnlyList<AssetNeedDistrict> districts, int lsoaCount, double? highNeedFrom, double? lowAssetsTo,
        IReadOnlyList<AssetNeedQuadrant> quadrants)
        : base(title, options.Width, options.Height)
    {
        SquareRootScale = options.SquareRootScale;
        Quadrants = quadrants;
        AreaCode = options.AreaCode;
        Districts = districts;
        LsoaCount = lsoaCount;
        HighNeedFrom = highNeedFrom;
        LowAssetsTo = lowAssetsTo;
    }

    /// <summary>The area.</summary>
    public string AreaCode { get; }

    /// <summary>The LSOAs by district (in district code order), each LSOA in table order.</summary>
    public IReadOnlyList<AssetNeedDistrict> Districts { get; }

    /// <summary>The LSOAs drawn (those with both a need score and an asset density).</summary>
    public int LsoaCount { get; }

    /// <summary>The lowest need score of an LSOA the table marks high need (the vertical line), if any.</summary>
    public double? HighNeedFrom { get; }

    /// <summary>The highest asset density of an LSOA the table marks low assets (the horizontal line), if any.</summary>
    public double? LowAssetsTo { get; }

    /// <summary>
    /// The LSOAs drawn in each quadrant of the table (<c>high_need_low_assets</c>, <c>high_need_higher_assets</c>,
    /// <c>lower_need_low_assets</c>, <c>lower_need_higher_assets</c>, in that order); the tags in the plot's corners give them.
    /// </summary>
    public IReadOnlyList<AssetNeedQuadrant> Quadrants { get; }

    /// <summary>Whether the assets axis is drawn on a square-root scale (<see cref="AssetNeedChartOptions.SquareRootScale"/>).</summary>
    public bool SquareRootScale { get; }

    /// <inheritdoc />
    public override Plot ToPlot() => AssetNeedDrawing.Draw(this);
}

/// <summary>One quadrant of an <see cref="AssetNeedChart"/>.</summary>
/// <param name="Quadrant">The asset_need table's <c>quadrant</c> value, e.g. <c>high_need_low_assets</c>.</param>
/// <param name="Lsoas">The LSOAs drawn that the table puts in it.</param>
public sealed record AssetNeedQuadrant(string Quadrant, int Lsoas);

/// <summary>The LSOAs of one district in an <see cref="AssetNeedChart"/>.</summary>
/// <param name="LadCode">The district code.</param>
/// <param name="Name">The district name (its code without an <c>areas</c> table).</param>
/// <param name="NeedScores">Each LSOA's need score (x).</param>
/// <param name="AssetsPer10k">Each LSOA's assets per 10,000 residents (y), parallel to <paramref name="NeedScores"/>.</param>
public sealed record AssetNeedDistrict(string LadCode, string Name, IReadOnlyList<double> NeedScores, IReadOnlyList<double> AssetsPer10k);
