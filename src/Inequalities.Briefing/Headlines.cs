using Inequalities.Core.Columnar;
using Inequalities.Core.Inequality;
using Inequalities.Lake;

namespace Inequalities.Briefing;

/// <summary>
/// The headline sentences: for each indicator the lake has a gradient for in the area, one row chosen by a fixed rule,
/// compared with England's row for the same indicator, period, basis and method, ranked by how much steeper it is.
/// </summary>
internal static class Headlines
{
    public const string RankingRule =
        "Findings are ranked by how much steeper the gradient is than England's: the area's slope index of inequality " +
        "divided by England's, for the same indicator, period, deprivation basis and method (largest first). " +
        "A gradient whose 95% confidence interval includes zero is not stated as a finding: it is listed after the findings as \"no clear difference\".";

    public const string EnglandRankingRule =
        "England is the comparator for every other briefing, so its findings are listed by indicator name. " +
        "A gradient whose 95% confidence interval includes zero is not stated as a finding: it is listed after the findings as \"no clear difference\".";

    /// <summary>
    /// The rule that picks one gradient row per indicator, printed as a footnote: the latest period; the IMD on
    /// national deciles of the newest index (at the index's own LSOA vintage before a carried one); the quantile
    /// method where it has a value, else the LSOA method.
    /// </summary>
    public const string ChoiceRule =
        "Each indicator's gradient is its latest period, on national deciles of the Index of Multiple Deprivation of the newest index in the lake " +
        "(other bases only where that one has no value), by the quantile method (OHID's slope index over the ten deciles) where it has a value, " +
        "else by the LSOA method (a weighted regression on each neighbourhood's own value and its deprivation rank). The slope index is the " +
        "fitted difference between the least and the most deprived ends of the area's population ranked by deprivation, in the indicator's own units.";

    public static (List<Headline> Headlines, List<MissingGradient> Missing) Build(BriefData data, BriefArea area)
    {
        var rows = Rows(data.Gradients.Where((InequalityGradientsColumns.AreaCode, area.Code)));
        if (rows.Count == 0)
        {
            throw NoGradients(area, "has no row");
        }

        var england = area.Code == BriefData.England ? [] : Rows(data.Gradients.Where((InequalityGradientsColumns.AreaCode, BriefData.England)));
        var metadata = Metadata(data.Metadata);
        var headlines = new List<Headline>();
        var missing = new List<MissingGradient>();
        foreach (var series in rows.GroupBy(r => (r.SourceId, r.IndicatorId)).OrderBy(g => g.Key.SourceId, StringComparer.Ordinal).ThenBy(g => g.Key.IndicatorId, StringComparer.Ordinal))
        {
            var (name, unit) = metadata.GetValueOrDefault(series.Key, (Words.Indicator(series.Key.IndicatorId, null), null));
            var chosen = series.Where(r => r.Sii is not null).OrderBy(r => r, RowPreference.Instance).FirstOrDefault();
            if (chosen is null)
            {
                var first = series.OrderBy(r => r, RowPreference.Instance).First();
                missing.Add(new MissingGradient(series.Key.SourceId, series.Key.IndicatorId, name, Words.Reason(first.Reason)));
                continue;
            }

            var comparator = england.FirstOrDefault(e => e.Sii is not null && e.SameSeries(chosen) && e.Method == chosen.Method);
            headlines.Add(Headline(area, chosen, comparator, name, unit));
        }

        if (headlines.Count == 0)
        {
            throw NoGradients(area, $"has gradient rows but none with a value ({string.Join("; ", missing.Select(m => $"{m.IndicatorName}: {m.Reason}"))})");
        }

        var ranked = headlines
            .OrderBy(h => h.IsFinding ? 0 : 1)
            .ThenByDescending(h => area.Code == BriefData.England ? 0 : h.TimesEngland ?? -1)
            .ThenBy(h => h.IndicatorName, StringComparer.Ordinal)
            .Select((h, i) => h with { Rank = i + 1 })
            .ToList();
        return (ranked, missing);
    }

