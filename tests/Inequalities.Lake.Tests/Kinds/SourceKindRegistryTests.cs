using Inequalities.Core.Columnar;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Lake.Tests.Kinds.SchoolPlaces;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Kinds;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Kinds;

/// <summary>
/// The registry of source kinds is open: a kind written outside the library (the toy <c>school_places</c>, one folder
/// of this project) is registered, named by a catalogue, checked when the catalogue loads, parsed by a refresh and
/// published as its own table, with no change to Sources or Lake.
/// </summary>
public sealed class SourceKindRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public SourceKindRegistryTests() => SourceKinds.Register(new SchoolPlacesKind());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void For_BuiltInKinds_AreFoundByTheirCatalogueNames()
    {
        Assert.All(Enum.GetValues<SourceKind>().Where(k => k != SourceKind.Registered), k => Assert.Same(SourceKinds.For(k), SourceKinds.For(SourceKinds.For(k).Name)));
        Assert.Equal("postcodes", SourceKinds.For(SourceKind.Postcodes).Name);
        Assert.Contains(SourceKinds.All, k => k.Name == "school_places");
    }

    [Fact]
    public void Load_RegisteredKind_ReadsAsRegisteredAndChecksItsFields()
    {
        var catalogue = SourceCatalogue.Parse(Yaml("lsoa_code: LSOA21CD\n      places: Places"), _temp.Path);
        var bad = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(Yaml("lsoa_code: LSOA21CD\n      pupils: Pupils"), _temp.Path));

        Assert.Equal(SourceKind.Registered, catalogue["school-places"].Kind);
        Assert.Equal("school_places", catalogue["school-places"].KindName);
        Assert.Contains("'pupils' is not a canonical field for kind 'school_places'", bad.Message, StringComparison.Ordinal);
        Assert.Contains("kind 'school_places' needs the field 'places'", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_RegisteredKind_PublishesItsOwnTable()
    {
        File.WriteAllText(_temp.Combine("places.csv"), "LSOA21CD,School,Places\nE01006512,Anfield Primary,420\nE01006513,\"Everton, St Mary's\",210\n");
        var catalogue = SourceCatalogue.Parse(Yaml("lsoa_code: LSOA21CD\n      school_name: School\n      places: Places"), _temp.Path);
        var lake = _temp.Combine("lake");

        using var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System);
        var outcome = await new RefreshRunner(new LakeLayout(lake), fetcher, TimeProvider.System).RunAsync(catalogue);

        Assert.True(outcome.Published, outcome.Error);
        var snapshot = LakeSnapshot.OpenCurrent(lake);
        var table = await snapshot.ReadTableAsync("school_places");
        Assert.Equal(["E01006512", "E01006513"], table.Strings("lsoa_code"));
        Assert.Equal([420, 210], table.Primitive<int>("places").Values.ToArray());
        Assert.Equal(2, snapshot.Manifest.Sources.Single(s => s.Id == "school-places").Rows);
        Assert.Equal(["school-places"], snapshot.Manifest.Tables.Single(t => t.Name == "school_places").Sources);
    }

    [Fact]
    public async Task Refresh_TwoSourcesPublishTheSameTable_FailsNamingBothAndPublishesNothing()
    {
        // Kinds' own tables are gathered beside the indicator tables' build: a clash there still fails the refresh.
        File.WriteAllText(_temp.Combine("places.csv"), "LSOA21CD,School,Places\nE01006512,Anfield Primary,420\n");
        var yaml = Yaml("lsoa_code: LSOA21CD\n      school_name: School\n      places: Places");
        var second = yaml[yaml.IndexOf("  - id: school-places", StringComparison.Ordinal)..].Replace("id: school-places", "id: school-places-again", StringComparison.Ordinal);
        var catalogue = SourceCatalogue.Parse(yaml + "\n" + second, _temp.Path);
        var lake = _temp.Combine("lake");

        using var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System);
        var outcome = await new RefreshRunner(new LakeLayout(lake), fetcher, TimeProvider.System).RunAsync(catalogue);

        Assert.False(outcome.Published);
        Assert.Contains("source 'school-places-again'", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("publishes a table 'school_places', which source 'school-places' already publishes", outcome.Error, StringComparison.Ordinal);
        Assert.Null(new LakeLayout(lake).ReadCurrentId());
    }

    private static string Yaml(string columns) => $"""
        version: 1
        sources:
          - id: school-places
            kind: school_places
            publisher: A local authority
            licence: OGL-3.0
            url: places.csv
            format: csv
            geography: lsoa
            vintage: 2021
            columns:
              {columns}
        """;
}
