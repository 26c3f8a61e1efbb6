#:package Inequalities.Lake@0.1.0-local
#:package Inequalities.Charts@0.1.0-local
#:property PublishAot=false
// The core of notebooks/lcr-assets-against-need.ipynb as a .NET 10 file-based app: community organisations against
// need in the Liverpool City Region from the real register (Co-operatives UK open data, June 2023, placed through OS
// Code-Point Open): the registered organisations per district and by category, the district and city-region summary,
// organisations per 10,000 residents by need decile, the priority neighbourhoods, the asset-need chart and the map of
// high-need, low-asset neighbourhoods with the organisations. Every total is checked against the rows it is built from.
//
//   dotnet run examples/lcr-assets-against-need.cs
//
// Lake: INEQUALITIES_LAKE, else lake-real (inequalities refresh --config tests/data-sources.shared.yml --lake
// lake-real). Charts go to INEQUALITIES_EXAMPLES_OUT, else artifacts/examples. Exit code 1 when a total disagrees.
using System.Globalization;
using Inequalities.Charts;
using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Snapshots;
using Assets = Inequalities.Lake.AssetsColumns;
using Categories = Inequalities.Lake.AssetCategorySummaryColumns;
using Deciles = Inequalities.Lake.AssetNeedDecilesColumns;
using Need = Inequalities.Lake.AssetNeedColumns;
using Summary = Inequalities.Lake.AssetNeedSummaryColumns;

var lake = LakeSnapshot.OpenCurrent(Environment.GetEnvironmentVariable("INEQUALITIES_LAKE") ?? "lake-real");
var output = Directory.CreateDirectory(Environment.GetEnvironmentVariable("INEQUALITIES_EXAMPLES_OUT") ?? Path.Combine("artifacts", "examples")).FullName;
var failures = new List<string>();
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"Snapshot {lake.Id}{(lake.Manifest.Sample ? " (sample mirror: synthetic registers)" : string.Empty)}");
foreach (var source in lake.Manifest.Tables.First(t => t.Name == TableNames.Assets).Sources)
{
    var entry = lake.Manifest.Sources.First(s => s.Id == source);
    Console.WriteLine($"  the assets table reads {entry.Id}, {entry.Publisher}, {entry.Period}, {entry.Licence}");
}

// The city region and its districts.
var summary = await lake.ReadTableAsync(TableNames.AssetNeedSummary);
Console.WriteLine("area        type                 lsoas  population  assets  per 10k  priority lsoas  priority people  gradient sii");
for (var i = 0; i < summary.RowCount; i++)
{
    Console.WriteLine(string.Create(invariant,
        $"{summary.Strings(Summary.AreaCode)[i],-10}  {summary.Strings(Summary.AreaType)[i],-19}  {summary.Number(Summary.Lsoas, i),5}  {summary.Number(Summary.Population, i),10:N0}  {summary.Number(Summary.AssetCount, i),6}  {summary.Number(Summary.AssetsPer10k, i),7:F2}  {summary.Number(Summary.HighNeedLowAssetLsoas, i),14}  {summary.Number(Summary.HighNeedLowAssetPopulation, i),15:N0}  {summary.Number(Summary.AssetGradientSii, i),12:F2}"));
}

var region = Row(summary, Summary.AreaCode, SnapshotQueries.LiverpoolCityRegion);
var districts = Enumerable.Range(0, summary.RowCount).Where(i => i != region).ToList();
Check(districts.Count == 6, $"expected the six LCR districts besides the region, got {districts.Count}");
foreach (var column in new[] { Summary.Lsoas, Summary.Population, Summary.AssetCount, Summary.HighNeedLowAssetLsoas, Summary.HighNeedLowAssetPopulation })
{
    var sum = districts.Sum(i => summary.Number(column, i));
    Check(Math.Abs(sum - summary.Number(column, region)) < 1e-6, $"the districts' {column} add up to {sum}, the region has {summary.Number(column, region)}");
}

// The registered organisations placed in each district, counted from the assets table (no reject reason), against
// the summary's asset_count; and the organisations of the whole register that were left out, by reason.
var assets = await lake.ReadTableAsync(TableNames.Assets);
var (lad, reject, inStudy) = (assets.Strings(Assets.LadCode), assets.Strings(Assets.RejectReason), assets.Column(Assets.InStudyArea) as PrimitiveColumn<bool>);
var placed = Enumerable.Range(0, assets.RowCount).Where(i => reject[i] is null && lad[i] is not null && inStudy?[i] != false)
    .GroupBy(i => lad[i]!).ToDictionary(g => g.Key, g => g.Count());
foreach (var i in districts)
{
    var code = summary.Strings(Summary.AreaCode)[i]!;
    var count = placed.GetValueOrDefault(code);
    Console.WriteLine(string.Create(invariant, $"placed organisations in {code} {summary.Strings(Summary.AreaName)[i]}: {count}"));
    Check(count == summary.Number(Summary.AssetCount, i), $"{count} organisations placed in {code} in assets, {summary.Number(Summary.AssetCount, i)} in the summary");
}

