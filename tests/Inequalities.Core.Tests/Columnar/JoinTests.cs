using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

public sealed class JoinTests
{
    private static Table Facts() => new TableBuilder("indicators")
        .Add("lad_code", ["E08000012", "E08000011", "E99999999", null, "E08000012"])
        .Add<double>("value", [1, 2, 3, 4, 5])
        .Build();

    private static Table Lads() => new TableBuilder("lads")
        .Add("lad_code", ["E08000011", "E08000012", "E06000006"])
        .Add("lad_name", ["Knowsley", "Liverpool", "Halton"])
        .Build();

    [Fact]
    public void Join_Inner_DropsUnmatchedAndNullKeys()
    {
        var joined = Facts().Join(Lads(), "lad_code");

        Assert.Equal(["lad_code", "value", "lad_name"], joined.Schema.Select(f => f.Name));
        Assert.Equal([1.0, 2, 5], joined.Primitive<double>("value").Values.ToArray());
        Assert.Equal(["Liverpool", "Knowsley", "Liverpool"], Enumerable.Range(0, 3).Select(i => joined.Strings("lad_name")[i]));
    }

    [Fact]
    public void Join_Left_KeepsUnmatchedWithNulls()
    {
        var joined = Facts().Join(Lads(), "lad_code", JoinKind.Left);

        Assert.Equal(5, joined.RowCount);
        Assert.Equal(["Liverpool", "Knowsley", null, null, "Liverpool"], Enumerable.Range(0, 5).Select(i => joined.Strings("lad_name")[i]));
        Assert.Equal(2, joined.Column("lad_name").NullCount);
    }

    [Fact]
    public void Join_DuplicateDimensionKeys_EmitsEveryMatchInRightOrder()
    {
        // An LSOA 2011 → 2021 lookup where one old code splits into two.
        var lookup = new TableBuilder("lookup")
            .Add<int>("old", [10, 20, 10])
            .Add<int>("new", [100, 200, 101])
            .Build();
        var facts = new TableBuilder("facts").AddNullable<int>("old", [10, 30, null, 20]).Add<double>("v", [1, 2, 3, 4]).Build();

        var joined = facts.Join(lookup, "old");

        Assert.Equal([100, 101, 200], joined.Primitive<int>("new").Values.ToArray());
        Assert.Equal([1.0, 1, 4], joined.Primitive<double>("v").Values.ToArray());
    }

    [Fact]
    public void Join_SparseIntKeys_UsesHashPathWithSameResult()
    {
        var dimension = new TableBuilder("d").Add<int>("k", [int.MinValue, 0, int.MaxValue]).Add<int>("label", [1, 2, 3]).Build();
        var facts = new TableBuilder("f").Add<int>("k", [int.MaxValue, 5, int.MinValue, 0]).Build();

        var joined = facts.Join(dimension, "k", JoinKind.Left);

        Assert.Equal([3, null, 1, 2], Enumerable.Range(0, 4).Select(i => joined.Primitive<int>("label")[i]));
    }

    [Fact]
    public void Join_StringsInDifferentDictionaries_MatchByValue()
    {
        var shared = new CodeDictionary();
        var facts = new TableBuilder("f").Add("code", ["b", "a", "c"], shared).Build();
        var dimension = new TableBuilder("d").Add("code", ["c", "a", "z"]).Add<int>("n", [3, 1, 26]).Build();

        var joined = facts.Join(dimension, "code");

        Assert.Equal(["a", "c"], Enumerable.Range(0, 2).Select(i => joined.Strings("code")[i]));
        Assert.Equal([1, 3], joined.Primitive<int>("n").Values.ToArray());
    }

    [Fact]
    public void Join_DifferentKeyNames_DropsRightKey()
    {
        var dimension = Lads().RenameColumn("lad_code", "code");

        var joined = Facts().Join(dimension, "lad_code", "code");

        Assert.False(joined.Contains("code"));
        Assert.Equal(3, joined.RowCount);
    }

    [Fact]
    public void Join_KeyTypesDiffer_Throws()
    {
        var ints = new TableBuilder("lads").Add<int>("lad_code", [1]).Build();

        var ex = Assert.Throws<ArgumentException>(() => Facts().Join(ints, "lad_code"));

        Assert.Equal("Cannot join 'indicators.lad_code' (String) to 'lads.lad_code' (Int32): the key types differ.", ex.Message);
    }

    [Fact]
    public void Join_DoubleKey_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Facts().Join(Facts(), "value"));

        Assert.Equal("Column 'value' in table 'indicators' is Float64; a join key must be Int32, String, UInt8 or Boolean.", ex.Message);
    }

    [Fact]
    public void Join_ColumnInBoth_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Facts().Join(Facts(), "lad_code"));

        Assert.Equal("Cannot join 'indicators' to 'indicators': column 'value' exists in both; rename or drop one first.", ex.Message);
    }

    [Fact]
    public void Join_RandomData_MatchesLinqJoin()
    {
        var random = new Random(7);
        var dimKeys = Enumerable.Range(0, 500).Select(_ => random.Next(0, 800)).ToArray();
        var factKeys = Enumerable.Range(0, 5000).Select(_ => random.Next(10) == 0 ? (int?)null : random.Next(-10, 900)).ToArray();
        var dimension = new TableBuilder("d").Add<int>("k", dimKeys).Add<int>("row", [.. Enumerable.Range(0, dimKeys.Length)]).Build();
        var facts = new TableBuilder("f").AddNullable<int>("k", factKeys).Add<int>("frow", [.. Enumerable.Range(0, factKeys.Length)]).Build();

        var joined = facts.Join(dimension, "k");
        var expected = factKeys.Select((k, i) => (k, i))
            .Join(dimKeys.Select((k, r) => (k, r)), f => f.k, d => d.k, (f, d) => (f.i, d.r))
            .ToArray();

        Assert.Equal(expected.Select(e => e.i), joined.Primitive<int>("frow").Values.ToArray());
        Assert.Equal(expected.Select(e => e.r), joined.Primitive<int>("row").Values.ToArray());
    }
}
