using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Core.Measures;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>One area of a basis: its code and type, and its LSOAs (dense ids) from the most to the least deprived.</summary>
internal sealed record GradientArea(string Code, string Type, int[] Members);

/// <summary>
/// One deprivation basis at one LSOA vintage: each LSOA's national rank and quantile, its population, and the areas
/// (districts, combined authorities, England) it belongs to, with each area's members sorted from the most to the least
/// deprived. An index computed on another vintage than its own gets its ranks through the ONS change lookup: an
/// unchanged or split LSOA keeps its parent's rank and decile; a merged (or complex) one takes the population-weighted
/// mean of its parents' ranks and the decile of that rank, ceil(10 × rank / N). LSOAs are the dense ids of the
/// computation's <see cref="LsoaIndex"/>: every lookup is an array read.
/// </summary>
internal sealed class GradientBasisContext
{
    private readonly GradientBasis _basis;
    private readonly LsoaIndex _index;
    private readonly Dictionary<GradientArea, int[]> _local = new(ReferenceEqualityComparer.Instance);
    private double[] _rank = [];
    private int[] _decile = [];
    private bool[] _ranked = [];
    private double[] _population = [];

    public GradientBasisContext(LsoaIndex index, Table areas, Table deprivation, GradientBasis basis, int indexVintage, int vintage, VintageBridge? bridge)
    {
        _basis = basis;
        _index = index;
        Vintage = vintage;
        var ranked = deprivation.Where((DeprivationColumns.IndexId, basis.Index), (DeprivationColumns.Domain, basis.Domain));
        var dCode = index.Rows(ranked.Strings(DeprivationColumns.LsoaCode));
        var rank = ranked.Primitive<int>(DeprivationColumns.Rank);
        var decile = ranked.Primitive<int>(DeprivationColumns.Decile);
        var ownRank = new double[index.Count];
        var ownDecile = new int[index.Count];
        var own = new bool[index.Count];
        var national = 0;
        for (var i = 0; i < ranked.RowCount; i++)
        {
            if (rank[i] is { } r && dCode[i] >= 0)
            {
                var id = dCode[i];
                national += own[id] ? 0 : 1;
                own[id] = true;
                ownRank[id] = r;
                ownDecile[id] = decile[i] ?? 0;
            }
        }

        if (vintage == indexVintage || bridge is null)
        {
            Resize(index.Count);
            for (var id = 0; id < own.Length; id++)
            {
                if (own[id])
                {
                    Set(id, ownRank[id], ownDecile[id] > 0 ? ownDecile[id] : DecileOf(ownRank[id], national));
                }
            }
        }
        else
        {
            Carry(own, ownRank, ownDecile, national, bridge);
        }

        var ofVintage = areas.Where((AreasColumns.LsoaVintage, vintage));
        var code = index.Rows(ofVintage.Strings(AreasColumns.LsoaCode));
        Resize(index.Count);
        var lad = ofVintage.Strings(AreasColumns.LadCode);
        var cauth = ofVintage.Strings(AreasColumns.CauthCode);
        var pop = ofVintage.Primitive<double>(AreasColumns.Population);
        var members = new Dictionary<(string Code, string Type), List<int>>();
        void Add(string? area, string type, int lsoa)
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

        for (var i = 0; i < ofVintage.RowCount; i++)
        {
            var lsoa = code[i];
            if (lsoa < 0 || !_ranked[lsoa])
            {
                continue;
            }

            _population[lsoa] = pop[i] ?? double.NaN;
            Add(lad[i], "lad", lsoa);
            Add(cauth[i], "combined_authority", lsoa);
            Add(GradientTables.England, "country", lsoa);
        }

        // Members from the most to the least deprived (ties by code), so the LSOA method's sort meets sorted input.
        Comparison<int> byRank = (a, b) => _rank[a] != _rank[b] ? _rank[a].CompareTo(_rank[b]) : index.CompareCodes(a, b);
        Areas = [.. members.OrderBy(m => m.Key.Type == "country" ? 2 : m.Key.Type == "combined_authority" ? 1 : 0).ThenBy(m => m.Key.Code, StringComparer.Ordinal)
            .Select(m =>
            {
                var sorted = m.Value.ToArray();
                Array.Sort(sorted, byRank);
                return new GradientArea(m.Key.Code, m.Key.Type, sorted);
            })];

        // Local quantiles up front, so the context is read-only while series are computed in parallel.
        if (basis.Ranking == QuantileRanking.Local)
        {
            foreach (var area in Areas)
            {
                _local[area] = Local(area);
            }
        }
    }

