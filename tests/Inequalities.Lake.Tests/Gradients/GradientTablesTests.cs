using System.Collections.Frozen;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Gradients;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Tests.Gradients;

/// <summary>
/// The gradient tables on a small hand-made lake whose numbers can be worked by hand (issue 14): a reason for every
/// null slope, small quantiles, the RII only on ratio scales, the sign in words, and the change over periods.
/// </summary>
public sealed class GradientTablesTests
{
    private const string Tidy = "E08000001";
    private const string Gappy = "E08000002";
    private const string Small = "E08000003";
    private const string Hollow = "E08000004";

    // District "Tidy": ten LSOAs T01..T10 with national ranks 1..10 and deciles 1..10, so quintile k holds two LSOAs;
    // 100 people each. "Gappy": eight LSOAs in deciles 1..8 only (no quintile 5). "Small": quintiles 1-4 as Tidy's,
    // quintile 5 one LSOA. "Hollow": as Small, but its quintile-5 LSOA has no people.
    private static readonly (string Lsoa, string Lad, int Rank, int Decile, double Population)[] Lsoas =
    [
        .. Enumerable.Range(1, 10).Select(i => ($"T{i:00}", Tidy, i, i, 100.0)),
        .. Enumerable.Range(1, 8).Select(i => ($"G{i:00}", Gappy, i, i, 100.0)),
        .. Enumerable.Range(1, 9).Select(i => ($"S{i:00}", Small, i, i, 100.0)),
        .. Enumerable.Range(1, 9).Select(i => ($"H{i:00}", Hollow, i, i, i == 9 ? 0.0 : 100.0)),
    ];

    // rate_ind 2020 in Tidy: 10, 12 | 9, 11 | 8, 10 | 7, 9 | 6, 8 → quintile means 11, 10, 9, 8, 7.
    // rate_ind 2021 in Tidy: 12, 14 | 10, 12 | 8, 10 | 6, 8 | 4, 6 → quintile means 13, 11, 9, 7, 5.
    private static readonly double[] Tidy2020 = [10, 12, 9, 11, 8, 10, 7, 9, 6, 8];
    private static readonly double[] Tidy2021 = [12, 14, 10, 12, 8, 10, 6, 8, 4, 6];

    [Fact]
    public void Build_TidyDistrict_QuantileSlopeAndRiiByHand()
    {
        // Quintile shares 0.2, ranks 0.1 .. 0.9; means fall by 1 per 0.2 of rank: SII β1 = −5, intercept β0 = 11.5.
        // Each quintile's SE (two LSOAs, ±1 from the mean): sqrt(100²·1 + 100²·1)/200 = 0.70710678.
        // Regression weights w1 = a(b − S1)/D with S1 = 0.5, S2 = 0.33, D = 0.08: −1, −0.5, 0, 0.5, 1;
        // var(SII) = Σ w1² se² = 2.5 · 0.5 = 1.25, SE 1.1180340; 95% limits −5 ∓ 1.959964 · 1.1180340 = −7.191306, −2.808694.
        // RII = (β0 + β1)/β0 = 6.5/11.5 = 0.5652174 (a rate: ratio scale).
        var output = Build();
        var row = Row(output.Gradients, "rate_ind", "2020", Tidy, "quantile");

        Assert.Equal(-5, D(output.Gradients, "sii", row), 9);
        Assert.Equal(-7.191306, D(output.Gradients, "sii_lower", row), 5);
        Assert.Equal(-2.808694, D(output.Gradients, "sii_upper", row), 5);
        Assert.Equal(1.1180340, D(output.Gradients, "sii_se", row), 6);
        Assert.Equal(6.5 / 11.5, D(output.Gradients, "rii", row), 9);
        Assert.Equal("quantile_sd", S(output.Gradients, "se_method", row));
        Assert.Null(S(output.Gradients, "reason", row));
        Assert.Equal("higher_in_more_deprived", S(output.Gradients, "direction", row));
        Assert.Equal("more_deprived", S(output.Gradients, "worse_in", row));
        Assert.Equal("higher in more deprived areas (higher is worse: worse in more deprived areas)", S(output.Gradients, "interpretation", row));

        // The same values as a score centred on nothing in particular: no RII, and the reason says why.
        var score = Row(output.Gradients, "score_ind", "2020", Tidy, "quantile");
        Assert.Equal(-5, D(output.Gradients, "sii", score), 9);
        Assert.Null(output.Gradients.Primitive<double>("rii")[score]);
        Assert.Equal("not_ratio_scale", S(output.Gradients, "rii_reason", score));
        Assert.Equal("less_deprived", S(output.Gradients, "worse_in", score));
    }

