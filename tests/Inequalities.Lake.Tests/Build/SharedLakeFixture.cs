using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Build;

/// <summary>One national refresh on tests/data-sources.shared.yml (the real files in ../shared/data), shared by the tests.</summary>
public sealed class SharedLakeFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string LakeDirectory => _temp.Path;

    public SourceCatalogue Catalogue { get; } = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));

    public RefreshOutcome Outcome { get; private set; } = null!;

    public LakeSnapshot Snapshot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System);
        Outcome = await new RefreshRunner(new LakeLayout(LakeDirectory), fetcher, TimeProvider.System).RunAsync(Catalogue);
        if (!Outcome.Published)
        {
            throw new InvalidOperationException("The shared-data refresh failed: " + Outcome.Error);
        }

        Snapshot = LakeSnapshot.OpenCurrent(LakeDirectory);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedLakeCollection : ICollectionFixture<SharedLakeFixture>
{
    public const string Name = "shared lake";
}
