using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Build;

/// <summary>Assembles the contract tables (see the README) from parsed sources.</summary>
internal static partial class LakeTables
{
    /// <summary><c>areas</c>: every English LSOA of both vintages with its geography and population.</summary>
    public static Table Areas(GeographyModel geography)
    {
        var rows = geography.Areas.OrderBy(a => a.Key).SelectMany(a => a.Value.Values.OrderBy(r => r.LsoaCode, StringComparer.Ordinal)).ToList();
        return new TableBuilder(TableNames.Areas)
            .Add(AreasColumns.LsoaCode, rows.Select(r => r.LsoaCode))
            .Add(AreasColumns.LsoaName, rows.Select(r => r.LsoaName))
            .Add<int>(AreasColumns.LsoaVintage, rows.Select(r => r.Vintage).ToArray())
            .Add(AreasColumns.MsoaCode, rows.Select(r => r.MsoaCode))
            .Add(AreasColumns.LadCode, rows.Select(r => r.LadCode))
            .Add(AreasColumns.LadName, rows.Select(r => r.LadName))
            .Add(AreasColumns.CauthCode, rows.Select(r => r.CauthCode))
            .Add(AreasColumns.RegionCode, rows.Select(r => r.RegionCode))
            .AddNullable<double>(AreasColumns.Population, rows.Select(r => r.Population).ToArray())
            .AddNullable<int>(AreasColumns.PopulationYear, rows.Select(r => r.PopulationYear).ToArray())
            .AddNullable<int>(AreasColumns.LadVintage, rows.Select(r => r.LadCode is null ? null : geography.Districts.Vintage).ToArray())
            .Add(AreasColumns.LadCodePrevious, rows.Select(r => r.LadCodePrevious))
            .Add(AreasColumns.LadNamePrevious, rows.Select(r => r.LadNamePrevious))
            .AddNullable<int>(AreasColumns.LadVintagePrevious, rows.Select(r => r.LadCodePrevious is null ? null : geography.Districts.PreviousVintage).ToArray())
            .Add(AreasColumns.WardCode, rows.Select(r => r.WardCode))
            .Add(AreasColumns.WardName, rows.Select(r => r.WardName))
            .Build();
    }

    /// <summary>
    /// <c>deprivation</c>: one row per index, domain and LSOA. Several sources of one index (e.g. IoD2019 Files 1 and 2)
    /// are merged; where both give a value they must agree.
    /// </summary>
    public static Table Deprivation(GeographyModel geography, IReadOnlyList<DeprivationData> sources)
    {
        // Every LSOA code of every source gets one id in the lsoa_code column; merges are arrays by that id.
        var lsoa = new StringColumnBuilder(DeprivationColumns.LsoaCode, initialCapacity: 1 << 16);
        var merged = new SortedDictionary<(string Index, string Domain), DomainMerge>();
        foreach (var d in sources)
        {
            CheckVintage(geography, d);
            var ids = new int[d.LsoaCodes.Length];
            var map = new int[d.LsoaCodes.Dictionary.Count];
            Array.Fill(map, -1);
            var codeIds = d.LsoaCodes.Ids;
            for (var i = 0; i < ids.Length; i++)
            {
                var id = codeIds[i] >= 0 ? codeIds[i] : throw new SourceDataException(d.SourceId, i + 1, "'lsoa_code'", "the LSOA code is empty");
                ids[i] = map[id] >= 0 ? map[id] : map[id] = lsoa.Dictionary.GetOrAdd(d.LsoaCodes.Dictionary[id]);
            }

            foreach (var domain in d.Domains)
            {
                var key = (d.IndexId, domain.Domain);
                if (!merged.TryGetValue(key, out var m))
                {
                    m = new DomainMerge(d.Vintage);
                    merged[key] = m;
                }

                m.Add(d, domain, ids, lsoa.Dictionary);
            }
        }

        // Each domain's LSOAs in ordinal order of their codes: the codes are sorted once.
        var codes = lsoa.Dictionary;
        var byCode = Enumerable.Range(0, codes.Count).ToArray();
        Array.Sort(byCode, (a, b) => string.CompareOrdinal(codes[a], codes[b]));
        var rows = merged.Values.Sum(m => m.Count);
        var index = new StringColumnBuilder(DeprivationColumns.IndexId, initialCapacity: rows);
        var domainColumn = new StringColumnBuilder(DeprivationColumns.Domain, initialCapacity: rows);
        var vintage = new PrimitiveColumnBuilder<int>(DeprivationColumns.LsoaVintage, rows);
        var score = new PrimitiveColumnBuilder<double>(DeprivationColumns.Score, rows);
        var rank = new PrimitiveColumnBuilder<int>(DeprivationColumns.Rank, rows);
        var decile = new PrimitiveColumnBuilder<int>(DeprivationColumns.Decile, rows);
        foreach (var ((indexId, domain), m) in merged)
        {
            var (indexKey, domainKey) = (index.Dictionary.GetOrAdd(indexId), domainColumn.Dictionary.GetOrAdd(domain));
            foreach (var code in byCode)
            {
                if (!m.Has(code))
                {
                    continue;
                }

                var (s, r, dec) = m.Values(code);
                index.AppendId(indexKey);
                domainColumn.AppendId(domainKey);
                lsoa.AppendId(code);
                vintage.Append(m.Vintage);
                score.Append(double.IsNaN(s) ? null : s);
                rank.Append(r > 0 ? r : null);
                decile.Append(dec > 0 ? dec : null);
            }
        }

        return new TableBuilder(TableNames.Deprivation)
            .Add(index.Build())
            .Add(domainColumn.Build())
            .Add(lsoa.Build())
            .Add(vintage.Build())
            .Add(score.Build())
            .Add(rank.Build())
            .Add(decile.Build())
            .Build();
    }

