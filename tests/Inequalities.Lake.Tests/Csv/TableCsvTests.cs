using System.Text;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Csv;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Csv;

/// <summary>The one CSV writer: every column type, nulls, quoting and line endings, byte for byte.</summary>
public sealed class TableCsvTests
{
    private static Table Sample() => new TableBuilder("t")
        .Add("name", ["Liverpool 001A", "Wirral, \"West\"", " spaced ", "two\nlines", null])
        .AddNullable<double>("value", [0.1, -2.5e-7, double.NaN, null, 1e21])
        .AddNullable<int>("rank", [1, null, 3, 4, 5])
        .Add<long>("count", [1L, 2L, 3L, 4L, 5_000_000_000L])
        .AddNullable<bool>("flag", [true, false, null, true, false])
        .AddNullable<DateOnly>("day", [new DateOnly(2026, 11, 25), null, new DateOnly(2021, 3, 21), null, null])
        .Add<float>("share", [0.5f, 1.25f, 0f, 3f, 0.1f])
        .Add<byte>("decile", [1, 2, 3, 9, 10])
        .Build();

    [Fact]
    public void Write_EveryColumnType_WritesInvariantCellsQuotedOnlyWhenNeeded()
    {
        var text = new StringWriter();

        TableCsv.Write(Sample(), text);

        Assert.Equal(
            "name,value,rank,count,flag,day,share,decile\r\n" +
            "Liverpool 001A,0.1,1,1,true,2026-11-25,0.5,1\r\n" +
            "\"Wirral, \"\"West\"\"\",-2.5E-07,,2,false,,1.25,2\r\n" +
            " spaced ,NaN,3,3,,2021-03-21,0,3\r\n" +
            "\"two\nlines\",,4,4,true,,3,9\r\n" +
            ",1E+21,5,5000000000,false,,0.1,10\r\n",
            text.ToString());
    }

    [Fact]
    public void WriteFile_LineFeedEndings_Utf8WithoutByteOrderMark()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("t.csv");
        var table = new TableBuilder("t").Add("lad_name", ["Knowsley", "St Helens"]).Add<int>("lsoas", [98, 115]).Build();

        TableCsv.WriteFile(table, path, "\n");

        Assert.Equal(Encoding.UTF8.GetBytes("lad_name,lsoas\nKnowsley,98\nSt Helens,115\n"), File.ReadAllBytes(path));
    }

    [Fact]
    public void Format_NullAndValue_AreTheWrittenCells()
    {
        var table = Sample();

        Assert.Equal(["0.1", "-2.5E-07", "NaN", string.Empty, "1E+21"], Enumerable.Range(0, 5).Select(i => TableCsv.Format(table.Column("value"), i)));
    }
}
