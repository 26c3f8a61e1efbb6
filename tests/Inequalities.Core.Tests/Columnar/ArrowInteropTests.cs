using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Inequalities.Core.Columnar;
using Inequalities.TestSupport;
using Column = Inequalities.Core.Columnar.Column;
using Table = Inequalities.Core.Columnar.Table;

namespace Inequalities.Core.Tests.Columnar;

public sealed class ArrowInteropTests
{
    private static readonly DateOnly Census = new(2021, 3, 21);

    /// <summary>Every column type, each with a null; 11 rows, so bitmaps span two bytes.</summary>
    private static Table EveryType(int rows = 11)
    {
        var codes = new CodeDictionary();
        T? Nth<T>(int i, Func<int, T> value)
            where T : struct => i % 4 == 1 ? null : value(i);
        string? Code(int i) => i % 5 == 3 ? null : "E0100000" + (i % 3);
        return new TableBuilder("every")
            .AddNullable<int>("i32", [.. Enumerable.Range(0, rows).Select(i => Nth(i, k => k * 1000 - 3))])
            .AddNullable<long>("i64", [.. Enumerable.Range(0, rows).Select(i => Nth(i, k => (long)k << 40))])
            .AddNullable<double>("f64", [.. Enumerable.Range(0, rows).Select(i => Nth(i, k => k / 3.0))])
            .AddNullable<float>("f32", [.. Enumerable.Range(0, rows).Select(i => Nth(i, k => k * 0.5f))])
            .AddNullable<byte>("u8", [.. Enumerable.Range(0, rows).Select(i => Nth(i, k => (byte)(k + 1)))])
            .AddNullable<bool>("flag", [.. Enumerable.Range(0, rows).Select(i => Nth(i, k => k % 3 == 0))])
            .AddNullable<DateOnly>("day", [.. Enumerable.Range(0, rows).Select(i => Nth(i, k => Census.AddDays(k * 400 - 2000)))])
            .Add("code", Enumerable.Range(0, rows).Select(Code), codes)
            .Add("name", Enumerable.Range(0, rows).Select(i => i == 0 ? null : "Líverpool ₤ " + i))
            .Build();
    }

