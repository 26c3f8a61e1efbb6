using System.Buffers;

namespace Inequalities.Core.Deprivation;

/// <summary>
/// The summary measures of one domain of an index of deprivation for one district (IoD technical report, "summaries
/// for larger areas"). Measures that need a population are null when no population was given (or any of the
/// district's LSOAs lacks one); the average score is null when the index has no scores. Ranks are among the districts
/// that have the measure: 1 = most deprived, ties share the lower rank (1, 2, 2, 4).
/// </summary>
public sealed record DistrictSummary
{
    /// <summary>The district id (as given to <see cref="DistrictSummaries.Compute"/>).</summary>
    public required int District { get; init; }

    /// <summary>The number of the district's LSOAs.</summary>
    public required int Lsoas { get; init; }

    /// <summary>The district's population (the sum of the weights), or null without populations.</summary>
    public double? Population { get; init; }

    /// <summary>Population-weighted mean of the reversed ranks (N + 1 − rank): higher is more deprived.</summary>
    public double? AverageRank { get; init; }

    /// <summary>Rank of <see cref="AverageRank"/> among districts (1 = highest average reversed rank).</summary>
    public int? RankOfAverageRank { get; init; }

    /// <summary>Population-weighted mean of the scores: higher is more deprived.</summary>
    public double? AverageScore { get; init; }

    /// <summary>Rank of <see cref="AverageScore"/> among districts (1 = highest).</summary>
    public int? RankOfAverageScore { get; init; }

    /// <summary>Share of the district's LSOAs in national decile 1 (0 to 1). Needs no population.</summary>
    public double? ProportionMostDeprived10pc { get; init; }

    /// <summary>Rank of <see cref="ProportionMostDeprived10pc"/> among districts (1 = highest).</summary>
    public int? RankOfProportionMostDeprived10pc { get; init; }

    /// <summary>
    /// Population-weighted share of people in LSOAs at national percentile 1 to 10 (weight 1) or 11 to 30 (weight
    /// (31 − p) / 21), 0 to 1.
    /// </summary>
    public double? Extent { get; init; }

    /// <summary>Rank of <see cref="Extent"/> among districts (1 = highest).</summary>
    public int? RankOfExtent { get; init; }

    /// <summary>
    /// Population-weighted mean of the reversed ranks of the district's most deprived LSOAs that together hold exactly
    /// 10% of its population (the last one counted in part).
    /// </summary>
    public double? LocalConcentration { get; init; }

    /// <summary>Rank of <see cref="LocalConcentration"/> among districts (1 = highest).</summary>
    public int? RankOfLocalConcentration { get; init; }
}

