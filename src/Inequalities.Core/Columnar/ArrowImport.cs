using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Inequalities.Core.Columnar;

/// <summary>Reads Arrow arrays into columns for <see cref="ArrowInterop.ToTable(RecordBatch, string, CodeDictionary?)"/>.</summary>
internal sealed class ArrowImport
{
    private readonly string _table;
    private readonly CodeDictionary? _dictionary;
    private readonly Dictionary<ArrayData, CodeDictionary> _shared = new(ReferenceEqualityComparer.Instance);
    private char[] _chars = new char[256];

    /// <param name="table">The table being read, for error messages.</param>
    /// <param name="dictionary">The dictionary every string column encodes into, or null for new ones.</param>
    public ArrowImport(string table, CodeDictionary? dictionary)
    {
        _table = table;
        _dictionary = dictionary;
    }

    public Column Read(string name, IArrowArray array) => array.Data.DataType.TypeId switch
    {
        ArrowTypeId.Int32 => Primitive(name, (PrimitiveArray<int>)array),
        ArrowTypeId.Int64 => Primitive(name, (PrimitiveArray<long>)array),
        ArrowTypeId.Double => Primitive(name, (PrimitiveArray<double>)array),
        ArrowTypeId.Float => Primitive(name, (PrimitiveArray<float>)array),
        ArrowTypeId.UInt8 => Primitive(name, (PrimitiveArray<byte>)array),
        ArrowTypeId.Boolean => Booleans(name, (BooleanArray)array),
        ArrowTypeId.Date32 => Dates(name, (Date32Array)array),
        ArrowTypeId.String => Strings(name, (StringArray)array),
        ArrowTypeId.Dictionary when array.Data.DataType is DictionaryType { IndexType.TypeId: ArrowTypeId.Int32, ValueType.TypeId: ArrowTypeId.String }
            => Dictionary(name, (DictionaryArray)array),
        _ => throw new NotSupportedException(
            $"Table '{_table}', column '{name}': Arrow type {Describe(array.Data.DataType)} has no column equivalent. "
            + "Supported: Int32, Int64, Float, Double, UInt8, Boolean, Date32, Utf8 and dictionary-encoded Utf8 with Int32 indices."),
    };

    private static string Describe(IArrowType type) =>
        type is DictionaryType d ? $"Dictionary<{d.IndexType.Name}, {d.ValueType.Name}>" : type.Name;

    private PrimitiveColumn<T> Primitive<T>(string name, PrimitiveArray<T> array)
        where T : unmanaged, IEquatable<T>
    {
        var values = array.Values.ToArray();
        var validity = Validity(name, array, out var nulls);
        return Build(name, values, validity, nulls);
    }

    private PrimitiveColumn<bool> Booleans(string name, BooleanArray array)
    {
        var length = array.Length;
        var bits = length == 0 ? default
            : (array.Offset & 7) == 0 ? array.ValueBuffer.Span[(array.Offset >> 3)..]
            : Bitmap.Copy(array.ValueBuffer.Span, array.Offset, length);
        var values = Bitmap.Unpack(bits, length);
        var validity = Validity(name, array, out var nulls);
        return Build(name, values, validity, nulls);
    }

    private PrimitiveColumn<DateOnly> Dates(string name, Date32Array array)
    {
        var dates = new DateOnly[array.Length];
        var days = MemoryMarshal.Cast<DateOnly, int>(dates.AsSpan());
        TensorPrimitives.Add(array.Values, ArrowInterop.UnixEpochDayNumber, days);
        var validity = Validity(name, array, out var nulls);
        if (validity is not null)
        {
            Bitmap.ClearInvalid(days, validity);
        }

        // Out-of-range day counts (including any that wrapped in the addition) fall below 0 or above DateOnly's maximum.
        if (days.Length > 0 && (TensorPrimitives.Min<int>(days) < 0 || TensorPrimitives.Max<int>(days) > DateOnly.MaxValue.DayNumber))
        {
            var row = 0;
            while (days[row] >= 0 && days[row] <= DateOnly.MaxValue.DayNumber)
            {
                row++;
            }

            throw new ArgumentException(
                $"Table '{_table}', column '{name}', row {row}: Date32 value {array.Values[row]} (days from 1970-01-01) is outside 0001-01-01 to 9999-12-31.",
                nameof(array));
        }

        return new PrimitiveColumn<DateOnly>(name, dates, dates.Length, validity, nulls);
    }

    private StringColumn Strings(string name, StringArray array)
    {
        var builder = new StringColumnBuilder(name, _dictionary ?? new CodeDictionary(), array.Length);
        var validity = Validity(name, array, out _);
        for (var i = 0; i < array.Length; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(Decode(array.GetBytes(i)));
            }
        }

        return builder.Build();
    }

    private StringColumn Dictionary(string name, DictionaryArray array)
    {
        var entries = (StringArray)array.Dictionary;
        var target = _dictionary ?? Shared(array.Dictionary.Data);

        // One look-up per dictionary entry, then the rows are a gather through this map.
        var remap = new int[entries.Length];
        for (var j = 0; j < remap.Length; j++)
        {
            remap[j] = entries.IsNull(j) ? -1 : target.GetOrAdd(Decode(entries.GetBytes(j)));
        }

        var indices = ((PrimitiveArray<int>)array.Indices).Values;
        var validity = Validity(name, array, out _);
        var ids = new int[array.Length];
        var nulls = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                ids[i] = -1;
                nulls++;
                continue;
            }

            var index = indices[i];
            if ((uint)index >= (uint)remap.Length)
            {
                throw new ArgumentException(
                    $"Table '{_table}', column '{name}', row {i}: dictionary index {index} is outside the dictionary of {remap.Length} strings.",
                    nameof(array));
            }

            ids[i] = remap[index];
            if (ids[i] < 0)
            {
                nulls++;
            }
        }

        return new StringColumn(name, ids, ids.Length, target, nulls);
    }

    private CodeDictionary Shared(ArrayData dictionary)
    {
        if (!_shared.TryGetValue(dictionary, out var codes))
        {
            codes = new CodeDictionary();
            _shared.Add(dictionary, codes);
        }

        return codes;
    }

    private static PrimitiveColumn<T> Build<T>(string name, T[] values, byte[]? validity, int nulls)
        where T : unmanaged
    {
        if (validity is not null)
        {
            Bitmap.ClearInvalid<T>(values, validity);
        }

        return new PrimitiveColumn<T>(name, values, values.Length, validity, nulls);
    }

    /// <summary>The array's validity bitmap copied to start at bit 0, or null when it has no nulls.</summary>
    private byte[]? Validity(string name, IArrowArray array, out int nulls)
    {
        nulls = array.NullCount;
        if (nulls == 0)
        {
            return null;
        }

        var bitmap = array.Data.Buffers[0];
        if (!bitmap.IsEmpty)
        {
            return Bitmap.Copy(bitmap.Span, array.Offset, array.Length);
        }

        if (nulls == array.Length)
        {
            return new byte[Bitmap.ByteCount(array.Length)];
        }

        throw new ArgumentException(
            $"Table '{_table}', column '{name}': the Arrow array has {nulls} null rows of {array.Length} but no validity bitmap.",
            nameof(array));
    }

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
    }
}
