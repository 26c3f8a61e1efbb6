using System.Text;

namespace Inequalities.Core.Columnar;

/// <summary>
/// A UTF-8 front for one <see cref="CodeDictionary"/>: the ids of strings already met, keyed by their UTF-8 bytes in
/// one open-addressing table over one byte buffer. A Parquet file repeats a string column's dictionary in every row
/// group (33,755 LSOA codes in each of 13 row groups of the benchmark's table); from the second on, each entry is found
/// by hashing and comparing its bytes, with no UTF-16 decoding and no look-up in the dictionary's concurrent map.
/// Not thread-safe (one per import).
/// </summary>
internal sealed class Utf8Lookup(CodeDictionary dictionary)
{
    private char[] _chars = new char[256];
    private byte[] _bytes = new byte[1 << 12];
    private int _used;
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private int[] _hashes = new int[64];
    private int[] _ids = new int[64];
    private int _count;

    // Entry index + 1 per slot, 0 for an empty slot; the length a power of two at least twice the entries.
    private int[] _slots = new int[128];

    /// <summary>The id of the string whose UTF-8 is <paramref name="utf8"/>, added to the dictionary when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot] is var entry and > 0)
        {
            var e = entry - 1;
            if (_hashes[e] == hash && utf8.SequenceEqual(_bytes.AsSpan(_starts[e], _lengths[e])))
            {
                return _ids[e];
            }

            slot = (slot + 1) & mask;
        }

        var id = dictionary.GetOrAdd(Decode(utf8));
        Add(utf8, hash, id, slot);
        return id;
    }

    /// <summary>Decodes UTF-8 into a reused buffer (valid until the next call).</summary>
    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = default(HashCode);
        hash.AddBytes(utf8);
        return hash.ToHashCode() & int.MaxValue;
    }

    private void Add(ReadOnlySpan<byte> utf8, int hash, int id, int slot)
    {
        if (_count == _starts.Length)
        {
            var capacity = _count * 2;
            Array.Resize(ref _starts, capacity);
            Array.Resize(ref _lengths, capacity);
            Array.Resize(ref _hashes, capacity);
            Array.Resize(ref _ids, capacity);
        }

        if (_used + utf8.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max((long)_bytes.Length * 2, (long)_used + utf8.Length)));
        }

        utf8.CopyTo(_bytes.AsSpan(_used));
        (_starts[_count], _lengths[_count], _hashes[_count], _ids[_count]) = (_used, utf8.Length, hash, id);
        _used += utf8.Length;
        _slots[slot] = ++_count;
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var e = 0; e < _count; e++)
        {
            var slot = _hashes[e] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = e + 1;
        }
    }
}