/// <summary>
/// Summaries of an index of deprivation for larger areas (districts), computed from its LSOA ranks, deciles, scores
/// and population denominators, with the definitions of the IoD technical report. Pure: no I/O.
/// </summary>
/// <remarks>
/// With N LSOAs nationally and an LSOA's rank r (1 = most deprived): its reversed rank is N + 1 − r and its national
/// percentile is ceil(100 r / N). See <see cref="DistrictSummary"/> for each measure.
/// </remarks>
public static class DistrictSummaries
{
    /// <summary>Computes every district's summary of one domain.</summary>
    /// <param name="districts">Per LSOA: its district id (0 or more), or −1 when it belongs to none (it still counts in N).</param>
    /// <param name="ranks">Per LSOA: its national rank, 1 (most deprived) to <paramref name="nationalCount"/>.</param>
    /// <param name="deciles">
    /// Per LSOA: its national decile (1 = most deprived), or empty to derive deciles from the ranks as ceil(10 r / N).
    /// </param>
    /// <param name="scores">Per LSOA: its score (NaN when missing), or empty when the index has no scores.</param>
    /// <param name="populations">
    /// Per LSOA: its population (the weight; NaN when missing), or empty when there are no populations.
    /// </param>
    /// <param name="nationalCount">N, the number of LSOAs ranked nationally (at least the largest rank).</param>
    /// <returns>
    /// One summary per district id from 0 to the largest id given, in id order; an id no LSOA uses has
    /// <see cref="DistrictSummary.Lsoas"/> 0, null measures and no ranks. Empty when no LSOA has a district.
    /// </returns>
    /// <exception cref="ArgumentException">A span's length differs, or a value is out of range (the LSOA index is named).</exception>
    public static DistrictSummary[] Compute(
        ReadOnlySpan<int> districts,
        ReadOnlySpan<int> ranks,
        ReadOnlySpan<int> deciles,
        ReadOnlySpan<double> scores,
        ReadOnlySpan<double> populations,
        int nationalCount)
    {
        var n = districts.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(nationalCount, 1);
        RequireLength(ranks.Length, n, nameof(ranks), required: true);
        RequireLength(deciles.Length, n, nameof(deciles), required: false);
        RequireLength(scores.Length, n, nameof(scores), required: false);
        RequireLength(populations.Length, n, nameof(populations), required: false);

        var districtCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (districts[i] < -1)
            {
                throw new ArgumentException($"LSOA {i}: district id {districts[i]} is negative; use -1 for an LSOA in no district.", nameof(districts));
            }

            if (ranks[i] < 1 || ranks[i] > nationalCount)
            {
                throw new ArgumentException($"LSOA {i}: rank {ranks[i]} is outside 1..{nationalCount} (N, the LSOAs ranked nationally).", nameof(ranks));
            }

            if (!deciles.IsEmpty && deciles[i] is < 1 or > 10)
            {
                throw new ArgumentException($"LSOA {i}: decile {deciles[i]} is outside 1..10.", nameof(deciles));
            }

            if (!populations.IsEmpty && (populations[i] < 0 || double.IsInfinity(populations[i])))
            {
                throw new ArgumentException($"LSOA {i}: population {populations[i]} is not a finite number of at least 0 (NaN marks a missing one).", nameof(populations));
            }

            districtCount = Math.Max(districtCount, districts[i] + 1);
        }