    [Fact]
    public void ToRecordBatch_EveryColumnType_GivesArrowTypesAndValues()
    {
        var table = EveryType();

        using var batch = table.ToRecordBatch();

        Assert.Equal(11, batch.Length);
        Assert.Equal(
            [ArrowTypeId.Int32, ArrowTypeId.Int64, ArrowTypeId.Double, ArrowTypeId.Float, ArrowTypeId.UInt8, ArrowTypeId.Boolean,
             ArrowTypeId.Date32, ArrowTypeId.Dictionary, ArrowTypeId.Dictionary],
            batch.Schema.FieldsList.Select(f => f.DataType.TypeId));
        Assert.Equal(table.Columns.Select(c => c.Name), batch.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(1_997, ((Int32Array)batch.Column("i32")).GetValue(2));
        Assert.Null(((Int32Array)batch.Column("i32")).GetValue(5));
        Assert.Equal(new bool?[] { true, null, false, true, false, null, true }, ((BooleanArray)batch.Column("flag")).Take(7));
        Assert.Equal(Census.AddDays(-2000), ((Date32Array)batch.Column("day")).GetDateOnly(0));
        Assert.Null(((Date32Array)batch.Column("day")).GetDateOnly(1));
        var code = (DictionaryArray)batch.Column("code");
        Assert.Equal(table.Strings("code").NullCount, code.NullCount);
        Assert.Equal("E01000002", ((StringArray)code.Dictionary).GetString(((Int32Array)code.Indices).GetValue(2)!.Value));
        Assert.True(code.IsNull(3));
    }

    [Fact]
    public void ToTable_EveryColumnTypeWithNulls_RoundTrips()
    {
        var table = EveryType();

        var back = table.ToRecordBatch().ToTable("every");

        TableAssert.Equal(table, back);
    }

    [Fact]
    public void ToTable_NullSlots_HoldDefault()
    {
        // Arrow leaves null slots undefined; the columns promise default(T) there.
        var values = new ArrowBuffer(MemoryMarshal.AsBytes<int>(new[] { 7, 99, 9 }).ToArray());
        var validity = new ArrowBuffer(new byte[] { 0b101 });
        using var batch = new RecordBatch(
            new Schema([new Field("x", Int32Type.Default, true), new Field("d", Date32Type.Default, true)], null),
            [new Int32Array(values, validity, 3, 1, 0), new Date32Array(values, validity, 3, 1, 0)],
            3);

        var table = batch.ToTable("t");

        Assert.Equal([7, 0, 9], table.Primitive<int>("x").Values.ToArray());
        Assert.Equal(default, table.Primitive<DateOnly>("d").Values[1]);
        Assert.Equal(1, table.Column("d").NullCount);
    }

    [Fact]
    public void ToRecordBatch_NoNulls_HasNoValidityBitmaps()
    {
        var table = new TableBuilder("t").Add<int>("a", [1, 2]).Add("s", ["x", "y"]).Build();

        using var batch = table.ToRecordBatch();

        Assert.All(batch.Arrays, a => Assert.True(a.Data.Buffers[0].IsEmpty));
        Assert.All(batch.Arrays, a => Assert.Equal(0, a.NullCount));
    }

    [Fact]
    public void ToRecordBatch_EmptyTables_RoundTrip()
    {
        var noRows = EveryType(rows: 0);
        var noColumns = new Table("none", []);

        using var rowsBatch = noRows.ToRecordBatch();
        using var columnsBatch = noColumns.ToRecordBatch();

        Assert.Equal(0, rowsBatch.Length);
        Assert.Equal(9, rowsBatch.ColumnCount);
        TableAssert.Equal(noRows, rowsBatch.ToTable("every"));
        Assert.Equal(0, columnsBatch.ColumnCount);
        Assert.Empty(columnsBatch.ToTable("none").Columns);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(3, 11)]
    [InlineData(8, 9)]
    [InlineData(13, 0)]
    [InlineData(19, 1)]
    public void ToTable_SlicedBatch_ReadsFromTheOffset(int offset, int length)
    {
        var table = EveryType(rows: 20);

        var back = table.ToRecordBatch().Slice(offset, length).ToTable("every");

        TableAssert.Equal(table.Take([.. Enumerable.Range(offset, length)]), back);
    }

    [Fact]
    public void ToRecordBatch_FilteredTable_RoundTrips()
    {
        var table = EveryType(rows: 40);
        var filtered = table.Filter([.. Enumerable.Range(0, 40).Select(i => i % 3 != 0)]);

        TableAssert.Equal(filtered, filtered.ToRecordBatch().ToTable("every"));
    }

    [Fact]
    public void ToRecordBatch_BuilderWithSpareCapacity_ExportsOnlyTheRows()
    {
        var builder = new PrimitiveColumnBuilder<long>("n", initialCapacity: 1000);
        builder.Append(5);
        builder.AppendNull();
        var table = new Table("t", [builder.Build()]);

        using var batch = table.ToRecordBatch();

        var array = (Int64Array)batch.Column(0);
        Assert.Equal(2 * sizeof(long), array.ValueBuffer.Length);
        Assert.Equal(1, array.NullBitmapBuffer.Length);
        Assert.Equal(new long?[] { 5, null }, array.Take(2));
    }

    [Fact]
    public void ToRecordBatch_NumericAndDictionaryBuffers_AreTheColumnsOwnMemory()
    {
        var table = EveryType();

        using var batch = table.ToRecordBatch();

        AssertShared(table.Primitive<int>("i32"), batch.Column("i32"));
        AssertShared(table.Primitive<long>("i64"), batch.Column("i64"));
        AssertShared(table.Primitive<double>("f64"), batch.Column("f64"));
        AssertShared(table.Primitive<float>("f32"), batch.Column("f32"));
        AssertShared(table.Primitive<byte>("u8"), batch.Column("u8"));
        Assert.True(Unsafe.AreSame(
            ref MemoryMarshal.GetReference(table.Primitive<bool>("flag").ValidityBitmap),
            ref MemoryMarshal.GetReference(((BooleanArray)batch.Column("flag")).NullBitmapBuffer.Span)));
        var indices = ((DictionaryArray)batch.Column("code")).IndicesBuffer.Span;
        Assert.True(Unsafe.AreSame(
            ref MemoryMarshal.GetReference(table.Strings("code").Ids),
            ref MemoryMarshal.GetReference(MemoryMarshal.Cast<byte, int>(indices))));
    }

    private static void AssertShared<T>(PrimitiveColumn<T> column, IArrowArray array)
        where T : unmanaged, IEquatable<T>
    {
        var arrow = (PrimitiveArray<T>)array;
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(column.Values), ref MemoryMarshal.GetReference(arrow.Values)));
        Assert.True(Unsafe.AreSame(
            ref MemoryMarshal.GetReference(column.ValidityBitmap), ref MemoryMarshal.GetReference(arrow.NullBitmapBuffer.Span)));
    }

    [Fact]
    public void ToRecordBatch_ColumnsSharingADictionary_ShareOneArrowDictionaryAndComeBackSharing()
    {
        var codes = new CodeDictionary();
        var table = new TableBuilder("moves")
            .Add("from", ["E01000001", "E01000002", null], codes)
            .Add("to", ["E01000002", "E01000003", "E01000001"], codes)
            .Build();

        using var batch = table.ToRecordBatch();
        var back = batch.ToTable("moves");

        Assert.Same(((DictionaryArray)batch.Column("from")).Dictionary, ((DictionaryArray)batch.Column("to")).Dictionary);
        Assert.Same(back.Strings("from").Dictionary, back.Strings("to").Dictionary);
        Assert.Equal(table.Strings("to").Ids.ToArray(), back.Strings("to").Ids.ToArray());
        TableAssert.Equal(table, back);
    }

    [Fact]
    public void ToTable_GivenDictionary_EncodesIntoIt()
    {
        var lsoas = new CodeDictionary();
        lsoas.GetOrAdd("E01000009");
        var table = new TableBuilder("t").Add("code", ["E01000001", "E01000009"]).Build();

        var back = table.ToRecordBatch().ToTable("t", lsoas);

        Assert.Same(lsoas, back.Strings("code").Dictionary);
        Assert.Equal([1, 0], back.Strings("code").Ids.ToArray());
    }

    [Fact]
    public void ToTable_PlainUtf8_BecomesAStringColumn()
    {
        var names = new StringArray.Builder().Append("Halton").AppendNull().Append("Wirral").Append("Halton").Build();
        using var batch = new RecordBatch(new Schema([new Field("name", StringType.Default, true)], null), [names], 4);

        var column = batch.ToTable("t").Strings("name");

        Assert.Equal(["Halton", null, "Wirral", "Halton"], Enumerable.Range(0, 4).Select(i => column[i]));
        Assert.Equal(2, column.Dictionary.Count);
        Assert.Equal(1, column.NullCount);
    }

    [Fact]
    public async Task ToRecordBatch_ThroughAnArrowIpcStream_RoundTrips()
    {
        var table = EveryType(rows: 30);
        using var batch = table.ToRecordBatch();
        using var stream = new MemoryStream();

        using (var writer = new ArrowStreamWriter(stream, batch.Schema, leaveOpen: true))
        {
            await writer.WriteRecordBatchAsync(batch);
            await writer.WriteEndAsync();
        }

        stream.Position = 0;
        using var reader = new ArrowStreamReader(stream);
        using var read = await reader.ReadNextRecordBatchAsync();
        TableAssert.Equal(table, read.ToTable("every"));
    }

    [Fact]
    public void ToTable_UnsupportedArrowType_ThrowsNamingTableColumnAndType()
    {
        var shorts = new Int16Array.Builder().Append(1).Build();
        using var batch = new RecordBatch(new Schema([new Field("age_band", Int16Type.Default, true)], null), [shorts], 1);

        var ex = Assert.Throws<NotSupportedException>(() => batch.ToTable("population"));

        Assert.Equal(
            "Table 'population', column 'age_band': Arrow type int16 has no column equivalent. "
            + "Supported: Int32, Int64, Float, Double, UInt8, Boolean, Date32, Utf8 and dictionary-encoded Utf8 with Int32 indices.",
            ex.Message);
    }

    [Fact]
    public void ToTable_DictionaryIndexOutOfRange_ThrowsNamingRow()
    {
        var dictionary = new StringArray.Builder().Append("a").Append("b").Build();
        var indices = new Int32Array.Builder().Append(1).Append(2).Build();
        var array = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), indices, dictionary);
        using var batch = new RecordBatch(new Schema([new Field("code", array.Data.DataType, true)], null), [array], 2);

        var ex = Assert.Throws<ArgumentException>(() => batch.ToTable("areas"));

        Assert.StartsWith("Table 'areas', column 'code', row 1: dictionary index 2 is outside the dictionary of 2 strings.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTable_DateBeyondDateOnly_ThrowsNamingRow()
    {
        var days = new Date32Array(new ArrowBuffer(MemoryMarshal.AsBytes<int>(new[] { 0, 3_000_000 }).ToArray()), ArrowBuffer.Empty, 2, 0, 0);
        using var batch = new RecordBatch(new Schema([new Field("d", Date32Type.Default, true)], null), [days], 2);

        var ex = Assert.Throws<ArgumentException>(() => batch.ToTable("t"));

        Assert.StartsWith("Table 't', column 'd', row 1: Date32 value 3000000 (days from 1970-01-01) is outside 0001-01-01 to 9999-12-31.", ex.Message, StringComparison.Ordinal);
    }
}
