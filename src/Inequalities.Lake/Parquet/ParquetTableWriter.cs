using System.Globalization;
using System.Text;
using Inequalities.Core.Columnar;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// Writes a <see cref="Table"/> as Parquet: one optional (nullable) column per table column when it has nulls, required
/// otherwise; Int32, Int64, Float, Double, Boolean, UInt8 and Date map to their Parquet types; strings are UTF-8 with
/// dictionary encoding. The writer is ParquetSharp (Apache Arrow's C++ Parquet writer), handed each string column's
/// dictionary entries as UTF-8 bytes once instead of a string per row, where its native library loads (linux-x64/arm64
/// with glibc, osx-x64/arm64, win-x64/arm64); elsewhere, or with the environment variable
/// <c>INEQUALITIES_PARQUET_WRITER=managed</c>, Parquet.Net (managed code only) writes the same content.
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
    /// <exception cref="InvalidOperationException">The environment variable <c>INEQUALITIES_PARQUET_WRITER</c> is not managed, native or auto.</exception>
    public static Task WriteAsync(Table table, Stream destination, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteWithAsync(table, destination, options, ParquetWriterChoice.Current, cancellationToken);

    /// <summary>Writes <paramref name="table"/> to <paramref name="destination"/> with the given writer.</summary>
    internal static Task WriteWithAsync(Table table, Stream destination, ParquetWriteOptions? options, ParquetWriterKind writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= ParquetWriteOptions.Default;
        options.Validate();
        try
        {
            return WriteRowsAsync(table, null, destination, options, writer, new Utf8Entries(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    /// <summary>
    /// Writes <paramref name="table"/>, or only the rows <paramref name="rows"/> selects (in that order), gathering one
    /// row group at a time, so a selection never copies more than a row group.
    /// </summary>
    private static Task WriteRowsAsync(
        Table table, int[]? rows, Stream destination, ParquetWriteOptions options, ParquetWriterKind writer, Utf8Entries strings, CancellationToken cancellationToken)
    {
        if (writer == ParquetWriterKind.Managed)
        {
            return ManagedParquetFileWriter.WriteAsync(table, rows, destination, options, cancellationToken);
        }

        NativeParquetFileWriter.Write(table, rows, destination, options, strings, cancellationToken);
        return Task.CompletedTask;
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
    /// <exception cref="InvalidOperationException">The environment variable <c>INEQUALITIES_PARQUET_WRITER</c> is not managed, native or auto.</exception>
    public static Task<IReadOnlyList<string>> WritePartitionedAsync(
        Table table, string directory, IReadOnlyList<string> partitionColumns, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePartitionedWithAsync(table, directory, partitionColumns, options, ParquetWriterChoice.Current, cancellationToken);

    /// <summary>
    /// Adds <paramref name="table"/>'s partitions to a partitioned folder that may already hold others (a table written
    /// one part at a time, e.g. one source after another): like <see cref="WritePartitionedAsync"/>, but the folder need
    /// not be empty; a partition that already has its file fails with <see cref="IOException"/> (nothing is overwritten).
    /// Every part must have the same columns, in the same order.
    /// </summary>
    internal static Task<IReadOnlyList<string>> AppendPartitionsAsync(
        Table table, string directory, IReadOnlyList<string> partitionColumns, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePartitionedWithAsync(table, directory, partitionColumns, options, ParquetWriterChoice.Current, cancellationToken, append: true);

    /// <summary>Writes <paramref name="table"/> as a Hive-partitioned folder with the given writer (into an empty folder, unless <paramref name="append"/>).</summary>
    internal static async Task<IReadOnlyList<string>> WritePartitionedWithAsync(
        Table table, string directory, IReadOnlyList<string> partitionColumns, ParquetWriteOptions? options, ParquetWriterKind writer, CancellationToken cancellationToken, bool append = false)
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

        if (!append && Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
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
        if (SinglePartition(table, partitionColumns))
        {
            // One partition (e.g. one source's part of a table written source by source): no grouping, no row list.
            var file = Path.Combine(directory, PartitionPath(table, partitionColumns, 0), PartFileName);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var single = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            await using (single.ConfigureAwait(false))
            {
                await WriteRowsAsync(data, null, single, options, writer, new Utf8Entries(), cancellationToken).ConfigureAwait(false);
            }

            return [file];
        }

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
        var strings = new Utf8Entries(); // the parts share the table's dictionaries: each entry is encoded once
        foreach (var relative in order)
        {
            var folder = Path.Combine(directory, relative);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, PartFileName);
            var stream = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            await using (stream.ConfigureAwait(false))
            {
                // The part's rows are gathered one row group at a time: no copy of the whole part.
                await WriteRowsAsync(data, [.. partitions[relative]], stream, options, writer, strings, cancellationToken).ConfigureAwait(false);
            }

            files.Add(file);
        }

        return files;
    }

    /// <summary>Whether every row has the same (non-null) partition values, so the table is one partition.</summary>
    private static bool SinglePartition(Table table, IReadOnlyList<string> partitionColumns)
    {
        foreach (var name in partitionColumns)
        {
            var column = table.Column(name);
            if (column is not StringColumn strings || strings.NullCount > 0)
            {
                return false; // other types and null partitions take the general path
            }

            var ids = strings.Ids;
            if (ids.Length == 0 || ids.ContainsAnyExcept(ids[0]) || string.IsNullOrEmpty(strings.Dictionary[ids[0]]))
            {
                return false;
            }
        }

        return true;
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
}
