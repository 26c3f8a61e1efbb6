using Inequalities.Core.Columnar;
using Inequalities.Core.Inequality;
using Inequalities.Core.Measures;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>
/// <c>inequality_quantiles</c> and <c>inequality_gradients</c>: for every LSOA-level indicator series in the lake and
/// every area (each district, each combined authority, England), the population-weighted value of each deprivation
/// quantile with its standard error, and the slope and relative index of inequality (OHID method), the gaps between
/// the extreme quantiles and the concentration index. The quantile table is exactly the input of the <c>sii</c> verb.
/// </summary>
internal static class GradientTables
{
    public const string England = "E92000001";

    public static (Table Quantiles, Table Gradients) Build(Table areas, Table deprivation, Table lsoaIndicators, GradientSettings settings)
    {
        var q = new QuantileColumns();
        var g = new GradientColumns();
        foreach (var basis in Bases(deprivation, settings))
        {
            var vintage = VintageOf(deprivation, basis.Index);
            if (vintage is null)
            {
                continue;
            }

            var context = new BasisContext(areas, deprivation, basis, vintage.Value);
            foreach (var series in SeriesOf(lsoaIndicators, vintage.Value, settings))
            {
                var records = new List<SiiRecord>();
                var summaries = new Dictionary<string, (string AreaType, QuantileValue[] Values)>(StringComparer.Ordinal);
                foreach (var (areaCode, areaType, members) in context.Areas)
                {
                    var quantiles = new int[members.Count];
                    var values = new double[members.Count];
                    var populations = new double[members.Count];
                    var localQuantiles = basis.Ranking == QuantileRanking.Local ? context.LocalQuantiles(areaCode) : null;
                    for (var i = 0; i < members.Count; i++)
                    {
                        var lsoa = members[i];
                        quantiles[i] = localQuantiles is null ? context.NationalQuantile(lsoa) : localQuantiles.GetValueOrDefault(lsoa);
                        values[i] = series.Values.TryGetValue(lsoa, out var v) ? v : double.NaN;
                        populations[i] = context.Population(lsoa);
                    }

                    var summary = QuantileSummary.Aggregate(quantiles, values, populations, basis.Quantiles);
                    if (summary.Length == 0)
                    {
                        continue;
                    }

                    summaries[areaCode] = (areaType, summary);
                    foreach (var s in summary)
                    {
                        q.Add(series, areaCode, areaType, basis, s);
                        records.Add(new SiiRecord(areaCode, s.Quantile, s.Population, s.Value) { StandardError = s.StandardError });
                    }
                }

                var sii = Slopes(records, settings);
                foreach (var (areaCode, (areaType, values)) in summaries)
                {
                    sii.TryGetValue(areaCode, out var result);
                    g.Add(series, areaCode, areaType, basis, values, result, settings.Repetitions);
                }
            }
        }

        return (q.Build(), g.Build());
    }

    private static Dictionary<string, SiiGroupResult> Slopes(List<SiiRecord> records, GradientSettings settings)
    {
        // Groups need every quantile with a standard error; others are left without a slope (the quantile rows stay).
        var complete = records.GroupBy(r => r.Group).Where(grp => grp.All(r => !double.IsNaN(r.StandardError) && r.StandardError > 0) && grp.Count() >= 2).SelectMany(grp => grp).ToList();
        if (complete.Count == 0)
        {
            return [];
        }

        var result = Sii.Calculate(complete, new SiiOptions { Rii = true, Repetitions = settings.Repetitions, Seed = settings.Seed, Confidence = [ConfidenceLevels.NinetyFive] });
        return result.Groups.ToDictionary(x => x.Group, StringComparer.Ordinal);
    }

    private static IEnumerable<GradientBasis> Bases(Table deprivation, GradientSettings settings)
    {
        if (settings.Bases.Count > 0)
        {
            return settings.Bases;
        }

        var index = deprivation.Strings("index_id");
        var domain = deprivation.Strings("domain");
        var indices = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < deprivation.RowCount; i++)
        {
            if (domain[i] == "imd")
            {
                indices.Add(index[i]!);
            }
        }

