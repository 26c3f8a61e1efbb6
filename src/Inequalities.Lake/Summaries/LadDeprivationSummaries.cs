using Inequalities.Core.Columnar;
using Inequalities.Core.Deprivation;
using Inequalities.Lake.Build;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Summaries;

/// <summary>
/// <c>lad_deprivation_summaries</c>: the IoD summaries for larger areas (<see cref="DistrictSummaries"/>) for every
/// index and domain in the lake, per local authority district.
/// </summary>
/// <remarks>
/// <para>
/// Sources of one index (e.g. IoD2019 Files 1 and 2) are merged by LSOA code as <c>LakeTables.Deprivation</c> does
/// (the first source giving a value wins; that table already rejects sources that disagree).
/// </para>
/// <para>
/// Districts: as the index's own files assign them (their <c>lad_code</c> column) when any source of the index has one;
/// otherwise from the geography lookups of the index's LSOA vintage (the newest LAD field, e.g. LAD 2024 for LSOA 2021).
/// LSOAs without a district still count in N (the national number of ranked LSOAs).
/// </para>
/// <para>
/// Population (the weights), per domain the denominator the IoD uses: <c>working_age</c> for employment,
/// <c>children</c> for IDACI, <c>older</c> for IDAOPI, <c>total</c> otherwise. Taken from, in order: (1) the index's
/// own deprivation sources (<c>population.*</c> columns, e.g. IoD2019 File 7); (2) a population-kind source of the same
/// LSOA vintage that names the index (option <c>index_id</c>, or an id starting with the index id and a hyphen, e.g.
/// <c>iod2019-file6</c>); (3) only when neither exists, an approximation: the latest population-kind source of the
/// same LSOA vintage dated in the four years up to the index's year (the year in its id), total population for every
/// domain (e.g. Census 2021 for IoD2025). <c>population_source</c> names what was used
/// (<c>iod2019-file6:working_age</c>, <c>approximation:population-census2021-lsoa21:total</c>) and is null where no
/// population was found; then every population-weighted measure is null.
/// </para>
/// </remarks>
internal static class LadDeprivationSummaries
{
    public const string TableName = TableNames.LadDeprivationSummaries;

    private const int ApproximationYears = 4;

