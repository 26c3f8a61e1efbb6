using System.Reflection;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

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
        var (outcome, layout) = await SampleLake.PublishAsync(dir);
        Assert.True(outcome.Published, outcome.Error);
        var snapshot = LakeSnapshot.OpenCurrent(layout.Root);

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
