using System.Globalization;
using Inequalities.Sources.Sample;

namespace Inequalities.TestSupport.Publishers;

/// <content>
/// File 8 of each index, the underlying indicators, as MHCLG publishes it: one workbook, a <c>Notes</c> sheet first,
/// then one sheet per domain with its header on row 1 (the LSOA code and name, the LAD code and name, then the domain's
/// indicators), one row per LSOA.
/// </content>
internal sealed partial class StandInFiles
{
    /// <summary>The IoD2019 health sheet's indicators (declared before the sheets that use them).</summary>
    private static readonly (string Header, string Shared)[] Health2019 =
    [
        ("Years of potential life lost indicator", "years_of_potential_life_lost_indicator"),
        ("Comparative illness and disability ratio indicator", "comparative_illness_and_disability_ratio_indicator"),
        ("Acute morbidity indicator", "acute_morbidity_indicator"),
        ("Mood and anxiety disorders indicator", "mood_and_anxiety_disorders_indicator"),
    ];

    /// <summary>The IoD2019 workbook's domain sheets and their indicators: the publisher's header, then the IMD R package's name for it in ../shared/data.</summary>
    private static readonly (string Sheet, (string Header, string Shared)[] Indicators)[] File8Sheets2019 =
    [
        ("IoD2019 Income Domain",
        [
            ("Income Domain numerator", "income_domain_numerator"),
            ("Income Deprivation Affecting Children Index (IDACI) numerator", "income_deprivation_affecting_children_index_idaci_numerator"),
            ("Income Deprivation Affecting Older People Index (IDAOPI) numerator", "income_deprivation_affecting_older_people_index_idaopi_numerator"),
        ]),
        ("IoD2019 Employment Domain", [("Employment Domain numerator", "employment_domain_numerator")]),
        ("IoD2019 Education Domain",
        [
            ("Staying on in education post 16 indicator", "staying_on_in_education_post_16_indicator"),
            ("Entry to higher education indicator", "entry_to_higher_education_indicator"),
            ("Adult skills and English language proficiency indicator", "adult_skills_and_english_language_proficiency_indicator"),
        ]),
        ("IoD2019 Health Domain", Health2019),
        ("IoD2019 Barriers Domain",
        [
            ("Road distance to a post office indicator (km)", "road_distance_to_a_post_office_indicator_km"),
            ("Road distance to a primary school indicator (km)", "road_distance_to_a_primary_school_indicator_km"),
            ("Road distance to general store or supermarket indicator (km)", "road_distance_to_general_store_or_supermarket_indicator_km"),
            ("Road distance to a GP surgery indicator (km)", "road_distance_to_a_gp_surgery_indicator_km"),
            ("Household overcrowding indicator", "household_overcrowding_indicator"),
            ("Homelessness indicator (rate per 1000 households)", "homelessness_indicator_rate_per_1000_households"),
            ("Owner-occupation affordability (component of housing affordability indicator)", "owner_occupation_affordability_component_of_housing_affordability_indicator"),
            ("Private rental affordability (component of housing affordability indicator)", "private_rental_affordability_component_of_housing_affordability_indicator"),
            ("Housing affordability indicator", "housing_affordability_indicator"),
        ]),
        ("IoD2019 Living Env Domain",
        [
            ("Housing in poor condition indicator", "housing_in_poor_condition_indicator"),
            ("Houses without central heating indicator", "houses_without_central_heating_indicator"),
            ("Road traffic accidents indicator", "road_traffic_accidents_indicator"),
            ("Nitrogen dioxide (component of air quality indicator)", "nitrogen_dioxide_component_of_air_quality_indicator"),
            ("Benzene (component of air quality indicator)", "benzene_component_of_air_quality_indicator"),
            ("Sulphur dioxide (component of air quality indicator)", "sulphur_dioxide_component_of_air_quality_indicator"),
            ("Particulates (component of air quality indicator)", "particulates_component_of_air_quality_indicator"),
            ("Air quality indicator", "air_quality_indicator"),
        ]),
    ];

    /// <summary>The IoD2025 workbook's domain sheets, in the publisher's order.</summary>
    private static readonly string[] File8Sheets2025 =
    [
        "IoD25 Income Domain", "IoD25 Employment Domain", "IoD25 Education Domain", "IoD25 Health Domain", "IoD25 Crime Domain",
        "IoD25 Barriers Domain", "IoD25 Living Env Domain",
    ];

    /// <summary>The IoD2025 health sheet's indicators (the publisher's order), each stood in for by the IoD2019 one named.</summary>
    private static readonly (string Header, string Shared)[] Health2025 =
    [
        ("Acute morbidity indicator", "acute_morbidity_indicator"),
        ("Comparative illness and disability ratio indicator", "comparative_illness_and_disability_ratio_indicator"),
        ("Mental health indicator", "mood_and_anxiety_disorders_indicator"),
        ("Years of potential life lost indicator", "years_of_potential_life_lost_indicator"),
    ];

