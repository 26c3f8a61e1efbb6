using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class PopulationKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Population(source, geo, table);

    private static readonly string[] Census6 =
    [
        "Aged 15 years and under", "Aged 16 to 24 years", "Aged 25 to 34 years", "Aged 35 to 49 years",
        "Aged 50 to 64 years", "Aged 65 years and over",
    ];

    private static readonly double[] Census6Shares = [0.19, 0.11, 0.14, 0.19, 0.19, 0.18];

    private static void Population(SourceDefinition source, SampleGeography geo, SampleTable table)
    {
        var areas = AreasOf(source, geo);
        var isLong = source.Columns.ContainsKey("age") && source.Columns.ContainsKey("value");
        foreach (var area in areas)
        {
            if (!isLong)
            {
                table.Add(c => Common(c, area) ?? Attribute(c, source) ?? PopulationValue(c, area.Population, table));
                continue;
            }

            var assigned = 0;
            for (var b = 0; b < Census6.Length; b++)
            {
                var count = b == Census6.Length - 1 ? area.Population - assigned : (int)(area.Population * Census6Shares[b]);
                assigned += count;
                var band = Census6[b];
                table.Add(c => Common(c, area) ?? c switch
                {
                    "age" => band,
                    "value" => I(count),
                    "population.total" => I(area.Population),
                    _ => Attribute(c, source),
                });
            }
        }
    }
}
