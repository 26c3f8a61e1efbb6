using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>What <see cref="GradientTables.Compute(GradientInputs, IndicatorMetadataCatalogue?)"/> needs: the bases to compute, with their index vintage and bridge, and the selected series per LSOA vintage.</summary>
internal sealed record GradientInputs(
    LsoaIndex Index, Table Areas, Table Deprivation, GradientSettings Settings,
    IReadOnlyList<(GradientBasis Basis, int IndexVintage, int Vintage, VintageBridge? Bridge)> Bases,
    IReadOnlyDictionary<int, List<GradientSeries>> SeriesByVintage);

/// <summary>The gradients' inputs: the selected series of <c>lsoa_indicators</c> and their counts in <c>indicators</c>, by dense LSOA id.</summary>
internal static partial class GradientTables
{
    /// <summary>
    /// Takes what the gradients need of <paramref name="lsoaIndicators"/> and <paramref name="indicators"/> (the selected
    /// series and their counts, by dense LSOA id), so those tables can be written and released before
    /// <see cref="Compute"/> runs. <see cref="GradientInputsBuilder"/> takes the same one part at a time.
    /// </summary>
    public static GradientInputs Prepare(
        Table areas, Table deprivation, Table lsoaIndicators, GradientSettings settings, Table? indicators = null, IReadOnlyDictionary<int, VintageBridge>? bridges = null)
    {
        var builder = new GradientInputsBuilder(areas, deprivation, settings, bridges, withCounts: indicators is not null);
        builder.AddLsoaIndicators(lsoaIndicators);
        if (indicators is not null)
        {
            builder.AddIndicators(indicators);
        }

        return builder.Build();
    }

    /// <summary>The series <paramref name="settings"/> selects among one part of <c>lsoa_indicators</c>'s rows of a vintage, in order of first appearance (their counts are attached later).</summary>
    internal static IEnumerable<GradientSeries> SeriesOf(Table lsoaIndicators, int[] lsoaRows, int lsoaCount, int vintage, GradientSettings settings)
    {
        var ofVintage = lsoaIndicators.Mask((LsoaIndicatorsColumns.LsoaVintage, vintage));
        var inherited = settings.IncludeInherited ? null : lsoaIndicators.Mask((LsoaIndicatorsColumns.Method, "inherited"));
        var source = lsoaIndicators.Strings(LsoaIndicatorsColumns.SourceId);
        var indicator = lsoaIndicators.Strings(LsoaIndicatorsColumns.IndicatorId);
        var period = lsoaIndicators.Strings(LsoaIndicatorsColumns.Period);
        var value = lsoaIndicators.Primitive<double>(LsoaIndicatorsColumns.Value);
        var sourceIds = source.Ids;
        var indicatorIds = indicator.Ids;
        var periodIds = period.Ids;
        var values = value.Values;

        // Series by the ids of their key columns; null for a key the settings do not select.
        var series = new Dictionary<(int, int, int), (GradientSeries Series, double[] Values)?>();
        (int, int, int) lastIds = (int.MinValue, 0, 0);
        (GradientSeries Series, double[] Values)? last = null;
        for (var i = 0; i < lsoaIndicators.RowCount; i++)
        {
            if (!ofVintage[i] || (inherited is not null && inherited[i]) || !value.IsValid(i) || lsoaRows[i] < 0)
            {
                continue;
            }

            // Rows of one series are mostly contiguous: look the key up only when it changes.
            var ids = (sourceIds[i], indicatorIds[i], periodIds[i]);
            if (ids == lastIds)
            {
                if (last is { } same)
                {
                    same.Values[lsoaRows[i]] = values[i];
                }

                continue;
            }

            if (!series.TryGetValue(ids, out var s))
            {
                var key = new SeriesKey(source[i]!, indicator[i]!, period[i]!);
                if (settings.Selects(key.SourceId, key.IndicatorId))
                {
                    var dense = new double[lsoaCount];
                    dense.AsSpan().Fill(double.NaN);
                    s = (new GradientSeries(key, dense), dense);
                }

                series[ids] = s;
            }

            (lastIds, last) = (ids, s);
            if (s is { } selected)
            {
                selected.Values[lsoaRows[i]] = values[i];
            }
        }

        return series.Values.Where(s => s is not null).Select(s => s!.Value.Series);
    }

    /// <summary>The rows of a part of <c>indicators</c> that publish a count and a denominator for an LSOA (persons), or null when there are none.</summary>
    internal static Table? CountRows(Table indicators)
    {
        if (!indicators.Contains(IndicatorsColumns.Count) || !indicators.Contains(IndicatorsColumns.Denominator))
        {
            return null;
        }

        var lsoa = indicators.Mask((IndicatorsColumns.AreaType, "lsoa"));
        var persons = indicators.MaskAnyOf(IndicatorsColumns.Sex, [CellValue.Null, "Persons"]);
        var count = indicators.Primitive<double>(IndicatorsColumns.Count);
        var denominator = indicators.Primitive<double>(IndicatorsColumns.Denominator);
        var use = new bool[indicators.RowCount];
        for (var i = 0; i < use.Length; i++)
        {
            use[i] = lsoa[i] && persons[i] && count.IsValid(i) && denominator.IsValid(i);
        }

        return Array.IndexOf(use, true) < 0 ? null : indicators.Filter(use).Select(
            IndicatorsColumns.SourceId, IndicatorsColumns.IndicatorId, IndicatorsColumns.Period, IndicatorsColumns.AreaCode, IndicatorsColumns.Count, IndicatorsColumns.Denominator);
    }

    /// <summary>Adds the counts and denominators of <see cref="CountRows"/>'s rows to <paramref name="result"/>, by series, by dense LSOA id ((NaN, NaN) = none).</summary>
    internal static void LsoaCounts(Table indicators, LsoaIndex index, Dictionary<(string, string, string), (double, double)[]> result)
    {
        var count = indicators.Primitive<double>(IndicatorsColumns.Count);
        var denominator = indicators.Primitive<double>(IndicatorsColumns.Denominator);
        var area = index.Rows(indicators.Strings(IndicatorsColumns.AreaCode));
        var (source, indicator, period) = (indicators.Strings(IndicatorsColumns.SourceId), indicators.Strings(IndicatorsColumns.IndicatorId), indicators.Strings(IndicatorsColumns.Period));
        var byIds = new Dictionary<(int, int, int), List<int>>();
        for (var i = 0; i < area.Length; i++)
        {
            if (area[i] >= 0)
            {
                var ids = (source.Ids[i], indicator.Ids[i], period.Ids[i]);
                if (!byIds.TryGetValue(ids, out var list))
                {
                    list = [];
                    byIds[ids] = list;
                }

                list.Add(i);
            }
        }

        foreach (var rows in byIds.Values)
        {
            var first = rows[0];
            var map = new (double, double)[index.Count];
            map.AsSpan().Fill((double.NaN, double.NaN));
            foreach (var i in rows)
            {
                map[area[i]] = (count.Values[i], denominator.Values[i]);
            }

            result[(source[first]!, indicator[first]!, period[first]!)] = map;
        }
    }
}
