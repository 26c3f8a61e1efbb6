using System.Text.RegularExpressions;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>indicator</c>: indicator values by area and period, long (an <c>indicator</c> label and a <c>value</c> per row)
/// or wide (one <c>value.&lt;indicator_id&gt;</c> column per indicator), parsed into <see cref="IndicatorData"/>.
/// </summary>
internal sealed partial class IndicatorKind : ISourceKind
{
    public string Name => "indicator";

    public FieldRules Fields { get; } = new(
        ["area_code"],
        ["area_name", "period", "indicator", "value", "lower_ci", "upper_ci", "count", "denominator", "sex", "age"],
        [IndicatorValue()])
    {
        AtLeastOne = ("'value' or a 'value.<indicator_id>' field", static k => k == "value" || k.StartsWith("value.", StringComparison.Ordinal)),
    };

    public bool ParsedOneAtATime => true;

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => IndicatorReader.Read(source, path);

    [GeneratedRegex("^value\\.[a-z0-9][a-z0-9_]*$")]
    private static partial Regex IndicatorValue();
}
