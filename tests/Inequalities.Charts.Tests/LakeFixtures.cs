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

    /// <summary>The refresh's clock (the sample mirror names a templated member after its month).</summary>
    private protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        using var fetcher = new SourceFetcher(new FetchOptions(), Clock);
        var outcome = await new RefreshRunner(new LakeLayout(LakeDirectory), fetcher, Clock).RunAsync(Catalogue(_temp), Sample);
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

/// <summary>The test classes that share one sample lake.</summary>
[CollectionDefinition(Name)]
public sealed class SampleLakeCollection : ICollectionFixture<SampleLakeFixture>
{
    public const string Name = "sample lake";
}

/// <summary>The test classes that share one real-data lake.</summary>
[CollectionDefinition(Name)]
public sealed class RealLakeCollection : ICollectionFixture<RealLakeFixture>
{
    public const string Name = "real-data lake";
}

/// <summary>
/// The sample lake (<c>refresh --sample</c> on data-sources.yml) with a gradients section added, so the sample's
/// inherited MSOA life expectancy (three periods) gets deprivation quantiles.
/// </summary>
public sealed class SampleLakeFixture : LakeFixture
{
    private protected override bool Sample => true;

    private protected override SourceCatalogue Catalogue(TempDirectory temp) => TestCatalogues.SampleWithGradients(temp.Combine("mirror"), Clock);
}

/// <summary>
/// The real-data lake of tests/data-sources.shared.yml (SII repetitions cut to 1,000 to keep the tests quick), with
/// its real registers (Co-operatives UK, placed through OS Code-Point Open on the LCR LSOA 2021 boundaries).
/// </summary>
public sealed class RealLakeFixture : LakeFixture
{
    private protected override bool Sample => false;

    private protected override SourceCatalogue Catalogue(TempDirectory temp) => TestCatalogues.Shared();
}
