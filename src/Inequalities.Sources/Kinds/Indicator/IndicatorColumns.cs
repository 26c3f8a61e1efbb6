using Inequalities.Core.Columnar;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>The columns of an <see cref="IndicatorData"/> being filled, one row at a time, text by dictionary id.</summary>
internal sealed class IndicatorColumns(int capacity)
{
    public StringColumnBuilder Id { get; } = new("indicator_id", initialCapacity: capacity);

    public StringColumnBuilder Name { get; } = new("indicator_name", initialCapacity: capacity);

    public StringColumnBuilder Period { get; } = new("period", initialCapacity: capacity);

    public StringColumnBuilder Sex { get; } = new("sex", initialCapacity: capacity);

    public StringColumnBuilder Age { get; } = new("age", initialCapacity: capacity);

    public StringColumnBuilder Area { get; } = new("area_code", initialCapacity: capacity);

    public StringColumnBuilder Type { get; } = new("area_type", initialCapacity: capacity);

    private readonly ValueBuffer<double> _value = new(capacity);
    private readonly ValueBuffer<double> _lower = new(capacity);
    private readonly ValueBuffer<double> _upper = new(capacity);
    private readonly ValueBuffer<double> _count = new(capacity);
    private readonly ValueBuffer<double> _denominator = new(capacity);

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
