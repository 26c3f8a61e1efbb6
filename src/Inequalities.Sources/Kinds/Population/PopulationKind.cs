using System.Text.RegularExpressions;
using Inequalities.Core.Columnar;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>population</c>: population estimates by area, wide (a <c>population.total</c> column and optional
/// <c>population.age.&lt;band&gt;</c> columns, one row per area, persons only where the file has a <c>sex</c> column)
/// or long (<c>age</c> and <c>value</c> columns, summed per area), parsed into <see cref="PopulationData"/>.
/// </summary>
internal sealed partial class PopulationKind : ISourceKind
{
    public string Name => "population";

    public FieldRules Fields { get; } = new(
        ["area_code"],
        ["area_name", "lad_code", "lad_name", "population.total", "population.children", "population.age_16_59", "population.older", "population.working_age", "age", "value", "sex"],
        [PopulationAge()])
    {
        AtLeastOne = ("'population.total' or 'value'", static k => k is "population.total" or "value"),
    };

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => Read(source, path);

    public static PopulationData Read(SourceDefinition source, string path)
    {
        using var reader = SourceRecordReader.Open(source, path);
        var codeSlot = reader.Slot("area_code");
        var codes = new TextColumn("area_code", 36_000);
        var totals = new ValueBuffer<double>(36_000);
        var bandIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var bandLookup = bandIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        var bands = new List<ValueBuffer<double>>();
        var ageFields = source.Columns.Keys.Where(k => k.StartsWith("population.age.", StringComparison.Ordinal)).ToArray();
        var ageSlots = ageFields.Select(reader.Slot).ToArray();
        foreach (var f in ageFields)
        {
            bandIndex[f["population.age.".Length..]] = bands.Count;
            bands.Add(new ValueBuffer<double>(36_000));
        }

        var wide = reader.Has("population.total");
        var totalSlot = reader.Slot("population.total");
        var named = source.Columns.Keys.Where(k => k.StartsWith("population.", StringComparison.Ordinal) && !ageFields.Contains(k) && k != "population.total").ToArray();
        var namedSlots = named.Select(reader.Slot).ToArray();
        var namedValues = named.Select(_ => new ValueBuffer<double>(36_000)).ToArray();
        var (sexSlot, ageSlot, valueSlot) = (reader.Slot("sex"), reader.Slot("age"), reader.Slot("value"));
        while (reader.Read())
        {
            var code = reader.CodeSpan(codeSlot, "area_code");
            if (wide)
            {
                if (sexSlot >= 0 && !IsPersons(reader.Span(sexSlot)))
                {
                    continue;
                }

                var known = codes.DistinctCount;
                var id = codes.IdOf(code);
                if (id < known)
                {
                    // Areas are added in order and a repeat stops the parse, so code id i is area i.
                    throw reader.Error("area_code", $"'{code}' appears again (first at row {id + 1}); each area must appear once");
                }

                codes.AppendId(id);
                totals.Add(reader.Double(totalSlot, "population.total") ?? throw reader.Error("population.total", "is empty; a population is required"));
                for (var a = 0; a < ageFields.Length; a++)
                {
                    bands[a].Add(reader.Double(ageSlots[a], ageFields[a]) ?? 0);
                }

                for (var k = 0; k < named.Length; k++)
                {
                    namedValues[k].Add(reader.Double(namedSlots[k], named[k]) ?? double.NaN);
                }
            }
            else
            {
                var band = reader.Span(ageSlot);
                if (band.IsEmpty)
                {
                    throw reader.Error("age", "is empty; a value is required");
                }

                var value = reader.Double(valueSlot, "value") ?? throw reader.Error("value", "is empty; a population is required");
                var known = codes.DistinctCount;
                var area = codes.IdOf(code);
                if (area == known)
                {
                    codes.AppendId(area);
                    totals.Add(0);
                    foreach (var b in bands)
                    {
                        b.Add(0);
                    }
                }

                if (!bandLookup.TryGetValue(band, out var bi))
                {
                    bi = bands.Count;
                    bandIndex[band.ToString()] = bi;
                    var column = new ValueBuffer<double>(36_000);
                    for (var i = 0; i < codes.Count; i++)
                    {
                        column.Add(0);
                    }

                    bands.Add(column);
                }

                totals[area] += value;
                bands[bi][area] += value;
            }
        }

        if (codes.Count == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
        }

        var totalValues = totals.ToArray();
        return new PopulationData
        {
            SourceId = source.Id,
            ColumnsUsed = reader.ColumnsUsed,
            Vintage = source.Vintage,
            Period = source.Period,
            AreaCodes = codes.Build(),
            Totals = totalValues,
            AgeBands = bandIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(),
            ByAge = bands.Select(b => b.ToArray()).ToArray(),
            Denominators = wide
                ? named.Select((k, i) => (k["population.".Length..], namedValues[i].ToArray())).Append(("total", totalValues)).ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal)
                : new Dictionary<string, double[]>(StringComparer.Ordinal),
        };
    }

    private static bool IsPersons(ReadOnlySpan<char> sex) =>
        sex.IsEmpty || sex.Equals("Persons", StringComparison.OrdinalIgnoreCase) || sex.Equals("All", StringComparison.OrdinalIgnoreCase) || sex.SequenceEqual("0");

    [GeneratedRegex("^population\\.age\\.[a-z0-9_+]+$")]
    private static partial Regex PopulationAge();
}
