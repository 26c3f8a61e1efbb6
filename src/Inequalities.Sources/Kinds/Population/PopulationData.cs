using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Population by area, in total and optionally by age band, parsed from a population-kind source: one row per area.
/// The lake takes the newest of each LSOA vintage into <c>areas</c> (<c>population</c>, <c>population_year</c>), and
/// the named denominators into <c>lad_deprivation_summaries</c>.
/// </summary>
public sealed class PopulationData : ParsedSource
{
    /// <summary>The vintage of the area codes, when stated.</summary>
    public int? Vintage { get; init; }

    /// <summary>The period (e.g. <c>mid-2020</c>).</summary>
    public string? Period { get; init; }

    /// <summary>Area codes, one per area.</summary>
    public required StringColumn AreaCodes { get; init; }

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

    /// <inheritdoc />
    public override long RowCount => AreaCodes.Length;
}
