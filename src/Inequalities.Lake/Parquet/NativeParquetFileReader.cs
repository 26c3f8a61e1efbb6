using System.Threading.Channels;
using Apache.Arrow;
using Apache.Arrow.Types;
using Inequalities.Core.Columnar;
using ParquetSharp;
using ParquetSharp.Arrow;
using ParquetSharp.IO;
using Table = Inequalities.Core.Columnar.Table;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// Reads one Parquet file through ParquetSharp's Arrow reader (Apache Arrow's C++ Parquet reader): string columns come
/// back as Arrow dictionary arrays (the file's own dictionary pages, one look-up per entry instead of a string per row),
/// one row group per record batch, and each batch's arrays are copied once into the table's final column arrays
/// (<see cref="ArrowImport"/>). Row groups are read in order and, within one, columns in schema order, so a shared
/// <see cref="CodeDictionary"/> assigns ids in the same order as <see cref="ManagedParquetFileReader"/>.
/// </summary>
internal static class NativeParquetFileReader
{
    /// <param name="source">The file (readable, seekable; left open).</param>
    /// <param name="tableName">The table's name, for the table and error messages.</param>
    /// <param name="dictionary">The dictionary every string column encodes into.</param>
    /// <param name="cancellationToken">Checked between row groups and batches.</param>
    /// <exception cref="InvalidDataException">The file is not readable Parquet (a bad footer, a corrupt page); the message names the table, the file when <paramref name="source"/> is a <see cref="FileStream"/>, the row group and Arrow's error.</exception>
    public static async Task<Table> ReadAsync(Stream source, string tableName, CodeDictionary dictionary, CancellationToken cancellationToken)
    {
        var where = source is FileStream stream ? $"Parquet table '{tableName}' ('{stream.Name}')" : $"Parquet table '{tableName}'";
        try
        {
            return await ReadCoreAsync(source, tableName, where, dictionary, cancellationToken).ConfigureAwait(false);
        }
        catch (ParquetException e)
        {
            throw new InvalidDataException($"{where}: {e.Message}", e);
        }
    }

    private static async Task<Table> ReadCoreAsync(Stream source, string tableName, string where, CodeDictionary dictionary, CancellationToken cancellationToken)
    {
        using var file = new ManagedRandomAccessFile(source, leaveOpen: true);
        var (strings, groupRows, rows) = Describe(file, tableName);
        using var readerProperties = ReaderProperties.GetDefaultReaderProperties();
        using var arrowProperties = ArrowReaderProperties.GetDefault();
        // One decoding thread: with this thread copying beside it the read uses two cores. Arrow's thread pool decoding
        // a row group's columns in parallel as well gained nothing in ParquetBenchmark (51.9 ms against 51.6 ms).
        arrowProperties.UseThreads = false;
        arrowProperties.BatchSize = Math.Max(1, groupRows.Length == 0 ? 1 : groupRows.Max());
        foreach (var column in strings)
        {
            arrowProperties.SetReadDictionary(column, true);
        }

        using var reader = new FileReader(file, readerProperties, arrowProperties);
        var schema = reader.Schema;
        var import = new ArrowImport(tableName, dictionary);
        var sinks = new ArrowColumnSink[schema.FieldsList.Count];
        for (var c = 0; c < sinks.Length; c++)
        {
            var field = schema.GetFieldByIndex(c);
            sinks[c] = import.Sink(field.Name, Check(tableName, field), rows);
        }

        // Arrow decodes the next row group on another thread while this one copies the last into the columns.
        var batches = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decoding = Task.Run(() => DecodeAsync(reader, groupRows.Length, where, batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                using (batch)
                {
                    for (var c = 0; c < sinks.Length; c++)
                    {
                        sinks[c].Append(batch.Column(c));
                    }
                }
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(decoding).ConfigureAwait(false);
            while (batches.Reader.TryRead(out var left))
            {
                left.Dispose();
            }

            throw;
        }

        // The decoder's own error (a corrupt page, cancellation), if any, surfaces here.
        await decoding.ConfigureAwait(false);
        return new Table(tableName, sinks.Select(s => s.Build()));
    }

    /// <summary>Reads the row groups in order, one record batch per row group (more when a string chunk changes dictionary), into <paramref name="writer"/>.</summary>
    private static async Task DecodeAsync(FileReader reader, int groups, string where, ChannelWriter<RecordBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            for (var g = 0; g < groups; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await DecodeRowGroupAsync(reader, g, writer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException and not ChannelClosedException)
                {
                    // Arrow's errors come through ParquetSharp (ParquetException) or Arrow's C stream importer (a bare Exception).
                    throw new InvalidDataException($"{where}, row group {g} of {groups}: {e.Message}", e);
                }
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    private static async Task DecodeRowGroupAsync(FileReader reader, int group, ChannelWriter<RecordBatch> writer, CancellationToken cancellationToken)
    {
        using var stream = reader.GetRecordBatchReader(rowGroups: [group]);
        while (await stream.ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
        {
            try
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                batch.Dispose();
                throw;
            }
        }
    }

    /// <summary>The leaf indices of the BYTE_ARRAY columns, each row group's rows and their total, from the footer.</summary>
    private static (List<int> Strings, long[] GroupRows, int Rows) Describe(RandomAccessFile file, string tableName)
    {
        using var footer = new ParquetFileReader(file);
        using var metadata = footer.FileMetaData;
        var strings = new List<int>();
        var schema = metadata.Schema;
        for (var c = 0; c < schema.NumColumns; c++)
        {
            var column = schema.Column(c);
            if (column.PhysicalType == PhysicalType.ByteArray)
            {
                strings.Add(c);
            }
        }

        var groupRows = new long[metadata.NumRowGroups];
        for (var g = 0; g < groupRows.Length; g++)
        {
            using var group = footer.RowGroup(g);
            groupRows[g] = group.MetaData.NumRows;
        }

        var rows = groupRows.Sum();
        return rows > System.Array.MaxLength
            ? throw new NotSupportedException($"Parquet table '{tableName}' has {rows} rows, more than a table can hold.")
            : (strings, groupRows, (int)rows);
    }

    /// <summary>The field's type when the table model can hold it, else the reader's error for it.</summary>
    private static IArrowType Check(string tableName, Field field)
    {
        var type = field.DataType;
        return type.TypeId switch
        {
            ArrowTypeId.List or ArrowTypeId.LargeList or ArrowTypeId.FixedSizeList =>
                throw new NotSupportedException($"Parquet table '{tableName}': column '{field.Name}' is a list; only flat columns can be read."),
            ArrowTypeId.Struct or ArrowTypeId.Map =>
                throw new NotSupportedException($"Parquet table '{tableName}' has nested columns; only flat files can be read as a table."),
            _ when ArrowImport.Supports(type) => type,
            _ => throw new NotSupportedException(
                $"Parquet table '{tableName}': column '{field.Name}' has type {ArrowImport.Describe(type)}; supported are Int32, Int64, Double, Single, Boolean, Byte, DateOnly and String."),
        };
    }
}
