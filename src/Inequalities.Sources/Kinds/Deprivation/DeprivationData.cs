using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// One index of deprivation (or need) at LSOA level, parsed from a deprivation-kind source: one row per LSOA. The lake
/// takes it into <c>deprivation</c> (one row per index, domain and LSOA), <c>lad_deprivation_summaries</c>, and the
/// LSOA names and districts of <c>areas</c>.
/// </summary>
public sealed class DeprivationData : ParsedSource
{
    /// <summary>The index id (<c>iod2019</c>, <c>iod2025</c>, <c>cni2023</c>...), from the entry's <c>index_id</c> option or its id.</summary>
    public required string IndexId { get; init; }

    /// <summary>The LSOA vintage of the codes.</summary>
    public required int Vintage { get; init; }

    /// <summary>LSOA codes, one per row (<c>lsoa_code</c>).</summary>
    public required StringColumn LsoaCodes { get; init; }

    /// <summary>LSOA names where the file has them (<c>lsoa_name</c>).</summary>
    public StringColumn? LsoaNames { get; init; }

    /// <summary>The district each LSOA is assigned to by the index's own file, where it says (<c>lad_code</c>).</summary>
    public StringColumn? LadCodes { get; init; }

    /// <summary>District names, where the file has them (<c>lad_name</c>).</summary>
    public StringColumn? LadNames { get; init; }

    /// <summary>Per domain: scores, ranks and deciles (NaN / 0 when the file lacks them).</summary>
    public required IReadOnlyList<DomainValues> Domains { get; init; }

    /// <summary>Population denominators by name (<c>total</c>, <c>working_age</c>, ...), NaN where missing.</summary>
    public required IReadOnlyDictionary<string, double[]> Denominators { get; init; }

    /// <inheritdoc />
    public override long RowCount => LsoaCodes.Length;
}

/// <summary>The values of one domain of an index.</summary>
/// <param name="Domain">The domain (<c>imd</c>, <c>income</c>, ...).</param>
/// <param name="Scores">Scores, NaN where absent; null when the file has no scores for the domain.</param>
/// <param name="Ranks">Ranks (1 = most deprived), 0 where absent; null when the file has no ranks.</param>
/// <param name="Deciles">Deciles (1 = most deprived), 0 where absent; null when the file has no deciles.</param>
public sealed record DomainValues(string Domain, double[]? Scores, int[]? Ranks, int[]? Deciles);
