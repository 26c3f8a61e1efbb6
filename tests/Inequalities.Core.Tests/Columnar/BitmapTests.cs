using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

/// <summary>The vectorised bitmap kernels against a bit-at-a-time reference, on lengths around the vector widths.</summary>
public sealed class BitmapTests
{
    public static TheoryData<int> Lengths => [0, 1, 7, 8, 9, 31, 32, 33, 64, 65, 100, 257];

    private static bool[] RandomBools(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.Next(2) == 1)];
    }

    private static bool Bit(byte[] bits, int i) => (bits[i / 8] & (1 << (i % 8))) != 0;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void PackUnpack_RandomBools_MatchBitByBitAndRoundTrip(int length)
    {
        var values = RandomBools(length, length);

        var bits = Bitmap.Pack(values);

        Assert.Equal((length + 7) / 8, bits.Length);
        Assert.Equal(values, Enumerable.Range(0, length).Select(i => Bit(bits, i)));
        Assert.Equal(values, Bitmap.Unpack(bits, length));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FromIds_NegativeIds_AreClearBits(int length)
    {
        var random = new Random(length);
        var ids = Enumerable.Range(0, length).Select(_ => random.Next(4) == 0 ? -1 : random.Next(1000)).ToArray();

        var bits = Bitmap.FromIds(ids);

        Assert.Equal(ids.Select(id => id >= 0), Enumerable.Range(0, length).Select(i => Bit(bits, i)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 16)]
    [InlineData(3, 13)]
    [InlineData(5, 40)]
    [InlineData(8, 17)]
    [InlineData(15, 1)]
    [InlineData(63, 1)]
    public void Copy_FromABitOffset_StartsAtBitZeroAndClearsTheTail(int offset, int length)
    {
        var source = Bitmap.Pack(RandomBools(64, offset * 100 + length));

        var bits = Bitmap.Copy(source, offset, length);

        Assert.Equal((length + 7) / 8, bits.Length);
        Assert.Equal(Enumerable.Range(offset, length).Select(i => Bit(source, i)), Enumerable.Range(0, length).Select(i => Bit(bits, i)));
        Assert.All(Enumerable.Range(length, bits.Length * 8 - length), i => Assert.False(Bit(bits, i)));
    }

    [Theory]
    [InlineData(0, 0, 16)]
    [InlineData(0, 8, 21)]
    [InlineData(3, 0, 13)]
    [InlineData(0, 5, 40)]
    [InlineData(7, 13, 30)]
    [InlineData(16, 24, 1)]
    public void CopyTo_AtBothOffsets_WritesOnlyTheRangeBitByBit(int sourceOffset, int destinationOffset, int length)
    {
        var source = Bitmap.Pack(RandomBools(64, sourceOffset * 100 + length));
        var before = Bitmap.Pack(RandomBools(80, destinationOffset + 7));
        var destination = (byte[])before.Clone();

        Bitmap.CopyTo(source, sourceOffset, destination, destinationOffset, length);

        Assert.Equal(
            Enumerable.Range(0, 80).Select(i => i >= destinationOffset && i < destinationOffset + length ? Bit(source, sourceOffset + i - destinationOffset) : Bit(before, i)),
            Enumerable.Range(0, 80).Select(i => Bit(destination, i)));
    }

    [Fact]
    public void ClearInvalid_ClearBits_SetDefault()
    {
        var values = Enumerable.Range(1, 11).Select(i => (double)i).ToArray();
        var validity = Bitmap.Pack([true, false, true, true, true, true, true, true, false, true, false]);

        Bitmap.ClearInvalid<double>(values, validity);

        Assert.Equal([1, 0, 3, 4, 5, 6, 7, 8, 0, 10, 0], values);
    }
}
