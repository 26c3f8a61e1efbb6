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
/// The real-data lake of tests/data-sources.shared.yml (SII repetitions cut to 1,000 to keep the tests quick), plus a
/// generated register placed on the real LCR LSOA 2021 boundaries (../shared/data has no community-business
/// register), so the asset-versus-need chart draws real need against a register of known shape.
/// </summary>
public sealed class RealLakeFixture : LakeFixture
{
    private protected override bool Sample => false;

    private protected override SourceCatalogue Catalogue(TempDirectory temp)
    {
        var register = temp.Combine("register.csv");
        WriteRegister(register);
        return TestCatalogues.Shared($"""

              - id: generated-register
                kind: assets
                publisher: Inequalities tests (generated)
                licence: OGL-3.0
                url: {register}
                format: csv
                geography: point
                columns:
                  asset_id: id
                  name: name
                  category: category
                  latitude: latitude
                  longitude: longitude
            asset_need:
              study_area: [E47000004]
            """);
    }

    /// <summary>One to three organisations at the centre of two LSOAs in three, by a fixed rule (no randomness).</summary>
    private static void WriteRegister(string path)
    {
        var areas = LcrBoundaries.Lsoa2021;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var csv = new System.Text.StringBuilder("id,name,category,latitude,longitude\n");
        string[] categories = ["food", "youth", "health", "community"];
        for (var i = 0; i < areas.Count; i++)
        {
            var centre = areas[i].Centroid();
            if (i % 3 == 2 || !areas[i].Contains(centre.Longitude, centre.Latitude))
            {
                continue;
            }

            for (var k = 0; k <= i % 3 + (i % 7 == 0 ? 1 : 0); k++)
            {
                csv.Append(inv, $"A{i}-{k},Organisation {i}-{k},{categories[(i + k) % 4]},{centre.Latitude:R},{centre.Longitude:R}\n");
            }
        }

        File.WriteAllText(path, csv.ToString());
    }
}
