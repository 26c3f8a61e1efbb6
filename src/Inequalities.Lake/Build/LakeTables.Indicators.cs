using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Build;

/// <content>The indicator tables, assembled column by column from the parsed sources' columns (text by dictionary id).</content>
internal static partial class LakeTables
{
    /// <summary>
    /// One source's part of <c>indicators</c>: its text columns are the parsed columns themselves (renamed, not copied);
    /// its numbers are copied, NaN becoming null.
    /// </summary>
    public static Table Indicators(SourceDefinition source, IndicatorData data)
    {
        var rows = data.Rows;
        var sourceId = new StringColumnBuilder(IndicatorsColumns.SourceId, initialCapacity: rows);
        var id = sourceId.Dictionary.GetOrAdd(source.Id);
        for (var i = 0; i < rows; i++)
        {
            sourceId.AppendId(id);
        }

        var table = new TableBuilder(TableNames.Indicators).Add(sourceId.Build())
            .Add(data.IndicatorId.Rename(IndicatorsColumns.IndicatorId)).Add(data.IndicatorName.Rename(IndicatorsColumns.IndicatorName))
            .Add(data.Period.Rename(IndicatorsColumns.Period)).Add(data.Sex.Rename(IndicatorsColumns.Sex)).Add(data.Age.Rename(IndicatorsColumns.Age))
            .Add(data.AreaCode.Rename(IndicatorsColumns.AreaCode)).Add(data.AreaType.Rename(IndicatorsColumns.AreaType));
        foreach (var (name, values) in new[] { (IndicatorsColumns.Value, data.Value), (IndicatorsColumns.LowerCi, data.LowerCi), (IndicatorsColumns.UpperCi, data.UpperCi), (IndicatorsColumns.Count, data.Count), (IndicatorsColumns.Denominator, data.Denominator) })
        {
            var column = new PrimitiveColumnBuilder<double>(name, rows);
            foreach (var v in values.AsSpan(0, rows))
            {
                column.Append(double.IsNaN(v) ? null : v);
            }

            table.Add(column.Build());
        }

        return table.Build();
    }