    /// <summary>The LSOA vintage the basis is computed on.</summary>
    public int Vintage { get; }

    /// <summary>Every area with its LSOAs, most deprived first.</summary>
    public List<GradientArea> Areas { get; }

    public double Population(int lsoa) => _population[lsoa];

    /// <summary>The LSOA's national rank on the basis (1 = most deprived; converted ranks may be fractional).</summary>
    public double Rank(int lsoa) => _ranked[lsoa] ? _rank[lsoa] : double.NaN;

    public int NationalQuantile(int lsoa)
    {
        if (!_ranked[lsoa])
        {
            return 0;
        }

        var d = _decile[lsoa];
        return _basis.Quantiles == 10 ? d : (d + 1) / 2;
    }

    /// <summary>The local quantile of each member of an area (aligned with <see cref="GradientArea.Members"/>), for a basis ranked locally.</summary>
    public int[] LocalQuantiles(GradientArea area) => _local[area];

    private int[] Local(GradientArea area)
    {
        var members = area.Members;
        var ranks = new double[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            ranks[i] = _rank[members[i]];
        }

        // The OHID rule on national ranks (low = most deprived, so not inverted): quantile 1 = most deprived.
        var assigned = DeprivationQuantiles.Assign(ranks, _basis.Quantiles, invert: false).Quantiles;
        var local = new int[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            local[i] = assigned[i] ?? 0;
        }

        return local;
    }

    private void Carry(bool[] own, double[] ownRank, int[] ownDecile, int national, VintageBridge bridge)
    {
        var ranks = new double[bridge.Sources.Count];
        var deciles = new double[bridge.Sources.Count];
        for (var s = 0; s < ranks.Length; s++)
        {
            var id = _index.GetOrAdd(bridge.Sources[s]);
            var has = id < own.Length && own[id];
            ranks[s] = has ? ownRank[id] : double.NaN;
            deciles[s] = !has ? double.NaN : ownDecile[id] > 0 ? ownDecile[id] : DecileOf(ownRank[id], national);
        }

        var convertedRanks = bridge.Convert(ranks, ValueKind.Rate);
        var convertedDeciles = bridge.Convert(deciles, ValueKind.Rate);
        var targets = new int[convertedRanks.Length];
        for (var t = 0; t < targets.Length; t++)
        {
            targets[t] = _index.GetOrAdd(bridge.Targets[t]);
        }

        Resize(_index.Count);
        for (var t = 0; t < convertedRanks.Length; t++)
        {
            var code = bridge.Targets[t];
            if (double.IsNaN(convertedRanks[t]) || !code.StartsWith("E01", StringComparison.Ordinal))
            {
                continue;
            }

            var copied = bridge.Methods[t] is ConversionMethod.Direct or ConversionMethod.Split;
            Set(targets[t], convertedRanks[t], copied ? (int)convertedDeciles[t] : DecileOf(convertedRanks[t], national));
        }
    }

    private void Set(int lsoa, double rank, int decile)
    {
        _ranked[lsoa] = true;
        _rank[lsoa] = rank;
        _decile[lsoa] = decile;
    }

    private void Resize(int count)
    {
        var old = _population.Length;
        Array.Resize(ref _rank, count);
        Array.Resize(ref _decile, count);
        Array.Resize(ref _ranked, count);
        Array.Resize(ref _population, count);
        _population.AsSpan(old).Fill(double.NaN);
    }

    private static int DecileOf(double rank, int national) => Math.Clamp((int)Math.Ceiling(10.0 * rank / national), 1, 10);
}
