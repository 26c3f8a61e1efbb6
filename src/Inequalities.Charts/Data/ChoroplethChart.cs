using Inequalities.Core.Columnar;
using Inequalities.Lake;
using ScottPlot;

namespace Inequalities.Charts;

/// <content>The choropleth's data: one value per LSOA of the area, its decile class, and district edges.</content>
public static partial class Charts
{
    /// <summary>
    /// A choropleth of any LSOA-level column (whole table, or filtered by the analyst) for an area: ten classes at
    /// the deciles of the mapped values, and the edges between districts. The boundaries come from
    /// <see cref="ChoroplethChartOptions.BoundaryPath"/>, which this overload requires (the snapshot overload,
    /// <see cref="ChoroplethAsync"/>, finds them in the lake's raw cache).
    /// </summary>
    /// <param name="table">Any table with <c>lsoa_code</c> and the numeric <see cref="ChoroplethChartOptions.Column"/>; after <see cref="ChoroplethChartOptions.Filters"/> each LSOA must have one row.</param>
    /// <param name="areas">The <c>areas</c> table: which LSOAs lie in the area, and their districts.</param>
    /// <param name="options">What to draw.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed), or <see cref="ChoroplethChartOptions.BoundaryPath"/> is not set.</exception>
    /// <exception cref="InvalidOperationException">A column is missing, an LSOA has several rows, or nothing can be mapped.</exception>
    /// <exception cref="InvalidDataException">The boundary file is not GeoJSON polygons (the message names the file and feature).</exception>
    public static ChoroplethChart Choropleth(Table table, Table areas, ChoroplethChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BoundaryPath is not { } path)
        {
            throw new ArgumentException(
                $"Invalid {nameof(ChoroplethChartOptions)}: BoundaryPath is required when charting a table (the snapshot overload, ChoroplethAsync, finds the boundaries in the lake's raw cache).",
                nameof(options));
        }

        return Choropleth(table, areas, options, BoundaryFile.FromFile(path));
    }

    internal static ChoroplethChart Choropleth(
        Table table, Table areas, ChoroplethChartOptions options, Func<HashSet<string>, (Dictionary<string, List<double[]>> Shapes, string Source)> boundaries)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LakeData.RequireColumns(table, [AreasColumns.LsoaCode, options.Column, .. options.Filters.Keys]);
        var members = LakeData.AreaLsoas(areas, options.AreaCode);
        var rows = table.Where([.. options.Filters.Select(f => (f.Key, (CellValue)f.Value))]);
        var code = rows.Strings(AreasColumns.LsoaCode);
        var column = rows.Column(options.Column);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (code[i] is { } c && members.ContainsKey(c) && LakeData.Number(column, i) is { } v && double.IsFinite(v)
                && !values.TryAdd(c, v))
            {
                throw new InvalidOperationException(
                    $"Table '{table.Name}' has more than one row for LSOA {c} after the filters ({FilterText(options.Filters)}); add filters so each LSOA has one value of '{options.Column}'.");
            }
        }

        if (values.Count == 0)
        {
            throw new InvalidOperationException($"Table '{table.Name}' has no value of '{options.Column}' for an LSOA of area '{options.AreaCode}' with the filters ({FilterText(options.Filters)}).");
        }

        var (shapes, boundarySource) = boundaries(values.Keys.ToHashSet(StringComparer.Ordinal));
        var mapped = values.Keys.Where(shapes.ContainsKey).ToList();
        if (mapped.Count == 0)
        {
            throw new InvalidOperationException($"The boundaries ({boundarySource}) have none of the {values.Count} LSOAs with values of '{options.Column}' (e.g. {values.Keys.First()}); the LSOA vintage may differ.");
        }

        var sorted = mapped.Select(c => values[c]).Order().ToArray();
        var breaks = Enumerable.Range(1, 9).Select(d => Quantile(sorted, d / 10.0)).ToArray();
        int ClassOf(double v)
        {
            var d = 0;
            while (d < breaks.Length && v > breaks[d])
            {
                d++;
            }

            return d;
        }

        var classes = Enumerable.Range(0, 10).Select(d => new ChoroplethClass(d, d == 0 ? sorted[0] : breaks[d - 1], d == 9 ? sorted[^1] : breaks[d])).ToList();
        var mappedAreas = mapped.Select(c => new ChoroplethArea(c, members[c].LadCode, values[c], ClassOf(values[c]), shapes[c])).ToList();
        var names = LakeData.DistrictNames(areas);
        var filterText = options.Filters.Count == 0 ? string.Empty : $" ({string.Join(", ", options.Filters.Values)})";
        var title = options.Title ?? $"{ChartLabels.Words(options.Column)}{filterText}, {ChartLabels.Area(options.AreaCode, names)}: deciles of {ChartLabels.N(mapped.Count)} LSOAs";
        return new ChoroplethChart(title, options, mappedAreas, breaks, classes, MapGeometry.DistrictEdges(mappedAreas.Select(a => (a.LadCode, a.Rings))), boundarySource);
    }

    private static string FilterText(IReadOnlyDictionary<string, string> filters) =>
        filters.Count == 0 ? "none" : string.Join(", ", filters.Select(f => $"{f.Key}={f.Value}"));

    /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>The numbers of a choropleth (<see cref="Charts.Choropleth(Table, Table, ChoroplethChartOptions)"/>).</summary>
