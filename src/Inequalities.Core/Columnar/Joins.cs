namespace Inequalities.Core.Columnar;

internal static class Joins
{
    public static Table Join(Table left, Table right, string leftKey, string rightKey, JoinKind kind)
    {
        var leftView = KeyView.Create(left, leftKey, "join");
        var rightView = KeyView.Create(right, rightKey, "join");
        var leftColumn = left.Column(leftKey);
        var rightColumn = right.Column(rightKey);
        if (leftColumn.DataType != rightColumn.DataType)
        {
            throw new ArgumentException(
                $"Cannot join '{left.Name}.{leftKey}' ({leftColumn.DataType}) to '{right.Name}.{rightKey}' ({rightColumn.DataType}): the key types differ.");
        }

        foreach (var column in right.Columns)
        {
            if (column.Name != rightKey && left.Contains(column.Name))
            {
                throw new ArgumentException(
                    $"Cannot join '{left.Name}' to '{right.Name}': column '{column.Name}' exists in both; rename or drop one first.");
            }
        }

        if (leftColumn is StringColumn leftStrings)
        {
            rightView = rightView.RemapStringsInto(leftStrings);
        }

        // Build: right rows grouped by key slot (CSR layout: offsets + rows).
        var rightSlots = new int[right.RowCount];
        var slots = KeySlots.Create(rightView, rightSlots);
        var offsets = new int[slots.SlotCount + 1];
        foreach (var slot in rightSlots)
        {
            if (slot >= 0)
            {
                offsets[slot + 1]++;
            }
        }

        for (var s = 0; s < slots.SlotCount; s++)
        {
            offsets[s + 1] += offsets[s];
        }

        var rows = new int[offsets[slots.SlotCount]];
        var cursor = offsets.AsSpan(0, slots.SlotCount).ToArray();
        for (var r = 0; r < rightSlots.Length; r++)
        {
            var slot = rightSlots[r];
            if (slot >= 0)
            {
                rows[cursor[slot]++] = r;
            }
        }

        // Probe: first count, then fill, so the index arrays are allocated once.
        var keys = leftView.Keys;
        var validity = leftView.Validity;
        var leftSlots = new int[left.RowCount];
        long total = 0;
        for (var i = 0; i < leftSlots.Length; i++)
        {
            var slot = leftView.IsValid(keys, validity, i) ? slots.Find(keys[i]) : -1;
            leftSlots[i] = slot;
            var matches = slot < 0 ? 0 : offsets[slot + 1] - offsets[slot];
            total += matches == 0 && kind == JoinKind.Left ? 1 : matches;
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"Joining '{left.Name}' to '{right.Name}' would give {total} rows, more than a table can hold.");
        }

        var leftIndices = new int[total];
        var rightIndices = new int[total];
        var k = 0;
        for (var i = 0; i < leftSlots.Length; i++)
        {
            var slot = leftSlots[i];
            if (slot < 0 || offsets[slot + 1] == offsets[slot])
            {
                if (kind == JoinKind.Left)
                {
                    leftIndices[k] = i;
                    rightIndices[k++] = -1;
                }

                continue;
            }

            for (var m = offsets[slot]; m < offsets[slot + 1]; m++)
            {
                leftIndices[k] = i;
                rightIndices[k++] = rows[m];
            }
        }

        var identity = total == left.RowCount && IsIdentity(leftIndices);
        var columns = new List<Column>(left.Columns.Count + right.Columns.Count - 1);
        foreach (var column in left.Columns)
        {
            columns.Add(identity ? column : column.Take(leftIndices));
        }

        foreach (var column in right.Columns)
        {
            if (column.Name != rightKey)
            {
                columns.Add(column.Take(rightIndices));
            }
        }

        return new Table(left.Name, columns);
    }

    private static bool IsIdentity(ReadOnlySpan<int> indices)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}
