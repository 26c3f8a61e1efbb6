using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Core.Measures;
using Inequalities.Sources.Catalogue;

using Inequalities.Lake.Gradients;

namespace Inequalities.Benchmarks.PreviousGradients;

/// <summary>One basis as the previous implementation held it: ranks, deciles and populations by LSOA code (frozen copy; see <see cref="PreviousGradientTables"/>).</summary>
internal sealed class PreviousBasisContext
{
    private readonly Dictionary<string, (double Rank, int Decile)> _deprivation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _population = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _local = new(StringComparer.Ordinal);
    private readonly GradientBasis _basis;

    public PreviousBasisContext(Table areas, Table deprivation, GradientBasis basis, int indexVintage, int vintage, VintageBridge? bridge)
    {
        _basis = basis;
        Vintage = vintage;
        var ranked = deprivation.Where(("index_id", basis.Index), ("domain", basis.Domain));
        var dCode = ranked.Strings("lsoa_code");
        var rank = ranked.Primitive<int>("rank");
        var decile = ranked.Primitive<int>("decile");
        var own = new Dictionary<string, (double Rank, int Decile)>(StringComparer.Ordinal);
        for (var i = 0; i < ranked.RowCount; i++)
        {
            if (rank[i] is { } r)
            {
                own[dCode[i]!] = (r, decile[i] ?? 0);
            }
        }

        var national = own.Count;
        if (vintage == indexVintage || bridge is null)
        {
            foreach (var (code, d) in own)
            {
                _deprivation[code] = (d.Rank, d.Decile > 0 ? d.Decile : DecileOf(d.Rank, national));
            }
        }
        else
        {
            Carry(own, national, bridge);
        }

        var ofVintage = areas.Where(("lsoa_vintage", vintage));
        var code2 = ofVintage.Strings("lsoa_code");
        var lad = ofVintage.Strings("lad_code");
        var cauth = ofVintage.Strings("cauth_code");
        var pop = ofVintage.Primitive<double>("population");
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

        for (var i = 0; i < ofVintage.RowCount; i++)
        {
            if (!_deprivation.ContainsKey(code2[i]!))
            {
                continue;
            }

            var lsoa = code2[i]!;
            _population[lsoa] = pop[i] ?? double.NaN;
            Add(lad[i], "lad", lsoa);
            Add(cauth[i], "combined_authority", lsoa);
            Add(GradientTables.England, "country", lsoa);
        }

        // Members from the most to the least deprived, so the LSOA method's sort meets sorted input.
        Areas = members.OrderBy(m => m.Key.Type == "country" ? 2 : m.Key.Type == "combined_authority" ? 1 : 0).ThenBy(m => m.Key.Code, StringComparer.Ordinal)
            .Select(m => (m.Key.Code, m.Key.Type, m.Value.OrderBy(l => _deprivation[l].Rank).ThenBy(l => l, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>The LSOA vintage the basis is computed on.</summary>
    public int Vintage { get; }

    /// <summary>Every area with its LSOAs, most deprived first.</summary>
    public List<(string Code, string Type, List<string> Members)> Areas { get; }

    public double Population(string lsoa) => _population.TryGetValue(lsoa, out var p) ? p : double.NaN;

    /// <summary>The LSOA's national rank on the basis (1 = most deprived; converted ranks may be fractional).</summary>
    public double Rank(string lsoa) => _deprivation.TryGetValue(lsoa, out var d) ? d.Rank : double.NaN;

    public int NationalQuantile(string lsoa)
    {
        if (!_deprivation.TryGetValue(lsoa, out var d))
        {
            return 0;
        }

        return _basis.Quantiles == 10 ? d.Decile : (d.Decile + 1) / 2;
    }

    public Dictionary<string, int> LocalQuantiles(string areaCode, List<string> members)
    {
        if (_local.TryGetValue(areaCode, out var cached))
        {
            return cached;
        }

        var ranks = members.Select(m => _deprivation[m].Rank).ToArray();

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

    private void Carry(Dictionary<string, (double Rank, int Decile)> own, int national, VintageBridge bridge)
    {
        var ranks = new Dictionary<string, double>(own.Count, StringComparer.Ordinal);
        var deciles = new Dictionary<string, double>(own.Count, StringComparer.Ordinal);
        foreach (var (code, d) in own)
        {
            ranks[code] = d.Rank;
            deciles[code] = d.Decile > 0 ? d.Decile : DecileOf(d.Rank, national);
        }

        var convertedRanks = bridge.Convert(ranks, ValueKind.Rate);
        var convertedDeciles = bridge.Convert(deciles, ValueKind.Rate);
        for (var t = 0; t < convertedRanks.Length; t++)
        {
            var code = bridge.Targets[t];
            if (double.IsNaN(convertedRanks[t]) || !code.StartsWith("E01", StringComparison.Ordinal))
            {
                continue;
            }

            var copied = bridge.Methods[t] is ConversionMethod.Direct or ConversionMethod.Split;
            _deprivation[code] = (convertedRanks[t], copied ? (int)convertedDeciles[t] : DecileOf(convertedRanks[t], national));
        }
    }

    private static int DecileOf(double rank, int national) => Math.Clamp((int)Math.Ceiling(10.0 * rank / national), 1, 10);
}
