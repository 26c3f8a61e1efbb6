using System.Buffers;
using System.IO.Compression;
using Inequalities.Core.Columnar;
using ParquetSharp;
using ParquetSharp.Schema;
using Column = Inequalities.Core.Columnar.Column;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// Writes one Parquet file through ParquetSharp (Apache Arrow's C++ Parquet writer) with its low-level column writers:
/// numbers go over as spans of the columns' own arrays, and a string column goes over as one pointer-and-length per row
/// into the UTF-8 bytes of its <see cref="CodeDictionary"/> entries (<see cref="Utf8Entries"/>), so no managed string is
/// hashed or encoded per row; the native dictionary encoder builds each chunk's dictionary page from those bytes.
/// </summary>
/// <remarks>
/// The schema is the one the lake wrote with Parquet.Net before this writer (root group <c>root</c>, which Arrow marks
/// REQUIRED where Parquet.Net left the repetition unset; the only difference, see eng/lake-baseline.digest.json): Int32
/// and Int64 annotated INT(32/64, signed), UInt8 INT(8, unsigned), Date DATE, strings STRING (UTF8); Float, Double and
/// Boolean unannotated; a column is OPTIONAL when the rows written hold a null, REQUIRED otherwise. Strings are
/// dictionary-encoded, other columns plain.
/// </remarks>
internal static class NativeParquetFileWriter
{
    /// <summary>The name of the schema's root group.</summary>
    private const string RootName = "root";

    /// <summary>
    /// Writes <paramref name="table"/>, or only the rows <paramref name="rows"/> selects (in that order), to
    /// <paramref name="destination"/> (left open), gathering one row group at a time, so a selection never copies more
    /// than a row group. <paramref name="strings"/> caches UTF-8 bytes per dictionary across the files of one write.
    /// </summary>
    public static void Write(
        Table table, int[]? rows, Stream destination, ParquetWriteOptions options, Utf8Entries strings, CancellationToken cancellationToken)
    {
        var nullable = new bool[table.Columns.Count];
        var fields = new Node[nullable.Length];
        for (var c = 0; c < fields.Length; c++)
        {
            var column = table.Columns[c];
            nullable[c] = column.NullCount > 0 && (rows is null || rows.Any(r => !column.IsValid(r)));
            fields[c] = ToNode(table.Name, column, nullable[c]);
        }

        using var schema = new GroupNode(RootName, Repetition.Required, fields, null);
        using var properties = Properties(table, options);
        var metadata = options.Metadata is { Count: > 0 } ? options.Metadata : null;
        using var writer = new ParquetFileWriter(destination, schema, properties, metadata, leaveOpen: true);

        // A table without rows gets no row group (the footer alone holds the schema): Parquet.Net cannot read the empty
        // column chunks Arrow writes for an empty row group.
        foreach (var (group, offset, count) in RowGroupSlices.Of(table, rows, options.RowGroupSize, emptyGroup: false, cancellationToken))
        {
            using var rowGroup = writer.AppendRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                using var columnWriter = rowGroup.NextColumn();
                WriteColumn(columnWriter, group.Columns[c], offset, count, nullable[c], strings);
            }

            rowGroup.Close();
        }

