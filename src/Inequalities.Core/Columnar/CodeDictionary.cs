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

    // The strings given at construction (ids 0 to _initialCount - 1) are indexed only when first looked up by value
    // (many columns are only read by id), then never changed, so they are read without a lock; later strings go to _ids.
    private readonly int _initialCount;
    private InitialIndex? _initial;
    private string[] _values;
    private int _count;

    /// <summary>Creates an empty dictionary.</summary>
    public CodeDictionary()
    {
        _values = new string[16];
        _spanLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Creates a dictionary holding <paramref name="values"/> with ids 0, 1, 2, … in order: the quick way to encode many
    /// strings known at once (a parser that has collected a column's distinct values). The strings are indexed for
    /// look-up by value on the first such look-up, not before; more strings can be added later as usual.
    /// </summary>
    /// <param name="values">Distinct strings, in id order; a repeated string is reported when the index is built.</param>
    /// <exception cref="ArgumentException">A string is null.</exception>
    public CodeDictionary(IReadOnlyCollection<string> values)
        : this()
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new string[Math.Max(16, values.Count)];
        var i = 0;
        foreach (var value in values)
        {
            _values[i++] = value ?? throw new ArgumentException("A code dictionary holds no null string.", nameof(values));
        }

        _initialCount = i;
        _count = i;
        if (i == 0)
        {
            _initial = InitialIndex.Empty;
        }
    }

    /// <summary>Adopts <paramref name="values"/> (distinct, ids in order) without a copy: the caller gives the array up.</summary>
    internal CodeDictionary(string[] values, int count)
        : this()
    {
        _values = values.Length >= 16 ? values : [.. values, .. new string[16 - values.Length]];
        _initialCount = count;
        _count = count;
        if (count == 0)
        {
            _initial = InitialIndex.Empty;
        }
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
        return TryGetId(value, out var id) ? id : Add(value);
    }

    /// <summary>Returns the id of the characters in <paramref name="value"/>, adding them when new; allocates a string only for a new value.</summary>
    public int GetOrAdd(ReadOnlySpan<char> value) =>
        TryGetId(value, out var id) ? id : Add(value.ToString());

    /// <summary>Looks up the id of <paramref name="value"/> without adding it.</summary>
    public bool TryGetId(string value, out int id)
    {
        ArgumentNullException.ThrowIfNull(value);
        return (_initialCount > 0 && Initial().Ids.TryGetValue(value, out id)) || _ids.TryGetValue(value, out id);
    }

    /// <summary>Looks up the id of the characters in <paramref name="value"/> without adding them.</summary>
    public bool TryGetId(ReadOnlySpan<char> value, out int id) =>
        (_initialCount > 0 && Initial().Span.TryGetValue(value, out id)) || _spanLookup.TryGetValue(value, out id);

    /// <summary>The index of the strings given at construction, built on first use.</summary>
    private InitialIndex Initial()
    {
        var index = Volatile.Read(ref _initial);
        if (index is not null)
        {
            return index;
        }

        lock (_gate)
        {
            if (_initial is null)
            {
                var ids = new Dictionary<string, int>(_initialCount, StringComparer.Ordinal);
                var values = Volatile.Read(ref _values);
                for (var i = 0; i < _initialCount; i++)
                {
                    if (!ids.TryAdd(values[i], i))
                    {
                        throw new InvalidOperationException($"The code dictionary was given '{values[i]}' twice (ids {ids[values[i]]} and {i}); it holds distinct strings.");
                    }
                }

                Volatile.Write(ref _initial, new InitialIndex(ids));
            }

            return _initial;
        }
    }

    /// <summary>A read-only index of strings to ids, with its span look-up.</summary>
    private sealed class InitialIndex(Dictionary<string, int> ids)
    {
        public static InitialIndex Empty { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal));

        public Dictionary<string, int> Ids { get; } = ids;

        public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Span { get; } = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private int Add(string value)
    {
        lock (_gate)
        {
            if (TryGetId(value, out var existing))
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
