using System.Buffers;
using Inequalities.Core.Columnar;
using Parquet;
using Parquet.Schema;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// Writes one Parquet file through Parquet.Net (managed code only): the fallback where ParquetSharp's native library
/// cannot load (<see cref="ParquetWriterChoice"/>), and the lake's writer before ParquetSharp. Parquet.Net builds each
/// string chunk's dictionary by hashing every cell, so it is slower than <see cref="NativeParquetFileWriter"/>
/// (benchmarks/results/parquet-write-stopwatch.md); the content and column schemas are the same.
/// </summary>
/// <remarks>
/// Differences in the file, none in the content: the schema's root group has no repetition (Arrow marks it REQUIRED;
/// Parquet.Net offers no way to set it), and a table without rows gets one empty row group where the native writer
/// writes none.
/// </remarks>
internal static class ManagedParquetFileWriter
{
    /// <summary>
    /// Writes <paramref name="table"/>, or only the rows <paramref name="rows"/> selects (in that order), to
    /// <paramref name="destination"/> (left open), gathering one row group at a time, so a selection never copies more
    /// than a row group.
    /// </summary>
    public static async Task WriteAsync(Table table, int[]? rows, Stream destination, ParquetWriteOptions options, CancellationToken cancellationToken)
    {
        var fields = new DataField[table.Columns.Count];
        for (var c = 0; c < fields.Length; c++)
        {
            fields[c] = ToField(table.Name, table.Columns[c], rows);
        }

        var parquetOptions = new ParquetOptions
        {
            CompressionMethod = options.Compression switch
            {
                ParquetCompression.None => CompressionMethod.None,
                ParquetCompression.Snappy => CompressionMethod.Snappy,
                ParquetCompression.Gzip => CompressionMethod.Gzip,
                _ => CompressionMethod.Zstd,
            },
            // Parquet.Net defaults to SmallestSize, which makes zstd several times slower for little gain.
            CompressionLevel = options.CompressionLevel,
            UseDateOnlyTypeForDates = true,
        };
        for (var c = 0; c < fields.Length; c++)
        {
            if (table.Columns[c] is StringColumn)
            {
                parquetOptions.ColumnEncodingHints[fields[c].Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), destination, parquetOptions, append: false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            if (options.Metadata is { Count: > 0 })
            {
                writer.CustomMetadata = new Dictionary<string, string>(options.Metadata, StringComparer.Ordinal);
            }

            // A table without rows still gets one (empty) row group so the schema is readable everywhere.
            foreach (var (group, offset, count) in RowGroupSlices.Of(table, rows, options.RowGroupSize, emptyGroup: true, cancellationToken))
            {
                using var rowGroup = writer.CreateRowGroup();
                for (var c = 0; c < fields.Length; c++)
                {
                    await WriteColumnAsync(rowGroup, fields[c], group.Columns[c], offset, count, cancellationToken).ConfigureAwait(false);
                }

                rowGroup.CompleteValidate();
            }
        }
    }

    private static DataField ToField(string tableName, Column column, int[]? rows)
    {
        // Nullable when the rows written hold a null (a part of a partitioned table is typed by its own rows).
        var nullable = column.NullCount > 0 && (rows is null || rows.Any(r => !column.IsValid(r)));
        var clrType = column.DataType switch
        {
            ColumnDataType.Boolean => typeof(bool),
            ColumnDataType.UInt8 => typeof(byte),
            ColumnDataType.Int32 => typeof(int),
            ColumnDataType.Int64 => typeof(long),
            ColumnDataType.Float32 => typeof(float),
            ColumnDataType.Float64 => typeof(double),
            ColumnDataType.Date => typeof(DateOnly),
            ColumnDataType.String => typeof(string),
            _ => throw new NotSupportedException($"Column '{column.Name}' in table '{tableName}' has type {column.DataType}, which has no Parquet mapping."),
        };
        return new DataField(column.Name, clrType, isNullable: nullable);
    }

    private static Task WriteColumnAsync(ParquetRowGroupWriter rowGroup, DataField field, Column column, int start, int count, CancellationToken cancellationToken) =>
        column switch
        {
            PrimitiveColumn<int> c => WritePrimitiveAsync(rowGroup, field, c, start, count, cancellationToken),
            PrimitiveColumn<long> c => WritePrimitiveAsync(rowGroup, field, c, start, count, cancellationToken),
            PrimitiveColumn<double> c => WritePrimitiveAsync(rowGroup, field, c, start, count, cancellationToken),
            PrimitiveColumn<float> c => WritePrimitiveAsync(rowGroup, field, c, start, count, cancellationToken),
            PrimitiveColumn<bool> c => WritePrimitiveAsync(rowGroup, field, c, start, count, cancellationToken),
            PrimitiveColumn<byte> c => WritePrimitiveAsync(rowGroup, field, c, start, count, cancellationToken),
            PrimitiveColumn<DateOnly> c => WritePrimitiveAsync(rowGroup, field, c, start, count, cancellationToken),
            StringColumn c => WriteStringsAsync(rowGroup, field, c, start, count, cancellationToken),
            _ => throw new NotSupportedException($"Column '{column.Name}' has type {column.DataType}, which has no Parquet mapping."),
        };

    private static async Task WritePrimitiveAsync<T>(
        ParquetRowGroupWriter rowGroup, DataField field, PrimitiveColumn<T> column, int start, int count, CancellationToken cancellationToken)
        where T : unmanaged
    {
        if (!field.IsNullable)
        {
            await rowGroup.WriteAllPartsAsync<T>(field, column.ValuesMemory.Slice(start, count), null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Nullable: Parquet stores the non-null values packed, plus a definition level per row (1 value, 0 null).
        var values = ArrayPool<T>.Shared.Rent(Math.Max(count, 1));
        var levels = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var packed = Pack(column, start, count, values, levels);
            await rowGroup.WriteAllPartsAsync<T>(field, values.AsMemory(0, packed), levels.AsMemory(0, count), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static int Pack<T>(PrimitiveColumn<T> column, int start, int count, T[] values, int[] levels)
        where T : unmanaged
    {
        var source = column.Values.Slice(start, count);
        var validity = column.ValidityBitmap;
        var packed = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var row = start + i;
            if ((validity[row >> 3] & (1 << (row & 7))) != 0)
            {
                values[packed++] = source[i];
                levels[i] = 1;
            }
            else
            {
                levels[i] = 0;
            }
        }

        return packed;
    }

    private static async Task WriteStringsAsync(
        ParquetRowGroupWriter rowGroup, DataField field, StringColumn column, int start, int count, CancellationToken cancellationToken)
    {
        var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(count, 1));
        var levels = field.IsNullable ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
        try
        {
            var packed = PackStrings(column, start, count, values, levels);
            await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(
                field, values.AsMemory(0, packed), levels?.AsMemory(0, count), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(values, clearArray: true);
            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }

    private static int PackStrings(StringColumn column, int start, int count, ReadOnlyMemory<char>[] values, int[]? levels)
    {
        var ids = column.Ids.Slice(start, count);
        var dictionary = column.Dictionary;
        var packed = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (id >= 0)
            {
                values[packed++] = dictionary[id].AsMemory();
            }

            if (levels is not null)
            {
                levels[i] = id >= 0 ? 1 : 0;
            }
        }

        return packed;
    }
}