    /// <summary>Builds the table and the ids of the sources it was built from.</summary>
    public static (Table Table, IReadOnlyList<string> Sources) Build(GeographyModel geography, ParsedSources parsed)
    {
        ArgumentNullException.ThrowIfNull(geography);
        ArgumentNullException.ThrowIfNull(parsed);
        var rows = new Rows();
        var used = new List<string>();
        foreach (var group in parsed.Deprivation.GroupBy(d => d.IndexId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var index = IndexView.Merge(group.Key, [.. group]);
            used.AddRange(group.Select(d => d.SourceId));
            var districts = Districts(index, geography, used, parsed);
            var population = PopulationProvider.Find(index, parsed);
            if (population is not null)
            {
                used.Add(population.SourceId);
            }

            foreach (var domain in index.Domains.Keys.Order(StringComparer.Ordinal))
            {
                AddDomain(rows, index, domain, districts, population);
            }
        }

        return (rows.Build(), used.Distinct(StringComparer.Ordinal).ToList());
    }

    private static void AddDomain(Rows rows, IndexView index, string domain, DistrictMap districts, PopulationProvider? population)
    {
        var values = index.Domains[domain];
        var ranked = new List<int>(index.Count);
        for (var i = 0; i < index.Count; i++)
        {
            if (values.Ranks[i] > 0)
            {
                ranked.Add(i);
            }
        }

        if (ranked.Count == 0)
        {
            return; // a domain with scores only has no national ranks to summarise
        }

        var n = ranked.Count;
        var ids = new int[n];
        var ranks = new int[n];
        var deciles = values.HasDeciles ? new int[n] : [];
        var scores = values.HasScores ? new double[n] : [];
        var (weights, populationSource) = population?.For(domain) ?? (null, null);
        var populations = weights is null ? [] : new double[n];
        for (var k = 0; k < n; k++)
        {
            var i = ranked[k];
            ids[k] = districts.Ids[i];
            ranks[k] = values.Ranks[i];
            if (ranks[k] > n)
            {
                throw new SourceDataException(index.SourceOf(domain), null, $"'{domain}.rank'", $"LSOA {index.Codes[i]} has rank {ranks[k]} but index '{index.IndexId}' ranks only {n:N0} LSOAs in '{domain}'; ranks must run from 1 to the number of LSOAs");
            }

            if (values.HasDeciles)
            {
                deciles[k] = values.Deciles[i] > 0
                    ? values.Deciles[i]
                    : throw new SourceDataException(index.SourceOf(domain), null, $"'{domain}.decile'", $"LSOA {index.Codes[i]} has a rank but no decile while other LSOAs of index '{index.IndexId}' have deciles");
            }

            if (values.HasScores)
            {
                scores[k] = values.Scores[i];
            }

            if (weights is not null)
            {
                populations[k] = weights[i];
            }
        }

        var summaries = DistrictSummaries.Compute(ids, ranks, deciles, scores, populations, n);
        foreach (var s in summaries)
        {
            if (s.Lsoas == 0)
            {
                continue;
            }

            var code = districts.Codes[s.District];
            rows.Add(index.IndexId, domain, code, districts.Names.GetValueOrDefault(code), s, s.Population is null ? null : populationSource);
        }
    }

    private static DistrictMap Districts(IndexView index, GeographyModel geography, List<string> used, ParsedSources parsed)
    {
        var own = index.LadCodes.Any(c => c is not null);
        var codes = new string?[index.Count];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        geography.Areas.TryGetValue(index.Vintage, out var areas);
        for (var i = 0; i < index.Count; i++)
        {
            if (own)
            {
                codes[i] = index.LadCodes[i];
                if (codes[i] is { } c && index.LadNames[i] is { } name)
                {
                    names.TryAdd(c, name);
                }
            }
            else if (areas is not null && areas.TryGetValue(index.Codes[i], out var row))
            {
                codes[i] = row.LadCode;
            }
        }

        if (!own)
        {
            var field = $"lsoa{index.Vintage % 100:D2}_code";
            used.AddRange(parsed.Lookups.Where(l => l.Columns.ContainsKey(field) && l.Columns.Keys.Any(k => k.StartsWith("lad", StringComparison.Ordinal))).Select(l => l.SourceId));
        }

        // Names the index does not give come from the geography (any vintage's rows with the code).
        foreach (var row in geography.Areas.Values.SelectMany(a => a.Values))
        {
            if (row.LadCode is { } c && row.LadName is { } n)
            {
                names.TryAdd(c, n);
            }
        }

        var distinct = codes.Where(c => c is not null).Select(c => c!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var idOf = new Dictionary<string, int>(distinct.Length, StringComparer.Ordinal);
        for (var d = 0; d < distinct.Length; d++)
        {
            idOf[distinct[d]] = d;
        }

        var ids = new int[index.Count];
        for (var i = 0; i < index.Count; i++)
        {
            ids[i] = codes[i] is { } c ? idOf[c] : -1;
        }

        return new DistrictMap(distinct, ids, names);
    }

    private sealed record DistrictMap(string[] Codes, int[] Ids, Dictionary<string, string> Names);

    /// <summary>One domain of a merged index: values per LSOA of the index (0 / NaN where absent).</summary>
    private sealed record DomainColumns(int[] Ranks, int[] Deciles, double[] Scores)
    {
        public bool HasDeciles { get; set; }

        public bool HasScores { get; set; }

        public List<string> Sources { get; } = [];
    }

    /// <summary>All sources of one index merged by LSOA code.</summary>
    private sealed class IndexView
    {
        private IndexView(string indexId, int vintage, string[] codes)
        {
            IndexId = indexId;
            Vintage = vintage;
            Codes = codes;
            LadCodes = new string?[codes.Length];
            LadNames = new string?[codes.Length];
        }

        public string IndexId { get; }

        public int Vintage { get; }

        public string[] Codes { get; }

        public int Count => Codes.Length;

        public string?[] LadCodes { get; }

        public string?[] LadNames { get; }

        public Dictionary<string, DomainColumns> Domains { get; } = new(StringComparer.Ordinal);

        /// <summary>Own denominators by name: values per LSOA and the source they came from.</summary>
        public Dictionary<string, (double[] Values, string SourceId)> Denominators { get; } = new(StringComparer.Ordinal);

        public string SourceOf(string domain) => string.Join("+", Domains[domain].Sources);

        public static IndexView Merge(string indexId, IReadOnlyList<DeprivationData> sources)
        {
            var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var codes = new List<string>();
            foreach (var d in sources)
            {
                if (d.Vintage != sources[0].Vintage)
                {
                    throw new SourceDataException(d.SourceId, null, null, $"index '{indexId}' is given for LSOA vintage {d.Vintage} here and {sources[0].Vintage} by '{sources[0].SourceId}'; one index has one vintage");
                }

                foreach (var code in d.LsoaCodes)
                {
                    if (rowOf.TryAdd(code!, codes.Count))
                    {
                        codes.Add(code!);
                    }
                }
            }

            var view = new IndexView(indexId, sources[0].Vintage, [.. codes]);
            foreach (var d in sources)
            {
                var rows = d.LsoaCodes.Select(c => rowOf[c!]).ToArray();
                for (var i = 0; i < rows.Length; i++)
                {
                    var lad = d.LadCodes?[i];
                    var old = view.LadCodes[rows[i]];
                    if (lad is not null && old is not null && lad != old)
                    {
                        throw new SourceDataException(d.SourceId, i + 1, "'lad_code'", $"LSOA {d.LsoaCodes[i]} is in district {lad} here but {old} in another source of index '{indexId}'");
                    }

                    view.LadCodes[rows[i]] ??= lad;
                    view.LadNames[rows[i]] ??= d.LadNames?[i];
                }

                foreach (var domain in d.Domains)
                {
                    view.AddDomain(d.SourceId, domain, rows);
                }

                foreach (var (name, values) in d.Denominators)
                {
                    if (!view.Denominators.TryGetValue(name, out var target))
                    {
                        target = (Enumerable.Repeat(double.NaN, view.Count).ToArray(), d.SourceId);
                        view.Denominators[name] = target;
                    }

                    for (var i = 0; i < rows.Length; i++)
                    {
                        if (double.IsNaN(target.Values[rows[i]]))
                        {
                            target.Values[rows[i]] = values[i];
                        }
                    }
                }
            }

            return view;
        }

        private void AddDomain(string sourceId, DomainValues domain, int[] rows)
        {
            if (!Domains.TryGetValue(domain.Domain, out var columns))
            {
                columns = new DomainColumns(new int[Count], new int[Count], Enumerable.Repeat(double.NaN, Count).ToArray());
                Domains[domain.Domain] = columns;
            }

            columns.Sources.Add(sourceId);
            columns.HasDeciles |= domain.Deciles is not null;
            columns.HasScores |= domain.Scores is not null;
            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                if (columns.Ranks[r] == 0 && domain.Ranks is { } ranks)
                {
                    columns.Ranks[r] = ranks[i];
                }

                if (columns.Deciles[r] == 0 && domain.Deciles is { } deciles)
                {
                    columns.Deciles[r] = deciles[i];
                }

                if (double.IsNaN(columns.Scores[r]) && domain.Scores is { } scores)
                {
                    columns.Scores[r] = scores[i];
                }
            }
        }
    }

    /// <summary>The population weights of one index, per LSOA of its merged view.</summary>
    private sealed class PopulationProvider
    {
        private readonly Dictionary<string, double[]> _denominators;
        private readonly bool _approximation;

        private PopulationProvider(string sourceId, Dictionary<string, double[]> denominators, bool approximation)
        {
            SourceId = sourceId;
            _denominators = denominators;
            _approximation = approximation;
        }

        public string SourceId { get; }

        /// <summary>The IoD denominator of a domain.</summary>
        public static string DenominatorOf(string domain) => domain switch
        {
            "employment" => "working_age",
            "idaci" => "children",
            "idaopi" => "older",
            _ => "total",
        };

        public (double[]? Weights, string? Source) For(string domain)
        {
            var name = _approximation ? "total" : DenominatorOf(domain);
            return _denominators.TryGetValue(name, out var values)
                ? (values, _approximation ? $"approximation:{SourceId}:total" : $"{SourceId}:{name}")
                : (null, null);
        }

        public static PopulationProvider? Find(IndexView index, ParsedSources parsed)
        {
            // (1) The index's own denominators.
            if (index.Denominators.Count > 0)
            {
                var sources = index.Denominators.Values.Select(v => v.SourceId).Distinct(StringComparer.Ordinal).ToList();
                return new PopulationProvider(string.Join("+", sources), index.Denominators.ToDictionary(kv => kv.Key, kv => kv.Value.Values, StringComparer.Ordinal), approximation: false);
            }

            var sameVintage = parsed.Populations.Where(p => p.Data.Vintage == index.Vintage).ToList();

            // (2) A population source that names the index.
            var named = sameVintage.FirstOrDefault(p =>
                string.Equals(p.Source.Options.IndexId, index.IndexId, StringComparison.Ordinal) ||
                p.Source.Id.StartsWith(index.IndexId + "-", StringComparison.Ordinal));
            if (named.Data is not null)
            {
                return new PopulationProvider(named.Source.Id, Align(index, named.Data, all: true), approximation: false);
            }

            // (3) An approximation: the latest population of the same vintage from the index's year or the four before.
            var year = GeographyModel.YearOfPeriod(index.IndexId);
            if (year == 0)
            {
                return null;
            }

            var approx = sameVintage
                .Select(p => (p.Source, p.Data, Year: GeographyModel.YearOfPeriod(p.Data.Period ?? p.Source.Period)))
                .Where(p => p.Year <= year && p.Year >= year - ApproximationYears && p.Data.AreaCodes.Any(c => c!.StartsWith("E01", StringComparison.Ordinal)))
                .OrderByDescending(p => p.Year)
                .ThenBy(p => p.Source.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            return approx.Data is null ? null : new PopulationProvider(approx.Source.Id, Align(index, approx.Data, all: false), approximation: true);
        }

        private static Dictionary<string, double[]> Align(IndexView index, PopulationData data, bool all)
        {
            var rowOf = new Dictionary<string, int>(data.AreaCodes.Length, StringComparer.Ordinal);
            for (var i = 0; i < data.AreaCodes.Length; i++)
            {
                rowOf[data.AreaCodes[i]!] = i;
            }

            var columns = all && data.Denominators.Count > 0
                ? data.Denominators
                : new Dictionary<string, double[]>(StringComparer.Ordinal) { ["total"] = data.Totals };
            var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var (name, values) in columns)
            {
                var aligned = new double[index.Count];
                for (var i = 0; i < index.Count; i++)
                {
                    aligned[i] = rowOf.TryGetValue(index.Codes[i], out var r) ? values[r] : double.NaN;
                }

                result[name] = aligned;
            }

            return result;
        }
    }

    private sealed class Rows
    {
        private readonly List<string> _index = [];
        private readonly List<string> _domain = [];
        private readonly List<string> _lad = [];
        private readonly List<string?> _ladName = [];
        private readonly List<double?> _averageRank = [];
        private readonly List<int?> _rankOfAverageRank = [];
        private readonly List<double?> _averageScore = [];
        private readonly List<int?> _rankOfAverageScore = [];
        private readonly List<double?> _proportion = [];
        private readonly List<int?> _rankOfProportion = [];
        private readonly List<double?> _extent = [];
        private readonly List<int?> _rankOfExtent = [];
        private readonly List<double?> _concentration = [];
        private readonly List<int?> _rankOfConcentration = [];
        private readonly List<int> _lsoas = [];
        private readonly List<double?> _population = [];
        private readonly List<string?> _populationSource = [];

        public void Add(string index, string domain, string lad, string? ladName, DistrictSummary s, string? populationSource)
        {
            _index.Add(index);
            _domain.Add(domain);
            _lad.Add(lad);
            _ladName.Add(ladName);
            _averageRank.Add(s.AverageRank);
            _rankOfAverageRank.Add(s.RankOfAverageRank);
            _averageScore.Add(s.AverageScore);
            _rankOfAverageScore.Add(s.RankOfAverageScore);
            _proportion.Add(s.ProportionMostDeprived10pc);
            _rankOfProportion.Add(s.RankOfProportionMostDeprived10pc);
            _extent.Add(s.Extent);
            _rankOfExtent.Add(s.RankOfExtent);
            _concentration.Add(s.LocalConcentration);
            _rankOfConcentration.Add(s.RankOfLocalConcentration);
            _lsoas.Add(s.Lsoas);
            _population.Add(s.Population);
            _populationSource.Add(populationSource);
        }

        public Table Build() => new TableBuilder(TableName)
            .Add(LadDeprivationSummariesColumns.IndexId, _index)
            .Add(LadDeprivationSummariesColumns.Domain, _domain)
            .Add(LadDeprivationSummariesColumns.LadCode, _lad)
            .Add(LadDeprivationSummariesColumns.LadName, _ladName)
            .AddNullable<double>(LadDeprivationSummariesColumns.AverageRank, _averageRank.ToArray())
            .AddNullable<int>(LadDeprivationSummariesColumns.RankOfAverageRank, _rankOfAverageRank.ToArray())
            .AddNullable<double>(LadDeprivationSummariesColumns.AverageScore, _averageScore.ToArray())
            .AddNullable<int>(LadDeprivationSummariesColumns.RankOfAverageScore, _rankOfAverageScore.ToArray())
            .AddNullable<double>(LadDeprivationSummariesColumns.ProportionMostDeprived10pc, _proportion.ToArray())
            .AddNullable<int>(LadDeprivationSummariesColumns.RankOfProportionMostDeprived10pc, _rankOfProportion.ToArray())
            .AddNullable<double>(LadDeprivationSummariesColumns.Extent, _extent.ToArray())
            .AddNullable<int>(LadDeprivationSummariesColumns.RankOfExtent, _rankOfExtent.ToArray())
            .AddNullable<double>(LadDeprivationSummariesColumns.LocalConcentration, _concentration.ToArray())
            .AddNullable<int>(LadDeprivationSummariesColumns.RankOfLocalConcentration, _rankOfConcentration.ToArray())
            .Add<int>(LadDeprivationSummariesColumns.LsoaCount, _lsoas.ToArray())
            .AddNullable<double>(LadDeprivationSummariesColumns.Population, _population.ToArray())
            .Add(LadDeprivationSummariesColumns.PopulationSource, _populationSource)
            .Build();
    }
}
