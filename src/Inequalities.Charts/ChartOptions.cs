using Inequalities.Lake;

namespace Inequalities.Charts;

/// <summary>The size and title shared by every chart's options.</summary>
public abstract record ChartOptionsBase
{
    /// <summary>The Liverpool City Region combined authority, the default area of every chart.</summary>
    public const string LiverpoolCityRegion = "E47000004";

    private protected ChartOptionsBase()
    {
    }

    /// <summary>The image width in pixels (100 to 4000).</summary>
    /// <value>The default value is 900.</value>
    public int Width { get; init; } = 900;

    /// <summary>The image height in pixels (100 to 4000).</summary>
    /// <value>The default value is 600.</value>
    public int Height { get; init; } = 600;

    /// <summary>A title replacing the chart's own.</summary>
    /// <value>The default value is <see langword="null"/>: the chart writes a title from the data it shows.</value>
    public string? Title { get; init; }

    /// <summary>Checks every option at once.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all.</exception>
    internal void Validate()
    {
        var problems = new List<string>();
        if (Width is < 100 or > 4000)
        {
            problems.Add($"Width must be 100 to 4000 pixels, not {Width}.");
        }

        if (Height is < 100 or > 4000)
        {
            problems.Add($"Height must be 100 to 4000 pixels, not {Height}.");
        }

        AddProblems(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {GetType().Name}: {string.Join(" ", problems)}");
        }
    }

    /// <summary>Adds the chart's own problems.</summary>
    /// <param name="problems">The list to add to.</param>
    private protected virtual void AddProblems(List<string> problems)
    {
    }

    private protected static void RequireFileOrNull(List<string> problems, string? path, string name)
    {
        if (path is not null && !File.Exists(path))
        {
            problems.Add($"{name} '{path}' does not exist.");
        }
    }

    private protected static void Require(List<string> problems, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is required.");
        }
    }
}

/// <summary>Options of <see cref="Charts.Gradient"/> and <see cref="Charts.GradientAsync"/>.</summary>
public sealed record GradientChartOptions : ChartOptionsBase
{
    /// <summary>The indicator (<c>indicator_id</c> of inequality_quantiles), e.g. <c>years_of_potential_life_lost</c>.</summary>
    /// <value>The default value is an empty string; it must be set.</value>
    public string IndicatorId { get; init; } = string.Empty;

    /// <summary>The source of the indicator, when two sources publish the same id.</summary>
    /// <value>The default value is <see langword="null"/>: any source (it must be unique).</value>
    public string? SourceId { get; init; }

    /// <summary>The area whose gradient is drawn (a district, combined authority, or E92000001 for England).</summary>
    /// <value>The default value is <c>E47000004</c>, the Liverpool City Region.</value>
    public string AreaCode { get; init; } = LiverpoolCityRegion;

    /// <summary>The deprivation basis, e.g. <c>iod2019/imd/national</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the first basis in ordinal order.</value>
    public string? Basis { get; init; }

    /// <summary>The period.</summary>
    /// <value>The default value is <see langword="null"/>: the last period in ordinal order.</value>
    public string? Period { get; init; }

    /// <summary>The number of quantiles (5 or 10 in the lake).</summary>
    /// <value>The default value is 10.</value>
    public int QuantileCount { get; init; } = 10;

    private protected override void AddProblems(List<string> problems)
    {
        Require(problems, IndicatorId, nameof(IndicatorId));
        Require(problems, AreaCode, nameof(AreaCode));
        if (QuantileCount < 2)
        {
            problems.Add($"QuantileCount must be at least 2, not {QuantileCount}.");
        }
    }
}

/// <summary>Options of <see cref="Charts.AssetNeed"/> and <see cref="Charts.AssetNeedAsync"/>.</summary>
public sealed record AssetNeedChartOptions : ChartOptionsBase
{
    /// <summary>The area whose LSOAs are drawn (a district, or a combined authority).</summary>
    /// <value>The default value is <c>E47000004</c>, the Liverpool City Region.</value>
    public string AreaCode { get; init; } = LiverpoolCityRegion;

