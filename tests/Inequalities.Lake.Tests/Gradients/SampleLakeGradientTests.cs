using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Gradients;

/// <summary>
/// The sample mirror of data-sources.yml gives the gradients section what it asks for: File 8 workbooks of both indices
/// (the health sheet), whose LSOA values give every area the worker briefs a slope, so <c>refresh --sample</c> writes
/// its briefings.
/// </summary>
public sealed class SampleLakeGradientTests
{
    private static readonly string[] File8Sources = ["iod2019-file8-health", "iod2025-file8-health"];

    [Fact]
    public async Task Refresh_SampleMirrorOfTheRealCatalogue_EveryBriefedAreaHasAFile8Slope()
    {
        using var dir = new TempDirectory();

        var (outcome, layout) = await SampleLake.PublishAsync(dir);

        Assert.True(outcome.Published, outcome.Error);
        var snapshot = LakeSnapshot.Open(layout.Root, outcome.SnapshotId!);
        var lsoa = await snapshot.ReadTableAsync(TableNames.LsoaIndicators);
        foreach (var source in File8Sources)
        {
            // The health sheet's four indicators for each of the sample's 48 LSOAs of the source's own vintage.
            var direct = lsoa.Where((LsoaIndicatorsColumns.SourceId, source), (LsoaIndicatorsColumns.Method, "direct"), (LsoaIndicatorsColumns.LsoaVintage, source.StartsWith("iod2019", StringComparison.Ordinal) ? 2011 : 2021));
            Assert.Equal(48 * 4, direct.RowCount);
        }

        var gradients = await snapshot.ReadTableAsync(TableNames.InequalityGradients);
        var area = gradients.Strings(InequalityGradientsColumns.AreaCode);
        var source2 = gradients.Strings(InequalityGradientsColumns.SourceId);
        var basis = gradients.Strings(InequalityGradientsColumns.Basis);
        var reason = gradients.Strings(InequalityGradientsColumns.Reason);
        var sii = gradients.Primitive<double>(InequalityGradientsColumns.Sii);
        var rows = Enumerable.Range(0, gradients.RowCount).ToList();
        Assert.All(rows, i => Assert.Contains(source2[i], File8Sources));
        foreach (var code in BriefSettings.DefaultAreas)
        {
            Assert.Contains(rows, i => area[i] == code && sii[i] is not null);
        }

        // A sample district has eight LSOAs: too few for the LSOA method and for ten national deciles, which is why
        // the catalogue's quintiles within each area are what give it a slope.
        var districts = rows.Where(i => area[i]!.StartsWith("E0", StringComparison.Ordinal)).ToList();
        Assert.All(districts.Where(i => basis[i] == "iod2025/imd/national"), i => Assert.True(sii[i] is null && reason[i] is "missing_quantile" or "too_few_lsoas", $"{area[i]} {reason[i]}"));
        Assert.Contains(districts, i => basis[i] == "iod2025/imd/local" && sii[i] is not null);
    }
}
