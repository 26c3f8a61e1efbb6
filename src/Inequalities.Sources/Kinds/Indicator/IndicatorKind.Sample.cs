using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class IndicatorKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Indicator(source, geo, random, table);

    private static readonly string[] LongIndicators = ["Life expectancy", "Suicides", "Self-harm"];

    private static void Indicator(SourceDefinition source, SampleGeography geo, Random random, SampleTable table)
    {
        var areas = AreasOf(source, geo);
        var hasPeriod = source.Columns.ContainsKey("period");
        var hasIndicator = source.Columns.ContainsKey("indicator");
        var periods = hasPeriod ? Periods : [source.Period ?? "2021"];
        var indicators = hasIndicator ? LongIndicators : [source.Options.Indicator.IndicatorId ?? "value"];
        var wide = table.Columns.Where(c => c.Canonical.StartsWith("value.", StringComparison.Ordinal)).Select(c => c.Canonical).ToList();
        var wideRanks = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var w in wide.Where(w => w.Contains("rank", StringComparison.Ordinal)))
        {
            var order = Enumerable.Range(0, areas.Count).OrderBy(_ => random.Next()).ToArray();
            var r = new int[areas.Count];
            for (var k = 0; k < order.Length; k++)
            {
                r[order[k]] = k + 1;
            }

            wideRanks[w] = r;
        }

        foreach (var period in periods)
        {
            foreach (var indicator in indicators)
            {
                for (var i = 0; i < areas.Count; i++)
                {
                    var area = areas[i];
                    var index = i;
                    var value = indicator switch
                    {
                        "Life expectancy" => 76 + (random.NextDouble() * 6),
                        "Suicides" => 7 + (random.NextDouble() * 8),
                        "Self-harm" => 150 + (random.NextDouble() * 300),
                        _ => 20 + (random.NextDouble() * 80),
                    };
                    var denominator = Math.Max(area.Population, 1000);
                    var se = value * 0.05;
                    var values = wide.ToDictionary(w => w, w => WideValue(w, index, areas.Count, wideRanks, random), StringComparer.Ordinal);
                    table.Add(c => Common(c, area) ?? c switch
                    {
                        "period" => period,
                        "indicator" => indicator,
                        "value" => F(value, 3),
                        "lower_ci" => F(value - (1.96 * se), 3),
                        "upper_ci" => F(value + (1.96 * se), 3),
                        "count" => I((long)Math.Round(value * denominator / 100_000)),
                        "denominator" => I(denominator),
                        "sex" => "Persons",
                        "age" => "All ages",
                        _ when values.TryGetValue(c, out var v) => v,
                        _ => null,
                    });
                }
            }
        }
    }

    private static string WideValue(string canonical, int index, int count, Dictionary<string, int[]> ranks, Random random)
    {
        if (ranks.TryGetValue(canonical, out var r))
        {
            return I(r[index]);
        }

        if (canonical.Contains("decile", StringComparison.Ordinal))
        {
            return I(1 + random.Next(10));
        }

        if (canonical.Contains("proportion", StringComparison.Ordinal) || canonical.Contains("extent", StringComparison.Ordinal))
        {
            return F(random.NextDouble() * 0.6, 4);
        }

        return F(random.NextDouble() * 100, 3);
    }
}