    private static Headline Headline(BriefArea area, Row row, Row? england, string name, string? unit)
    {
        var value = row.Value();
        var comparator = england?.Value();
        var finding = value.Lower > 0 || value.Upper < 0;
        // Findings higher in more deprived areas are told as "most minus least" (−SII), so the number is positive.
        var mostMinusLeast = finding && value.Upper < 0;
        var frame = mostMinusLeast ? "most_minus_least" : "least_minus_most";
        (double Point, double Low, double High) Framed(GradientValue v) =>
            mostMinusLeast ? (-v.Sii, -v.Upper, -v.Lower) : (v.Sii, v.Lower, v.Upper);

        var comparison = Compare(value, comparator);
        var times = comparator is { Sii: not 0 } c ? Math.Abs(value.Sii) / Math.Abs(c.Sii) : (double?)null;
        var parts = new List<SentencePart>();
        void Text(string text) => parts.Add(new SentencePart(text));
        void Num(double x, string field) => parts.Add(new SentencePart(Words.Number(x), field));
        void Interval(GradientValue v, string prefix)
        {
            var (_, low, high) = Framed(v);
            Text(" (95% CI ");
            Num(low, prefix + "-lower");
            Text(" to ");
            Num(high, prefix + "-upper");
            Text(")");
        }

        var (point, _, _) = Framed(value);
        if (finding)
        {
            var (more, less) = mostMinusLeast ? ("most", "least") : ("least", "most");
            Text($"{name}: ");
            Num(point, "area-sii");
            Text($" higher in the {more} deprived neighbourhoods of {area.Name} than in the {less} deprived");
            Interval(value, "area");
        }
        else
        {
            Text($"{name}: no clear difference between the most and the least deprived neighbourhoods of {area.Name} (slope index of inequality ");
            Num(value.Sii, "area-sii");
            Text(", 95% CI ");
            Num(value.Lower, "area-lower");
            Text(" to ");
            Num(value.Upper, "area-upper");
            Text(", which includes zero)");
        }

        if (comparator is { } e)
        {
            Text("; England: ");
            Num(Framed(e).Point, "england-sii");
            Interval(e, "england");
        }
        else if (area.Code != BriefData.England)
        {
            Text("; the lake has no England value for the same basis and method");
        }

        Text(". ");
        Text(Worse(row, finding, mostMinusLeast));
        if (finding && comparison != EnglandComparison.None)
        {
            Text(" ");
            Text(comparison switch
            {
                EnglandComparison.Steeper => "The gradient is steeper than England's (",
                EnglandComparison.LessSteep => "The gradient is less steep than England's (",
                EnglandComparison.OppositeDirection => "England's gradient runs the other way (",
                _ => "The gradient is not clearly different from England's (",
            });
            Num(times ?? double.NaN, "times-england");
            Text(comparison switch
            {
                EnglandComparison.NotClearlyDifferent => " times as steep; the 95% interval of the difference includes zero).",
                EnglandComparison.OppositeDirection => " times as steep, the opposite way).",
                _ => " times as steep; the 95% interval of the difference excludes zero).",
            });
        }

        return new Headline
        {
            Rank = 0,
            SourceId = row.SourceId,
            IndicatorId = row.IndicatorId,
            IndicatorName = name,
            Period = row.Period,
            Basis = row.Basis,
            QuantileCount = row.QuantileCount,
            Method = row.Method,
            Area = value,
            England = comparator,
            Polarity = row.Polarity,
            WorseIn = row.WorseIn,
            Unit = unit,
            TimesEngland = times,
            Comparison = comparison,
            Frame = frame,
            Sentence = parts,
        };
    }

    /// <summary>Which way is worse, in words, from the lake's polarity and the direction of a finding.</summary>
    private static string Worse(Row row, bool finding, bool higherInMoreDeprived) => row.Polarity switch
    {
        "higher_is_worse" when finding => higherInMoreDeprived ? "Higher is worse, so this is worse for people in more deprived neighbourhoods." : "Higher is worse, so this is worse for people in less deprived neighbourhoods.",
        "higher_is_better" when finding => higherInMoreDeprived ? "Higher is better, so this favours people in more deprived neighbourhoods." : "Higher is better, so this is worse for people in more deprived neighbourhoods.",
        "higher_is_worse" => "Higher is worse.",
        "higher_is_better" => "Higher is better.",
        "neither" => "Neither higher nor lower is better for this indicator.",
        _ => "The catalogue does not say whether higher is better or worse for this indicator.",
    };

    /// <summary>The area against England: the change between the two slopes with its interval (<see cref="InequalityChange"/>).</summary>
    private static EnglandComparison Compare(GradientValue area, GradientValue? england)
    {
        if (england is not { } e)
        {
            return EnglandComparison.None;
        }

        var englandFinding = e.Lower > 0 || e.Upper < 0;
        if (englandFinding && Math.Sign(e.Sii) != Math.Sign(area.Sii))
        {
            return EnglandComparison.OppositeDirection;
        }

        var change = InequalityChange.Between(e.Sii, e.StandardError, area.Sii, area.StandardError);
        if (double.IsNaN(change.Lower) || (change.Lower <= 0 && change.Upper >= 0))
        {
            return EnglandComparison.NotClearlyDifferent;
        }

        return Math.Abs(area.Sii) > Math.Abs(e.Sii) ? EnglandComparison.Steeper : EnglandComparison.LessSteep;
    }

