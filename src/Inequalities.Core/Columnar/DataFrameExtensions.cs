using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Microsoft.Data.Analysis;

namespace Inequalities.Core.Columnar;

/// <summary>Converts tables to Microsoft.Data.Analysis data frames: the analyst-facing view, not the engine.</summary>
public static class DataFrameExtensions
{
    /// <summary>
    /// A <see cref="DataFrame"/> with one column per table column, nulls kept. Dates become <see cref="DateTime"/> at
    /// midnight (kind unspecified); strings become a <see cref="StringDataFrameColumn"/>.
    /// </summary>
    /// <remarks>
    /// No column is built row by row through boxed or nullable values:
    /// <list type="bullet">
    /// <item><description>Int32, Int64, Float32, Float64 and UInt8 columns go through
    /// <see cref="ArrowInterop.ToRecordBatch(Table)"/> and <see cref="DataFrame.FromArrowRecordBatch(RecordBatch)"/>,
    /// which wrap the table's own value arrays and validity bitmaps: <b>zero copy</b>.</description></item>
    /// <item><description>Boolean columns wrap the table's bool array and bitmap directly (a data frame stores a bool per
    /// byte, as the table does; <c>FromArrowRecordBatch</c> reads Arrow's bit-packed booleans as bytes,
    /// dotnet/machinelearning#7115):
    /// <b>zero copy</b>.</description></item>
    /// <item><description>Date columns are <b>copied</b> into <see cref="DateTime"/> ticks in one vectorised pass
    /// (<c>FromArrowRecordBatch</c> does not take Arrow's Date32).</description></item>
    /// <item><description>String columns fill a <see cref="StringDataFrameColumn"/> with one reference per row to the
    /// dictionary's strings (no string is copied or transcoded). <c>FromArrowRecordBatch</c> does not take dictionary
    /// arrays, and the <see cref="ArrowStringDataFrameColumn"/> it makes from plain Utf8 cannot be sorted or edited,
    /// which notebooks do.</description></item>
    /// </list>
    /// The data frame's wrapped columns are read-only views of the table's memory: editing a value in the data frame
    /// copies that column first (Microsoft.Data.Analysis copies read-only buffers on write), so the table never changes.
    /// </remarks>
    public static DataFrame ToDataFrame(this Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        var others = new List<(int Index, DataFrameColumn Column)>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            switch (column)
            {
                case PrimitiveColumn<int> or PrimitiveColumn<long> or PrimitiveColumn<double> or PrimitiveColumn<float> or PrimitiveColumn<byte>:
                    var array = ArrowInterop.ToArrowArray(column, dictionaries: []);
                    fields.Add(new Field(column.Name, array.Data.DataType, nullable: true));
                    arrays.Add(array);
                    break;
                case PrimitiveColumn<bool> c:
                    others.Add((i, new BooleanDataFrameColumn(c.Name, Bytes(c.ValuesMemory), c.ValidityMemory, c.Length, c.NullCount)));
                    break;
                case PrimitiveColumn<DateOnly> c:
                    others.Add((i, new DateTimeDataFrameColumn(c.Name, Bytes<long>(Ticks(c.Values)), c.ValidityMemory, c.Length, c.NullCount)));
                    break;
                case StringColumn c:
                    others.Add((i, new StringDataFrameColumn(c.Name, Strings(c.IdsMemory, c.Dictionary.Snapshot()))));
                    break;
                default:
                    throw new NotSupportedException($"Column '{column.Name}' of type {column.DataType} has no DataFrame equivalent.");
            }
        }

        var frame = DataFrame.FromArrowRecordBatch(new RecordBatch(new Schema(fields, metadata: null), arrays, table.RowCount));
        foreach (var (index, column) in others)
        {
            frame.Columns.Insert(index, column);
        }

        return frame;
    }

    private static ReadOnlyMemory<byte> Bytes<T>(ReadOnlyMemory<T> values)
        where T : unmanaged => CommunityToolkit.HighPerformance.ReadOnlyMemoryExtensions.AsBytes(values);

    /// <summary>
    /// Midnight of each date as <see cref="DateTime"/> ticks. A <see cref="DateTime"/> of kind unspecified is its tick
    /// count (<see cref="DateTime.ToBinary"/>), so the data frame reads these longs as dates.
    /// </summary>
    private static long[] Ticks(ReadOnlySpan<DateOnly> dates)
    {
        var ticks = new long[dates.Length];
        TensorPrimitives.ConvertChecked<int, long>(MemoryMarshal.Cast<DateOnly, int>(dates), ticks);
        TensorPrimitives.Multiply(ticks, TimeSpan.TicksPerDay, ticks);
        return ticks;
    }

    /// <summary>Each row's string: a reference into the dictionary's array, or null.</summary>
    private static IEnumerable<string?> Strings(ReadOnlyMemory<int> ids, ReadOnlyMemory<string> values)
    {
        // Both are slices of managed arrays; indexing the arrays avoids taking a span for every row.
        var rows = Segment(ids);
        var strings = Segment(values);
        for (var i = 0; i < rows.Count; i++)
        {
            var id = rows[i];
            yield return id < 0 ? null : strings[id];
        }
    }

    private static ArraySegment<T> Segment<T>(ReadOnlyMemory<T> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) ? segment : new ArraySegment<T>(memory.ToArray());
}
