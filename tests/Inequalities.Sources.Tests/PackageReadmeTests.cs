using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests;

/// <summary>
/// The example of the Inequalities.Sources and Inequalities.Sources.Testing package READMEs (src/Inequalities.Sources/README.md,
/// src/Inequalities.Sources.Testing/README.md), run as written: the embedded catalogue fetched from its sample mirror.
/// </summary>
public sealed class PackageReadmeTests
{
    [Fact]
    public async Task PackageReadme_FetchFromTheSampleMirror_CachesEverySourceOfTheEmbeddedCatalogue()
    {
        using var temp = new TempDirectory();
        var folder = temp.Path;

        // README begin
        var catalogue = SourceCatalogue.LoadEmbedded();
        // Offline: every source from a generated sample mirror. Leave this line out to fetch from the publishers.
        catalogue = catalogue.WithLocations(SampleMirror.Generate(catalogue, Path.Combine(folder, "mirror")));
        using var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System);
        var results = await fetcher.FetchAllAsync(catalogue, new RawCache(Path.Combine(folder, "lake")));
        foreach (var result in results)
        {
            Console.WriteLine($"{result.Source.Id}: {result.Status} {result.File?.Path}");
        }
        // README end

        var enabled = catalogue.Sources.Where(s => s.Enabled).Select(s => s.Id).Order(StringComparer.Ordinal);
        Assert.Equal(enabled, results.Select(r => r.Source.Id).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.True(r.Status == SourceStatus.Fetched && File.Exists(r.File!.Path), $"{r.Source.Id}: {r.Status} {r.Error}"));
        ReadmeExample.AssertSameAsReadmes("tests/Inequalities.Sources.Tests/PackageReadmeTests.cs",
            "src/Inequalities.Sources/README.md", "src/Inequalities.Sources.Testing/README.md");
    }
}
