namespace Inequalities.Sources.Parsing;

/// <summary>One index of deprivation (or need) at LSOA level, parsed from a deprivation-kind source.</summary>
public sealed class DeprivationData
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The index id (<c>iod2019</c>, <c>iod2025</c>, <c>cni2023</c>...), from the entry's <c>index_id</c> option or its id.</summary>
    public required string IndexId { get; init; }

    /// <summary>The LSOA vintage of the codes.</summary>
    public required int Vintage { get; init; }

    /// <summary>LSOA codes, one per row.</summary>
    public required string[] LsoaCodes { get; init; }

    /// <summary>LSOA names where the file has them.</summary>
    public string?[]? LsoaNames { get; init; }

    /// <summary>The district each LSOA is assigned to by the index's own file, where it says.</summary>
    public string?[]? LadCodes { get; init; }

    /// <summary>District names, where the file has them.</summary>
    public string?[]? LadNames { get; init; }

    /// <summary>Per domain: scores, ranks and deciles (NaN / 0 when the file lacks them).</summary>
    public required IReadOnlyList<DomainValues> Domains { get; init; }

    /// <summary>Population denominators by name (<c>total</c>, <c>working_age</c>, ...), NaN where missing.</summary>
    public required IReadOnlyDictionary<string, double[]> Denominators { get; init; }
}

/// <summary>The values of one domain of an index.</summary>
/// <param name="Domain">The domain (<c>imd</c>, <c>income</c>, ...).</param>
/// <param name="Scores">Scores, NaN where absent; null when the file has no scores for the domain.</param>
/// <param name="Ranks">Ranks (1 = most deprived), 0 where absent; null when the file has no ranks.</param>
/// <param name="Deciles">Deciles (1 = most deprived), 0 where absent; null when the file has no deciles.</param>
public sealed record DomainValues(string Domain, double[]? Scores, int[]? Ranks, int[]? Deciles);

/// <summary>A geography lookup: parallel columns of codes (and names) keyed by canonical field.</summary>
public sealed class LookupData
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Canonical field (e.g. <c>lsoa11_code</c>) to values, one per row.</summary>
    public required IReadOnlyDictionary<string, string?[]> Columns { get; init; }

    /// <summary>Number of rows.</summary>
    public int Rows => Columns.Count == 0 ? 0 : Columns.First().Value.Length;
}

/// <summary>Population by area, in total and optionally by age band.</summary>
public sealed class PopulationData
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The vintage of the area codes, when stated.</summary>
    public int? Vintage { get; init; }

    /// <summary>The period (e.g. <c>mid-2020</c>).</summary>
    public string? Period { get; init; }

    /// <summary>Area codes, one per area.</summary>
    public required string[] AreaCodes { get; init; }

    /// <summary>Total population per area.</summary>
    public required double[] Totals { get; init; }

    /// <summary>Age band labels, in file order (empty when the file has no ages).</summary>
    public required string[] AgeBands { get; init; }

    /// <summary>Population by age band: [band][area].</summary>
    public required double[][] ByAge { get; init; }

    /// <summary>
    /// The named denominators of a wide file (<c>total</c>, <c>children</c>, <c>working_age</c>, ...: its
    /// <c>population.&lt;name&gt;</c> columns other than ages), one value per area (NaN where empty); empty for a long file.
    /// </summary>
    public IReadOnlyDictionary<string, double[]> Denominators { get; init; } = new Dictionary<string, double[]>(StringComparer.Ordinal);
}

/// <summary>Indicator values in long form: the <c>indicators</c> table of the lake, for one source.</summary>
public sealed class IndicatorData
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Indicator id per row.</summary>
    public List<string> IndicatorId { get; } = [];

    /// <summary>Indicator name per row.</summary>
    public List<string> IndicatorName { get; } = [];

    /// <summary>Period per row (as published, e.g. <c>2021</c>, <c>2018 - 20</c>).</summary>
    public List<string> Period { get; } = [];

    /// <summary>Sex per row (<c>Persons</c>, <c>Male</c>, <c>Female</c>), or null.</summary>
    public List<string?> Sex { get; } = [];

    /// <summary>Age per row (e.g. <c>All ages</c>), or null.</summary>
    public List<string?> Age { get; } = [];

    /// <summary>Area code per row.</summary>
    public List<string> AreaCode { get; } = [];

    /// <summary>Area type per row (<c>lsoa</c>, <c>msoa</c>, <c>lad</c>, ...).</summary>
    public List<string> AreaType { get; } = [];

    /// <summary>Value per row (NaN when missing).</summary>
    public List<double> Value { get; } = [];

    /// <summary>Lower 95% confidence limit (NaN when missing).</summary>
    public List<double> LowerCi { get; } = [];

    /// <summary>Upper 95% confidence limit (NaN when missing).</summary>
    public List<double> UpperCi { get; } = [];

    /// <summary>Count (numerator) (NaN when missing).</summary>
    public List<double> Count { get; } = [];

    /// <summary>Denominator (NaN when missing).</summary>
    public List<double> Denominator { get; } = [];

    /// <summary>Number of rows.</summary>
    public int Rows => Value.Count;

    /// <summary>Rows skipped on purpose (e.g. Fingertips breakdowns by category), with the reason.</summary>
    public Dictionary<string, int> Skipped { get; } = [];
}
