using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Inequalities.Core.Columnar;

/// <summary>
/// One column being filled from Arrow arrays (<see cref="ArrowImport.Sink"/>): each <see cref="Append"/> copies an
/// array's values and validity to the next rows of the column's final buffers (values in null rows set to
/// <c>default</c>); <see cref="Build"/> hands them to the column once every row has arrived.
/// </summary>
internal abstract class ArrowColumnSink
{
    private byte[]? _validity;

    protected ArrowColumnSink(ArrowImport import, string name, int rows)
    {
        Import = import;
        Name = name;
        Rows = rows;
    }

    /// <summary>The rows appended so far.</summary>
    public int Count { get; private set; }

    protected ArrowImport Import { get; }

    protected string Name { get; }

    protected int Rows { get; }

    /// <summary>The validity bitmap, null while no null row has arrived.</summary>
    protected byte[]? Validity => _validity;

    /// <summary>The null rows appended so far (rows whose validity bit is clear).</summary>
    protected int Nulls { get; private set; }

    /// <summary>Appends the rows of <paramref name="array"/> (of the sink's Arrow type).</summary>
    /// <exception cref="ArgumentException">The array breaks the Arrow format, holds an unreadable value, or would exceed the column's rows.</exception>
    public void Append(IArrowArray array)
    {
        if (array.Length > Rows - Count)
        {
            throw new ArgumentException(
                $"Table '{Import.Table}', column '{Name}': {Count + (long)array.Length} rows arrived for a column of {Rows}.", nameof(array));
        }

        var hasNulls = MergeValidity(array);
        AppendValues(array, Count, hasNulls);
        Count += array.Length;
    }

    /// <summary>The column of every row appended.</summary>
    /// <exception cref="InvalidOperationException">Fewer rows arrived than the column was made for.</exception>
    public Column Build()
    {
        if (Count != Rows)
        {
            throw new InvalidOperationException($"Table '{Import.Table}', column '{Name}': {Count} rows arrived for a column of {Rows}.");
        }

        if (_validity is not null && (Rows & 7) != 0)
        {
            // Bits past the last row were set when the bitmap was made; Bitmap.Copy leaves them clear, and so does this.
            _validity[^1] &= (byte)((1 << (Rows & 7)) - 1);
        }

        return Create(Nulls);
    }

    /// <summary>Copies the array's values to rows <paramref name="offset"/> onwards; <paramref name="hasNulls"/> when its rows' validity bits (already in <see cref="Validity"/>) include a clear one.</summary>
    protected abstract void AppendValues(IArrowArray array, int offset, bool hasNulls);

    /// <summary>The column, with <paramref name="nulls"/> null rows counted from the validity bitmaps.</summary>
    protected abstract Column Create(int nulls);

    /// <summary>Adds null rows that the values themselves make (a null dictionary entry).</summary>
    protected void CountNulls(int extra) => Nulls += extra;

    /// <summary>Sets values in the null rows of [offset, offset + length) to <c>default</c>.</summary>
    protected void ClearInvalid<T>(T[] values, int offset, int length)
    {
        var validity = Validity!;
        if ((offset & 7) == 0)
        {
            Bitmap.ClearInvalid(values.AsSpan(offset, length), validity.AsSpan(offset >> 3, Bitmap.ByteCount(length)));
            return;
        }

        for (var i = offset; i < offset + length; i++)
        {
            if (!Bitmap.Get(validity, i))
            {
                values[i] = default!;
            }
        }
    }

    /// <summary>Copies the array's validity bits to the column's bitmap (made, all set, at the first null); true when the array has nulls.</summary>
    private bool MergeValidity(IArrowArray array)
    {
        var nulls = array.NullCount;
        if (nulls == 0)
        {
            return false;
        }

        if (_validity is null)
        {
            _validity = new byte[Bitmap.ByteCount(Rows)];
            _validity.AsSpan().Fill(0xFF);
        }

        var bitmap = array.Data.Buffers[0];
        if (!bitmap.IsEmpty)
        {
            Bitmap.CopyTo(bitmap.Span, array.Offset, _validity, Count, array.Length);
        }
        else if (nulls == array.Length)
        {
            for (var i = Count; i < Count + array.Length; i++)
            {
                Bitmap.Clear(_validity, i);
            }
        }
        else
        {
            throw new ArgumentException(
                $"Table '{Import.Table}', column '{Name}': the Arrow array has {nulls} null rows of {array.Length} but no validity bitmap.",
                nameof(array));
        }

        Nulls += nulls;
        return true;
    }
}

/// <summary>A column of values of <typeparamref name="T"/>: each array converted into the next rows, then its null rows set to <c>default</c>.</summary>
internal abstract class ArrowValueSink<T>(ArrowImport import, string name, int rows) : ArrowColumnSink(import, name, rows)
    where T : unmanaged
{
    private readonly T[] _values = new T[rows];

    protected override void AppendValues(IArrowArray array, int offset, bool hasNulls)
    {
        var destination = _values.AsSpan(offset, array.Length);
        Convert(array, destination);
        if (hasNulls)
        {
            ClearInvalid(_values, offset, array.Length);
        }

        Check(array, offset, destination);
    }

    protected override Column Create(int nulls) => new PrimitiveColumn<T>(Name, _values, Rows, Validity, nulls);

    /// <summary>Writes the array's values (null rows included) to <paramref name="destination"/>.</summary>
    protected abstract void Convert(IArrowArray array, Span<T> destination);

    /// <summary>Checks the values written (null rows already <c>default</c>); rows are numbered from <paramref name="offset"/>.</summary>
    protected virtual void Check(IArrowArray array, int offset, ReadOnlySpan<T> values)
    {
    }
}