public sealed class ChoroplethChart : ChartResult
{
    internal ChoroplethChart(
        string title, ChoroplethChartOptions options, IReadOnlyList<ChoroplethArea> areas, IReadOnlyList<double> breaks, IReadOnlyList<ChoroplethClass> classes,
        IReadOnlyList<LineSegment> districtEdges, string boundarySource)
        : base(title, options.Width, options.Height)
    {
        Column = options.Column;
        AreaCode = options.AreaCode;
        Areas = areas;
        Breaks = breaks;
        Classes = classes;
        DistrictEdges = districtEdges;
        BoundarySource = boundarySource;
    }

    /// <summary>The column mapped.</summary>
    public string Column { get; }

    /// <summary>The area.</summary>
    public string AreaCode { get; }

    /// <summary>The LSOAs mapped (those with a value and a boundary), in table order.</summary>
    public IReadOnlyList<ChoroplethArea> Areas { get; }

    /// <summary>The nine class breaks: the deciles of the mapped values (a value above break d is in a class after d).</summary>
    public IReadOnlyList<double> Breaks { get; }

    /// <summary>The ten classes with their ranges, as the legend gives them.</summary>
    public IReadOnlyList<ChoroplethClass> Classes { get; }

    /// <summary>The district outlines: edges between LSOAs of different districts, and the outer edge, in lon/lat.</summary>
    public IReadOnlyList<LineSegment> DistrictEdges { get; }

    /// <summary>The boundary file the outlines came from.</summary>
    public string BoundarySource { get; }

    /// <inheritdoc />
    public override Plot ToPlot() => ChoroplethDrawing.Draw(this);
}

/// <summary>One LSOA of a <see cref="ChoroplethChart"/>.</summary>
/// <param name="LsoaCode">The LSOA.</param>
/// <param name="LadCode">Its district.</param>
/// <param name="Value">The mapped value.</param>
/// <param name="Class">Its class, 0 (lowest tenth) to 9.</param>
/// <param name="Rings">Its outer rings, each lon/lat pairs flattened.</param>
public sealed record ChoroplethArea(string LsoaCode, string LadCode, double Value, int Class, IReadOnlyList<double[]> Rings);

/// <summary>One class of a <see cref="ChoroplethChart"/>.</summary>
/// <param name="Class">The class, 0 to 9.</param>
/// <param name="Low">Its lowest value (the minimum, or the break below it).</param>
/// <param name="High">Its highest value (the break above it, or the maximum).</param>
public readonly record struct ChoroplethClass(int Class, double Low, double High);

/// <summary>A line from (X1, Y1) to (X2, Y2).</summary>
/// <param name="X1">The first point's x (longitude).</param>
/// <param name="Y1">The first point's y (latitude).</param>
/// <param name="X2">The second point's x.</param>
/// <param name="Y2">The second point's y.</param>
public readonly record struct LineSegment(double X1, double Y1, double X2, double Y2);
