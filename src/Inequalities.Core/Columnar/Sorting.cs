namespace Inequalities.Core.Columnar;

internal static class Sorting
{
    /// <summary>Row order sorting <paramref name="column"/>: stable, nulls last whatever the direction.</summary>
    public static int[] Order(Column column, bool descending)
    {
        var order = new int[column.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        switch (column)
        {
            case StringColumn s:
                SortByRank(order, StringRanks(s), descending);
                break;
            case PrimitiveColumn<int> c:
                Sort(order, c, descending);
                break;
            case PrimitiveColumn<long> c:
                Sort(order, c, descending);
                break;
            case PrimitiveColumn<double> c:
                Sort(order, c, descending);
                break;
            case PrimitiveColumn<float> c:
                Sort(order, c, descending);
                break;
            case PrimitiveColumn<byte> c:
                Sort(order, c, descending);
                break;
            case PrimitiveColumn<bool> c:
                Sort(order, c, descending);
                break;
            case PrimitiveColumn<DateOnly> c:
                Sort(order, c, descending);
                break;
            default:
                throw new NotSupportedException($"Sorting by a {column.DataType} column is not supported.");
        }

        return order;
    }

    private static void Sort<T>(int[] order, PrimitiveColumn<T> column, bool descending)
        where T : unmanaged, IComparable<T>
    {
        var values = column.ValuesMemory;
        var sign = descending ? -1 : 1;
        Array.Sort(order, (a, b) =>
        {
            var va = column.IsValidUnchecked(a);
            var vb = column.IsValidUnchecked(b);
            if (va != vb)
            {
                return va ? -1 : 1;
            }

            var c = va ? sign * values.Span[a].CompareTo(values.Span[b]) : 0;
            return c != 0 ? c : a.CompareTo(b);
        });
    }

    private static int[] StringRanks(StringColumn column)
    {
        // Rank each dictionary entry once, then sort rows on int ranks.
        var count = column.Dictionary.Count;
        var ids = new int[count];
        var strings = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = i;
            strings[i] = column.Dictionary[i];
        }

        Array.Sort(strings, ids, StringComparer.Ordinal);
        var ranks = new int[count];
        for (var r = 0; r < count; r++)
        {
            ranks[ids[r]] = r;
        }

        var rowRanks = new int[column.Length];
        var rowIds = column.Ids;
        for (var i = 0; i < rowRanks.Length; i++)
        {
            rowRanks[i] = rowIds[i] < 0 ? -1 : ranks[rowIds[i]];
        }

        return rowRanks;
    }

    private static void SortByRank(int[] order, int[] ranks, bool descending)
    {
        var sign = descending ? -1 : 1;
        Array.Sort(order, (a, b) =>
        {
            var ra = ranks[a];
            var rb = ranks[b];
            if ((ra < 0) != (rb < 0))
            {
                return ra >= 0 ? -1 : 1;
            }

            var c = sign * ra.CompareTo(rb);
            return c != 0 ? c : a.CompareTo(b);
        });
    }
}