/// <summary>Int32, Int64, Float, Double and UInt8: one span copy per array.</summary>
internal sealed class ArrowPrimitiveSink<T>(ArrowImport import, string name, int rows) : ArrowValueSink<T>(import, name, rows)
    where T : unmanaged, IEquatable<T>
{
    protected override void Convert(IArrowArray array, Span<T> destination) => ((PrimitiveArray<T>)array).Values.CopyTo(destination);
}

/// <summary>Boolean: Arrow packs the values into bits; unpacked one row at a time.</summary>
internal sealed class ArrowBooleanSink(ArrowImport import, string name, int rows) : ArrowValueSink<bool>(import, name, rows)
{
    protected override void Convert(IArrowArray array, Span<bool> destination)
    {
        var booleans = (BooleanArray)array;
        var bits = booleans.ValueBuffer.Span;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Bitmap.Get(bits, booleans.Offset + i);
        }
    }
}

/// <summary>Date32: days from 1970-01-01 shifted to <see cref="DateOnly"/> day numbers in one vectorised addition.</summary>
internal sealed class ArrowDateSink(ArrowImport import, string name, int rows) : ArrowValueSink<DateOnly>(import, name, rows)
{
    protected override void Convert(IArrowArray array, Span<DateOnly> destination) =>
        TensorPrimitives.Add(((Date32Array)array).Values, ArrowInterop.UnixEpochDayNumber, MemoryMarshal.Cast<DateOnly, int>(destination));

    protected override void Check(IArrowArray array, int offset, ReadOnlySpan<DateOnly> values)
    {
        // Out-of-range day counts (including any that wrapped in the addition) fall below 0 or above DateOnly's maximum.
        var days = MemoryMarshal.Cast<DateOnly, int>(values);
        if (days.Length > 0 && (TensorPrimitives.Min(days) < 0 || TensorPrimitives.Max(days) > DateOnly.MaxValue.DayNumber))
        {
            var row = 0;
            while (days[row] >= 0 && days[row] <= DateOnly.MaxValue.DayNumber)
            {
                row++;
            }

            throw new ArgumentException(
                $"Table '{Import.Table}', column '{Name}', row {offset + row}: Date32 value {((Date32Array)array).Values[row]} (days from 1970-01-01) is outside 0001-01-01 to 9999-12-31.",
                nameof(array));
        }
    }
}

/// <summary>
/// Utf8 (each row decoded and looked up) and dictionary-encoded Utf8 with Int32 indices (each dictionary entry looked
/// up once per array, then the rows are a gather through that map).
/// </summary>
internal sealed class ArrowStringSink(ArrowImport import, string name, int rows) : ArrowColumnSink(import, name, rows)
{
    private readonly int[] _ids = new int[rows];
    private CodeDictionary? _target = import.Dictionary;
    private int[] _remap = [];

    protected override void AppendValues(IArrowArray array, int offset, bool hasNulls)
    {
        if (array is DictionaryArray dictionary)
        {
            AppendDictionary(dictionary, offset, hasNulls);
            return;
        }

        var strings = (StringArray)array;
        var target = Import.Lookup(_target ??= new CodeDictionary());
        var validity = Validity;
        var offsets = strings.ValueOffsets;
        var bytes = strings.ValueBuffer.Span;
        for (var i = 0; i < strings.Length; i++)
        {
            _ids[offset + i] = hasNulls && !Bitmap.Get(validity!, offset + i) ? -1 : target.GetOrAdd(bytes[offsets[i]..offsets[i + 1]]);
        }
    }

    protected override Column Create(int nulls) => new StringColumn(Name, _ids, Rows, _target ?? new CodeDictionary(), nulls);

    private void AppendDictionary(DictionaryArray array, int offset, bool hasNulls)
    {
        var entries = (StringArray)array.Dictionary;
        var target = Import.Lookup(_target ??= Import.Shared(array.Dictionary.Data));
        if (_remap.Length < entries.Length)
        {
            _remap = new int[Math.Max(entries.Length, _remap.Length * 2)];
        }

        // The spans are taken once: each access to an imported (native) Arrow buffer goes through its memory manager.
        var remap = _remap.AsSpan(0, entries.Length);
        var offsets = entries.ValueOffsets;
        var bytes = entries.ValueBuffer.Span;
        var valid = entries.NullCount == 0 ? default : entries.NullBitmapBuffer.Span;
        var nullEntries = false;
        for (var j = 0; j < remap.Length; j++)
        {
            if (!valid.IsEmpty && !Bitmap.Get(valid, entries.Offset + j))
            {
                remap[j] = -1;
                nullEntries = true;
                continue;
            }

            remap[j] = target.GetOrAdd(bytes[offsets[j]..offsets[j + 1]]);
        }

        var indices = ((PrimitiveArray<int>)array.Indices).Values;
        var ids = _ids.AsSpan(offset, array.Length);
        var validity = Validity;
        var extra = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (hasNulls && !Bitmap.Get(validity!, offset + i))
            {
                ids[i] = -1;
                continue;
            }

            var index = indices[i];
            if ((uint)index >= (uint)remap.Length)
            {
                throw new ArgumentException(
                    $"Table '{Import.Table}', column '{Name}', row {offset + i}: dictionary index {index} is outside the dictionary of {remap.Length} strings.",
                    nameof(array));
            }

            ids[i] = remap[index];
            if (nullEntries && ids[i] < 0)
            {
                extra++;
            }
        }

        CountNulls(extra);
    }
}
