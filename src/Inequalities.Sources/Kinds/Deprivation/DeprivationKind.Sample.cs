using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class DeprivationKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Deprivation(source, geo, random, table);

    private static void Deprivation(SourceDefinition source, SampleGeography geo, Random random, SampleTable table)
    {
        var areas = AreasOf(source, geo);
        var n = areas.Count;
        var domains = table.Columns
            .Select(c => c.Canonical)
            .Where(c => c.EndsWith(".score", StringComparison.Ordinal) || c.EndsWith(".rank", StringComparison.Ordinal) || c.EndsWith(".decile", StringComparison.Ordinal))
            .Select(c => c[..c.LastIndexOf('.')])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        // A latent deprivation level per area, shared by every domain, so domains correlate as they do in the real index.
        var latent = areas.Select(_ => random.NextDouble()).ToArray();
        var scores = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var ranks = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            var s = new double[n];
            for (var i = 0; i < n; i++)
            {
                var level = (0.7 * latent[i]) + (0.3 * random.NextDouble());
                s[i] = domain switch
                {
                    "imd" => 5 + (level * 60),
                    "income" or "employment" or "idaci" or "idaopi" => 0.02 + (level * 0.45),
                    "health" or "crime" => -2.5 + (level * 5),
                    _ => level * 80,
                };
                s[i] = Math.Round(s[i], 3);
            }

            // Rank 1 is the most deprived (highest score); ties broken by position so ranks are a permutation.
            var order = Enumerable.Range(0, n).OrderByDescending(i => s[i]).ThenBy(i => i).ToArray();
            var r = new int[n];
            for (var k = 0; k < n; k++)
            {
                r[order[k]] = k + 1;
            }

            scores[domain] = s;
            ranks[domain] = r;
        }

        for (var i = 0; i < n; i++)
        {
            var area = areas[i];
            var index = i;
            table.Add(c =>
            {
                if (Common(c, area) is { } common)
                {
                    return common;
                }

                var dot = c.LastIndexOf('.');
                if (dot > 0 && !c.StartsWith("population.", StringComparison.Ordinal))
                {
                    var domain = c[..dot];
                    return c[(dot + 1)..] switch
                    {
                        "score" => F(scores[domain][index], 3),
                        "rank" => I(ranks[domain][index]),
                        "decile" => I(Decile(ranks[domain][index], n)),
                        _ => null,
                    };
                }

                return PopulationValue(c, area.Population, table);
            });
        }
    }
}
