namespace Inequalities.Sources.Catalogue;

/// <summary>How LSOAs are put into deprivation quantiles for a gradient.</summary>
public enum QuantileRanking
{
    /// <summary>England-wide quantiles (the index's own deciles; quintiles pair them).</summary>
    National,

    /// <summary>Quantiles of the LSOAs within each area, ranked by the index's national rank.</summary>
    Local,
}

/// <summary>One deprivation basis a gradient is computed on.</summary>
/// <param name="Index">The index id (<c>iod2019</c>, <c>iod2025</c>).</param>
/// <param name="Domain">The domain (<c>imd</c> by default, or <c>income</c>, <c>health</c> ...).</param>
/// <param name="Quantiles">10 for deciles or 5 for quintiles.</param>
/// <param name="Ranking">National or local quantiles.</param>
public sealed record GradientBasis(string Index, string Domain = "imd", int Quantiles = 10, QuantileRanking Ranking = QuantileRanking.National)
{
    /// <summary>
    /// The LSOA vintage to compute on, when not the index's own: the index's ranks and deciles are carried to the other
    /// vintage's LSOAs through the ONS change lookup (e.g. IoD2019, published on 2011 LSOAs, on 2021 LSOAs).
    /// </summary>
    /// <value>The default value is null (the index's own vintage).</value>
    public int? Vintage { get; init; }

    /// <summary>
    /// The basis as written in the lake's <c>basis</c> column, e.g. <c>iod2019/imd/national</c>, with
    /// <c>/lsoa2021</c> appended when a <see cref="Vintage"/> is given.
    /// </summary>
    public string Label => $"{Index}/{Domain}/{(Ranking == QuantileRanking.National ? "national" : "local")}{(Vintage is { } v ? $"/lsoa{v}" : string.Empty)}";
}

/// <summary>The <c>gradients:</c> section of the catalogue: which inequality gradients a refresh writes.</summary>
public sealed record GradientSettings
{
    /// <summary>The bases; empty means every index in the lake, IMD, national deciles.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<GradientBasis> Bases { get; init; } = [];

    /// <summary>Indicators to compute, as <c>source_id</c> or <c>source_id:indicator_id</c>; empty means all LSOA-level ones.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Indicators { get; init; } = [];

    /// <summary>Whether values inherited from larger areas count (they carry no within-area variation).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IncludeInherited { get; init; }

    /// <summary>Simulation repetitions for the confidence intervals where no closed form applies.</summary>
    /// <value>The default value is 10,000.</value>
    public int Repetitions { get; init; } = 10_000;

    /// <summary>The random seed, so a snapshot's intervals are reproducible.</summary>
    /// <value>The default value is 20261125.</value>
    public ulong Seed { get; init; } = 20261125;

    /// <summary>Whether an indicator (by source and id) is selected.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="indicatorId">The indicator id.</param>
    public bool Selects(string sourceId, string indicatorId) =>
        Indicators.Count == 0 || Indicators.Contains(sourceId) || Indicators.Contains($"{sourceId}:{indicatorId}");
}
