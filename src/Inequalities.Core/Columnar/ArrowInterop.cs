using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using System.Numerics.Tensors;

namespace Inequalities.Core.Columnar;

/// <summary>
/// The bridge between <see cref="Table"/> and Apache Arrow: <see cref="ToRecordBatch(Table)"/> hands the columns'
/// buffers to Arrow (for DuckDB, Arrow IPC files, Microsoft.Data.Analysis and any other Arrow reader) and
/// <see cref="ToTable(RecordBatch, string, CodeDictionary?)"/> reads a record batch back. Neither goes row by row
/// through objects: buffers are shared where the layouts match and converted in one pass over a span where they differ.
/// </summary>
public static class ArrowInterop
{
    /// <summary>Days from 0001-01-01 (<see cref="DateOnly.DayNumber"/> 0) to 1970-01-01 (Arrow's Date32 day 0).</summary>
    internal static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>
    /// A record batch with one Arrow array per column, in order, every field nullable. What is shared and what is
    /// converted, by column type:
    /// <list type="bullet">
    /// <item><description>Int32, Int64, Float32, Float64 and UInt8: <b>zero copy</b>. The Arrow value buffer is the
    /// column's own array and the validity bitmap is the column's own bitmap (the layouts are the same; no bitmap when
    /// the column has no nulls).</description></item>
    /// <item><description>String: a dictionary array (Int32 indices, Utf8 dictionary). The indices are the column's own
    /// id array, <b>zero copy</b> (null rows keep id -1, which Arrow allows in a null slot); the validity bitmap is
    /// computed from the ids in one vectorised pass; the dictionary is the <see cref="CodeDictionary"/>'s strings encoded
    /// to UTF-8 once per dictionary per call, not once per row, and shared by every column of the table that uses the
    /// same <see cref="CodeDictionary"/>.</description></item>
    /// <item><description>Boolean: <b>copied</b> - a .NET bool is a byte, Arrow packs booleans into bits; packed in
    /// one vectorised pass. The validity bitmap is shared.</description></item>
    /// <item><description>Date: <b>copied</b> - Arrow's Date32 counts days from 1970-01-01, <see cref="DateOnly"/> from
    /// 0001-01-01; shifted in one vectorised subtraction. The validity bitmap is shared.</description></item>
    /// </list>
    /// The batch keeps the shared arrays alive; nothing is pooled, so disposing it is optional. A <see cref="Table"/> is
    /// immutable, so the shared buffers never change under an Arrow reader. Arrow buffers shared this way are 8-byte
    /// aligned (managed arrays), not 64-byte aligned; the Arrow format recommends but does not require 64.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <returns>A batch of <see cref="Table.RowCount"/> rows.</returns>
    /// <exception cref="InvalidOperationException">A dictionary's strings exceed 2 GB of UTF-8 (Arrow's Utf8 limit).</exception>
    public static RecordBatch ToRecordBatch(this Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fields = new List<Field>(table.Columns.Count);
        var arrays = new List<IArrowArray>(table.Columns.Count);
        var dictionaries = new Dictionary<CodeDictionary, StringArray>(ReferenceEqualityComparer.Instance);
        foreach (var column in table.Columns)
        {
            var array = ToArrowArray(column, dictionaries);
            fields.Add(new Field(column.Name, array.Data.DataType, nullable: true));
            arrays.Add(array);
        }

        return new RecordBatch(new Schema(fields, metadata: null), arrays, table.RowCount);
    }

    /// <summary>
    /// Reads a record batch into a table. Every buffer is <b>copied</b> (one span copy per buffer; a table has no
    /// lifetime to tie to the batch, whose buffers may be native memory freed when it is disposed). Values in null rows
    /// are set to <c>default</c>, as <see cref="PrimitiveColumn{T}"/> promises. Sliced batches (a non-zero array
    /// offset, even one that is not a multiple of 8) are read from their offset.
    /// <list type="bullet">
    /// <item><description>Int32, Int64, Float (Float32), Double (Float64), UInt8, Boolean and Date32 become
    /// <see cref="PrimitiveColumn{T}"/> of int, long, float, double, byte, bool and <see cref="DateOnly"/>; booleans are
    /// unpacked from bits and dates shifted to <see cref="DateOnly"/>, each in one pass.</description></item>
    /// <item><description>Dictionary-encoded Utf8 with Int32 indices (what <see cref="ToRecordBatch(Table)"/> writes)
    /// becomes a <see cref="StringColumn"/>: each dictionary entry is looked up once, then the indices are remapped to
    /// ids.</description></item>
    /// <item><description>Plain Utf8 becomes a <see cref="StringColumn"/>, each row's UTF-8 decoded and looked up in the
    /// dictionary (there is no dictionary to share, so this one is per row).</description></item>
    /// </list>
    /// A batch without columns gives a table without columns (0 rows).
    /// </summary>
    /// <param name="batch">The record batch.</param>
    /// <param name="name">The name of the table to create.</param>
    /// <param name="dictionary">
    /// The dictionary to encode every string column into (share one between tables to join on ids without remapping).
    /// When null, string columns that share one Arrow dictionary share one new <see cref="CodeDictionary"/>, and each
    /// other string column gets its own.
    /// </param>
    /// <exception cref="NotSupportedException">A column has another Arrow type; the message names the column and type.</exception>
    /// <exception cref="ArgumentException">
    /// The batch's columns break the Arrow format (a dictionary index out of range, a null count without a bitmap) or hold
    /// a date outside <see cref="DateOnly"/>'s range; the message names the table, column and row.
    /// </exception>
    public static Table ToTable(this RecordBatch batch, string name, CodeDictionary? dictionary = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var import = new ArrowImport(name, dictionary);
        var columns = new Column[batch.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = import.Read(batch.Schema.GetFieldByIndex(i).Name, batch.Column(i));
        }

        return new Table(name, columns);
    }