    [Fact]
    public void Build_EveryNullSlope_HasAReasonAndEverySlopeAnSeMethod()
    {
        var output = Build();
        var g = output.Gradients;

        // Gappy has no quintile 5 and only 8 LSOAs; Small's quintile 5 has one LSOA, so it takes the pooled variance.
        Assert.Equal("missing_quantile", S(g, "reason", Row(g, "rate_ind", "2020", Gappy, "quantile")));
        Assert.Equal("too_few_lsoas", S(g, "reason", Row(g, "rate_ind", "2020", Gappy, "lsoa")));
        Assert.Equal("pooled_within_quantile", S(g, "se_method", Row(g, "rate_ind", "2020", Small, "quantile")));
        Assert.Equal("cluster_robust", S(g, "se_method", Row(g, "rate_ind", "2020", Tidy, "lsoa")));

        // H09 (Hollow's quintile 5) has a value but no people, so no weight.
        Assert.Equal("zero_population", S(g, "reason", Row(g, "rate_ind", "2020", Hollow, "quantile")));
        for (var i = 0; i < g.RowCount; i++)
        {
            var hasSii = g.Primitive<double>("sii")[i] is not null;
            Assert.True(hasSii ^ g.Strings("reason")[i] is not null, $"row {i}: a slope or a reason, never both or neither");
            Assert.True(hasSii == g.Strings("se_method")[i] is not null, $"row {i}: se_method exactly where there is a slope");
        }

        // Small's pooled quintile 5: σ̂² = Σ(x − x̄)²/Σ(n − 1) over quintiles 1-4 of 2 LSOAs each, ±1 from the mean:
        // (4 · 2)/(4 · 1) = 2, σ̂ = 1.4142136; one LSOA: SE = σ̂.
        var q = output.Quantiles;
        var five = Enumerable.Range(0, q.RowCount).Single(i => q.Strings("area_code")[i] == Small && q.Strings("indicator_id")[i] == "rate_ind"
            && q.Strings("period")[i] == "2020" && q.Primitive<int>("quantile")[i] == 5);
        Assert.Equal(Math.Sqrt(2), q.Primitive<double>("se")[five]!.Value, 12);
        Assert.Equal("pooled_within_quantile", q.Strings("se_method")[five]);
    }

    [Fact]
    public void Build_TwoPeriods_ChangeInSiiWithIndependentInterval()
    {
        // 2021: means 13, 11, 9, 7, 5 fall by 2 per 0.2 of rank: SII −10, same SE 1.1180340 (each quintile ±1).
        // Change −10 − (−5) = −5; SE sqrt(1.25 + 1.25) = 1.5811388; limits −5 ∓ 1.959964 · 1.5811388 = −8.0990, −1.9010:
        // the interval excludes 0 and |SII| grew, so "steeper".
        var trends = Build().Trends;
        var row = Enumerable.Range(0, trends.RowCount).Single(i => trends.Strings("indicator_id")[i] == "rate_ind" && trends.Strings("area_code")[i] == Tidy
            && trends.Strings("method")[i] == "quantile" && trends.Strings("comparison")[i] == "period");

        Assert.Equal("2020", trends.Strings("from_period")[row]);
        Assert.Equal("2021", trends.Strings("to_period")[row]);
        Assert.Equal(-5, trends.Primitive<double>("sii_change")[row]!.Value, 9);
        Assert.Equal(1.5811388, trends.Primitive<double>("sii_change_se")[row]!.Value, 6);
        Assert.Equal(-8.0990, trends.Primitive<double>("sii_change_lower")[row]!.Value, 4);
        Assert.Equal(-1.9010, trends.Primitive<double>("sii_change_upper")[row]!.Value, 4);
        Assert.Equal("steeper", trends.Strings("trend")[row]);
    }

