namespace Inequalities.Core.Columnar;

/// <summary>
/// The fast path for the lake's commonest aggregation: a long table of values per entity (LSOA), grouped by a key
/// of the row (indicator and period) and a key of the entity (district and deprivation decile), weighted by an
/// entity weight (population). Instead of joining the long table to the entity tables and grouping the result, the
/// row's entity indexes directly into dense per-entity arrays, the two keys are packed into one int and the sums
/// accumulate in flat arrays; rows are processed in parallel chunks.
/// </summary>
/// <example>
/// <code>
/// int[] lsoaOf = DenseGroups.IndexOf(longTable.Strings("lsoa_code"), areas.Strings("lsoa_code"));
/// DenseWeightedMeans means = DenseGroups.WeightedMeanBy(
///     longTable.Strings("lsoa_code").Ids.ToArray(), lsoaOf, rowGroup, rowGroupCount,
///     longTable.Primitive&lt;double&gt;("value").Values.ToArray(), areaGroup, areaGroupCount, population);
/// double m = means.Mean(rowGroup: 3, entityGroup: 17);
/// </code>
/// </example>
public static class DenseGroups
{
    private const int ChunkRows = 1 << 18;

    /// <summary>
    /// Maps each dictionary id of <paramref name="keys"/> to the row of <paramref name="entities"/> holding the same
    /// string, or -1 when no row does (the join of a long table's key to an entity table, computed once per distinct
    /// key rather than once per row).
    /// </summary>
    /// <param name="keys">The long table's key column (e.g. <c>lsoa_code</c>).</param>
    /// <param name="entities">The entity table's key column; its values must be unique.</param>
    /// <returns>An array indexed by <c>keys.Dictionary</c> id.</returns>
    /// <exception cref="ArgumentException">A value occurs twice in <paramref name="entities"/>.</exception>
    public static int[] IndexOf(StringColumn keys, StringColumn entities)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(entities);
        var rowOfEntityId = new int[entities.Dictionary.Count];
        rowOfEntityId.AsSpan().Fill(-1);
        var ids = entities.Ids;
        for (var row = 0; row < ids.Length; row++)
        {
            if (!entities.IsValid(row))
            {
                continue;
            }

            if (rowOfEntityId[ids[row]] >= 0)
            {
                throw new ArgumentException(
                    $"Column '{entities.Name}' holds '{entities[row]}' at rows {rowOfEntityId[ids[row]]} and {row}; entity keys must be unique.",
                    nameof(entities));
            }

            rowOfEntityId[ids[row]] = row;
        }

        var result = new int[keys.Dictionary.Count];
        for (var id = 0; id < result.Length; id++)
        {
            var entityId = ReferenceEquals(keys.Dictionary, entities.Dictionary) ? id
                : entities.Dictionary.TryGetId(keys.Dictionary[id], out var found) ? found : -1;
            result[id] = entityId >= 0 && entityId < rowOfEntityId.Length ? rowOfEntityId[entityId] : -1;
        }

