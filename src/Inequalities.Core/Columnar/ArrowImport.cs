using Apache.Arrow;
using Apache.Arrow.Types;

namespace Inequalities.Core.Columnar;

/// <summary>
/// Reads Arrow arrays into columns, for <see cref="ArrowInterop.ToTable(RecordBatch, string, CodeDictionary?)"/> (one
/// array per column) and for readers that get a table as consecutive record batches (a Parquet file read one row group at
/// a time): <see cref="Sink"/> makes a column of a known row count and each batch's array is appended at its row offset,
/// into the column's final arrays, so a chunked read copies each value once.
/// </summary>
internal sealed class ArrowImport
{
    private readonly Dictionary<ArrayData, CodeDictionary> _shared = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CodeDictionary, Utf8Lookup> _lookups = new(ReferenceEqualityComparer.Instance);

    /// <param name="table">The table being read, for error messages.</param>
    /// <param name="dictionary">The dictionary every string column encodes into, or null for new ones.</param>
    public ArrowImport(string table, CodeDictionary? dictionary)
    {
        Table = table;
        Dictionary = dictionary;
    }

    /// <summary>The table being read, for error messages.</summary>
    public string Table { get; }

    /// <summary>The dictionary every string column encodes into, or null for new ones.</summary>
    public CodeDictionary? Dictionary { get; }

    /// <summary>Reads one array as a whole column.</summary>
    public Column Read(string name, IArrowArray array)
    {
        var sink = Sink(name, array.Data.DataType, array.Length);
        sink.Append(array);
        return sink.Build();
    }

    /// <summary>Whether <see cref="Sink"/> accepts <paramref name="type"/>.</summary>
    public static bool Supports(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int32 or ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Float or ArrowTypeId.UInt8
            or ArrowTypeId.Boolean or ArrowTypeId.Date32 or ArrowTypeId.String => true,
        ArrowTypeId.Dictionary => type is DictionaryType { IndexType.TypeId: ArrowTypeId.Int32, ValueType.TypeId: ArrowTypeId.String },
        _ => false,
    };

    /// <summary>A column of <paramref name="rows"/> rows of Arrow type <paramref name="type"/>, to be filled by appending arrays.</summary>
    /// <exception cref="NotSupportedException">The type has no column equivalent; the message names the table, column and type.</exception>
    public ArrowColumnSink Sink(string name, IArrowType type, int rows) => Supports(type)
        ? type.TypeId switch
        {
            ArrowTypeId.Int32 => new ArrowPrimitiveSink<int>(this, name, rows),
            ArrowTypeId.Int64 => new ArrowPrimitiveSink<long>(this, name, rows),
            ArrowTypeId.Double => new ArrowPrimitiveSink<double>(this, name, rows),
            ArrowTypeId.Float => new ArrowPrimitiveSink<float>(this, name, rows),
            ArrowTypeId.UInt8 => new ArrowPrimitiveSink<byte>(this, name, rows),
            ArrowTypeId.Boolean => new ArrowBooleanSink(this, name, rows),
            ArrowTypeId.Date32 => new ArrowDateSink(this, name, rows),
            _ => new ArrowStringSink(this, name, rows),
        }
        : throw new NotSupportedException(
            $"Table '{Table}', column '{name}': Arrow type {Describe(type)} has no column equivalent. "
            + "Supported: Int32, Int64, Float, Double, UInt8, Boolean, Date32, Utf8 and dictionary-encoded Utf8 with Int32 indices.");

    /// <summary>The Arrow type's name, with index and value types for a dictionary.</summary>
    public static string Describe(IArrowType type) =>
        type is DictionaryType d ? $"Dictionary<{d.IndexType.Name}, {d.ValueType.Name}>" : type.Name;

    /// <summary>The <see cref="CodeDictionary"/> for string columns that share the Arrow dictionary <paramref name="dictionary"/> (when no dictionary was given).</summary>
    public CodeDictionary Shared(ArrayData dictionary)
    {
        if (!_shared.TryGetValue(dictionary, out var codes))
        {
            codes = new CodeDictionary();
            _shared.Add(dictionary, codes);
        }

        return codes;
    }

    /// <summary>The UTF-8 look-up in front of <paramref name="dictionary"/>, one per dictionary, shared by the columns that encode into it.</summary>
    public Utf8Lookup Lookup(CodeDictionary dictionary)
    {
        if (!_lookups.TryGetValue(dictionary, out var lookup))
        {
            lookup = new Utf8Lookup(dictionary);
            _lookups.Add(dictionary, lookup);
        }

        return lookup;
    }
}
