using Inequalities.Core.Columnar;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Kinds;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Tests.Kinds.SchoolPlaces;

/// <summary>
/// A toy kind added from outside the library, the worked example of docs/adding-a-source-kind.md: <c>school_places</c>,
/// a file of primary school places per LSOA, published by the lake as a table of its own (<c>school_places</c>:
/// lsoa_code, places). Everything about the kind is in this folder.
/// </summary>
internal sealed class SchoolPlacesKind : ISourceKind
{
    public string Name => "school_places";

    public FieldRules Fields { get; } = new(required: ["lsoa_code", "places"], allowed: ["school_name"]);

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context)
    {
        using var reader = SourceRecordReader.Open(source, path);
        var (codeSlot, placesSlot) = (reader.Slot("lsoa_code"), reader.Slot("places"));
        var codes = new StringColumnBuilder("lsoa_code");
        var places = new PrimitiveColumnBuilder<int>("places");
        while (reader.Read())
        {
            codes.Append(reader.CodeSpan(codeSlot, "lsoa_code", "E01"));
            var value = reader.Integer(placesSlot, "places") ?? throw reader.Error("places", "is empty; a number of places is required");
            places.Append(checked((int)value));
        }

        return new SchoolPlacesData { SourceId = source.Id, ColumnsUsed = reader.ColumnsUsed, Table = new Table("school_places", [codes.Build(), places.Build()]) };
    }
}

/// <summary>What the toy kind parses into: one table the lake publishes as it is.</summary>
internal sealed class SchoolPlacesData : ParsedSource
{
    public required Table Table { get; init; }

    public override long RowCount => Table.RowCount;

    public override IReadOnlyList<Table> Tables => [Table];
}
