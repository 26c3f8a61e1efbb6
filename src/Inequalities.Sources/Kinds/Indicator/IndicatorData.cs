using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Indicator values in long form, parsed from an indicator-kind or fingertips-kind source: one row per indicator,
/// period, sex, age and area, with dictionary-encoded text and typed numbers. The lake takes every source of this type
/// into <c>indicators</c> (as published) and <c>lsoa_indicators</c> (LSOA values in both vintages, and larger areas'
/// values where the source asks to inherit them), and any kind that parses into it lands there too.
/// </summary>
public sealed class IndicatorData : ParsedSource
{
    /// <summary>Indicator id per row.</summary>
    public required StringColumn IndicatorId { get; init; }

    /// <summary>Indicator name per row.</summary>
    public required StringColumn IndicatorName { get; init; }

    /// <summary>Period per row (as published, e.g. <c>2021</c>, <c>2018 - 20</c>).</summary>
    public required StringColumn Period { get; init; }

    /// <summary>Sex per row (<c>Persons</c>, <c>Male</c>, <c>Female</c>), or null.</summary>
    public required StringColumn Sex { get; init; }

    /// <summary>Age per row (e.g. <c>All ages</c>), or null.</summary>
    public required StringColumn Age { get; init; }

    /// <summary>Area code per row.</summary>
    public required StringColumn AreaCode { get; init; }

    /// <summary>Area type per row (<c>lsoa</c>, <c>msoa</c>, <c>lad</c>, ...).</summary>
    public required StringColumn AreaType { get; init; }

    /// <summary>Value per row (NaN when missing).</summary>
    public required double[] Value { get; init; }

    /// <summary>Lower 95% confidence limit (NaN when missing).</summary>
    public required double[] LowerCi { get; init; }

    /// <summary>Upper 95% confidence limit (NaN when missing).</summary>
    public required double[] UpperCi { get; init; }

    /// <summary>Count (numerator) (NaN when missing).</summary>
    public required double[] Count { get; init; }

    /// <summary>Denominator (NaN when missing).</summary>
    public required double[] Denominator { get; init; }

    /// <summary>Number of rows.</summary>
    public int Rows => Value.Length;

    /// <summary>Rows skipped on purpose (e.g. Fingertips breakdowns by category), with the reason.</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <inheritdoc />
    public override long RowCount => Rows;
}
