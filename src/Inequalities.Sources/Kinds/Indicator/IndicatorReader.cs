using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// Reads an indicator-kind (long or wide) or fingertips-kind source into long rows. Fingertips rows that break an area
/// down by a category (deprivation decile, ethnicity...) are skipped and counted.
/// </summary>
internal static class IndicatorReader
{
    private static readonly string[] AreaTypeNames = Enum.GetNames<AreaType>().Select(n => n.ToLowerInvariant()).ToArray();

    public static IndicatorData Read(SourceDefinition source, string path)
    {
        using var reader = SourceRecordReader.Open(source, path);
        var fingertips = source.Kind == SourceKind.Fingertips;
        var columns = new IndicatorColumns(64 * 1024);
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var defaultPeriod = columns.Period.IdOf(source.Options.Indicator.Period ?? source.Period ?? string.Empty);
        var sourceType = columns.Type.IdOf(source.Geography.ToString().ToLowerInvariant());
        var wide = source.Columns.Keys.Where(k => k.StartsWith("value.", StringComparison.Ordinal))
            .Select(f => (Field: f, Slot: reader.Slot(f), Id: columns.Id.IdOf(f["value.".Length..]), Name: columns.Name.IdOf(source.Column(f)!)))
            .ToArray();
        var (wideIds, wideNames, wideValues) = (new int[wide.Length], new int[wide.Length], new double[wide.Length]);
        var s = new Slots(reader, fingertips);
        var types = new AreaTypes(columns.Type);
        var slugs = new Dictionary<int, int>();
        while (reader.Read())
        {
            if (fingertips && s.CategoryType >= 0 && !reader.Span(s.CategoryType).IsEmpty)
            {
                const string key = "category breakdown rows";
                skipped[key] = skipped.GetValueOrDefault(key) + 1;
                continue;
            }

            var code = reader.CodeSpan(s.AreaCode, "area_code");
            var area = columns.Area.IdOf(code);
            var period = s.Period >= 0 ? Required(reader, columns.Period, s.Period, "period") : defaultPeriod;
            var type = fingertips ? types.Fingertips(reader.Span(s.AreaType), code) : types.Of(code, sourceType);
            var sex = Optional(reader, columns.Sex, s.Sex);
            var age = Optional(reader, columns.Age, s.Age);
            if (wide.Length > 0)
            {
                if (reader.Row == 1)
                {
                    // Room for every line's indicators up front (a national wide file is near a million long rows),
                    // rather than doubling the columns as they fill; 10% over the estimate for lines longer than the first.
                    columns.Reserve((int)Math.Min(reader.EstimatedRows * wide.Length * 11 / 10, 1 << 28));
                }

                // One row per indicator with a value, added together (they share the line's period, sex, age and area).
                var k = 0;
                for (var f = 0; f < wide.Length; f++)
                {
                    if (reader.Double(wide[f].Slot, wide[f].Field) is { } value)
                    {
                        wideIds[k] = wide[f].Id;
                        wideNames[k] = wide[f].Name;
                        wideValues[k++] = value;
                    }
                }

                columns.AddWide(wideIds.AsSpan(0, k), wideNames.AsSpan(0, k), wideValues.AsSpan(0, k), period, sex, age, area, type);
                continue;
            }

            int indicator, indicatorName;
            if (fingertips)
            {
                indicator = Required(reader, columns.Id, s.IndicatorId, "indicator_id");
                indicatorName = s.IndicatorName >= 0 && !reader.Span(s.IndicatorName).IsEmpty
                    ? columns.Name.IdOf(reader.Span(s.IndicatorName))
                    : columns.Name.IdOf(columns.Id[indicator]);
            }
            else
            {
                // The published label is the name; its snake_case form the id (worked out once per label).
                indicatorName = Required(reader, columns.Name, s.Indicator, "indicator");
                if (!slugs.TryGetValue(indicatorName, out indicator))
                {
                    indicator = columns.Id.IdOf(SourceParser.Slug(columns.Name[indicatorName]));
                    slugs[indicatorName] = indicator;
                }
            }

            columns.Add(
                indicator,
                indicatorName,
                period,
                sex,
                age,
                area,
                type,
                reader.Double(s.Value, "value") ?? double.NaN,
                reader.Double(s.Lower, s.LowerName) ?? double.NaN,
                reader.Double(s.Upper, s.UpperName) ?? double.NaN,
                reader.Double(s.Count, "count") ?? double.NaN,
                reader.Double(s.Denominator, "denominator") ?? double.NaN);
        }

        if (reader.Row == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
        }

        return columns.Build(source.Id, reader.ColumnsUsed, skipped);
    }

