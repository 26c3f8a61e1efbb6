using System.Buffers;
using Inequalities.Core.Columnar;
using global::Parquet;
using global::Parquet.Schema;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// Reads a flat Parquet file into a <see cref="Table"/>: INT32, INT64, FLOAT, DOUBLE, BOOLEAN, UINT_8, DATE and UTF-8
/// string columns, nulls kept. Nested (list, map, struct) columns are rejected.
/// </summary>
public static class ParquetTableReader
{
    /// <summary>
    /// Reads every row group of the file in <paramref name="source"/> (readable and seekable; left open). ParquetSharp
    /// (Apache Arrow's C++ reader) reads it where its native library loads, else Parquet.Net; the choice, and
    /// <c>INEQUALITIES_PARQUET_WRITER=managed</c> forcing Parquet.Net, is the writer's (both give the same table).
    /// </summary>
    /// <exception cref="NotSupportedException">A column has a type the table model cannot hold; the message names it.</exception>
    public static Task<Table> ReadAsync(Stream source, ParquetReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadWithAsync(source, options, ParquetWriterChoice.Current, cancellationToken);

    /// <summary>As <see cref="ReadAsync"/>, with the reader of <paramref name="kind"/> (tests and benchmarks compare the two).</summary>
    internal static async Task<Table> ReadWithAsync(Stream source, ParquetReadOptions? options, ParquetWriterKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ParquetReadOptions();
        var dictionary = options.Dictionary ?? new CodeDictionary();
        return kind == ParquetWriterKind.Native
            ? await NativeParquetFileReader.ReadAsync(source, options.TableName, dictionary, cancellationToken).ConfigureAwait(false)
            : await ManagedParquetFileReader.ReadAsync(source, options.TableName, dictionary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a Hive-partitioned folder written by <see cref="ParquetTableWriter.WritePartitionedAsync"/>
    /// (<c>&lt;column&gt;=&lt;value&gt;/.../*.parquet</c>) back into one table: the parts in ordinal order of their
    /// paths, the partition columns restored as string columns (null for <c>__HIVE_DEFAULT_PARTITION__</c>), and the
    /// columns in the order the writer recorded (partition columns last for folders other tools wrote).
    /// </summary>
    /// <param name="directory">The table's folder.</param>
    /// <param name="options">The table name and an optional shared dictionary.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A part lies in a folder that is not <c>name=value</c>, or parts differ in columns.</exception>
    public static Task<Table> ReadPartitionedAsync(string directory, ParquetReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadPartitionedWithAsync(directory, options, ParquetWriterChoice.Current, cancellationToken);

    /// <summary>As <see cref="ReadPartitionedAsync"/>, with the reader of <paramref name="kind"/>.</summary>
    internal static async Task<Table> ReadPartitionedWithAsync(string directory, ParquetReadOptions? options, ParquetWriterKind kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new ParquetReadOptions();
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The partitioned table folder '{directory}' does not exist.");
        }

        var shared = new ParquetReadOptions { TableName = options.TableName, Dictionary = options.Dictionary ?? new CodeDictionary() };
        var files = Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var parts = new List<(Table Table, (string Name, string? Value)[] Keys)>(files.Length);
        string[]? order = null;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = Path.GetRelativePath(directory, Path.GetDirectoryName(file)!)
                .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)
                .Where(segment => segment != ".")
                .Select(segment =>
                {
                    var equals = segment.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new InvalidDataException(
                            $"Partitioned table '{options.TableName}': the folder '{segment}' of '{file}' is not a partition (expected name=value).");
                    }

                    var value = Uri.UnescapeDataString(segment[(equals + 1)..]);
                    return (Uri.UnescapeDataString(segment[..equals]), value == ParquetTableWriter.HiveNullPartition ? null : value);
                })
                .ToArray();
            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                if (order is null)
                {
                    var metadata = await ReadMetadataAsync(stream, cancellationToken).ConfigureAwait(false);
                    order = metadata.TryGetValue(ParquetTableWriter.ColumnOrderKey, out var columns) ? columns.Split(',') : null;
                    stream.Position = 0;
                }

                parts.Add((await ReadWithAsync(stream, shared, kind, cancellationToken).ConfigureAwait(false), keys));
            }
        }

