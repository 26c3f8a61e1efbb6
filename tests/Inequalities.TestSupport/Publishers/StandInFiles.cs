using System.Globalization;
using Inequalities.Sources.Sample;

namespace Inequalities.TestSupport.Publishers;

/// <summary>
/// The publishers' files, rebuilt from ../shared/data under the publishers' own names (README.md in this folder lists
/// what each is made from). Built once per test run and kept in memory; nothing is copied into the repository.
/// </summary>
internal sealed partial class StandInFiles
{
    private static readonly Lazy<StandInFiles> Shared = new(() => new StandInFiles(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<StandInGeography> _geography = new(StandInGeography.Load);
    private readonly Lazy<Dictionary<string, CensusCounts>> _census = new(LoadCensus);

    private StandInFiles()
    {
        IoD2019File7 = new(BuildIoD2019File7);
        IoD2025File7 = new(BuildIoD2025File7);
        IoD2019File8 = new(BuildIoD2019File8);
        IoD2025File8 = new(BuildIoD2025File8);
        Lsoa11Lsoa21Lookup = new(BuildLsoa11Lsoa21);
        Oa21Lookup = new(BuildOa21Lookup);
        LadRegionLookup = new(BuildLadRegion);
        SapeMid2020 = new(BuildSapeMid2020);
        SapeLsoa21 = new(BuildSapeLsoa21);
        Onspd = new(BuildOnspd);
    }

    /// <summary>The one instance of this test run.</summary>
    public static StandInFiles Instance => Shared.Value;

    /// <summary>The national geography the files are built from.</summary>
    public StandInGeography Geography => _geography.Value;

    /// <summary>IoD2019 File 7 (CSV).</summary>
    public Lazy<byte[]> IoD2019File7 { get; }

    /// <summary>IoD2025 File 7 (CSV).</summary>
    public Lazy<byte[]> IoD2025File7 { get; }

    /// <summary>IoD2019 File 8, the underlying indicators (xlsx: Notes and six domain sheets).</summary>
    public Lazy<byte[]> IoD2019File8 { get; }

    /// <summary>IoD2025 File 8 (xlsx: Notes and seven domain sheets; the health sheet's values stand in from IoD2019).</summary>
    public Lazy<byte[]> IoD2025File8 { get; }

    /// <summary>The LSOA 2011 to 2021 to LAD 2022 lookup as the Hub exports it (CSV with BOM).</summary>
    public Lazy<byte[]> Lsoa11Lsoa21Lookup { get; }

    /// <summary>The OA 2021 to LSOA to MSOA to LAD (December 2021) lookup as the Hub exports it.</summary>
    public Lazy<byte[]> Oa21Lookup { get; }

    /// <summary>The LAD 2024 to region lookup as the Hub exports it.</summary>
    public Lazy<byte[]> LadRegionLookup { get; }

    /// <summary>SAPE23DT2 mid-2020 LSOA 2011 (xlsx).</summary>
    public Lazy<byte[]> SapeMid2020 { get; }

    /// <summary>The ONS Postcode Directory zip (LCR postcodes).</summary>
    public Lazy<byte[]> Onspd { get; }

    /// <summary>SAPE mid-2022 to mid-2024 on LSOA 2021 (xlsx).</summary>
    public Lazy<byte[]> SapeLsoa21 { get; }

    private static readonly string[] Domains2019 =
    [
        "Index of Multiple Deprivation (IMD)", "Income", "Employment", "Education, Skills and Training",
        "Health Deprivation and Disability", "Crime", "Barriers to Housing and Services", "Living Environment",
        "Income Deprivation Affecting Children Index (IDACI)", "Income Deprivation Affecting Older People (IDAOPI)",
    ];

    private static string ScoreHeader(string domain) => domain switch
    {
        "Income" or "Employment" or "Income Deprivation Affecting Children Index (IDACI)" or "Income Deprivation Affecting Older People (IDAOPI)" => domain + " Score (rate)",
        _ => domain + " Score",
    };

    private static string RankHeader(string domain) => domain + " Rank (where 1 is most deprived)";

    private static string DecileHeader(string domain) => domain + " Decile (where 1 is most deprived 10% of LSOAs)";

    private static string Plain(string number) => number.Replace(",", string.Empty, StringComparison.Ordinal);

    private byte[] BuildIoD2019File7()
    {
        // Files 1 and 2 give every rank and decile but IDACI/IDAOPI; File 6 the denominators; no file in shared has scores.
        var file2 = SharedTable.Read("File_2_-_IoD2019_Domains_of_Deprivation.csv.gz");
        var file6 = SharedTable.Read("File_6_-_IoD2019_Population_Denominators.csv.gz").By("LSOA code (2011)");
        var f6 = SharedTable.Read("File_6_-_IoD2019_Population_Denominators.csv.gz");
        string[] populations =
        [
            "Total population: mid 2015 (excluding prisoners)", "Dependent Children aged 0-15: mid 2015 (excluding prisoners)",
            "Population aged 16-59: mid 2015 (excluding prisoners)", "Older population aged 60 and over: mid 2015 (excluding prisoners)",
            "Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)",
        ];
        var header = new List<string> { "LSOA code (2011)", "LSOA name (2011)", "Local Authority District code (2019)", "Local Authority District name (2019)" };
        foreach (var domain in Domains2019)
        {
            header.AddRange([ScoreHeader(domain), RankHeader(domain), DecileHeader(domain)]);
        }

        header.AddRange(populations);
        var rows = file2.Rows.Select(r =>
        {
            var row = new List<string?> { r[0], r[1], r[2], r[3] };
            foreach (var domain in Domains2019)
            {
                var has = file2.Header.Contains(RankHeader(domain));
                row.AddRange([null, has ? Plain(r[file2[RankHeader(domain)]]) : null, has ? Plain(r[file2[DecileHeader(domain)]]) : null]);
            }

            var denominators = file6[r[0]];
            row.AddRange(populations.Select(p => Plain(denominators[f6[p]])));
            return (IReadOnlyList<string?>)row;
        });
        return CsvText.Write(header, rows);
    }

    private byte[] BuildIoD2025File7()
    {
        // The IMD package's renamed subset of File 7, renamed back (its data-raw/imd2025_england_lsoa21.R gives the map).
        var imd = SharedTable.Read("imd2025_england_lsoa21.csv.gz");
        var geography = Geography.Lsoa21.ToDictionary(l => l.Code, StringComparer.Ordinal);
        (string Prefix, string Domain)[] domains =
        [
            ("IMD", "Index of Multiple Deprivation (IMD)"), ("Income", "Income"), ("Employment", "Employment"),
            ("Education", "Education, Skills and Training"), ("Health", "Health Deprivation and Disability"), ("Crime", "Crime"),
            ("Housing_and_Services", "Barriers to Housing and Services"), ("Environment", "Living Environment"),
        ];
        var header = new List<string> { "LSOA code (2021)", "LSOA name (2021)", "Local Authority District code (2024)", "Local Authority District name (2024)" };
        foreach (var (_, domain) in domains)
        {
            header.AddRange([ScoreHeader(domain), RankHeader(domain), DecileHeader(domain)]);
        }

        header.AddRange(["Total population: mid 2022", "Dependent Children aged 0-15: mid 2022", "Older population aged 60 and over: mid 2022",
            "Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022"]);
        var census = _census.Value;
        var rows = imd.Rows.Select(r =>
        {
            var code = r[imd["lsoa21_code"]];
            var place = geography[code];
            var row = new List<string?> { code, place.Name, place.Lad24Code, place.Lad24Name };
            foreach (var (prefix, _) in domains)
            {
                row.AddRange([r[imd[prefix + "_score"]], r[imd[prefix + "_rank"]], r[imd[prefix + "_decile"]]]);
            }

            var c = census[code];
            row.AddRange([I(c.Total), I(c.Under16), I(c.Over64), I(c.Total - c.Under16 - c.Over64)]);
            return (IReadOnlyList<string?>)row;
        });
        return CsvText.Write(header, rows);
    }

    private byte[] BuildLsoa11Lsoa21()
    {
        // The Hub export of LSOA11_LSOA21_LAD22_EW_LU: the layer's own field names (F_LSOA11CD for the 2011 code).
        var lookup = SharedTable.Read("lookup_lsoa11_lsoa21_ltla22_EW.csv.gz");
        string[] header = ["F_LSOA11CD", "LSOA11NM", "CHGIND", "LSOA21CD", "LSOA21NM", "LAD22CD", "LAD22NM", "ObjectId"];
        var rows = lookup.Rows.Select((r, i) => (IReadOnlyList<string?>)
        [
            r[lookup["lsoa11_code"]], r[lookup["lsoa11_name"]], r[lookup["change_code"]], r[lookup["lsoa21_code"]],
            r[lookup["lsoa21_name"]], r[lookup["ltla22_code"]], r[lookup["ltla22_name"]], I(i + 1),
        ]);
        return CsvText.Write(header, rows, bom: true);
    }

    private byte[] BuildOa21Lookup()
    {
        // Output-area level: two synthetic output areas per LSOA (the shared data has no output areas).
        string[] header = ["OA21CD", "LSOA21CD", "LSOA21NM", "LSOA21NMW", "MSOA21CD", "MSOA21NM", "MSOA21NMW", "LAD22CD", "LAD22NM", "LAD22NMW", "ObjectId"];
        var rows = Geography.Lsoa21.SelectMany((l, i) => Enumerable.Range(0, 2).Select(k => (IReadOnlyList<string?>)
        [
            StandInGeography.OutputAreaCode(l.Code, (2 * i) + k + 1), l.Code, l.Name, null, l.MsoaCode, l.MsoaName, null,
            l.Lad22Code, l.Lad22Name, null, I((2 * i) + k + 1),
        ]));
        return CsvText.Write(header, rows, bom: true);
    }

    private byte[] BuildLadRegion()
    {
        var lookup = SharedTable.Read("lookup_ltla24_region24_EN.csv");
        string[] header = ["LAD24CD", "LAD24NM", "RGN24CD", "RGN24NM", "ObjectId"];
        var rows = lookup.Rows.Select((r, i) => (IReadOnlyList<string?>)
        [
            r[lookup["ltla24_code"]], r[lookup["ltla24_name"]], r[lookup["region24_code"]], r[lookup["region24_name"]], I(i + 1),
        ]);
        return CsvText.Write(header, rows, bom: true);
    }

    private byte[] BuildSapeMid2020()
    {
        // demographr's population20_lsoa11, renamed back (its data-raw/population20_lsoa11.R gives the map).
        var population = SharedTable.Read("population_mid2020_lsoa11_syoa_EW.csv.gz");
        var ages = Enumerable.Range(0, 90).Select(a => a.ToString(CultureInfo.InvariantCulture)).Append("90+").ToArray();
        string[] header = ["LSOA Code", "LSOA Name", "All Ages", .. ages];
        var rows = population.Rows.Select(r => (string?[])
        [
            r[population["lsoa11_code"]], r[population["lsoa11_name"]], r[population["total_population"]], .. ages.Select(a => r[population[a]]),
        ]);
        return XlsxWorkbook.Write(
        [
            new XlsxSheet("Mid-2020 Persons", "Mid-2020 Population Estimates for Lower Layer Super Output Areas in England and Wales by Single Year of Age and Sex", 5,
                header, rows.ToList(), header.Select((_, i) => i >= 2).ToList()),
        ]);
    }

    private byte[] BuildSapeLsoa21()
    {
        // Census 2021 usual residents stand in for every year's estimate (no mid-2022 to mid-2024 estimates in shared).
        var census = _census.Value;
        string[] header = ["LAD 2023 Code", "LAD 2023 Name", "LSOA 2021 Code", "LSOA 2021 Name", "Total"];
        var rows = Geography.Lsoa21.Select(l => (string?[]) [l.Lad24Code, l.Lad24Name, l.Code, l.Name, I(census[l.Code].Total)]).ToList();
        return XlsxWorkbook.Write(
        [
            .. new[] { 2022, 2023, 2024 }.Select(year => new XlsxSheet(
                string.Create(CultureInfo.InvariantCulture, $"Mid-{year} LSOA 2021"),
                string.Create(CultureInfo.InvariantCulture, $"Mid-{year} population estimates for Lower layer Super Output Areas (LSOA 2021) in England and Wales"),
                4, header, rows, [false, false, false, false, true])),
        ]);
    }

    private static Dictionary<string, CensusCounts> LoadCensus()
    {
        var census = SharedTable.Read("census2021_population_lsoa21_age6_EW.csv.gz");
        var code = census["Lower layer Super Output Areas Code"];
        var band = census["Age (6 categories)"];
        var value = census["Observation"];
        var counts = new Dictionary<string, CensusCounts>(StringComparer.Ordinal);
        foreach (var row in census.Rows)
        {
            var n = long.Parse(row[value], CultureInfo.InvariantCulture);
            var c = counts.GetValueOrDefault(row[code]) ?? new CensusCounts();
            c.Total += n;
            if (row[band] == "Aged 15 years and under")
            {
                c.Under16 += n;
            }
            else if (row[band] == "Aged 65 years and over")
            {
                c.Over64 += n;
            }

            counts[row[code]] = c;
        }

        return counts;
    }

    internal static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class CensusCounts
    {
        public long Total { get; set; }

        public long Under16 { get; set; }

        public long Over64 { get; set; }
    }
}
