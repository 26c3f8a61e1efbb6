using System.Collections.Concurrent;

namespace Inequalities.Core.Columnar;

/// <summary>
/// Maps strings (GSS codes, names, categories) to dense integer ids 0, 1, 2, … in order of first appearance,
/// so that joins and group-bys run on ints. Ids are never reused or removed.
/// </summary>
/// <remarks>
/// Thread-safety: every member is safe to call from many threads at once. Lookups
/// (<see cref="TryGetId(string, out int)"/>, the indexer, <see cref="Count"/>) take no lock; <see cref="GetOrAdd(string)"/>
/// takes a lock only when the string is new. Comparison is ordinal (case-sensitive): "E01000001" and "e01000001" get
/// different ids.
/// </remarks>
public sealed class CodeDictionary
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly Lock _gate = new();
    private string[] _values;
    private int _count;

    /// <summary>Creates an empty dictionary.</summary>
    public CodeDictionary()
    {
        _values = new string[16];
        _spanLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of distinct strings held; valid ids are 0 to <c>Count - 1</c>.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The string with the given id.</summary>
    /// <param name="id">An id returned by <see cref="GetOrAdd(string)"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative or not yet assigned.</exception>
    public string this[int id]
    {
        get
        {
            // Count is published after the array holding the value, so reading it first is safe.
            var count = Volatile.Read(ref _count);
            if ((uint)id >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(id), id, $"The code dictionary holds {count} strings; id {id} is not one of them.");
            }

            return Volatile.Read(ref _values)[id];
        }
    }

    /// <summary>The strings with ids 0 to <see cref="Count"/> - 1 at the moment of the call, in id order (no copy).</summary>
    internal ReadOnlyMemory<string> Snapshot()
    {
        // Count is published after the array holding the values, so reading it first is safe.
        var count = Volatile.Read(ref _count);
        return Volatile.Read(ref _values).AsMemory(0, count);
    }

    /// <summary>Returns the id of <paramref name="value"/>, adding it when it is new.</summary>
    public int GetOrAdd(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _ids.TryGetValue(value, out var id) ? id : Add(value);
    }

    /// <summary>Returns the id of the characters in <paramref name="value"/>, adding them when new; allocates a string only for a new value.</summary>
    public int GetOrAdd(ReadOnlySpan<char> value) =>
        _spanLookup.TryGetValue(value, out var id) ? id : Add(value.ToString());

    /// <summary>Looks up the id of <paramref name="value"/> without adding it.</summary>
    public bool TryGetId(string value, out int id)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _ids.TryGetValue(value, out id);
    }

    /// <summary>Looks up the id of the characters in <paramref name="value"/> without adding them.</summary>
    public bool TryGetId(ReadOnlySpan<char> value, out int id) => _spanLookup.TryGetValue(value, out id);

    private int Add(string value)
    {
        lock (_gate)
        {
            if (_ids.TryGetValue(value, out var existing))
            {
                return existing;
            }

            var id = _count;
            var values = _values;
            if (id == values.Length)
            {
                Array.Resize(ref values, values.Length * 2);
            }

            values[id] = value;
            Volatile.Write(ref _values, values);
            _ids[value] = id;
            Volatile.Write(ref _count, id + 1);
            return id;
        }
    }
}