    /// <summary>The bridges from each vintage to the other, when the catalogue has the LSOA change lookup.</summary>
    public static Dictionary<int, VintageBridge> Bridges(GeographyModel geography)
    {
        var bridges = new Dictionary<int, VintageBridge>();
        if (geography.LsoaChanges is not { } lookup)
        {
            return bridges;
        }

        var from = lookup.Columns["lsoa11_code"].Select(c => c!).ToArray();
        var to = lookup.Columns["lsoa21_code"].Select(c => c!).ToArray();
        var change = lookup.Columns.TryGetValue("change_code", out var cc) ? cc.Select(c => c!).ToArray() : null;
        var pop11 = geography.PopulationOf(2011);
        var pop21 = geography.PopulationOf(2021);
        bridges[2011] = VintageBridge.Build(from, to, change, pop21 is null ? null : WithWales(pop21, to), pop11);
        bridges[2021] = VintageBridge.BuildReverse(from, to, change, pop11 is null ? null : WithWales(pop11, from), pop21);
        return bridges;
    }

    private static Dictionary<string, double> WithWales(IReadOnlyDictionary<string, double> population, string[] codes)
    {
        // The lookup covers England and Wales; the lake's populations are England's. Welsh areas keep equal shares
        // among themselves (they never mix with English ones), so give them a neutral weight.
        var result = new Dictionary<string, double>(population, StringComparer.Ordinal);
        foreach (var code in codes)
        {
            result.TryAdd(code, 1.0);
        }

        return result;
    }

    private static void CheckVintage(GeographyModel geography, DeprivationData d)
    {
        if (!geography.HasLookupFor(d.Vintage))
        {
            return;
        }

        var known = geography.Areas[d.Vintage];
        var unknown = d.LsoaCodes.Where(c => c!.StartsWith("E01", StringComparison.Ordinal) && !known.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new SourceDataException(
                d.SourceId,
                null,
                "'lsoa_code'",
                $"{unknown.Count:N0} of {d.LsoaCodes.Length:N0} LSOA codes are not {d.Vintage} LSOAs in the geography lookups (e.g. {string.Join(", ", unknown.Take(3))}); the catalogue says vintage {d.Vintage}. Is the file for the other vintage?");
        }
    }

    /// <summary>One index and domain merged over its sources: score, rank, decile and first source per LSOA id.</summary>
    private sealed class DomainMerge(int vintage)
    {
        private double[] _score = [];
        private int[] _rank = [];
        private int[] _decile = [];
        private string?[] _source = [];

        public int Vintage { get; } = vintage;

        /// <summary>LSOAs with a row.</summary>
        public int Count { get; private set; }

        public bool Has(int code) => code < _source.Length && _source[code] is not null;

        public (double Score, int Rank, int Decile) Values(int code) => (_score[code], _rank[code], _decile[code]);

        public void Add(DeprivationData d, DomainValues domain, int[] codes, CodeDictionary names)
        {
            if (d.Vintage != Vintage)
            {
                throw new SourceDataException(d.SourceId, null, null, $"index '{d.IndexId}' is given for LSOA vintage {d.Vintage} here and {Vintage} by another source; one index has one vintage");
            }

            if (_source.Length < names.Count)
            {
                var length = names.Count;
                Array.Resize(ref _score, length);
                Array.Resize(ref _rank, length);
                Array.Resize(ref _decile, length);
                Array.Resize(ref _source, length);
            }

            for (var i = 0; i < codes.Length; i++)
            {
                var code = codes[i];
                var score = domain.Scores?[i] ?? double.NaN;
                var rank = domain.Ranks?[i] ?? 0;
                var decile = domain.Deciles?[i] ?? 0;
                if (_source[code] is { } source)
                {
                    var (oldRank, oldDecile) = (_rank[code], _decile[code]);
                    if ((rank > 0 && oldRank > 0 && rank != oldRank) || (decile > 0 && oldDecile > 0 && decile != oldDecile))
                    {
                        throw new SourceDataException(d.SourceId, i + 1, $"'{domain.Domain}'", $"LSOA {names[code]} has rank {rank} decile {decile} here but rank {oldRank} decile {oldDecile} in '{source}'");
                    }

                    _score[code] = double.IsNaN(score) ? _score[code] : score;
                    _rank[code] = rank > 0 ? rank : oldRank;
                    _decile[code] = decile > 0 ? decile : oldDecile;
                }
                else
                {
                    (_score[code], _rank[code], _decile[code], _source[code]) = (score, rank, decile, d.SourceId);
                    Count++;
                }
            }
        }
    }
}