        return Concatenate(options.TableName, directory, parts, shared.Dictionary!, order);
    }

    private static Table Concatenate(
        string name, string directory, List<(Table Table, (string Name, string? Value)[] Keys)> parts, CodeDictionary dictionary, string[]? order)
    {
        if (parts.Count == 0)
        {
            throw new InvalidDataException($"Partitioned table '{name}' in '{directory}' has no Parquet files.");
        }

        var first = parts[0];
        var total = parts.Sum(p => p.Table.RowCount);
        var columns = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var column in first.Table.Columns)
        {
            var pieces = parts.Select(p => p.Table.Contains(column.Name) && p.Table.Column(column.Name).DataType == column.DataType
                ? p.Table.Column(column.Name)
                : throw new InvalidDataException($"Partitioned table '{name}': a part lacks column '{column.Name}' ({column.DataType}) or has another type.")).ToList();
            columns[column.Name] = column switch
            {
                StringColumn => ConcatStrings(column.Name, pieces.Cast<StringColumn>(), dictionary, total),
                PrimitiveColumn<bool> => ConcatPrimitive(column.Name, pieces.Cast<PrimitiveColumn<bool>>(), total),
                PrimitiveColumn<byte> => ConcatPrimitive(column.Name, pieces.Cast<PrimitiveColumn<byte>>(), total),
                PrimitiveColumn<int> => ConcatPrimitive(column.Name, pieces.Cast<PrimitiveColumn<int>>(), total),
                PrimitiveColumn<long> => ConcatPrimitive(column.Name, pieces.Cast<PrimitiveColumn<long>>(), total),
                PrimitiveColumn<float> => ConcatPrimitive(column.Name, pieces.Cast<PrimitiveColumn<float>>(), total),
                PrimitiveColumn<double> => ConcatPrimitive(column.Name, pieces.Cast<PrimitiveColumn<double>>(), total),
                PrimitiveColumn<DateOnly> => ConcatPrimitive(column.Name, pieces.Cast<PrimitiveColumn<DateOnly>>(), total),
                _ => throw new NotSupportedException($"Partitioned table '{name}': column '{column.Name}' of type {column.DataType} cannot be concatenated."),
            };
        }

        for (var k = 0; k < first.Keys.Length; k++)
        {
            var keyName = first.Keys[k].Name;
            var builder = new StringColumnBuilder(keyName, dictionary, total);
            foreach (var (table, keys) in parts)
            {
                if (keys.Length != first.Keys.Length || keys[k].Name != keyName)
                {
                    throw new InvalidDataException($"Partitioned table '{name}' in '{directory}': parts are partitioned by different columns.");
                }

                var id = keys[k].Value is { } value ? dictionary.GetOrAdd(value) : -1;
                for (var r = 0; r < table.RowCount; r++)
                {
                    if (id < 0)
                    {
                        builder.AppendNull();
                    }
                    else
                    {
                        builder.AppendId(id);
                    }
                }
            }

            columns[keyName] = builder.Build();
        }

        var names = order is not null && order.Length == columns.Count && order.All(columns.ContainsKey)
            ? order
            : [.. first.Table.Columns.Select(c => c.Name), .. first.Keys.Select(k => k.Name)];
        return new Table(name, names.Select(n => columns[n]));
    }

    private static StringColumn ConcatStrings(string name, IEnumerable<StringColumn> pieces, CodeDictionary dictionary, int total)
    {
        var builder = new StringColumnBuilder(name, dictionary, total);
        foreach (var piece in pieces)
        {
            var ids = piece.Ids;
            for (var r = 0; r < piece.Length; r++)
            {
                if (piece.IsValid(r))
                {
                    builder.AppendId(ids[r]);
                }
                else
                {
                    builder.AppendNull();
                }
            }
        }

        return builder.Build();
    }

    private static PrimitiveColumn<T> ConcatPrimitive<T>(string name, IEnumerable<PrimitiveColumn<T>> pieces, int total)
        where T : unmanaged
    {
        var builder = new PrimitiveColumnBuilder<T>(name, total);
        foreach (var piece in pieces)
        {
            if (piece.NullCount == 0)
            {
                builder.AppendRange(piece.Values);
                continue;
            }

            for (var r = 0; r < piece.Length; r++)
            {
                builder.Append(piece[r]);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// The row count a file's footer records, after checking the footer against the file: every row group's column
    /// chunks are present, each records as many values as the row group has rows, and each lies within the file.
    /// The pages themselves are not decoded (a truncated or foreign file fails; the writer's own encoding is trusted).
    /// </summary>
    /// <exception cref="InvalidDataException">The footer does not describe a complete file.</exception>
    internal static async Task<long> ReadRowCountAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var length = source.Length;
        var reader = await ParquetReader.CreateAsync(source, new ParquetOptions(), leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var columns = reader.Schema.GetDataFields().Length;
            long rows = 0;
            foreach (var group in reader.Metadata!.RowGroups)
            {
                if (group.Columns.Count != columns)
                {
                    throw new InvalidDataException($"A row group holds {group.Columns.Count} column chunks; the schema has {columns} columns.");
                }

                foreach (var chunk in group.Columns)
                {
                    var meta = chunk.MetaData ?? throw new InvalidDataException("A column chunk has no metadata.");
                    var start = meta.DictionaryPageOffset is > 0 and var d ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;
                    if (meta.NumValues != group.NumRows || start < 4 || start + meta.TotalCompressedSize > length)
                    {
                        throw new InvalidDataException(
                            $"Column '{string.Join('.', meta.PathInSchema)}' records {meta.NumValues} values at bytes {start} to {start + meta.TotalCompressedSize} " +
                            $"in a row group of {group.NumRows} rows and a file of {length} bytes.");
                    }
                }

                rows += group.NumRows;
            }

            return rows;
        }
    }

    /// <summary>Reads only the key-value metadata in the file footer (e.g. provenance written through <see cref="ParquetWriteOptions.Metadata"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var reader = await ParquetReader.CreateAsync(source, null, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return new Dictionary<string, string>(reader.CustomMetadata, StringComparer.Ordinal);
        }
    }
}