    private static readonly string[] Identifiers2019 = ["LSOA code (2011)", "LSOA name (2011)", "Local Authority District code (2019)", "Local Authority District name (2019)"];

    private static readonly string[] Identifiers2025 = ["LSOA code (2021)", "LSOA name (2021)", "Local Authority District code (2024)", "Local Authority District name (2024)"];

    private byte[] BuildIoD2019File8()
    {
        // The IMD package's join of the six sheets (real, 32,844 LSOAs), split back into its sheets; names and LAD 2019 from File 2.
        var indicators = SharedTable.Read("imd2019_england_lsoa11_underlying_indicators.csv.gz");
        var file2 = SharedTable.Read("File_2_-_IoD2019_Domains_of_Deprivation.csv.gz").By("LSOA code (2011)");
        var sheets = new List<XlsxSheet> { Notes("English Indices of Deprivation 2019: File 8, underlying indicators") };
        foreach (var (sheet, columns) in File8Sheets2019)
        {
            var rows = indicators.Rows.Select(r =>
            {
                var code = r[indicators["lsoa11_code"]];
                var place = file2[code];
                return (string?[])[code, place[1], place[2], place[3], .. columns.Select(c => r[indicators[c.Shared]])];
            }).ToList();
            sheets.Add(DomainSheet(sheet, Identifiers2019, columns.Select(c => c.Header), rows));
        }

        return XlsxWorkbook.Write(sheets);
    }

    private byte[] BuildIoD2025File8()
    {
        // No IoD2025 File 8 in ../shared/data: its health sheet carries the IoD2019 values to the 2021 LSOAs (the mean of
        // each 2021 LSOA's 2011 parents in the ONS change lookup); the other domain sheets hold the LSOAs and no indicator.
        var carried = CarriedTo2021(SharedTable.Read("imd2019_england_lsoa11_underlying_indicators.csv.gz"), Health2025.Select(h => h.Shared).ToArray());
        var geography = Geography.Lsoa21.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var codes = SharedTable.Read("imd2025_england_lsoa21.csv.gz").Rows.Select(r => r[0]).ToList();
        var sheets = new List<XlsxSheet> { Notes("English Indices of Deprivation 2025: File 8, underlying indicators") };
        foreach (var sheet in File8Sheets2025)
        {
            var health = sheet == "IoD25 Health Domain";
            var rows = codes.Select(code =>
            {
                var place = geography[code];
                string?[] identifiers = [code, place.Name, place.Lad24Code, place.Lad24Name];
                return health ? [.. identifiers, .. carried[code].Select(v => v.ToString("R", CultureInfo.InvariantCulture))] : identifiers;
            }).ToList();
            sheets.Add(DomainSheet(sheet, Identifiers2025, health ? Health2025.Select(h => h.Header) : [], rows));
        }

        return XlsxWorkbook.Write(sheets);
    }

    /// <summary>Per LSOA 2021, the mean of its LSOA 2011 parents' values of each column (an unchanged or split LSOA keeps its parent's).</summary>
    private static Dictionary<string, double[]> CarriedTo2021(SharedTable indicators, string[] columns)
    {
        var byCode = indicators.By("lsoa11_code");
        var lookup = SharedTable.Read("lookup_lsoa11_lsoa21_ltla22_EW.csv.gz");
        var sums = new Dictionary<string, (double[] Sum, int Parents)>(StringComparer.Ordinal);
        foreach (var row in lookup.Rows)
        {
            if (!byCode.TryGetValue(row[lookup["lsoa11_code"]], out var parent))
            {
                continue;
            }

            var code = row[lookup["lsoa21_code"]];
            var (sum, parents) = sums.GetValueOrDefault(code, (new double[columns.Length], 0));
            for (var c = 0; c < columns.Length; c++)
            {
                sum[c] += double.Parse(parent[indicators[columns[c]]], CultureInfo.InvariantCulture);
            }

            sums[code] = (sum, parents + 1);
        }

        return sums.ToDictionary(s => s.Key, s => s.Value.Sum.Select(x => Math.Round(x / s.Value.Parents, 3)).ToArray(), StringComparer.Ordinal);
    }

    private static XlsxSheet Notes(string title) => new(
        "Notes", title, 3, ["Notes"],
        [["Stand-in built by the test publishers' simulator from ../shared/data (see tests/Inequalities.TestSupport/Publishers/README.md); not the publisher's notes."]],
        [false]);

    private static XlsxSheet DomainSheet(string name, string[] identifiers, IEnumerable<string> indicators, List<string?[]> rows)
    {
        string[] header = [.. identifiers, .. indicators];
        return new XlsxSheet(name, null, 1, header, rows, header.Select((_, i) => i >= identifiers.Length).ToList());
    }
}
