using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

public sealed class DeprivationQuantilesTests
{
    private static readonly TestCsv Data = TestCsv.Anchor("quantiles_testdata.csv");

    [Theory]
    [InlineData("q1", "IndSexReg", null, 10, null)]
    [InlineData("q2", "IndSexReg", "90366Female", 10, false)]
    [InlineData("q3", "IndSex", null, 7, null)]
    [InlineData("q4", "None", null, 4, true)]
    public void AssignGrouped_UpstreamCases_ReproduceExactly(string caseId, string groupSet, string? indicator, int n, bool? invert)
    {
        var rows = Data.Rows
            .Where(r => r["Test"].StartsWith("Good", StringComparison.Ordinal) && r["GroupSet"] == groupSet)
            .Where(r => indicator is null || r["IndSexRef"] == indicator)
            .ToList();
        Assert.NotEmpty(rows);
        var values = rows.Select(r => r.Num("Value")).ToArray();
        var keys = rows.Select(r => groupSet switch
        {
            "IndSexReg" => r["IndSexRef"] + "|" + r["ParentCode"],
            "IndSex" => r["IndSexRef"],
            _ => string.Empty,
        }).ToList();
        var result = invert is { } fixedInvert
            ? DeprivationQuantiles.AssignGrouped(keys, values, n, fixedInvert)
            : DeprivationQuantiles.AssignGrouped(keys, values, rows.Select(r => Polarity(r["Polarity"])).ToList(), n);

        for (var i = 0; i < rows.Count; i++)
        {
            var expected = rows[i].Num("QuantileInGrp");
            Assert.True(
                double.IsNaN(expected) ? result.Quantiles[i] is null : result.Quantiles[i] == (int)expected,
                $"{caseId} row {rows[i].Number} ({rows[i]["AreaCode"]}): expected {expected}, got {result.Quantiles[i]}");
        }

        // A warning whenever some group has fewer values than quantiles (q2's groups, which q1 also contains).
        var tooFew = keys.Select((k, i) => (k, i)).Where(p => !double.IsNaN(values[p.i])).GroupBy(p => p.k).Any(g => g.Count() < n);
        Assert.Equal(tooFew, result.Warnings.Contains(DeprivationQuantiles.TooFewValuesWarning));
        Assert.True(caseId != "q2" || tooFew);
    }

    [Fact]
    public void AssignGrouped_InvertDiffersWithinGroup_Throws()
    {
        var rows = Data.Rows.Where(r => r["Test"] == "BadPolarity").ToList();
        var error = Assert.Throws<ArgumentException>(() => DeprivationQuantiles.AssignGrouped(
            rows.Select(r => r["IndSexRef"]).ToList(), rows.Select(r => r.Num("Value")).ToArray(),
            rows.Select(r => Polarity(r["Polarity"])).ToList(), 10));
        Assert.Contains("invert field values must take the same logical value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_TiesAndInvert_FollowTheOhidRule()
    {
        // Ten values, two tied: tied areas share a quantile; invert puts the highest value in quantile 1.
        double[] values = [10, 9, 8, 7, 7, 5, 4, 3, 2, 1];
        var inverted = DeprivationQuantiles.Assign(values, 5).Quantiles;
        var plain = DeprivationQuantiles.Assign(values, 5, invert: false).Quantiles;
        Assert.Equal(new int?[] { 1, 1, 2, 2, 2, 3, 4, 4, 5, 5 }, inverted);
        Assert.Equal(1, plain[9]);
        Assert.Equal(5, plain[0]);
        Assert.Equal(plain[3], plain[4]);
    }

    private static bool Polarity(string text) => text switch
    {
        "RAG - Low is good" => true,
        "RAG - High is good" => false,
        "TRUE" => true,
        "FALSE" => false,
        _ => throw new FormatException($"unknown polarity '{text}'"),
    };
}
