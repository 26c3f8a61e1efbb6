using System.Data.Common;
using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Parquet;

/// <summary>Proves another engine reads the files we write (and that we read the files it writes).</summary>
public sealed class DuckDbInteropTests
{
    private const double Tolerance = 1e-6;
    private static readonly string[] Lads = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];

    private static Table RandomLsoaTable(int rows, int seed)
    {
        var random = new Random(seed);
        var lad = new StringColumnBuilder("lad_code", null, rows);
        var year = new PrimitiveColumnBuilder<int>("year", rows);
        var lsoa = new StringColumnBuilder("lsoa_code", lad.Dictionary, rows);
        var population = new PrimitiveColumnBuilder<int>("population", rows);
        var value = new PrimitiveColumnBuilder<double>("value", rows);
        var id = new PrimitiveColumnBuilder<long>("id", rows);
        for (var i = 0; i < rows; i++)
        {
            lad.Append(random.Next(40) == 0 ? null : Lads[random.Next(Lads.Length)]);
            year.Append(random.Next(40) == 0 ? null : 2019 + random.Next(3));
            lsoa.Append(random.Next(15) == 0 ? null : $"E01{random.Next(2000):000000}");
            population.Append(random.Next(10) == 0 ? null : random.Next(1000, 3000));
            value.Append(random.Next(8) == 0 ? null : Math.Round(random.NextDouble() * 100, 3));
            id.Append(i);
        }

        return new Table("lsoa", [lad.Build(), year.Build(), lsoa.Build(), population.Build(), value.Build(), id.Build()]);
    }

    [Fact]
    public async Task ReadParquet_DuckDbAggregates_MatchTable()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("lsoa.parquet");
        var table = RandomLsoaTable(50_000, 11);
        await WriteFileAsync(table, file, new ParquetWriteOptions { RowGroupSize = 12_000 });

        using var connection = Open();
        var row = QueryRow(connection,
            $"SELECT count(*), CAST(sum(population) AS BIGINT), sum(value), count(value), count(lsoa_code), count(DISTINCT lsoa_code), CAST(sum(id) AS BIGINT) FROM read_parquet({Quote(file)})");

        var totals = table.GroupBy().Aggregate(Aggregation.Sum("population"), Aggregation.Sum("value"), Aggregation.Sum("id"));
        var lsoa = table.Strings("lsoa_code");
        Assert.Equal((long)table.RowCount, Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(totals.Primitive<long>("population")[0], (long)row[1]!);
        Assert.Equal(totals.Primitive<double>("value")[0]!.Value, (double)row[2]!, Tolerance);
        Assert.Equal((long)(table.RowCount - table.Column("value").NullCount), Convert.ToInt64(row[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((long)(table.RowCount - lsoa.NullCount), Convert.ToInt64(row[4], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((long)lsoa.Ids.ToArray().Where(i => i >= 0).Distinct().Count(), Convert.ToInt64(row[5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(totals.Primitive<long>("id")[0], (long)row[6]!);
    }

    [Fact]
    public async Task ReadParquet_EveryType_DuckDbSeesTypesAndValues()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("every_type.parquet");
        var table = ParquetRoundTripTests.EveryType();
        await WriteFileAsync(table, file, null);

        using var connection = Open();
        var types = QueryRows(connection, $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({Quote(file)}))")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        var rows = QueryRows(connection, $"SELECT * FROM read_parquet({Quote(file)})");

        Assert.Equal("INTEGER", types["i32"]);
        Assert.Equal("BIGINT", types["i64"]);
        Assert.Equal("DOUBLE", types["f64"]);
        Assert.Equal("FLOAT", types["f32"]);
        Assert.Equal("BOOLEAN", types["flag"]);
        Assert.Equal("UTINYINT", types["decile"]);
        Assert.Equal("DATE", types["day"]);
        Assert.Equal("VARCHAR", types["code"]);
        Assert.Equal(table.RowCount, rows.Count);
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(table.Primitive<int>("i32")[i], (int?)rows[i][0]);
            Assert.Equal(table.Primitive<long>("i64")[i], (long?)rows[i][1]);
            Assert.Equal(table.Primitive<double>("f64")[i], (double?)rows[i][2]);
            Assert.Equal(table.Primitive<float>("f32")[i], (float?)rows[i][3]);
            Assert.Equal(table.Primitive<bool>("flag")[i], (bool?)rows[i][4]);
            Assert.Equal(table.Primitive<byte>("decile")[i], (byte?)rows[i][5]);
            Assert.Equal(table.Primitive<DateOnly>("day")[i], (DateOnly?)rows[i][6]);
            Assert.Equal(table.Strings("code")[i], (string?)rows[i][7]);
        }
    }

    [Fact]
    public async Task WritePartitionedAsync_DuckDbHivePartitioning_MatchesGroupBy()
    {
        using var temp = new TempDirectory();
        var directory = temp.Combine("lsoa");
        var table = RandomLsoaTable(20_000, 5);

        var files = await ParquetTableWriter.WritePartitionedAsync(table, directory, ["lad_code", "year"], null, CancellationToken.None);

        // 6 LADs × 3 years, plus null partitions for either key.
        Assert.Contains(Path.Combine(directory, "lad_code=E08000012", "year=2020", ParquetTableWriter.PartFileName), files);
        Assert.Contains(files, f => f.Contains("lad_code=__HIVE_DEFAULT_PARTITION__", StringComparison.Ordinal));
        Assert.Equal(files.Count, Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories).Length);

        using var connection = Open();
        var rows = QueryRows(connection, $"""
            SELECT lad_code, CAST(year AS INTEGER), count(*), CAST(sum(population) AS BIGINT), sum(value)
            FROM read_parquet({Quote(Path.Combine(directory, "**", "*.parquet"))}, hive_partitioning = true)
            WHERE lad_code IS NOT NULL AND year IS NOT NULL
            GROUP BY ALL
            """);
        var nullRows = QueryRow(connection, $"""
            SELECT count(*) FROM read_parquet({Quote(Path.Combine(directory, "**", "*.parquet"))}, hive_partitioning = true)
            WHERE lad_code IS NULL OR year IS NULL
            """);
        var expected = table.GroupBy("lad_code", "year").Aggregate(Aggregation.Count(), Aggregation.Sum("population"), Aggregation.Sum("value"));

        Assert.Equal(expected.RowCount, rows.Count);
        var byKey = rows.ToDictionary(r => ((string)r[0]!, (int)r[1]!));
        for (var g = 0; g < expected.RowCount; g++)
        {
            var actual = byKey[(expected.Strings("lad_code")[g]!, expected.Primitive<int>("year")[g]!.Value)];
            Assert.Equal(expected.Primitive<long>("count")[g], Convert.ToInt64(actual[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.Primitive<long>("population")[g], (long)actual[3]!);
            Assert.Equal(expected.Primitive<double>("value")[g]!.Value, (double)actual[4]!, Tolerance);
        }

        var grouped = table.GroupBy("lad_code", "year").GroupIds.ToArray();
        Assert.Equal((long)grouped.Count(g => g < 0), Convert.ToInt64(nullRows[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadPartitionedAsync_WrittenPartitions_RestoresRowsColumnsAndNullKeys()
    {
        using var temp = new TempDirectory();
        var directory = temp.Combine("lsoa");
        var table = RandomLsoaTable(5_000, 11);
        await ParquetTableWriter.WritePartitionedAsync(table, directory, ["lad_code"], null, CancellationToken.None);

        var back = await ParquetTableReader.ReadPartitionedAsync(directory, new ParquetReadOptions { TableName = "lsoa" });

        Assert.Equal(table.Columns.Select(c => c.Name), back.Columns.Select(c => c.Name));
        Assert.Equal(table.RowCount, back.RowCount);
        var expected = table.GroupBy("lad_code").Aggregate(Aggregation.Count(), Aggregation.Sum("value"), Aggregation.CountValid("lsoa_code", "codes"));
        var actual = back.GroupBy("lad_code").Aggregate(Aggregation.Count(), Aggregation.Sum("value"), Aggregation.CountValid("lsoa_code", "codes"));
        Assert.Equal(expected.RowCount, actual.RowCount);
        var byLad = Enumerable.Range(0, actual.RowCount).ToDictionary(g => actual.Strings("lad_code")[g] ?? "<null>");
        for (var g = 0; g < expected.RowCount; g++)
        {
            var a = byLad[expected.Strings("lad_code")[g] ?? "<null>"];
            Assert.Equal(expected.Primitive<long>("count")[g], actual.Primitive<long>("count")[a]);
            Assert.Equal(expected.Primitive<long>("codes")[g], actual.Primitive<long>("codes")[a]);
            Assert.Equal(expected.Primitive<double>("value")[g]!.Value, actual.Primitive<double>("value")[a]!.Value, Tolerance);
        }

        Assert.True(back.Column("lad_code").NullCount > 0);
    }

    [Fact]
    public async Task ReadPartitionedAsync_FolderNotAPartition_ThrowsNamingIt()
    {
        using var temp = new TempDirectory();
        var directory = temp.Combine("t");
        await ParquetTableWriter.WritePartitionedAsync(RandomLsoaTable(100, 2), directory, ["lad_code"], null, CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(directory, "stray"));
        File.Copy(Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories)[0], Path.Combine(directory, "stray", "part-0.parquet"));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetTableReader.ReadPartitionedAsync(directory, new ParquetReadOptions { TableName = "t" }));

        Assert.StartsWith("Partitioned table 't': the folder 'stray' of ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritePartitionedAsync_NonEmptyDirectory_Throws()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.Combine("stale.txt"), "x");

        var ex = await Assert.ThrowsAsync<IOException>(() =>
            ParquetTableWriter.WritePartitionedAsync(RandomLsoaTable(10, 1), temp.Path, ["lad_code"], null, CancellationToken.None));

        Assert.Equal($"The partition folder '{temp.Path}' is not empty; write partitioned tables into a new folder.", ex.Message);
    }

    [Fact]
    public async Task WritePartitionedAsync_DoublePartitionColumn_Throws()
    {
        using var temp = new TempDirectory();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            ParquetTableWriter.WritePartitionedAsync(RandomLsoaTable(10, 1), temp.Combine("out"), ["value"], null, CancellationToken.None));

        Assert.StartsWith("Column 'value' in table 'lsoa' is Float64; a partition column must be String, Int32, UInt8 or Boolean.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritePartitionedAsync_UnsafeCharacters_EscapedAndDecodedByDuckDb()
    {
        using var temp = new TempDirectory();
        var directory = temp.Combine("t");
        var table = new TableBuilder("t").Add("name", ["a/b", "c=d", "a/b"]).Add<int>("v", [1, 2, 3]).Build();

        var files = await ParquetTableWriter.WritePartitionedAsync(table, directory, ["name"], null, CancellationToken.None);

        Assert.Equal(
            [Path.Combine(directory, "name=a%2Fb", ParquetTableWriter.PartFileName), Path.Combine(directory, "name=c%3Dd", ParquetTableWriter.PartFileName)],
            files);
        using var connection = Open();
        var rows = QueryRows(connection,
            $"SELECT name, CAST(sum(v) AS BIGINT) FROM read_parquet({Quote(Path.Combine(directory, "*", "*.parquet"))}, hive_partitioning = true) GROUP BY name ORDER BY name");
        Assert.Equal(["a/b", "c=d"], rows.Select(r => (string)r[0]!));
        Assert.Equal([4L, 2L], rows.Select(r => (long)r[1]!));
    }

    [Fact]
    public async Task ReadAsync_FileWrittenByDuckDb_ReadsTypesAndNulls()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("duck.parquet");
        using (var connection = Open())
        {
            Execute(connection, $"""
                COPY (
                    SELECT i::INTEGER AS i32, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 10::BIGINT END AS i64,
                           CASE WHEN i % 3 = 0 THEN NULL ELSE i / 4.0 END::DOUBLE AS f64,
                           CASE WHEN i % 7 = 0 THEN NULL ELSE 'E0100' || (i % 13)::VARCHAR END AS code
                    FROM range(0, 5000) t(i)
                ) TO {Quote(file)} (FORMAT parquet, ROW_GROUP_SIZE 1024)
                """);
        }

        Table table;
        await using (var stream = File.OpenRead(file))
        {
            table = await ParquetTableReader.ReadAsync(stream, new ParquetReadOptions { TableName = "duck" }, CancellationToken.None);
        }

        Assert.Equal(5000, table.RowCount);
        Assert.Equal(
            [new ColumnField("i32", ColumnDataType.Int32), new ColumnField("i64", ColumnDataType.Int64), new ColumnField("f64", ColumnDataType.Float64), new ColumnField("code", ColumnDataType.String)],
            table.Schema);
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i, table.Primitive<int>("i32")[i]);
            Assert.Equal(i % 5 == 0 ? null : i * 10L, table.Primitive<long>("i64")[i]);
            Assert.Equal(i % 3 == 0 ? null : i / 4.0, table.Primitive<double>("f64")[i]);
            Assert.Equal(i % 7 == 0 ? null : "E0100" + (i % 13).ToString(System.Globalization.CultureInfo.InvariantCulture), table.Strings("code")[i]);
        }
    }

    private static async Task WriteFileAsync(Table table, string path, ParquetWriteOptions? options)
    {
        await using var stream = File.Create(path);
        await ParquetTableWriter.WriteAsync(table, stream, options, CancellationToken.None);
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object?[] QueryRow(DuckDBConnection connection, string sql) => Assert.Single(QueryRows(connection, sql));

    internal static List<object?[]> QueryRows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            }

            rows.Add(row);
        }

        return rows;
    }
}
