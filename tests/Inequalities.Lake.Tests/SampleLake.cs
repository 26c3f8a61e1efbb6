using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests;

/// <summary>The repository's catalogue refreshed from its generated sample mirror into a temporary lake.</summary>
internal static class SampleLake
{
    /// <summary>
    /// Generates the mirror into <c>mirror</c> and publishes a snapshot into <c>lake</c> under <paramref name="dir"/>,
    /// of every enabled source or only those listed.
    /// </summary>
    public static Task<(RefreshOutcome Outcome, LakeLayout Layout)> PublishAsync(TempDirectory dir, IReadOnlyList<string>? only = null)
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));
        return PublishAsync(dir, only is null ? catalogue : catalogue.Only(only));
    }

    /// <summary>The same for a catalogue of the caller's (e.g. the repository's, edited).</summary>
    public static async Task<(RefreshOutcome Outcome, LakeLayout Layout)> PublishAsync(TempDirectory dir, SourceCatalogue catalogue)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        catalogue = catalogue.WithLocations(SampleMirror.Generate(catalogue, dir.Combine("mirror"), timeProvider: time));
        using var fetcher = new SourceFetcher(new FetchOptions(), time);
        var layout = new LakeLayout(dir.Combine("lake"));
        return (await new RefreshRunner(layout, fetcher, time).RunAsync(catalogue, sample: true), layout);
    }
}
