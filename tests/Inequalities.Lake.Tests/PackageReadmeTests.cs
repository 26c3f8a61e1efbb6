using Inequalities.Lake.Analysis;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests;

/// <summary>
/// The Inequalities.Lake package README's example (src/Inequalities.Lake/README.md), run as written: a refresh of the
/// embedded catalogue from its sample mirror, then a table of the published snapshot cut down to one district (Liverpool).
/// </summary>
public sealed class PackageReadmeTests
{
    [Fact]
    public async Task PackageReadme_SampleRefreshThenRead_PublishesASnapshotAndReadsLiverpoolsRows()
    {
        using var temp = new TempDirectory();
        var folder = temp.Path;

        // README begin
        var catalogue = SourceCatalogue.LoadEmbedded();
        catalogue = catalogue.WithLocations(SampleMirror.Generate(catalogue, Path.Combine(folder, "mirror")));
        using var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System);
        var outcome = await new RefreshRunner(new LakeLayout(Path.Combine(folder, "lake")), fetcher, TimeProvider.System)
            .RunAsync(catalogue, sample: true);
        Console.WriteLine(outcome.Published ? $"published {outcome.SnapshotId}" : $"failed: {outcome.Error}");

        var lake = LakeSnapshot.OpenCurrent(Path.Combine(folder, "lake"));
        var liverpool = await lake.ReadTableAsync(TableNames.LadDeprivationSummaries, LadDeprivationSummariesColumns.LadCode, ["E08000012"]);
        Console.WriteLine($"snapshot {lake.Id}: {liverpool.RowCount} deprivation summaries for Liverpool");
        // README end

        Assert.True(outcome.Published, outcome.Error);
        Assert.Equal(outcome.SnapshotId, lake.Id);
        Assert.True(liverpool.RowCount > 0);
        Assert.All(liverpool.Strings(LadDeprivationSummariesColumns.LadCode), code => Assert.Equal("E08000012", code));
        ReadmeExample.AssertSameAsReadmes("tests/Inequalities.Lake.Tests/PackageReadmeTests.cs", "src/Inequalities.Lake/README.md");
    }
}
