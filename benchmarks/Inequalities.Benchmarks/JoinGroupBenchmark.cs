using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Microsoft.Data.Analysis;

namespace Inequalities.Benchmarks;

/// <summary>
/// Join and group at national scale: a long table of 33,755 LSOAs × <see cref="Indicators"/> indicators × 5 periods
/// joined to areas (district, population) and deprivation (decile), then population-weighted decile means per
/// indicator, period, district and decile (about 1.5 million groups at 100 indicators). Peers: DuckDB SQL
/// (Baseline, in-process, every core), the core's general <see cref="Table.Join(Table, string, JoinKind)"/> +
/// <see cref="Table.GroupBy"/>, the core's fast path <see cref="DenseGroups.WeightedMeanBy"/>, and
/// Microsoft.Data.Analysis (Merge, then GroupBy on a packed key).
/// </summary>
[MemoryDiagnoser]
public class JoinGroupBenchmark
{
    private NationalData data = null!;
    private DuckDBConnection duck = null!;
    private DataFrame longFrame = null!;
    private DataFrame areasFrame = null!;
    private DataFrame deprivationFrame = null!;

    /// <summary>Indicators in the long table (each with 5 periods of 33,755 LSOAs).</summary>
    [ParamsSource(nameof(IndicatorCounts))]
    public int Indicators { get; set; }

    /// <summary>100 indicators; 2 when <c>BENCH_ENV=ci</c> (the CI dry run only checks that every benchmark runs).</summary>
    public static IEnumerable<int> IndicatorCounts => NationalData.IsCi ? [2] : [100];

    [GlobalSetup]
    public void Setup()
    {
        data = new NationalData(Indicators);
        duck = data.OpenDuckDb(NationalData.ScratchFolder($"join-{Indicators}"));
        longFrame = data.Long.ToDataFrame();
        areasFrame = data.Areas.ToDataFrame();
        deprivationFrame = data.Deprivation.ToDataFrame();
    }

    [GlobalCleanup]
    public void Cleanup() => duck.Dispose();

    [Benchmark(Baseline = true)]
    public long DuckDb()
    {
        NationalData.Execute(duck, """
            CREATE OR REPLACE TEMP TABLE result AS
            SELECT l.indicator_id, l.period, a.lad_code, d.decile,
                   sum(l.value * a.population) / sum(a.population) AS value, sum(a.population) AS population, count(*) AS lsoas
            FROM lsoa_indicators l JOIN areas a USING (lsoa_code) JOIN deprivation d USING (lsoa_code)
            WHERE l.value IS NOT NULL
            GROUP BY ALL
            """);
        return NationalData.Scalar(duck, "SELECT count(*) FROM result");
    }

    [Benchmark]
    public long CoreJoinGroupBy()
    {
        var joined = data.Long.Join(data.Areas, "lsoa_code").Join(data.Deprivation, "lsoa_code");
        var valid = joined.Filter(joined.Primitive<double>("value").Mask(_ => true));
        var result = valid.GroupBy("indicator_id", "period", "lad_code", "decile").Aggregate(
            Aggregation.WeightedMean("value", "population", "value_mean"), Aggregation.Sum("population", "population_sum"), Aggregation.Count("lsoas"));
        return result.RowCount;
    }

    [Benchmark]
    public long CoreDenseGroups()
    {
        // Entity (LSOA) arrays: district × 10 + decile - 1 and population, indexed by the area row.
        var areaLsoa = data.Areas.Strings("lsoa_code");
        var ladIds = data.Areas.Strings("lad_code").Ids;
        var population = data.Areas.Primitive<double>("population").Values.ToArray();
        var deprivationRow = DenseGroups.IndexOf(areaLsoa, data.Deprivation.Strings("lsoa_code"));
        var deciles = data.Deprivation.Primitive<int>("decile").Values;
        var areaGroups = new int[areaLsoa.Length];
        for (var a = 0; a < areaGroups.Length; a++)
        {
            var d = deprivationRow[areaLsoa.Ids[a]];
            areaGroups[a] = d < 0 ? -1 : (ladIds[a] * 10) + deciles[d] - 1;
        }

        // Row groups: indicator × periods + period, packed from the dictionary ids.
        var lsoa = data.Long.Strings("lsoa_code");
        var indicator = data.Long.Strings("indicator_id");
        var period = data.Long.Strings("period");
        var periods = period.Dictionary.Count;
        var rowGroups = new int[lsoa.Length];
        var indicatorIds = indicator.Ids;
        var periodIds = period.Ids;
        for (var i = 0; i < rowGroups.Length; i++)
        {
            rowGroups[i] = (indicatorIds[i] * periods) + periodIds[i];
        }

        // Missing values become NaN (the fast path skips NaN).
        var valueColumn = data.Long.Primitive<double>("value");
        var values = valueColumn.Values.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (!valueColumn.IsValid(i))
            {
                values[i] = double.NaN;
            }
        }

        var means = DenseGroups.WeightedMeanBy(
            values: values, keys: lsoa.Ids.ToArray(), entityOfKey: DenseGroups.IndexOf(lsoa, areaLsoa), rowGroups: rowGroups,
            rowGroupCount: indicator.Dictionary.Count * periods, entityGroups: areaGroups,
            entityGroupCount: data.Areas.Strings("lad_code").Dictionary.Count * 10, entityWeights: population);
        return means.NonEmptyGroups();
    }

    [Benchmark]
    public long DataFrameMergeGroupBy()
    {
        var merged = longFrame.Merge<string>(areasFrame, "lsoa_code", "lsoa_code", joinAlgorithm: JoinAlgorithm.Inner);
        merged = merged.Merge<string>(deprivationFrame, "lsoa_code_left", "lsoa_code", joinAlgorithm: JoinAlgorithm.Inner);
        var weighted = (DoubleDataFrameColumn)(merged["value"] * merged["population"]);
        weighted.SetName("weighted");
        merged.Columns.Add(weighted);
        var key = new StringDataFrameColumn("key", merged.Rows.Count);
        var ind = (StringDataFrameColumn)merged["indicator_id"];
        var per = (StringDataFrameColumn)merged["period"];
        var lad = (StringDataFrameColumn)merged["lad_code"];
        var dec = (PrimitiveDataFrameColumn<int>)merged["decile"];
        for (long r = 0; r < merged.Rows.Count; r++)
        {
            key[r] = string.Concat(ind[r], "|", per[r], "|", lad[r], "|", dec[r]?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        merged.Columns.Add(key);
        var sums = merged.DropNulls().GroupBy("key").Sum("weighted", "population");
        return sums.Rows.Count;
    }
}
