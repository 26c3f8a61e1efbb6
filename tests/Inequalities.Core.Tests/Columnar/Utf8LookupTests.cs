using System.Text;
using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

/// <summary>The UTF-8 front of a <see cref="CodeDictionary"/> that the Arrow import uses for repeated Parquet dictionaries.</summary>
public sealed class Utf8LookupTests
{
    [Fact]
    public void GetOrAdd_StringsMetAgainInAnotherOrder_GiveTheDictionarysIds()
    {
        var dictionary = new CodeDictionary();
        dictionary.GetOrAdd("already there");
        var lookup = new Utf8Lookup(dictionary);
        string[] strings = ["", "café", "ß🙂", "already there", .. Enumerable.Range(0, 5_000).Select(i => $"E01{i:000000}")];

        var first = strings.Select(s => lookup.GetOrAdd(Encoding.UTF8.GetBytes(s))).ToArray();
        var again = strings.Reverse().Select(s => lookup.GetOrAdd(Encoding.UTF8.GetBytes(s))).Reverse().ToArray();

        Assert.Equal(strings.Select(s => dictionary.TryGetId(s, out var id) ? id : -2), first);
        Assert.Equal(first, again);
        Assert.Equal(0, first[3]);
        Assert.Equal(strings.Length, dictionary.Count);
        Assert.Equal(strings, first.Select(id => dictionary[id]));
    }
}
