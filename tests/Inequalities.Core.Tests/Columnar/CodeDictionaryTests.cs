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
}
