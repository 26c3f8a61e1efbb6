using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Tests.Build;

/// <summary>Small made-up parsed sources for the rule tests (the catalogue entry parsed from YAML, as a refresh would).</summary>
internal static class MadeUpSources
{
    /// <summary>A population source of LSOAs with its totals and, optionally, named denominators.</summary>
    public static (SourceDefinition Source, PopulationData Data) Population(
        string id, int vintage, string period, string[] codes, double[] totals, string? indexOption = null, IReadOnlyDictionary<string, double[]>? denominators = null)
    {
        var options = indexOption is null ? string.Empty : $"\n    options:\n      index_id: \"{indexOption}\"";
        var source = SourceCatalogue.Parse(
            $"""
            version: 1
            sources:
              - id: {id}
                kind: population
                publisher: t
                licence: t
                url: p.csv
                format: csv
                geography: lsoa
                vintage: {vintage}
                period: "{period}"{options}
                columns:
                  area_code: code
                  population.total: total
                  population.working_age: working
            """,
            Path.GetTempPath()).Sources[0];
        return (source, new PopulationData
        {
            SourceId = id,
            Vintage = vintage,
            Period = period,
            AreaCodes = Core.Columnar.Column.FromStrings("area_code", codes),
            Totals = totals,
            AgeBands = [],
            ByAge = [],
            Denominators = denominators ?? new Dictionary<string, double[]>(),
        });
    }
}
