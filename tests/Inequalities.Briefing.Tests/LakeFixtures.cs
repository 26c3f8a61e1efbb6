using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Briefing.Tests;

/// <summary>
/// The two lakes the briefing tests read, built once: the real-data lake of tests/data-sources.shared.yml (SII
/// repetitions cut to 1,000; its register is the real Co-operatives UK open data, placed through OS Code-Point Open),
/// and the sample lake with a gradients section (the sample's inherited MSOA life expectancy gets deprivation
/// quantiles) and its generated registers.
/// </summary>
public sealed class BriefLakes : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string RealLake => _temp.Combine("real");

    public string SampleLake => _temp.Combine("sample");

    public LakeSnapshot Real { get; private set; } = null!;

    public LakeSnapshot Sample { get; private set; } = null!;

    public string Combine(string name) => _temp.Combine(name);

    public async Task InitializeAsync()
    {
        Real = await BuildAsync(RealLake, _ => TestCatalogues.Shared(), sample: false);
        Sample = await BuildAsync(SampleLake, clock => TestCatalogues.SampleWithGradients(_temp.Combine("mirror"), clock), sample: true);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<LakeSnapshot> BuildAsync(string lake, Func<TimeProvider, SourceCatalogue> catalogue, bool sample)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        using var fetcher = new SourceFetcher(new FetchOptions(), time);
        var outcome = await new RefreshRunner(new LakeLayout(lake), fetcher, time).RunAsync(catalogue(time), sample);
        return outcome.Published
            ? LakeSnapshot.OpenCurrent(lake)
            : throw new InvalidOperationException("The refresh for the briefing tests failed: " + outcome.Error);
    }
}

/// <summary>The test classes that share the two lakes.</summary>
[CollectionDefinition(Name)]
public sealed class BriefLakesCollection : ICollectionFixture<BriefLakes>
{
    public const string Name = "briefing lakes";
}
