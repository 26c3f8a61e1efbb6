using System.Text.RegularExpressions;
using Inequalities.Core.Columnar;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>lookup</c>: a geography lookup (LSOA to LSOA, MSOA, ward, district, combined authority, region), every mapped
/// code and name column, codes checked as GSS codes, parsed into <see cref="LookupData"/>.
/// </summary>
internal sealed partial class LookupKind : ISourceKind
{
    private static readonly string[] AreaFamilies = ["oa", "lsoa", "msoa", "ward", "lad", "ltla", "utla", "cty", "cauth", "region", "rgn", "ctry", "country", "icb", "sicbl", "ccg", "pcon"];

    public string Name => "lookup";

    public FieldRules Fields { get; } = new([], ["change_code"], [LookupField()])
    {
        AtLeastOne = ("two '<area>_code' fields", static _ => true),
        MinCodes = 2,
    };

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => Read(source, path);

    public static LookupData Read(SourceDefinition source, string path)
    {
        using var reader = SourceRecordReader.Open(source, path);
        var fields = source.Columns.Keys.ToArray();
        var slots = fields.Select(reader.Slot).ToArray();
        if (!reader.Read())
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
        }

        // Sized from the file once its first row is read (10% over the estimate; an LSOA's count when the format cannot
        // tell). One pool for every column: a lookup repeats its codes and names across vintages (most LSOAs are
        // unchanged), so it holds about two distinct values (a code and a name) per row.
        var rows = reader.EstimatedRows > 0 ? (int)Math.Min(reader.EstimatedRows * 11 / 10, 1 << 24) : 36_000;
        var pool = new TextPool(2 * rows);
        var columns = fields.Select(f => new TextColumn(f, rows, pool)).ToArray();
        var areaCodes = fields.Select(IsAreaCodeField).ToArray();
        var changeCodes = fields.Select(f => f == "change_code").ToArray();
        var peers = fields.Select((f, i) => Peer(fields, i) is var j and >= 0 ? columns[j] : null).ToArray();
        do
        {
            for (var i = 0; i < fields.Length; i++)
            {
                var field = fields[i];
                if (changeCodes[i])
                {
                    var change = reader.Span(slots[i]);
                    if (change.IsEmpty)
                    {
                        throw reader.Error(field, "is empty; a value is required");
                    }

                    if (change is not ("U" or "S" or "M" or "X"))
                    {
                        throw reader.Error(field, $"'{change}' is not a change code (U unchanged, S split, M merged, X complex)");
                    }

                    columns[i].Append(change);
                }
                else
                {
                    var text = reader.Span(slots[i]);
                    if (areaCodes[i] && !text.IsEmpty)
                    {
                        reader.CheckCode(text, field);
                    }

                    if (peers[i] is { } peer)
                    {
                        columns[i].AppendOrNull(text, peer);
                    }
                    else
                    {
                        columns[i].AppendOrNull(text);
                    }
                }
            }
        }
        while (reader.Read());

        return new LookupData
        {
            SourceId = source.Id,
            ColumnsUsed = reader.ColumnsUsed,
            Columns = fields.Select((f, i) => (f, columns[i].Build())).ToDictionary(t => t.f, t => t.Item2, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The field before <paramref name="index"/> nearest to it that holds the same sort of value (codes or names), whose
    /// value in the same row is compared first (an unchanged LSOA has the same 2021 code and name as in 2011); -1 for none.
    /// </summary>
    private static int Peer(string[] fields, int index)
    {
        var suffix = fields[index][fields[index].LastIndexOf('_')..];
        for (var j = index - 1; j >= 0; j--)
        {
            if (fields[j] != "change_code" && fields[j].EndsWith(suffix, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

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

    [GeneratedRegex("^[a-z][a-z0-9]*_(code|name)$")]
    private static partial Regex LookupField();
}
