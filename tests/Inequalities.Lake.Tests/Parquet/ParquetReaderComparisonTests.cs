using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Build;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Tests.Build;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Parquet;

/// <summary>
/// The native reader (ParquetSharp's Arrow reader) and the managed fallback (Parquet.Net) return identical tables:
/// column names, order and types, every cell and null, the values stored under nulls, and the ids each string gets in
/// a shared dictionary (<see cref="AssertIdentical"/>), on files from both writers.
/// </summary>
public sealed class ParquetReaderComparisonTests
{
    private static readonly ParquetWriterKind[] Kinds = [ParquetWriterKind.Native, ParquetWriterKind.Managed];

    /// <summary>Values at the edges: empty and non-ASCII strings, NaN, infinities, the integers' and dates' extremes.</summary>
    private static Table EdgeValues() => new TableBuilder("edge_values")
        .Add("text", ["", null, "café", "E01000001", "", "ß🙂"])
        .Add<double>("value", [double.NaN, double.NegativeInfinity, double.MaxValue, double.Epsilon, -0.0, 1])
        .AddNullable<float>("ratio", [float.NaN, float.PositiveInfinity, null, float.MinValue, 0.1f, null])
        .AddNullable<int>("count", [int.MinValue, int.MaxValue, 0, null, -1, 7])
        .Add<long>("id", [long.MinValue, long.MaxValue, 0, 1, 2, 3])
        .AddNullable<byte>("decile", [0, 255, null, 1, 10, 2])
        .AddNullable<bool>("flag", [true, false, null, true, null, false])
        .AddNullable<DateOnly>("day", [DateOnly.MinValue, DateOnly.MaxValue, null, new DateOnly(1970, 1, 1), new DateOnly(1969, 12, 31), null])
        .Build();

    /// <summary>A column of nulls only, of each nullable kind.</summary>
    private static Table AllNull() => new TableBuilder("all_null")
        .Add("text", [null, null, null])
        .AddNullable<double>("value", [null, null, null])
        .AddNullable<bool>("flag", [null, null, null])
        .Build();

    public static TheoryData<string, int> WritersAndRowGroups => new()
    {
        // 7-row groups put every row group but the first at a bit offset that is not a multiple of 8.
        { "native", 7 }, { "native", 1_024 }, { "native", 131_072 },
        { "managed", 7 }, { "managed", 1_024 },
    };

    [Theory]
    [MemberData(nameof(WritersAndRowGroups))]
    public async Task ReadWithAsync_EveryColumnTypeWithNulls_BothReadersReturnTheTableWritten(string writer, int rowGroupSize)
    {
        var options = new ParquetWriteOptions { RowGroupSize = rowGroupSize };
        foreach (var table in new[] { Arrow.DuckDbArrowTests.RandomTable(rowGroupSize == 7 ? 300 : 5_000, 11), EdgeValues(), AllNull() })
        {
            var (native, managed) = await ReadBothAsync(table, writer, options);

            TableAssert.Equal(table, native);
            AssertIdentical(managed, native);
        }
    }

    [Theory]
    [InlineData("native")]
    [InlineData("managed")]
    public async Task ReadWithAsync_EmptyTable_BothReadersReturnTheColumnsWithoutRows(string writer)
    {
        var table = Arrow.DuckDbArrowTests.RandomTable(0, 3);

        var (native, managed) = await ReadBothAsync(table, writer, new ParquetWriteOptions());

        Assert.Equal(table.Schema, native.Schema);
        Assert.Equal(0, native.RowCount);
        AssertIdentical(managed, native);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("managed")]
    public async Task ReadPartitionedWithAsync_NullPartitionsSpanningRowGroups_BothReadersReturnTheSameTable(string writer)
    {
        var table = Arrow.DuckDbArrowTests.RandomTable(3_000, 13);
        using var temp = new TempDirectory();
        var directory = temp.Combine("lsoa");
        await ParquetTableWriter.WritePartitionedWithAsync(table, directory, ["lad_code", "urban"], new ParquetWriteOptions { RowGroupSize = 100 }, Kind(writer), CancellationToken.None);

        var options = new ParquetReadOptions { TableName = "lsoa" };
        var native = await ParquetTableReader.ReadPartitionedWithAsync(directory, options, ParquetWriterKind.Native, CancellationToken.None);
        var managed = await ParquetTableReader.ReadPartitionedWithAsync(directory, options, ParquetWriterKind.Managed, CancellationToken.None);

        // The writer's column order comes back (from the footer key), the partition columns as strings.
        Assert.Equal(table.Columns.Select(c => c.Name), native.Columns.Select(c => c.Name));
        Assert.Equal(ColumnDataType.String, native.Column("urban").DataType);
        Assert.Equal(table.RowCount, native.RowCount);
        AssertIdentical(managed, native);
    }

