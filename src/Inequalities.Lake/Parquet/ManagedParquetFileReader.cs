using System.Buffers;
using Inequalities.Core.Columnar;
using global::Parquet;
using global::Parquet.Schema;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// Reads one Parquet file with Parquet.Net (managed code only): the fallback of <see cref="ParquetTableReader"/> where
/// ParquetSharp's native library cannot load, or when <c>INEQUALITIES_PARQUET_WRITER=managed</c>. Row groups in order,
/// within one the columns in schema order; each string row is looked up in the shared <see cref="CodeDictionary"/>.
/// </summary>
internal static class ManagedParquetFileReader
{
    public static async Task<Table> ReadAsync(Stream source, string tableName, CodeDictionary dictionary, CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.CreateAsync(source, new ParquetOptions { UseDateOnlyTypeForDates = true }, leaveStreamOpen: true, cancellationToken)
            .ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.GetDataFields();
            if (fields.Length != reader.Schema.Fields.Count)
            {
                throw new NotSupportedException($"Parquet table '{tableName}' has nested columns; only flat files can be read as a table.");
            }

            long rows = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                rows += reader.RowGroups[g].RowCount;
            }

            if (rows > Array.MaxLength)
            {
                throw new NotSupportedException($"Parquet table '{tableName}' has {rows} rows, more than a table can hold.");
            }

            var readers = new ColumnReader[fields.Length];
            for (var c = 0; c < fields.Length; c++)
            {
                readers[c] = ColumnReader.Create(tableName, fields[c], (int)rows, dictionary);
            }

            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rowGroup = reader.OpenRowGroupReader(g);
                foreach (var columnReader in readers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await columnReader.ReadAsync(rowGroup, cancellationToken).ConfigureAwait(false);
                }
            }

            return new Table(tableName, readers.Select(r => r.Build()));
        }
    }

    private abstract class ColumnReader
    {
        public static ColumnReader Create(string table, DataField field, int rows, CodeDictionary dictionary)
        {
            if (field.IsArray)
            {
                throw new NotSupportedException($"Parquet table '{table}': column '{field.Name}' is a list; only flat columns can be read.");
            }

            var type = field.ClrType;
            if (type == typeof(int)) return new Primitive<int>(field, rows);
            if (type == typeof(long)) return new Primitive<long>(field, rows);
            if (type == typeof(double)) return new Primitive<double>(field, rows);
            if (type == typeof(float)) return new Primitive<float>(field, rows);
            if (type == typeof(bool)) return new Primitive<bool>(field, rows);
            if (type == typeof(byte)) return new Primitive<byte>(field, rows);
            if (type == typeof(DateOnly)) return new Primitive<DateOnly>(field, rows);
            if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>)) return new Strings(field, rows, dictionary);
            throw new NotSupportedException(
                $"Parquet table '{table}': column '{field.Name}' has type {type.Name}; supported are Int32, Int64, Double, Single, Boolean, Byte, DateOnly and String.");
        }

        public abstract ValueTask ReadAsync(ParquetRowGroupReader rowGroup, CancellationToken cancellationToken);

        public abstract Column Build();
    }

    private sealed class Primitive<T>(DataField field, int rows) : ColumnReader
        where T : unmanaged
    {
        private readonly PrimitiveColumnBuilder<T> _builder = new(field.Name, rows);

        public override async ValueTask ReadAsync(ParquetRowGroupReader rowGroup, CancellationToken cancellationToken)
        {
            var count = checked((int)rowGroup.RowCount);
            var values = ArrayPool<T>.Shared.Rent(Math.Max(count, 1));
            var levels = field.IsNullable ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
            try
            {
                await rowGroup.ReadRawAsync(field, values.AsMemory(0, count), levels?.AsMemory(0, count), null, cancellationToken).ConfigureAwait(false);
                Append(values.AsSpan(0, count), levels is null ? default : levels.AsSpan(0, count));
            }
            finally
            {
                ArrayPool<T>.Shared.Return(values);
                if (levels is not null)
                {
                    ArrayPool<int>.Shared.Return(levels);
                }
            }
        }

        public override Column Build() => _builder.Build();

        private void Append(ReadOnlySpan<T> packed, ReadOnlySpan<int> levels)
        {
            if (levels.IsEmpty)
            {
                _builder.AppendRange(packed);
                return;
            }

            var k = 0;
            foreach (var level in levels)
            {
                if (level > 0)
                {
                    _builder.Append(packed[k++]);
                }
                else
                {
                    _builder.AppendNull();
                }
            }
        }
    }

    private sealed class Strings(DataField field, int rows, CodeDictionary dictionary) : ColumnReader
    {
        private readonly StringColumnBuilder _builder = new(field.Name, dictionary, rows);

        public override async ValueTask ReadAsync(ParquetRowGroupReader rowGroup, CancellationToken cancellationToken)
        {
            var count = checked((int)rowGroup.RowCount);
            var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(count, 1));
            var levels = field.IsNullable ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
            try
            {
                await rowGroup.ReadRawAsync(field, values.AsMemory(0, count), levels?.AsMemory(0, count), null, cancellationToken).ConfigureAwait(false);
                Append(values.AsSpan(0, count), levels is null ? default : levels.AsSpan(0, count));
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

        public override Column Build() => _builder.Build();

        private void Append(ReadOnlySpan<ReadOnlyMemory<char>> packed, ReadOnlySpan<int> levels)
        {
            if (levels.IsEmpty)
            {
                foreach (var value in packed)
                {
                    _builder.Append(value.Span);
                }

                return;
            }

            var k = 0;
            foreach (var level in levels)
            {
                if (level > 0)
                {
                    _builder.Append(packed[k++].Span);
                }
                else
                {
                    _builder.AppendNull();
                }
            }
        }
    }
}
