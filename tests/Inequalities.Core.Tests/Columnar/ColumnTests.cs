using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

public sealed class ColumnTests
{
    [Fact]
    public void Build_NoNulls_HasNoBitmapAndAllValid()
    {
        var builder = new PrimitiveColumnBuilder<int>("x", 1);
        for (var i = 0; i < 100; i++)
        {
            builder.Append(i * 3);
        }

        var column = builder.Build();

        Assert.Equal(100, column.Length);
        Assert.Equal(0, column.NullCount);
        Assert.True(column.ValidityBitmap.IsEmpty);
        Assert.Equal(297, column.Values[99]);
        Assert.True(column.IsValid(99));
        Assert.Equal(ColumnDataType.Int32, column.DataType);
        Assert.Equal(0, builder.Count);
    }

    [Fact]
    public void Build_NullsAfterValues_SetsArrowBitmapAndDefaultSlots()
    {
        var builder = new PrimitiveColumnBuilder<double>("v", 2);
        builder.Append(1.5);
        builder.Append(2.5);
        builder.AppendNull();
        builder.Append(4.5);
        builder.AppendNulls(5);
        builder.Append((double?)10.0);
        builder.AppendRange([11.0, 12.0]);

        var column = builder.Build();

        Assert.Equal(12, column.Length);
        Assert.Equal(6, column.NullCount);
        // rows 0,1,3 valid; 2,4..8 null; 9,10,11 valid → byte0 = 0b0000_1011, byte1 = 0b0000_1110
        Assert.Equal([0b0000_1011, 0b0000_1110], column.ValidityBitmap.ToArray());
        Assert.Null(column[2]);
        Assert.Equal(0.0, column.Values[2]);
        Assert.Equal(4.5, column[3]);
        Assert.Equal(12.0, column[11]);
        Assert.False(column.IsValid(8));
    }

    [Fact]
    public void FromNullable_RoundTripsEveryValue()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 1000).Select(_ => random.Next(4) == 0 ? (long?)null : random.NextInt64()).ToArray();

        var column = Column.FromNullable<long>("n", values);

        Assert.Equal(values.Count(v => v is null), column.NullCount);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], column[i]);
        }
    }

    [Fact]
    public void Indexer_OutOfRange_ThrowsNamingColumn()
    {
        var column = Column.FromValues<int>("lsoa_vintage", [2011, 2021]);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => column[2]);
        Assert.StartsWith("Column 'lsoa_vintage' has 2 rows; row 2 does not exist.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrimitiveColumnBuilder_UnsupportedType_Throws()
    {
        var ex = Assert.Throws<NotSupportedException>(() => new PrimitiveColumnBuilder<decimal>("d"));
        Assert.Equal("A primitive column cannot hold Decimal; supported element types are bool, byte, int, long, float, double and DateOnly.", ex.Message);
    }

    [Fact]
    public void StringColumn_NullsAndSharedDictionary_EncodeToIds()
    {
        var dictionary = new CodeDictionary();
        dictionary.GetOrAdd("E08000012");
        var builder = new StringColumnBuilder("lad_code", dictionary);
        builder.Append("E08000011");
        builder.Append((string?)null);
        builder.Append("E08000012");
        builder.Append(ReadOnlySpan<char>.Empty);
        builder.AppendId(1);
        builder.AppendId(-1);

        var column = builder.Build();

        Assert.Equal([1, -1, 0, 2, 1, -1], column.Ids.ToArray());
        Assert.Equal(2, column.NullCount);
        Assert.Equal("E08000011", column[0]);
        Assert.Null(column[1]);
        Assert.Equal(string.Empty, column[3]);
        Assert.Same(dictionary, column.Dictionary);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AppendId(3));
    }

    [Fact]
    public void Mask_NullRows_AreFalse()
    {
        var numbers = Column.FromNullable<int>("n", [1, null, 3, 4]);
        var codes = Column.FromStrings("c", ["E06000006", null, "E08000011", "E06000006"]);

        Assert.Equal([false, false, true, true], numbers.Mask(v => v > 1));
        Assert.Equal([true, false, false, true], codes.Mask(s => s.StartsWith("E06", StringComparison.Ordinal)));
    }

    [Fact]
    public void Rename_SharesDataUnderNewName()
    {
        var column = Column.FromNullable<float>("a", [1f, null]);

        var renamed = (PrimitiveColumn<float>)column.Rename("b");

        Assert.Equal("b", renamed.Name);
        Assert.Equal(1, renamed.NullCount);
        Assert.Equal(1f, renamed[0]);
    }
}
