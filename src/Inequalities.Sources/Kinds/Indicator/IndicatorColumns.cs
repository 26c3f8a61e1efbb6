using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>The columns of an <see cref="IndicatorData"/> being filled, one row at a time, text by dictionary id.</summary>
internal sealed class IndicatorColumns(int capacity)
{
    private readonly ValueBuffer<double> _value = new(capacity);

    // Confidence limits, counts and denominators are often absent from a whole file (wide files have none): a column
    // is kept only from its first value on, and the columns without one share one array of NaN.
    private ValueBuffer<double>? _lower;
    private ValueBuffer<double>? _upper;
    private ValueBuffer<double>? _count;
    private ValueBuffer<double>? _denominator;

    public TextColumn Id { get; } = new("indicator_id", capacity);

    public TextColumn Name { get; } = new("indicator_name", capacity);

    public TextColumn Period { get; } = new("period", capacity);

    public TextColumn Sex { get; } = new("sex", capacity);

    public TextColumn Age { get; } = new("age", capacity);

    public TextColumn Area { get; } = new("area_code", capacity);

    public TextColumn Type { get; } = new("area_type", capacity);

    public int Rows => _value.Count;

    /// <summary>Makes room for <paramref name="rows"/> rows in all in every column kept (a wide file's estimated lines times its indicators).</summary>
    public void Reserve(int rows)
    {
        _value.Reserve(rows);
        foreach (var column in (TextColumn[])[Id, Name, Period, Sex, Age, Area, Type])
        {
            column.Reserve(rows);
        }
    }

    /// <summary>Appends a row: text as ids in each column's dictionary (-1 for null), numbers NaN when missing.</summary>
    public void Add(int id, int name, int period, int sex, int age, int area, int type, double value, double lower, double upper, double count, double denominator)
    {
        Id.AppendId(id);
        Name.AppendId(name);
        Period.AppendId(period);
        Sex.AppendId(sex);
        Age.AppendId(age);
        Area.AppendId(area);
        Type.AppendId(type);
        Add(ref _lower, lower);
        Add(ref _upper, upper);
        Add(ref _count, count);
        Add(ref _denominator, denominator);
        _value.Add(value);
    }

    /// <summary>
    /// Appends the rows of one line of a wide file: one per indicator with a value (ids and names as given), sharing
    /// the line's period, sex, age and area; no confidence limits, counts or denominators.
    /// </summary>
    public void AddWide(ReadOnlySpan<int> ids, ReadOnlySpan<int> names, ReadOnlySpan<double> values, int period, int sex, int age, int area, int type)
    {
        var k = values.Length;
        if (_lower is not null || _upper is not null || _count is not null || _denominator is not null)
        {
            for (var i = 0; i < k; i++)
            {
                Add(ids[i], names[i], period, sex, age, area, type, values[i], double.NaN, double.NaN, double.NaN, double.NaN);
            }

            return;
        }

        Id.AppendIds(ids);
        Name.AppendIds(names);
        Period.AppendIds(period, k);
        Sex.AppendIds(sex, k);
        Age.AppendIds(age, k);
        Area.AppendIds(area, k);
        Type.AppendIds(type, k);
        _value.AddRange(values);
    }

    public IndicatorData Build(string sourceId, IReadOnlyDictionary<string, string> columnsUsed, IReadOnlyDictionary<string, int> skipped)
    {
        double[]? none = null;
        double[] Values(ValueBuffer<double>? buffer)
        {
            if (buffer is not null)
            {
                return buffer.ToArray();
            }

            if (none is null)
            {
                none = new double[Rows];
                Array.Fill(none, double.NaN);
            }

            return none;
        }

        return Build(sourceId, columnsUsed, skipped, Values(_lower), Values(_upper), Values(_count), Values(_denominator));
    }

    /// <summary>Appends to an optional column, starting it (NaN for the rows before) at its first value.</summary>
    private void Add(ref ValueBuffer<double>? buffer, double value)
    {
        if (buffer is null)
        {
            if (double.IsNaN(value))
            {
                return;
            }

            buffer = new ValueBuffer<double>(Math.Max(1024, Rows + 1));
            for (var i = 0; i < Rows; i++)
            {
                buffer.Add(double.NaN);
            }
        }

        buffer.Add(value);
    }

    private IndicatorData Build(
        string sourceId, IReadOnlyDictionary<string, string> columnsUsed, IReadOnlyDictionary<string, int> skipped, double[] lower, double[] upper, double[] count, double[] denominator) => new()
    {
        SourceId = sourceId,
        ColumnsUsed = columnsUsed,
        IndicatorId = Id.Build(),
        IndicatorName = Name.Build(),
        Period = Period.Build(),
        Sex = Sex.Build(),
        Age = Age.Build(),
        AreaCode = Area.Build(),
        AreaType = Type.Build(),
        Value = _value.ToArray(),
        LowerCi = lower,
        UpperCi = upper,
        Count = count,
        Denominator = denominator,
        Skipped = skipped,
    };
}