    private static GradientOutput Build()
    {
        var areas = new TableBuilder("areas")
            .Add("lsoa_code", Lsoas.Select(l => l.Lsoa))
            .Add<int>("lsoa_vintage", Lsoas.Select(_ => 2021).ToArray())
            .Add("lad_code", Lsoas.Select(l => l.Lad))
            .Add("cauth_code", Lsoas.Select(_ => (string?)null))
            .AddNullable<double>("population", Lsoas.Select(l => (double?)l.Population).ToArray())
            .Build();
        var deprivation = new TableBuilder("deprivation")
            .Add("index_id", Lsoas.Select(_ => "idx"))
            .Add("domain", Lsoas.Select(_ => "imd"))
            .Add("lsoa_code", Lsoas.Select(l => l.Lsoa))
            .Add<int>("lsoa_vintage", Lsoas.Select(_ => 2021).ToArray())
            .AddNullable<int>("rank", Lsoas.Select(l => (int?)l.Rank).ToArray())
            .AddNullable<int>("decile", Lsoas.Select(l => (int?)l.Decile).ToArray())
            .Build();

        var values = new List<(string Lsoa, string Indicator, string Period, double Value)>();
        foreach (var indicator in new[] { "rate_ind", "score_ind" })
        {
            foreach (var (lsoa, lad, rank, _, _) in Lsoas)
            {
                // Every district gets Tidy's pattern by rank (S09 and H09, rank 9, stand alone in quintile 5).
                values.Add((lsoa, indicator, "2020", Tidy2020[rank - 1]));
                if (indicator == "rate_ind" && lad == Tidy)
                {
                    values.Add((lsoa, indicator, "2021", Tidy2021[rank - 1]));
                }
            }
        }

        var lsoaIndicators = new TableBuilder("lsoa_indicators")
            .Add("lsoa_code", values.Select(v => v.Lsoa))
            .Add<int>("lsoa_vintage", values.Select(_ => 2021).ToArray())
            .Add("source_id", values.Select(_ => "src"))
            .Add("indicator_id", values.Select(v => v.Indicator))
            .Add("period", values.Select(v => v.Period))
            .AddNullable<double>("value", values.Select(v => (double?)v.Value).ToArray())
            .Add("method", values.Select(_ => "direct"))
            .Build();

        var settings = new GradientSettings { Bases = [new GradientBasis("idx", Quantiles: 5)], Repetitions = 1000 };
        return GradientTables.Build(areas, deprivation, lsoaIndicators, settings, new IndicatorMetadataCatalogue([Source()]));
    }

    private static SourceDefinition Source() => IndicatorSource(
        "src",
        new("rate_ind", new IndicatorMetadata { Polarity = IndicatorPolarity.HigherIsWorse, ValueKind = IndicatorValueKind.Rate, Unit = "per 1,000" }),
        new("score_ind", new IndicatorMetadata { Polarity = IndicatorPolarity.HigherIsBetter, ValueKind = IndicatorValueKind.Score, Unit = "score" }));

    /// <summary>An indicator source with the catalogue metadata given (for the gradient tests).</summary>
    internal static SourceDefinition IndicatorSource(string id, params IReadOnlyList<KeyValuePair<string, IndicatorMetadata>> entries) => new()
    {
        Id = id,
        Kind = SourceKind.Indicator,
        Publisher = "tests",
        Licence = "OGL-3.0",
        Url = "https://example.org/x.csv",
        Location = new Uri("https://example.org/x.csv"),
        Format = SourceFormat.Csv,
        Geography = GeographyLevel.Lsoa,
        Columns = new Dictionary<string, string> { ["area_code"] = "code" }.ToFrozenDictionary(),
        MaxBytes = 1000,
        IndicatorMetadata = new IndicatorMetadataSet { Entries = [.. entries] },
    };

    private static int Row(Table t, string indicator, string period, string area, string method) =>
        Enumerable.Range(0, t.RowCount).Single(i => t.Strings("indicator_id")[i] == indicator && t.Strings("period")[i] == period
            && t.Strings("area_code")[i] == area && t.Strings("method")[i] == method);

    private static double D(Table t, string column, int row) => t.Primitive<double>(column)[row]!.Value;

    private static string? S(Table t, string column, int row) => t.Strings(column)[row];
}