        // LSOAs in district order, most deprived first within each district.
        var order = ArrayPool<int>.Shared.Rent(n);
        var keys = ArrayPool<long>.Shared.Rent(n);
        try
        {
            var m = 0;
            for (var i = 0; i < n; i++)
            {
                if (districts[i] >= 0)
                {
                    keys[m] = ((long)districts[i] * (nationalCount + 1L)) + ranks[i];
                    order[m] = i;
                    m++;
                }
            }

            Array.Sort(keys, order, 0, m);
            var summaries = new DistrictSummary[districtCount];
            var start = 0;
            for (var d = 0; d < districtCount; d++)
            {
                var end = start;
                while (end < m && districts[order[end]] == d)
                {
                    end++;
                }

                summaries[d] = Summarise(d, order.AsSpan(start, end - start), ranks, deciles, scores, populations, nationalCount);
                start = end;
            }

            return Ranked(summaries);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<long>.Shared.Return(keys);
        }
    }

    /// <summary>
    /// Competition ranks of values where higher is more deprived: 1 for the highest, ties share the lower rank
    /// (1, 2, 2, 4); NaN values get 0 (no rank) and are not counted.
    /// </summary>
    internal static int[] RankDescending(ReadOnlySpan<double> values)
    {
        var ids = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                ids.Add(i);
            }
        }

        var copy = values.ToArray();
        ids.Sort((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var result = new int[values.Length];
        for (var k = 0; k < ids.Count; k++)
        {
            result[ids[k]] = k > 0 && copy[ids[k]] == copy[ids[k - 1]] ? result[ids[k - 1]] : k + 1;
        }

        return result;
    }

    /// <summary>The national percentile of a rank: ceil(100 r / N), 1 to 100.</summary>
    internal static int Percentile(int rank, int nationalCount) => (int)(((100L * rank) + nationalCount - 1) / nationalCount);

    /// <summary>The extent weight of a percentile: 1 up to 10, (31 − p) / 21 from 11 to 30, 0 beyond.</summary>
    internal static double ExtentWeight(int percentile) => percentile <= 10 ? 1.0 : percentile <= 30 ? (31 - percentile) / 21.0 : 0.0;

    private static DistrictSummary Summarise(
        int district,
        ReadOnlySpan<int> lsoas,
        ReadOnlySpan<int> ranks,
        ReadOnlySpan<int> deciles,
        ReadOnlySpan<double> scores,
        ReadOnlySpan<double> populations,
        int nationalCount)
    {
        if (lsoas.IsEmpty)
        {
            return new DistrictSummary { District = district, Lsoas = 0 };
        }

        var mostDeprived = 0;
        foreach (var i in lsoas)
        {
            var decile = deciles.IsEmpty ? (int)(((10L * ranks[i]) + nationalCount - 1) / nationalCount) : deciles[i];
            if (decile == 1)
            {
                mostDeprived++;
            }
        }

        var summary = new DistrictSummary
        {
            District = district,
            Lsoas = lsoas.Length,
            ProportionMostDeprived10pc = (double)mostDeprived / lsoas.Length,
        };
        if (populations.IsEmpty)
        {
            return summary;
        }

        double population = 0, rankSum = 0, scoreSum = 0, extentSum = 0;
        var scored = !scores.IsEmpty;
        foreach (var i in lsoas)
        {
            var p = populations[i];
            if (double.IsNaN(p))
            {
                return summary;
            }

            population += p;
            rankSum += p * (nationalCount + 1 - ranks[i]);
            extentSum += p * ExtentWeight(Percentile(ranks[i], nationalCount));
            if (scored)
            {
                if (double.IsNaN(scores[i]))
                {
                    scored = false;
                }
                else
                {
                    scoreSum += p * scores[i];
                }
            }
        }

        if (population <= 0)
        {
            return summary with { Population = population };
        }

        // Local concentration: the most deprived LSOAs (lsoas are in rank order) up to exactly 10% of the people.
        var target = population / 10;
        double held = 0, concentrationSum = 0;
        foreach (var i in lsoas)
        {
            var take = Math.Min(populations[i], target - held);
            concentrationSum += take * (nationalCount + 1 - ranks[i]);
            held += take;
            if (held >= target)
            {
                break;
            }
        }

        return summary with
        {
            Population = population,
            AverageRank = rankSum / population,
            AverageScore = scored ? scoreSum / population : null,
            Extent = extentSum / population,
            LocalConcentration = concentrationSum / target,
        };
    }

    private static DistrictSummary[] Ranked(DistrictSummary[] summaries)
    {
        var averageRank = RankDescending(Values(summaries, s => s.AverageRank));
        var averageScore = RankDescending(Values(summaries, s => s.AverageScore));
        var proportion = RankDescending(Values(summaries, s => s.ProportionMostDeprived10pc));
        var extent = RankDescending(Values(summaries, s => s.Extent));
        var concentration = RankDescending(Values(summaries, s => s.LocalConcentration));
        var result = new DistrictSummary[summaries.Length];
        for (var d = 0; d < summaries.Length; d++)
        {
            result[d] = summaries[d] with
            {
                RankOfAverageRank = RankOrNull(averageRank[d]),
                RankOfAverageScore = RankOrNull(averageScore[d]),
                RankOfProportionMostDeprived10pc = RankOrNull(proportion[d]),
                RankOfExtent = RankOrNull(extent[d]),
                RankOfLocalConcentration = RankOrNull(concentration[d]),
            };
        }

        return result;
    }

    private static double[] Values(DistrictSummary[] summaries, Func<DistrictSummary, double?> measure)
    {
        var values = new double[summaries.Length];
        for (var d = 0; d < summaries.Length; d++)
        {
            values[d] = measure(summaries[d]) ?? double.NaN;
        }

        return values;
    }

    private static int? RankOrNull(int rank) => rank > 0 ? rank : null;

    private static void RequireLength(int length, int expected, string name, bool required)
    {
        if (length != expected && (required || length != 0))
        {
            throw new ArgumentException(
                $"{name} has {length} values but districts has {expected}; give one per LSOA{(required ? string.Empty : " (or none)")}.",
                name);
        }
    }
}
