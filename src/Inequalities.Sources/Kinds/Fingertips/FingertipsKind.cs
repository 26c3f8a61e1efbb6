using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>fingertips</c>: an OHID Fingertips <c>all_data/csv</c> extract, read as indicator rows (<see cref="IndicatorData"/>)
/// by the indicator kind's reader; rows that break an area down by a category are skipped and counted.
/// </summary>
internal sealed partial class FingertipsKind : ISourceKind
{
    public string Name => "fingertips";

    public FieldRules Fields { get; } = new(
        ["indicator_id", "area_code", "area_type", "period", "value"],
        ["indicator_name", "parent_code", "parent_name", "area_name", "sex", "age", "category_type", "category", "lower_ci95", "upper_ci95",
            "lower_ci998", "upper_ci998", "count", "denominator", "value_note", "recent_trend", "compared_to_england", "compared_to_parent",
            "period_sortable", "new_data", "compared_to_goal", "period_range"]);

    public bool ParsedOneAtATime => true;

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => IndicatorReader.Read(source, path);
}