    /// <summary>
    /// Whether the assets axis uses a square-root scale (ticks in organisations per 10,000 residents), so that the many
    /// neighbourhoods with a few organisations are not pressed flat by the odd one with very many.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SquareRootScale { get; init; } = true;

    private protected override void AddProblems(List<string> problems) => Require(problems, AreaCode, nameof(AreaCode));
}

/// <summary>Options of <see cref="Charts.Choropleth(Core.Columnar.Table, Core.Columnar.Table, ChoroplethChartOptions)"/> and <see cref="Charts.ChoroplethAsync"/>.</summary>
public sealed record ChoroplethChartOptions : ChartOptionsBase
{
    /// <summary>The lake table holding the LSOA-level values (it needs an <c>lsoa_code</c> column); read by <see cref="Charts.ChoroplethAsync"/>.</summary>
    /// <value>The default value is <c>deprivation</c>.</value>
    public string Table { get; init; } = TableNames.Deprivation;

    /// <summary>The numeric column to map.</summary>
    /// <value>The default value is <c>score</c>.</value>
    public string Column { get; init; } = DeprivationColumns.Score;

    /// <summary>
    /// Rows to keep, column name to value, through the core's row filter (<see cref="Core.Columnar.TableFilters.Where"/>:
    /// the text is read as the column's type, as in the <c>export</c> verb); after filtering each LSOA must have one row.
    /// </summary>
    /// <value>The default value is <c>index_id=iod2025, domain=imd</c> (for the default table).</value>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DeprivationColumns.IndexId] = "iod2025",
        [DeprivationColumns.Domain] = "imd",
    };

    /// <summary>The area whose LSOAs are drawn (a district, combined authority or region).</summary>
    /// <value>The default value is <c>E47000004</c>, the Liverpool City Region.</value>
    public string AreaCode { get; init; } = LiverpoolCityRegion;

    /// <summary>A GeoJSON file of LSOA boundaries.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: the GeoJSON boundary sources in the lake's raw cache
    /// (<c>&lt;lake&gt;/raw/&lt;id&gt;/</c>), the one covering most of the mapped LSOAs.
    /// </value>
    public string? BoundaryPath { get; init; }

    private protected override void AddProblems(List<string> problems)
    {
        Require(problems, Table, nameof(Table));
        Require(problems, Column, nameof(Column));
        Require(problems, AreaCode, nameof(AreaCode));
        RequireFileOrNull(problems, BoundaryPath, nameof(BoundaryPath));
    }
}

/// <summary>Options of <see cref="Charts.AssetNeedMap(Core.Columnar.Table, Core.Columnar.Table, AssetNeedMapChartOptions)"/> and <see cref="Charts.AssetNeedMapAsync"/>.</summary>
public sealed record AssetNeedMapChartOptions : ChartOptionsBase
{
    /// <summary>The area whose LSOAs are drawn (a district, or a combined authority).</summary>
    /// <value>The default value is <c>E47000004</c>, the Liverpool City Region.</value>
    public string AreaCode { get; init; } = LiverpoolCityRegion;

    /// <summary>A GeoJSON file of LSOA boundaries (of the asset_need table's vintage, 2021).</summary>
    /// <value>
    /// The default value is <see langword="null"/>: the GeoJSON boundary sources in the lake's raw cache, the one
    /// covering most of the area's LSOAs (required when mapping tables without a snapshot).
    /// </value>
    public string? BoundaryPath { get; init; }

    private protected override void AddProblems(List<string> problems)
    {
        Require(problems, AreaCode, nameof(AreaCode));
        RequireFileOrNull(problems, BoundaryPath, nameof(BoundaryPath));
    }
}