Check(placed.Values.Sum() == summary.Number(Summary.AssetCount, region), $"{placed.Values.Sum()} organisations placed in the region, {summary.Number(Summary.AssetCount, region)} in the summary");
Console.WriteLine("left out of the counts: " + string.Join(", ", Enumerable.Range(0, assets.RowCount).Where(i => reject[i] is not null)
    .GroupBy(i => reject[i]!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));

// By category, for the whole city region.
var categories = (await lake.ReadTableAsync(TableNames.AssetCategorySummary, Categories.AreaCode, [SnapshotQueries.LiverpoolCityRegion]))
    .SortBy(Categories.AssetCount, descending: true);
Console.WriteLine("by category: " + string.Join(", ", Enumerable.Range(0, categories.RowCount).Where(i => categories.Number(Categories.AssetCount, i) > 0)
    .Select(i => string.Create(invariant, $"{categories.Strings(Categories.Category)[i]} {categories.Number(Categories.AssetCount, i)}"))));
Check(Math.Abs(Enumerable.Range(0, categories.RowCount).Sum(i => categories.Number(Categories.AssetCount, i)) - summary.Number(Summary.AssetCount, region)) < 1e-6, "the categories' organisations do not add up to the region's");

// Organisations per 10,000 residents by need decile, the whole city region.
var deciles = (await lake.ReadTableAsync(TableNames.AssetNeedDeciles, Deciles.AreaCode, [SnapshotQueries.LiverpoolCityRegion])).SortBy(Deciles.NeedDecile);
Console.WriteLine("need decile: " + string.Join(", ", Enumerable.Range(0, deciles.RowCount).Select(i => string.Create(invariant, $"{deciles.Number(Deciles.NeedDecile, i)}: {deciles.Number(Deciles.AssetsPer10k, i):F2}"))));
Check(Math.Abs(Enumerable.Range(0, deciles.RowCount).Sum(i => deciles.Number(Deciles.AssetCount, i)) - summary.Number(Summary.AssetCount, region)) < 1e-6, "the need deciles' organisations do not add up to the region's");

// The priority neighbourhoods (high need, few organisations), largest shortfall first.
var need = await lake.ReadTableAsync(TableNames.AssetNeed, Need.CauthCode, [SnapshotQueries.LiverpoolCityRegion]);
var priority = need.Where((Need.Quadrant, "high_need_low_assets")).SortBy(Need.AssetGap, descending: true);
for (var i = 0; i < Math.Min(5, priority.RowCount); i++)
{
    Console.WriteLine(string.Create(invariant,
        $"priority {priority.Strings(Need.LsoaCode)[i]} {priority.Strings(Need.LsoaName)[i]}: need decile {priority.Number(Need.NeedDecile, i)}, {priority.Number(Need.AssetCount, i)} organisations, short of {priority.Number(Need.AssetGap, i):F2}"));
}

Check(priority.RowCount == summary.Number(Summary.HighNeedLowAssetLsoas, region), $"{priority.RowCount} priority neighbourhoods in asset_need, {summary.Number(Summary.HighNeedLowAssetLsoas, region)} in the summary");
Check(Enumerable.Range(0, priority.RowCount).All(i => priority.Number(Need.NeedDecile, i) <= 3), "a priority neighbourhood is outside need deciles 1 to 3");
Check(need.RowCount == summary.Number(Summary.Lsoas, region), $"{need.RowCount} neighbourhoods in asset_need, {summary.Number(Summary.Lsoas, region)} in the summary");

// The charts: need against organisations, and the map of the priority neighbourhoods with the organisations.
var chart = Path.Combine(output, "asset-need-lcr.png");
(await Charts.AssetNeedAsync(lake, new AssetNeedChartOptions())).Save(chart);
Check(new FileInfo(chart).Length > 10_000, $"{chart} is too small to be a chart");
var map = await Charts.AssetNeedMapAsync(lake, new AssetNeedMapChartOptions());
map.Save(Path.Combine(output, "asset-map-lcr.png"));
Check(map.HighNeedLowAssets.Count == priority.RowCount, $"the map highlights {map.HighNeedLowAssets.Count} neighbourhoods, asset_need flags {priority.RowCount}");
Check(map.Organisations.Count == summary.Number(Summary.AssetCount, region), $"the map draws {map.Organisations.Count} organisations, the summary counts {summary.Number(Summary.AssetCount, region)}");
Console.WriteLine($"Wrote {chart} and asset-map-lcr.png ({map.Organisations.Count} organisations on {map.HighNeedLowAssets.Count} highlighted neighbourhoods)");

if (failures.Count > 0)
{
    Console.Error.WriteLine("lcr-assets-against-need: " + string.Join("; ", failures));
    return 1;
}

Console.WriteLine(string.Create(invariant, $"lcr-assets-against-need: {placed.Values.Sum()} registered organisations placed in the region, the summary adds up; {priority.RowCount} priority neighbourhoods."));
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
