using System.Globalization;
using Inequalities.Core.Columnar;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>assets</c>: a register of organisations or places with a name, a category and a postcode or coordinates
/// (charities, CICs, co-operatives, a local directory), parsed into <see cref="AssetData"/>. A malformed row (no name,
/// a coordinate that is not a number or out of range, latitude without longitude, a bad LSOA code, a repeated id) is
/// collected as a <see cref="RejectedRow"/> with the source, row and reason, and the rest of the register is kept. A
/// row with nothing to place it with is kept: the lake counts it in <c>asset_rejects</c> as <c>no_postcode</c> (or
/// <c>dissolved</c>). A missing header is still an error for the whole source (the publisher changed the file).
/// Registers that repeat an id for linked entries (the Charity Commission gives a main charity and its linked
/// charities one registered number and numbers the linked ones from 1) map <c>linked_id</c>: a linked entry's id
/// becomes <c>&lt;asset_id&gt;-&lt;linked_id&gt;</c>, the main entry (linked id empty or 0) keeps <c>asset_id</c>.
/// A row without a <c>category</c> is classified by <see cref="AssetCategories.Classify"/> from its name, legal form,
/// sector, activity, structure and SIC code, else takes the entry's <c>category</c> option, else <c>other</c>. A
/// Companies House number comes from <c>company_number</c>, or from <c>registered_number</c> where <c>registrar</c>
/// says Companies House (Co-operatives UK's own layout).
/// </summary>
internal sealed partial class AssetsKind : ISourceKind
{
    private static readonly string[] InactiveStatuses = ["removed", "dissolved", "closed", "inactive", "liquidation", "ceased", "converted/closed", "struck off", "dead"];

    public string Name => "assets";

    public FieldRules Fields { get; } = new(
        ["name"],
        [
            "asset_id", "linked_id", "category", "postcode", "latitude", "longitude", "status", "removed", "address", "url", "lsoa_code", "company_type", "activity",
            "activity_code", "sic_code", "structure", "company_number", "registered_number", "registrar",
        ])
    {
        AtLeastOne = ("'postcode' or 'latitude' and 'longitude'", static k => k is "postcode" or "latitude"),
    };

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => Read(source, path);

