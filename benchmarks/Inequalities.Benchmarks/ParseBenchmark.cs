using System.Globalization;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using CsvReader = global::CsvHelper.CsvReader;
using DuckDB.NET.Data;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Benchmarks;

/// <summary>
/// Parsing the real national files in <c>../shared/data</c> (gzipped CSV), as <c>tests/data-sources.shared.yml</c>
/// describes them: IoD2019 File 2 (32,844 LSOAs × 23 columns), the LSOA 2011 → 2021 lookup (35,795 rows) and the
/// mid-2020 population by single year of age (34,753 LSOAs × 94 columns). Peers: DuckDB <c>read_csv_auto</c> into
/// a table (Baseline), CsvHelper reading the catalogue's columns into typed arrays (strings for codes and names,
/// doubles for the rest), and the project's <see cref="SourceParser"/>.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmark
{
    private SourceDefinition source = null!;
    private string path = null!;
    private DuckDBConnection duck = null!;

    /// <summary>The catalogue entry parsed.</summary>
    [Params("iod2019-file2", "lookup-lsoa11-lsoa21", "population-mid2020-lsoa11")]
    public string Source { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(NationalData.RepoRoot(), "tests", "data-sources.shared.yml"));
        source = catalogue[Source];
        path = source.Location.LocalPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The shared data file for {Source} is missing (../shared/data beside the repository).", path);
        }

        duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
    }

    [GlobalCleanup]
    public void Cleanup() => duck.Dispose();

    [Benchmark(Baseline = true)]
    public long DuckDbReadCsv()
    {
        NationalData.Execute(duck, $"CREATE OR REPLACE TEMP TABLE parsed AS SELECT * FROM read_csv_auto('{path}')");
        return NationalData.Scalar(duck, "SELECT count(*) FROM parsed");
    }

    [Benchmark]
    public long CsvHelperTypedArrays()
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var csv = CsvReader.Create(gzip);
        var header = csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var columns = source.Columns.Select(c => (Canonical: c.Key, Index: header.IndexOf(c.Value))).ToArray();
        var strings = columns.Select(c => IsText(c.Canonical) ? new List<string?>(40_000) : null).ToArray();
        var numbers = columns.Select(c => IsText(c.Canonical) ? null : new List<double>(40_000)).ToArray();
        while (csv.Read())
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var field = csv.GetString(columns[c].Index);
                if (strings[c] is { } s)
                {
                    s.Add(field);
                }
                else
                {
                    numbers[c]!.Add(double.TryParse(field, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : double.NaN);
                }
            }
        }

        return strings.Where(s => s is not null).Select(s => s!.Count).Concat(numbers.Where(n => n is not null).Select(n => n!.Count)).Max();
    }

    [Benchmark]
    public long SourceParserTyped() => source.Kind switch
    {
        SourceKind.Deprivation => SourceParser.Deprivation(source, path).LsoaCodes.Length,
        SourceKind.Lookup => SourceParser.Lookup(source, path).Rows,
        SourceKind.Population => SourceParser.Population(source, path).AreaCodes.Length,
        _ => throw new InvalidOperationException($"No parse benchmark for kind {source.Kind}."),
    };

    private static bool IsText(string canonical) => canonical.EndsWith("_code", StringComparison.Ordinal)
        || canonical.EndsWith("_name", StringComparison.Ordinal) || canonical.StartsWith("change", StringComparison.Ordinal);
}
