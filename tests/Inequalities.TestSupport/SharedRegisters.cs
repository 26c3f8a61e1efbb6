using Inequalities.TestSupport.Publishers;

namespace Inequalities.TestSupport;

/// <summary>One postcode of OS Code-Point Open, as the shared files give it.</summary>
/// <param name="Postcode">The postcode as written.</param>
/// <param name="Easting">British National Grid easting (metres).</param>
/// <param name="Northing">British National Grid northing (metres).</param>
/// <param name="District">Its <c>Admin_district_code</c>.</param>
public sealed record CodePointPostcode(string Postcode, double Easting, double Northing, string District);

/// <summary>
/// The real registers and postcodes of ../shared/data read test-side (Sep, whole rows, no production parser), for
/// tests that check the lake's asset tables against the files: Co-operatives UK 2023 and 2017, and OS Code-Point
/// Open's five area files with their column names from <c>Code-Point_Open_Column_Headers.csv</c>.
/// </summary>
public static class SharedRegisters
{
    /// <summary>The six LCR districts.</summary>
    public static readonly IReadOnlyList<string> LcrDistricts = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];

    private static readonly string[] Areas = ["l", "ch", "wa", "pr", "wn"];

    private static readonly Lazy<IReadOnlyList<string>> Headers = new(() =>
    {
        var lines = File.ReadAllLines(SharedData.DataFile("codepoint_open_2025_4/Code-Point_Open_Column_Headers.csv"));
        return lines[1].Split(',');
    });

    private static readonly Lazy<IReadOnlyDictionary<string, CodePointPostcode>> Postcodes = new(() =>
    {
        var result = new Dictionary<string, CodePointPostcode>(StringComparer.Ordinal);
        foreach (var area in Areas)
        {
            var table = SharedTable.Read($"codepoint_open_2025_4/{area}.csv.gz", hasHeader: false, header: [.. Headers.Value]);
            foreach (var row in table.Rows)
            {
                var postcode = row[table["Postcode"]];
                result[Key(postcode)] = new CodePointPostcode(
                    postcode,
                    double.Parse(row[table["Eastings"]], System.Globalization.CultureInfo.InvariantCulture),
                    double.Parse(row[table["Northings"]], System.Globalization.CultureInfo.InvariantCulture),
                    row[table["Admin_district_code"]]);
            }
        }

        return result;
    });

    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, string>>> Coops2023Rows = new(() => Rows("coopsuk_open_data_2023Q2_UK.csv"));
    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, string>>> Coops2017Rows = new(() => Rows("coopsuk_open_data_organisations_2017-06_UK.csv.gz"));

    /// <summary>The postcode areas of the shared Code-Point files.</summary>
    public static IReadOnlyList<string> CodePointAreas => Areas;

    /// <summary>The long column names of <c>Code-Point_Open_Column_Headers.csv</c> (its second line).</summary>
    public static IReadOnlyList<string> CodePointColumnNames => Headers.Value;

    /// <summary>Every postcode of the five shared Code-Point area files, keyed by <see cref="Key"/>.</summary>
    public static IReadOnlyDictionary<string, CodePointPostcode> CodePoint => Postcodes.Value;

    /// <summary>The Co-operatives UK 2023 file (Digital Commons standard layout) as rows of header to value.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Coops2023 => Coops2023Rows.Value;

    /// <summary>The Co-operatives UK 2017 organisations file (the publisher's headers) as rows of header to value.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Coops2017 => Coops2017Rows.Value;

    /// <summary>A postcode in upper case without spaces.</summary>
    /// <param name="postcode">The postcode as written.</param>
    public static string Key(string postcode) => postcode.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The Code-Point district of a postcode, or null when the shared files do not hold it.</summary>
    /// <param name="postcode">The postcode as written.</param>
    public static string? DistrictOf(string postcode) => CodePoint.TryGetValue(Key(postcode), out var p) ? p.District : null;

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string file)
    {
        var table = SharedTable.Read(file);
        return [.. table.Rows.Select(r => (IReadOnlyDictionary<string, string>)table.Header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i < r.Length ? r[x.i] : string.Empty, StringComparer.Ordinal))];
    }
}
