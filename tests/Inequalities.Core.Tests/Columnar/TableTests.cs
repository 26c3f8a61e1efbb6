using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

public sealed class TableTests
{
    private static Table Areas() => new TableBuilder("areas")
        .Add("lad_code", ["E06000006", "E08000011", "E08000012", null])
        .Add<int>("population", [128_000, 154_000, 486_000, 1])
        .AddNullable<double>("score", [30.2, null, 41.5, 12.0])
        .Build();

    [Fact]
    public void Constructor_LengthsDiffer_ThrowsNamingTableAndColumns()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Table("areas", [
            Column.FromValues<int>("a", [1, 2, 3, 4]),
            Column.FromValues<int>("b", [1, 2, 3]),
        ]));

        Assert.StartsWith("Table 'areas': column 'b' has 3 rows but column 'a' has 4; every column must have the same length.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Table("areas", [
            Column.FromValues<int>("a", [1]),
            Column.FromValues<long>("a", [1]),
        ]));

        Assert.StartsWith("Table 'areas' has two columns named 'a'.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_Missing_ThrowsListingColumns()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Areas().Column("lsoa_code"));

        Assert.Equal("Table 'areas' has no column 'lsoa_code'. Columns: lad_code, population, score.", ex.Message);
    }

    [Fact]
    public void ColumnOfT_WrongType_ThrowsGivingActualType()
    {
        var table = Areas();

        var primitive = Assert.Throws<InvalidCastException>(() => table.Primitive<double>("population"));
        var strings = Assert.Throws<InvalidCastException>(() => table.Strings("score"));
        var typed = Assert.Throws<InvalidCastException>(() => table.Column<PrimitiveColumn<int>>("lad_code"));

        Assert.Equal("Column 'population' in table 'areas' is PrimitiveColumn<Int32>, not PrimitiveColumn<Double>.", primitive.Message);
        Assert.Equal("Column 'score' in table 'areas' is PrimitiveColumn<Double>, not StringColumn.", strings.Message);
        Assert.Equal("Column 'lad_code' in table 'areas' is StringColumn, not PrimitiveColumn<Int32>.", typed.Message);
    }

    [Fact]
    public void Schema_ListsNamesAndTypes()
    {
        Assert.Equal(
            [new ColumnField("lad_code", ColumnDataType.String), new ColumnField("population", ColumnDataType.Int32), new ColumnField("score", ColumnDataType.Float64)],
            Areas().Schema);
        Assert.Equal(4, Areas().RowCount);
    }

    [Fact]
    public void Take_MinusOne_GivesNullRow()
    {
        var taken = Areas().Take([2, -1, 0, 2]);

        Assert.Equal(["E08000012", null, "E06000006", "E08000012"], Enumerable.Range(0, 4).Select(i => taken.Strings("lad_code")[i]));
        Assert.Equal([486_000, null, 128_000, 486_000], Enumerable.Range(0, 4).Select(i => taken.Primitive<int>("population")[i]));
        Assert.Equal(1, taken.Column("score").NullCount);
    }

    [Fact]
    public void Take_OutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Areas().Take([4]));

        Assert.StartsWith("Column 'lad_code' has 4 rows; cannot take row 4 (use -1 for a null row).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_Mask_KeepsMatchingRowsInOrder()
    {
        var table = Areas();
        var filtered = table.Filter(table.Primitive<int>("population").Mask(p => p > 150_000));

        Assert.Equal(2, filtered.RowCount);
        Assert.Equal("E08000011", filtered.Strings("lad_code")[0]);
        Assert.Null(filtered.Primitive<double>("score")[0]);
        Assert.Equal(41.5, filtered.Primitive<double>("score")[1]);
    }

    [Fact]
    public void Filter_WrongLength_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Areas().Filter(new bool[3]));

        Assert.StartsWith("The filter mask has 3 entries but table 'areas' has 4 rows.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, new[] { 3, 0, 2, 1 })]
    [InlineData(true, new[] { 2, 0, 3, 1 })]
    public void SortBy_Double_NullsLastStable(bool descending, int[] expectedPopulationOrder)
    {
        var table = Areas().WithColumn(Column.FromValues<int>("row", [0, 1, 2, 3]));

        var sorted = table.SortBy("score", descending);

        Assert.Equal(expectedPopulationOrder, sorted.Primitive<int>("row").Values.ToArray());
    }

    [Fact]
    public void SortBy_Strings_OrdinalWithTiesStableAndNullsLast()
    {
        var table = new TableBuilder("t")
            .Add("code", ["b", null, "a", "b", "A"])
            .Add<int>("row", [0, 1, 2, 3, 4])
            .Build();

        Assert.Equal([4, 2, 0, 3, 1], table.SortBy("code").Primitive<int>("row").Values.ToArray());
        Assert.Equal([0, 3, 2, 4, 1], table.SortBy("code", descending: true).Primitive<int>("row").Values.ToArray());
    }

    [Fact]
    public void SelectWithColumnRename_ReshapeWithoutCopy()
    {
        var table = Areas();

        var reshaped = table.Select("score", "lad_code").RenameColumn("score", "imd_score")
            .WithColumn(Column.FromValues<long>("population", [1, 2, 3, 4]));

        Assert.Equal(["imd_score", "lad_code", "population"], reshaped.Schema.Select(f => f.Name));
        Assert.Equal(ColumnDataType.Int64, reshaped.Column("population").DataType);
        Assert.Throws<ArgumentException>(() => table.WithColumn(Column.FromValues<int>("x", [1])));
    }

    [Fact]
    public void ToDataFrame_KeepsValuesAndNulls()
    {
        var frame = Areas().WithColumn(Column.FromNullable<DateOnly>("d", [new DateOnly(2025, 10, 30), null, null, null])).ToDataFrame();

        Assert.Equal(4, frame.Rows.Count);
        Assert.Equal("E08000011", frame["lad_code"][1]);
        Assert.Null(frame["lad_code"][3]);
        Assert.Equal(486_000, frame["population"][2]);
        Assert.Null(frame["score"][1]);
        Assert.Equal(1, frame["score"].NullCount);
        Assert.Equal(new DateTime(2025, 10, 30), frame["d"][0]);
    }
}
