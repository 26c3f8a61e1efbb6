using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Kinds;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Assets;

/// <summary>
/// Indicator sources are parsed one at a time after the others (<see cref="ISourceKind.ParsedOneAtATime"/>), except
/// where an <c>asset_need</c> component needs one before then: the need score is built from it all the same.
/// </summary>
public sealed class NeedFromIndicatorTests
{
    [Fact]
    public async Task Refresh_NeedComponentIsAnIndicator_ParsesItsSourceFirstAndScoresNeedFromIt()
    {
        Assert.True(SourceKinds.For("indicator").ParsedOneAtATime);
        Assert.True(SourceKinds.For("fingertips").ParsedOneAtATime);
        Assert.False(SourceKinds.For("deprivation").ParsedOneAtATime);
        var yaml = await File.ReadAllTextAsync(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));
        const string indexNeed = "  need:\n    - index: iod2025\n      domain: imd\n      weight: 1\n";
        Assert.Contains(indexNeed, yaml, StringComparison.Ordinal);
        yaml = yaml.Replace(indexNeed, "  need:\n    - indicator: mental_health\n      source: iod2025-file8-health\n", StringComparison.Ordinal);
        using var dir = new TempDirectory();
        var catalogue = SourceCatalogue.Parse(yaml, SharedData.RepoRoot);

        var (outcome, layout) = await SampleLake.PublishAsync(dir, catalogue);

        Assert.True(outcome.Published, outcome.Error);
        var snapshot = LakeSnapshot.Open(layout.Root, outcome.SnapshotId!);
        var entry = snapshot.Manifest.Tables.Single(t => t.Name == TableNames.AssetNeed);
        Assert.Contains("iod2025-file8-health", entry.Sources);
        Assert.DoesNotContain("iod2025", entry.Sources);
        var need = await snapshot.ReadTableAsync(TableNames.AssetNeed);
        Assert.Equal(48, need.RowCount);
        Assert.All(Enumerable.Range(0, need.RowCount), i => Assert.NotNull(need.Primitive<double>(AssetNeedColumns.NeedScore)[i]));

        // The indicator tables have every indicator source in catalogue order: the one parsed first, and the others
        // parsed in their turn.
        var indicators = snapshot.Manifest.Tables.Single(t => t.Name == TableNames.Indicators);
        Assert.Equal(catalogue.Enabled.Where(s => SourceKinds.For(s).ParsedOneAtATime).Select(s => s.Id), indicators.Sources);
        Assert.Equal("iod2025-file8-health", indicators.Sources[0]);
        var lsoa = await snapshot.ReadTableAsync(TableNames.LsoaIndicators);
        var lsoaSources = Enumerable.Range(0, lsoa.RowCount).Select(i => lsoa.Strings(LsoaIndicatorsColumns.SourceId)[i]!).ToHashSet();
        Assert.Contains("iod2025-file8-health", lsoaSources);
        Assert.Contains("iod2019-file8-health", lsoaSources);
    }
}
