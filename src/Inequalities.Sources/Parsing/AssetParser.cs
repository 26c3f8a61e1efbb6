using System.Globalization;
using Inequalities.Core.Geography;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Parses an asset register (kind assets): any list of organisations or places with a name, a category and a
/// postcode or coordinates, read through the <c>columns:</c> map. A malformed row (no name, a coordinate that is not
/// a number or out of range, latitude without longitude, a bad LSOA code, a repeated id, nothing to place it with) is
/// collected as a <see cref="RejectedRow"/> with the source, row and reason, and the rest of the register is kept.
/// A missing header is still an error for the whole source (the publisher changed the file). Registers that repeat an
/// id for linked entries (the Charity Commission gives a main charity and its linked charities one registered number
/// and number the linked ones from 1) map <c>linked_id</c>: a linked entry's id becomes <c>&lt;asset_id&gt;-&lt;linked_id&gt;</c>,
/// the main entry (linked id empty or 0) keeps <c>asset_id</c>.
/// </summary>
public static class AssetParser
{
    private static readonly string[] InactiveStatuses = ["removed", "dissolved", "closed", "inactive", "liquidation", "ceased", "converted/closed", "struck off", "dead"];

    /// <summary>Parses the register.</summary>
    /// <param name="source">The catalogue entry (kind assets).</param>
    /// <param name="path">The local copy.</param>
    public static AssetData Parse(SourceDefinition source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Kind != SourceKind.Assets)
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not assets.", nameof(source));
        }

        var filterField = source.Options.Assets.FilterField;
        var filterValue = source.Options.Assets.FilterValue;
        if ((filterField is null) != (filterValue is null))
        {
            throw new SourceDataException(source.Id, null, null, "options filter_field and filter_value go together; give both or neither");
        }

        using var reader = filterField is null ? SourceRecordReader.Open(source, path) : SourceRecordReader.Open(source, path, filterField);
        var s = new
        {
            Id = reader.Slot("asset_id"),
            Linked = reader.Slot("linked_id"),
            Name = reader.Slot("name"),
            Category = reader.Slot("category"),
            Postcode = reader.Slot("postcode"),
            Lat = reader.Slot("latitude"),
            Lon = reader.Slot("longitude"),
            Lsoa = reader.Slot("lsoa_code"),
            Status = reader.Slot("status"),
            Removed = reader.Slot("removed"),
            Filter = filterField is null ? -1 : reader.Slot(filterField),
        };
        var defaultCategory = source.Options.Assets.Category is { } dc ? SourceParser.Slug(dc) : "uncategorised";
        var records = new List<AssetRecord>();
        var rejected = new List<RejectedRow>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (s.Filter >= 0 && !reader.Span(s.Filter).Equals(filterValue, StringComparison.OrdinalIgnoreCase))
            {
                var key = $"{filterField} is not '{filterValue}'";
                skipped[key] = skipped.GetValueOrDefault(key) + 1;
                continue;
            }

            try
            {
                var record = ReadRow(reader, (s.Id, s.Linked), s.Name, s.Category, s.Postcode, s.Lat, s.Lon, s.Lsoa, s.Status, s.Removed, defaultCategory);
                if (!ids.TryAdd(record.AssetId, reader.Row))
                {
                    throw reader.Error("asset_id", $"'{record.AssetId}' appears again (first at row {ids[record.AssetId]}); each asset must have its own id");
                }

                records.Add(record);
            }
            catch (SourceDataException ex)
            {
                rejected.Add(new RejectedRow(source.Id, reader.Row, ex.Column is null ? ex.Problem : $"column {ex.Column}: {ex.Problem}"));
            }
        }

        if (reader.Row == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
        }

        return new AssetData { SourceId = source.Id, ColumnsUsed = reader.ColumnsUsed, Records = records, Rejected = rejected, Skipped = skipped };
    }

    private static AssetRecord ReadRow(SourceRecordReader reader, (int Id, int Linked) id, int name, int category, int postcode, int lat, int lon, int lsoa, int status, int removed, string defaultCategory)
    {
        var assetName = reader.Text(name) ?? throw reader.Error("name", "is empty; every asset needs a name");
        var assetId = AssetId(reader, id.Id, id.Linked);
        var y = lat >= 0 ? reader.Double(lat, "latitude") : null;
        var x = lon >= 0 ? reader.Double(lon, "longitude") : null;
        GeoPoint? point = null;
        if (y is not null || x is not null)
        {
            if (y is null || x is null)
            {
                throw reader.RowError(y is null ? "has a longitude but no latitude; give both or neither" : "has a latitude but no longitude; give both or neither");
            }

            if (y.Value is >= -10 and <= 3 && x.Value is >= 49 and <= 61)
            {
                throw reader.RowError(string.Create(CultureInfo.InvariantCulture, $"latitude {y} and longitude {x} look swapped (the UK is at latitude 49 to 61, longitude -9 to 2)"));
            }

            var p = new GeoPoint(x.Value, y.Value);
            if (!p.IsValid)
            {
                throw reader.RowError(string.Create(CultureInfo.InvariantCulture, $"({y}, {x}) is not a WGS84 latitude and longitude in degrees"));
            }

            point = p;
        }

        string? lsoaCode = null;
        if (lsoa >= 0 && !reader.Span(lsoa).IsEmpty)
        {
            lsoaCode = reader.Code(lsoa, "lsoa_code", "E01", "W01");
        }

        var pc = postcode >= 0 ? reader.Text(postcode) : null;
        if (pc is null && point is null && lsoaCode is null)
        {
            throw reader.RowError("has no postcode, coordinates or LSOA code, so it cannot be placed");
        }

        var statusText = status >= 0 ? reader.Text(status) : null;
        var removedText = removed >= 0 ? reader.Text(removed) : null;
        var active = removedText is null && (statusText is null || !InactiveStatuses.Any(x => statusText.StartsWith(x, StringComparison.OrdinalIgnoreCase)));
        var cat = category >= 0 && reader.Text(category) is { } c ? SourceParser.Slug(c) : defaultCategory;
        return new AssetRecord
        {
            Row = reader.Row,
            AssetId = assetId,
            Name = assetName,
            Category = cat.Length == 0 ? defaultCategory : cat,
            Postcode = pc,
            Point = point,
            LsoaCode = lsoaCode,
            Status = statusText,
            Active = active,
        };
    }

    private static string AssetId(SourceRecordReader reader, int id, int linked)
    {
        var main = (id >= 0 ? reader.Text(id) : null) ?? string.Create(CultureInfo.InvariantCulture, $"row-{reader.Row}");
        if (linked < 0 || reader.Text(linked) is not { } text || text == "0")
        {
            return main;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            throw reader.Error("linked_id", $"'{text}' is not a linked number (a whole number, 0 for the main entry)");
        }

        return number == 0 ? main : string.Create(CultureInfo.InvariantCulture, $"{main}-{number}");
    }
}
