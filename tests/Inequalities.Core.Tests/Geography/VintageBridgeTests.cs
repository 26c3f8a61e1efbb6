using Inequalities.Core.Geography;

namespace Inequalities.Core.Tests.Geography;

public sealed class VintageBridgeTests
{
    // A hand-made lookup: A unchanged; B split into B1, B2; C and D merged into CD; E and F redesigned (X) into EF1, EF2.
    private static readonly string[] From = ["A", "B", "B", "C", "D", "E", "E", "F"];
    private static readonly string[] To = ["A", "B1", "B2", "CD", "CD", "EF1", "EF2", "EF2"];
    private static readonly string[] Change = ["U", "S", "S", "M", "M", "X", "X", "X"];

    private static readonly Dictionary<string, double> TargetPop = new()
    {
        ["A"] = 100, ["B1"] = 30, ["B2"] = 90, ["CD"] = 200, ["EF1"] = 50, ["EF2"] = 150,
    };

    private static readonly Dictionary<string, double> SourcePop = new()
    {
        ["A"] = 100, ["B"] = 120, ["C"] = 50, ["D"] = 150, ["E"] = 80, ["F"] = 120,
    };

    [Fact]
    public void Build_ChangeCodes_GiveMethodPerTarget()
    {
        var bridge = VintageBridge.Build(From, To, Change, TargetPop, SourcePop);

        Assert.Equal(["A", "B1", "B2", "CD", "EF1", "EF2"], bridge.Targets);
        Assert.Equal(
            [ConversionMethod.Direct, ConversionMethod.Split, ConversionMethod.Split, ConversionMethod.Merged, ConversionMethod.Complex, ConversionMethod.Complex],
            bridge.Methods);
        Assert.True(bridge.PopulationWeighted);
    }

    [Fact]
    public void Convert_Counts_ShareSplitsByTargetPopulationAndSumMerges()
    {
        var bridge = VintageBridge.Build(From, To, Change, TargetPop, SourcePop);
        var counts = new Dictionary<string, double> { ["A"] = 10, ["B"] = 40, ["C"] = 5, ["D"] = 7, ["E"] = 8, ["F"] = 12 };

        var result = bridge.Convert(counts, ValueKind.Count);

        // B (40) splits 30:90 → 10 and 30. E (8) splits between EF1 and EF2 by 50:150 → 2 and 6; F (12) all to EF2.
        Assert.Equal([10, 10, 30, 12, 2, 18], result, new ToleranceComparer(1e-12));
        Assert.Equal(counts.Values.Sum(), result.Sum(), 1e-9);
    }

    [Fact]
    public void Convert_Rates_CopySplitsAndPopulationWeightMerges()
    {
        var bridge = VintageBridge.Build(From, To, Change, TargetPop, SourcePop);
        var rates = new Dictionary<string, double> { ["A"] = 1, ["B"] = 2, ["C"] = 10, ["D"] = 20, ["E"] = 4, ["F"] = 8 };

        var result = bridge.Convert(rates, ValueKind.Rate);

        // CD = (10·50 + 20·150) / 200 = 17.5. EF2 gets E's population share 80·150/200 = 60 and F's 120: (4·60 + 8·120) / 180.
        Assert.Equal([1, 2, 2, 17.5, 4, (4 * 60.0 + 8 * 120) / 180], result, new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Convert_NoTargetPopulation_SharesCountsEqually()
    {
        var bridge = VintageBridge.Build(From, To, Change, targetPopulation: null, sourcePopulation: null);

        var result = bridge.Convert(new Dictionary<string, double> { ["B"] = 40 }, ValueKind.Count);

        Assert.False(bridge.PopulationWeighted);
        Assert.Equal(20, result[1]);
        Assert.Equal(20, result[2]);
        Assert.True(double.IsNaN(result[0]));
    }

    [Fact]
    public void BuildReverse_SplitSeenBackwardsIsMerge()
    {
        var bridge = VintageBridge.BuildReverse(From, To, Change, SourcePop, TargetPop);

        Assert.Equal(ConversionMethod.Merged, bridge.Methods[bridge.Targets.ToList().IndexOf("B")]);
        Assert.Equal(ConversionMethod.Split, bridge.Methods[bridge.Targets.ToList().IndexOf("C")]);
        var back = bridge.Convert(new Dictionary<string, double> { ["B1"] = 10, ["B2"] = 30, ["CD"] = 12 }, ValueKind.Count);
        Assert.Equal(40, back[bridge.Targets.ToList().IndexOf("B")], 12);
        Assert.Equal(12 * 50 / 200.0, back[bridge.Targets.ToList().IndexOf("C")], 12);
    }

    [Fact]
    public void Build_DuplicatePairOrBadChangeCode_Throws()
    {
        var dup = Assert.Throws<ArgumentException>(() => VintageBridge.Build(["A", "A"], ["B", "B"], ["U", "U"], null, null));
        Assert.StartsWith("The lookup lists the pair A -> B twice (row 2).", dup.Message, StringComparison.Ordinal);

        var bad = Assert.Throws<ArgumentException>(() => VintageBridge.Build(["A"], ["B"], ["Q"], null, null));
        Assert.StartsWith("Row 1 of the lookup has change code 'Q'; expected U, S, M or X.", bad.Message, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
