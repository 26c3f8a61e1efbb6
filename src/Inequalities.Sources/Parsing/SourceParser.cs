using System.Globalization;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Parses a source's local copy into typed data, driven by its <c>columns:</c> map. Every problem is a
/// <see cref="SourceDataException"/> naming the source, row, column and what was expected.
/// </summary>
public static class SourceParser
{
    private static readonly string[] LsoaEntities = ["E01", "W01"];

    /// <summary>Parses a deprivation-kind source (an index at LSOA level).</summary>
    /// <param name="source">The catalogue entry (kind deprivation).</param>
    /// <param name="path">The local copy.</param>
    public static DeprivationData Deprivation(SourceDefinition source, string path)
    {
        RequireKind(source, SourceKind.Deprivation);
        using var reader = SourceRecordReader.Open(source, path);
        var domains = source.Columns.Keys
            .Where(k => k.Contains('.', StringComparison.Ordinal) && !k.StartsWith("population.", StringComparison.Ordinal))
            .Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var codes = new List<string>(33_000);
        var names = reader.Has("lsoa_name") ? new List<string?>(33_000) : null;
        var lads = reader.Has("lad_code") ? new List<string?>(33_000) : null;
        var ladNames = reader.Has("lad_name") ? new List<string?>(33_000) : null;
        var scores = domains.Select(d => reader.Has(d + ".score") ? new List<double>(33_000) : null).ToArray();
        var ranks = domains.Select(d => reader.Has(d + ".rank") ? new List<int>(33_000) : null).ToArray();
        var deciles = domains.Select(d => reader.Has(d + ".decile") ? new List<int>(33_000) : null).ToArray();
        var denominatorKeys = source.Columns.Keys.Where(k => k.StartsWith("population.", StringComparison.Ordinal)).ToArray();
        var denominators = denominatorKeys.Select(_ => new List<double>(33_000)).ToArray();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);

        var codeSlot = reader.Slot("lsoa_code");
        while (reader.Read())
        {
            var code = reader.Code(codeSlot, "lsoa_code", LsoaEntities);
            if (!seen.TryAdd(code, reader.Row))
            {
                throw reader.Error("lsoa_code", $"'{code}' appears again (first at row {seen[code]}); each LSOA must appear once");
            }

            codes.Add(code);
            names?.Add(reader.Text(reader.Slot("lsoa_name")));
            lads?.Add(reader.Text(reader.Slot("lad_code")));
            ladNames?.Add(reader.Text(reader.Slot("lad_name")));
            for (var d = 0; d < domains.Count; d++)
            {
                var domain = domains[d];
                scores[d]?.Add(reader.Double(reader.Slot(domain + ".score"), domain + ".score") ?? double.NaN);
                if (ranks[d] is { } r)
                {
                    var rank = reader.Integer(reader.Slot(domain + ".rank"), domain + ".rank") ?? 0;
                    if (rank < 0)
                    {
                        throw reader.Error(domain + ".rank", $"'{rank}' is not a rank (1 = most deprived)");
                    }

                    r.Add(checked((int)rank));
                }

                if (deciles[d] is { } dec)
                {
                    var decile = reader.Integer(reader.Slot(domain + ".decile"), domain + ".decile") ?? 0;
                    if (decile is < 0 or > 10)
                    {
                        throw reader.Error(domain + ".decile", $"'{decile}' is not a decile from 1 to 10");
                    }

                    dec.Add((int)decile);
                }
            }

            for (var p = 0; p < denominatorKeys.Length; p++)
            {
                denominators[p].Add(reader.Double(reader.Slot(denominatorKeys[p]), denominatorKeys[p]) ?? double.NaN);
            }
        }

        RequireRows(source, codes.Count);
        var n = codes.Count;
        for (var d = 0; d < domains.Count; d++)
        {
            if (ranks[d] is { } r && r.Any(x => x > n))
            {
                throw new SourceDataException(source.Id, r.FindIndex(x => x > n) + 1, $"'{domains[d]}.rank'", $"rank {r.Max()} is larger than the number of LSOAs in the file ({n})");
            }
        }

