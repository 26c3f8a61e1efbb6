using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

/// <summary>Upstream compares life expectancy after rounding to 4 dp.</summary>
public sealed class LifeExpectancyTests
{
    [Fact]
    public void Calculate_Df1Vector_ReproducesAtFourDecimals()
    {
        var csv = TestCsv.Anchor("le_expected_df1.csv");
        var result = LifeExpectancy.Calculate(
            csv.Rows.Select(r => r.Num("deaths")).ToArray(), csv.Rows.Select(r => r.Num("pops")).ToArray());
        Assert.Null(result.Invalid);
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            var e = csv.Rows[i];
            var band = result.Bands[i];
            Assert.Equal(e.Num("startage"), band.StartAge);
            Assert.Equal(Math.Round(e.Num("value"), 4), Math.Round(band.Value, 4));
            Assert.Equal(e.Num("pops_used"), band.PopulationUsed);
            Assert.Equal(e.Num("dths_used"), band.DeathsUsed);

            // Upstream defect (README): these expected limits were produced with z = 1.96, not Φ⁻¹(0.975) = 1.959964.
            // The SE implied by the vector therefore matches ours exactly, and our limits (exact z) differ by < 1e-4.
            var impliedSe = (e.Num("uppercl") - e.Num("lowercl")) / (2 * 1.96);
            Compare.Relative(band.StandardError, impliedSe, 1e-6, $"SE at {band.StartAge}");
            Assert.InRange(Math.Abs(band.Limits[0].Lower - e.Num("lowercl")), 0, 1e-4);
            Assert.InRange(Math.Abs(band.Limits[0].Upper - e.Num("uppercl")), 0, 1e-4);
        }
    }

    [Fact]
    public void Calculate_WideCisVector_SuppressesWideValuesAndInvalidArea()
    {
        var csv = TestCsv.Anchor("le_expected_widecis.csv");
        foreach (var area in new[] { "Area 1", "Area 2" })
        {
            var rows = csv.Rows.Where(r => r["area"] == area).ToList();
            var result = LifeExpectancy.Calculate(
                rows.Select(r => r.Num("deaths")).ToArray(), rows.Select(r => r.Num("pops")).ToArray(), ConfidenceLevels.Standard);
            if (area == "Area 1")
            {
                Assert.Contains("deaths exceed population", result.Invalid, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(LifeExpectancy.WideIntervalWarning, result.Warnings);
            }

            for (var i = 0; i < rows.Count; i++)
            {
                var e = rows[i];
                var band = result.Bands[i];
                Assert.Equal(Math.Round(e.Num("value"), 4), Math.Round(band.Value, 4));
                Assert.Equal(Math.Round(e.Num("lower95_0cl"), 4), Math.Round(band.Limits[0].Lower, 4));
                Assert.Equal(Math.Round(e.Num("upper95_0cl"), 4), Math.Round(band.Limits[0].Upper, 4));
            }
        }
    }

    [Fact]
    public void Calculate_WrongNumberOfBands_ReturnsInvalidGroup()
    {
        var result = LifeExpectancy.Calculate([1, 2], [1000, 1000]);
        Assert.NotNull(result.Invalid);
        Assert.All(result.Bands, b => Assert.True(double.IsNaN(b.Value)));
    }
}