        writer.Close();
        foreach (var field in fields)
        {
            field.Dispose();
        }
    }

    /// <summary>
    /// The C library's allocator instead of Arrow's default jemalloc, which keeps freed pages for reuse: with it a
    /// national refresh peaked about 50 MB higher (the writer's page buffers are freed after each column chunk).
    /// </summary>
    private static readonly MemoryPool Pool = MemoryPool.SystemMemoryPool();

    private static WriterProperties Properties(Table table, ParquetWriteOptions options)
    {
        using var builder = new WriterPropertiesBuilder();
        builder.DisableDictionary();
        foreach (var column in table.Columns)
        {
            if (column is StringColumn)
            {
                builder.EnableDictionary(column.Name);
            }
        }

        builder.Compression(options.Compression switch
        {
            ParquetCompression.None => Compression.Uncompressed,
            ParquetCompression.Snappy => Compression.Snappy,
            ParquetCompression.Gzip => Compression.Gzip,
            _ => Compression.Zstd,
        });

        // zstd and gzip take a level: Optimal is each codec's usual default (zstd 3, gzip 6), not Arrow's zstd default of 1.
        if (options.Compression is ParquetCompression.Zstd or ParquetCompression.Gzip)
        {
            var zstd = options.Compression == ParquetCompression.Zstd;
            builder.CompressionLevel(options.CompressionLevel switch
            {
                CompressionLevel.Fastest or CompressionLevel.NoCompression => 1,
                CompressionLevel.SmallestSize => zstd ? 19 : 9,
                _ => zstd ? 3 : 6,
            });
        }

        builder.MaxRowGroupLength(options.RowGroupSize);
        builder.MemoryPool(Pool);
        return builder.Build();
    }

    private static PrimitiveNode ToNode(string tableName, Column column, bool nullable)
    {
        var repetition = nullable ? Repetition.Optional : Repetition.Required;
        var (logical, physical) = column.DataType switch
        {
            ColumnDataType.Boolean => (LogicalType.None(), PhysicalType.Boolean),
            ColumnDataType.UInt8 => (LogicalType.Int(8, isSigned: false), PhysicalType.Int32),
            ColumnDataType.Int32 => (LogicalType.Int(32, isSigned: true), PhysicalType.Int32),
            ColumnDataType.Int64 => (LogicalType.Int(64, isSigned: true), PhysicalType.Int64),
            ColumnDataType.Float32 => (LogicalType.None(), PhysicalType.Float),
            ColumnDataType.Float64 => (LogicalType.None(), PhysicalType.Double),
            ColumnDataType.Date => (LogicalType.Date(), PhysicalType.Int32),
            ColumnDataType.String => (LogicalType.String(), PhysicalType.ByteArray),
            _ => throw new NotSupportedException($"Column '{column.Name}' in table '{tableName}' has type {column.DataType}, which has no Parquet mapping."),
        };
        using (logical)
        {
            return new PrimitiveNode(column.Name, repetition, logical, physical, -1);
        }
    }

    private static void WriteColumn(ColumnWriter writer, Column column, int start, int count, bool nullable, Utf8Entries strings)
    {
        switch (column)
        {
            case PrimitiveColumn<int> c:
                WritePrimitive(writer, c, start, count, nullable, static v => v);
                break;
            case PrimitiveColumn<long> c:
                WritePrimitive(writer, c, start, count, nullable, static v => v);
                break;
            case PrimitiveColumn<double> c:
                WritePrimitive(writer, c, start, count, nullable, static v => v);
                break;
            case PrimitiveColumn<float> c:
                WritePrimitive(writer, c, start, count, nullable, static v => v);
                break;
            case PrimitiveColumn<bool> c:
                WritePrimitive(writer, c, start, count, nullable, static v => v);
                break;
            case PrimitiveColumn<byte> c:
                WritePrimitive(writer, c, start, count, nullable, static v => (int)v);
                break;
            case PrimitiveColumn<DateOnly> c:
                WritePrimitive(writer, c, start, count, nullable, static v => v.DayNumber - ArrowInteropEpoch);
                break;
            case StringColumn c:
                WriteStrings((ColumnWriter<ByteArray>)writer, c, start, count, nullable, strings);
                break;
            default:
                throw new NotSupportedException($"Column '{column.Name}' has type {column.DataType}, which has no Parquet mapping.");
        }
    }

    /// <summary>Days from 0001-01-01 to 1970-01-01 (Parquet's DATE counts days from the Unix epoch).</summary>
    private static readonly int ArrowInteropEpoch = new DateOnly(1970, 1, 1).DayNumber;

    private static void WritePrimitive<T, TPhysical>(
        ColumnWriter writer, PrimitiveColumn<T> column, int start, int count, bool nullable, Func<T, TPhysical> convert)
        where T : unmanaged
        where TPhysical : unmanaged
    {
        var typed = (ColumnWriter<TPhysical>)writer;
        var source = column.Values.Slice(start, count);
        if (!nullable && typeof(T) == typeof(TPhysical))
        {
            // The column's own array, no copy.
            typed.WriteBatch(System.Runtime.InteropServices.MemoryMarshal.Cast<T, TPhysical>(source));
            return;
        }

        // Parquet takes the non-null values packed, plus a definition level per row (1 value, 0 null).
        var values = ArrayPool<TPhysical>.Shared.Rent(Math.Max(count, 1));
        var levels = nullable ? ArrayPool<short>.Shared.Rent(Math.Max(count, 1)) : null;
        try
        {
            var validity = column.ValidityBitmap;
            var packed = 0;
            for (var i = 0; i < source.Length; i++)
            {
                var row = start + i;
                var valid = !nullable || (validity[row >> 3] & (1 << (row & 7))) != 0;
                if (valid)
                {
                    values[packed++] = convert(source[i]);
                }

                if (levels is not null)
                {
                    levels[i] = valid ? (short)1 : (short)0;
                }
            }

            typed.WriteBatch(count, levels is null ? default : levels.AsSpan(0, count), default, values.AsSpan(0, packed));
        }
        finally
        {
            ArrayPool<TPhysical>.Shared.Return(values);
            if (levels is not null)
            {
                ArrayPool<short>.Shared.Return(levels);
            }
        }
    }

    private static void WriteStrings(ColumnWriter<ByteArray> writer, StringColumn column, int start, int count, bool nullable, Utf8Entries strings)
    {
        var values = ArrayPool<ByteArray>.Shared.Rent(Math.Max(count, 1));
        var levels = nullable ? ArrayPool<short>.Shared.Rent(Math.Max(count, 1)) : null;
        try
        {
            var ids = column.Ids.Slice(start, count);
            var entries = strings.For(column.Dictionary);
            var packed = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                var id = ids[i];
                if (id >= 0)
                {
                    values[packed++] = entries.Get(id);
                }

                if (levels is not null)
                {
                    levels[i] = id >= 0 ? (short)1 : (short)0;
                }
            }

            writer.WriteBatch(count, levels is null ? default : levels.AsSpan(0, count), default, values.AsSpan(0, packed));
        }
        finally
        {
            ArrayPool<ByteArray>.Shared.Return(values);
            if (levels is not null)
            {
                ArrayPool<short>.Shared.Return(levels);
            }
        }
    }
}
