#:package Inequalities.Lake@0.1.0-local
#:package Inequalities.Charts@0.1.0-local
#:property PublishAot=false
// The core of notebooks/lcr-deprivation-at-a-glance.ipynb as a .NET 10 file-based app: the six Liverpool City Region
// districts on the IoD2019 and IoD2025 district summaries, the district-summary chart and the IoD2025 map, and the
// region's neighbourhoods per national decile. The library's IoD2025 "proportion of LSOAs in the most deprived 10%"
// and its rank are checked against the published File 10, which the real-data lake holds as it was published (the
// indicators table, source iod2025-file10-lad).
//
//   dotnet run examples/lcr-deprivation-at-a-glance.cs
//
// Lake: INEQUALITIES_LAKE, else lake-real. Charts are written to INEQUALITIES_EXAMPLES_OUT, else artifacts/examples. Exit code 1 when a number disagrees with the published one.
using System.Globalization;
using Inequalities.Charts;
using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Snapshots;
using Deprivation = Inequalities.Lake.DeprivationColumns;
using Indicators = Inequalities.Lake.IndicatorsColumns;
using Summaries = Inequalities.Lake.LadDeprivationSummariesColumns;

var lake = LakeSnapshot.OpenCurrent(Environment.GetEnvironmentVariable("INEQUALITIES_LAKE") ?? "lake-real");
var output = Directory.CreateDirectory(Environment.GetEnvironmentVariable("INEQUALITIES_EXAMPLES_OUT") ?? Path.Combine("artifacts", "examples")).FullName;
var failures = new List<string>();

var lcr = await lake.DistrictCodesAsync(SnapshotQueries.LiverpoolCityRegion);
Console.WriteLine($"Snapshot {lake.Id}; LCR districts: {string.Join(", ", lcr)}");
Check(lcr.SequenceEqual(["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"]), $"the LCR districts are Halton, Knowsley, Liverpool, St Helens, Sefton and Wirral (got {string.Join(", ", lcr)})");

// The districts on the Index of Multiple Deprivation, 2019 and 2025 side by side.
var imd = (await lake.ReadTableAsync(TableNames.LadDeprivationSummaries, Summaries.LadCode, lcr)).Where((Summaries.Domain, "imd")).SortBy(Summaries.LadCode);
Console.WriteLine("index    district                 rank of avg rank  in most deprived 10%  rank  extent  local concentration");
for (var i = 0; i < imd.RowCount; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{imd.Strings(Summaries.IndexId)[i],-8} {imd.Strings(Summaries.LadName)[i],-24} {imd.Number(Summaries.RankOfAverageRank, i),16}  {imd.Number(Summaries.ProportionMostDeprived10pc, i),20:P1}  {imd.Number(Summaries.RankOfProportionMostDeprived10pc, i),4}  {imd.Number(Summaries.Extent, i),6:F3}  {imd.Number(Summaries.LocalConcentration, i),19:F0}"));
}

Check(imd.Where((Summaries.IndexId, "iod2019")).RowCount == 6 && imd.Where((Summaries.IndexId, "iod2025")).RowCount == 6, "one IMD summary row per district for each index");

// IoD2025 proportion in the most deprived 10% and its rank against the published File 10 (to its 4 decimal places).
const string Proportion = "imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally";
const string RankOfProportion = "imd_rank_of_proportion_of_lso_as_in_most_deprived_10_percent_nationally";
var file10Rows = (await lake.ReadTableAsync(TableNames.Indicators, Indicators.AreaCode, lcr)).Where((Indicators.SourceId, "iod2025-file10-lad"));
var file10 = Enumerable.Range(0, file10Rows.RowCount).ToDictionary(i => (file10Rows.Strings(Indicators.AreaCode)[i]!, file10Rows.Strings(Indicators.IndicatorId)[i]!), i => file10Rows.Number(Indicators.Value, i));
var iod2025 = imd.Where((Summaries.IndexId, "iod2025"));
for (var i = 0; i < iod2025.RowCount; i++)
{
    var code = iod2025.Strings(Summaries.LadCode)[i]!;
    var (proportion, rank) = (iod2025.Number(Summaries.ProportionMostDeprived10pc, i), iod2025.Number(Summaries.RankOfProportionMostDeprived10pc, i));
    var (publishedProportion, publishedRank) = (file10[(code, Proportion)], file10[(code, RankOfProportion)]);
    Check(Math.Abs(proportion - publishedProportion) <= 0.00005, $"{code}: proportion in the most deprived 10% {proportion} is not File 10's {publishedProportion}");
    Check(rank == publishedRank, $"{code}: its rank {rank} is not File 10's {publishedRank}");
}

// The region's neighbourhoods (LSOA 2021) per national IoD2025 decile.
var lsoas = await lake.LsoaCodesAsync(SnapshotQueries.LiverpoolCityRegion);
var deprivation = (await lake.ReadTableAsync(TableNames.Deprivation, Deprivation.LsoaCode, lsoas)).Where((Deprivation.IndexId, "iod2025"), (Deprivation.Domain, "imd"));
var perDecile = Enumerable.Range(0, deprivation.RowCount).GroupBy(i => (int)deprivation.Number(Deprivation.Decile, i)).OrderBy(g => g.Key).ToList();
Console.WriteLine("IoD2025 decile: " + string.Join(", ", perDecile.Select(g => $"{g.Key}: {g.Count()}")));
Check(perDecile.Sum(g => g.Count()) == deprivation.RowCount && perDecile.All(g => g.Key is >= 1 and <= 10), "every LCR neighbourhood has one national decile from 1 to 10");
Check(perDecile[0].Key == 1 && perDecile[0].Count() == perDecile.Max(g => g.Count()), "national decile 1 holds the most LCR neighbourhoods");

// The charts of the notebook, written as images.
foreach (var (name, chart) in new (string, ChartResult)[]
{
    ("district-summary-lcr.png", await Charts.DistrictSummaryAsync(lake, new DistrictSummaryChartOptions())),
    ("choropleth-lcr-imd2025.png", await Charts.ChoroplethAsync(lake, new ChoroplethChartOptions())),
})
{
    var path = Path.Combine(output, name);
    chart.Save(path);
    Check(new FileInfo(path).Length > 10_000, $"{path} is too small to be a chart");
    Console.WriteLine($"Wrote {path}");
}

if (failures.Count > 0)
{
    Console.Error.WriteLine("lcr-deprivation-at-a-glance: " + string.Join("; ", failures));
    return 1;
}

Console.WriteLine("lcr-deprivation-at-a-glance: the IoD2025 proportions and ranks equal File 10 for the six districts.");
return 0;

void Check(bool ok, string problem)
{
    if (!ok)
    {
        failures.Add(problem);
    }
}
