using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class FingertipsKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Fingertips(source, geo, random, table);

    private static void Fingertips(SourceDefinition source, SampleGeography geo, Random random, SampleTable table)
    {
        var indicatorId = source.Options.Indicator.IndicatorId ?? "90366";
        var areaType = source.Options.Indicator.AreaTypeId;
        var name = source.Description is { Length: > 0 } d ? d.Split(new[] { ',', '.', '(' }, 2)[0].Trim() : $"Sample indicator {indicatorId}";
        var rows = new List<(string Code, string Name, string Type, string ParentCode, string ParentName, int Population)>
        {
            (SampleGeography.EnglandCode, "England", "England", string.Empty, string.Empty, geo.TotalPopulation * 36),
            (SampleGeography.RegionCode, SampleGeography.RegionName, "Regions (statistical)", SampleGeography.EnglandCode, "England", geo.TotalPopulation * 5),
            (SampleGeography.CombinedAuthorityCode, SampleGeography.CombinedAuthorityName, "Combined authorities", SampleGeography.RegionCode, SampleGeography.RegionName, geo.TotalPopulation),
        };
        foreach (var lad in LadAreas(geo))
        {
            rows.Add((lad.Code, lad.Name, "Districts & UAs (from Apr 2023)", SampleGeography.RegionCode, SampleGeography.RegionName, lad.Population));
        }

        if (areaType is null or "3" || source.Geography == GeographyLevel.Msoa)
        {
            rows.AddRange(geo.Msoa.Select(m => (m.Code, m.Name, "MSOA", m.Lad.Code, m.Lad.Name, m.Population)));
        }

        if (source.Geography == GeographyLevel.Lsoa)
        {
            rows.AddRange(geo.Lsoa21.Select(a => (a.Code, a.Name, "LSOA", a.Lad.Code, a.Lad.Name, a.Population)));
        }

        for (var p = 0; p < Periods.Length; p++)
        {
            var start = 2017 + p;
            var period = $"{start} - {(start + 2) % 100:D2}";
            var sortable = $"{start}0000";
            foreach (var row in rows)
            {
                var (low, high, per) = Range(name);
                var value = low + (random.NextDouble() * (high - low));
                var se = row.Population > 0 ? value * 3 / Math.Sqrt(row.Population) : value * 0.05;
                var denominator = row.Population * 3;
                var count = (long)Math.Round(value * denominator / per);
                table.Add(c => c switch
                {
                    "indicator_id" => indicatorId,
                    "indicator_name" => name,
                    "parent_code" => row.ParentCode,
                    "parent_name" => row.ParentName,
                    "area_code" => row.Code,
                    "area_name" => row.Name,
                    "area_type" => row.Type,
                    "sex" => "Persons",
                    "age" => "All ages",
                    "category_type" or "category" or "value_note" or "new_data" or "compared_to_goal" => string.Empty,
                    "period" => period,
                    "value" => F(value, 5),
                    "lower_ci95" => F(value - (1.96 * se), 5),
                    "upper_ci95" => F(value + (1.96 * se), 5),
                    "lower_ci998" => F(value - (3.09 * se), 5),
                    "upper_ci998" => F(value + (3.09 * se), 5),
                    "count" => I(count),
                    "denominator" => I(denominator),
                    "recent_trend" => "Cannot be calculated",
                    "compared_to_england" or "compared_to_parent" => row.Type == "England" ? "Not compared" : "Similar",
                    "period_sortable" => sortable,
                    "period_range" => "3y",
                    _ => null,
                });
            }
        }
    }

    /// <summary>A plausible value range and rate base for a Fingertips indicator, from words in its name.</summary>
    private static (double Low, double High, double Per) Range(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("life expectancy", StringComparison.Ordinal) => (74, 84, 1000),
            _ when lower.Contains("suicide", StringComparison.Ordinal) => (8, 16, 100_000),
            _ when lower.Contains("self-harm", StringComparison.Ordinal) => (150, 450, 100_000),
            _ when lower.Contains("depression", StringComparison.Ordinal) || lower.Contains("prevalence", StringComparison.Ordinal) => (10, 19, 100),
            _ => (20, 80, 100),
        };
    }
}