    /// <summary><c>indicators</c>: every indicator value as published, at its own geography; the sources' columns appended in catalogue order.</summary>
    public static Table Indicators(IReadOnlyList<(SourceDefinition Source, IndicatorData Data)> sources)
    {
        var rows = sources.Sum(s => s.Data.Rows);
        var sourceId = new StringColumnBuilder(IndicatorsColumns.SourceId, initialCapacity: rows);
        string[] textNames = [IndicatorsColumns.IndicatorId, IndicatorsColumns.IndicatorName, IndicatorsColumns.Period, IndicatorsColumns.Sex, IndicatorsColumns.Age, IndicatorsColumns.AreaCode, IndicatorsColumns.AreaType];
        string[] numberNames = [IndicatorsColumns.Value, IndicatorsColumns.LowerCi, IndicatorsColumns.UpperCi, IndicatorsColumns.Count, IndicatorsColumns.Denominator];
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

        var table = new TableBuilder(TableNames.Indicators).Add(sourceId.Build());
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
    /// One source's part of <c>lsoa_indicators</c>: LSOA-level values at their own vintage (<c>direct</c>) and moved to the other vintage
    /// with the change codes (<c>direct</c> for unchanged LSOAs, <c>split</c>, <c>merged</c>, <c>complex</c>); values
    /// published for larger areas are attached to their LSOAs as <c>inherited</c> only where the source asks
    /// (option <c>inherit: true</c>), with <c>inherited_from</c> naming the area type.
    /// </summary>
    /// <param name="geography">The lake's geography.</param>
    /// <param name="bridges">The vintage bridges (<see cref="Bridges"/>).</param>
    /// <param name="members">Per vintage, the LSOAs of each larger area (filled when a source first inherits).</param>
    /// <param name="source">The source.</param>
    /// <param name="data">What it parsed.</param>
    /// <returns>The source's rows of the table, in the order the whole table has them (the table is the sources' parts in catalogue order).</returns>
    public static Table LsoaIndicators(
        GeographyModel geography, Dictionary<int, VintageBridge> bridges, Dictionary<int, (Dictionary<string, int[]> Members, List<string> Codes)> members,
        SourceDefinition source, IndicatorData data)
    {
        var counts = source.Options.Indicator.CountIndicators;
        var sourceVintage = source.Vintage is 2011 or 2021 ? source.Vintage.Value : 2021;
        var types = data.AreaType.Ids;
        var lsoaType = data.AreaType.Dictionary.TryGetId("lsoa", out var t) ? t : -2;
        var persons = Persons(data.Sex);
        var sex = data.Sex.Ids;
        var values = data.Value;
        var indicators = data.IndicatorId.Ids;
        var periods = data.Period.Ids;
        var areaCodes = data.AreaCode.Ids;

        // The rows are counted before the columns are made, so each column is allocated once at its size (a national
        // source has millions of rows here; growing by doubling left as much again as garbage).
        // LSOA values: direct, then converted. Grouped by indicator and period (and only persons / all ages rows),
        // each group's values aligned with the bridge's source areas.
        var hasBridge = bridges.TryGetValue(sourceVintage, out var bridge);
        var bridgeIndex = hasBridge ? BridgeIndex(bridge!, data.AreaCode) : null;
        var groups = new Dictionary<(int Indicator, int Period), double[]?>();
        var rowCount = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            if (types[i] != lsoaType || !persons[sex[i] + 1])
            {
                continue;
            }

            rowCount++;
            var key = (indicators[i], periods[i]);
            if (!groups.TryGetValue(key, out var aligned))
            {
                aligned = bridgeIndex is null ? null : new double[bridge!.Sources.Count];
                aligned?.AsSpan().Fill(double.NaN);
                groups[key] = aligned;
            }

            if (aligned is not null && areaCodes[i] >= 0 && bridgeIndex![areaCodes[i]] is var s and >= 0)
            {
                aligned[s] = values[i];
            }
        }

        var converted = new List<((int Indicator, int Period) Key, double[] Values)>();
        bool[]? english = null;
        if (groups.Count > 0 && hasBridge)
        {
            english = [.. bridge!.Targets.Select(code => code.StartsWith("E01", StringComparison.Ordinal))];
            foreach (var ((ind, per), aligned) in groups)
            {
                var moved = bridge.Convert(aligned, counts.Contains(data.IndicatorId.Dictionary[ind]) ? ValueKind.Count : ValueKind.Rate);
                converted.Add(((ind, per), moved));
                for (var c = 0; c < moved.Length; c++)
                {
                    rowCount += !double.IsNaN(moved[c]) && english[c] ? 1 : 0;
                }
            }
        }

        // Larger areas, only when asked: per vintage, the LSOAs of each of the source's area codes.
        var inheritedOf = new List<(int Vintage, List<string> Codes, int[]?[] LsoasOf)>();
        if (source.Options.Indicator.Inherit)
        {
            foreach (var v in GeographyModel.Vintages)
            {
                if (!members.TryGetValue(v, out var ofVintage))
                {
                    ofVintage = Members(geography, v);
                    members[v] = ofVintage;
                }

                var lsoasOf = new int[]?[data.AreaCode.Dictionary.Count];
                for (var id = 0; id < lsoasOf.Length; id++)
                {
                    lsoasOf[id] = ofVintage.Members.GetValueOrDefault(data.AreaCode.Dictionary[id]);
                }

                inheritedOf.Add((v, ofVintage.Codes, lsoasOf));
                for (var i = 0; i < data.Rows; i++)
                {
                    if (types[i] != lsoaType && persons[sex[i] + 1] && areaCodes[i] >= 0 && lsoasOf[areaCodes[i]] is { } lsoas)
                    {
                        rowCount += lsoas.Length;
                    }
                }
            }
        }

        // The rows. Text by id: each of the source's distinct strings is looked up in the table's dictionaries once.
        var table = new LsoaIndicatorColumns(rowCount);
        var sourceId = table.Source.Dictionary.GetOrAdd(source.Id);
        var codes = new IdMap(data.AreaCode, table.Lsoa);
        var indicatorIds = new IdMap(data.IndicatorId, table.Indicator);
        var periodIds = new IdMap(data.Period, table.Period);
        var direct = table.Method.Dictionary.GetOrAdd("direct");
        for (var i = 0; i < data.Rows; i++)
        {
            if (types[i] == lsoaType && persons[sex[i] + 1])
            {
                table.Add(codes[areaCodes[i]], sourceVintage, sourceId, indicatorIds[indicators[i]], periodIds[periods[i]], values[i], -1, direct);
            }
        }

        if (converted.Count > 0)
        {
            var targetVintage = sourceVintage == 2011 ? 2021 : 2011;
            var targets = new LazyIds(bridge!.Targets, table.Lsoa);
            var methods = bridge.Methods.Select(m => table.Method.Dictionary.GetOrAdd(MethodName(m))).ToArray();
            foreach (var ((ind, per), moved) in converted)
            {
                for (var c = 0; c < moved.Length; c++)
                {
                    if (!double.IsNaN(moved[c]) && english![c])
                    {
                        table.Add(targets[c], targetVintage, sourceId, indicatorIds[ind], periodIds[per], moved[c], -1, methods[c]);
                    }
                }
            }
        }

        if (inheritedOf.Count > 0)
        {
            var inherited = table.Method.Dictionary.GetOrAdd("inherited");
            var areaTypes = new IdMap(data.AreaType, table.InheritedFrom);
            foreach (var (v, lsoaCodes, lsoasOf) in inheritedOf)
            {
                var ids = new LazyIds(lsoaCodes, table.Lsoa);
                for (var i = 0; i < data.Rows; i++)
                {
                    if (types[i] == lsoaType || !persons[sex[i] + 1] || areaCodes[i] < 0 || lsoasOf[areaCodes[i]] is not { } lsoas)
                    {
                        continue;
                    }

                    foreach (var code in lsoas)
                    {
                        table.Add(ids[code], v, sourceId, indicatorIds[indicators[i]], periodIds[periods[i]], values[i], areaTypes[types[i]], inherited);
                    }
                }
            }
        }

        return table.Build();
    }

