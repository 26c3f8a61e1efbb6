namespace Inequalities.Core.Need;

/// <summary>One group of areas in a gradient (e.g. a need decile), with its population and value.</summary>
/// <param name="Order">The position from most need (smallest) to least need (largest), e.g. the need decile.</param>
/// <param name="Population">The group's population (its weight).</param>
/// <param name="Value">The group's value (e.g. assets per 10,000 residents).</param>
public readonly record struct GradientGroup(int Order, double Population, double Value);

/// <summary>
/// How a quantity (such as assets per 10,000 residents) changes from the most to the least needy areas.
/// </summary>
/// <remarks>
/// <see cref="SimpleSii"/> is a plain population-weighted least-squares slope on the groups' cumulative population
/// midpoints, without confidence intervals; it is meant to be replaced by the project's shared OHID/PHE slope index
/// (<c>Sii</c>) once that is available, which gives the same point estimate on the same input.
/// </remarks>
public static class AssetGradient
{
    /// <summary>
    /// The slope index of inequality on groups ordered from most to least need: each group sits at the midpoint of
    /// its share of the cumulative population (0 = the most needy end, 1 = the least), and the slope of the
    /// population-weighted least-squares line of value on that position is returned. A positive slope means the
    /// value is higher in less needy areas (for assets: the reverse of need); negative means it follows need.
    /// </summary>
    /// <param name="groups">The groups (any order; empty groups are ignored).</param>
    /// <returns>The slope, or NaN with fewer than two non-empty groups.</returns>
    public static double SimpleSii(IReadOnlyList<GradientGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var used = groups.Where(g => g.Population > 0 && double.IsFinite(g.Value)).OrderBy(g => g.Order).ToList();
        if (used.Count < 2)
        {
            return double.NaN;
        }

        var total = used.Sum(g => g.Population);
        var cumulative = 0.0;
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var g in used)
        {
            var w = g.Population / total;
            var x = cumulative + (w / 2);
            cumulative += w;
            sw += w;
            sx += w * x;
            sy += w * g.Value;
            sxx += w * x * x;
            sxy += w * x * g.Value;
        }

        var denominator = (sw * sxx) - (sx * sx);
        return denominator <= 0 ? double.NaN : ((sw * sxy) - (sx * sy)) / denominator;
    }

    /// <summary>
    /// The concentration index of a quantity across areas ranked from most to least need: twice the
    /// population-weighted covariance of each area's value with its fractional rank, divided by the mean
    /// (<c>C = 2 cov(h, r) / mean(h)</c>). It runs from -1 to 1: negative when the quantity is concentrated in the
    /// most needy areas (it follows need), positive when concentrated in the least needy, 0 when spread evenly.
    /// </summary>
    /// <param name="needOrder">Per area, its position from most need (smallest) to least need; ties share a rank.</param>
    /// <param name="population">Per area, its population (weight).</param>
    /// <param name="value">Per area, the quantity per person (e.g. assets per 10,000 residents).</param>
    /// <returns>The index, or NaN when there is no population or the mean is zero.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double ConcentrationIndex(ReadOnlySpan<double> needOrder, ReadOnlySpan<double> population, ReadOnlySpan<double> value)
    {
        if (needOrder.Length != population.Length || value.Length != population.Length)
        {
            throw new ArgumentException("The need order, population and value spans must have the same length.", nameof(value));
        }

        var idx = new List<int>(needOrder.Length);
        for (var i = 0; i < needOrder.Length; i++)
        {
            if (population[i] > 0 && double.IsFinite(value[i]) && double.IsFinite(needOrder[i]))
            {
                idx.Add(i);
            }
        }

        var orders = needOrder.ToArray();
        idx.Sort((a, b) => orders[a].CompareTo(orders[b]));
        var total = 0.0;
        foreach (var i in idx)
        {
            total += population[i];
        }

        if (total <= 0)
        {
            return double.NaN;
        }

        // Fractional rank: the midpoint of the area's (or its tie group's) share of the cumulative population.
        var rank = new double[idx.Count];
        var cumulative = 0.0;
        var k = 0;
        while (k < idx.Count)
        {
            var end = k;
            var groupPop = population[idx[k]];
            while (end + 1 < idx.Count && orders[idx[end + 1]] == orders[idx[k]])
            {
                end++;
                groupPop += population[idx[end]];
            }

            var mid = (cumulative + (groupPop / 2)) / total;
            for (var t = k; t <= end; t++)
            {
                rank[t] = mid;
            }

            cumulative += groupPop;
            k = end + 1;
        }

        double mean = 0, meanRank = 0;
        for (var t = 0; t < idx.Count; t++)
        {
            var w = population[idx[t]] / total;
            mean += w * value[idx[t]];
            meanRank += w * rank[t];
        }

        if (mean == 0)
        {
            return double.NaN;
        }

        var cov = 0.0;
        for (var t = 0; t < idx.Count; t++)
        {
            var w = population[idx[t]] / total;
            cov += w * (value[idx[t]] - mean) * (rank[t] - meanRank);
        }

        return 2 * cov / mean;
    }
}
