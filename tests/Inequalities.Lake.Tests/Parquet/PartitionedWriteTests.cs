using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;
using Inequalities.TestSupport;
using global::Parquet;

namespace Inequalities.Lake.Tests.Parquet;

/// <summary>Partitioned writes gather each part one row group at a time, and type each part by its own rows.</summary>
public sealed class PartitionedWriteTests
{
    [Fact]
    public async Task WritePartitionedAsync_PartsSpanningRowGroups_KeepEveryRowInOrderAndTypeEachPartByItsRows()
    {
        // Part "a" has nulls in value, part "b" none; rows of the two parts interleave; parts span several row groups.
        const int rows = 2_500;
        var part = Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? "b" : "a").ToArray();
        var value = Enumerable.Range(0, rows).Select(i => part[i] == "a" && i % 7 == 0 ? (double?)null : i * 0.25).ToArray();
        var table = new TableBuilder("t")
            .Add("part", part)
            .Add<int>("row", Enumerable.Range(0, rows).ToArray())
            .AddNullable<double>("value", value)
            .Build();
        using var temp = new TempDirectory();
        var directory = temp.Combine("t");

        var files = await ParquetTableWriter.WritePartitionedAsync(table, directory, ["part"], new ParquetWriteOptions { RowGroupSize = 300 });
        var back = await ParquetTableReader.ReadPartitionedAsync(directory, new ParquetReadOptions { TableName = "t" });

        Assert.Equal(2, files.Count);
        var expected = Enumerable.Range(0, rows).Where(i => part[i] == "a").Concat(Enumerable.Range(0, rows).Where(i => part[i] == "b")).ToArray();
        Assert.Equal(expected.Select(i => (int?)i), Enumerable.Range(0, back.RowCount).Select(i => back.Primitive<int>("row")[i]));
        Assert.Equal(expected.Select(i => value[i]), Enumerable.Range(0, back.RowCount).Select(i => back.Primitive<double>("value")[i]));
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream);
            var field = reader.Schema.GetDataFields().Single(f => f.Name == "value");
            Assert.Equal(file.Contains("part=a", StringComparison.Ordinal), field.IsNullable);
            Assert.True(reader.RowGroupCount > 1, $"{file}: {reader.RowGroupCount} row group(s)");
        }
    }

    [Fact]
    public async Task AppendPartitionsAsync_SourceBySource_ReadsBackAsTheTableWrittenWhole()
    {
        var source = Enumerable.Range(0, 900).Select(i => i < 400 ? "s1" : i < 850 ? "s2" : "s3").ToArray();
        var table = new TableBuilder("t")
            .Add("source_id", source)
            .Add<int>("row", Enumerable.Range(0, 900).ToArray())
            .AddNullable<double>("value", Enumerable.Range(0, 900).Select(i => source[i] == "s2" && i % 3 == 0 ? (double?)null : i * 0.5).ToArray())
            .Build();
        using var temp = new TempDirectory();

        await ParquetTableWriter.WritePartitionedAsync(table, temp.Combine("whole"), ["source_id"], new ParquetWriteOptions { RowGroupSize = 128 });
        var files = new List<string>();
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            files.AddRange(await ParquetTableWriter.AppendPartitionsAsync(table.Where(("source_id", id)), temp.Combine("parts"), ["source_id"], new ParquetWriteOptions { RowGroupSize = 128 }));
        }

        var whole = await ParquetTableReader.ReadPartitionedAsync(temp.Combine("whole"), new ParquetReadOptions { TableName = "t" });
        var parts = await ParquetTableReader.ReadPartitionedAsync(temp.Combine("parts"), new ParquetReadOptions { TableName = "t" });
        Assert.Equal(3, files.Count);
        Assert.Equal(900, parts.RowCount);
        TableAssert.Equal(whole, parts);
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream);
            Assert.Equal(file.Contains("source_id=s2", StringComparison.Ordinal), reader.Schema.GetDataFields().Single(f => f.Name == "value").IsNullable);
        }
    }

    [Fact]
    public async Task AppendPartitionsAsync_PartitionAlreadyWritten_FailsAndLeavesItsFile()
    {
        var part = new TableBuilder("t").Add("source_id", ["s1", "s1"]).Add<int>("row", [1, 2]).Build();
        using var temp = new TempDirectory();
        var file = Assert.Single(await ParquetTableWriter.AppendPartitionsAsync(part, temp.Path, ["source_id"]));
        var written = await File.ReadAllBytesAsync(file);

        await Assert.ThrowsAsync<IOException>(() => ParquetTableWriter.AppendPartitionsAsync(part.Where(("row", 2)), temp.Path, ["source_id"]));

        Assert.Equal(written, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task WritePartitionedAsync_OnePartitionWithNullsAndOneValue_TakesTheGeneralPath()
    {
        // A null partition value is not the single-partition fast path: it goes to Hive's default partition.
        var table = new TableBuilder("t").Add("source_id", new string?[] { "s1", null, "s1" }).Add<int>("row", [1, 2, 3]).Build();
        using var temp = new TempDirectory();

        var files = await ParquetTableWriter.WritePartitionedAsync(table, temp.Path, ["source_id"]);

        Assert.Equal(["source_id=s1", "source_id=__HIVE_DEFAULT_PARTITION__"], files.Select(f => Path.GetFileName(Path.GetDirectoryName(f))));
    }
}
