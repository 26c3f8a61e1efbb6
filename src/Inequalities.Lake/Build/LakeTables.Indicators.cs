using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Build;

/// <content>The indicator tables, assembled column by column from the parsed sources' columns (text by dictionary id).</content>
internal static partial class LakeTables
{
    /// <summary><c>indicators</c>: every indicator value as published, at its own geography; the sources' columns appended in catalogue order.</summary>
    public static Table Indicators(IReadOnlyList<(SourceDefinition Source, IndicatorData Data)> sources)
    {
        var rows = sources.Sum(s => s.Data.Rows);
        var sourceId = new StringColumnBuilder("source_id", initialCapacity: rows);
        string[] textNames = ["indicator_id", "indicator_name", "period", "sex", "age", "area_code", "area_type"];
        string[] numberNames = ["value", "lower_ci", "upper_ci", "count", "denominator"];
        var text = textNames.Select(n => new StringColumnBuilder(n, initialCapacity: rows)).ToArray();
        var numbers = numberNames.Select(n => new PrimitiveColumnBuilder<double>(n, rows)).ToArray();
        foreach (var (source, data) in sources)
        {
            var id = sourceId.Dictionary.GetOrAdd(source.Id);
            for (var i = 0; i < data.Rows; i++)
            {
                sourceId.AppendId(id);
            }

            StringColumn[] columns = [data.IndicatorId, data.IndicatorName, data.Period, data.Sex, data.Age, data.AreaCode, data.AreaType];
            for (var c = 0; c < columns.Length; c++)
            {
                Append(text[c], columns[c]);
            }

            double[][] values = [data.Value, data.LowerCi, data.UpperCi, data.Count, data.Denominator];
            for (var c = 0; c < values.Length; c++)
            {
                foreach (var v in values[c])
                {
                    numbers[c].Append(double.IsNaN(v) ? null : v);
                }
            }
        }

        var table = new TableBuilder("indicators").Add(sourceId.Build());
        foreach (var column in text)
        {
            table.Add(column.Build());
        }

        foreach (var column in numbers)
        {
            table.Add(column.Build());
        }

        return table.Build();
    }

    /// <summary>
    /// <c>lsoa_indicators</c>: LSOA-level values at their own vintage (<c>direct</c>) and moved to the other vintage
    /// with the change codes (<c>direct</c> for unchanged LSOAs, <c>split</c>, <c>merged</c>, <c>complex</c>); values
    /// published for larger areas are attached to their LSOAs as <c>inherited</c> only where the source asks
    /// (option <c>inherit: true</c>), with <c>inherited_from</c> naming the area type.
    /// </summary>
    public static Table LsoaIndicators(GeographyModel geography, IReadOnlyList<(SourceDefinition Source, IndicatorData Data)> sources)
    {
        var table = new LsoaIndicatorColumns();
        var bridges = Bridges(geography);
        foreach (var (source, data) in sources)
        {
            var counts = source.Options.Indicator.CountIndicators;
            var sourceVintage = source.Vintage is 2011 or 2021 ? source.Vintage.Value : 2021;
            var types = data.AreaType.Ids;
            var lsoaType = data.AreaType.Dictionary.TryGetId("lsoa", out var t) ? t : -2;
            var persons = Persons(data.Sex);
            var sex = data.Sex.Ids;

            // LSOA values: direct, then converted. Grouped by indicator and period (and only persons / all ages rows).
            var groups = new Dictionary<(int Indicator, int Period), Dictionary<string, double>>();
            var indicators = data.IndicatorId.Ids;
            var periods = data.Period.Ids;
            for (var i = 0; i < data.Rows; i++)
            {
                if (types[i] != lsoaType || !persons[sex[i] + 1])
                {
                    continue;
                }

                var key = (indicators[i], periods[i]);
                if (!groups.TryGetValue(key, out var values))
                {
                    values = new Dictionary<string, double>(StringComparer.Ordinal);
                    groups[key] = values;
                }

                var code = data.AreaCode[i]!;
                values[code] = data.Value[i];
                table.Add(code, sourceVintage, source.Id, data.IndicatorId[i]!, data.Period[i]!, data.Value[i], null, "direct");
            }

            if (groups.Count > 0 && bridges.TryGetValue(sourceVintage, out var bridge))
            {
                var targetVintage = sourceVintage == 2011 ? 2021 : 2011;
                foreach (var ((ind, per), values) in groups)
                {
                    var (indicator, period) = (data.IndicatorId.Dictionary[ind], data.Period.Dictionary[per]);
                    var converted = bridge.Convert(values, counts.Contains(indicator) ? ValueKind.Count : ValueKind.Rate);
                    for (var c = 0; c < converted.Length; c++)
                    {
                        if (!double.IsNaN(converted[c]) && bridge.Targets[c].StartsWith("E01", StringComparison.Ordinal))
                        {
                            table.Add(bridge.Targets[c], targetVintage, source.Id, indicator, period, converted[c], null, MethodName(bridge.Methods[c]));
                        }
                    }
                }
            }

            // Larger areas, only when asked.
            if (!source.Options.Indicator.Inherit)
            {
                continue;
            }

            foreach (var v in GeographyModel.Vintages)
            {
                var members = Members(geography, v);
                for (var i = 0; i < data.Rows; i++)
                {
                    if (types[i] == lsoaType || !persons[sex[i] + 1] || !members.TryGetValue(data.AreaCode[i]!, out var lsoas))
                    {
                        continue;
                    }

                    foreach (var code in lsoas)
                    {
                        table.Add(code, v, source.Id, data.IndicatorId[i]!, data.Period[i]!, data.Value[i], data.AreaType[i], "inherited");
                    }
                }
            }
        }

        return table.Build();
    }

