using System.Runtime.CompilerServices;

namespace Inequalities.Core.Columnar;

/// <summary>Arrow-style validity bitmaps: bit <c>i % 8</c> of byte <c>i / 8</c> is 1 when row i is valid.</summary>
internal static class Bitmap
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bits, int index) => bits[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<byte> bits, int index) => bits[index >> 3] &= (byte)~(1 << (index & 7));

    public static int ByteCount(int length) => (length + 7) >> 3;
}
