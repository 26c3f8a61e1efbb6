using System.Buffers;
using System.Numerics.Tensors;

namespace Inequalities.Core.Columnar;

/// <summary>
/// A table's rows assigned to groups by <see cref="Table.GroupBy"/>. Keys are encoded once as ints (dictionary ids for
/// strings); several keys combine by packing (group so far, next key) into a long.
/// </summary>
public sealed class GroupedTable
{
    private readonly int[] _groupIds;
    private readonly int[] _firstRows;

    internal GroupedTable(Table source, string[] keyColumns)
    {
        Source = source;
        KeyColumns = [.. keyColumns];
        _groupIds = new int[source.RowCount];
        if (keyColumns.Length == 0)
        {
            // One group holding every row (none when the table is empty).
            _firstRows = source.RowCount == 0 ? [] : [0];
            GroupCount = _firstRows.Length;
            return;
        }

        var first = KeyView.Create(source, keyColumns[0], "group-by");
        var slots = KeySlots.Create(first, _groupIds);
        var groupCount = slots.SlotCount;
        for (var k = 1; k < keyColumns.Length; k++)
        {
            var next = KeyView.Create(source, keyColumns[k], "group-by");
            var keys = next.Keys;
            var validity = next.Validity;
            var map = new Dictionary<long, int>(Math.Min(source.RowCount, 1 << 20));
            for (var i = 0; i < _groupIds.Length; i++)
            {
                var g = _groupIds[i];
                if (g < 0 || !next.IsValid(keys, validity, i))
                {
                    _groupIds[i] = -1;
                    continue;
                }

                var packed = ((long)g << 32) | (uint)keys[i];
                if (!map.TryGetValue(packed, out var combined))
                {
                    combined = map.Count;
                    map.Add(packed, combined);
                }

                _groupIds[i] = combined;
            }

            groupCount = map.Count;
        }

        GroupCount = groupCount;
        _firstRows = new int[groupCount];
        _firstRows.AsSpan().Fill(-1);
        for (var i = 0; i < _groupIds.Length; i++)
        {
            var g = _groupIds[i];
            if (g >= 0 && _firstRows[g] < 0)
            {
                _firstRows[g] = i;
            }
        }
    }

    /// <summary>The grouped table.</summary>
    public Table Source { get; }

    /// <summary>The key column names.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>The number of groups.</summary>
    public int GroupCount { get; }

    /// <summary>The group of each source row (0 to <see cref="GroupCount"/> - 1), or -1 when a key is null.</summary>
    public ReadOnlySpan<int> GroupIds => _groupIds;

    /// <summary>
    /// One row per group (in order of first appearance): the key columns, then one column per aggregation.
    /// </summary>
    /// <exception cref="ArgumentException">An input column is not numeric, or output names collide.</exception>
    public Table Aggregate(params Aggregation[] aggregations)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        var columns = new List<Column>(KeyColumns.Count + aggregations.Length);
        foreach (var key in KeyColumns)
        {
            columns.Add(Source.Column(key).Take(_firstRows));
        }

        foreach (var aggregation in aggregations)
        {
            ArgumentNullException.ThrowIfNull(aggregation);
            columns.Add(Compute(aggregation));
        }