    public static AssetData Read(SourceDefinition source, string path)
    {
        var filterField = source.Options.Assets.FilterField;
        var filterValue = source.Options.Assets.FilterValue;
        if ((filterField is null) != (filterValue is null))
        {
            throw new SourceDataException(source.Id, null, null, "options filter_field and filter_value go together; give both or neither");
        }

        using var reader = filterField is null ? SourceRecordReader.Open(source, path) : SourceRecordReader.Open(source, path, filterField);
        var filter = filterField is null ? -1 : reader.Slot(filterField);
        var slots = new Slots(reader);
        var defaultCategory = source.Options.Assets.Category is { } dc ? SourceParser.Slug(dc) : AssetCategories.Other;
        var columns = new Columns(defaultCategory);
        var rejected = new List<RejectedRow>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstRow = new Dictionary<int, long>();
        while (reader.Read())
        {
            if (filter >= 0 && !reader.Span(filter).Equals(filterValue, StringComparison.OrdinalIgnoreCase))
            {
                var key = $"{filterField} is not '{filterValue}'";
                skipped[key] = skipped.GetValueOrDefault(key) + 1;
                continue;
            }

            try
            {
                columns.Add(reader, slots, firstRow);
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

        return columns.Build(source.Id, reader.ColumnsUsed, rejected, skipped, source.Options.Assets.Register);
    }

    private readonly record struct Slots(int Id, int Linked, int Name, int Category, int Postcode, int Lat, int Lon, int Lsoa, int Status, int Removed, Classifiers Classify)
    {
        public Slots(SourceRecordReader reader)
            : this(
                reader.Slot("asset_id"), reader.Slot("linked_id"), reader.Slot("name"), reader.Slot("category"), reader.Slot("postcode"),
                reader.Slot("latitude"), reader.Slot("longitude"), reader.Slot("lsoa_code"), reader.Slot("status"), reader.Slot("removed"),
                new Classifiers(reader))
        {
        }
    }

    /// <summary>The fields a row's category and Companies House number come from.</summary>
    private readonly record struct Classifiers(int LegalForm, int Activity, int ActivityCode, int Structure, int Sic, int CompanyNumber, int RegisteredNumber, int Registrar)
    {
        public Classifiers(SourceRecordReader reader)
            : this(
                reader.Slot("company_type"), reader.Slot("activity"), reader.Slot("activity_code"), reader.Slot("structure"), reader.Slot("sic_code"),
                reader.Slot("company_number"), reader.Slot("registered_number"), reader.Slot("registrar"))
        {
        }

        public string? CompanyNumberOf(SourceRecordReader reader)
        {
            if (CompanyNumber >= 0 && CompanyNumbers.Normalise(reader.Span(CompanyNumber)) is { } number)
            {
                return number;
            }

            return RegisteredNumber >= 0 && Registrar >= 0 && reader.Span(Registrar).Contains("Companies House", StringComparison.OrdinalIgnoreCase)
                ? CompanyNumbers.Normalise(reader.Span(RegisteredNumber))
                : null;
        }
    }

    /// <summary>The usable rows, column by column; a row is appended only once every check has passed.</summary>
    private sealed class Columns(string defaultCategory)
    {
        private readonly ValueBuffer<long> _rows = new(1024);
        private readonly TextColumn _ids = new("asset_id", 1024);
        private readonly TextColumn _names = new("name", 1024);
        private readonly TextColumn _categories = new("category", 1024);
        private readonly TextColumn _postcodes = new("postcode", 1024);
        private readonly ValueBuffer<double> _longitudes = new(1024);
        private readonly ValueBuffer<double> _latitudes = new(1024);
        private readonly TextColumn _lsoas = new("lsoa_code", 1024);
        private readonly TextColumn _statuses = new("status", 1024);
        private readonly ValueBuffer<bool> _active = new(1024);
        private readonly TextColumn _companyNumbers = new("company_number", 1024);
        private readonly TextColumn _legalForms = new("company_type", 1024);
        private readonly Dictionary<string, int> _categorySlugs = new(StringComparer.Ordinal);

        public void Add(SourceRecordReader reader, Slots s, Dictionary<int, long> firstRow)
        {
            var name = reader.Span(s.Name);
            if (name.IsEmpty)
            {
                throw reader.Error("name", "is empty; every asset needs a name");
            }

            var assetId = AssetId(reader, s.Id, s.Linked);
            var y = s.Lat >= 0 ? reader.Double(s.Lat, "latitude") : null;
            var x = s.Lon >= 0 ? reader.Double(s.Lon, "longitude") : null;
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

            var lsoa = s.Lsoa >= 0 && !reader.Span(s.Lsoa).IsEmpty ? reader.CodeSpan(s.Lsoa, "lsoa_code", "E01", "W01") : default;
            var postcode = s.Postcode >= 0 ? reader.Span(s.Postcode) : default;
            var id = _ids.IdOf(assetId);
            if (firstRow.TryGetValue(id, out var first))
            {
                throw reader.Error("asset_id", $"'{assetId}' appears again (first at row {first}); each asset must have its own id");
            }

            firstRow[id] = reader.Row;
            var status = s.Status >= 0 ? reader.Span(s.Status) : default;
            var removed = s.Removed >= 0 ? reader.Span(s.Removed) : default;
            _rows.Add(reader.Row);
            _ids.AppendId(id);
            _names.Append(name);
            _categories.AppendId(s.Category >= 0 && !reader.Span(s.Category).IsEmpty ? Category(reader.Span(s.Category)) : Classified(reader, s.Classify, name));
            _postcodes.AppendOrNull(postcode);
            _longitudes.Add(point?.Longitude ?? double.NaN);
            _latitudes.Add(point?.Latitude ?? double.NaN);
            _lsoas.AppendOrNull(lsoa);
            _statuses.AppendOrNull(status);
            _active.Add(removed.IsEmpty && (status.IsEmpty || !IsInactive(status)));
            _companyNumbers.AppendOrNull(s.Classify.CompanyNumberOf(reader));
            reader.AppendText(_legalForms, s.Classify.LegalForm);
        }

        public AssetData Build(string sourceId, IReadOnlyDictionary<string, string> columnsUsed, List<RejectedRow> rejected, Dictionary<string, int> skipped, string? register) => new()
        {
            Register = register,
            CompanyNumbers = _companyNumbers.Build(),
            LegalForms = _legalForms.Build(),
            SourceId = sourceId,
            ColumnsUsed = columnsUsed,
            SourceRows = _rows.ToArray(),
            AssetIds = _ids.Build(),
            Names = _names.Build(),
            Categories = _categories.Build(),
            Postcodes = _postcodes.Build(),
            Longitudes = _longitudes.ToArray(),
            Latitudes = _latitudes.ToArray(),
            LsoaCodes = _lsoas.Build(),
            Statuses = _statuses.Build(),
            Active = _active.ToArray(),
            RejectedRows = rejected,
            Skipped = skipped,
        };

        /// <summary>The category the mapping gives the row (<see cref="AssetCategories.Classify"/>), else the entry's <c>category</c> option (or <c>other</c>).</summary>
        private int Classified(SourceRecordReader reader, Classifiers c, ReadOnlySpan<char> name)
        {
            var category = AssetCategories.Classify(name.ToString(), reader.Text(c.LegalForm), reader.Text(c.Activity), reader.Text(c.ActivityCode), reader.Text(c.Structure), reader.Text(c.Sic));
            return _categories.IdOf(category ?? defaultCategory);
        }

        /// <summary>The register's category as snake_case (worked out once per label), else the entry's <c>category</c> option.</summary>
        private int Category(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return _categories.IdOf(defaultCategory);
            }

            var lookup = _categorySlugs.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(text, out var id))
            {
                var slug = SourceParser.Slug(text.ToString());
                id = _categories.IdOf(slug.Length == 0 ? defaultCategory : slug);
                _categorySlugs[text.ToString()] = id;
            }

            return id;
        }

        private static bool IsInactive(ReadOnlySpan<char> status)
        {
            foreach (var inactive in InactiveStatuses)
            {
                if (status.StartsWith(inactive, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
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
}
