using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;
using Inequalities.Core.Columnar;
using Microsoft.Data.Analysis;

namespace Inequalities.Benchmarks;

/// <summary>
/// <see cref="DataFrameExtensions.ToDataFrame(Table)"/> through Arrow (numeric columns wrapped without a copy, strings
/// one reference per row) against the row-by-row conversion it replaced (a private copy below, the Baseline), on the
/// <c>lsoa_indicators</c>-shaped table (33,755 LSOAs × <see cref="Indicators"/> indicators × 5 periods: three string
/// columns and one double) and on its numeric column alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Microseconds))]
public class ToDataFrameBenchmark
{
    private Table table = null!;

    /// <summary>Indicators in the table (each with 5 periods of 33,755 LSOAs).</summary>
    [ParamsSource(nameof(IndicatorCounts))]
    public int Indicators { get; set; }

    /// <summary>10 indicators (1.69 M rows); 2 when <c>BENCH_ENV=ci</c>.</summary>
    public static IEnumerable<int> IndicatorCounts => NationalData.IsCi ? [2] : [10];

    /// <summary>The whole table, or only its <c>value</c> column.</summary>
    [Params("all columns", "value only")]
    public string Columns { get; set; } = "all columns";

    [GlobalSetup]
    public void Setup()
    {
        var data = new NationalData(Indicators);
        table = Columns == "value only" ? data.Long.Select("value") : data.Long;
    }

    [Benchmark(Baseline = true)]
    public long RowByRow() => RowByRowToDataFrame(table).Rows.Count;

    [Benchmark]
    public long ThroughArrow() => table.ToDataFrame().Rows.Count;

    /// <summary>Times in µs: the wrapped column takes well under one, the copies tens of thousands.</summary>
    private sealed class Microseconds : ManualConfig
    {
        public Microseconds() => SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond);
    }

    /// <summary>The conversion before the Arrow bridge, kept here as the peer: every cell enumerated as a nullable.</summary>
    private static DataFrame RowByRowToDataFrame(Table table)
    {
        var columns = new List<DataFrameColumn>(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            columns.Add(column switch
            {
                PrimitiveColumn<int> c => new Int32DataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<long> c => new Int64DataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<double> c => new DoubleDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<float> c => new SingleDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<byte> c => new ByteDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<bool> c => new BooleanDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<DateOnly> c => new DateTimeDataFrameColumn(
                    c.Name, Rows(c).Select(d => d?.ToDateTime(TimeOnly.MinValue))),
                StringColumn c => new StringDataFrameColumn(c.Name, Enumerable.Range(0, c.Length).Select(i => c[i])),
                _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.DataType} has no DataFrame equivalent."),
            });
        }

        return new DataFrame(columns);
    }

    private static IEnumerable<T?> Rows<T>(PrimitiveColumn<T> column)
        where T : unmanaged
    {
        for (var i = 0; i < column.Length; i++)
        {
            yield return column[i];
        }
    }
}
