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
        return new TableBuilder("areas")
            .Add("lsoa_code", rows.Select(r => r.LsoaCode))
            .Add("lsoa_name", rows.Select(r => r.LsoaName))
            .Add<int>("lsoa_vintage", rows.Select(r => r.Vintage).ToArray())
            .Add("msoa_code", rows.Select(r => r.MsoaCode))
            .Add("lad_code", rows.Select(r => r.LadCode))
            .Add("lad_name", rows.Select(r => r.LadName))
            .Add("cauth_code", rows.Select(r => r.CauthCode))
            .Add("region_code", rows.Select(r => r.RegionCode))
            .AddNullable<double>("population", rows.Select(r => r.Population).ToArray())
            .AddNullable<int>("population_year", rows.Select(r => r.PopulationYear).ToArray())
            .AddNullable<int>("lad_vintage", rows.Select(r => r.LadCode is null ? null : geography.Districts.Vintage).ToArray())
            .Add("lad_code_previous", rows.Select(r => r.LadCodePrevious))
            .Add("lad_name_previous", rows.Select(r => r.LadNamePrevious))
            .AddNullable<int>("lad_vintage_previous", rows.Select(r => r.LadCodePrevious is null ? null : geography.Districts.PreviousVintage).ToArray())
            .Add("ward_code", rows.Select(r => r.WardCode))
            .Add("ward_name", rows.Select(r => r.WardName))
            .Build();
    }

    /// <summary>
    /// <c>deprivation</c>: one row per index, domain and LSOA. Several sources of one index (e.g. IoD2019 Files 1 and 2)
    /// are merged; where both give a value they must agree.
    /// </summary>
    public static Table Deprivation(GeographyModel geography, IReadOnlyList<DeprivationData> sources)
    {
        var merged = new SortedDictionary<(string Index, string Domain), DomainMerge>();
        foreach (var d in sources)
        {
            CheckVintage(geography, d);
            foreach (var domain in d.Domains)
            {
                var key = (d.IndexId, domain.Domain);
                if (!merged.TryGetValue(key, out var m))
                {
                    m = new DomainMerge(d.Vintage);
                    merged[key] = m;
                }

                m.Add(d, domain);
            }
        }

        var index = new List<string>();
        var domainCol = new List<string>();
        var codes = new List<string>();
        var vintage = new List<int>();
        var score = new List<double?>();
        var rank = new List<int?>();
        var decile = new List<int?>();
        foreach (var ((indexId, domain), m) in merged)
        {
            foreach (var (code, v) in m.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                index.Add(indexId);
                domainCol.Add(domain);
                codes.Add(code);
                vintage.Add(m.Vintage);
                score.Add(double.IsNaN(v.Score) ? null : v.Score);
                rank.Add(v.Rank > 0 ? v.Rank : null);
                decile.Add(v.Decile > 0 ? v.Decile : null);
            }
        }

        return new TableBuilder("deprivation")
            .Add("index_id", index)
            .Add("domain", domainCol)
            .Add("lsoa_code", codes)
            .Add<int>("lsoa_vintage", vintage.ToArray())
            .AddNullable<double>("score", score.ToArray())
            .AddNullable<int>("rank", rank.ToArray())
            .AddNullable<int>("decile", decile.ToArray())
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

    private sealed class DomainMerge(int vintage)
    {
        public int Vintage { get; } = vintage;

        public Dictionary<string, (double Score, int Rank, int Decile, string Source)> Values { get; } = new(StringComparer.Ordinal);

        public void Add(DeprivationData d, DomainValues domain)
        {
            if (d.Vintage != Vintage)
            {
                throw new SourceDataException(d.SourceId, null, null, $"index '{d.IndexId}' is given for LSOA vintage {d.Vintage} here and {Vintage} by another source; one index has one vintage");
            }

            for (var i = 0; i < d.LsoaCodes.Length; i++)
            {
                var code = d.LsoaCodes[i]!;
                var score = domain.Scores?[i] ?? double.NaN;
                var rank = domain.Ranks?[i] ?? 0;
                var decile = domain.Deciles?[i] ?? 0;
                if (Values.TryGetValue(code, out var old))
                {
                    if ((rank > 0 && old.Rank > 0 && rank != old.Rank) || (decile > 0 && old.Decile > 0 && decile != old.Decile))
                    {
                        throw new SourceDataException(d.SourceId, i + 1, $"'{domain.Domain}'", $"LSOA {code} has rank {rank} decile {decile} here but rank {old.Rank} decile {old.Decile} in '{old.Source}'");
                    }

                    Values[code] = (double.IsNaN(score) ? old.Score : score, rank > 0 ? rank : old.Rank, decile > 0 ? decile : old.Decile, old.Source);
                }
                else
                {
                    Values[code] = (score, rank, decile, d.SourceId);
                }
            }
        }
    }
}