/// <summary>Options of <see cref="Charts.DistrictSummary"/> and <see cref="Charts.DistrictSummaryAsync"/>.</summary>
public sealed record DistrictSummaryChartOptions : ChartOptionsBase
{
    /// <summary>The area whose districts are drawn (a combined authority or region).</summary>
    /// <value>The default value is <c>E47000004</c>, the Liverpool City Region.</value>
    public string AreaCode { get; init; } = LiverpoolCityRegion;

    /// <summary>The indices side by side, in order.</summary>
    /// <value>The default value is <c>iod2019, iod2025</c>.</value>
    public IReadOnlyList<string> Indices { get; init; } = ["iod2019", "iod2025"];

    /// <summary>The domain.</summary>
    /// <value>The default value is <c>imd</c>.</value>
    public string Domain { get; init; } = "imd";

    private protected override void AddProblems(List<string> problems)
    {
        Require(problems, AreaCode, nameof(AreaCode));
        Require(problems, Domain, nameof(Domain));
        if (Indices is null || Indices.Count == 0)
        {
            problems.Add("Indices must name at least one index.");
        }
    }
}

/// <summary>What <see cref="Charts.TrendAsync"/> draws.</summary>
public enum TrendMeasure
{
    /// <summary>The indicator's value by deprivation quintile, one line per quintile across periods.</summary>
    Quintiles,

    /// <summary>The slope index of inequality with its interval across periods (or, with one period, across deprivation bases), from inequality_gradients and inequality_trends.</summary>
    Sii,
}

/// <summary>Options of <see cref="Charts.Trend"/>, <see cref="Charts.DistrictTrend"/>, <see cref="Charts.SiiTrend"/> and <see cref="Charts.TrendAsync"/>.</summary>
public sealed record TrendChartOptions : ChartOptionsBase
{
    /// <summary>The indicator (<c>indicator_id</c>).</summary>
    /// <value>The default value is an empty string; it must be set.</value>
    public string IndicatorId { get; init; } = string.Empty;

    /// <summary>The source of the indicator, when two sources publish the same id.</summary>
    /// <value>The default value is <see langword="null"/>: any source (it must be unique).</value>
    public string? SourceId { get; init; }

    /// <summary>The area (for LSOA series in inequality_quantiles).</summary>
    /// <value>The default value is <c>E47000004</c>, the Liverpool City Region.</value>
    public string AreaCode { get; init; } = LiverpoolCityRegion;

    /// <summary>The deprivation basis for LSOA series, e.g. <c>iod2019/imd/national</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the first basis in ordinal order.</value>
    public string? Basis { get; init; }

    /// <summary>
    /// For indicators published per district (the <c>indicators</c> table, area type <c>lad</c>): the index whose
    /// district ranks (rank of average rank, IMD) group the districts into quintiles.
    /// </summary>
    /// <value>The default value is <c>iod2019</c>.</value>
    public string DistrictIndex { get; init; } = "iod2019";

    /// <summary>What to draw: the indicator by quintile over periods, or its slope index of inequality with intervals.</summary>
    /// <value>The default value is <see cref="TrendMeasure.Quintiles"/>.</value>
    public TrendMeasure Measure { get; init; } = TrendMeasure.Quintiles;

    /// <summary>For <see cref="TrendMeasure.Sii"/>: the gradient method, <c>quantile</c> or <c>lsoa</c>.</summary>
    /// <value>The default value is <c>quantile</c>.</value>
    public string Method { get; init; } = "quantile";

    private protected override void AddProblems(List<string> problems)
    {
        Require(problems, IndicatorId, nameof(IndicatorId));
        Require(problems, AreaCode, nameof(AreaCode));
        Require(problems, DistrictIndex, nameof(DistrictIndex));
        if (Method is not ("quantile" or "lsoa"))
        {
            problems.Add($"Method must be quantile or lsoa (got '{Method}')");
        }

        if (!Enum.IsDefined(Measure))
        {
            problems.Add($"Measure {(int)Measure} is not defined");
        }
    }
}
