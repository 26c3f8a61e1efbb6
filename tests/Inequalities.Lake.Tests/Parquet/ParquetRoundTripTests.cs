using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Parquet;

public sealed class ParquetRoundTripTests
{
    internal static Table EveryType() => new TableBuilder("every_type")
        .AddNullable<int>("i32", [1, null, int.MinValue, int.MaxValue, 0])
        .AddNullable<long>("i64", [null, 2L, long.MinValue, long.MaxValue, -5])
        .AddNullable<double>("f64", [1.5, double.NaN, null, -0.0, 1e300])
        .AddNullable<float>("f32", [1.25f, null, float.MaxValue, float.Epsilon, 0])
        .AddNullable<bool>("flag", [true, false, null, true, false])
        .AddNullable<byte>("decile", [1, 10, null, 255, 0])
        .AddNullable<DateOnly>("day", [new DateOnly(2019, 9, 26), null, new DateOnly(2025, 10, 30), DateOnly.MinValue, new DateOnly(2000, 2, 29)])
        .Add("code", ["E01000001", null, "", "Liverpool 001A — ø", "E01000001"])
        .Add<int>("required_i32", [5, 4, 3, 2, 1])
        .Add("required_code", ["a", "b", "a", "b", "a"])
        .Build();

    [Fact]
    public async Task WriteAsyncReadAsync_EveryTypeWithNulls_RoundTrips()
    {
        var table = EveryType();

        var read = await RoundTripAsync(table, new ParquetWriteOptions { Compression = ParquetCompression.Snappy });

        TableAssert.Equal(table, read);
    }

    [Theory]
    [InlineData(ParquetCompression.None)]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Zstd)]
    public async Task WriteAsync_SmallRowGroupsEachCodec_RoundTrips(ParquetCompression compression)
    {
        var table = EveryType();
        var tall = table.Take([.. Enumerable.Range(0, 23).Select(i => i % table.RowCount)]);

        var read = await RoundTripAsync(tall, new ParquetWriteOptions { RowGroupSize = 4, Compression = compression });

        TableAssert.Equal(tall, read);
    }

    [Fact]
    public async Task WriteAsync_Metadata_IsReadBack()
    {
        var metadata = new Dictionary<string, string> { ["inequalities.sources"] = "ons-lsoa-2021", ["inequalities.sha256"] = new string('a', 64) };
        using var stream = new MemoryStream();

        await ParquetTableWriter.WriteAsync(EveryType(), stream, new ParquetWriteOptions { Metadata = metadata }, CancellationToken.None);
        stream.Position = 0;
        var read = await ParquetTableReader.ReadMetadataAsync(stream, CancellationToken.None);

        Assert.Equal(metadata["inequalities.sources"], read["inequalities.sources"]);
        Assert.Equal(metadata["inequalities.sha256"], read["inequalities.sha256"]);
    }

    [Fact]
    public async Task WriteAsync_EmptyTable_RoundTripsSchema()
    {
        var table = EveryType().Take([]);

        var read = await RoundTripAsync(table, null);

        Assert.Equal(0, read.RowCount);
        Assert.Equal(table.Schema.Select(f => f.Name), read.Schema.Select(f => f.Name));
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var options = new ParquetWriteOptions
        {
            RowGroupSize = 0,
            Compression = (ParquetCompression)42,
            Metadata = new Dictionary<string, string> { [" "] = "x" },
        };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(
            "Invalid Parquet write options: RowGroupSize must be at least 1 (was 0). Compression 42 is not a ParquetCompression value. Metadata keys must not be empty or white space.",
            ex.Message);
    }

    [Fact]
    public async Task ReadAsync_SharedDictionary_EncodesIntoIt()
    {
        var dictionary = new CodeDictionary();
        var known = dictionary.GetOrAdd("E01000001");

        using var stream = new MemoryStream();
        await ParquetTableWriter.WriteAsync(EveryType(), stream, null, CancellationToken.None);
        stream.Position = 0;
        var read = await ParquetTableReader.ReadAsync(stream, new ParquetReadOptions { TableName = "lsoa", Dictionary = dictionary }, CancellationToken.None);

        Assert.Equal("lsoa", read.Name);
        Assert.Same(dictionary, read.Strings("code").Dictionary);
        Assert.Equal(known, read.Strings("code").Ids[0]);
    }

    [Fact]
    public async Task WriteAsyncReadAsync_MillionRows_RoundTrips()
    {
        const int rows = 1_000_000;
        var random = new Random(1);
        var codes = new CodeDictionary();
        var lsoa = new StringColumnBuilder("lsoa_code", codes, rows);
        var population = new PrimitiveColumnBuilder<int>("population", rows);
        var value = new PrimitiveColumnBuilder<double>("value", rows);
        var id = new PrimitiveColumnBuilder<long>("id", rows);
        for (var i = 0; i < rows; i++)
        {
            lsoa.Append($"E01{random.Next(35_000):000000}");
            population.Append(random.Next(20) == 0 ? null : random.Next(1000, 3000));
            value.Append(random.Next(10) == 0 ? null : random.NextDouble());
            id.Append(i);
        }

        var table = new Table("big", [lsoa.Build(), population.Build(), value.Build(), id.Build()]);

        var read = await RoundTripAsync(table, new ParquetWriteOptions { RowGroupSize = 300_000 });

        TableAssert.Equal(table, read);
    }

    internal static async Task<Table> RoundTripAsync(Table table, ParquetWriteOptions? options)
    {
        using var stream = new MemoryStream();
        await ParquetTableWriter.WriteAsync(table, stream, options, CancellationToken.None);
        stream.Position = 0;
        return await ParquetTableReader.ReadAsync(stream, new ParquetReadOptions { TableName = table.Name }, CancellationToken.None);
    }
}