    /// <summary>The Arrow array for one column; <paramref name="dictionaries"/> caches one dictionary per <see cref="CodeDictionary"/>.</summary>
    internal static IArrowArray ToArrowArray(Column column, Dictionary<CodeDictionary, StringArray> dictionaries) => column switch
    {
        PrimitiveColumn<int> c => new Int32Array(Shared(c), Validity(c), c.Length, c.NullCount, 0),
        PrimitiveColumn<long> c => new Int64Array(Shared(c), Validity(c), c.Length, c.NullCount, 0),
        PrimitiveColumn<double> c => new DoubleArray(Shared(c), Validity(c), c.Length, c.NullCount, 0),
        PrimitiveColumn<float> c => new FloatArray(Shared(c), Validity(c), c.Length, c.NullCount, 0),
        PrimitiveColumn<byte> c => new UInt8Array(Shared(c), Validity(c), c.Length, c.NullCount, 0),
        PrimitiveColumn<bool> c => new BooleanArray(new ArrowBuffer(Bitmap.Pack(c.Values)), Validity(c), c.Length, c.NullCount, 0),
        PrimitiveColumn<DateOnly> c => new Date32Array(new ArrowBuffer(ToDate32(c.Values)), Validity(c), c.Length, c.NullCount, 0),
        StringColumn c => ToDictionaryArray(c, dictionaries),
        _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.DataType} has no Arrow equivalent."),
    };

    /// <summary>The column's value array as an Arrow buffer: the same memory, seen as bytes.</summary>
    internal static ArrowBuffer Shared<T>(PrimitiveColumn<T> column)
        where T : unmanaged =>
        new(CommunityToolkit.HighPerformance.ReadOnlyMemoryExtensions.AsBytes(column.ValuesMemory));

    /// <summary>The column's validity bitmap as an Arrow buffer (the same memory), or an empty buffer when it has no nulls.</summary>
    internal static ArrowBuffer Validity<T>(PrimitiveColumn<T> column)
        where T : unmanaged =>
        column.NullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(column.ValidityMemory);

    private static byte[] ToDate32(ReadOnlySpan<DateOnly> dates)
    {
        // DateOnly is one int (its day number), so the whole column converts in one vectorised subtraction.
        var days = new byte[dates.Length * sizeof(int)];
        TensorPrimitives.Subtract(MemoryMarshal.Cast<DateOnly, int>(dates), UnixEpochDayNumber, MemoryMarshal.Cast<byte, int>(days.AsSpan()));
        return days;
    }

    private static DictionaryArray ToDictionaryArray(StringColumn column, Dictionary<CodeDictionary, StringArray> dictionaries)
    {
        if (!dictionaries.TryGetValue(column.Dictionary, out var values))
        {
            values = Utf8(column.Dictionary.Snapshot().Span);
            dictionaries.Add(column.Dictionary, values);
        }

        var ids = column.IdsMemory;
        var validity = column.NullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(Bitmap.FromIds(ids.Span));
        var indices = new Int32Array(
            new ArrowBuffer(CommunityToolkit.HighPerformance.ReadOnlyMemoryExtensions.AsBytes(ids)), validity, column.Length, column.NullCount, 0);
        return new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, ordered: false), indices, values);
    }

    /// <summary>A Utf8 array of <paramref name="strings"/>: offsets and bytes written once, in two passes over the strings.</summary>
    private static StringArray Utf8(ReadOnlySpan<string> strings)
    {
        var offsets = new int[strings.Length + 1];
        long total = 0;
        for (var i = 0; i < strings.Length; i++)
        {
            total += Encoding.UTF8.GetByteCount(strings[i]);
            if (total > int.MaxValue)
            {
                throw new InvalidOperationException(
                    $"The dictionary's first {i + 1} strings take {total} bytes of UTF-8, more than an Arrow Utf8 array holds (2 GB).");
            }

            offsets[i + 1] = (int)total;
        }

        var bytes = new byte[total];
        for (var i = 0; i < strings.Length; i++)
        {
            Encoding.UTF8.GetBytes(strings[i], bytes.AsSpan(offsets[i]));
        }

        return new StringArray(
            strings.Length,
            new ArrowBuffer(CommunityToolkit.HighPerformance.ReadOnlyMemoryExtensions.AsBytes<int>(offsets)),
            new ArrowBuffer(bytes),
            ArrowBuffer.Empty);
    }
}
