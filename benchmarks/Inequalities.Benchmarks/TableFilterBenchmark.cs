using System.Globalization;
using BenchmarkDotNet.Attributes;
using Inequalities.Core.Columnar;

namespace Inequalities.Benchmarks;

/// <summary>
/// The core's typed row filter (<see cref="TableFilters"/>: string columns compared on dictionary ids, numbers as
/// numbers) against the text comparison the charts used before it (a private copy below, the Baseline: every cell
/// formatted as text and compared), on the <c>lsoa_indicators</c>-shaped table (33,755 LSOAs × <see cref="Indicators"/>
/// indicators × 5 periods, with the lake's Int32 <c>lsoa_vintage</c> column added): one indicator and period (two
/// string columns), and the same with <c>lsoa_vintage = 2021</c> (a number column, formatted per row by the baseline).
/// </summary>
[MemoryDiagnoser]
public class TableFilterBenchmark
{
    private Table table = null!;
    private (string Column, string Value)[] textConditions = [];
    private (string Column, CellValue Value)[] typedConditions = [];

    /// <summary>Indicators in the table (each with 5 periods of 33,755 LSOAs).</summary>
    [ParamsSource(nameof(IndicatorCounts))]
    public int Indicators { get; set; }

    /// <summary>10 indicators (1.69 M rows); 2 when <c>BENCH_ENV=ci</c>.</summary>
    public static IEnumerable<int> IndicatorCounts => NationalData.IsCi ? [2] : [10];

    /// <summary>The conditions: two string columns, or those and a number column.</summary>
    [Params("2 text", "2 text + 1 number")]
    public string Conditions { get; set; } = "2 text";

    [GlobalSetup]
    public void Setup()
    {
        var data = new NationalData(Indicators);
        var vintage = new int[data.Long.RowCount];
        Array.Fill(vintage, 2021);
        table = data.Long.WithColumn(Column.FromValues<int>("lsoa_vintage", vintage));
        textConditions = Conditions == "2 text"
            ? [("indicator_id", "indicator_001"), ("period", "2021")]
            : [("indicator_id", "indicator_001"), ("period", "2021"), ("lsoa_vintage", "2021")];
        typedConditions = Conditions == "2 text"
            ? [("indicator_id", "indicator_001"), ("period", "2021")]
            : [("indicator_id", "indicator_001"), ("period", "2021"), ("lsoa_vintage", 2021)];
        var expected = TextRows(table, textConditions).Count;
        if (expected != Lsoas(table.Mask(typedConditions)) || expected != NationalData.Lsoas)
        {
            throw new InvalidOperationException($"The filters disagree: text {expected} rows, typed {Lsoas(table.Mask(typedConditions))}, expected {NationalData.Lsoas}.");
        }
    }

    /// <summary>The row indices where every cell's text equals the value (the charts' filter before the typed one).</summary>
    [Benchmark(Baseline = true)]
    public int TextCompare() => TextRows(table, textConditions).Count;

    /// <summary>The row selection of the typed filter.</summary>
    [Benchmark]
    public int TypedMask() => Lsoas(table.Mask(typedConditions));

    /// <summary>The typed filter giving the filtered table (its columns gathered).</summary>
    [Benchmark]
    public int TypedWhere() => table.Where(typedConditions).RowCount;

    private static int Lsoas(bool[] mask) => mask.Count(kept => kept);

    /// <summary>The text comparison the charts' LakeData.Rows made before the typed filter, kept here as the peer.</summary>
    private static List<int> TextRows(Table table, (string Column, string Value)[] conditions)
    {
        var columns = conditions.Select(c => (Column: table.Column(c.Column), c.Value)).ToArray();
        var rows = new List<int>();
        for (var i = 0; i < table.RowCount; i++)
        {
            var keep = true;
            foreach (var (column, value) in columns)
            {
                if (!string.Equals(Text(column, i), value, StringComparison.Ordinal))
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                rows.Add(i);
            }
        }

        return rows;
    }

    private static string? Text(Column column, int row) => !column.IsValid(row) ? null : column switch
    {
        StringColumn s => s[row],
        PrimitiveColumn<double> d => d[row]!.Value.ToString("R", CultureInfo.InvariantCulture),
        PrimitiveColumn<int> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<long> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<bool> b => b[row]!.Value ? "true" : "false",
        _ => null,
    };
}