    [Fact]
    public async Task ReadWithAsync_ColumnOfAnotherType_BothReadersRejectItNamingTableAndColumn()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("stamped.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            DuckDbInteropTests.Execute(connection, $"COPY (SELECT 1 AS id, TIMESTAMP '2024-01-02 03:04:05' AS stamped) TO '{file}' (FORMAT parquet)");
        }

        foreach (var kind in Kinds)
        {
            await using var stream = File.OpenRead(file);
            var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
                ParquetTableReader.ReadWithAsync(stream, new ParquetReadOptions { TableName = "stamps" }, kind, CancellationToken.None));
            Assert.StartsWith("Parquet table 'stamps': column 'stamped' has type ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadWithAsync_NativeCancelled_ThrowsOperationCanceled()
    {
        using var stream = new MemoryStream();
        await ParquetTableWriter.WriteWithAsync(Arrow.DuckDbArrowTests.RandomTable(1_000, 17), stream, new ParquetWriteOptions { RowGroupSize = 100 }, ParquetWriterKind.Native, CancellationToken.None);
        stream.Position = 0;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ParquetTableReader.ReadWithAsync(stream, null, ParquetWriterKind.Native, cancelled.Token));
    }

    [Fact]
    public async Task ReadWithAsync_NativeCorruptPage_ThrowsTheDecodersError()
    {
        using var stream = new MemoryStream();
        await ParquetTableWriter.WriteWithAsync(Arrow.DuckDbArrowTests.RandomTable(5_000, 19), stream, new ParquetWriteOptions { RowGroupSize = 1_000 }, ParquetWriterKind.Native, CancellationToken.None);
        var bytes = stream.ToArray();
        bytes.AsSpan(bytes.Length / 2, 2_000).Fill(0xAB);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ParquetTableReader.ReadWithAsync(new MemoryStream(bytes), new ParquetReadOptions { TableName = "lsoa" }, ParquetWriterKind.Native, CancellationToken.None));

