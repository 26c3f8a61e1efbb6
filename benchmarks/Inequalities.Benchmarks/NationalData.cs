using System.Globalization;
using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;

namespace Inequalities.Benchmarks;

/// <summary>
/// A deterministic national-scale data set: 33,755 LSOAs (the 2021 count) in 296 districts with populations and
/// IMD deciles, and a long table of LSOA × indicator × period values (about 2% missing). Codes are strings as in the
/// lake (<c>E01000000</c>...), each table with its own dictionary, so a join really maps codes.
/// </summary>
internal sealed class NationalData
{
    public const int Lsoas = 33_755;
    public const int Districts = 296;
    public const int Periods = 5;

    public NationalData(int indicators)
    {
        Indicators = indicators;
        var random = new Random(20_250_101);
        var codes = new string[Lsoas];
        var lad = new string[Lsoas];
        var population = new double[Lsoas];
        var decile = new int[Lsoas];
        for (var i = 0; i < Lsoas; i++)
        {
            codes[i] = "E0100" + i.ToString("D4", CultureInfo.InvariantCulture);
            lad[i] = "E0800" + (i * Districts / Lsoas).ToString("D4", CultureInfo.InvariantCulture);
            population[i] = 1000 + random.Next(0, 2500);
            decile[i] = 1 + random.Next(10);
        }

        Areas = new TableBuilder("areas")
            .Add("lsoa_code", codes).Add("lad_code", lad).Add<double>("population", population).Build();
        Deprivation = new TableBuilder("deprivation")
            .Add("lsoa_code", codes.Reverse()).Add<int>("decile", decile.Reverse().ToArray()).Build();

        var rows = Lsoas * indicators * Periods;
        var lsoa = new StringColumnBuilder("lsoa_code", initialCapacity: rows);
        var indicator = new StringColumnBuilder("indicator_id", initialCapacity: rows);
        var period = new StringColumnBuilder("period", initialCapacity: rows);
        var value = new PrimitiveColumnBuilder<double>("value", rows);
        var indicatorNames = Enumerable.Range(0, indicators).Select(k => "indicator_" + k.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        var periodNames = Enumerable.Range(2019, Periods).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();
        for (var k = 0; k < indicators; k++)
        {
            for (var p = 0; p < Periods; p++)
            {
                for (var i = 0; i < Lsoas; i++)
                {
                    lsoa.Append(codes[i]);
                    indicator.Append(indicatorNames[k]);
                    period.Append(periodNames[p]);
                    if (random.Next(50) == 0)
                    {
                        value.AppendNull();
                    }
                    else
                    {
                        value.Append(10 + k + (decile[i] * 2.5) + (random.NextDouble() * 20));
                    }
                }
            }
        }

        Long = new Table("lsoa_indicators", [lsoa.Build(), indicator.Build(), period.Build(), value.Build()]);
    }

    public int Indicators { get; }

    /// <summary>True under <c>BENCH_ENV=ci</c>: benchmarks use small parameters.</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("BENCH_ENV") == "ci";

    public Table Areas { get; }

    public Table Deprivation { get; }

    public Table Long { get; }

    /// <summary>Opens an in-memory DuckDB holding the three tables (loaded from Parquet files our writer made).</summary>
    public DuckDBConnection OpenDuckDb(string folder)
    {
        Directory.CreateDirectory(folder);
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var table in new[] { Areas, Deprivation, Long })
        {
            var path = Path.Combine(folder, table.Name + ".parquet");
            if (!File.Exists(path))
            {
                using var stream = File.Create(path);
                ParquetTableWriter.WriteAsync(table, stream).GetAwaiter().GetResult();
            }

            Execute(connection, $"CREATE TABLE {table.Name} AS SELECT * FROM read_parquet('{path}')");
        }

        return connection;
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inequalities.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"Inequalities.sln not found above {AppContext.BaseDirectory}");
    }

    public static string ScratchFolder(string name) => Path.Combine(Path.GetTempPath(), "inequalities-bench", name);
}
