using Inequalities.Core.Need;

namespace Inequalities.Core.Tests.Need;

public sealed class NeedScoreTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(1.0, 100.0)]
    [InlineData(0.75, 31.009143532807215)]
    [InlineData(0.5, 15.646790072602894)]
    [InlineData(0.25, 6.517733263680379)]
    public void ExponentialTransform_ScaledRank_MatchesIoDFormula(double r, double expected)
    {
        // Expected: -23 ln(1 - R (1 - exp(-100/23))) evaluated by hand (Python math.log / math.exp).
        Assert.Equal(expected, NeedScore.ExponentialTransform(r), Tolerance);
    }

    [Fact]
    public void ExponentialTransform_TenPercentAbove50_AsTheIoDConstantIntends()
    {
        // The constant 23 puts the most deprived 10% above 50: X(0.9) > 50 > X(0.89).
        Assert.True(NeedScore.ExponentialTransform(0.9) > 50);
        Assert.True(NeedScore.ExponentialTransform(0.89) < 50);
    }

    [Fact]
    public void ExponentialTransform_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NeedScore.ExponentialTransform(0));
    }

    [Fact]
    public void Combine_TwoWeightedComponents_MatchesHandComputation()
    {
        // A: scores (higher = more need) 40, 10, 30, 20 -> need ranks 1, 4, 2, 3 -> R = 1, 0.25, 0.75, 0.5.
        // B: IoD-style ranks (1 = most deprived) 4, 1, 2, 3 -> R = 0.25, 1, 0.75, 0.5. Weights 1 and 0.5.
        // Area 0: X(1) + 0.5 X(0.25) = 103.25886663184015; area 1: X(0.25) + 0.5 X(1) = 56.517733263680356;
        // area 2: 1.5 X(0.75) = 46.51371529921082; area 3: 1.5 X(0.5) = 23.47018510890434.
        var result = NeedScore.Combine(
        [
            new NeedComponent("a", [40, 10, 30, 20], 1, HigherIsMoreNeed: true),
            new NeedComponent("b", [4, 1, 2, 3], 0.5, HigherIsMoreNeed: false),
        ]);

        Assert.Equal(103.25886663184015, result.Scores[0], Tolerance);
        Assert.Equal(56.517733263680356, result.Scores[1], Tolerance);
        Assert.Equal(46.51371529921082, result.Scores[2], Tolerance);
        Assert.Equal(23.47018510890434, result.Scores[3], Tolerance);
        Assert.Equal([1, 2, 3, 4], result.Ranks);
        Assert.Equal([3, 5, 8, 10], result.Deciles);
    }

    [Fact]
    public void Combine_MissingComponentValue_LeavesAreaUnscoredAndRanksTheRest()
    {
        var result = NeedScore.Combine(
        [
            new NeedComponent("a", [3, 2, 1], 1, true),
            new NeedComponent("b", [3, double.NaN, 1], 1, true),
        ]);

        Assert.True(double.IsNaN(result.Scores[1]));
        Assert.Equal(0, result.Ranks[1]);
        Assert.Equal(0, result.Deciles[1]);
        Assert.Equal(1, result.Ranks[0]);
        Assert.Equal(2, result.Ranks[2]);
        Assert.Equal(200, result.Scores[0], Tolerance);
    }

    [Fact]
    public void Combine_BadWeightAndLength_ListsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => NeedScore.Combine(
        [
            new NeedComponent("a", [1, 2], 0, true),
            new NeedComponent("b", [1], 1, true),
        ]));

        Assert.StartsWith(
            "The need score cannot be combined: component 'a' has weight 0; weights must be positive numbers; component 'b' has 1 values but 'a' has 2.",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void RankByNeed_Ties_ShareTheMeanRank()
    {
        var (ranks, count) = NeedScore.RankByNeed([5, 7, 5, double.NaN, 1], higherIsMoreNeed: true);

        Assert.Equal(4, count);
        Assert.Equal([2.5, 1, 2.5, 0, 4], ranks);
    }

    [Theory]
    [InlineData(1, 33755, 1)]
    [InlineData(3375, 33755, 1)]
    [InlineData(3376, 33755, 2)]
    [InlineData(33755, 33755, 10)]
    public void Decile_Rank_CutsTenEqualGroups(int rank, int count, int expected)
    {
        Assert.Equal(expected, NeedScore.Decile(rank, count));
    }
}