        return new Table(Source.Name, columns);
    }

    private Column Compute(Aggregation aggregation)
    {
        var n = GroupCount;
        var name = aggregation.OutputName;
        if (aggregation.Kind == AggregationKind.Count)
        {
            var counts = new long[n];
            foreach (var g in _groupIds.AsSpan(0, Source.RowCount))
            {
                if (g >= 0)
                {
                    counts[g]++;
                }
            }

            return Column.FromValues<long>(name, counts);
        }

        var column = Source.Column(aggregation.ColumnName!);
        if (aggregation.Kind == AggregationKind.CountValid)
        {
            var counts = new long[n];
            for (var i = 0; i < _groupIds.Length; i++)
            {
                var g = _groupIds[i];
                if (g >= 0 && column.IsValid(i))
                {
                    counts[g]++;
                }
            }

            return Column.FromValues<long>(name, counts);
        }

        if (aggregation.Kind == AggregationKind.Sum && column is PrimitiveColumn<int> or PrimitiveColumn<long> or PrimitiveColumn<byte>)
        {
            return SumIntegers(column, name);
        }

        using var values = NumericBuffer.Create(Source, column);
        var sums = new double[n];
        var weights = new double[n];
        if (aggregation.Kind == AggregationKind.WeightedMean)
        {
            using var weight = NumericBuffer.Create(Source, Source.Column(aggregation.WeightColumnName!));
            var products = ArrayPool<double>.Shared.Rent(Source.RowCount);
            try
            {
                var product = products.AsSpan(0, Source.RowCount);
                TensorPrimitives.Multiply(values.Values, weight.Values, product);
                if (n == 1 && values.AllValid && weight.AllValid && KeyColumns.Count == 0)
                {
                    sums[0] = TensorPrimitives.Sum<double>(product);
                    weights[0] = TensorPrimitives.Sum(weight.Values);
                }
                else
                {
                    for (var i = 0; i < _groupIds.Length; i++)
                    {
                        var g = _groupIds[i];
                        if (g >= 0 && values.IsValid(i) && weight.IsValid(i))
                        {
                            sums[g] += product[i];
                            weights[g] += weight.Values[i];
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(products);
            }

            return Ratio(name, sums, weights);
        }

        if (n == 1 && values.AllValid && KeyColumns.Count == 0)
        {
            sums[0] = TensorPrimitives.Sum(values.Values);
            weights[0] = values.Values.Length;
        }
        else
        {
            for (var i = 0; i < _groupIds.Length; i++)
            {
                var g = _groupIds[i];
                if (g >= 0 && values.IsValid(i))
                {
                    sums[g] += values.Values[i];
                    weights[g]++;
                }
            }
        }

        if (aggregation.Kind == AggregationKind.Mean)
        {
            return Ratio(name, sums, weights);
        }

        var builder = new PrimitiveColumnBuilder<double>(name, n);
        for (var g = 0; g < n; g++)
        {
            builder.Append(weights[g] > 0 ? sums[g] : null);
        }

        return builder.Build();
    }

    private PrimitiveColumn<long> SumIntegers(Column column, string name)
    {
        var sums = new long[GroupCount];
        var seen = new bool[GroupCount];
        for (var i = 0; i < _groupIds.Length; i++)
        {
            var g = _groupIds[i];
            if (g < 0 || !column.IsValid(i))
            {
                continue;
            }

            sums[g] += column switch
            {
                PrimitiveColumn<int> c => c.Values[i],
                PrimitiveColumn<long> c => c.Values[i],
                _ => ((PrimitiveColumn<byte>)column).Values[i],
            };
            seen[g] = true;
        }

        var builder = new PrimitiveColumnBuilder<long>(name, GroupCount);
        for (var g = 0; g < sums.Length; g++)
        {
            builder.Append(seen[g] ? sums[g] : null);
        }

        return builder.Build();
    }

    private static PrimitiveColumn<double> Ratio(string name, double[] numerators, double[] denominators)
    {
        var builder = new PrimitiveColumnBuilder<double>(name, numerators.Length);
        for (var g = 0; g < numerators.Length; g++)
        {
            builder.Append(denominators[g] != 0 ? numerators[g] / denominators[g] : null);
        }

        return builder.Build();
    }
}

/// <summary>A numeric column read as doubles: borrowed when already Float64, otherwise converted into a pooled buffer.</summary>
internal readonly struct NumericBuffer : IDisposable
{
    private readonly double[]? _rented;
    private readonly Column _column;
    private readonly int _length;

    private NumericBuffer(Column column, double[]? rented)
    {
        _column = column;
        _rented = rented;
        _length = column.Length;
    }

    public ReadOnlySpan<double> Values => _rented is not null
        ? _rented.AsSpan(0, _length)
        : ((PrimitiveColumn<double>)_column).Values;

    public bool AllValid => _column.NullCount == 0;

    public bool IsValid(int row) => _column.NullCount == 0 || _column.IsValid(row);

    public static NumericBuffer Create(Table table, Column column)
    {
        if (column is PrimitiveColumn<double>)
        {
            return new NumericBuffer(column, null);
        }

        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(column.Length, 1));
        var target = buffer.AsSpan(0, column.Length);
        switch (column)
        {
            case PrimitiveColumn<int> c:
                ConvertAll(c.Values, target);
                break;
            case PrimitiveColumn<long> c:
                ConvertAll(c.Values, target);
                break;
            case PrimitiveColumn<float> c:
                ConvertAll(c.Values, target);
                break;
            case PrimitiveColumn<byte> c:
                ConvertAll(c.Values, target);
                break;
            default:
                ArrayPool<double>.Shared.Return(buffer);
                throw new ArgumentException(
                    $"Column '{column.Name}' in table '{table.Name}' is {column.DataType}; aggregation needs a numeric column (UInt8, Int32, Int64, Float32 or Float64).");
        }

        return new NumericBuffer(column, buffer);
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<double>.Shared.Return(_rented);
        }
    }

    private static void ConvertAll<T>(ReadOnlySpan<T> source, Span<double> target)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = double.CreateTruncating(source[i]);
        }
    }
}
