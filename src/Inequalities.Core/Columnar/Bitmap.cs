using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Inequalities.Core.Columnar;

/// <summary>Arrow-style validity bitmaps: bit <c>i % 8</c> of byte <c>i / 8</c> is 1 when row i is valid.</summary>
internal static class Bitmap
{
    // Byte b unpacked to eight bools (byte k of the entry is bit k of b), so one write covers eight rows.
    private static readonly ulong[] Unpacked = BuildUnpackTable();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bits, int index) => bits[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<byte> bits, int index) => bits[index >> 3] &= (byte)~(1 << (index & 7));

    public static int ByteCount(int length) => (length + 7) >> 3;

    /// <summary>Packs bools into bits (bit i set where <paramref name="values"/>[i] is true), 32 rows per vector step.</summary>
    public static byte[] Pack(ReadOnlySpan<bool> values)
    {
        var bits = new byte[ByteCount(values.Length)];
        var bytes = MemoryMarshal.AsBytes(values);
        var i = 0;
        for (; i + 32 <= bytes.Length; i += 32)
        {
            var set = Vector256.GreaterThan(Vector256.Create<byte>(bytes.Slice(i, 32)), Vector256<byte>.Zero);
            BinaryPrimitives.WriteUInt32LittleEndian(bits.AsSpan(i >> 3), set.ExtractMostSignificantBits());
        }

        for (; i < bytes.Length; i++)
        {
            if (bytes[i] != 0)
            {
                Set(bits, i);
            }
        }

        return bits;
    }

    /// <summary>Unpacks the first <paramref name="length"/> bits of <paramref name="bits"/> into bools, eight rows per step.</summary>
    public static bool[] Unpack(ReadOnlySpan<byte> bits, int length)
    {
        var values = new bool[length];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        var whole = length >> 3;
        for (var b = 0; b < whole; b++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(b << 3, 8), Unpacked[bits[b]]);
        }

        for (var i = whole << 3; i < length; i++)
        {
            values[i] = Get(bits, i);
        }

        return values;
    }

    /// <summary>
    /// A validity bitmap for dictionary ids: bit i set where <paramref name="ids"/>[i] is not negative (-1 marks a null
    /// row), eight ids per vector step.
    /// </summary>
    public static byte[] FromIds(ReadOnlySpan<int> ids)
    {
        var bits = new byte[ByteCount(ids.Length)];
        var i = 0;
        for (; i + 8 <= ids.Length; i += 8)
        {
            // The sign bits mark the nulls; the valid rows are their complement.
            bits[i >> 3] = (byte)~Vector256.Create(ids.Slice(i, 8)).ExtractMostSignificantBits();
        }

        for (; i < ids.Length; i++)
        {
            if (ids[i] >= 0)
            {
                Set(bits, i);
            }
        }

        return bits;
    }

    /// <summary>
    /// Copies <paramref name="length"/> bits starting at bit <paramref name="offset"/> of <paramref name="source"/> into a
    /// new bitmap starting at bit 0 (a whole-byte copy when the offset is a multiple of 8, else eight bits per step).
    /// Bits past <paramref name="length"/> in the last byte are cleared.
    /// </summary>
    public static byte[] Copy(ReadOnlySpan<byte> source, int offset, int length)
    {
        var count = ByteCount(length);
        var bits = new byte[count];
        var first = offset >> 3;
        var shift = offset & 7;
        if (shift == 0)
        {
            source.Slice(first, count).CopyTo(bits);
        }
        else
        {
            for (var b = 0; b < count; b++)
            {
                var low = source[first + b] >> shift;
                var high = first + b + 1 < source.Length ? source[first + b + 1] << (8 - shift) : 0;
                bits[b] = (byte)(low | high);
            }
        }

        var tail = length & 7;
        if (tail != 0)
        {
            bits[count - 1] &= (byte)((1 << tail) - 1);
        }

        return bits;
    }

    /// <summary>
    /// Copies <paramref name="length"/> bits from bit <paramref name="sourceOffset"/> of <paramref name="source"/> to bit
    /// <paramref name="destinationOffset"/> of <paramref name="destination"/> (whole bytes when both offsets are multiples
    /// of 8, else bit by bit); the destination's other bits are left as they were.
    /// </summary>
    public static void CopyTo(ReadOnlySpan<byte> source, int sourceOffset, Span<byte> destination, int destinationOffset, int length)
    {
        var i = 0;
        if ((sourceOffset & 7) == 0 && (destinationOffset & 7) == 0)
        {
            var whole = length >> 3;
            source.Slice(sourceOffset >> 3, whole).CopyTo(destination[(destinationOffset >> 3)..]);
            i = whole << 3;
        }

        for (; i < length; i++)
        {
            if (Get(source, sourceOffset + i))
            {
                Set(destination, destinationOffset + i);
            }
            else
            {
                Clear(destination, destinationOffset + i);
            }
        }
    }

    /// <summary>Sets <paramref name="values"/>[i] to <c>default</c> wherever bit i of <paramref name="validity"/> is clear.</summary>
    public static void ClearInvalid<T>(Span<T> values, ReadOnlySpan<byte> validity)
    {
        for (var b = 0; b < validity.Length; b++)
        {
            var bits = validity[b];
            if (bits == 0xFF)
            {
                continue;
            }

            var start = b << 3;
            var end = Math.Min(start + 8, values.Length);
            for (var i = start; i < end; i++)
            {
                if ((bits & (1 << (i - start))) == 0)
                {
                    values[i] = default!;
                }
            }
        }
    }

    private static ulong[] BuildUnpackTable()
    {
        var table = new ulong[256];
        for (var b = 0; b < 256; b++)
        {
            ulong entry = 0;
            for (var k = 0; k < 8; k++)
            {
                entry |= (ulong)((b >> k) & 1) << (k * 8);
            }

            table[b] = entry;
        }

        return table;
    }
}
