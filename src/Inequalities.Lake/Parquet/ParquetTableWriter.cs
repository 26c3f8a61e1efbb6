using System.Buffers;
using System.Globalization;
using System.Text;
using Inequalities.Core.Columnar;
using global::Parquet;
using global::Parquet.Schema;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// Writes a <see cref="Table"/> as Parquet: one optional (nullable) column per table column when it has nulls, required
/// otherwise; Int32, Int64, Float, Double, Boolean, UInt8 and Date map to their Parquet types; strings are UTF-8 with
/// dictionary encoding.
/// </summary>
public static class ParquetTableWriter
{
    /// <summary>The name of each file written in a Hive partition folder.</summary>
    public const string PartFileName = "part-0.parquet";

    /// <summary>The folder name Hive (and DuckDB, Spark) give a null partition value.</summary>
    internal const string HiveNullPartition = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>The footer key holding a partitioned table's column order (comma-separated).</summary>
    internal const string ColumnOrderKey = "inequalities.columns";

    /// <summary>Writes <paramref name="table"/> to <paramref name="destination"/> (writable and seekable; left open).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static Task WriteAsync(Table table, Stream destination, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= ParquetWriteOptions.Default;
        options.Validate();
        return WriteRowsAsync(table, null, destination, options, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="table"/>, or only the rows <paramref name="rows"/> selects (in that order), gathering one
    /// row group at a time, so a selection never copies more than a row group.
    /// </summary>
    private static async Task WriteRowsAsync(Table table, int[]? rows, Stream destination, ParquetWriteOptions options, CancellationToken cancellationToken)
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
            var rowCount = rows?.Length ?? table.RowCount;
            for (var start = 0; start < rowCount || start == 0; start += options.RowGroupSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(options.RowGroupSize, rowCount - start);
                var group = rows is null ? table : table.Take(rows.AsSpan(start, count));
                var offset = rows is null ? start : 0;
                using var rowGroup = writer.CreateRowGroup();
                for (var c = 0; c < fields.Length; c++)
                {
                    await WriteColumnAsync(rowGroup, fields[c], group.Columns[c], offset, count, cancellationToken).ConfigureAwait(false);
                }

                rowGroup.CompleteValidate();
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="table"/> as a Hive-partitioned folder: <c>directory/col=value/…/part-0.parquet</c>, one file
    /// per distinct combination of the partition columns, which are left out of the files (readers take them from the
    /// path). Rows keep their order within a partition. Null or empty values go to <c>__HIVE_DEFAULT_PARTITION__</c>;
    /// characters unsafe in a path are escaped as <c>%XX</c>, the way Hive does.
    /// </summary>
    /// <param name="table">The table to write.</param>
    /// <param name="directory">The output folder; created when missing, and it must be empty so no stale partition survives.</param>
    /// <param name="partitionColumns">One or more String, Int32, UInt8 or Boolean columns, outermost first.</param>
    /// <param name="options">Write options for every file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The files written, in partition order of first appearance.</returns>
    /// <exception cref="ArgumentException">No partition columns, or every column is a partition column, or a partition column's type is unsupported.</exception>
    /// <exception cref="IOException">The directory exists and is not empty.</exception>
    public static async Task<IReadOnlyList<string>> WritePartitionedAsync(
        Table table, string directory, IReadOnlyList<string> partitionColumns, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(partitionColumns);
        options ??= ParquetWriteOptions.Default;
        options.Validate();
        if (partitionColumns.Count == 0)
        {
            throw new ArgumentException($"Partitioning table '{table.Name}' needs at least one partition column.", nameof(partitionColumns));
        }

        if (partitionColumns.Count >= table.Columns.Count)
        {
            throw new ArgumentException($"Partitioning table '{table.Name}' by every column would leave no data columns.", nameof(partitionColumns));
        }

        foreach (var name in partitionColumns)
        {
            var type = table.Column(name).DataType;
            if (type is not (ColumnDataType.String or ColumnDataType.Int32 or ColumnDataType.UInt8 or ColumnDataType.Boolean))
            {
                throw new ArgumentException(
                    $"Column '{name}' in table '{table.Name}' is {type}; a partition column must be String, Int32, UInt8 or Boolean.", nameof(partitionColumns));
            }
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new IOException($"The partition folder '{directory}' is not empty; write partitioned tables into a new folder.");
        }

        Directory.CreateDirectory(directory);

        // Every part records the table's column order, so ParquetTableReader.ReadPartitionedAsync restores it.
        var metadata = new Dictionary<string, string>(options.Metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ColumnOrderKey] = string.Join(",", table.Columns.Select(c => c.Name)),
        };
        options = new ParquetWriteOptions
        {
            RowGroupSize = options.RowGroupSize,
            Compression = options.Compression,
            CompressionLevel = options.CompressionLevel,
            Metadata = metadata,
        };
        var data = table.Select([.. table.Columns.Select(c => c.Name).Where(n => !partitionColumns.Contains(n, StringComparer.Ordinal))]);
        var partitions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        var grouped = table.GroupBy([.. partitionColumns]);
        var groupPaths = new string?[grouped.GroupCount];
        var groupRows = new List<int>?[grouped.GroupCount];
        var groupIds = grouped.GroupIds;
        for (var row = 0; row < table.RowCount; row++)
        {
            var g = groupIds[row];
            List<int>? rows;
            if (g >= 0 && groupRows[g] is { } known)
            {
                rows = known; // the group's path was looked up at its first row
            }
            else
            {
                var path = g >= 0 ? groupPaths[g] ??= PartitionPath(table, partitionColumns, row) : PartitionPath(table, partitionColumns, row); // a null key: rare
                if (!partitions.TryGetValue(path, out rows))
                {
                    rows = [];
                    partitions.Add(path, rows);
                    order.Add(path);
                }

                if (g >= 0)
                {
                    groupRows[g] = rows;
                }
            }

            rows.Add(row);
        }

        var files = new List<string>(order.Count);
        foreach (var relative in order)
        {
            var folder = Path.Combine(directory, relative);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, PartFileName);
            var stream = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                // The part's rows are gathered one row group at a time: no copy of the whole part.
                await WriteRowsAsync(data, [.. partitions[relative]], stream, options, cancellationToken).ConfigureAwait(false);
            }

            files.Add(file);
        }

        return files;
    }

    private static string PartitionPath(Table table, IReadOnlyList<string> partitionColumns, int row)
    {
        var parts = new string[partitionColumns.Count];
        for (var p = 0; p < parts.Length; p++)
        {
            var column = table.Column(partitionColumns[p]);
            var value = column switch
            {
                StringColumn s => s[row],
                PrimitiveColumn<int> i => i[row]?.ToString(CultureInfo.InvariantCulture),
                PrimitiveColumn<byte> b => b[row]?.ToString(CultureInfo.InvariantCulture),
                PrimitiveColumn<bool> b => b[row] is { } flag ? (flag ? "true" : "false") : null,
                _ => null,
            };
            parts[p] = $"{Escape(column.Name)}={(string.IsNullOrEmpty(value) ? HiveNullPartition : Escape(value))}";
        }

        return Path.Combine(parts);
    }

    private static string Escape(string value)
    {
        const string unsafeCharacters = "\"#%'*/:=?\\{[]^";
        if (!value.Any(ch => ch < ' ' || ch == '\x7F' || unsafeCharacters.Contains(ch, StringComparison.Ordinal)))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var ch in value)
        {
            if (ch < ' ' || ch == '\x7F' || unsafeCharacters.Contains(ch, StringComparison.Ordinal))
            {
                builder.Append('%').Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
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
