using Inequalities.Core.Columnar;
using Inequalities.Lake;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The district summary's data: each district's rank on each index.</content>
public static partial class Charts
{
    /// <summary>
    /// The district summary from <c>lad_deprivation_summaries</c> (whole, or filtered by the analyst): each district
    /// of the area's rank among all districts (1 = most deprived) for each index, by the rank of average score, or by
    /// the rank of average rank for an index without scores (e.g. IoD2019 Files 1–2; the title says so).
    /// </summary>
    /// <param name="summaries">The <c>lad_deprivation_summaries</c> rows; "of N districts" counts the rows of each index and domain.</param>
    /// <param name="areas">The <c>areas</c> table: which districts lie in the area, and their names.</param>
    /// <param name="options">What to draw.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="InvalidOperationException">A column is missing, or an index has no rows or no ranks.</exception>
    public static DistrictSummaryChart DistrictSummary(Table summaries, Table areas, DistrictSummaryChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LakeData.RequireColumns(summaries, LadDeprivationSummariesColumns.IndexId, LadDeprivationSummariesColumns.Domain, LadDeprivationSummariesColumns.LadCode, LadDeprivationSummariesColumns.LadName, LadDeprivationSummariesColumns.RankOfAverageScore, LadDeprivationSummariesColumns.RankOfAverageRank);
        var members = LakeData.AreaLsoas(areas, options.AreaCode);
        var districts = members.Values.Select(m => m.LadCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var names = LakeData.DistrictNames(areas);
        var indices = new List<DistrictSummaryIndex>();
        var bars = new List<DistrictRank>();
        for (var x = 0; x < options.Indices.Count; x++)
        {
            var index = options.Indices[x];
            var rows = summaries.Where((LadDeprivationSummariesColumns.IndexId, index), (LadDeprivationSummariesColumns.Domain, options.Domain));
            if (rows.RowCount == 0)
            {
                throw new InvalidOperationException($"Table '{summaries.Name}' has no rows for index '{index}' and domain '{options.Domain}'.");
            }

            var byScore = rows.Column(LadDeprivationSummariesColumns.RankOfAverageScore).NullCount < rows.RowCount;
            var rank = rows.Primitive<int>(byScore ? LadDeprivationSummariesColumns.RankOfAverageScore : LadDeprivationSummariesColumns.RankOfAverageRank);
            var lad = rows.Strings(LadDeprivationSummariesColumns.LadCode);
            indices.Add(new DistrictSummaryIndex(index, byScore, rows.RowCount));
            for (var i = 0; i < rows.RowCount; i++)
            {
                var d = districts.IndexOf(lad[i]!);
                if (d >= 0 && rank[i] is { } r)
                {
                    bars.Add(new DistrictRank(districts[d], x, r));
                }
            }
        }

        if (bars.Count == 0)
        {
            throw new InvalidOperationException($"Table '{summaries.Name}' has no ranks for the districts of area '{options.AreaCode}' ({string.Join(", ", districts)}).");
        }

        var measures = indices.Select(i => $"{ChartLabels.Index(i.IndexId)}: {(i.ByScore ? "rank of average score" : "rank of average rank (no scores in the lake)")}");
        var title = options.Title ?? $"{ChartLabels.Domain(options.Domain)} rank among all districts, {ChartLabels.Area(options.AreaCode, names)}\n{string.Join("; ", measures)}";
        return new DistrictSummaryChart(title, options, districts.Select(d => new DistrictName(d, names.GetValueOrDefault(d, d))).ToList(), indices, bars);
    }
}

/// <summary>The numbers of the district summary (<see cref="Charts.DistrictSummary"/>).</summary>
public sealed class DistrictSummaryChart : ChartResult
{
    internal DistrictSummaryChart(
        string title, DistrictSummaryChartOptions options, IReadOnlyList<DistrictName> districts, IReadOnlyList<DistrictSummaryIndex> indices, IReadOnlyList<DistrictRank> ranks)
        : base(title, options.Width, options.Height)
    {
        AreaCode = options.AreaCode;
        Domain = options.Domain;
        Districts = districts;
        Indices = indices;
        Ranks = ranks;
    }

    /// <summary>The area.</summary>
    public string AreaCode { get; }

    /// <summary>The domain.</summary>
    public string Domain { get; }

    /// <summary>The districts of the area, in code order (one group of bars each).</summary>
    public IReadOnlyList<DistrictName> Districts { get; }

    /// <summary>The indices side by side, in the order of the options.</summary>
    public IReadOnlyList<DistrictSummaryIndex> Indices { get; }

    /// <summary>The bars: each district's rank on each index that ranks it, index by index in table order.</summary>
    public IReadOnlyList<DistrictRank> Ranks { get; }

    /// <inheritdoc />
    public override Plot ToPlot() => DistrictSummaryDrawing.Draw(this);
}

/// <summary>A district and its name.</summary>
/// <param name="Code">The district code.</param>
/// <param name="Name">Its name (the code when the areas table has none).</param>
public sealed record DistrictName(string Code, string Name);

/// <summary>One index of a <see cref="DistrictSummaryChart"/>.</summary>
/// <param name="IndexId">The index, e.g. <c>iod2025</c>.</param>
/// <param name="ByScore">Whether the ranks are by average score (else by average rank: the index has no scores).</param>
/// <param name="DistrictCount">The districts the index ranks (the rows of the index and domain).</param>
public sealed record DistrictSummaryIndex(string IndexId, bool ByScore, int DistrictCount);

/// <summary>One bar of a <see cref="DistrictSummaryChart"/>.</summary>
/// <param name="LadCode">The district.</param>
/// <param name="Index">The position of the index in <see cref="DistrictSummaryChart.Indices"/>.</param>
/// <param name="Rank">The district's rank among all districts (1 = most deprived).</param>
public readonly record struct DistrictRank(string LadCode, int Index, int Rank);
