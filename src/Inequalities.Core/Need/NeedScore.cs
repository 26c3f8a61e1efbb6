namespace Inequalities.Core.Need;

/// <summary>One input to a composite need score: a value per area and how much it counts.</summary>
/// <param name="Name">A label for messages (e.g. <c>iod2025.imd</c>).</param>
/// <param name="Values">One value per area (same order and length for every component).</param>
/// <param name="Weight">The component's weight; weights are used as given (they need not sum to 1).</param>
/// <param name="HigherIsMoreNeed">Whether a larger value means more need (true for deprivation scores; false for ranks where 1 is the most deprived).</param>
public sealed record NeedComponent(string Name, double[] Values, double Weight, bool HigherIsMoreNeed);

/// <summary>A composite need score for each area, with its rank and decile.</summary>
/// <param name="Scores">The composite (0 to 100 times the total weight; larger = more need); NaN where an input is missing.</param>
/// <param name="Ranks">1 = most need; 0 where the score is NaN.</param>
/// <param name="Deciles">1 = the 10% of areas with most need, 10 = least; 0 where the score is NaN.</param>
public sealed record NeedResult(double[] Scores, int[] Ranks, int[] Deciles);

/// <summary>
/// Combines indicators of need the way the English Indices of Deprivation combine domains into the IMD: each input
/// is ranked, the rank is transformed to an exponential distribution, and the transformed values are weighted and
/// summed. The transformation stretches the most needy end, so need on one input is not cancelled out by its absence
/// on another.
/// </summary>
/// <remarks>
/// The transformation (English Indices of Deprivation 2019 Technical Report, McLennan et al., MHCLG 2019, chapter on
/// combining the domains, following the Scottish Indices of Deprivation 2003 Appendix 5, which states it in full):
/// with <c>R</c> an area's rank scaled to (0, 1], <c>R = 1/N</c> for the least deprived and <c>R = 1</c> for the most
/// deprived, <c>X = -23 ln(1 - R (1 - exp(-100/23)))</c>. <c>X</c> runs from about 0 (least deprived) to exactly 100
/// (most deprived), and the constant 23 puts 10% of areas above 50. (With the IoD's rank 1 = most deprived,
/// <c>R = (N + 1 - rank) / N</c>.)
/// </remarks>
public static class NeedScore
{
    private static readonly double Scale = 1 - Math.Exp(-100.0 / 23.0);

    /// <summary>The exponential transform of a scaled rank.</summary>
    /// <param name="scaledRank">R in (0, 1], 1 = most deprived.</param>
    /// <returns>X in [0, 100], 100 = most deprived.</returns>
    /// <exception cref="ArgumentOutOfRangeException">R is not in (0, 1].</exception>
    public static double ExponentialTransform(double scaledRank)
    {
        if (!(scaledRank > 0 && scaledRank <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scaledRank), scaledRank, "The scaled rank must be in (0, 1], 1 = most deprived.");
        }

        return -23 * Math.Log(1 - (scaledRank * Scale));
    }

    /// <summary>
    /// Ranks values so that 1 is the most need: ties share the mean of the ranks they span (so equal inputs always
    /// get equal transformed values). NaN values are not ranked (rank 0).
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="higherIsMoreNeed">Whether a larger value means more need.</param>
    /// <returns>Ranks (1 = most need, possibly fractional for ties) and the number ranked.</returns>
    public static (double[] Ranks, int Count) RankByNeed(ReadOnlySpan<double> values, bool higherIsMoreNeed)
    {
        var order = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                order.Add(i);
            }
        }

        var copy = values.ToArray();
        order.Sort((a, b) =>
        {
            var c = higherIsMoreNeed ? copy[b].CompareTo(copy[a]) : copy[a].CompareTo(copy[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var ranks = new double[values.Length];
        var k = 0;
        while (k < order.Count)
        {
            var end = k;
            while (end + 1 < order.Count && copy[order[end + 1]] == copy[order[k]])
            {
                end++;
            }

            var mean = ((k + 1) + (end + 1)) / 2.0;
            for (var t = k; t <= end; t++)
            {
                ranks[order[t]] = mean;
            }

            k = end + 1;
        }

        return (ranks, order.Count);
    }

    /// <summary>
    /// Decile of a rank among <paramref name="count"/> areas, as the IoD assigns them: the areas ranked from most to
    /// least need are cut into ten groups of equal size, decile 1 holding the most need.
    /// </summary>
    /// <param name="rank">1 = most need (fractional ranks of ties are allowed).</param>
    /// <param name="count">The number of areas ranked.</param>
    public static int Decile(double rank, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!(rank >= 1 && rank <= count))
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"A rank must be between 1 and the number of areas ({count}).");
        }

        return Math.Clamp((int)Math.Ceiling(10 * rank / count), 1, 10);
    }

    /// <summary>
    /// Combines components into a need score per area: rank each (1 = most need) over the areas where every
    /// component has a value, transform, multiply by the weight, sum; then rank and decile the sum.
    /// </summary>
    /// <param name="components">At least one component; every component has one value per area.</param>
    /// <exception cref="ArgumentException">No components, lengths differ, or a weight is not a positive finite number (every problem listed).</exception>
    public static NeedResult Combine(IReadOnlyList<NeedComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var problems = new List<string>();
        if (components.Count == 0)
        {
            problems.Add("at least one component is needed");
        }

        var n = components.Count == 0 ? 0 : components[0].Values.Length;
        foreach (var c in components)
        {
            if (c.Values.Length != n)
            {
                problems.Add($"component '{c.Name}' has {c.Values.Length} values but '{components[0].Name}' has {n}");
            }

            if (!(c.Weight > 0) || !double.IsFinite(c.Weight))
            {
                problems.Add($"component '{c.Name}' has weight {c.Weight}; weights must be positive numbers");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The need score cannot be combined: " + string.Join("; ", problems) + ".", nameof(components));
        }

        // Only areas with every component are ranked, so each component's ranks share one universe.
        var complete = new bool[n];
        for (var i = 0; i < n; i++)
        {
            complete[i] = true;
            foreach (var c in components)
            {
                if (double.IsNaN(c.Values[i]))
                {
                    complete[i] = false;
                    break;
                }
            }
        }

        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            scores[i] = complete[i] ? 0 : double.NaN;
        }

        foreach (var c in components)
        {
            var masked = new double[n];
            for (var i = 0; i < n; i++)
            {
                masked[i] = complete[i] ? c.Values[i] : double.NaN;
            }

            var (ranks, count) = RankByNeed(masked, c.HigherIsMoreNeed);
            for (var i = 0; i < n; i++)
            {
                if (complete[i])
                {
                    // Rank 1 (most need) -> R = 1; rank N (least) -> R = 1/N.
                    var r = (count + 1 - ranks[i]) / count;
                    scores[i] += c.Weight * ExponentialTransform(r);
                }
            }
        }

        var (finalRanks, ranked) = RankByNeed(scores, higherIsMoreNeed: true);
        var intRanks = new int[n];
        var deciles = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsNaN(scores[i]))
            {
                intRanks[i] = (int)Math.Floor(finalRanks[i]);
                deciles[i] = Decile(finalRanks[i], ranked);
            }
        }

        return new NeedResult(scores, intRanks, deciles);
    }
}
