using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// The distinct strings of one or more <see cref="TextColumn"/>s, ids in order of first appearance. Its own
/// open-addressing hash table: each slot holds a value's hash and id side by side, so a look-up reads one slot (and its
/// neighbours, in the same cache line) and touches a stored string only when the hashes match. A value read from a
/// span is hashed once, whether it is found or added. This matters for columns of mostly distinct values such as a
/// lookup's codes and names, where nearly every look-up of a new value misses the cache. The table is scratch memory,
/// rented from the shared array pool and given back when the columns are built (an LSOA lookup's is a megabyte, which
/// would otherwise be a new large-object allocation every parse); the values themselves go to the columns.
/// </summary>
internal sealed class TextPool
{
    private readonly ValueBuffer<string> _values;
    private Slot[]? _slots; // a power of two long, at most three quarters full; null once built
    private CodeDictionary? _dictionary;

    /// <param name="capacity">The distinct values expected (the table grows past it as needed).</param>
    public TextPool(int capacity = 0)
    {
        capacity = Math.Max(capacity, 32);
        _values = new ValueBuffer<string>(capacity);
        _slots = Rent((int)BitOperations.RoundUpToPowerOf2((uint)capacity + (uint)capacity / 3));
    }

    public int Count => _values.Count;

    /// <summary>The value of an id (read from the buffer array: the buffer's by-reference indexer costs a type check on an array of strings).</summary>
    public string this[int id] => _values.Buffer[id];

    public int IdOf(ReadOnlySpan<char> value)
    {
        var slots = _slots ?? throw new InvalidOperationException("A text pool takes no look-up once its columns are built.");
        var hash = Hash(value);
        var mask = slots.Length - 1;
        var index = hash & mask;
        while (true)
        {
            ref var slot = ref slots[index];
            if (slot.IdPlusOne == 0)
            {
                return Add(value, hash, ref slot);
            }

            if (slot.Hash == hash && value.SequenceEqual(_values.Buffer[slot.IdPlusOne - 1]))
            {
                return slot.IdPlusOne - 1;
            }

            index = (index + 1) & mask;
        }
    }

    /// <summary>The pool as a <see cref="CodeDictionary"/> (one for every column of the pool), holding the values without a copy.</summary>
    /// <remarks>
    /// A buffer less than half used (a pool sized for more values than the file had) is trimmed first, so the column
    /// does not keep the spare room. The hash table goes back to the array pool: the pool takes no look-up after this.
    /// </remarks>
    public CodeDictionary Dictionary()
    {
        if (_dictionary is null)
        {
            _dictionary = new CodeDictionary(_values.Count * 2 < _values.Buffer.Length ? _values.ToArray() : _values.Buffer, _values.Count);
            ArrayPool<Slot>.Shared.Return(_slots!);
            _slots = null;
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

    private int Add(ReadOnlySpan<char> value, int hash, ref Slot slot)
    {
        var id = _values.Count;
        _values.Add(value.ToString());
        slot = new Slot(hash, id + 1);
        if (id + 1 > _slots!.Length / 4 * 3)
        {
            Grow();
        }

        return id;
    }

    /// <summary>Doubles the table and places every value again by its stored hash.</summary>
    private void Grow()
    {
        var old = _slots!;
        var slots = Rent(old.Length * 2);
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.IdPlusOne != 0)
            {
                var index = slot.Hash & mask;
                while (slots[index].IdPlusOne != 0)
                {
                    index = (index + 1) & mask;
                }

                slots[index] = slot;
            }
        }

        _slots = slots;
        ArrayPool<Slot>.Shared.Return(old);
    }

    /// <summary>An empty table of exactly <paramref name="length"/> slots (a power of two, which is what the array pool hands out).</summary>
    private static Slot[] Rent(int length)
    {
        var slots = ArrayPool<Slot>.Shared.Rent(length);
        Array.Clear(slots);
        return slots;
    }

    /// <summary>A table slot: a value's hash and its id + 1 (0: empty).</summary>
    private readonly record struct Slot(int Hash, int IdPlusOne);
}