    /// <summary>Appends a column's rows to a builder, mapping its ids to the builder's dictionary once per distinct string.</summary>
    private static void Append(StringColumnBuilder builder, StringColumn column)
    {
        var map = new int[column.Dictionary.Count];
        Array.Fill(map, -2);
        foreach (var id in column.Ids)
        {
            if (id < 0)
            {
                builder.AppendNull();
                continue;
            }

            if (map[id] == -2)
            {
                map[id] = builder.Dictionary.GetOrAdd(column.Dictionary[id]);
            }

            builder.AppendId(map[id]);
        }
    }

    /// <summary>Per id + 1 of a sex column (index 0: null), whether it is persons (no sex given, <c>Persons</c> or <c>All</c>).</summary>
    private static bool[] Persons(StringColumn sex)
    {
        var persons = new bool[sex.Dictionary.Count + 1];
        persons[0] = true;
        for (var id = 0; id < sex.Dictionary.Count; id++)
        {
            persons[id + 1] = sex.Dictionary[id] is "" or "Persons" or "persons" or "All";
        }

        return persons;
    }

    private static Dictionary<string, List<string>> Members(GeographyModel geography, int vintage)
    {
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in geography.Areas[vintage].Values)
        {
            foreach (var parent in new[] { row.MsoaCode, row.LadCode, row.CauthCode, row.RegionCode })
            {
                if (parent is null)
                {
                    continue;
                }

                if (!members.TryGetValue(parent, out var list))
                {
                    list = [];
                    members[parent] = list;
                }

                list.Add(row.LsoaCode);
            }
        }

        return members;
    }


    private static string MethodName(ConversionMethod method) => method switch
    {
        ConversionMethod.Direct => "direct",
        ConversionMethod.Split => "split",
        ConversionMethod.Merged => "merged",
        _ => "complex",
    };

    /// <summary>The columns of <c>lsoa_indicators</c> being filled, text by dictionary id.</summary>
    private sealed class LsoaIndicatorColumns
    {
        private readonly StringColumnBuilder _lsoa = new("lsoa_code", initialCapacity: 1 << 16);
        private readonly PrimitiveColumnBuilder<int> _vintage = new("lsoa_vintage", 1 << 16);
        private readonly StringColumnBuilder _source = new("source_id", initialCapacity: 1 << 16);
        private readonly StringColumnBuilder _indicator = new("indicator_id", initialCapacity: 1 << 16);
        private readonly StringColumnBuilder _period = new("period", initialCapacity: 1 << 16);
        private readonly PrimitiveColumnBuilder<double> _value = new("value", 1 << 16);
        private readonly StringColumnBuilder _inheritedFrom = new("inherited_from", initialCapacity: 1 << 16);
        private readonly StringColumnBuilder _method = new("method", initialCapacity: 1 << 16);

        public void Add(string code, int vintage, string source, string indicator, string period, double value, string? from, string how)
        {
            _lsoa.Append(code);
            _vintage.Append(vintage);
            _source.Append(source);
            _indicator.Append(indicator);
            _period.Append(period);
            _value.Append(double.IsNaN(value) ? null : value);
            _inheritedFrom.Append(from);
            _method.Append(how);
        }

        public Table Build() => new TableBuilder("lsoa_indicators")
            .Add(_lsoa.Build())
            .Add(_vintage.Build())
            .Add(_source.Build())
            .Add(_indicator.Build())
            .Add(_period.Build())
            .Add(_value.Build())
            .Add(_inheritedFrom.Build())
            .Add(_method.Build())
            .Build();
    }
}
