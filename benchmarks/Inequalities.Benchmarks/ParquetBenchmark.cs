using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;
using ParquetSharp.Arrow;

namespace Inequalities.Benchmarks;

/// <summary>
/// Writing and reading a lake-shaped table (<c>lsoa_indicators</c>: LSOA code, indicator id, period, value; 33,755
/// LSOAs × <see cref="Indicators"/> indicators × 5 periods) as zstd Parquet, 131,072-row groups. Write peers: DuckDB
/// <c>COPY ... TO</c> (Baseline), <see cref="ParquetTableWriter"/> (ParquetSharp's low-level column writers, strings
/// as UTF-8 dictionary bytes), the previous Parquet.Net writer (now the library's managed fallback,
/// <see cref="ManagedParquetFileWriter"/>) and ParquetSharp's Arrow writer given <see cref="ArrowInterop.ToRecordBatch(Table)"/> (dictionary arrays). Read peers: DuckDB
/// <c>read_parquet</c> into a table (Baseline) against <see cref="ParquetTableReader"/> (ParquetSharp's Arrow reader, string
/// columns as dictionary arrays, the next row group decoded while the last is copied) and the managed fallback
/// (Parquet.Net, what <see cref="ParquetTableReader"/> was before).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ParquetBenchmark
{
    private NationalData data = null!;
    private DuckDBConnection duck = null!;
    private string folder = null!;
    private string ours = null!;
    private string theirs = null!;

    /// <summary>Indicators in the table (each with 5 periods of 33,755 LSOAs).</summary>
    [ParamsSource(nameof(IndicatorCounts))]
    public int Indicators { get; set; }

    /// <summary>10 indicators; 2 when <c>BENCH_ENV=ci</c> (the CI dry run only checks that every benchmark runs).</summary>
    public static IEnumerable<int> IndicatorCounts => NationalData.IsCi ? [2] : [10];

    [GlobalSetup]
    public void Setup()
    {
        Prepare();
        WriteOurs();
        DuckDbCopy();
    }

    /// <summary>Builds the table and opens DuckDB on it, without writing anything (the stopwatch mode's setup).</summary>
    public void Prepare()
    {
        data = new NationalData(Indicators);
        folder = NationalData.ScratchFolder($"parquet-{Indicators}");
        duck = data.OpenDuckDb(folder);
        ours = Path.Combine(folder, "ours.parquet");
        theirs = Path.Combine(folder, "duckdb.parquet");
    }

    [GlobalCleanup]
    public void Cleanup() => duck.Dispose();

    [BenchmarkCategory("Write"), Benchmark(Baseline = true)]
    public long DuckDbCopy()
    {
        NationalData.Execute(duck, $"COPY lsoa_indicators TO '{theirs}' (FORMAT parquet, COMPRESSION zstd)");
        return new FileInfo(theirs).Length;
    }

    [BenchmarkCategory("Write"), Benchmark]
    public long WriteOurs()
    {
        using (var stream = new FileStream(ours, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            ParquetTableWriter.WriteWithAsync(data.Long, stream, null, ParquetWriterKind.Native, CancellationToken.None).GetAwaiter().GetResult();
        }

        return new FileInfo(ours).Length;
    }

    [BenchmarkCategory("Write"), Benchmark]
    public long WriteParquetNet()
    {
        var file = Path.Combine(folder, "parquet-net.parquet");
        using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            ManagedParquetFileWriter.WriteAsync(data.Long, null, stream, ParquetWriteOptions.Default, CancellationToken.None).GetAwaiter().GetResult();
        }

        return new FileInfo(file).Length;
    }

    [BenchmarkCategory("Write"), Benchmark]
    public long WriteParquetSharpArrow()
    {
        var file = Path.Combine(folder, "parquetsharp-arrow.parquet");
        var batch = data.Long.ToRecordBatch();
        using (var properties = new ParquetSharp.WriterPropertiesBuilder().Compression(ParquetSharp.Compression.Zstd)
            .MaxRowGroupLength(ParquetWriteOptions.DefaultRowGroupSize).Build())
        using (var writer = new FileWriter(file, batch.Schema, properties))
        {
            writer.WriteRecordBatch(batch);
            writer.Close();
        }

        return new FileInfo(file).Length;
    }

    [BenchmarkCategory("Read"), Benchmark(Baseline = true)]
    public long DuckDbReadParquet()
    {
        NationalData.Execute(duck, $"CREATE OR REPLACE TEMP TABLE back AS SELECT * FROM read_parquet('{ours}')");
        return NationalData.Scalar(duck, "SELECT count(*) FROM back");
    }

    [BenchmarkCategory("Read"), Benchmark]
    public long ReadOurs()
    {
        using var stream = File.OpenRead(ours);
        Table table = ParquetTableReader.ReadWithAsync(stream, null, ParquetWriterKind.Native, CancellationToken.None).GetAwaiter().GetResult();
        return table.RowCount;
    }

    [BenchmarkCategory("Read"), Benchmark]
    public long ReadParquetNet()
    {
        using var stream = File.OpenRead(ours);
        Table table = ParquetTableReader.ReadWithAsync(stream, null, ParquetWriterKind.Managed, CancellationToken.None).GetAwaiter().GetResult();
        return table.RowCount;
    }
}
