using System.Globalization;
using Inequalities.Core.Columnar;
using Inequalities.Core.Inequality;
using Inequalities.Core.Measures;

namespace Inequalities.Lake.Gradients;

/// <summary>
/// <c>inequality_trends</c>: how the slope index changed, (1) between the periods of an indicator series (each period
/// against the one before, and the first against the last when there are three or more), on the same basis and method;
/// (2) between two deprivation indices on the same LSOA vintage (e.g. IoD2019 carried to 2021 LSOAs against IoD2025),
/// same domain, ranking, quantiles, period and method. The change's interval treats the two slopes as independent:
/// change ± z·sqrt(se₁² + se₂²) (<see cref="InequalityChange"/>), conservative when the same LSOAs underlie both.
/// </summary>
internal static class TrendTable
{
    public static Table Build(IReadOnlyList<GradientRow> rows)
    {
        var columns = new Columns();
        var usable = rows.Where(r => r.Sii is not null && r.SiiSe is not null).ToList();

        foreach (var group in usable.GroupBy(r => (r.Series.SourceId, r.Series.IndicatorId, r.AreaCode, r.Basis.Label, r.Method)).OrderBy(g => g.Key))
        {
            var byPeriod = group.OrderBy(r => r.Series.Period, PeriodOrder.Instance).ToList();
            for (var i = 1; i < byPeriod.Count; i++)
            {
                columns.Add("period", byPeriod[i - 1], byPeriod[i]);
            }

            if (byPeriod.Count > 2)
            {
                columns.Add("period", byPeriod[0], byPeriod[^1]);
            }
        }

        foreach (var group in usable
            .GroupBy(r => (r.Series.SourceId, r.Series.IndicatorId, r.Series.Period, r.AreaCode, r.Method, r.Basis.Domain, r.Basis.Ranking, r.Basis.Quantiles, r.LsoaVintage))
            .OrderBy(g => (g.Key.SourceId, g.Key.IndicatorId, g.Key.Period, g.Key.AreaCode, g.Key.Method, g.Key.Domain, g.Key.Quantiles)))
        {
            var byIndex = group.OrderBy(r => r.Basis.Index, StringComparer.Ordinal).ToList();
            for (var i = 0; i < byIndex.Count; i++)
            {
                for (var j = i + 1; j < byIndex.Count; j++)
                {
                    if (byIndex[i].Basis.Index != byIndex[j].Basis.Index)
                    {
                        columns.Add("basis", byIndex[i], byIndex[j]);
                    }
                }
            }
        }

        return columns.Build();
    }

    private sealed class Columns
    {
        private readonly List<string> _source = [], _indicator = [], _area = [], _areaType = [], _basis = [], _method = [], _comparison = [];
        private readonly List<string> _fromPeriod = [], _toPeriod = [], _fromBasis = [], _toBasis = [], _trend = [];
        private readonly List<int> _quantileCount = [], _lsoaVintage = [];
        private readonly List<double> _fromSii = [], _toSii = [], _change = [], _se = [], _lower = [], _upper = [], _confidence = [];

        public void Add(string comparison, GradientRow from, GradientRow to)
        {
            var change = InequalityChange.Between(from.Sii!.Value, from.SiiSe!.Value, to.Sii!.Value, to.SiiSe!.Value);
            _source.Add(to.Series.SourceId);
            _indicator.Add(to.Series.IndicatorId);
            _area.Add(to.AreaCode);
            _areaType.Add(to.AreaType);
            _basis.Add(to.Basis.Label);
            _quantileCount.Add(to.Basis.Quantiles);
            _lsoaVintage.Add(to.LsoaVintage);
            _method.Add(to.Method);
            _comparison.Add(comparison);
            _fromPeriod.Add(from.Series.Period);
            _toPeriod.Add(to.Series.Period);
            _fromBasis.Add(from.Basis.Label);
            _toBasis.Add(to.Basis.Label);
            _fromSii.Add(from.Sii.Value);
            _toSii.Add(to.Sii.Value);
            _change.Add(change.Change);
            _se.Add(change.StandardError);
            _lower.Add(change.Lower);
            _upper.Add(change.Upper);
            _confidence.Add(ConfidenceLevels.NinetyFive);
            _trend.Add(Trend(from.Sii.Value, to.Sii.Value, change));
        }

        public Table Build() => new TableBuilder(TableNames.InequalityTrends)
            .Add(InequalityTrendsColumns.SourceId, _source).Add(InequalityTrendsColumns.IndicatorId, _indicator).Add(InequalityTrendsColumns.AreaCode, _area).Add(InequalityTrendsColumns.AreaType, _areaType)
            .Add(InequalityTrendsColumns.Basis, _basis).Add<int>(InequalityTrendsColumns.QuantileCount, _quantileCount.ToArray()).Add(InequalityTrendsColumns.Method, _method).Add(InequalityTrendsColumns.Comparison, _comparison)
            .Add(InequalityTrendsColumns.FromPeriod, _fromPeriod).Add(InequalityTrendsColumns.ToPeriod, _toPeriod).Add(InequalityTrendsColumns.FromBasis, _fromBasis).Add(InequalityTrendsColumns.ToBasis, _toBasis)
            .Add<int>(InequalityTrendsColumns.LsoaVintage, _lsoaVintage.ToArray())
            .Add<double>(InequalityTrendsColumns.FromSii, _fromSii.ToArray()).Add<double>(InequalityTrendsColumns.ToSii, _toSii.ToArray())
            .Add<double>(InequalityTrendsColumns.SiiChange, _change.ToArray()).Add<double>(InequalityTrendsColumns.SiiChangeSe, _se.ToArray())
            .Add<double>(InequalityTrendsColumns.SiiChangeLower, _lower.ToArray()).Add<double>(InequalityTrendsColumns.SiiChangeUpper, _upper.ToArray())
            .Add<double>(InequalityTrendsColumns.Confidence, _confidence.ToArray()).Add(InequalityTrendsColumns.Trend, _trend)
            .Build();

        /// <summary><c>steeper</c> or <c>shallower</c> (the slope's size grew or shrank, the change's interval excluding 0), else <c>no_clear_change</c>.</summary>
        private static string Trend(double from, double to, SiiChange change) =>
            change.Lower <= 0 && change.Upper >= 0 ? "no_clear_change"
            : Math.Abs(to) > Math.Abs(from) ? "steeper"
            : "shallower";
    }
}

/// <summary>
/// Orders period labels as published by their first year (<c>2015</c> &lt; <c>2017/18-2020/21</c> &lt; <c>2018 - 20</c>
/// &lt; <c>2021</c>), then as text; labels without a year sort last.
/// </summary>
public sealed class PeriodOrder : IComparer<string?>
{
    private PeriodOrder()
    {
    }

    /// <summary>The one instance.</summary>
    public static PeriodOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        var c = Year(x).CompareTo(Year(y));
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }

    private static int Year(string? period)
    {
        if (period is null)
        {
            return int.MaxValue;
        }

        var start = 0;
        while (start < period.Length && !char.IsAsciiDigit(period[start]))
        {
            start++;
        }

        var end = start;
        while (end < period.Length && char.IsAsciiDigit(period[end]))
        {
            end++;
        }

        return end > start && int.TryParse(period.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : int.MaxValue;
    }
}
