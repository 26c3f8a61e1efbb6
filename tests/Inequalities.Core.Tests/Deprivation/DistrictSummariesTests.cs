using Inequalities.Core.Deprivation;

namespace Inequalities.Core.Tests.Deprivation;

public sealed class DistrictSummariesTests
{
    private const double Tolerance = 1e-12;

    // A small index: N = 20 LSOAs nationally, so an LSOA's percentile is ceil(100 r / 20) = 5 r, its decile
    // ceil(r / 2) and its reversed rank 21 - r. Three districts (A = 0, B = 1, C = 2) hold 12 of them; two more (ranks
    // 8 and 11) are in no district (-1) and must be ignored.
    //
    //              rank  decile  pop  score  reversed  percentile  extent weight
    // A (id 0)       1      1     60    50      20          5        1
    //                4      2    200    40      17         20        (31-20)/21 = 11/21
    //                7      4    340    30      14         35        0
    //               12      6    200    20       9         60        0
    //               18      9    200    10       3         90        0
    // B (id 1)       2      1     50    45      19         10        1
    //                5      3    150    35      16         25        (31-25)/21 = 6/21
    //                9      5    100    25      12         45        0
    //               15      8    400    15       6         75        0
    //               20     10    300     5       1        100        0
    // C (id 2)       3      2    500    44      18         15        (31-15)/21 = 16/21
    //                6      3    500    36      15         30        (31-30)/21 = 1/21
    // none (-1)      8      4    999    99      13
    //               11      6    999    99      10
    private static readonly int[] Districts = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, -1, -1];
    private static readonly int[] Ranks = [1, 4, 7, 12, 18, 2, 5, 9, 15, 20, 3, 6, 8, 11];
    private static readonly int[] Deciles = [1, 2, 4, 6, 9, 1, 3, 5, 8, 10, 2, 3, 4, 6];
    private static readonly double[] Populations = [60, 200, 340, 200, 200, 50, 150, 100, 400, 300, 500, 500, 999, 999];
    private static readonly double[] Scores = [50, 40, 30, 20, 10, 45, 35, 25, 15, 5, 44, 36, 99, 99];
    private const int N = 20;

    [Fact]
    public void Compute_HandWorkedExample_GivesEveryMeasure()
    {
        var s = DistrictSummaries.Compute(Districts, Ranks, Deciles, Scores, Populations, N);

        Assert.Equal(3, s.Length);
        var (a, b, c) = (s[0], s[1], s[2]);
        Assert.Equal([5, 5, 2], s.Select(x => x.Lsoas));
        Assert.Equal([1000.0, 1000.0, 1000.0], s.Select(x => x.Population!.Value));

        // Average rank (reversed ranks, population-weighted):
        // A (60*20 + 200*17 + 340*14 + 200*9 + 200*3) / 1000 = (1200 + 3400 + 4760 + 1800 + 600) / 1000 = 11.76
        // B (50*19 + 150*16 + 100*12 + 400*6 + 300*1) / 1000 = (950 + 2400 + 1200 + 2400 + 300) / 1000 = 7.25
        // C (500*18 + 500*15) / 1000 = 16.5
        Assert.Equal(11.76, a.AverageRank!.Value, Tolerance);
        Assert.Equal(7.25, b.AverageRank!.Value, Tolerance);
        Assert.Equal(16.5, c.AverageRank!.Value, Tolerance);

        // Average score:
        // A (60*50 + 200*40 + 340*30 + 200*20 + 200*10) / 1000 = (3000 + 8000 + 10200 + 4000 + 2000) / 1000 = 27.2
        // B (50*45 + 150*35 + 100*25 + 400*15 + 300*5) / 1000 = (2250 + 5250 + 2500 + 6000 + 1500) / 1000 = 17.5
        // C (500*44 + 500*36) / 1000 = 40
        Assert.Equal(27.2, a.AverageScore!.Value, Tolerance);
        Assert.Equal(17.5, b.AverageScore!.Value, Tolerance);
        Assert.Equal(40.0, c.AverageScore!.Value, Tolerance);

        // Proportion in decile 1: A 1 of 5 (rank 1), B 1 of 5 (rank 2), C 0 of 2.
        Assert.Equal(0.2, a.ProportionMostDeprived10pc!.Value, Tolerance);
        Assert.Equal(0.2, b.ProportionMostDeprived10pc!.Value, Tolerance);
        Assert.Equal(0.0, c.ProportionMostDeprived10pc!.Value, Tolerance);

        // Extent:
        // A (60*1 + 200*11/21) / 1000 = (1260/21 + 2200/21) / 1000 = 3460 / 21000
        // B (50*1 + 150*6/21) / 1000 = (1050/21 + 900/21) / 1000 = 1950 / 21000
        // C (500*16/21 + 500*1/21) / 1000 = 8500 / 21000
        Assert.Equal(3460.0 / 21000, a.Extent!.Value, Tolerance);
        Assert.Equal(1950.0 / 21000, b.Extent!.Value, Tolerance);
        Assert.Equal(8500.0 / 21000, c.Extent!.Value, Tolerance);

        // Local concentration: 10% of each district's 1000 people = 100, most deprived LSOAs first.
        // A: all 60 of rank 1 (reversed 20), then 40 of rank 4's 200 (reversed 17) in part: (60*20 + 40*17) / 100 = 18.8
        // B: all 50 of rank 2 (19), then 50 of rank 5's 150 (16): (50*19 + 50*16) / 100 = 17.5
        // C: 100 of rank 3's 500 (18): 18
        Assert.Equal(18.8, a.LocalConcentration!.Value, Tolerance);
        Assert.Equal(17.5, b.LocalConcentration!.Value, Tolerance);
        Assert.Equal(18.0, c.LocalConcentration!.Value, Tolerance);
    }

    [Fact]
    public void Compute_HandWorkedExample_RanksMostDeprivedFirstAndTiesShareTheLowerRank()
    {
        var s = DistrictSummaries.Compute(Districts, Ranks, Deciles, Scores, Populations, N);

        // Average rank: C 16.5 > A 11.76 > B 7.25. Average score: C 40 > A 27.2 > B 17.5.
        Assert.Equal([2, 3, 1], s.Select(x => x.RankOfAverageRank!.Value));
        Assert.Equal([2, 3, 1], s.Select(x => x.RankOfAverageScore!.Value));

        // Proportion: A and B tie at 0.2 and both take rank 1; C (0) is third, not second.
        Assert.Equal([1, 1, 3], s.Select(x => x.RankOfProportionMostDeprived10pc!.Value));

        // Extent: C 8500 > A 3460 > B 1950 (/21000). Local concentration: A 18.8 > C 18 > B 17.5.
        Assert.Equal([2, 3, 1], s.Select(x => x.RankOfExtent!.Value));
        Assert.Equal([1, 3, 2], s.Select(x => x.RankOfLocalConcentration!.Value));
    }

    [Fact]
    public void Compute_NoDecilesGiven_DerivesThemFromRanks()
    {
        var given = DistrictSummaries.Compute(Districts, Ranks, Deciles, Scores, Populations, N);
        var derived = DistrictSummaries.Compute(Districts, Ranks, [], Scores, Populations, N);

        Assert.Equal(given, derived);
    }

    [Fact]
    public void Compute_NoPopulations_GivesOnlyTheProportionAndItsRank()
    {
        var s = DistrictSummaries.Compute(Districts, Ranks, Deciles, Scores, [], N);

        Assert.All(s, x =>
        {
            Assert.Null(x.Population);
            Assert.Null(x.AverageRank);
            Assert.Null(x.RankOfAverageRank);
            Assert.Null(x.AverageScore);
            Assert.Null(x.Extent);
            Assert.Null(x.LocalConcentration);
            Assert.Null(x.RankOfLocalConcentration);
        });
        Assert.Equal([1, 1, 3], s.Select(x => x.RankOfProportionMostDeprived10pc!.Value));
    }

    [Fact]
    public void Compute_NoScores_LeavesOnlyTheAverageScoreNull()
    {
        var s = DistrictSummaries.Compute(Districts, Ranks, Deciles, [], Populations, N);

        Assert.All(s, x => Assert.Null(x.AverageScore));
        Assert.All(s, x => Assert.Null(x.RankOfAverageScore));
        Assert.Equal(11.76, s[0].AverageRank!.Value, Tolerance);
        Assert.Equal(18.8, s[0].LocalConcentration!.Value, Tolerance);
    }

    [Fact]
    public void Compute_OneLsoaWithoutPopulation_NullsThatDistrictOnlyAndRanksTheRest()
    {
        var populations = (double[])Populations.Clone();
        populations[10] = double.NaN; // C's rank-3 LSOA

        var s = DistrictSummaries.Compute(Districts, Ranks, Deciles, Scores, populations, N);

        Assert.Null(s[2].AverageRank);
        Assert.Null(s[2].RankOfAverageRank);
        Assert.Null(s[2].Population);
        Assert.Equal(0.0, s[2].ProportionMostDeprived10pc!.Value, Tolerance);

        // Without C, A (11.76) leads B (7.25).
        Assert.Equal(1, s[0].RankOfAverageRank);
        Assert.Equal(2, s[1].RankOfAverageRank);
    }

    [Fact]
    public void Compute_OneLsoaWithoutScore_NullsThatDistrictsAverageScoreOnly()
    {
        var scores = (double[])Scores.Clone();
        scores[0] = double.NaN;

        var s = DistrictSummaries.Compute(Districts, Ranks, Deciles, scores, Populations, N);

        Assert.Null(s[0].AverageScore);
        Assert.Equal(11.76, s[0].AverageRank!.Value, Tolerance);
        Assert.Equal(2, s[1].RankOfAverageScore);
        Assert.Equal(1, s[2].RankOfAverageScore);
    }

    [Fact]
    public void Compute_IntegerPopulations_LocalConcentrationEqualsTheMeanOverTheMostDeprivedTenthOfPeople()
    {
        // Independent check of the partial-LSOA rule: expand each LSOA into its people, ordered most deprived first,
        // and average the reversed ranks of the first tenth (populations are chosen so a tenth is whole).
        var random = new Random(20191);
        const int n = 400;
        var ranks = Enumerable.Range(1, n).OrderBy(_ => random.Next()).ToArray();
        var districts = ranks.Select(_ => random.Next(7)).ToArray();
        var populations = ranks.Select(_ => (double)random.Next(0, 3000)).ToArray();
        for (var d = 0; d < 7; d++)
        {
            // Top up the district's first LSOA so its population is a multiple of 10.
            var first = Array.IndexOf(districts, d);
            var total = Enumerable.Range(0, n).Where(i => districts[i] == d).Sum(i => populations[i]);
            populations[first] += (10 - (total % 10)) % 10;
        }

        var s = DistrictSummaries.Compute(districts, ranks, [], [], populations, n);

        for (var d = 0; d < 7; d++)
        {
            var people = Enumerable.Range(0, n)
                .Where(i => districts[i] == d)
                .OrderBy(i => ranks[i])
                .SelectMany(i => Enumerable.Repeat(n + 1 - ranks[i], (int)populations[i]))
                .ToList();
            var expected = people.Take(people.Count / 10).Average();
            var expectedAverage = people.Average();
            var expectedExtent = Enumerable.Range(0, n).Where(i => districts[i] == d)
                .Sum(i => populations[i] * Math.Clamp((31.0 - Math.Ceiling(100.0 * ranks[i] / n)) / 21.0, 0, 1)) / people.Count;
            Assert.Equal(expected, s[d].LocalConcentration!.Value, 1e-9);
            Assert.Equal(expectedAverage, s[d].AverageRank!.Value, 1e-9);
            Assert.Equal(expectedExtent, s[d].Extent!.Value, 1e-12);
        }
    }

    [Fact]
    public void RankDescending_TiesAndMissing_ShareTheLowerRankAndSkipNaN()
    {
        var ranks = DistrictSummaries.RankDescending([5, 7, 7, 3, double.NaN, 7]);

        // 7, 7, 7 share rank 1; 5 is 4th; 3 is 5th; NaN has none (0).
        Assert.Equal([4, 1, 1, 5, 0, 1], ranks);
    }

    [Theory]
    [InlineData(1, 32844, 1)]
    [InlineData(328, 32844, 1)]
    [InlineData(329, 32844, 2)]
    [InlineData(3285, 32844, 11)]
    [InlineData(32844, 32844, 100)]
    public void Percentile_Ranks_AreCeilingOfHundredRankOverN(int rank, int n, int expected)
    {
        // 100 * 328 / 32844 = 0.9987 -> 1; 100 * 329 / 32844 = 1.0017 -> 2; 100 * 3285 / 32844 = 10.0018 -> 11.
        Assert.Equal(expected, DistrictSummaries.Percentile(rank, n));
    }

    [Theory]
    [InlineData(10, 1.0)]
    [InlineData(11, 20.0 / 21)]
    [InlineData(30, 1.0 / 21)]
    [InlineData(31, 0.0)]
    public void ExtentWeight_Percentiles_FollowTheSlidingScale(int percentile, double expected)
    {
        Assert.Equal(expected, DistrictSummaries.ExtentWeight(percentile), Tolerance);
    }

    [Fact]
    public void Compute_RankAboveN_ThrowsNamingTheLsoa()
    {
        var ex = Assert.Throws<ArgumentException>(() => DistrictSummaries.Compute([0, 0], [1, 21], [], [], [], 20));

        Assert.Contains("LSOA 1: rank 21 is outside 1..20", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SpanLengthsDiffer_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => DistrictSummaries.Compute([0, 0], [1, 2], [], [], [10.0], 20));

        Assert.Contains("populations has 1 values but districts has 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NegativePopulation_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => DistrictSummaries.Compute([0, 0], [1, 2], [], [], [10.0, -1], 20));

        Assert.Contains("LSOA 1: population -1", ex.Message, StringComparison.Ordinal);
    }
}
