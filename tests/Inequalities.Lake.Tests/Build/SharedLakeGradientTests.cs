using System.Globalization;
using Inequalities.Core.Columnar;
using Xunit.Abstractions;

namespace Inequalities.Lake.Tests.Build;

/// <summary>
/// The gradient tables of the lake built from the real shared files (issue 14's "done when"): no silent null, Liverpool
/// has a gradient on every basis, the two methods agree, the RII follows the value kind, IoD2019 and IoD2025 compare.
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeGradientTests(SharedLakeFixture lake, ITestOutputHelper output)
{
    private const string Liverpool = "E08000012";

    [Fact]
    public async Task Gradients_EveryDistrictRowOnANationalBasis_HasAValueOrAReason()
    {
        var g = await lake.Snapshot.ReadTableAsync("inequality_gradients");
        var rows = Enumerable.Range(0, g.RowCount).Where(i => g.Strings("area_type")[i] == "lad" && g.Strings("basis")[i]!.Contains("/national", StringComparison.Ordinal)).ToList();
        var sii = g.Primitive<double>("sii");
        var reason = g.Strings("reason");
        var seMethod = g.Strings("se_method");

        var silent = rows.Count(i => sii[i] is null && reason[i] is null);
        var explained = rows.Count(i => sii[i] is not null || reason[i] is not null);
        Assert.Equal(0, silent);
        Assert.True(explained >= 0.95 * rows.Count, $"{explained} of {rows.Count}");
        Assert.All(rows.Where(i => sii[i] is not null), i => Assert.NotNull(seMethod[i]));
        Assert.All(rows.Where(i => reason[i] is not null), i => Assert.Contains(reason[i], (string[])["missing_quantile", "zero_population", "no_standard_error", "no_variation", "too_few_lsoas"]));

        foreach (var group in rows.GroupBy(i => (g.Strings("basis")[i], g.Strings("method")[i])).OrderBy(x => x.Key))
        {
            var reasons = string.Join(", ", group.Where(i => reason[i] is not null).GroupBy(i => reason[i]).OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Count()}"));
            output.WriteLine($"{group.Key.Item1} {group.Key.Item2}: {group.Count(i => sii[i] is not null)} of {group.Count()} with a value; {reasons}");
        }
    }

    [Fact]
    public async Task Gradients_Liverpool_HasASlopeFromBothMethodsOnEveryBasis()
    {
        var g = await lake.Snapshot.ReadTableAsync("inequality_gradients");
        var rows = Enumerable.Range(0, g.RowCount).Where(i => g.Strings("area_code")[i] == Liverpool).ToList();
        var bases = rows.Select(i => g.Strings("basis")[i]).Distinct().ToList();

        Assert.Equal(5, bases.Count);
        foreach (var basis in bases)
        {
            foreach (var method in new[] { "quantile", "lsoa" })
            {
                Assert.All(rows.Where(i => g.Strings("basis")[i] == basis && g.Strings("method")[i] == method), i => Assert.NotNull(g.Primitive<double>("sii")[i]));
            }
        }

        // Liverpool's most deprived-to-least deprived IMD 2019 deciles: the tenth holds one LSOA, so its standard error
        // comes from the district's pooled within-decile variance.
        var imd = rows.Single(i => g.Strings("basis")[i] == "iod2019/imd/national" && g.Strings("method")[i] == "quantile" && g.Strings("indicator_id")[i] == "years_of_potential_life_lost");
        Assert.Equal("pooled_within_quantile", g.Strings("se_method")[imd]);
        Assert.Equal("higher_in_more_deprived", g.Strings("direction")[imd]);
    }

    [Fact]
    public async Task Gradients_Rii_OnlyForRatioScales()
    {
        var g = await lake.Snapshot.ReadTableAsync("inequality_gradients");
        var mood = Enumerable.Range(0, g.RowCount).Where(i => g.Strings("indicator_id")[i] == "mood_and_anxiety_disorders" && g.Primitive<double>("sii")[i] is not null).ToList();
        var ypll = Enumerable.Range(0, g.RowCount).Where(i => g.Strings("indicator_id")[i] == "years_of_potential_life_lost" && g.Primitive<double>("sii")[i] is not null).ToList();

        // The IoD2019 mood and anxiety indicator is a standardised score centred on 0: a ratio of two values is meaningless.
        Assert.NotEmpty(mood);
        Assert.All(mood, i => Assert.Null(g.Primitive<double>("rii")[i]));
        Assert.All(mood, i => Assert.Equal("not_ratio_scale", g.Strings("rii_reason")[i]));
        Assert.All(ypll, i => Assert.NotNull(g.Primitive<double>("rii")[i]));

        var metadata = await lake.Snapshot.ReadTableAsync("indicator_metadata");
        var row = Enumerable.Range(0, metadata.RowCount).Single(i => metadata.Strings("indicator_id")[i] == "mood_and_anxiety_disorders");
        Assert.Equal("score", metadata.Strings("value_kind")[row]);
        Assert.Equal("higher_is_worse", metadata.Strings("polarity")[row]);
        Assert.All(Enumerable.Range(0, metadata.RowCount), i => Assert.NotNull(metadata.Strings("polarity")[i]));
    }

    [Fact]
    public async Task Gradients_TheTwoMethods_AgreeOnDistricts()
    {
        var g = await lake.Snapshot.ReadTableAsync("inequality_gradients");
        var pairs = Pairs(g).ToList();
        var (correlation, overlap) = Agreement(pairs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all national bases: {pairs.Count} district pairs, correlation {correlation:0.0000}, intervals overlap {overlap:P1}"));
        var inside = pairs.Count(p => p.QLow <= p.L && p.L <= p.QHigh && p.LLow <= p.Q && p.Q <= p.LHigh) / (double)pairs.Count;
        var widths = pairs.Select(p => (p.LHigh - p.LLow) / (p.QHigh - p.QLow)).Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"each slope inside the other's interval: {inside:P1}; LSOA/quantile interval width: median {widths[widths.Length / 2]:0.00}, 5th-95th percentile {widths[widths.Length / 20]:0.00}-{widths[widths.Length * 19 / 20]:0.00}"));
        foreach (var basis in pairs.GroupBy(p => p.Basis).OrderBy(b => b.Key))
        {
            var (r, o) = Agreement([.. basis]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{basis.Key}: {basis.Count()} pairs, correlation {r:0.0000}, overlap {o:P1}"));
        }

        foreach (var indicator in pairs.GroupBy(p => p.Indicator).OrderBy(b => b.Key))
        {
            var (r, o) = Agreement([.. indicator]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{indicator.Key}: {indicator.Count()} pairs, correlation {r:0.0000}, overlap {o:P1}"));
        }

        Assert.True(correlation > 0.95, $"correlation {correlation}");
        Assert.True(overlap > 0.9, $"overlap {overlap}");
    }

    [Fact]
    public async Task Trends_Iod2019AgainstIod2025OnLsoa2021_ChangeIsTheDifferenceOfTheTwoSlopes()
    {
        var g = await lake.Snapshot.ReadTableAsync("inequality_gradients");
        var t = await lake.Snapshot.ReadTableAsync("inequality_trends");
        var row = Enumerable.Range(0, t.RowCount).Single(i => t.Strings("area_code")[i] == Liverpool && t.Strings("indicator_id")[i] == "years_of_potential_life_lost"
            && t.Strings("method")[i] == "quantile" && t.Strings("comparison")[i] == "basis");

        Assert.Equal("iod2019/imd/national/lsoa2021", t.Strings("from_basis")[row]);
        Assert.Equal("iod2025/imd/national", t.Strings("to_basis")[row]);
        double Sii(string basis, string column) => g.Primitive<double>(column)[Enumerable.Range(0, g.RowCount).Single(i => g.Strings("area_code")[i] == Liverpool
            && g.Strings("indicator_id")[i] == "years_of_potential_life_lost" && g.Strings("method")[i] == "quantile" && g.Strings("basis")[i] == basis)]!.Value;
        var from = Sii("iod2019/imd/national/lsoa2021", "sii");
        var to = Sii("iod2025/imd/national", "sii");
        var se = Math.Sqrt(Math.Pow(Sii("iod2019/imd/national/lsoa2021", "sii_se"), 2) + Math.Pow(Sii("iod2025/imd/national", "sii_se"), 2));
        Assert.Equal(to - from, t.Primitive<double>("sii_change")[row]!.Value, 12);
        Assert.Equal(to - from - (1.959963984540054 * se), t.Primitive<double>("sii_change_lower")[row]!.Value, 9);
        Assert.Equal(2021, t.Primitive<int>("lsoa_vintage")[row]);
    }

    /// <summary>Each district's quantile and LSOA slopes on the same national basis, indicator and period.</summary>
    private static IEnumerable<Pair> Pairs(Table g)
    {
        var rows = Enumerable.Range(0, g.RowCount).Where(i => g.Strings("area_type")[i] == "lad" && g.Strings("basis")[i]!.Contains("/national", StringComparison.Ordinal)
            && g.Primitive<double>("sii")[i] is not null);
        foreach (var pair in rows.GroupBy(i => (g.Strings("basis")[i]!, g.Strings("indicator_id")[i], g.Strings("period")[i], g.Strings("area_code")[i])))
        {
            var q = pair.SingleOrDefault(i => g.Strings("method")[i] == "quantile", -1);
            var l = pair.SingleOrDefault(i => g.Strings("method")[i] == "lsoa", -1);
            if (q >= 0 && l >= 0)
            {
                double V(string c, int i) => g.Primitive<double>(c)[i]!.Value;
                yield return new Pair(pair.Key.Item1, pair.Key.Item2!, V("sii", q), V("sii_lower", q), V("sii_upper", q), V("sii", l), V("sii_lower", l), V("sii_upper", l));
            }
        }
    }

    /// <summary>
    /// Pearson correlation of the two slopes after standardising both within each basis and indicator (their units
    /// differ: a ratio near 100, a score near 0), and the share of pairs whose 95% intervals overlap.
    /// </summary>
    private static (double Correlation, double Overlap) Agreement(IReadOnlyList<Pair> pairs)
    {
        var overlap = pairs.Count(p => p.QLow <= p.LHigh && p.LLow <= p.QHigh) / (double)pairs.Count;
        var q = new List<double>();
        var l = new List<double>();
        foreach (var group in pairs.GroupBy(p => (p.Basis, p.Indicator)))
        {
            var qs = group.Select(p => p.Q).ToArray();
            var ls = group.Select(p => p.L).ToArray();
            double mq = qs.Average(), ml = ls.Average();
            double sq = Math.Sqrt(qs.Sum(a => (a - mq) * (a - mq))), sl = Math.Sqrt(ls.Sum(b => (b - ml) * (b - ml)));
            q.AddRange(qs.Select(a => (a - mq) / sq));
            l.AddRange(ls.Select(b => (b - ml) / sl));
        }

        var r = q.Zip(l, (a, b) => a * b).Sum() / Math.Sqrt(q.Sum(a => a * a) * l.Sum(b => b * b));
        return (r, overlap);
    }

    private sealed record Pair(string Basis, string Indicator, double Q, double QLow, double QHigh, double L, double LLow, double LHigh);
}
