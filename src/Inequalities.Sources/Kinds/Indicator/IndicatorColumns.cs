using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>The columns of an <see cref="IndicatorData"/> being filled, one row at a time, text by dictionary id.</summary>
internal sealed class IndicatorColumns(int capacity)
{
    private readonly ValueBuffer<double> _value = new(capacity);
    private readonly ValueBuffer<double> _lower = new(capacity);
    private readonly ValueBuffer<double> _upper = new(capacity);
    private readonly ValueBuffer<double> _count = new(capacity);
    private readonly ValueBuffer<double> _denominator = new(capacity);

    public TextColumn Id { get; } = new("indicator_id", capacity);

    public TextColumn Name { get; } = new("indicator_name", capacity);

    public TextColumn Period { get; } = new("period", capacity);

    public TextColumn Sex { get; } = new("sex", capacity);

    public TextColumn Age { get; } = new("age", capacity);

    public TextColumn Area { get; } = new("area_code", capacity);

    public TextColumn Type { get; } = new("area_type", capacity);

    public int Rows => _value.Count;

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
        _value.Add(value);
        _lower.Add(lower);
        _upper.Add(upper);
        _count.Add(count);
        _denominator.Add(denominator);
    }

    public IndicatorData Build(string sourceId, IReadOnlyDictionary<string, string> columnsUsed, IReadOnlyDictionary<string, int> skipped) => new()
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
        LowerCi = _lower.ToArray(),
        UpperCi = _upper.ToArray(),
        Count = _count.ToArray(),
        Denominator = _denominator.ToArray(),
        Skipped = skipped,
    };
}
