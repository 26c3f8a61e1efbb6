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
}
