using BenchmarkDotNet.Attributes;
using Inequalities.Benchmarks.PreviousGradients;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Gradients;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;

namespace Inequalities.Benchmarks;

/// <summary>
/// The gradient tables of the national shared-data lake (<c>inequality_quantiles</c>, <c>inequality_gradients</c>,
/// <c>inequality_trends</c>): the gradient settings of tests/data-sources.shared.yml (IoD2019 national, income national
/// and local, IoD2025; the basis carried to 2021 LSOAs needs the refresh's vintage bridges and is left out here) over the
/// lake's own <c>areas</c>, <c>deprivation</c>, <c>lsoa_indicators</c> and <c>indicators</c>, built once in the setup
/// by a refresh. Baseline: the previous implementation (LSOA codes as strings in dictionaries per basis and series,
/// frozen in PreviousGradients/); <see cref="DenseIds"/>: <see cref="GradientTables"/> (dense LSOA ids, arrays).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GradientBenchmark
{
    private Table areas = null!, deprivation = null!, lsoaIndicators = null!, indicators = null!;
    private GradientSettings settings = null!;
    private IndicatorMetadataCatalogue metadata = null!;
    private string lake = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(NationalData.RepoRoot(), "tests", "data-sources.shared.yml"));
        lake = NationalData.ScratchFolder($"gradient-lake-{Environment.ProcessId}");

        using (var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System))
        {
            var outcome = new RefreshRunner(new LakeLayout(lake), fetcher, TimeProvider.System).RunAsync(catalogue).GetAwaiter().GetResult();
            if (!outcome.Published)
            {
                throw new InvalidOperationException("The shared-data refresh failed: " + outcome.Error);
            }
        }

        var snapshot = LakeSnapshot.OpenCurrent(lake);
        areas = snapshot.ReadTableAsync("areas").GetAwaiter().GetResult();
        deprivation = snapshot.ReadTableAsync("deprivation").GetAwaiter().GetResult();
        lsoaIndicators = snapshot.ReadTableAsync("lsoa_indicators").GetAwaiter().GetResult();
        indicators = snapshot.ReadTableAsync("indicators").GetAwaiter().GetResult();
        settings = catalogue.Gradients with { Bases = [.. catalogue.Gradients.Bases.Where(b => b.Vintage is null)] };
        metadata = new IndicatorMetadataCatalogue(catalogue.Enabled);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(lake, recursive: true);

    [Benchmark(Baseline = true)]
    public int Previous() => PreviousGradientTables.Build(areas, deprivation, lsoaIndicators, settings, metadata, indicators).Gradients.RowCount;

    [Benchmark]
    public int DenseIds() => GradientTables.Build(areas, deprivation, lsoaIndicators, settings, metadata, indicators).Gradients.RowCount;
}