        return new DeprivationData
        {
            SourceId = source.Id,
            ColumnsUsed = reader.ColumnsUsed,
            IndexId = source.Options.IndexId ?? source.Id,
            Vintage = source.Vintage ?? throw new SourceDataException(source.Id, null, null, "a deprivation source needs 'vintage' (2011 or 2021) in the catalogue"),
            LsoaCodes = [.. codes],
            LsoaNames = names?.ToArray(),
            LadCodes = lads?.ToArray(),
            LadNames = ladNames?.ToArray(),
            Domains = domains.Select((d, i) => new DomainValues(d, scores[i]?.ToArray(), ranks[i]?.ToArray(), deciles[i]?.ToArray())).ToList(),
            Denominators = denominatorKeys.Select((k, i) => (k["population.".Length..], denominators[i].ToArray())).ToDictionary(t => t.Item1, t => t.Item2),
        };
    }

    /// <summary>Parses a lookup-kind source: every mapped code and name column, codes checked as GSS codes.</summary>
    /// <param name="source">The catalogue entry (kind lookup).</param>
    /// <param name="path">The local copy.</param>
    public static LookupData Lookup(SourceDefinition source, string path)
    {
        RequireKind(source, SourceKind.Lookup);
        using var reader = SourceRecordReader.Open(source, path);
        var fields = source.Columns.Keys.ToArray();
        var slots = fields.Select(reader.Slot).ToArray();
        var values = fields.Select(_ => new List<string?>(36_000)).ToArray();
        while (reader.Read())
        {
            for (var i = 0; i < fields.Length; i++)
            {
                var field = fields[i];
                if (field == "change_code")
                {
                    var change = reader.RequiredText(slots[i], field);
                    if (change is not ("U" or "S" or "M" or "X"))
                    {
                        throw reader.Error(field, $"'{change}' is not a change code (U unchanged, S split, M merged, X complex)");
                    }

                    values[i].Add(change);
                }
                else if (IsAreaCodeField(field))
                {
                    values[i].Add(reader.Span(slots[i]).IsEmpty ? null : reader.Code(slots[i], field));
                }
                else
                {
                    values[i].Add(reader.Text(slots[i]));
                }
            }
        }

        RequireRows(source, values[0].Count);
        return new LookupData
        {
            SourceId = source.Id,
            ColumnsUsed = reader.ColumnsUsed,
            Columns = fields.Select((f, i) => (f, values[i].ToArray())).ToDictionary(t => t.f, t => t.Item2, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Parses a population-kind source: wide (a <c>population.total</c> column and optional
    /// <c>population.age.&lt;band&gt;</c> columns) or long (<c>age</c> and <c>value</c> columns, summed per area).
    /// </summary>
    /// <param name="source">The catalogue entry (kind population).</param>
    /// <param name="path">The local copy.</param>
    public static PopulationData Population(SourceDefinition source, string path)
    {
        RequireKind(source, SourceKind.Population);
        using var reader = SourceRecordReader.Open(source, path);
        var codeSlot = reader.Slot("area_code");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new List<string>(36_000);
        var totals = new List<double>(36_000);
        var bandIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var bands = new List<List<double>>();
        var ageFields = source.Columns.Keys.Where(k => k.StartsWith("population.age.", StringComparison.Ordinal)).ToArray();
        foreach (var f in ageFields)
        {
            bandIndex[f["population.age.".Length..]] = bands.Count;
            bands.Add(new List<double>(36_000));
        }

        var wide = reader.Has("population.total");
        var named = source.Columns.Keys.Where(k => k.StartsWith("population.", StringComparison.Ordinal) && !ageFields.Contains(k) && k != "population.total").ToArray();
        var namedValues = named.Select(_ => new List<double>(36_000)).ToArray();
        var sexSlot = reader.Slot("sex");
        while (reader.Read())
        {
            var code = reader.Code(codeSlot, "area_code");
            if (wide)
            {
                if (sexSlot >= 0 && !IsPersons(reader.Span(sexSlot)))
                {
                    continue;
                }

                if (!index.TryAdd(code, codes.Count))
                {
                    throw reader.Error("area_code", $"'{code}' appears again (first at row {index[code] + 1}); each area must appear once");
                }

                codes.Add(code);
                totals.Add(reader.Double(reader.Slot("population.total"), "population.total") ?? throw reader.Error("population.total", "is empty; a population is required"));
                foreach (var f in ageFields)
                {
                    bands[bandIndex[f["population.age.".Length..]]].Add(reader.Double(reader.Slot(f), f) ?? 0);
                }

                for (var k = 0; k < named.Length; k++)
                {
                    namedValues[k].Add(reader.Double(reader.Slot(named[k]), named[k]) ?? double.NaN);
                }
            }
            else
            {
                var band = reader.RequiredText(reader.Slot("age"), "age");
                var value = reader.Double(reader.Slot("value"), "value") ?? throw reader.Error("value", "is empty; a population is required");
                if (!index.TryGetValue(code, out var area))
                {
                    area = codes.Count;
                    index[code] = area;
                    codes.Add(code);
                    totals.Add(0);
                    foreach (var b in bands)
                    {
                        b.Add(0);
                    }
                }

                if (!bandIndex.TryGetValue(band, out var bi))
                {
                    bi = bands.Count;
                    bandIndex[band] = bi;
                    var column = new List<double>(36_000);
                    column.AddRange(new double[codes.Count]);
                    bands.Add(column);
                }

                totals[area] += value;
                bands[bi][area] += value;
            }
        }

        RequireRows(source, codes.Count);
        return new PopulationData
        {
            SourceId = source.Id,
            ColumnsUsed = reader.ColumnsUsed,
            Vintage = source.Vintage,
            Period = source.Period,
            AreaCodes = [.. codes],
            Totals = [.. totals],
            AgeBands = bandIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(),
            ByAge = bands.Select(b => b.ToArray()).ToArray(),
            Denominators = wide
                ? named.Select((k, i) => (k["population.".Length..], namedValues[i].ToArray())).Append(("total", totals.ToArray())).ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal)
                : new Dictionary<string, double[]>(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Parses an indicator-kind (long or wide) or fingertips-kind source into long rows. Fingertips rows that break
    /// an area down by a category (deprivation decile, ethnicity...) are skipped and counted.
    /// </summary>
    /// <param name="source">The catalogue entry (kind indicator or fingertips).</param>
    /// <param name="path">The local copy.</param>
    public static IndicatorData Indicators(SourceDefinition source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Kind is not (SourceKind.Indicator or SourceKind.Fingertips))
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not indicator or fingertips.", nameof(source));
        }

        using var reader = SourceRecordReader.Open(source, path);
        var data = new IndicatorData { SourceId = source.Id, ColumnsUsed = reader.ColumnsUsed };
        var fingertips = source.Kind == SourceKind.Fingertips;
        var defaultPeriod = source.Options.Indicator.Period ?? source.Period ?? string.Empty;
        var areaType = source.Geography.ToString().ToLowerInvariant();
        var wideFields = source.Columns.Keys.Where(k => k.StartsWith("value.", StringComparison.Ordinal)).ToArray();
        var s = new Slots(reader, fingertips);
        while (reader.Read())
        {
            if (fingertips && s.CategoryType >= 0 && !reader.Span(s.CategoryType).IsEmpty)
            {
                var key = "category breakdown rows";
                data.Skipped[key] = data.Skipped.GetValueOrDefault(key) + 1;
                continue;
            }

            var code = reader.Code(s.AreaCode, "area_code");
            var period = s.Period >= 0 ? reader.RequiredText(s.Period, "period") : defaultPeriod;
            var type = fingertips
                ? FingertipsAreaType(reader.Span(s.AreaType), code)
                : (GssCode.TypeOf(code)?.ToString().ToLowerInvariant() ?? areaType);
            if (wideFields.Length > 0)
            {
                foreach (var field in wideFields)
                {
                    var value = reader.Double(reader.Slot(field), field);
                    if (value is null)
                    {
                        continue;
                    }

                    Add(data, field["value.".Length..], source.Column(field)!, period, reader.Text(s.Sex), reader.Text(s.Age), code, type, value.Value, double.NaN, double.NaN, double.NaN, double.NaN);
                }

                continue;
            }

            var id = fingertips ? reader.RequiredText(s.IndicatorId, "indicator_id") : Slug(reader.RequiredText(s.Indicator, "indicator"));
            var name = fingertips ? reader.Text(s.IndicatorName) ?? id : reader.RequiredText(s.Indicator, "indicator");
            Add(
                data,
                id,
                name,
                period,
                reader.Text(s.Sex),
                reader.Text(s.Age),
                code,
                type,
                reader.Double(s.Value, "value") ?? double.NaN,
                reader.Double(s.Lower, s.LowerName) ?? double.NaN,
                reader.Double(s.Upper, s.UpperName) ?? double.NaN,
                reader.Double(s.Count, "count") ?? double.NaN,
                reader.Double(s.Denominator, "denominator") ?? double.NaN);
        }

        if (reader.Row == 0)
        {
            RequireRows(source, 0);
        }

        return data;
    }

    /// <summary>A stable snake_case id for a published indicator label.</summary>
    /// <param name="label">The label, e.g. <c>Life expectancy</c>.</param>
    public static string Slug(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var sb = new System.Text.StringBuilder(label.Length);
        foreach (var c in label.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        return sb.ToString().TrimEnd('_');
    }

    private static void Add(IndicatorData data, string id, string name, string period, string? sex, string? age, string code, string type, double value, double lower, double upper, double count, double denominator)
    {
        data.IndicatorId.Add(id);
        data.IndicatorName.Add(name);
        data.Period.Add(period);
        data.Sex.Add(sex);
        data.Age.Add(age);
        data.AreaCode.Add(code);
        data.AreaType.Add(type);
        data.Value.Add(value);
        data.LowerCi.Add(lower);
        data.UpperCi.Add(upper);
        data.Count.Add(count);
        data.Denominator.Add(denominator);
    }

    private static string FingertipsAreaType(ReadOnlySpan<char> published, string code) =>
        GssCode.TypeOf(code)?.ToString().ToLowerInvariant() ?? (published.IsEmpty ? "unknown" : Slug(published.ToString()));

    private static readonly string[] AreaFamilies = ["oa", "lsoa", "msoa", "ward", "lad", "ltla", "utla", "cty", "cauth", "region", "rgn", "ctry", "country", "icb", "sicbl", "ccg", "pcon"];

    /// <summary>Whether a lookup field holds GSS area codes (classification codes such as <c>ruc21_code</c> do not).</summary>
    private static bool IsAreaCodeField(string field)
    {
        if (!field.EndsWith("_code", StringComparison.Ordinal))
        {
            return false;
        }

        var family = field[..^"_code".Length].TrimEnd("0123456789".ToCharArray());
        return AreaFamilies.Contains(family);
    }

    private static bool IsPersons(ReadOnlySpan<char> sex) =>
        sex.IsEmpty || sex.Equals("Persons", StringComparison.OrdinalIgnoreCase) || sex.Equals("All", StringComparison.OrdinalIgnoreCase) || sex.SequenceEqual("0");

    private static void RequireKind(SourceDefinition source, SourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Kind != kind)
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not {kind}.", nameof(source));
        }
    }

    private static void RequireRows(SourceDefinition source, int rows)
    {
        if (rows == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
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
