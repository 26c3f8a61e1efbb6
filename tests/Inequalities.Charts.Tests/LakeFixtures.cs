using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Charts.Tests;

/// <summary>A lake built once per test class; disposed with it.</summary>
public abstract class LakeFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string LakeDirectory => _temp.Combine("lake");

    public LakeSnapshot Snapshot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        using var fetcher = new SourceFetcher(new FetchOptions(), time);
        var outcome = await new RefreshRunner(new LakeLayout(LakeDirectory), fetcher, time).RunAsync(Catalogue(_temp), Sample);
        if (!outcome.Published)
        {
            throw new InvalidOperationException("The refresh for the chart tests failed: " + outcome.Error);
        }

        Snapshot = LakeSnapshot.OpenCurrent(LakeDirectory);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private protected abstract bool Sample { get; }

    private protected abstract SourceCatalogue Catalogue(TempDirectory temp);
}

/// <summary>
/// The sample lake (<c>refresh --sample</c> on data-sources.yml) with a gradients section added, so the sample's
/// inherited MSOA life expectancy (three periods) gets deprivation quantiles.
/// </summary>
public sealed class SampleLakeFixture : LakeFixture
{
    private protected override bool Sample => true;

    private protected override SourceCatalogue Catalogue(TempDirectory temp)
    {
        var yaml = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "data-sources.yml")) + """

            gradients:
              bases:
                - index: iod2019
              indicators:
                - fingertips-life-expectancy-msoa:93283
              include_inherited: true
              repetitions: 1000
            """;
        var catalogue = SourceCatalogue.Parse(yaml, SharedData.RepoRoot, "data-sources.yml");
        return catalogue.WithLocations(SampleMirror.Generate(catalogue, temp.Combine("mirror")));
    }
}

/// <summary>The real-data lake of tests/data-sources.shared.yml (SII repetitions cut to 1,000 to keep the tests quick).</summary>
public sealed class RealLakeFixture : LakeFixture
{
    private protected override bool Sample => false;

    private protected override SourceCatalogue Catalogue(TempDirectory temp)
    {
        var yaml = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"))
            .Replace("repetitions: 10000", "repetitions: 1000", StringComparison.Ordinal);
        return SourceCatalogue.Parse(yaml, Path.Combine(SharedData.RepoRoot, "tests"), "data-sources.shared.yml");
    }
}
