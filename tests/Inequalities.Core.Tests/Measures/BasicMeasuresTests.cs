using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

/// <summary>Byar, Wilson, proportions, rates and means against the upstream vectors (tolerance ≈1.5e-8, testthat's default).</summary>
public sealed class BasicMeasuresTests
{
    [Fact]
    public void ByarAndWilson_UpstreamVectors_Reproduce()
    {
        var csv = TestCsv.Anchor("byars_wilson_expected.csv");
        foreach (var row in csv.Rows)
        {
            var level = row["confidence"] == "95%" ? 0.95 : 0.998;
            var interval = row["method"] == "Byars"
                ? Rates.Byar(row.Num("x"), level)
                : Proportions.Wilson(row.Num("x"), row.Num("n"), level);
            Compare.MeanRelative([interval.Lower, interval.Upper], [row.Num("lowercl"), row.Num("uppercl")], Compare.Default, $"row {row.Number}");
        }
    }

    [Fact]
    public void Wilson_NumeratorAboveDenominator_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(5, 4, 0.95));

    [Fact]
    public void Byar_NegativeCount_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Rates.Byar(-1, 0.95));

    [Theory]
    [InlineData(0.5)]
    [InlineData(101)]
    public void ConfidenceLevels_OutOfRange_Throws(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceLevels.Normalize(level));

    [Fact]
    public void Proportion_UpstreamVectors_Reproduce()
    {
        var csv = TestCsv.Anchor("proportion_expected.csv");
        foreach (var row in csv.Rows)
        {
            var r = Proportions.Calculate(row.Num("Numerator"), row.Num("Denominator"), ConfidenceLevels.Standard, row.Num("multiplier"));
            Compare.MeanRelative(
                [r.Value, r.Limits[0].Lower, r.Limits[0].Upper, r.Limits[1].Lower, r.Limits[1].Upper],
                [row.Num("value"), row.Num("lower95_0cl"), row.Num("upper95_0cl"), row.Num("lower99_8cl"), row.Num("upper99_8cl")],
                Compare.Default, $"{row["Area"]} ×{row["multiplier"]}");
            Assert.Equal(row["statistic"], r.Statistic);
            Assert.Equal(row["method"], r.Method);
        }
    }

    [Fact]
    public void Proportion_Grouped_SumsNumeratorsAndDenominators()
    {
        var csv = TestCsv.Anchor("proportion_grouped_expected.csv");
        foreach (var row in csv.Rows)
        {
            // The grouped vector sums both copies of each area (x and n doubled).
            var r = Proportions.Calculate(row.Num("Numerator"), row.Num("Denominator"));
            Compare.MeanRelative([r.Value, r.Limits[0].Lower, r.Limits[0].Upper], [row.Num("value"), row.Num("lowercl"), row.Num("uppercl")], Compare.Default, row["Area"]);
            Assert.Equal(row["confidence"], ConfidenceLevels.Label(r.Limits[0].Confidence));
        }
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(1, 0)]
    [InlineData(11, 10)]
    public void Proportion_InvalidInputs_Throw(double x, double n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Calculate(x, n));

    [Fact]
    public void Rate_UpstreamVectors_Reproduce()
    {
        var csv = TestCsv.Anchor("rate_expected.csv");
        foreach (var row in csv.Rows)
        {
            var r = Rates.Calculate(row.Num("Numerator"), row.Num("Denominator"), ConfidenceLevels.Standard, row.Num("multiplier"));
            Compare.MeanRelative(
                [r.Value, r.Limits[0].Lower, r.Limits[0].Upper, r.Limits[1].Lower, r.Limits[1].Upper],
                [row.Num("value"), row.Num("lower95_0cl"), row.Num("upper95_0cl"), row.Num("lower99_8cl"), row.Num("upper99_8cl")],
                Compare.Default, $"{row["Area"]} ×{row["multiplier"]}");
            Assert.Equal(row["method"].Length == 0 ? null : row["method"], r.Method);
            Assert.Equal(row["statistic"], r.Statistic);
        }
    }

    [Fact]
    public void Rate_Grouped_Reproduces()
    {
        var csv = TestCsv.Anchor("rate_grouped_expected.csv");
        foreach (var row in csv.Rows)
        {
            var r = Rates.Calculate(row.Num("Numerator"), row.Num("Denominator"), [95], row.Num("multiplier"));
            Compare.MeanRelative([r.Value, r.Limits[0].Lower, r.Limits[0].Upper], [row.Num("value"), row.Num("lowercl"), row.Num("uppercl")], Compare.Default, row["Area"]);
        }
    }

    [Fact]
    public void Rate_NegativeCount_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Rates.Calculate(-1, 100));

    [Fact]
    public void Mean_UpstreamVectors_Reproduce()
    {
        var input = TestCsv.Anchor("mean_input.csv");
        var expected = TestCsv.Anchor("mean_expected.csv");
        foreach (var row in expected.Rows)
        {
            var area = row["area"];
            var values = input.Rows.Where(r => area == "No grouping" || r["area"] == area).Select(r => r.Num("values")).ToArray();
            var m = Means.Calculate(values, ConfidenceLevels.Standard);
            Compare.MeanRelative(
                [m.Sum, m.Count, m.StandardDeviation, m.Value, m.Limits[0].Lower, m.Limits[0].Upper, m.Limits[1].Lower, m.Limits[1].Upper],
                [row.Num("value_sum"), row.Num("value_count"), row.Num("stdev"), row.Num("value"), row.Num("lower95_0cl"), row.Num("upper95_0cl"), row.Num("lower99_8cl"), row.Num("upper99_8cl")],
                Compare.Default, area);
            Assert.Equal(row["method"], m.Method);
        }
    }

    [Fact]
    public void Confidence_TwoLevelsOtherThanStandardPair_Throws() =>
        Assert.Throws<ArgumentException>(() => Rates.Calculate(5, 100, [0.95, 0.99]));
}