    private static Dictionary<(string, string), (string Name, string? Unit)> Metadata(Table? table)
    {
        var result = new Dictionary<(string, string), (string, string?)>();
        if (table is null)
        {
            return result;
        }

        var source = table.Strings(IndicatorMetadataColumns.SourceId);
        var id = table.Strings(IndicatorMetadataColumns.IndicatorId);
        var name = table.Strings(IndicatorMetadataColumns.IndicatorName);
        var unit = table.Contains(IndicatorMetadataColumns.Unit) ? table.Strings(IndicatorMetadataColumns.Unit) : null;
        for (var i = 0; i < table.RowCount; i++)
        {
            if (source[i] is { } s && id[i] is { } d)
            {
                result[(s, d)] = (Words.Indicator(d, name[i]), unit?[i]);
            }
        }

        return result;
    }

    private static List<Row> Rows(Table t)
    {
        var source = t.Strings(InequalityGradientsColumns.SourceId);
        var indicator = t.Strings(InequalityGradientsColumns.IndicatorId);
        var period = t.Strings(InequalityGradientsColumns.Period);
        var basis = t.Strings(InequalityGradientsColumns.Basis);
        var quantiles = t.Primitive<int>(InequalityGradientsColumns.QuantileCount);
        var sii = t.Primitive<double>(InequalityGradientsColumns.Sii);
        var lower = t.Primitive<double>(InequalityGradientsColumns.SiiLower);
        var upper = t.Primitive<double>(InequalityGradientsColumns.SiiUpper);
        var se = t.Contains(InequalityGradientsColumns.SiiSe) ? t.Primitive<double>(InequalityGradientsColumns.SiiSe) : null;
        var method = t.Contains(InequalityGradientsColumns.Method) ? t.Strings(InequalityGradientsColumns.Method) : null;
        var reason = t.Contains(InequalityGradientsColumns.Reason) ? t.Strings(InequalityGradientsColumns.Reason) : null;
        var polarity = t.Contains(InequalityGradientsColumns.Polarity) ? t.Strings(InequalityGradientsColumns.Polarity) : null;
        var worse = t.Contains(InequalityGradientsColumns.WorseIn) ? t.Strings(InequalityGradientsColumns.WorseIn) : null;
        var rows = new List<Row>(t.RowCount);
        for (var i = 0; i < t.RowCount; i++)
        {
            rows.Add(new Row(
                source[i] ?? string.Empty, indicator[i] ?? string.Empty, period[i] ?? string.Empty, basis[i] ?? string.Empty, quantiles[i] ?? 0,
                method?[i] ?? "quantile", sii[i], lower[i], upper[i], se?[i], reason?[i], polarity?[i], worse?[i]));
        }

        return rows;
    }

    private static BriefException NoGradients(BriefArea area, string what) => new(
        BriefProblem.NoGradients,
        $"The lake has no gradient for {area.Name} ({area.Code}): inequality_gradients {what}. A briefing needs at least one indicator with a slope index; " +
        "refresh with LSOA-level indicator sources, or choose a district, combined authority or England.");

    private sealed record Row(
        string SourceId, string IndicatorId, string Period, string Basis, int QuantileCount, string Method,
        double? Sii, double? Lower, double? Upper, double? Se, string? Reason, string? Polarity, string? WorseIn)
    {
        public bool SameSeries(Row other) =>
            SourceId == other.SourceId && IndicatorId == other.IndicatorId && Period == other.Period && Basis == other.Basis && QuantileCount == other.QuantileCount;

        public GradientValue Value()
        {
            var lower = Lower ?? double.NaN;
            var upper = Upper ?? double.NaN;
            return new GradientValue(Sii ?? double.NaN, lower, upper, Se ?? InequalityChange.StandardErrorOf(lower, upper));
        }
    }

    /// <summary>The preference among one indicator's rows (see <see cref="ChoiceRule"/>).</summary>
    private sealed class RowPreference : IComparer<Row>
    {
        public static readonly RowPreference Instance = new();

        public int Compare(Row? x, Row? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var c = -string.CompareOrdinal(x.Period, y.Period);
            c = c != 0 ? c : Key(x).CompareTo(Key(y));
            c = c != 0 ? c : -string.CompareOrdinal(Index(x.Basis), Index(y.Basis));
            c = c != 0 ? c : string.CompareOrdinal(x.Basis, y.Basis);
            return c != 0 ? c : string.CompareOrdinal(x.Method == "quantile" ? "0" : x.Method, y.Method == "quantile" ? "0" : y.Method);
        }

        private static string Index(string basis) => basis.Split('/')[0];

        /// <summary>IMD before other domains, national before local, the index's own vintage before a carried one, deciles first.</summary>
        private static (int, int, int, int) Key(Row r)
        {
            var parts = r.Basis.Split('/');
            return (
                parts.Length > 1 && parts[1] == "imd" ? 0 : 1,
                parts.Length > 2 && parts[2] == "national" ? 0 : 1,
                parts.Length > 3 ? 1 : 0,
                r.QuantileCount == 10 ? 0 : 1);
        }
    }
}
