using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Build;
using Inequalities.Lake.Summaries;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Summaries;

/// <summary>One row of <c>lad_deprivation_summaries</c>, read back from the table.</summary>
public sealed record SummaryRow(
    string IndexId,
    string Domain,
    string LadCode,
    string? LadName,
    double? AverageRank,
    int? RankOfAverageRank,
    double? AverageScore,
    int? RankOfAverageScore,
    double? Proportion,
    int? RankOfProportion,
    double? Extent,
    int? RankOfExtent,
    double? LocalConcentration,
    int? RankOfLocalConcentration,
    int Lsoas,
    double? Population,
    string? PopulationSource);

/// <summary>
/// Parses the real IoD2019 Files 1, 2 and 6, the IoD2025 LSOA file, the LSOA21 to LAD24 lookup and the Census 2021
/// populations from ../shared/data (through tests/data-sources.shared.yml) once, and builds the summaries table.
/// </summary>
public sealed class SharedSummariesFixture
{
    private static readonly string[] SourceIds =
        ["iod2019-file1", "iod2019-file2", "iod2019-file6", "iod2025", "lookup-lsoa21-ward24-lad24", "population-census2021-lsoa21"];

    public SharedSummariesFixture()
    {
        Catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));
        var files = SourceIds.Select(id => (Catalogue[id], Catalogue[id].Location.LocalPath)).ToList();
        var parsed = ParsedSources.Parse(files, CancellationToken.None);
        var geography = GeographyModel.Build(parsed);
        (Table, Sources) = LadDeprivationSummaries.Build(geography, parsed);
        Rows = Read(Table);

        // The real IoD2025 File 7 carries the index's own LAD 2024 column; the shared subset does not. Rebuild it from
        // the best-fit lookup, except for the one LSOA the lookup puts elsewhere (see MovedLsoa), and summarise again.
        var lookup = parsed.Lookups.Single(l => l.SourceId == "lookup-lsoa21-ward24-lad24");
        var ladOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lookup.Rows; i++)
        {
            ladOf[lookup.Columns["lsoa21_code"][i]!] = lookup.Columns["lad24_code"][i]!;
        }

        var at = parsed.Deprivation.FindIndex(d => d.IndexId == "iod2025");
        var iod2025 = parsed.Deprivation[at];
        parsed.Deprivation[at] = new DeprivationData
        {
            SourceId = iod2025.SourceId,
            IndexId = iod2025.IndexId,
            Vintage = iod2025.Vintage,
            LsoaCodes = iod2025.LsoaCodes,
            LadCodes = Column.FromStrings("lad_code", iod2025.LsoaCodes.Select(c => c == MovedLsoa ? WestNorthamptonshire : ladOf[c!])),
            Domains = iod2025.Domains,
            Denominators = iod2025.Denominators,
        };
        OwnDistrictRows = Read(LadDeprivationSummaries.Build(GeographyModel.Build(parsed), parsed).Table);
    }

    /// <summary>
    /// E01027305, "West Northamptonshire 048E": the ONS best-fit lookup (through its 2024 ward) puts it in Cherwell,
    /// the IoD2025 (and its name) in West Northamptonshire. The only English LSOA21 whose name's district is another
    /// LAD24 than the lookup's.
    /// </summary>
    public const string MovedLsoa = "E01027305";

    public const string WestNorthamptonshire = "E06000062";

    public const string Cherwell = "E07000177";

    /// <summary>The rows built with IoD2025 districts as the index assigns them (see <see cref="MovedLsoa"/>).</summary>
    public IReadOnlyList<SummaryRow> OwnDistrictRows { get; }

    public SourceCatalogue Catalogue { get; }

    public Table Table { get; }

    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<SummaryRow> Rows { get; }

    public IEnumerable<SummaryRow> Of(string index, string domain) => Rows.Where(r => r.IndexId == index && r.Domain == domain);

    public SummaryRow Get(string index, string domain, string lad) => Rows.Single(r => r.IndexId == index && r.Domain == domain && r.LadCode == lad);

    /// <summary>A naive reader of a raw CSV (optionally gzipped, BOM, quoted fields): header name to values per row.</summary>
    public static List<Dictionary<string, string>> RawCsv(string file)
    {
        using var stream = File.OpenRead(SharedData.DataFile(file));
        using var unzipped = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(unzipped, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = Split(reader.ReadLine()!);
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            var fields = Split(line);
            rows.Add(header.Select((h, i) => (h, fields[i])).ToDictionary(t => t.h, t => t.Item2, StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>A number as a raw file writes it (thousands separators removed).</summary>
    public static double Number(string text) => double.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Split(string line) =>
        Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").Select(f => f.Trim('"')).ToArray();

    private static List<SummaryRow> Read(Table t)
    {
        var rows = new List<SummaryRow>(t.RowCount);
        var index = t.Strings("index_id");
        var domain = t.Strings("domain");
        var lad = t.Strings("lad_code");
        var name = t.Strings("lad_name");
        var source = t.Strings("population_source");
        PrimitiveColumn<double> D(string c) => t.Primitive<double>(c);
        PrimitiveColumn<int> I(string c) => t.Primitive<int>(c);
        for (var i = 0; i < t.RowCount; i++)
        {
            rows.Add(new SummaryRow(
                index[i]!,
                domain[i]!,
                lad[i]!,
                name[i],
                D("average_rank")[i],
                I("rank_of_average_rank")[i],
                D("average_score")[i],
                I("rank_of_average_score")[i],
                D("proportion_most_deprived_10pc")[i],
                I("rank_of_proportion_most_deprived_10pc")[i],
                D("extent")[i],
                I("rank_of_extent")[i],
                D("local_concentration")[i],
                I("rank_of_local_concentration")[i],
                I("lsoa_count")[i]!.Value,
                D("population")[i],
                source[i]));
        }

        return rows;
    }
}