        Assert.Matches(@"^Parquet table 'lsoa', row group [0-4] of 5: \S", error.Message);
    }

    [Fact]
    public async Task ReadWithAsync_NativeTruncatedFile_ThrowsNamingTableAndFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("cut.parquet");
        await using (var stream = File.Create(file))
        {
            await ParquetTableWriter.WriteWithAsync(Arrow.DuckDbArrowTests.RandomTable(500, 23), stream, null, ParquetWriterKind.Native, CancellationToken.None);
            stream.SetLength(stream.Length / 2);
        }

        await using var cut = File.OpenRead(file);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ParquetTableReader.ReadWithAsync(cut, new ParquetReadOptions { TableName = "lsoa" }, ParquetWriterKind.Native, CancellationToken.None));

        Assert.StartsWith($"Parquet table 'lsoa' ('{file}'): ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same schema and, column by column, the same null count, validity, values (those under nulls too) and, for
    /// strings, the same ids into dictionaries that hold the same strings in the same order.
    /// </summary>
    internal static void AssertIdentical(Table expected, Table actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.RowCount, actual.RowCount);
        TableAssert.Equal(expected, actual);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var (want, got) = (expected.Columns[c], actual.Columns[c]);
            switch (want)
            {
                case StringColumn s:
                    var other = (StringColumn)got;
                    Assert.True(s.Ids.SequenceEqual(other.Ids), $"{expected.Name}.{want.Name}: the ids differ");
                    Assert.Equal(
                        Enumerable.Range(0, s.Dictionary.Count).Select(i => s.Dictionary[i]),
                        Enumerable.Range(0, other.Dictionary.Count).Select(i => other.Dictionary[i]));
                    break;
                case PrimitiveColumn<int> p: AssertSameBuffers(p, (PrimitiveColumn<int>)got); break;
                case PrimitiveColumn<long> p: AssertSameBuffers(p, (PrimitiveColumn<long>)got); break;
                case PrimitiveColumn<double> p: AssertSameBuffers(p, (PrimitiveColumn<double>)got); break;
                case PrimitiveColumn<float> p: AssertSameBuffers(p, (PrimitiveColumn<float>)got); break;
                case PrimitiveColumn<byte> p: AssertSameBuffers(p, (PrimitiveColumn<byte>)got); break;
                case PrimitiveColumn<bool> p: AssertSameBuffers(p, (PrimitiveColumn<bool>)got); break;
                case PrimitiveColumn<DateOnly> p: AssertSameBuffers(p, (PrimitiveColumn<DateOnly>)got); break;
                default: Assert.Fail($"{expected.Name}.{want.Name}: type {want.DataType} not compared"); break;
            }
        }
    }

    private static void AssertSameBuffers<T>(PrimitiveColumn<T> expected, PrimitiveColumn<T> actual)
        where T : unmanaged, IEquatable<T>
    {
        Assert.True(expected.Values.SequenceEqual(actual.Values), $"column '{expected.Name}': the value buffers differ");
        Assert.True(expected.ValidityBitmap.SequenceEqual(actual.ValidityBitmap), $"column '{expected.Name}': the validity bitmaps differ");
    }

    private static ParquetWriterKind Kind(string writer) => writer == "native" ? ParquetWriterKind.Native : ParquetWriterKind.Managed;

    private static async Task<(Table Native, Table Managed)> ReadBothAsync(Table table, string writer, ParquetWriteOptions options)
    {
        using var stream = new MemoryStream();
        await ParquetTableWriter.WriteWithAsync(table, stream, options, Kind(writer), CancellationToken.None);
        var read = new ParquetReadOptions { TableName = table.Name };
        stream.Position = 0;
        var native = await ParquetTableReader.ReadWithAsync(stream, read, ParquetWriterKind.Native, CancellationToken.None);
        stream.Position = 0;
        var managed = await ParquetTableReader.ReadWithAsync(stream, read, ParquetWriterKind.Managed, CancellationToken.None);
        return (native, managed);
    }
}

/// <summary>Both readers on every table of the shared-data lake, partitioned ones included.</summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeReaderTests(SharedLakeFixture lake)
{
    [Fact]
    public async Task ReadWithAsync_SharedLakeTables_NativeAndManagedIdentical()
    {
        var compared = new List<string>();
        foreach (var entry in lake.Snapshot.Manifest.Tables)
        {
            var path = Path.Combine(lake.Snapshot.Directory, entry.Path);
            var options = new ParquetReadOptions { TableName = entry.Name };
            var (native, managed) = Directory.Exists(path)
                ? (await ParquetTableReader.ReadPartitionedWithAsync(path, options, ParquetWriterKind.Native, CancellationToken.None),
                   await ParquetTableReader.ReadPartitionedWithAsync(path, options, ParquetWriterKind.Managed, CancellationToken.None))
                : (await ReadFileAsync(path, options, ParquetWriterKind.Native), await ReadFileAsync(path, options, ParquetWriterKind.Managed));

            Assert.Equal(entry.Rows, native.RowCount);
            ParquetReaderComparisonTests.AssertIdentical(managed, native);
            compared.Add(entry.Name);
        }

        Assert.Contains("lsoa_indicators", compared);
        Assert.True(compared.Count >= 15, $"only {compared.Count} tables compared: {string.Join(", ", compared)}");
    }

    private static async Task<Table> ReadFileAsync(string path, ParquetReadOptions options, ParquetWriterKind kind)
    {
        await using var stream = File.OpenRead(path);
        return await ParquetTableReader.ReadWithAsync(stream, options, kind, CancellationToken.None);
    }
}
