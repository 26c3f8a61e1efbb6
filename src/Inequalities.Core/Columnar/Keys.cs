namespace Inequalities.Core.Columnar;

/// <summary>An int key per row taken from an Int32, String (dictionary id), UInt8 or Boolean column, without copying where possible.</summary>
internal readonly struct KeyView
{
    private readonly int[]? _owned;
    private readonly Column _column;
    private readonly bool _negativeIsNull;

    private KeyView(Column column, int[]? owned, bool negativeIsNull)
    {
        _column = column;
        _owned = owned;
        _negativeIsNull = negativeIsNull;
    }

    public int Length => _column.Length;

    public ReadOnlySpan<int> Keys => _owned ?? (_column is PrimitiveColumn<int> ints ? ints.Values : ((StringColumn)_column).Ids);

    public ReadOnlySpan<byte> Validity => _column is PrimitiveColumn<int> ints ? ints.ValidityBitmap : default;

    public bool IsValid(ReadOnlySpan<int> keys, ReadOnlySpan<byte> validity, int row) =>
        _negativeIsNull ? keys[row] >= 0 : validity.IsEmpty || Bitmap.Get(validity, row);

    public static KeyView Create(Table table, string columnName, string role)
    {
        var column = table.Column(columnName);
        switch (column)
        {
            case PrimitiveColumn<int>:
                return new KeyView(column, null, negativeIsNull: false);
            case StringColumn:
                return new KeyView(column, null, negativeIsNull: true);
            case PrimitiveColumn<byte> bytes:
            {
                var keys = new int[bytes.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = bytes.IsValidUnchecked(i) ? bytes.Values[i] : -1;
                }

                return new KeyView(column, keys, negativeIsNull: true);
            }

            case PrimitiveColumn<bool> bools:
            {
                var keys = new int[bools.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = bools.IsValidUnchecked(i) ? (bools.Values[i] ? 1 : 0) : -1;
                }

                return new KeyView(column, keys, negativeIsNull: true);
            }

            default:
                throw new ArgumentException(
                    $"Column '{columnName}' in table '{table.Name}' is {column.DataType}; a {role} key must be Int32, String, UInt8 or Boolean.");
        }
    }

    /// <summary>These string keys re-expressed as ids of this column's dictionary (-1 when absent).</summary>
    public KeyView RemapStringsInto(StringColumn target)
    {
        var source = (StringColumn)_column;
        if (ReferenceEquals(source.Dictionary, target.Dictionary))
        {
            return this;
        }

        var map = new int[source.Dictionary.Count];
        for (var id = 0; id < map.Length; id++)
        {
            map[id] = target.Dictionary.TryGetId(source.Dictionary[id], out var targetId) ? targetId : -1;
        }

        var ids = source.Ids;
        var keys = new int[ids.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var id = ids[i];
            keys[i] = id < 0 ? -1 : map[id];
        }

        return new KeyView(_column, keys, negativeIsNull: true);
    }
}

/// <summary>
/// Maps int keys to dense slots 0..SlotCount-1 in order of first appearance: a flat array indexed by key - min when the
/// keys are dense (GSS dictionary ids, years), a hash map otherwise.
/// </summary>
internal sealed class KeySlots
{
    private readonly int _min;
    private readonly int[]? _dense;
    private readonly Dictionary<int, int>? _map;

    private KeySlots(int min, int[]? dense, Dictionary<int, int>? map)
    {
        _min = min;
        _dense = dense;
        _map = map;
    }

    public int SlotCount { get; private set; }

    /// <summary>Assigns slots to the valid keys of <paramref name="view"/>; <paramref name="rowSlots"/> receives each row's slot (-1 for null).</summary>
    public static KeySlots Create(in KeyView view, Span<int> rowSlots)
    {
        var keys = view.Keys;
        var validity = view.Validity;
        long min = long.MaxValue, max = long.MinValue;
        var valid = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (view.IsValid(keys, validity, i))
            {
                min = Math.Min(min, keys[i]);
                max = Math.Max(max, keys[i]);
                valid++;
            }
        }

        KeySlots slots;
        if (valid == 0)
        {
            slots = new KeySlots(0, [], null);
        }
        else if (max - min + 1 <= Math.Max(1024L, 2L * valid))
        {
            var dense = new int[max - min + 1];
            dense.AsSpan().Fill(-1);
            slots = new KeySlots((int)min, dense, null);
        }
        else
        {
            slots = new KeySlots(0, null, new Dictionary<int, int>(Math.Min(valid, 1 << 20)));
        }

        for (var i = 0; i < keys.Length; i++)
        {
            rowSlots[i] = view.IsValid(keys, validity, i) ? slots.GetOrAdd(keys[i]) : -1;
        }

        return slots;
    }

    /// <summary>The slot of <paramref name="key"/>, or -1 when it was not among the keys.</summary>
    public int Find(int key)
    {
        if (_dense is not null)
        {
            var offset = (long)key - _min;
            return (ulong)offset < (ulong)_dense.Length ? _dense[offset] : -1;
        }

        return _map!.TryGetValue(key, out var slot) ? slot : -1;
    }

    private int GetOrAdd(int key)
    {
        if (_dense is not null)
        {
            ref var slot = ref _dense[key - _min];
            if (slot < 0)
            {
                slot = SlotCount++;
            }

            return slot;
        }

        if (!_map!.TryGetValue(key, out var found))
        {
            found = SlotCount++;
            _map.Add(key, found);
        }

        return found;
    }
}
