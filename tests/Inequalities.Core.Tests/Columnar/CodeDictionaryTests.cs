using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

public sealed class CodeDictionaryTests
{
    [Fact]
    public void GetOrAdd_RepeatedStrings_GivesDenseIdsInFirstAppearanceOrder()
    {
        var dictionary = new CodeDictionary();
        int[] ids = [.. new[] { "E06000006", "E08000011", "E06000006", "E08000012" }.Select(dictionary.GetOrAdd)];

        Assert.Equal([0, 1, 0, 2], ids);
        Assert.Equal(3, dictionary.Count);
        Assert.Equal("E08000012", dictionary[2]);
    }

    [Fact]
    public void GetOrAdd_Span_FindsExistingWithoutNewId()
    {
        var dictionary = new CodeDictionary();
        var id = dictionary.GetOrAdd("E08000015");

        Assert.Equal(id, dictionary.GetOrAdd("xE08000015".AsSpan(1)));
        Assert.True(dictionary.TryGetId("E08000015".AsSpan(), out var found));
        Assert.Equal(id, found);
        Assert.Equal(1, dictionary.Count);
    }

    [Fact]
    public void TryGetId_Missing_ReturnsFalseAndDoesNotAdd()
    {
        var dictionary = new CodeDictionary();

        Assert.False(dictionary.TryGetId("e08000015", out _));
        Assert.Equal(0, dictionary.Count);
    }

    [Fact]
    public void Indexer_UnknownId_ThrowsNamingCount()
    {
        var dictionary = new CodeDictionary();
        dictionary.GetOrAdd("a");

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => dictionary[1]);
        Assert.StartsWith("The code dictionary holds 1 strings; id 1 is not one of them.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetOrAdd_ManyThreads_EachStringGetsOneIdAndIdsRoundTrip()
    {
        var dictionary = new CodeDictionary();
        var codes = Enumerable.Range(0, 5000).Select(i => $"E01{i:000000}").ToArray();
        var results = new int[8][];

        Parallel.For(0, 8, t => results[t] = [.. codes.Select(dictionary.GetOrAdd)]);

        Assert.Equal(codes.Length, dictionary.Count);
        for (var t = 1; t < 8; t++)
        {
            Assert.Equal(results[0], results[t]);
        }

        for (var i = 0; i < codes.Length; i++)
        {
            Assert.Equal(codes[i], dictionary[results[0][i]]);
        }
    }

    [Fact]
    public void Constructor_KnownValues_KeepTheirOrderAndTakeNewOnesAfter()
    {
        var dictionary = new CodeDictionary(["E01000001", "E01000002", "E01000003"]);

        Assert.Equal(3, dictionary.Count);
        Assert.Equal(1, dictionary.GetOrAdd("E01000002"));
        Assert.True(dictionary.TryGetId("E01000003".AsSpan(), out var third));
        Assert.Equal(2, third);
        Assert.Equal(3, dictionary.GetOrAdd("E01000004"));
        Assert.Equal("E01000004", dictionary[3]);
        Assert.False(dictionary.TryGetId("E01000005", out _));
    }

    [Fact]
    public void Constructor_RepeatedValue_IsReportedAtTheFirstLookUp()
    {
        var dictionary = new CodeDictionary(["a", "b", "a"]);

        var ex = Assert.Throws<InvalidOperationException>(() => dictionary.TryGetId("b", out _));

        Assert.Equal("The code dictionary was given 'a' twice (ids 0 and 2); it holds distinct strings.", ex.Message);
    }

    [Fact]
    public void AppendIds_IdOutsideTheDictionary_IsRejectedAndValidIdsKeepNulls()
    {
        var builder = new StringColumnBuilder("lad_code", new CodeDictionary(["E08000011", "E08000012"]));

        builder.AppendIds([1, -1, 0, 1]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => builder.AppendIds([0, 2]));
        var column = builder.Build();

        Assert.StartsWith("Column 'lad_code': id 2 is not in the dictionary of 2 strings (use -1 for null).", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["E08000012", null, "E08000011", "E08000012"], column);
        Assert.Equal(1, column.NullCount);
        Assert.Equal(2, column.IndexOf("E08000011"));
        Assert.Equal(1, column.IndexOf(null));
        Assert.Equal(-1, column.IndexOf("E08000013"));
    }
}
