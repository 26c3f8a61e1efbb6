using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// The distinct strings of one or more <see cref="TextColumn"/>s, ids in order of first appearance. Its own
/// open-addressing hash table in the manner of a Swiss table: a control byte per slot (empty, or seven bits of the
/// value's hash) in an array small enough to stay in the processor's cache, and beside it the slots (the full hash and
/// the id). A look-up scans the control bytes and reads a slot and its string only where the seven bits match, so adding
/// a new value, which is most look-ups in a column of distinct codes or names, reads no slot at all (the slots of an
/// LSOA lookup are a megabyte, and reading one was a cache miss per value). A value read from a span is hashed once,
/// whether it is found or added. Both arrays are scratch memory, rented from the shared array pool and given back when
/// the columns are built; the values themselves go to the columns.
/// </summary>
internal sealed class TextPool
{
    private readonly ValueBuffer<string> _values;
    private byte[]? _control; // per slot: 0 empty, else 0x80 | the hash's top seven bits; null once built
    private Slot[] _slots = [];
    private int _mask; // slots in use less one (a power of two less one); at most three quarters are full
    private CodeDictionary? _dictionary;

    /// <param name="capacity">The distinct values expected (the table grows past it as needed).</param>
    public TextPool(int capacity = 0)
    {
        capacity = Math.Max(capacity, 32);
        _values = new ValueBuffer<string>(capacity);
        Allocate((int)BitOperations.RoundUpToPowerOf2((uint)capacity + (uint)capacity / 3));
    }

    public int Count => _values.Count;

    /// <summary>The value of an id (read from the buffer array: the buffer's by-reference indexer costs a type check on an array of strings).</summary>
    public string this[int id] => _values.Buffer[id];

    public int IdOf(ReadOnlySpan<char> value)
    {
        var control = _control ?? throw new InvalidOperationException("A text pool takes no look-up once its columns are built.");
        var hash = Hash(value);
        var tag = Tag(hash);
        var index = hash & _mask;
        while (true)
        {
            var c = control[index];
            if (c == 0)
            {
                return Add(value, hash, index);
            }

            if (c == tag)
            {
                var slot = _slots[index];
                if (slot.Hash == hash && value.SequenceEqual(_values.Buffer[slot.Id]))
                {
                    return slot.Id;
                }
            }

            index = (index + 1) & _mask;
        }
    }

    /// <summary>The pool as a <see cref="CodeDictionary"/> (one for every column of the pool), holding the values without a copy.</summary>
    /// <remarks>
    /// A buffer less than half used (a pool sized for more values than the file had) is trimmed first, so the column
    /// does not keep the spare room. The table goes back to the array pool: the pool takes no look-up after this.
    /// </remarks>
    public CodeDictionary Dictionary()
    {
        if (_dictionary is null)
        {
            _dictionary = new CodeDictionary(_values.Count * 2 < _values.Buffer.Length ? _values.ToArray() : _values.Buffer, _values.Count);
            ArrayPool<byte>.Shared.Return(_control!);
            ArrayPool<Slot>.Shared.Return(_slots);
            _control = null;
            _slots = [];
        }

        return _dictionary;
    }

    /// <summary>
    /// A hash of the characters read eight bytes at a time (a code or a name is two to five reads), each folded in with
    /// a 64 × 64 → 128-bit multiply whose halves are xored, so every input bit reaches every output bit. Not randomised:
    /// the pool holds publishers' files, not adversaries' keys.
    /// </summary>
    internal static int Hash(ReadOnlySpan<char> value)
    {
        var bytes = MemoryMarshal.AsBytes(value);
        var hash = Seed ^ (ulong)bytes.Length;
        if (bytes.Length >= sizeof(ulong))
        {
            // Whole words, then the last eight bytes (overlapping the previous word when the length is not a multiple).
            var last = bytes.Length - sizeof(ulong);
            for (var i = 0; i < last; i += sizeof(ulong))
            {
                hash = Mix(hash ^ MemoryMarshal.Read<ulong>(bytes[i..]));
            }

            hash = Mix(hash ^ MemoryMarshal.Read<ulong>(bytes[last..]));
        }
        else if (bytes.Length >= sizeof(uint))
        {
            // Two or three characters: the first and the last four bytes.
            var low = (ulong)MemoryMarshal.Read<uint>(bytes);
            var high = (ulong)MemoryMarshal.Read<uint>(bytes[^sizeof(uint)..]);
            hash = Mix(hash ^ low ^ (high << 32));
        }
        else if (bytes.Length > 0)
        {
            hash = Mix(hash ^ value[0]);
        }

        return (int)(hash ^ (hash >> 32));
    }

    private const ulong Seed = 0x9E3779B97F4A7C15UL;

    private static ulong Mix(ulong value)
    {
        var high = Math.BigMul(value, 0xA0761D6478BD642FUL, out var low);
        return high ^ low;
    }

    /// <summary>The control byte of a hash: its top seven bits, with the high bit set so that it is never 0 (empty).</summary>
    private static byte Tag(int hash) => (byte)(0x80 | ((uint)hash >> 25));

    private int Add(ReadOnlySpan<char> value, int hash, int index)
    {
        var id = _values.Count;
        _values.Add(value.ToString());
        _control![index] = Tag(hash);
        _slots[index] = new Slot(hash, id);
        if (id + 1 > (_mask + 1) / 4 * 3)
        {
            Grow();
        }

        return id;
    }

    /// <summary>Doubles the table and places every value again by its stored hash.</summary>
    private void Grow()
    {
        var (control, slots, length) = (_control!, _slots, _mask + 1);
        Allocate(length * 2);
        for (var i = 0; i < length; i++)
        {
            if (control[i] != 0)
            {
                var index = slots[i].Hash & _mask;
                while (_control![index] != 0)
                {
                    index = (index + 1) & _mask;
                }

                _control[index] = control[i];
                _slots[index] = slots[i];
            }
        }

        ArrayPool<byte>.Shared.Return(control);
        ArrayPool<Slot>.Shared.Return(slots);
    }

    /// <summary>Rents an empty table of <paramref name="length"/> slots (a power of two); only the control bytes need clearing.</summary>
    private void Allocate(int length)
    {
        _control = ArrayPool<byte>.Shared.Rent(length);
        Array.Clear(_control, 0, length);
        _slots = ArrayPool<Slot>.Shared.Rent(length);
        _mask = length - 1;
    }

    /// <summary>A full slot: a value's hash and its id.</summary>
    private readonly record struct Slot(int Hash, int Id);
}
