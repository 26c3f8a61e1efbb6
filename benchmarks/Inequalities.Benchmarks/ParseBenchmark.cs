using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Kinds;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;
using CsvReader = global::CsvHelper.CsvReader;

namespace Inequalities.Benchmarks;

/// <summary>
/// Parsing the real national files in <c>../shared/data</c> (gzipped CSV), as <c>tests/data-sources.shared.yml</c>
/// describes them: IoD2019 File 2 (32,844 LSOAs × 23 columns), the IoD2019 File 8 underlying indicators (32,844 ×
/// 21 mapped wide columns), the LSOA 2011 → 2021 lookup (35,795 rows), the mid-2020 population by single year of age
/// (34,753 LSOAs × 94 columns) and Census 2021 population by 6 age bands (long, 214,032 rows). Three CSV readers read
/// the catalogue's columns into typed arrays (a string per code and name, a double for the rest): CsvHelper (the
/// Baseline), Sep and Sylvan; then the project's parser of the source's kind (Sep underneath, text dictionary-encoded,
/// every value checked), and DuckDB <c>read_csv_auto</c> into a table.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmark
{
    private SourceDefinition source = null!;
    private string path = null!;
    private DuckDBConnection duck = null!;

    /// <summary>The catalogue entry parsed.</summary>
    [Params("iod2019-file2", "iod2019-file8-indicators", "lookup-lsoa11-lsoa21", "population-mid2020-lsoa11", "population-census2021-lsoa21")]
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
    public long CsvHelperTypedArrays()
    {
        using var text = Open(path);
        using var csv = CsvReader.Create(text);
        var columns = new TypedColumns(source, csv.Headers.Select(Clean).ToList());
        while (csv.Read())
        {
            for (var c = 0; c < columns.Count; c++)
            {
                columns.Add(c, csv.GetString(columns.Index(c)));
            }
        }

        return columns.Rows;
    }

    [Benchmark]
    public long SepTypedArrays()
    {
        using var text = Open(path);
        using var csv = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        var columns = new TypedColumns(source, csv.Header.ColNames.Select(Clean).ToList());
        foreach (var row in csv)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var col = row[columns.Index(c)];
                if (columns.IsText(c))
                {
                    columns.Add(c, col.ToString());
                }
                else
                {
                    columns.Add(c, col.Span);
                }
            }
        }

        return columns.Rows;
    }

    [Benchmark]
    public long SylvanTypedArrays()
    {
        using var text = Open(path);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        var columns = new TypedColumns(source, Enumerable.Range(0, csv.FieldCount).Select(i => Clean(csv.GetName(i))).ToList());
        while (csv.Read())
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (columns.IsText(c))
                {
                    columns.Add(c, csv.GetString(columns.Index(c)));
                }
                else
                {
                    columns.Add(c, csv.GetFieldSpan(columns.Index(c)));
                }
            }
        }

        return columns.Rows;
    }

    [Benchmark]
    public long SourceKindParser() => SourceKinds.For(source).Parse(source, path, ParseContext.None).RowCount;

    [Benchmark]
    public long DuckDbReadCsv()
    {
        NationalData.Execute(duck, $"CREATE OR REPLACE TEMP TABLE parsed AS SELECT * FROM read_csv_auto('{path}')");
        return NationalData.Scalar(duck, "SELECT count(*) FROM parsed");
    }

    private static StreamReader Open(string path)
    {
        Stream file = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            file = new GZipStream(file, CompressionMode.Decompress);
        }

        return new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    private static string Clean(string header) => header.Trim().TrimStart('\uFEFF').Trim();

    /// <summary>The catalogue's columns as typed arrays: strings for codes, names and labels, doubles for the rest.</summary>
    private sealed class TypedColumns
    {
        private readonly int[] _index;
        private readonly List<string?>?[] _strings;
        private readonly List<double>?[] _numbers;

        public TypedColumns(SourceDefinition source, List<string> headers)
        {
            var mapped = source.Columns.Where(c => headers.Contains(c.Value)).ToArray();
            _index = mapped.Select(c => headers.IndexOf(c.Value)).ToArray();
            _strings = mapped.Select(c => IsTextField(c.Key) ? new List<string?>(40_000) : null).ToArray();
            _numbers = mapped.Select(c => IsTextField(c.Key) ? null : new List<double>(40_000)).ToArray();
        }

        public int Count => _index.Length;

        public long Rows => _strings.Where(s => s is not null).Select(s => s!.Count).Concat(_numbers.Where(n => n is not null).Select(n => n!.Count)).Max();

        public int Index(int column) => _index[column];

        public bool IsText(int column) => _strings[column] is not null;

        public void Add(int column, string field)
        {
            if (_strings[column] is { } strings)
            {
                strings.Add(field);
            }
            else
            {
                Add(column, field.AsSpan());
            }
        }

        public void Add(int column, ReadOnlySpan<char> field) =>
            _numbers[column]!.Add(double.TryParse(field, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) ? v : double.NaN);

        private static bool IsTextField(string canonical) => canonical.EndsWith("_code", StringComparison.Ordinal)
            || canonical.EndsWith("_name", StringComparison.Ordinal) || canonical is "change_code" or "age" or "indicator" or "sex" or "period";
    }
}
