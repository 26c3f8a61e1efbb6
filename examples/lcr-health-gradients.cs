#:package Inequalities.Lake@0.1.0-local
#:package Inequalities.Charts@0.1.0-local
#:property PublishAot=false
// The core of notebooks/lcr-health-gradients.ipynb as a .NET 10 file-based app: slope and relative indices of
// inequality of the health indicators across deprivation deciles for the Liverpool City Region and its districts,
// years of potential life lost across income deprivation by district, and Liverpool's gradient chart. Every slope
// index of that indicator (the quantile method) is recomputed from its decile table with the library's OHID method
// and compared with the lake.
//
//   dotnet run examples/lcr-health-gradients.cs
//
// Lake: INEQUALITIES_LAKE, else lake-real. Charts go to INEQUALITIES_EXAMPLES_OUT, else artifacts/examples.
// Exit code 1 when a recomputed number disagrees with the lake.
using System.Globalization;
using Inequalities.Charts;
using Inequalities.Core.Columnar;
using Inequalities.Core.Measures;
using Inequalities.Lake;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Snapshots;
using Gradients = Inequalities.Lake.InequalityGradientsColumns;
using Quantiles = Inequalities.Lake.InequalityQuantilesColumns;

const string Ypll = "years_of_potential_life_lost";
const string IncomeBasis = "iod2019/income/national";

var lake = LakeSnapshot.OpenCurrent(Environment.GetEnvironmentVariable("INEQUALITIES_LAKE") ?? "lake-real");
var output = Directory.CreateDirectory(Environment.GetEnvironmentVariable("INEQUALITIES_EXAMPLES_OUT") ?? Path.Combine("artifacts", "examples")).FullName;
var failures = new List<string>();

var lcr = await lake.DistrictCodesAsync(SnapshotQueries.LiverpoolCityRegion);
string[] areas = [.. lcr, SnapshotQueries.LiverpoolCityRegion];
var gradients = await lake.ReadTableAsync(TableNames.InequalityGradients, Gradients.AreaCode, areas);
Console.WriteLine($"Snapshot {lake.Id}: {gradients.RowCount} gradients for the LCR and its districts");

// Every indicator, every area: IMD 2019 national deciles.
var imd = gradients.Where((Gradients.Basis, "iod2019/imd/national"), (Gradients.Method, "quantile")).SortBy(Gradients.AreaCode).SortBy(Gradients.IndicatorId);
Console.WriteLine("indicator                                   area        sii (95% CI)                  rii    concentration");
for (var i = 0; i < imd.RowCount; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{imd.Strings(Gradients.IndicatorId)[i],-43} {imd.Strings(Gradients.AreaCode)[i],-10} {imd.Number(Gradients.Sii, i),8:F2} ({imd.Number(Gradients.SiiLower, i),8:F2} to {imd.Number(Gradients.SiiUpper, i),8:F2})  {imd.Number(Gradients.Rii, i),5:F2}  {imd.Number(Gradients.ConcentrationIndex, i),7:F3}"));
}

Check(imd.RowCount > 0, "no gradients on the IMD 2019 national deciles");

// Years of potential life lost across income deprivation, each district and the region: recomputed from the deciles.
var ypll = gradients.Where((Gradients.Basis, IncomeBasis), (Gradients.IndicatorId, Ypll), (Gradients.Method, "quantile"));
var deciles = (await lake.ReadTableAsync(TableNames.InequalityQuantiles, Quantiles.AreaCode, areas)).Where((Quantiles.Basis, IncomeBasis), (Quantiles.IndicatorId, Ypll));
Check(ypll.RowCount == areas.Length, $"expected a {Ypll} gradient for each of the {areas.Length} areas, got {ypll.RowCount}");
var recomputed = 0;
for (var i = 0; i < ypll.RowCount; i++)
{
    var area = ypll.Strings(Gradients.AreaCode)[i]!;
    var sii = ypll.Number(Gradients.Sii, i);
    var own = deciles.Where((Quantiles.AreaCode, area)).SortBy(Quantiles.Quantile);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Ypll} by income decile, {area}: SII {sii:F1} ({ypll.Number(Gradients.SiiLower, i):F1} to {ypll.Number(Gradients.SiiUpper, i):F1}), gap {ypll.Number(Gradients.AbsGap, i):F1}"));
    if (double.IsNaN(sii))
    {
        // No slope where a decile is missing or has no standard error; the lake says why.
        Check(ypll.Strings(Gradients.Reason)[i] is { Length: > 0 }, $"{area}: the slope is null but no reason is given");
        continue;
    }

    if (own.RowCount == (int)ypll.Number(Gradients.QuantileCount, i))
    {
        Check(Math.Abs(ypll.Number(Gradients.AbsGap, i) - (own.Number(Quantiles.Value, 0) - own.Number(Quantiles.Value, own.RowCount - 1))) < 1e-9, $"{area}: abs_gap is not decile 1 minus decile {own.RowCount}");
    }

    var records = Enumerable.Range(0, own.RowCount)
        .Select(q => new SiiRecord(area, own.Number(Quantiles.Quantile, q), own.Number(Quantiles.Population, q), own.Number(Quantiles.Value, q)) { StandardError = own.Number(Quantiles.Se, q) })
        .ToList();
    var result = Sii.Calculate(records, new SiiOptions { Rii = true, Seed = 1 }).Groups.Single();
    Check(Math.Abs(result.Sii - sii) < 1e-6, $"{area}: SII {sii} from the lake, {result.Sii} recomputed");
    Check(Math.Abs(result.SiiLimits[0].Lower - ypll.Number(Gradients.SiiLower, i)) < 1e-6 && Math.Abs(result.SiiLimits[0].Upper - ypll.Number(Gradients.SiiUpper, i)) < 1e-6, $"{area}: the SII limits differ from the recomputed ones");
    Check(Math.Abs(result.Rii - ypll.Number(Gradients.Rii, i)) < 1e-6, $"{area}: RII {ypll.Number(Gradients.Rii, i)} from the lake, {result.Rii} recomputed");
    recomputed++;
}

// Liverpool, the README's worked example: more life lost where income deprivation is higher.
var liverpool = ypll.Where((Gradients.AreaCode, "E08000012"));
Check(liverpool.RowCount == 1 && liverpool.Number(Gradients.SiiUpper, 0) < 0, "Liverpool's SII interval should lie below zero");
Check(recomputed >= 2, $"only {recomputed} slope indices could be recomputed");

foreach (var (name, options) in new[]
{
    ("gradient-liverpool-ypll.png", new GradientChartOptions { IndicatorId = Ypll, AreaCode = "E08000012", Basis = IncomeBasis }),
    ("gradient-lcr-ypll.png", new GradientChartOptions { IndicatorId = Ypll }),
})
{
    var path = Path.Combine(output, name);
    (await Charts.GradientAsync(lake, options)).Save(path);
    Check(new FileInfo(path).Length > 10_000, $"{path} is too small to be a chart");
    Console.WriteLine($"Wrote {path}");
}

if (failures.Count > 0)
{
    Console.Error.WriteLine("lcr-health-gradients: " + string.Join("; ", failures));
    return 1;
}

Console.WriteLine($"lcr-health-gradients: {recomputed} slope indices recomputed from their deciles equal the lake's.");
return 0;

void Check(bool ok, string problem)
{
    if (!ok)
    {
        failures.Add(problem);
    }
}
