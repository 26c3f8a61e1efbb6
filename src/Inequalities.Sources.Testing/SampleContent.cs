using System.Globalization;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Kinds;

namespace Inequalities.Sources.Sample;

/// <summary>
/// Builds the rows of one source: its columns in the order publishers use, filled by its kind's sample writer
/// (<see cref="ISampleKind"/>, in the kind's folder) over the synthetic <see cref="SampleGeography"/>.
/// </summary>
internal static class SampleContent
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static SampleTable Build(SourceDefinition source, SampleGeography geo, Random random)
    {
        var columns = source.Columns
            .OrderBy(c => source.Kind == SourceKind.Fingertips ? 0 : Priority(c.Key))
            .ThenBy(c => SubOrder(c.Key))
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value))

            // One header mapped by two fields (Companies House's CompanyNumber as asset_id and company_number) is one column.
            .DistinctBy(c => c.Value, StringComparer.Ordinal)
            .ToList();
        var table = new SampleTable(columns);
        var kind = SourceKinds.For(source) as ISampleKind
            ?? throw new NotSupportedException($"Source '{source.Id}': the sample mirror cannot generate kind '{source.Kind}'.");
        kind.Sample(source, geo, random, table);
        return table;
    }

    private static readonly string[] FingertipsOrder =
    [
        "indicator_id", "indicator_name", "parent_code", "parent_name", "area_code", "area_name", "area_type", "sex", "age",
        "category_type", "category", "period", "value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count",
        "denominator", "value_note", "recent_trend", "compared_to_england", "compared_to_parent", "period_sortable", "new_data",
        "compared_to_goal", "period_range",
    ];

    private static readonly string[] PopulationOrder =
        ["population.total", "population.children", "population.age_16_59", "population.older", "population.working_age"];

    /// <summary>Orders columns roughly as publishers do: domains in index order, measures score, rank, decile; ages ascending.</summary>
    private static int SubOrder(string canonical)
    {
        var fingertips = Array.IndexOf(FingertipsOrder, canonical);
        if (fingertips >= 0)
        {
            return fingertips;
        }

        var population = Array.IndexOf(PopulationOrder, canonical);
        if (population >= 0)
        {
            return 1000 + population;
        }

        if (canonical.StartsWith("population.age.", StringComparison.Ordinal))
        {
            var digits = new string(canonical["population.age.".Length..].TakeWhile(char.IsDigit).ToArray());
            return 1100 + (digits.Length > 0 ? int.Parse(digits, Inv) : 500);
        }

        var dot = canonical.LastIndexOf('.');
        if (dot > 0 && !canonical.StartsWith("value.", StringComparison.Ordinal))
        {
            var domain = CanonicalFields.Domains.ToList().IndexOf(canonical[..dot]);
            var measure = canonical[(dot + 1)..] switch { "score" => 0, "rank" => 1, _ => 2 };
            return 100 + ((domain < 0 ? 50 : domain) * 3) + measure;
        }

        return 5000;
    }

    private static int Priority(string canonical) => canonical switch
    {
        "lsoa_code" or "area_code" or "postcode" or "asset_id" => 0,
        "lsoa_name" or "area_name" or "name" or "indicator_name" => 1,
        _ when canonical.EndsWith("_code", StringComparison.Ordinal) => 2,
        _ when canonical.EndsWith("_name", StringComparison.Ordinal) => 3,
        _ => 4,
    };
}
