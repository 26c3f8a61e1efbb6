#:package Inequalities.Lake@0.1.0-local
#:property PublishAot=false
// The README's worked example as a .NET 10 file-based app: years of potential life lost across Liverpool's national
// income-deprivation deciles (IoD2019), the slope and relative index of inequality from the lake, recomputed from the
// decile table with the library's OHID method, and checked against the numbers the README prints.
//
//   dotnet run examples/worked-example.cs           (from the repository; examples/run-examples.sh runs them all)
//
// Lake: INEQUALITIES_LAKE, else lake-real (inequalities refresh --config tests/data-sources.shared.yml --lake lake-real).
// Exit code 1 when a number is not what the README says.
using System.Globalization;
using Inequalities.Core.Columnar;
using Inequalities.Core.Measures;
using Inequalities.Lake;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Snapshots;
using Gradients = Inequalities.Lake.InequalityGradientsColumns;
using Quantiles = Inequalities.Lake.InequalityQuantilesColumns;

const string Liverpool = "E08000012";
const string Indicator = "years_of_potential_life_lost";
const string Basis = "iod2019/income/national";

var lake = LakeSnapshot.OpenCurrent(Environment.GetEnvironmentVariable("INEQUALITIES_LAKE") ?? "lake-real");
var deciles = (await lake.ReadTableAsync(TableNames.InequalityQuantiles, Quantiles.AreaCode, [Liverpool]))
    .Where((Quantiles.IndicatorId, Indicator), (Quantiles.Basis, Basis)).SortBy(Quantiles.Quantile);
var gradient = (await lake.ReadTableAsync(TableNames.InequalityGradients, Gradients.AreaCode, [Liverpool]))
    .Where((Gradients.IndicatorId, Indicator), (Gradients.Basis, Basis), (Gradients.Method, "quantile"));

Console.WriteLine($"Snapshot {lake.Id}: {Indicator}, {Basis}, Liverpool ({Liverpool})");
Console.WriteLine("decile  lsoas  population   value     se");
var records = new List<SiiRecord>();
for (var i = 0; i < deciles.RowCount; i++)
{
    var (quantile, population, value, se) = (deciles.Number(Quantiles.Quantile, i), deciles.Number(Quantiles.Population, i), deciles.Number(Quantiles.Value, i), deciles.Number(Quantiles.Se, i));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{quantile,6}  {deciles.Number(Quantiles.Lsoas, i),5}  {population,10:N0}  {value,6:F2}  {se,5:F2}"));
    records.Add(new SiiRecord(Liverpool, quantile, population, value) { StandardError = se });
}

// The library's slope index (OHID method; closed forms, so the seed does not matter) on the decile table.
var computed = Sii.Calculate(records, new SiiOptions { Rii = true, Seed = 1 }).Groups.Single();
var (sii, siiLower, siiUpper) = (gradient.Number(Gradients.Sii, 0), gradient.Number(Gradients.SiiLower, 0), gradient.Number(Gradients.SiiUpper, 0));
var (rii, riiLower, riiUpper) = (gradient.Number(Gradients.Rii, 0), gradient.Number(Gradients.RiiLower, 0), gradient.Number(Gradients.RiiUpper, 0));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SII {sii:F1} (95% CI {siiLower:F1} to {siiUpper:F1}); RII {rii:F2} ({riiLower:F2} to {riiUpper:F2}); concentration index {gradient.Number(Gradients.ConcentrationIndex, 0):F3}"));

var failures = new List<string>();
Check("one quantile-method gradient row", gradient.RowCount, 1, 0);
Check("ten deciles", deciles.RowCount, 10, 0);
Check("LSOAs in decile 1 (README)", deciles.Number(Quantiles.Lsoas, 0), 133, 0);
Check("population of decile 1 (README)", deciles.Number(Quantiles.Population, 0), 224_036, 0.5);
Check("SII (README: -21.7)", sii, -21.7, 0.05);
Check("SII lower limit (README: -29.2)", siiLower, -29.2, 0.05);
Check("SII upper limit (README: -14.3)", siiUpper, -14.3, 0.05);
Check("RII (README: 0.77)", rii, 0.77, 0.005);
Check("RII lower limit (README: 0.70)", riiLower, 0.70, 0.005);
Check("RII upper limit (README: 0.84)", riiUpper, 0.84, 0.005);
Check("concentration index (README: -0.040)", gradient.Number(Gradients.ConcentrationIndex, 0), -0.040, 0.0005);
Check("SII recomputed from the deciles equals the lake's", computed.Sii, sii, 1e-9);
Check("SII lower limit recomputed", computed.SiiLimits[0].Lower, siiLower, 1e-9);
Check("SII upper limit recomputed", computed.SiiLimits[0].Upper, siiUpper, 1e-9);
Check("RII recomputed", computed.Rii, rii, 1e-9);

if (failures.Count > 0)
{
    Console.Error.WriteLine("worked-example: " + string.Join("; ", failures));
    return 1;
}

Console.WriteLine("worked-example: every number matches the README and the recomputation.");
return 0;

void Check(string what, double actual, double expected, double tolerance)
{
    if (!(Math.Abs(actual - expected) <= tolerance))
    {
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: got {actual}, expected {expected} ± {tolerance}"));
    }
}
