using System.IO.Compression;
using Inequalities.Core.Columnar;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Build;

/// <summary>The ward of every LSOA 2021 in <c>areas</c> is the ONS LSOA 2021 to ward 2024 lookup's, row for row.</summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeWardTests(SharedLakeFixture lake)
{
    [Fact]
    public async Task Areas_Lsoa2021_CarryTheWardOfTheOnsLookup()
    {
        var expected = new Dictionary<string, (string Code, string Name)>(StringComparer.Ordinal);
        using (var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new GZipStream(File.OpenRead(SharedData.DataFile("lookup_lsoa21_ward24_ltla24_EW.csv.gz")), CompressionMode.Decompress)))
        {
            parser.SetDelimiters(",");
            parser.HasFieldsEnclosedInQuotes = true;
            var header = parser.ReadFields()!.ToList();
            var (lsoaAt, wardAt, nameAt) = (header.IndexOf("lsoa21_code"), header.IndexOf("ward24_code"), header.IndexOf("ward24_name"));
            while (parser.ReadFields() is { } fields)
            {
                expected[fields[lsoaAt]] = (fields[wardAt], fields[nameAt]);
            }
        }

        var areas = (await lake.Snapshot.ReadTableAsync("areas")).Where(("lsoa_vintage", 2021));
        var code = areas.Strings("lsoa_code");
        var ward = areas.Strings("ward_code");
        var name = areas.Strings("ward_name");
        var checkedRows = 0;
        for (var i = 0; i < areas.RowCount; i++)
        {
            if (expected.TryGetValue(code[i]!, out var w))
            {
                Assert.Equal(w.Code, ward[i]);
                Assert.Equal(w.Name, name[i]);
                checkedRows++;
            }
        }

        Assert.Equal(areas.RowCount, checkedRows);
        Assert.True(checkedRows > 33_000, $"Only {checkedRows} English LSOAs 2021 were checked.");
        var old = (await lake.Snapshot.ReadTableAsync("areas")).Where(("lsoa_vintage", 2011));
        Assert.Equal(old.RowCount, old.Column("ward_code").NullCount);
    }
}
