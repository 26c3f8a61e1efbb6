using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

/// <summary>
/// Incomplete groups (issue 14, item 4): a group with a missing quantile, standard error, value or population is left
/// out with a warning naming it and why, and the other groups are computed. Reference numbers: the upstream test data
/// (sii_testdata.csv records 1-20, area1 and area2 of "group A / group C") and the spec's hand check of area1.
/// </summary>
public sealed class SiiIncompleteGroupsTests
{
    private static readonly TestCsv Data = TestCsv.Anchor("sii_testdata.csv");

    private static List<SiiRecord> Areas1And2() =>
        Data.Rows.Take(20).Select(r => new SiiRecord(r["Area"], r.Num("Quantile"), r.Num("Population"), r.Num("Value"))
        {
            StandardError = r.Num("StandardError"),
        }).ToList();

    [Fact]
    public void Calculate_OneGroupWithoutAStandardError_DropsItNamedAndComputesTheOther()
    {
        var records = Areas1And2();
        var at = records.FindIndex(r => r.Group == "area2" && r.Quantile == 10);
        records[at] = records[at] with { StandardError = double.NaN };

        var result = Sii.Calculate(records, new SiiOptions { Repetitions = 1000, Seed = 1, Rii = true });

        var kept = Assert.Single(result.Groups);
        Assert.Equal("area1", kept.Group);

        // The spec's hand check of area1 (METHODS.md 1.7), unchanged by area2 being left out.
        Compare.Relative(kept.Sii, 6.9346164736688, 1e-12, "sii");
        Compare.Relative(kept.Rii, 1.0888180804446, 1e-12, "rii");
        var dropped = Assert.Single(result.DroppedGroups);
        Assert.Equal(new SiiDroppedGroup("area2", SiiIncompleteReason.NoStandardError, "quantile 10 has no standard error"), dropped);
        Assert.Contains(Sii.RecordsRemovedWarning, result.Warnings);
        Assert.Contains("group 'area2' left out: quantile 10 has no standard error", result.Warnings);
    }

    [Fact]
    public void Calculate_GroupsMissingAQuantileAndAPopulation_EachNamedWithEveryProblem()
    {
        var records = Areas1And2().Where(r => !(r.Group == "area2" && r.Quantile is 3 or 4)).ToList();
        records.Add(Areas1And2()[0] with { Group = "area3", Population = 0 });
        records.AddRange(Areas1And2().Skip(1).Take(9).Select(r => r with { Group = "area3" }));
        var at = records.FindIndex(r => r.Group == "area3" && r.Quantile == 2);
        records[at] = records[at] with { Value = double.NaN };

        var result = Sii.Calculate(records, new SiiOptions { Repetitions = 1000, Seed = 1 });

        Assert.Equal(["area1"], result.Groups.Select(g => g.Group));
        Assert.Equal(
            [
                new SiiDroppedGroup("area2", SiiIncompleteReason.MissingQuantile, "no row for quantiles 3, 4"),
                new SiiDroppedGroup("area3", SiiIncompleteReason.MissingValue, "quantile 2 has no value; quantile 1 has a missing or zero population"),
            ],
            result.DroppedGroups);
    }

    [Fact]
    public void Calculate_EveryGroupIncomplete_ThrowsListingEveryGroup()
    {
        var records = Areas1And2().Select(r => r.Quantile == 5 ? r with { StandardError = double.NaN } : r).ToList();

        var error = Assert.Throws<ArgumentException>(() => Sii.Calculate(records, new SiiOptions { Repetitions = 1000 }));

        Assert.Contains("no group is complete", error.Message, StringComparison.Ordinal);
        Assert.Contains("standard errors must be greater than or equal to 0 and not missing (records 5, 15)", error.Message, StringComparison.Ordinal);
        Assert.Contains("group 'area1' left out: quantile 5 has no standard error", error.Message, StringComparison.Ordinal);
        Assert.Contains("group 'area2' left out: quantile 5 has no standard error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_NegativeStandardError_IsStillAnError()
    {
        var records = Areas1And2();
        records[3] = records[3] with { StandardError = -1 };

        var error = Assert.Throws<ArgumentException>(() => Sii.Calculate(records, new SiiOptions { Repetitions = 1000 }));

        Assert.Contains("standard errors must be greater than or equal to 0 and not missing (record 4)", error.Message, StringComparison.Ordinal);
    }
}