        return indices.Select(x => new GradientBasis(x));
    }

    private static int? VintageOf(Table deprivation, string indexId)
    {
        var index = deprivation.Strings("index_id");
        for (var i = 0; i < deprivation.RowCount; i++)
        {
            if (index[i] == indexId)
            {
                return deprivation.Primitive<int>("lsoa_vintage")[i];
            }
        }

        return null;
    }

    private static IEnumerable<Series> SeriesOf(Table lsoaIndicators, int vintage, GradientSettings settings)
    {
        var code = lsoaIndicators.Strings("lsoa_code");
        var v = lsoaIndicators.Primitive<int>("lsoa_vintage");
        var source = lsoaIndicators.Strings("source_id");
        var indicator = lsoaIndicators.Strings("indicator_id");
        var period = lsoaIndicators.Strings("period");
        var value = lsoaIndicators.Primitive<double>("value");
        var method = lsoaIndicators.Strings("method");
        var series = new Dictionary<(string, string, string), Series>();
        for (var i = 0; i < lsoaIndicators.RowCount; i++)
        {
            if (v[i] != vintage || (!settings.IncludeInherited && method[i] == "inherited") || value[i] is not { } x)
            {
                continue;
            }

            var key = (source[i]!, indicator[i]!, period[i]!);
            if (!series.TryGetValue(key, out var s))
            {
                if (!settings.Selects(key.Item1, key.Item2))
                {
                    continue;
                }

                s = new Series(key.Item1, key.Item2, key.Item3, new Dictionary<string, double>(StringComparer.Ordinal));
                series[key] = s;
            }

            s.Values[code[i]!] = x;
        }

        return series.Values.OrderBy(s => s.SourceId, StringComparer.Ordinal).ThenBy(s => s.IndicatorId, StringComparer.Ordinal).ThenBy(s => s.Period, StringComparer.Ordinal);
    }

    private sealed record Series(string SourceId, string IndicatorId, string Period, Dictionary<string, double> Values);

    /// <summary>The LSOAs of the basis's vintage, their populations, national quantiles and the areas they make up.</summary>
    private sealed class BasisContext
    {
        private readonly Dictionary<string, (int Rank, int Decile)> _deprivation = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double> _population = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, int>> _local = new(StringComparer.Ordinal);
        private readonly GradientBasis _basis;
        private readonly int _national;

        public BasisContext(Table areas, Table deprivation, GradientBasis basis, int vintage)
        {
            _basis = basis;
            var index = deprivation.Strings("index_id");
            var domain = deprivation.Strings("domain");
            var dCode = deprivation.Strings("lsoa_code");
            var rank = deprivation.Primitive<int>("rank");
            var decile = deprivation.Primitive<int>("decile");
            for (var i = 0; i < deprivation.RowCount; i++)
            {
                if (index[i] == basis.Index && domain[i] == basis.Domain && rank[i] is { } r)
                {
                    _deprivation[dCode[i]!] = (r, decile[i] ?? 0);
                }
            }

            _national = _deprivation.Count;
            var code = areas.Strings("lsoa_code");
            var v = areas.Primitive<int>("lsoa_vintage");
            var lad = areas.Strings("lad_code");
            var cauth = areas.Strings("cauth_code");
            var pop = areas.Primitive<double>("population");
            var members = new Dictionary<(string Code, string Type), List<string>>();
            void Add(string? area, string type, string lsoa)
            {
                if (area is null)
                {
                    return;
                }

                if (!members.TryGetValue((area, type), out var list))
                {
                    list = [];
                    members[(area, type)] = list;
                }

                list.Add(lsoa);
            }

            for (var i = 0; i < areas.RowCount; i++)
            {
                if (v[i] != vintage || !_deprivation.ContainsKey(code[i]!))
                {
                    continue;
                }

                var lsoa = code[i]!;
                _population[lsoa] = pop[i] ?? double.NaN;
                Add(lad[i], "lad", lsoa);
                Add(cauth[i], "combined_authority", lsoa);
                Add(England, "country", lsoa);
            }

            Areas = members.OrderBy(m => m.Key.Type == "country" ? 2 : m.Key.Type == "combined_authority" ? 1 : 0).ThenBy(m => m.Key.Code, StringComparer.Ordinal)
                .Select(m => (m.Key.Code, m.Key.Type, m.Value)).ToList();
        }

        public List<(string Code, string Type, List<string> Members)> Areas { get; }

        public double Population(string lsoa) => _population.TryGetValue(lsoa, out var p) ? p : double.NaN;

        public int NationalQuantile(string lsoa)
        {
            if (!_deprivation.TryGetValue(lsoa, out var d))
            {
                return 0;
            }

            var decile = d.Decile > 0 ? d.Decile : (int)Math.Ceiling(10.0 * d.Rank / _national);
            return _basis.Quantiles == 10 ? decile : (decile + 1) / 2;
        }

        public Dictionary<string, int> LocalQuantiles(string areaCode)
        {
            if (_local.TryGetValue(areaCode, out var cached))
            {
                return cached;
            }

            var members = Areas.First(a => a.Code == areaCode).Members;
            var ranks = members.Select(m => (double)_deprivation[m].Rank).ToArray();

            // The OHID rule on national ranks (low = most deprived, so not inverted): quantile 1 = most deprived.
            var assigned = DeprivationQuantiles.Assign(ranks, _basis.Quantiles, invert: false).Quantiles;
            var map = new Dictionary<string, int>(members.Count, StringComparer.Ordinal);
            for (var i = 0; i < members.Count; i++)
            {
                map[members[i]] = assigned[i] ?? 0;
            }

            _local[areaCode] = map;
            return map;
        }
    }

    /// <summary>The key columns both tables share: which series, area and basis a row is about.</summary>
    private sealed class KeyColumns
    {
        private readonly List<string> _source = [], _indicator = [], _period = [], _area = [], _areaType = [], _basis = [];
        private readonly List<int> _count = [];

        public void Add(Series s, string area, string areaType, GradientBasis basis)
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
            .Add("source_id", _source).Add("indicator_id", _indicator).Add("period", _period)
            .Add("area_code", _area).Add("area_type", _areaType).Add("basis", _basis)
            .Add<int>("quantile_count", _count.ToArray());
    }

    private sealed class QuantileColumns
    {
        private readonly KeyColumns _keys = new();
        private readonly List<int> _quantile = [], _lsoas = [];
        private readonly List<double> _population = [], _value = [];
        private readonly List<double?> _se = [];

        public void Add(Series s, string area, string areaType, GradientBasis basis, QuantileValue v)
        {
            _keys.Add(s, area, areaType, basis);
            _quantile.Add(v.Quantile);
            _lsoas.Add(v.Areas);
            _population.Add(v.Population);
            _value.Add(v.Value);
            _se.Add(double.IsNaN(v.StandardError) ? null : v.StandardError);
        }

        public Table Build() => _keys.Start("inequality_quantiles")
            .Add<int>("quantile", _quantile.ToArray()).Add<int>("lsoas", _lsoas.ToArray())
            .Add<double>("population", _population.ToArray()).Add<double>("value", _value.ToArray()).AddNullable<double>("se", _se.ToArray())
            .Build();
    }

    private sealed class GradientColumns
    {
        private readonly KeyColumns _keys = new();
        private readonly List<int> _repetitions = [];
        private readonly List<double?> _sii = [], _siiLower = [], _siiUpper = [], _rii = [], _riiLower = [], _riiUpper = [], _abs = [], _rel = [], _ci = [];
        private readonly List<double> _confidence = [];

        public void Add(Series s, string area, string areaType, GradientBasis basis, QuantileValue[] values, SiiGroupResult? sii, int repetitions)
        {
            _keys.Add(s, area, areaType, basis);
            _sii.Add(sii?.Sii);
            _siiLower.Add(sii?.SiiLimits[0].Lower);
            _siiUpper.Add(sii?.SiiLimits[0].Upper);
            _rii.Add(sii?.Rii);
            _riiLower.Add(sii?.RiiLimits.Count > 0 ? sii.RiiLimits[0].Lower : null);
            _riiUpper.Add(sii?.RiiLimits.Count > 0 ? sii.RiiLimits[0].Upper : null);
            _confidence.Add(ConfidenceLevels.NinetyFive);
            _repetitions.Add(repetitions);
            _abs.Add(N(QuantileSummary.AbsoluteGap(values, basis.Quantiles)));
            _rel.Add(N(QuantileSummary.RelativeGap(values, basis.Quantiles)));
            _ci.Add(N(QuantileSummary.ConcentrationIndex(values)));
        }

        public Table Build() => _keys.Start("inequality_gradients")
            .AddNullable<double>("sii", _sii.ToArray()).AddNullable<double>("sii_lower", _siiLower.ToArray()).AddNullable<double>("sii_upper", _siiUpper.ToArray())
            .AddNullable<double>("rii", _rii.ToArray()).AddNullable<double>("rii_lower", _riiLower.ToArray()).AddNullable<double>("rii_upper", _riiUpper.ToArray())
            .Add<double>("confidence", _confidence.ToArray()).Add<int>("repetitions", _repetitions.ToArray())
            .AddNullable<double>("abs_gap", _abs.ToArray()).AddNullable<double>("rel_gap", _rel.ToArray())
            .AddNullable<double>("concentration_index", _ci.ToArray())
            .Build();

        private static double? N(double v) => double.IsNaN(v) ? null : v;
    }
}
