namespace Inequalities.Core.Measures;

/// <summary>Quantiles assigned to a set of values.</summary>
/// <param name="Quantiles">One entry per input value: 1..N, or null when the value is missing or its group has too few values.</param>
/// <param name="Warnings">Warnings raised (e.g. a group had fewer values than quantiles).</param>
public sealed record QuantileAssignment(IReadOnlyList<int?> Quantiles, IReadOnlyList<string> Warnings);

/// <summary>
/// Deprivation quantiles (deciles, quintiles…) by the OHID rule (the reference package's <c>phe_quantile</c>):
/// rank with ties at the minimum rank, then quantile = (N + 1) − ⌈(n + 1 − rank) / (n / N)⌉ (0 becomes 1).
/// National quantiles: call <see cref="Assign"/> on the national table; within-area quantiles: call
/// <see cref="AssignGrouped{TKey}(IReadOnlyList{TKey}, ReadOnlySpan{double}, int, bool)"/> with the parent code as key.
/// </summary>
public static class DeprivationQuantiles
{
    /// <summary>The warning raised when a group has fewer non-missing values than quantiles.</summary>
    public const string TooFewValuesWarning =
        "One or more groups had too few small areas with values to allow quantiles to be assigned";

    /// <summary>Assigns quantiles over all values as one group.</summary>
    /// <param name="values">Values (NaN = missing ⇒ null quantile).</param>
    /// <param name="quantiles">Number of quantiles N. The default value is 10.</param>
    /// <param name="invert">When true (the default), quantile 1 holds the highest values (e.g. IMD score ⇒ 1 = most deprived).</param>
    /// <returns>The assignment.</returns>
    public static QuantileAssignment Assign(ReadOnlySpan<double> values, int quantiles = 10, bool invert = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantiles, 1);
        var result = new int?[values.Length];
        var indices = new int[values.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i;
        }

        var warnings = new List<string>();
        if (!AssignGroup(values, indices, quantiles, invert, result))
        {
            warnings.Add(TooFewValuesWarning);
        }

        return new QuantileAssignment(result, warnings);
    }

    /// <summary>Assigns quantiles within each group (e.g. LSOA deciles within each local authority).</summary>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="groups">Group key per value.</param>
    /// <param name="values">Values (NaN = missing).</param>
    /// <param name="quantiles">Number of quantiles N. The default value is 10.</param>
    /// <param name="invert">When true (the default), quantile 1 holds the highest values.</param>
    /// <returns>The assignment.</returns>
    public static QuantileAssignment AssignGrouped<TKey>(IReadOnlyList<TKey> groups, ReadOnlySpan<double> values, int quantiles = 10, bool invert = true)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        return AssignGroupedCore(groups, values, quantiles, _ => invert);
    }

    /// <summary>
    /// Assigns quantiles within each group, reading invert per row (the reference's <c>inverttype = "field"</c>);
    /// invert must be the same for every row of a group.
    /// </summary>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="groups">Group key per value.</param>
    /// <param name="values">Values (NaN = missing).</param>
    /// <param name="invert">Invert flag per value.</param>
    /// <param name="quantiles">Number of quantiles N. The default value is 10.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="ArgumentException">Invert differs within a group.</exception>
    public static QuantileAssignment AssignGrouped<TKey>(IReadOnlyList<TKey> groups, ReadOnlySpan<double> values, IReadOnlyList<bool> invert, int quantiles = 10)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(invert);
        if (invert.Count != values.Length)
        {
            throw new ArgumentException($"invert has {invert.Count} entries but there are {values.Length} values", nameof(invert));
        }

        return AssignGroupedCore(groups, values, quantiles, rows =>
        {
            var first = invert[rows[0]];
            foreach (var row in rows)
            {
                if (invert[row] != first)
                {
                    throw new ArgumentException("invert field values must take the same logical value for each data grouping set", nameof(invert));
                }
            }

            return first;
        });
    }

    private static QuantileAssignment AssignGroupedCore<TKey>(IReadOnlyList<TKey> groups, ReadOnlySpan<double> values, int quantiles, Func<List<int>, bool> invertOf)
        where TKey : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantiles, 1);
        if (groups.Count != values.Length)
        {
            throw new ArgumentException($"groups has {groups.Count} entries but there are {values.Length} values", nameof(groups));
        }

        var byGroup = new Dictionary<TKey, List<int>>();
        for (var i = 0; i < groups.Count; i++)
        {
            if (!byGroup.TryGetValue(groups[i], out var rows))
            {
                rows = [];
                byGroup[groups[i]] = rows;
            }

            rows.Add(i);
        }

        var result = new int?[values.Length];
        var warn = false;
        foreach (var rows in byGroup.Values)
        {
            var invert = invertOf(rows);
            warn |= !AssignGroup(values, rows.ToArray(), quantiles, invert, result);
        }

        return new QuantileAssignment(result, warn ? [TooFewValuesWarning] : []);
    }

    // Returns false when the group has too few values (all its quantiles stay null).
    private static bool AssignGroup(ReadOnlySpan<double> values, int[] rows, int quantiles, bool invert, int?[] result)
    {
        var present = new List<int>(rows.Length);
        foreach (var row in rows)
        {
            if (!double.IsNaN(values[row]))
            {
                present.Add(row);
            }
        }

        var n = present.Count;
        if (n < quantiles)
        {
            return false;
        }

        var keys = new double[n];
        var order = present.ToArray();
        for (var i = 0; i < n; i++)
        {
            keys[i] = invert ? -values[order[i]] : values[order[i]];
        }

        Array.Sort(keys, order);
        var perQuantile = (double)n / quantiles;
        var rank = 1;
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && keys[i] != keys[i - 1])
            {
                rank = i + 1;
            }

            var q = quantiles + 1 - (int)Math.Ceiling((n + 1.0 - rank) / perQuantile);
            result[order[i]] = q == 0 ? 1 : q;
        }

        return true;
    }
}