    private static int Required(SourceRecordReader reader, TextColumn dictionary, int slot, string canonical)
    {
        var span = reader.Span(slot);
        return span.IsEmpty ? throw reader.Error(canonical, "is empty; a value is required") : dictionary.IdOf(span);
    }

    private static int Optional(SourceRecordReader reader, TextColumn dictionary, int slot)
    {
        var span = reader.Span(slot);
        return span.IsEmpty ? -1 : dictionary.IdOf(span);
    }

    /// <summary>Area types as ids in the <c>area_type</c> dictionary, worked out once per code entity or published label.</summary>
    private sealed class AreaTypes(TextColumn dictionary)
    {
        private readonly int?[] _byType = new int?[AreaTypeNames.Length];
        private readonly Dictionary<string, int> _published = new(StringComparer.Ordinal);

        /// <summary>The type a GSS code's entity denotes, else the source's geography.</summary>
        public int Of(ReadOnlySpan<char> code, int fallback) =>
            GssCode.TypeOf(code) is { } type ? _byType[(int)type] ??= dictionary.IdOf(AreaTypeNames[(int)type]) : fallback;

        /// <summary>A Fingertips row's type: its code's, else the snake_case of the published area type, else <c>unknown</c>.</summary>
        public int Fingertips(ReadOnlySpan<char> published, ReadOnlySpan<char> code)
        {
            if (GssCode.TypeOf(code) is { } type)
            {
                return _byType[(int)type] ??= dictionary.IdOf(AreaTypeNames[(int)type]);
            }

            var lookup = _published.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(published, out var id))
            {
                id = dictionary.IdOf(published.IsEmpty ? "unknown" : SourceParser.Slug(published.ToString()));
                _published[published.ToString()] = id;
            }

            return id;
        }
    }

    private readonly struct Slots
    {
        public Slots(SourceRecordReader reader, bool fingertips)
        {
            AreaCode = reader.Slot("area_code");
            Period = reader.Slot("period");
            Sex = reader.Slot("sex");
            Age = reader.Slot("age");
            Value = reader.Slot("value");
            Count = reader.Slot("count");
            Denominator = reader.Slot("denominator");
            Indicator = reader.Slot("indicator");
            IndicatorId = reader.Slot("indicator_id");
            IndicatorName = reader.Slot("indicator_name");
            AreaType = reader.Slot("area_type");
            CategoryType = reader.Slot("category_type");
            LowerName = fingertips ? "lower_ci95" : "lower_ci";
            UpperName = fingertips ? "upper_ci95" : "upper_ci";
            Lower = reader.Slot(LowerName);
            Upper = reader.Slot(UpperName);
        }

        public int AreaCode { get; }

        public int Period { get; }

        public int Sex { get; }

        public int Age { get; }

        public int Value { get; }

        public int Count { get; }

        public int Denominator { get; }

        public int Indicator { get; }

        public int IndicatorId { get; }

        public int IndicatorName { get; }

        public int AreaType { get; }

        public int CategoryType { get; }

        public int Lower { get; }

        public int Upper { get; }

        public string LowerName { get; }

        public string UpperName { get; }
    }
}