    /// <summary><c>lsoa_indicators</c> without rows (a catalogue without indicator sources).</summary>
    public static Table EmptyLsoaIndicators() => new LsoaIndicatorColumns(0).Build();

    /// <summary>Per id of a source's area-code column, its index among the bridge's source areas, or -1.</summary>
    private static int[] BridgeIndex(VintageBridge bridge, StringColumn areaCodes)
    {
        var index = new Dictionary<string, int>(bridge.Sources.Count, StringComparer.Ordinal);
        for (var s = 0; s < bridge.Sources.Count; s++)
        {
            index[bridge.Sources[s]] = s; // as a look-up by code would find it
        }

        var map = new int[areaCodes.Dictionary.Count];
        for (var id = 0; id < map.Length; id++)
        {
            map[id] = index.GetValueOrDefault(areaCodes.Dictionary[id], -1);
        }

        return map;
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

    /// <summary>
    /// Per parent area (MSOA, district, combined authority, region) of the vintage, its LSOAs as indices into the
    /// vintage's LSOA codes, and those codes.
    /// </summary>
    private static (Dictionary<string, int[]> Members, List<string> Codes) Members(GeographyModel geography, int vintage)
    {
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var codes = new List<string>();
        foreach (var row in geography.Areas[vintage].Values)
        {
            codes.Add(row.LsoaCode);
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

                list.Add(codes.Count - 1);
            }
        }

        return (members.ToDictionary(m => m.Key, m => m.Value.ToArray(), StringComparer.Ordinal), codes);
    }

    private static string MethodName(ConversionMethod method) => method switch
    {
        ConversionMethod.Direct => "direct",
        ConversionMethod.Split => "split",
        ConversionMethod.Merged => "merged",
        _ => "complex",
    };

    /// <summary>A source column's ids mapped to a builder's dictionary, each distinct string looked up once (-1 stays null).</summary>
    private readonly struct IdMap
    {
        private readonly int[] _map;
        private readonly StringColumn _column;
        private readonly StringColumnBuilder _builder;

        public IdMap(StringColumn column, StringColumnBuilder builder)
        {
            _map = new int[column.Dictionary.Count];
            Array.Fill(_map, -2);
            _column = column;
            _builder = builder;
        }

        public int this[int id] => id < 0 ? -1 : _map[id] >= 0 ? _map[id] : _map[id] = _builder.Dictionary.GetOrAdd(_column.Dictionary[id]);
    }

    /// <summary>Strings' ids in a builder's dictionary, each looked up (and added) when first used.</summary>
    private sealed class LazyIds(IReadOnlyList<string> values, StringColumnBuilder builder)
    {
        private readonly int[] _ids = Filled(values.Count);

        public int this[int index] => _ids[index] >= 0 ? _ids[index] : _ids[index] = builder.Dictionary.GetOrAdd(values[index]);

        private static int[] Filled(int count)
        {
            var ids = new int[count];
            Array.Fill(ids, -1);
            return ids;
        }
    }

    /// <summary>The columns of <c>lsoa_indicators</c> being filled, text by dictionary id.</summary>
    private sealed class LsoaIndicatorColumns(int rows)
    {
        private readonly PrimitiveColumnBuilder<int> _vintage = new(LsoaIndicatorsColumns.LsoaVintage, rows);
        private readonly PrimitiveColumnBuilder<double> _value = new(LsoaIndicatorsColumns.Value, rows);

        public StringColumnBuilder Lsoa { get; } = new(LsoaIndicatorsColumns.LsoaCode, initialCapacity: rows);

        public StringColumnBuilder Source { get; } = new(LsoaIndicatorsColumns.SourceId, initialCapacity: rows);

        public StringColumnBuilder Indicator { get; } = new(LsoaIndicatorsColumns.IndicatorId, initialCapacity: rows);

        public StringColumnBuilder Period { get; } = new(LsoaIndicatorsColumns.Period, initialCapacity: rows);

        public StringColumnBuilder InheritedFrom { get; } = new(LsoaIndicatorsColumns.InheritedFrom, initialCapacity: rows);

        public StringColumnBuilder Method { get; } = new(LsoaIndicatorsColumns.Method, initialCapacity: rows);

        /// <summary>Adds a row, text by id in each column's dictionary (-1: null).</summary>
        public void Add(int code, int vintage, int source, int indicator, int period, double value, int from, int how)
        {
            Lsoa.AppendId(code);
            _vintage.Append(vintage);
            Source.AppendId(source);
            Indicator.AppendId(indicator);
            Period.AppendId(period);
            _value.Append(double.IsNaN(value) ? null : value);
            InheritedFrom.AppendId(from);
            Method.AppendId(how);
        }

        public Table Build() => new TableBuilder(TableNames.LsoaIndicators)
            .Add(Lsoa.Build())
            .Add(_vintage.Build())
            .Add(Source.Build())
            .Add(Indicator.Build())
            .Add(Period.Build())
            .Add(_value.Build())
            .Add(InheritedFrom.Build())
            .Add(Method.Build())
            .Build();
    }
}