        return result;
    }

    /// <summary>
    /// Weighted means of <paramref name="values"/> by (row group, entity group). Row <c>i</c> belongs to entity
    /// <c>entityOfKey[keys[i]]</c> and to group <c>rowGroups[i] * entityGroupCount + entityGroups[entity]</c>, with
    /// weight <c>entityWeights[entity]</c>. Rows whose entity is -1, whose entity group is negative, whose row
    /// group is negative, or whose value or weight is NaN are skipped.
    /// </summary>
    /// <param name="keys">Per row: the entity key id (e.g. <see cref="StringColumn.Ids"/> of <c>lsoa_code</c>).</param>
    /// <param name="entityOfKey">Per key id: the entity index, or -1 (see <see cref="IndexOf"/>).</param>
    /// <param name="rowGroups">Per row: its row group (e.g. indicator × periods + period), from 0 to <paramref name="rowGroupCount"/> - 1.</param>
    /// <param name="rowGroupCount">The number of row groups.</param>
    /// <param name="values">Per row: the value.</param>
    /// <param name="entityGroups">Per entity: its group (e.g. district × 10 + decile - 1), or negative to leave it out.</param>
    /// <param name="entityGroupCount">The number of entity groups.</param>
    /// <param name="entityWeights">Per entity: its weight (e.g. population).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 (the default) for every core.</param>
    /// <exception cref="ArgumentException">The per-row or per-entity inputs differ in length, a count is negative, or
    /// the number of groups exceeds what an array can hold.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A key, entity, row group or entity group is out of range.</exception>
    public static DenseWeightedMeans WeightedMeanBy(
        ReadOnlyMemory<int> keys,
        ReadOnlyMemory<int> entityOfKey,
        ReadOnlyMemory<int> rowGroups,
        int rowGroupCount,
        ReadOnlyMemory<double> values,
        ReadOnlyMemory<int> entityGroups,
        int entityGroupCount,
        ReadOnlyMemory<double> entityWeights,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroupCount);
        ArgumentOutOfRangeException.ThrowIfNegative(entityGroupCount);
        if (keys.Length != rowGroups.Length || keys.Length != values.Length)
        {
            throw new ArgumentException(
                $"Per-row inputs differ in length: keys {keys.Length}, rowGroups {rowGroups.Length}, values {values.Length}.", nameof(rowGroups));
        }

        if (entityGroups.Length != entityWeights.Length)
        {
            throw new ArgumentException(
                $"Per-entity inputs differ in length: entityGroups {entityGroups.Length}, entityWeights {entityWeights.Length}.", nameof(entityWeights));
        }

        var groupCount = (long)rowGroupCount * entityGroupCount;
        if (groupCount > Array.MaxLength / 2)
        {
            throw new ArgumentException($"{rowGroupCount} row groups × {entityGroupCount} entity groups is too many groups.", nameof(entityGroupCount));
        }

        var groups = (int)groupCount;
        var chunks = (keys.Length + ChunkRows - 1) / ChunkRows;
        var threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        threads = Math.Max(1, Math.Min(threads, chunks));

        // Per thread: interleaved (weight sum, weighted value sum) and counts; the first thread's arrays are the result.
        var sums = new double[threads][];
        var counts = new int[threads][];
        var next = -1;
        try
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var s = new double[groups * 2];
                var n = new int[groups];
                sums[t] = s;
                counts[t] = n;
                int chunk;
                while ((chunk = Interlocked.Increment(ref next)) < chunks)
                {
                    var start = chunk * ChunkRows;
                    var length = Math.Min(ChunkRows, keys.Length - start);
                    Accumulate(
                        keys.Span.Slice(start, length), entityOfKey.Span, rowGroups.Span.Slice(start, length), rowGroupCount,
                        values.Span.Slice(start, length), entityGroups.Span, entityGroupCount, entityWeights.Span, s, n);
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        var total = sums[0];
        var totalCounts = counts[0];
        for (var t = 1; t < threads; t++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(total, sums[t], total);
            System.Numerics.Tensors.TensorPrimitives.Add(totalCounts, counts[t], totalCounts);
        }

        return new DenseWeightedMeans(rowGroupCount, entityGroupCount, total, totalCounts);
    }

    private static void Accumulate(
        ReadOnlySpan<int> keys,
        ReadOnlySpan<int> entityOfKey,
        ReadOnlySpan<int> rowGroups,
        int rowGroupCount,
        ReadOnlySpan<double> values,
        ReadOnlySpan<int> entityGroups,
        int entityGroupCount,
        ReadOnlySpan<double> entityWeights,
        Span<double> sums,
        Span<int> counts)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if ((uint)key >= (uint)entityOfKey.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(keys), $"Row {i}: key {key} is outside the {entityOfKey.Length} ids of entityOfKey.");
            }

            var entity = entityOfKey[key];
            var rowGroup = rowGroups[i];
            var value = values[i];
            if (entity < 0 || rowGroup < 0 || double.IsNaN(value))
            {
                continue;
            }

            if ((uint)entity >= (uint)entityGroups.Length || rowGroup >= rowGroupCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rowGroups),
                    $"Row {i}: entity {entity} (of {entityGroups.Length}) or row group {rowGroup} (of {rowGroupCount}) is out of range.");
            }

            var entityGroup = entityGroups[entity];
            var weight = entityWeights[entity];
            if (entityGroup < 0 || double.IsNaN(weight))
            {
                continue;
            }

            if (entityGroup >= entityGroupCount)
            {
                throw new ArgumentOutOfRangeException(nameof(entityGroups), $"Entity {entity}: group {entityGroup} is not below {entityGroupCount}.");
            }

            var g = rowGroup * entityGroupCount + entityGroup;
            sums[2 * g] += weight;
            sums[(2 * g) + 1] += weight * value;
            counts[g]++;
        }
    }
}

/// <summary>The result of <see cref="DenseGroups.WeightedMeanBy"/>: per (row group, entity group), the weighted
/// mean, the total weight and the number of rows.</summary>
public sealed class DenseWeightedMeans
{
    private readonly double[] _sums;
    private readonly int[] _counts;

    internal DenseWeightedMeans(int rowGroupCount, int entityGroupCount, double[] sums, int[] counts)
    {
        RowGroupCount = rowGroupCount;
        EntityGroupCount = entityGroupCount;
        _sums = sums;
        _counts = counts;
    }

    /// <summary>The number of row groups.</summary>
    public int RowGroupCount { get; }

    /// <summary>The number of entity groups.</summary>
    public int EntityGroupCount { get; }

    /// <summary>The number of rows in a group.</summary>
    public int Count(int rowGroup, int entityGroup) => _counts[Index(rowGroup, entityGroup)];

    /// <summary>The total weight of a group (0 when it has no rows).</summary>
    public double Weight(int rowGroup, int entityGroup) => _sums[2 * Index(rowGroup, entityGroup)];

    /// <summary>The weighted mean of a group; NaN when its total weight is 0.</summary>
    public double Mean(int rowGroup, int entityGroup)
    {
        var g = Index(rowGroup, entityGroup);
        var weight = _sums[2 * g];
        return weight == 0 ? double.NaN : _sums[(2 * g) + 1] / weight;
    }

    /// <summary>The number of groups holding at least one row.</summary>
    public int NonEmptyGroups()
    {
        var n = 0;
        foreach (var c in _counts)
        {
            n += c > 0 ? 1 : 0;
        }

        return n;
    }

    private int Index(int rowGroup, int entityGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroupCount);
        ArgumentOutOfRangeException.ThrowIfNegative(entityGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(entityGroup, EntityGroupCount);
        return (rowGroup * EntityGroupCount) + entityGroup;
    }
}
