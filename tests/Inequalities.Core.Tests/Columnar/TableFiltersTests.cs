using System.Globalization;
using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

public sealed class TableFiltersTests
{
    private static Table Deprivation() => new TableBuilder("deprivation")
        .Add("index_id", ["iod2019", "iod2025", "iod2025", "iod2025", null])
        .Add("domain", ["imd", "imd", "income", "imd", "imd"])
        .AddNullable<int>("lsoa_vintage", [2011, 2021, 2021, null, 2021])
        .AddNullable<double>("score", [30.2, 1.0, 0.30000000000000004, null, 12.5])
        .Add<long>("rank", [5, 1, 2, 3, 4])
        .AddNullable<bool>("inherited", [true, false, null, false, true])
        .AddNullable<DateOnly>("published", [new DateOnly(2019, 9, 26), new DateOnly(2025, 10, 30), null, new DateOnly(2025, 10, 30), new DateOnly(2019, 9, 26)])
        .Build();

    private static int[] Ranks(Table table) => table.Primitive<long>("rank").Values.ToArray().Select(r => (int)r).ToArray();

    [Fact]
    public void Where_StringAndNumberConditions_KeepsRowsWhereAllHoldInOrder()
    {
        var kept = Deprivation().Where(("index_id", "iod2025"), ("domain", "imd"), ("lsoa_vintage", 2021));

        Assert.Equal([1], Ranks(kept));
        Assert.Equal("deprivation", kept.Name);
    }

    [Fact]
    public void Where_NoConditions_KeepsEveryRow()
    {
        Assert.Equal([5, 1, 2, 3, 4], Ranks(Deprivation().Where()));
    }

    [Fact]
    public void Where_TextAbsentFromTheDictionary_KeepsNoRows()
    {
        var kept = Deprivation().Where(("index_id", "iod2099"));

        Assert.Equal(0, kept.RowCount);
        Assert.Equal(7, kept.Columns.Count);
    }

    [Fact]
    public void Where_TextForNumericBooleanAndDateColumns_IsReadAsTheColumnsType()
    {
        var table = Deprivation();

        Assert.Equal([1, 2, 4], Ranks(table.Where(("lsoa_vintage", "2021"))));
        Assert.Equal([1, 2, 4], Ranks(table.Where(("lsoa_vintage", "2021.0"))));
        Assert.Equal(0, table.Where(("lsoa_vintage", "2021.5")).RowCount);
        Assert.Equal([1], Ranks(table.Where(("score", "1.0"))));
        Assert.Equal([3], Ranks(table.Where(("rank", "3"))));
        Assert.Equal([5, 4], Ranks(table.Where(("inherited", "true"))));
        Assert.Equal([1, 3], Ranks(table.Where(("published", "2025-10-30"))));
    }

    [Fact]
    public void Where_NumbersAcrossNumericTypes_ComparesValuesNotText()
    {
        var table = Deprivation();

        Assert.Equal([1], Ranks(table.Where(("score", 1))));
        Assert.Equal([2], Ranks(table.Where(("score", 0.1 + 0.2))));
        Assert.Equal([1, 2, 4], Ranks(table.Where(("lsoa_vintage", 2021.0))));
        Assert.Equal([2], Ranks(table.Where(("rank", 2L))));
        Assert.Equal([1, 3], Ranks(table.Where(("inherited", false))));
        Assert.Equal([5, 4], Ranks(table.Where(("published", new DateOnly(2019, 9, 26)))));
    }

    [Fact]
    public void Where_ValueTheColumnCannotHold_KeepsNoRows()
    {
        var table = Deprivation();

        Assert.Equal(0, table.Where(("lsoa_vintage", 2021.5)).RowCount);
        Assert.Equal(0, table.Where(("lsoa_vintage", 5_000_000_000L)).RowCount);
        Assert.Equal(0, table.Where(("score", double.NaN)).RowCount);
    }

    [Fact]
    public void Where_NullValue_KeepsTheNullRows()
    {
        var table = Deprivation();

        Assert.Equal([4], Ranks(table.Where(("index_id", (string?)null))));
        Assert.Equal([3], Ranks(table.Where(("lsoa_vintage", CellValue.Null))));
        Assert.Equal([2], Ranks(table.Where(("inherited", CellValue.Null))));
    }

    [Fact]
    public void Where_MissingColumns_ThrowsNamingTableEveryMissingColumnAndItsColumns()
    {
        var ex = Assert.Throws<ArgumentException>(() => Deprivation().Where(("index", "iod2025"), ("domain", "imd"), ("vintage", 2021)));

        Assert.StartsWith(
            "Table 'deprivation' has no columns 'index', 'vintage' to filter on; its columns are index_id (String), domain (String), lsoa_vintage (Int32), "
            + "score (Float64), rank (Int64), inherited (Boolean), published (Date).",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Where_TextThatIsNotANumber_ThrowsNamingColumnTypeAndValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => Deprivation().Where(("lsoa_vintage", "twenty")));

        Assert.StartsWith("Column 'lsoa_vintage' of table 'deprivation' holds whole numbers (Int32); 'twenty' is not one.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_NumberForAStringColumn_ThrowsAskingForText()
    {
        var ex = Assert.Throws<ArgumentException>(() => Deprivation().Where(("domain", 2021)));

        Assert.StartsWith("Column 'domain' of table 'deprivation' holds text; compare it with text, not integer 2021.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_TwoConditions_IsTheRowSelectionOfWhere()
    {
        var table = Deprivation();

        var mask = table.Mask(("domain", "imd"), ("lsoa_vintage", 2021));

        Assert.Equal([false, true, false, false, true], mask);
        Assert.Equal(Ranks(table.Filter(mask)), Ranks(table.Where(("domain", "imd"), ("lsoa_vintage", 2021))));
    }

    [Fact]
    public void WhereAnyOf_StringsAndNull_KeepsRowsHoldingAnyOfThem()
    {
        var table = Deprivation();

        Assert.Equal([5, 4], Ranks(table.WhereAnyOf("index_id", ["iod2019", CellValue.Null, "iod2099"])));
        Assert.Equal([5, 1, 2, 4], Ranks(table.WhereAnyOf("lsoa_vintage", [2011, "2021"])));
        Assert.DoesNotContain(true, table.MaskAnyOf("domain", []));
    }

    [Fact]
    public void Where_EveryValueOfEveryColumn_KeepsTheRowsWhoseCellReadsAsThatText()
    {
        // The typed filter keeps exactly the rows the text comparison it replaced kept, for every value in the table.
        var table = Deprivation();
        foreach (var column in table.Columns)
        {
            for (var row = 0; row < table.RowCount; row++)
            {
                var text = Text(column, row);
                if (text is null)
                {
                    continue;
                }

                var expected = Enumerable.Range(0, table.RowCount).Where(i => Text(column, i) == text).ToArray();
                var actual = table.Mask((column.Name, text)).Select((kept, i) => (kept, i)).Where(p => p.kept).Select(p => p.i).ToArray();
                Assert.True(expected.SequenceEqual(actual), $"{column.Name}={text}: expected rows {string.Join(",", expected)}, got {string.Join(",", actual)}");
            }
        }
    }

    private static string? Text(Column column, int row) => !column.IsValid(row) ? null : column switch
    {
        StringColumn s => s[row],
        PrimitiveColumn<double> d => d[row]!.Value.ToString("R", CultureInfo.InvariantCulture),
        PrimitiveColumn<int> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<long> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<bool> b => b[row]!.Value ? "true" : "false",
        PrimitiveColumn<DateOnly> d => d[row]!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };
}
