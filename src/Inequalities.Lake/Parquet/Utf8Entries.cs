using System.Runtime.InteropServices;
using System.Text;
using Inequalities.Core.Columnar;
using ByteArray = ParquetSharp.ByteArray;

namespace Inequalities.Lake.Parquet;

/// <summary>
/// The UTF-8 bytes of <see cref="CodeDictionary"/> entries for the native Parquet writer, encoded once per entry and
/// write (not once per row) into pinned buffers, so each row is handed over as a pointer and a length. Only the entries
/// a written row uses are encoded. Not thread-safe: one instance per write; the pointers live as long as the instance.
/// </summary>
internal sealed class Utf8Entries
{
    private const int ChunkSize = 1 << 20;

    private readonly Dictionary<CodeDictionary, Entries> _byDictionary = new(ReferenceEqualityComparer.Instance);
    private readonly List<byte[]> _chunks = [];
    private byte[] _chunk = [];
    private int _used;

    /// <summary>The entries of <paramref name="dictionary"/>.</summary>
    public Entries For(CodeDictionary dictionary)
    {
        if (!_byDictionary.TryGetValue(dictionary, out var entries))
        {
            entries = new Entries(this, dictionary);
            _byDictionary.Add(dictionary, entries);
        }

        return entries;
    }

    private ByteArray Encode(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (_chunk.Length == 0 || _used + length > _chunk.Length)
        {
            // Pinned (on the pinned object heap), so the pointers stay valid until this instance is dropped.
            _chunk = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkSize, length), pinned: true);
            _chunks.Add(_chunk);
            _used = 0;
        }

        var written = Encoding.UTF8.GetBytes(value, _chunk.AsSpan(_used));
        var entry = new ByteArray(Marshal.UnsafeAddrOfPinnedArrayElement(_chunk, _used), written);
        _used += written;
        return entry;
    }

    /// <summary>One dictionary's encoded entries, by id.</summary>
    internal sealed class Entries(Utf8Entries owner, CodeDictionary dictionary)
    {
        private ByteArray[] _encoded = [];
        private bool[] _done = [];

        /// <summary>The bytes of entry <paramref name="id"/>, encoded on first use.</summary>
        public ByteArray Get(int id)
        {
            if ((uint)id >= (uint)_done.Length)
            {
                var size = Math.Max(dictionary.Count, id + 1);
                Array.Resize(ref _encoded, size);
                Array.Resize(ref _done, size);
            }

            if (!_done[id])
            {
                _encoded[id] = owner.Encode(dictionary[id]);
                _done[id] = true;
            }

            return _encoded[id];
        }
    }
}
