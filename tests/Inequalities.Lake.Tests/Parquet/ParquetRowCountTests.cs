using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;

namespace Inequalities.Lake.Tests.Parquet;

/// <summary>The publisher's read-back check: the footer's row count, checked against the file without decoding pages, on both writers' files.</summary>
public sealed class ParquetRowCountTests
{
    private static async Task<byte[]> WriteAsync(string writer, int rows, int rowGroupSize)
    {
        var table = new TableBuilder("t")
            .Add("code", Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? null : "E0100" + (i % 50)))
            .Add<double>("value", Enumerable.Range(0, rows).Select(i => i * 0.5).ToArray())
            .Build();
        using var stream = new MemoryStream();
        await ParquetTableWriter.WriteWithAsync(table, stream, new ParquetWriteOptions { RowGroupSize = rowGroupSize }, Enum.Parse<ParquetWriterKind>(writer), CancellationToken.None);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(nameof(ParquetWriterKind.Native))]
    [InlineData(nameof(ParquetWriterKind.Managed))]
    public async Task ReadRowCountAsync_EmptyTable_ReturnsZero(string writer)
    {
        var bytes = await WriteAsync(writer, 0, 3_000);

        Assert.Equal(0, await ParquetTableReader.ReadRowCountAsync(new MemoryStream(bytes)));
        Assert.Equal(0, (await ParquetTableReader.ReadAsync(new MemoryStream(bytes))).RowCount);
    }

    [Theory]
    [InlineData(nameof(ParquetWriterKind.Native))]
    [InlineData(nameof(ParquetWriterKind.Managed))]
    public async Task ReadRowCountAsync_SeveralRowGroups_ReturnsEveryRow(string writer)
    {
        var bytes = await WriteAsync(writer, 10_000, 3_000);

        var rows = await ParquetTableReader.ReadRowCountAsync(new MemoryStream(bytes));

        Assert.Equal(10_000, rows);
        Assert.Equal(10_000, (await ParquetTableReader.ReadAsync(new MemoryStream(bytes))).RowCount);
    }

    [Theory]
    [InlineData(nameof(ParquetWriterKind.Native))]
    [InlineData(nameof(ParquetWriterKind.Managed))]
    public async Task ReadRowCountAsync_PagesCutOutOfTheMiddle_Throws(string writer)
    {
        var bytes = await WriteAsync(writer, 10_000, 3_000);

        // The same footer after a shorter body: the column chunks it records no longer fit in the file.
        var footer = BitConverter.ToInt32(bytes, bytes.Length - 8) + 8;
        var cut = bytes[..(bytes.Length / 2 - footer)].Concat(bytes[^footer..]).ToArray();

        await Assert.ThrowsAsync<InvalidDataException>(() => ParquetTableReader.ReadRowCountAsync(new MemoryStream(cut)));
    }

    [Theory]
    [InlineData(nameof(ParquetWriterKind.Native))]
    [InlineData(nameof(ParquetWriterKind.Managed))]
    public async Task ReadRowCountAsync_TruncatedFile_Throws(string writer)
    {
        var bytes = await WriteAsync(writer, 1_000, 1_000);

        await Assert.ThrowsAnyAsync<Exception>(() => ParquetTableReader.ReadRowCountAsync(new MemoryStream(bytes[..^20])));
    }
}
