using Inequalities.Core.Columnar;
using Inequalities.Core.Inequality;
using Inequalities.Core.Measures;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>Which indicator series a gradient row is about: one source, indicator and period.</summary>
internal sealed record SeriesKey(string SourceId, string IndicatorId, string Period);

/// <summary>
/// An indicator series with its LSOA values by dense LSOA id (<see cref="LsoaIndex"/>; NaN = no value), and counts
/// and denominators where the source publishes them at LSOA level.
/// </summary>
internal sealed class GradientSeries(SeriesKey key, double[] values)
{
    public SeriesKey Key { get; } = key;

    /// <summary>Count and denominator per LSOA id ((NaN, NaN) = none), or null when the series has no counts.</summary>
    public (double Count, double Denominator)[]? Counts { get; set; }

    /// <summary>The value of an LSOA id (NaN = none).</summary>
    public double Value(int lsoa) => lsoa < values.Length ? values[lsoa] : double.NaN;

    /// <summary>The count and denominator of an LSOA id ((NaN, NaN) = none).</summary>
    public (double Count, double Denominator) Count(int lsoa) => Counts is { } c && lsoa < c.Length ? c[lsoa] : (double.NaN, double.NaN);
}

/// <summary>One row of <c>inequality_gradients</c>, kept in memory for <c>inequality_trends</c>.</summary>
internal sealed record GradientRow(
    SeriesKey Series, string AreaCode, string AreaType, GradientBasis Basis, int LsoaVintage, string Method, int Lsoas)
{
    public double? Sii { get; init; }

    public double? SiiSe { get; init; }

    public double? SiiLower { get; init; }

    public double? SiiUpper { get; init; }

    public double? Rii { get; init; }

    public double? RiiLower { get; init; }

    public double? RiiUpper { get; init; }

    public double? AbsGap { get; init; }

    public double? RelGap { get; init; }

    public double? ConcentrationIndex { get; init; }

    public string? SeMethod { get; init; }

    public string? Reason { get; init; }

    public string? RiiReason { get; init; }

    public int Repetitions { get; init; }
}

/// <summary>The key columns both tables share: which series, area and basis a row is about.</summary>
internal sealed class GradientKeyColumns
{
    private readonly List<string> _source = [], _indicator = [], _period = [], _area = [], _areaType = [], _basis = [];
    private readonly List<int> _count = [];

    public void Add(SeriesKey s, string area, string areaType, GradientBasis basis)
    {
        _source.Add(s.SourceId);
        _indicator.Add(s.IndicatorId);
        _period.Add(s.Period);
        _area.Add(area);
        _areaType.Add(areaType);
        _basis.Add(basis.Label);
        _count.Add(basis.Quantiles);
    }

    public TableBuilder Start(string table) => new TableBuilder(table)
        .Add(InequalityQuantilesColumns.SourceId, _source)
        .Add(InequalityQuantilesColumns.IndicatorId, _indicator)
        .Add(InequalityQuantilesColumns.Period, _period)
        .Add(InequalityQuantilesColumns.AreaCode, _area)
        .Add(InequalityQuantilesColumns.AreaType, _areaType)
        .Add(InequalityQuantilesColumns.Basis, _basis)
        .Add<int>(InequalityQuantilesColumns.QuantileCount, _count.ToArray());
}

/// <summary><c>inequality_quantiles</c>, row by row.</summary>
internal sealed class QuantileTableColumns
{
    private readonly GradientKeyColumns _keys = new();
    private readonly List<int> _quantile = [], _lsoas = [];
    private readonly List<double> _population = [], _value = [];
    private readonly List<double?> _se = [];
    private readonly List<string?> _seMethod = [];

    public void Add(SeriesKey s, string area, string areaType, GradientBasis basis, QuantileValue v)
    {
        _keys.Add(s, area, areaType, basis);
        _quantile.Add(v.Quantile);
        _lsoas.Add(v.Areas);
        _population.Add(v.Population);
        _value.Add(v.Value);
        _se.Add(double.IsNaN(v.StandardError) ? null : v.StandardError);
        _seMethod.Add(GradientVocabulary.SeMethodOf(v.ErrorMethod));
    }

