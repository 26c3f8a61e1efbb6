using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.C;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Tests.Parquet;
using Inequalities.TestSupport;
using Table = Inequalities.Core.Columnar.Table;

namespace Inequalities.Lake.Tests.Arrow;

/// <summary>
/// Hands a <see cref="Table"/> to DuckDB through the Arrow C data interface: DuckDB scans the table's own buffers
/// (<see cref="ArrowInterop.ToRecordBatch(Table)"/> shares them, Arrow's exporter pins them and passes their addresses),
/// with no row-by-row copy in our code. DuckDB.NET 1.5.6.1 can return query results as Arrow but has no method to
/// register Arrow data, so the test calls DuckDB's C function <c>duckdb_arrow_scan</c> in the native library DuckDB.NET
/// ships, on DuckDB.NET's own connection.
/// </summary>
public sealed unsafe partial class DuckDbArrowTests
{
    private static readonly string[] Lads = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];

    /// <summary>Registers an Arrow C stream as a view named <paramref name="tableName"/>; 0 on success.</summary>
    [LibraryImport("duckdb", EntryPoint = "duckdb_arrow_scan", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ArrowScan(DuckDB.NET.Native.DuckDBNativeConnection connection, string tableName, CArrowArrayStream* stream);

    internal static Table RandomTable(int rows, int seed)
    {
        var random = new Random(seed);
        var lad = new StringColumnBuilder("lad_code", null, rows);
        var lsoa = new StringColumnBuilder("lsoa_code", lad.Dictionary, rows);
        var id = new PrimitiveColumnBuilder<long>("id", rows);
        var population = new PrimitiveColumnBuilder<int>("population", rows);
        var value = new PrimitiveColumnBuilder<double>("value", rows);
        var share = new PrimitiveColumnBuilder<float>("share", rows);
        var decile = new PrimitiveColumnBuilder<byte>("decile", rows);
        var urban = new PrimitiveColumnBuilder<bool>("urban", rows);
        var published = new PrimitiveColumnBuilder<DateOnly>("published", rows);
        for (var i = 0; i < rows; i++)
        {
            lad.Append(random.Next(40) == 0 ? null : Lads[random.Next(Lads.Length)]);
            lsoa.Append(random.Next(15) == 0 ? null : $"E01{random.Next(2000):000000}");
            id.Append(i);
            population.Append(random.Next(10) == 0 ? null : random.Next(1000, 3000));
            value.Append(random.Next(8) == 0 ? null : Math.Round(random.NextDouble() * 100, 3));
            share.Append(random.Next(9) == 0 ? null : random.Next(100) / 4f);
            decile.Append(random.Next(11) == 0 ? null : (byte)random.Next(1, 11));
            urban.Append(random.Next(12) == 0 ? null : random.Next(3) == 0);
            published.Append(random.Next(13) == 0 ? null : new DateOnly(1990, 1, 1).AddDays(random.Next(15_000)));
        }

        return new Table("lsoa", [
            lad.Build(), lsoa.Build(), id.Build(), population.Build(), value.Build(), share.Build(), decile.Build(), urban.Build(), published.Build()]);
    }

    [Fact]
    public void ArrowScan_TableThroughTheCDataInterface_DuckDbReadsEveryCellAndNull()
    {
        var table = RandomTable(20_000, 5);
        using var batch = table.ToRecordBatch();
        var stream = CArrowArrayStream.Create();
        try
        {
            CArrowArrayStreamExporter.ExportArrayStream(new OneBatch(batch), stream);
            using (var connection = new DuckDBConnection("Data Source=:memory:"))
            {
                connection.Open();
                Assert.Equal(0, ArrowScan(connection.NativeConnection, "lsoa_arrow", stream));

                // The stream is read once: DuckDB's scan of it is the copy into its own table.
                DuckDbInteropTests.Execute(connection, "CREATE TABLE lsoa AS SELECT * FROM lsoa_arrow");
                Assert.Equal(
                    ["VARCHAR", "VARCHAR", "BIGINT", "INTEGER", "DOUBLE", "FLOAT", "UTINYINT", "BOOLEAN", "DATE"],
                    DuckDbInteropTests.QueryRows(connection, "SELECT data_type FROM information_schema.columns WHERE table_name = 'lsoa' ORDER BY ordinal_position")
                        .Select(r => (string)r[0]!));
                var rows = DuckDbInteropTests.QueryRows(connection, "SELECT * FROM lsoa ORDER BY id");
                Assert.Equal(table.RowCount, rows.Count);
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var column = table.Columns[c];
                    Assert.Equal(TableAssert.Cells(column), rows.Select(r => Normalise(r[c])));
                }
            }
        }
        finally
        {
            CArrowArrayStream.Free(stream);
        }
    }

    [Fact]
    public void ExportRecordBatch_BuffersHandedToDuckDb_AreTheColumnsOwnMemory()
    {
        var table = RandomTable(1_000, 6);
        using var batch = table.ToRecordBatch();
        var exported = CArrowArray.Create();
        try
        {
            CArrowArrayExporter.ExportRecordBatch(batch, exported);

            // Buffer 1 of each numeric child is the value buffer; buffer 0 the validity bitmap. The exporter pins them.
            Assert.True(Same<long>(table.Primitive<long>("id").Values, exported->children[2]->buffers[1]));
            Assert.True(Same<int>(table.Primitive<int>("population").Values, exported->children[3]->buffers[1]));
            Assert.True(Same<byte>(table.Primitive<int>("population").ValidityBitmap, exported->children[3]->buffers[0]));
            Assert.True(Same<double>(table.Primitive<double>("value").Values, exported->children[4]->buffers[1]));
            Assert.True(Same<float>(table.Primitive<float>("share").Values, exported->children[5]->buffers[1]));
            Assert.True(Same<byte>(table.Primitive<byte>("decile").Values, exported->children[6]->buffers[1]));
            Assert.True(Same<int>(table.Strings("lsoa_code").Ids, exported->children[1]->buffers[1]));
        }
        finally
        {
            CArrowArray.Free(exported);
        }
    }

    /// <summary>Whether the exported pointer is the address of the span's first element (pinned while compared).</summary>
    private static bool Same<T>(ReadOnlySpan<T> span, byte* exported)
        where T : unmanaged
    {
        fixed (T* first = span)
        {
            return (byte*)first == exported;
        }
    }

    private static object? Normalise(object? value) => value is DateTime d ? DateOnly.FromDateTime(d) : value;

    /// <summary>An Arrow stream of one record batch, for the C stream exporter.</summary>
    private sealed class OneBatch(RecordBatch batch) : IArrowArrayStream
    {
        private bool _read;

        public Schema Schema => batch.Schema;

        public ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
        {
            var next = _read ? null : batch;
            _read = true;
            return ValueTask.FromResult(next);
        }

        public void Dispose()
        {
        }
    }
}
