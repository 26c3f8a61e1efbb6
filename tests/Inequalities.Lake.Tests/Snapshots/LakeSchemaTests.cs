using System.Reflection;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Snapshots;

/// <summary>The table and column constants are the lake's: every table the refresh writes, every column in its order.</summary>
public sealed class LakeSchemaTests
{
    private static Type ColumnsClass(string table) =>
        typeof(TableNames).Assembly.GetType($"Inequalities.Lake.{string.Concat(table.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]))}Columns")
        ?? throw new InvalidOperationException($"no columns class for table '{table}'");

    private static IReadOnlyList<string> All(Type type) => (IReadOnlyList<string>)type.GetProperty("All")!.GetValue(null)!;

    private static List<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public async Task Constants_SampleLake_NameEveryTableAndEveryColumnInOrder()
    {
        using var dir = new TempDirectory();
        var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));
        catalogue = catalogue.WithLocations(SampleMirror.Generate(catalogue, dir.Combine("mirror")));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        using var fetcher = new SourceFetcher(new FetchOptions(), time);
        var outcome = await new RefreshRunner(new LakeLayout(dir.Combine("lake")), fetcher, time).RunAsync(catalogue, sample: true);
        Assert.True(outcome.Published, outcome.Error);
        var snapshot = LakeSnapshot.OpenCurrent(dir.Combine("lake"));

        Assert.Equal(TableNames.All, snapshot.Manifest.Tables.Select(t => t.Name));
        foreach (var name in TableNames.All)
        {
            var table = await snapshot.ReadTableAsync(name);
            Assert.Equal(All(ColumnsClass(name)), table.Schema.Select(c => c.Name));
        }
    }

    [Fact]
    public void Constants_EveryClass_ListsEachOfItsConstantsOnceInAll()
    {
        Assert.Equal(Constants(typeof(TableNames)).Order(), TableNames.All.Order());
        foreach (var name in TableNames.All)
        {
            var type = ColumnsClass(name);
            Assert.Equal(Constants(type).Order(), All(type).Order());
        }
    }
}
