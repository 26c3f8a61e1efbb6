using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Inequalities.Core.Columnar;
using Microsoft.Data.Analysis;

namespace Inequalities.Core.Tests.Columnar;

public sealed class DataFrameExtensionsTests
{
    private static Table Districts() => new TableBuilder("districts")
        .Add("lad_code", ["E06000006", "E08000011", null, "E08000015"])
        .AddNullable<bool>("coastal", [true, null, false, true])
        .Add<int>("population", [128_000, 154_000, 486_000, 320_000])
        .AddNullable<DateOnly>("published", [new DateOnly(2025, 10, 30), null, new DateOnly(1970, 1, 1), new DateOnly(1, 1, 1)])
        .AddNullable<long>("households", [55_000, null, 210_000, 140_000])
        .Add<byte>("decile", [2, 1, 1, 5])
        .AddNullable<float>("share", [0.5f, 0.25f, null, 1f])
        .AddNullable<double>("score", [30.2, null, 41.5, 12.0])
        .Build();

    [Fact]
    public void ToDataFrame_EveryColumnType_KeepsOrderTypesValuesAndNulls()
    {
        var frame = Districts().ToDataFrame();

        Assert.Equal(
            ["lad_code", "coastal", "population", "published", "households", "decile", "share", "score"],
            frame.Columns.Select(c => c.Name));
        Assert.Equal(
            [typeof(StringDataFrameColumn), typeof(BooleanDataFrameColumn), typeof(Int32DataFrameColumn), typeof(DateTimeDataFrameColumn),
             typeof(Int64DataFrameColumn), typeof(ByteDataFrameColumn), typeof(SingleDataFrameColumn), typeof(DoubleDataFrameColumn)],
            frame.Columns.Select(c => c.GetType()));
        Assert.Equal(new object?[] { "E06000006", "E08000011", null, "E08000015" }, Cells(frame["lad_code"]));
        Assert.Equal(new object?[] { true, null, false, true }, Cells(frame["coastal"]));
        Assert.Equal(new object?[] { 55_000L, null, 210_000L, 140_000L }, Cells(frame["households"]));
        Assert.Equal(new object?[] { (byte)2, (byte)1, (byte)1, (byte)5 }, Cells(frame["decile"]));
        Assert.Equal(new object?[] { 0.5f, 0.25f, null, 1f }, Cells(frame["share"]));
        Assert.Equal(new object?[] { 30.2, null, 41.5, 12.0 }, Cells(frame["score"]));
        Assert.Equal([1, 1, 0, 1, 1, 0, 1, 1], frame.Columns.Select(c => c.NullCount));
    }

    private static object?[] Cells(DataFrameColumn column) => [.. Enumerable.Range(0, (int)column.Length).Select(i => column[i])];

    [Fact]
    public void ToDataFrame_Dates_BecomeMidnightOfKindUnspecified()
    {
        var published = Districts().ToDataFrame().Columns.GetDateTimeColumn("published");

        Assert.Equal(new DateTime(2025, 10, 30), published[0]);
        Assert.Null(published[1]);
        Assert.Equal(new DateTime(1970, 1, 1), published[2]);
        Assert.Equal(DateTime.MinValue, published[3]);
        Assert.Equal(DateTimeKind.Unspecified, published[0]!.Value.Kind);
        Assert.Equal(TimeSpan.Zero, published[0]!.Value.TimeOfDay);
    }

    [Fact]
    public void ToDataFrame_NumericAndBooleanColumns_WrapTheTablesMemory()
    {
        var table = Districts();

        var frame = table.ToDataFrame();

        AssertWrapped(table.Primitive<int>("population"), frame.Columns.GetInt32Column("population"));
        AssertWrapped(table.Primitive<long>("households"), frame.Columns.GetInt64Column("households"));
        AssertWrapped(table.Primitive<double>("score"), frame.Columns.GetDoubleColumn("score"));
        AssertWrapped(table.Primitive<float>("share"), frame.Columns.GetSingleColumn("share"));
        AssertWrapped(table.Primitive<byte>("decile"), frame.Columns.GetByteColumn("decile"));
        AssertWrapped(table.Primitive<bool>("coastal"), frame.Columns.GetBooleanColumn("coastal"));
    }

    private static void AssertWrapped<T>(PrimitiveColumn<T> column, PrimitiveDataFrameColumn<T> wrapped)
        where T : unmanaged
    {
        var buffer = Assert.Single(wrapped.GetReadOnlyDataBuffers());
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(column.Values), ref MemoryMarshal.GetReference(buffer.Span)));
        if (column.NullCount > 0)
        {
            var bitmap = Assert.Single(wrapped.GetReadOnlyNullBitMapBuffers());
            Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(column.ValidityBitmap), ref MemoryMarshal.GetReference(bitmap.Span)));
        }
    }

    [Fact]
    public void ToDataFrame_EditingTheFrame_LeavesTheTableUnchanged()
    {
        var table = Districts();
        var frame = table.ToDataFrame();

        frame["population"][0] = 1;
        frame["score"][1] = 99.0;
        frame["coastal"][0] = false;

        Assert.Equal(1, frame["population"][0]);
        Assert.Equal(99.0, frame["score"][1]);
        Assert.Equal(128_000, table.Primitive<int>("population")[0]);
        Assert.Null(table.Primitive<double>("score")[1]);
        Assert.True(table.Primitive<bool>("coastal")[0]);
    }

    [Fact]
    public void ToDataFrame_NotebookOperations_Work()
    {
        // What the notebooks do with the frame: ValueCounts (then OrderBy), filtering, sorting and reading rows.
        var frame = Districts().ToDataFrame();

        var deciles = frame["decile"].ValueCounts().OrderBy("Values");
        var ones = frame.Filter(frame["decile"].ElementwiseEquals<byte>(1));
        var sorted = frame.OrderBy("lad_code");
        var codes = frame["lad_code"].ValueCounts();

        Assert.Equal(new object?[] { (byte)1, (byte)2, (byte)5 }, Cells(deciles["Values"]));
        Assert.Equal(new object?[] { 2L, 1L, 1L }, Cells(deciles["Counts"]));
        Assert.Equal(new object?[] { 154_000, 486_000 }, Cells(ones["population"]));
        Assert.Equal(new object?[] { "E06000006", "E08000011", "E08000015", null }, Cells(sorted["lad_code"]));
        Assert.Equal(3, codes.Rows.Count);
        Assert.Equal(new object?[] { "E08000015", true, 320_000 }, frame.Rows[3].Take(3));
    }

    [Fact]
    public void ToDataFrame_EmptyTables_GiveEmptyFrames()
    {
        var noRows = Districts().Take([]).ToDataFrame();
        var noColumns = new Table("none", []).ToDataFrame();

        Assert.Equal(0, noRows.Rows.Count);
        Assert.Equal(8, noRows.Columns.Count);
        Assert.Empty(noColumns.Columns);
    }
}
