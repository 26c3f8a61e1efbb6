namespace Inequalities.Core.Columnar;

/// <summary>
/// A named, immutable, ordered set of equal-length columns. Operations (<see cref="Take"/>, <see cref="Filter"/>,
/// <see cref="SortBy"/>, <see cref="Join(Table, string, string, JoinKind)"/>, <see cref="GroupBy"/>) return new tables and
/// share unchanged column buffers.
/// </summary>
public sealed class Table
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a table.</summary>
    /// <param name="name">The table name, used in error messages (e.g. <c>areas</c>).</param>
    /// <param name="columns">The columns in order; names must be unique and lengths equal.</param>
    /// <exception cref="ArgumentException">Names repeat or lengths differ; the message names the table and columns.</exception>
    public Table(string name, IEnumerable<Column> columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(columns);
        Name = name;
        _columns = [.. columns];
        _index = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i] ?? throw new ArgumentException($"Table '{name}': column {i} is null.", nameof(columns));
            if (!_index.TryAdd(column.Name, i))
            {
                throw new ArgumentException($"Table '{name}' has two columns named '{column.Name}'.", nameof(columns));
            }

            if (column.Length != _columns[0].Length)
            {
                throw new ArgumentException(
                    $"Table '{name}': column '{column.Name}' has {column.Length} rows but column '{_columns[0].Name}' has {_columns[0].Length}; every column must have the same length.",
                    nameof(columns));
            }
        }

        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        Schema = Array.AsReadOnly(Array.ConvertAll(_columns, c => new ColumnField(c.Name, c.DataType)));
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The number of rows (0 for a table without columns).</summary>
    public int RowCount { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The column names and types in order.</summary>
    public IReadOnlyList<ColumnField> Schema { get; }

    /// <summary>Whether a column of that name exists.</summary>
    public bool Contains(string columnName)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        return _index.ContainsKey(columnName);
    }

    /// <summary>The column named <paramref name="columnName"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the table's columns.</exception>
    public Column Column(string columnName)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        return _index.TryGetValue(columnName, out var i)
            ? _columns[i]
            : throw new KeyNotFoundException(
                $"Table '{Name}' has no column '{columnName}'. Columns: {string.Join(", ", _columns.Select(c => c.Name))}.");
    }

    /// <summary>The column named <paramref name="columnName"/> as a <typeparamref name="TColumn"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    /// <exception cref="InvalidCastException">The column has another type; the message gives the actual type.</exception>
    public TColumn Column<TColumn>(string columnName)
        where TColumn : Column
    {
        var column = Column(columnName);
        return column as TColumn ?? throw new InvalidCastException(
            $"Column '{columnName}' in table '{Name}' is {ColumnTypes.Describe(column)}, not {ColumnTypes.Describe(typeof(TColumn))}.");
    }

    /// <summary>The primitive column named <paramref name="columnName"/> with elements of type <typeparamref name="T"/>.</summary>
    public PrimitiveColumn<T> Primitive<T>(string columnName)
        where T : unmanaged => Column<PrimitiveColumn<T>>(columnName);

    /// <summary>The string column named <paramref name="columnName"/>.</summary>
    public StringColumn Strings(string columnName) => Column<StringColumn>(columnName);

    /// <summary>A table holding the rows at <paramref name="indices"/> in that order; -1 gives an all-null row.</summary>
    public Table Take(ReadOnlySpan<int> indices)
    {
        var columns = new Column[_columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = _columns[c].Take(indices);
        }

        return new Table(Name, columns);
    }

    /// <summary>A table holding the rows where <paramref name="mask"/> is true, in order.</summary>
    /// <exception cref="ArgumentException">The mask length differs from <see cref="RowCount"/>.</exception>
    public Table Filter(ReadOnlySpan<bool> mask)
    {
        if (mask.Length != RowCount)
        {
            throw new ArgumentException($"The filter mask has {mask.Length} entries but table '{Name}' has {RowCount} rows.", nameof(mask));
        }

        var count = mask.Count(true);
        var indices = new int[count];
        var k = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                indices[k++] = i;
            }
        }

        return Take(indices);
    }

    /// <summary>A table with only the named columns, in the order given.</summary>
    public Table Select(params string[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        return new Table(Name, columnNames.Select(Column));
    }

    /// <summary>A table with <paramref name="column"/> added at the end, or replacing the column of the same name.</summary>
    /// <exception cref="ArgumentException">The column length differs from <see cref="RowCount"/>.</exception>
    public Table WithColumn(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var columns = new List<Column>(_columns);
        if (_index.TryGetValue(column.Name, out var i))
        {
            columns[i] = column;
        }
        else
        {
            columns.Add(column);
        }

        return new Table(Name, columns);
    }

    /// <summary>A table with one column renamed.</summary>
    public Table RenameColumn(string columnName, string newName)
    {
        var i = Array.IndexOf(_columns, Column(columnName));
        var columns = (Column[])_columns.Clone();
        columns[i] = columns[i].Rename(newName);
        return new Table(Name, columns);
    }

    /// <summary>The same columns under another table name.</summary>
    public Table WithName(string name) => new(name, _columns);

    /// <summary>
    /// The rows ordered by one column; stable (ties keep their order), nulls last in both directions. Strings sort by
    /// ordinal comparison.
    /// </summary>
    public Table SortBy(string columnName, bool descending = false) => Take(Sorting.Order(Column(columnName), descending));

    /// <summary>
    /// Joins this (fact) table to <paramref name="right"/> (dimension) on a key column of the same name in both; see <see cref="Join(Table, string, string, JoinKind)"/>.
    /// </summary>
    public Table Join(Table right, string key, JoinKind kind = JoinKind.Inner) => Join(right, key, key, kind);

    /// <summary>
    /// Hash-joins this (fact) table to <paramref name="right"/> (dimension) on an Int32 or String key. Each left row
    /// pairs with every matching right row (one-to-many and many-to-many both work), left order kept, matches in right
    /// order. Null keys never match. String keys are compared by value even when the columns use different dictionaries.
    /// The result has the left columns, then the right columns except <paramref name="rightKey"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Key types differ or unsupported, or a right column name already exists on the left.</exception>
    public Table Join(Table right, string leftKey, string rightKey, JoinKind kind = JoinKind.Inner)
    {
        ArgumentNullException.ThrowIfNull(right);
        return Joins.Join(this, right, leftKey, rightKey, kind);
    }

    /// <summary>
    /// Groups rows on one or more Int32, String, UInt8 or Boolean key columns (none for a single whole-table group).
    /// Rows with a null in any key are left out. Groups are numbered in order of first appearance.
    /// </summary>
    public GroupedTable GroupBy(params string[] keyColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        return new GroupedTable(this, keyColumns);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({RowCount} rows: {string.Join(", ", Schema.Select(f => $"{f.Name} {f.DataType}"))})";
}

/// <summary>How <see cref="Table.Join(Table, string, string, JoinKind)"/> treats left rows without a match.</summary>
public enum JoinKind
{
    /// <summary>Drop left rows without a match.</summary>
    Inner,

    /// <summary>Keep left rows without a match, with nulls in the right columns.</summary>
    Left,
}

/// <summary>Assembles a <see cref="Table"/> column by column.</summary>
public sealed class TableBuilder
{
    private readonly string _name;
    private readonly List<Column> _columns = [];

    /// <summary>Creates a builder for a table named <paramref name="name"/>.</summary>
    public TableBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>Adds a column.</summary>
    public TableBuilder Add(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        _columns.Add(column);
        return this;
    }

    /// <summary>Adds a column of non-null values.</summary>
    public TableBuilder Add<T>(string name, ReadOnlySpan<T> values)
        where T : unmanaged => Add(Columnar.Column.FromValues(name, values));

    /// <summary>Adds a column of nullable values.</summary>
    public TableBuilder AddNullable<T>(string name, ReadOnlySpan<T?> values)
        where T : unmanaged => Add(Columnar.Column.FromNullable(name, values));

    /// <summary>Adds a string column.</summary>
    public TableBuilder Add(string name, IEnumerable<string?> values, CodeDictionary? dictionary = null) =>
        Add(Columnar.Column.FromStrings(name, values, dictionary));

    /// <summary>Creates the table (validating names and lengths).</summary>
    public Table Build() => new(_name, _columns);
}