    public Table Build() => _keys.Start(TableNames.InequalityQuantiles)
        .Add<int>(InequalityQuantilesColumns.Quantile, _quantile.ToArray())
        .Add<int>(InequalityQuantilesColumns.Lsoas, _lsoas.ToArray())
        .Add<double>(InequalityQuantilesColumns.Population, _population.ToArray())
        .Add<double>(InequalityQuantilesColumns.Value, _value.ToArray())
        .AddNullable<double>(InequalityQuantilesColumns.Se, _se.ToArray())
        .Add(InequalityQuantilesColumns.SeMethod, _seMethod)
        .Build();
}

/// <summary><c>inequality_gradients</c>, row by row.</summary>
internal sealed class GradientTableColumns
{
    private readonly GradientKeyColumns _keys = new();
    private readonly List<int> _repetitions = [], _lsoas = [];
    private readonly List<double?> _sii = [], _siiLower = [], _siiUpper = [], _siiSe = [], _rii = [], _riiLower = [], _riiUpper = [], _abs = [], _rel = [], _ci = [];
    private readonly List<double> _confidence = [];
    private readonly List<string?> _method = [], _seMethod = [], _reason = [], _riiReason = [], _polarity = [], _direction = [], _worseIn = [], _interpretation = [];

    public void Add(GradientRow row, IndicatorMetadata? metadata)
    {
        _keys.Add(row.Series, row.AreaCode, row.AreaType, row.Basis);
        _sii.Add(row.Sii);
        _siiLower.Add(row.SiiLower);
        _siiUpper.Add(row.SiiUpper);
        _siiSe.Add(row.SiiSe);
        _rii.Add(row.Rii);
        _riiLower.Add(row.RiiLower);
        _riiUpper.Add(row.RiiUpper);
        _confidence.Add(ConfidenceLevels.NinetyFive);
        _repetitions.Add(row.Repetitions);
        _abs.Add(row.AbsGap);
        _rel.Add(row.RelGap);
        _ci.Add(row.ConcentrationIndex);
        _method.Add(row.Method);
        _seMethod.Add(row.SeMethod);
        _reason.Add(row.Reason);
        _riiReason.Add(row.RiiReason);
        _lsoas.Add(row.Lsoas);
        _polarity.Add(metadata?.PolarityName);
        var direction = GradientVocabulary.Direction(row.Sii, row.SiiLower, row.SiiUpper);
        _direction.Add(direction);
        _worseIn.Add(GradientVocabulary.WorseIn(direction, metadata?.Polarity));
        _interpretation.Add(GradientVocabulary.Interpretation(direction, metadata?.Polarity, ConfidenceLevels.NinetyFive));
    }

    public Table Build() => _keys.Start(TableNames.InequalityGradients)
        .AddNullable<double>(InequalityGradientsColumns.Sii, _sii.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.SiiLower, _siiLower.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.SiiUpper, _siiUpper.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.Rii, _rii.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.RiiLower, _riiLower.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.RiiUpper, _riiUpper.ToArray())
        .Add<double>(InequalityGradientsColumns.Confidence, _confidence.ToArray())
        .Add<int>(InequalityGradientsColumns.Repetitions, _repetitions.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.AbsGap, _abs.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.RelGap, _rel.ToArray())
        .AddNullable<double>(InequalityGradientsColumns.ConcentrationIndex, _ci.ToArray())
        .Add(InequalityGradientsColumns.Method, _method)
        .Add(InequalityGradientsColumns.SeMethod, _seMethod)
        .Add(InequalityGradientsColumns.Reason, _reason)
        .AddNullable<double>(InequalityGradientsColumns.SiiSe, _siiSe.ToArray())
        .Add(InequalityGradientsColumns.RiiReason, _riiReason)
        .Add<int>(InequalityGradientsColumns.Lsoas, _lsoas.ToArray())
        .Add(InequalityGradientsColumns.Polarity, _polarity)
        .Add(InequalityGradientsColumns.Direction, _direction)
        .Add(InequalityGradientsColumns.WorseIn, _worseIn)
        .Add(InequalityGradientsColumns.Interpretation, _interpretation)
        .Build();
}
