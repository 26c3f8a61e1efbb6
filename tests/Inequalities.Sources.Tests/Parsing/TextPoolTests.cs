using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Tests.Parsing;

public sealed class TextPoolTests
{
    [Fact]
    public void IdOf_ValuesPastTheCapacity_IdsInOrderOfFirstAppearanceAsADictionaryGivesThem()
    {
        // Codes that differ in one digit (the tail a word-at-a-time hash reads twice), names of every length from the
        // empty string up (each branch of the hash), repeats, far more values than the pool was sized for (it grows).
        var random = new Random(12);
        var values = Enumerable.Range(0, 20_000).Select(i => (i % 5) switch
        {
            0 => $"E01{random.Next(0, 5_000):D6}",
            1 => new string('a', random.Next(0, 12)) + (char)('a' + random.Next(0, 3)),
            2 => $"Liverpool {random.Next(0, 300):D3}{(char)('A' + random.Next(0, 6))}",
            3 => string.Empty,
            _ => $"E0{random.Next(0, 10)}",
        }).ToList();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var pool = new TextPool(capacity: 10);

        foreach (var value in values)
        {
            var id = expected.TryGetValue(value, out var known) ? known : expected[value] = expected.Count;
            Assert.Equal(id, pool.IdOf(value.AsSpan()));
        }

        Assert.Equal(expected.Count, pool.Count);
        Assert.All(expected, e => Assert.Equal(e.Key, pool[e.Value]));
    }

    [Fact]
    public void Dictionary_AfterTheColumnsAreBuilt_HoldsTheValuesByIdAndTakesNoMoreLookups()
    {
        var pool = new TextPool(capacity: 1_000);
        string[] values = ["E01006512", "Liverpool 001A", "E01006512", "U", "Liverpool 001A", "S"];
        var ids = values.Select(v => pool.IdOf(v.AsSpan())).ToArray();

        var dictionary = pool.Dictionary();

        Assert.Equal([0, 1, 0, 2, 1, 3], ids);
        Assert.Equal(4, dictionary.Count);
        Assert.Equal(["E01006512", "Liverpool 001A", "U", "S"], Enumerable.Range(0, dictionary.Count).Select(i => dictionary[i]));
        Assert.True(dictionary.TryGetId("S", out var s));
        Assert.Equal(3, s);
        Assert.Same(dictionary, pool.Dictionary());
        Assert.Throws<InvalidOperationException>(() => pool.IdOf("U".AsSpan()));
    }

    [Fact]
    public void AppendOrNull_WithAPeerColumn_GivesTheIdsAndNullsThePoolGives()
    {
        var pool = new TextPool();
        var codes11 = new TextColumn("lsoa11_code", 4, pool);
        var codes21 = new TextColumn("lsoa21_code", 4, pool);
        (string Old, string New)[] rows = [("E01000001", "E01000001"), ("E01000002", "E01033000"), ("E01000003", ""), ("E01000003", "E01000003"), ("E01000004", "E01000002")];

        foreach (var (old, @new) in rows)
        {
            codes11.AppendOrNull(old);
            codes21.AppendOrNull(@new, codes11);
        }

        var built11 = codes11.Build();
        var built21 = codes21.Build();
        Assert.Equal(rows.Select(r => r.Old), built11);
        Assert.Equal(rows.Select(r => r.New.Length == 0 ? null : r.New), built21);
        Assert.Equal(1, built21.NullCount);
        Assert.Same(built11.Dictionary, built21.Dictionary);
        Assert.Equal(built11.Ids[1], built21.Ids[4]);
        Assert.Equal(5, built11.Dictionary.Count);
    }
}
