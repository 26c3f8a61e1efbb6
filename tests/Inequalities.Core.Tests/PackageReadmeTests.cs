using Inequalities.Core.Measures;
using Inequalities.TestSupport;

namespace Inequalities.Core.Tests;

/// <summary>The Inequalities.Core package README's example (src/Inequalities.Core/README.md), run as written.</summary>
public sealed class PackageReadmeTests
{
    [Fact]
    public void PackageReadme_SiiExample_IsThePopulationWeightedSlopeAndTheReadmesCode()
    {
        // README begin
        // A value per income-deprivation decile (1 = most deprived) with its standard error and population.
        double[] value = [92.1, 81.4, 76.2, 69.0, 64.1, 59.8, 54.0, 50.1, 46.3, 39.8];
        var records = Enumerable.Range(0, 10)
            .Select(i => new SiiRecord("Liverpool", Quantile: i + 1, Population: 50_000, Value: value[i]) { StandardError = 2.5 })
            .ToList();
        var result = Sii.Calculate(records, new SiiOptions { Rii = true, Seed = 1 }).Groups.Single();
        Console.WriteLine($"SII {result.Sii:F1} (95% CI {result.SiiLimits[0].Lower:F1} to {result.SiiLimits[0].Upper:F1}), RII {result.Rii:F2}");
        // README end

        // Equal populations: the SII is the least-squares slope of the values on the deciles' relative ranks.
        var ranks = Enumerable.Range(0, 10).Select(i => (i + 0.5) / 10).ToArray();
        var (meanRank, meanValue) = (ranks.Average(), value.Average());
        var slope = ranks.Zip(value).Sum(p => (p.First - meanRank) * (p.Second - meanValue)) / ranks.Sum(r => (r - meanRank) * (r - meanRank));
        Assert.Equal(slope, result.Sii, 1e-9);
        Assert.InRange(result.Sii, result.SiiLimits[0].Lower, result.SiiLimits[0].Upper);
        ReadmeExample.AssertSameAsReadmes("tests/Inequalities.Core.Tests/PackageReadmeTests.cs", "src/Inequalities.Core/README.md");
    }
}
