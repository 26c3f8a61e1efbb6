#:package Inequalities.Lake@0.1.0-local
#:package Inequalities.Charts@0.1.0-local
#:property PublishAot=false
// The core of notebooks/lcr-assets-against-need.ipynb as a .NET 10 file-based app: community organisations against
// need in the Liverpool City Region (the district and city-region summary, organisations per 10,000 residents by need
// decile, the priority neighbourhoods, the asset-need chart), with the summary's totals checked against the
// neighbourhood rows they are built from.
//
//   dotnet run examples/lcr-assets-against-need.cs
//
// Lake: INEQUALITIES_ASSETS_LAKE, else lake (the real data beside the repository has no community-business registers,
// so CI uses the sample lake, whose registers are synthetic). Charts go to INEQUALITIES_EXAMPLES_OUT, else
// artifacts/examples. Exit code 1 when a total disagrees.
using System.Globalization;
using Inequalities.Charts;
using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Snapshots;
using Deciles = Inequalities.Lake.AssetNeedDecilesColumns;
using Need = Inequalities.Lake.AssetNeedColumns;
using Summary = Inequalities.Lake.AssetNeedSummaryColumns;

var lake = LakeSnapshot.OpenCurrent(Environment.GetEnvironmentVariable("INEQUALITIES_ASSETS_LAKE") ?? "lake");
var output = Directory.CreateDirectory(Environment.GetEnvironmentVariable("INEQUALITIES_EXAMPLES_OUT") ?? Path.Combine("artifacts", "examples")).FullName;
var failures = new List<string>();
Console.WriteLine($"Snapshot {lake.Id}{(lake.Manifest.Sample ? " (sample mirror: synthetic registers)" : string.Empty)}");

// The city region and its districts.
var summary = await lake.ReadTableAsync(TableNames.AssetNeedSummary);
Console.WriteLine("area        type                 lsoas  population  assets  per 10k  priority lsoas  priority people  gradient sii");
for (var i = 0; i < summary.RowCount; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{summary.Strings(Summary.AreaCode)[i],-10}  {summary.Strings(Summary.AreaType)[i],-19}  {summary.Number(Summary.Lsoas, i),5}  {summary.Number(Summary.Population, i),10:N0}  {summary.Number(Summary.AssetCount, i),6}  {summary.Number(Summary.AssetsPer10k, i),7:F1}  {summary.Number(Summary.HighNeedLowAssetLsoas, i),14}  {summary.Number(Summary.HighNeedLowAssetPopulation, i),15:N0}  {summary.Number(Summary.AssetGradientSii, i),12:F2}"));
}

var region = Row(summary, Summary.AreaCode, SnapshotQueries.LiverpoolCityRegion);
var districts = Enumerable.Range(0, summary.RowCount).Where(i => i != region).ToList();
Check(districts.Count == 6, $"expected the six LCR districts besides the region, got {districts.Count}");
foreach (var column in new[] { Summary.Lsoas, Summary.Population, Summary.AssetCount, Summary.HighNeedLowAssetLsoas, Summary.HighNeedLowAssetPopulation })
{
    var sum = districts.Sum(i => summary.Number(column, i));
    Check(Math.Abs(sum - summary.Number(column, region)) < 1e-6, $"the districts' {column} add up to {sum}, the region has {summary.Number(column, region)}");
}

// Organisations per 10,000 residents by need decile, the whole city region.
var deciles = (await lake.ReadTableAsync(TableNames.AssetNeedDeciles, Deciles.AreaCode, [SnapshotQueries.LiverpoolCityRegion])).SortBy(Deciles.NeedDecile);
Console.WriteLine("need decile: " + string.Join(", ", Enumerable.Range(0, deciles.RowCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"{deciles.Number(Deciles.NeedDecile, i)}: {deciles.Number(Deciles.AssetsPer10k, i):F1}"))));
Check(Math.Abs(Enumerable.Range(0, deciles.RowCount).Sum(i => deciles.Number(Deciles.AssetCount, i)) - summary.Number(Summary.AssetCount, region)) < 1e-6, "the need deciles' organisations do not add up to the region's");

// The priority neighbourhoods (high need, few organisations), largest shortfall first.
var need = await lake.ReadTableAsync(TableNames.AssetNeed, Need.CauthCode, [SnapshotQueries.LiverpoolCityRegion]);
var priority = need.Where((Need.Quadrant, "high_need_low_assets")).SortBy(Need.AssetGap, descending: true);
for (var i = 0; i < Math.Min(5, priority.RowCount); i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"priority {priority.Strings(Need.LsoaCode)[i]} {priority.Strings(Need.LadCode)[i]}: need decile {priority.Number(Need.NeedDecile, i)}, {priority.Number(Need.AssetCount, i)} organisations, short of {priority.Number(Need.AssetGap, i):F1}"));
}

Check(priority.RowCount == summary.Number(Summary.HighNeedLowAssetLsoas, region), $"{priority.RowCount} priority neighbourhoods in asset_need, {summary.Number(Summary.HighNeedLowAssetLsoas, region)} in the summary");
Check(Enumerable.Range(0, priority.RowCount).All(i => priority.Number(Need.NeedDecile, i) <= 3), "a priority neighbourhood is outside need deciles 1 to 3");
Check(need.RowCount == summary.Number(Summary.Lsoas, region), $"{need.RowCount} neighbourhoods in asset_need, {summary.Number(Summary.Lsoas, region)} in the summary");

var chart = Path.Combine(output, "asset-need-lcr.png");
(await Charts.AssetNeedAsync(lake, new AssetNeedChartOptions())).Save(chart);
Check(new FileInfo(chart).Length > 10_000, $"{chart} is too small to be a chart");
Console.WriteLine($"Wrote {chart}");

if (failures.Count > 0)
{
    Console.Error.WriteLine("lcr-assets-against-need: " + string.Join("; ", failures));
    return 1;
}

Console.WriteLine($"lcr-assets-against-need: the summary adds up; {priority.RowCount} priority neighbourhoods.");
return 0;

void Check(bool ok, string problem)
{
    if (!ok)
    {
        failures.Add(problem);
    }
}

static int Row(Table table, string column, string value) =>
    Array.IndexOf(table.Mask((column, value)), true) is >= 0 and var row ? row : throw new InvalidOperationException($"{table.Name} has no {column} {value}");
