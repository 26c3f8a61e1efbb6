using System.Diagnostics;
using System.Globalization;
using Inequalities.TestSupport;

namespace Inequalities.Worker.Tests.Examples;

/// <summary>The real-data lake of the README's worked example (the sources it needs, from ../shared/data), built once.</summary>
public sealed class WorkedExampleLake : IAsyncLifetime
{
    private const string Only = "iod2019-file1,iod2019-file2,iod2019-file8-indicators,iod2025,loneliness-lsoa21,lookup-lsoa11-lsoa21,"
        + "lookup-lsoa21-ward24-lad24,lookup-lad-cauth,population-mid2020-lsoa11,population-census2021-lsoa21";

    private readonly TempDirectory _temp = new();

    public string Lake => _temp.Combine("lake");

    public string Combine(string name) => _temp.Combine(name);

    public Task InitializeAsync() =>
        WorkedExampleTests.RunOk("refresh", "--config", Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"), "--lake", Lake, "--only", Only);

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The README's worked example, run exactly as documented: the gradient in years of potential life lost across
/// income deprivation deciles in Liverpool, from the lake, and the same numbers again from the exported quantile
/// table through the <c>sii</c> verb; every quantile-method gradient of Liverpool reproduced by the verb; the change
/// between IoD2019 and IoD2025.
/// </summary>
public sealed class WorkedExampleTests(WorkedExampleLake lake) : IClassFixture<WorkedExampleLake>
{
    private const string Liverpool = "E08000012";

    [Fact]
    public async Task LiverpoolYpllAcrossIncomeDeciles_LakeGradientEqualsSiiVerbOnTheQuantileTable()
    {
        string[] filters =
        [
            "--filter", "area_code=E08000012", "--filter", "indicator_id=years_of_potential_life_lost", "--filter", "basis=iod2019/income/national",
        ];

        await RunOk(["export", "--lake", lake.Lake, "--table", "inequality_gradients", .. filters, "--filter", "method=quantile", "--output", lake.Combine("gradient.csv")]);
        await RunOk(["export", "--lake", lake.Lake, "--table", "inequality_quantiles", .. filters, "--output", lake.Combine("deciles.csv")]);
        await RunOk("sii", "--input", lake.Combine("deciles.csv"), "--output", lake.Combine("sii.csv"), "--quantile", "quantile", "--population", "population", "--value", "value", "--se", "se", "--rii", "--seed", "1");

        var gradient = ReadCsv(lake.Combine("gradient.csv")).Single();
        var deciles = ReadCsv(lake.Combine("deciles.csv"));
        var sii = ReadCsv(lake.Combine("sii.csv")).Single();

        // Liverpool has LSOAs in every national income decile, most of them in decile 1.
        Assert.Equal(Enumerable.Range(1, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)), deciles.Select(d => d["quantile"]));
        Assert.True(Number(deciles[0], "lsoas") > Number(deciles[9], "lsoas"));

        // Years of potential life lost falls with income: the most deprived decile loses more, so the slope (from most
        // to least deprived) is negative and the absolute gap positive.
        Assert.True(Number(gradient, "sii") < 0);
        Assert.True(Number(gradient, "abs_gap") > 0);
        Assert.Equal(Number(deciles[0], "value") - Number(deciles[9], "value"), Number(gradient, "abs_gap"), 9);
        Assert.Equal("higher_in_more_deprived", gradient["direction"]);
        Assert.Equal("more_deprived", gradient["worse_in"]);

        // The sii verb on the exported quantile table gives the lake's numbers (closed forms: no simulation noise).
        Assert.Equal(Number(gradient, "sii"), Number(sii, "sii"), 9);
        Assert.Equal(Number(gradient, "sii_lower"), Number(sii, "sii_lower95_0cl"), 9);
        Assert.Equal(Number(gradient, "sii_upper"), Number(sii, "sii_upper95_0cl"), 9);
        Assert.Equal(Number(gradient, "rii"), Number(sii, "rii"), 9);
        Assert.Equal(Number(gradient, "rii_lower"), Number(sii, "rii_lower95_0cl"), 6);
        Assert.Equal(Number(gradient, "rii_upper"), Number(sii, "rii_upper95_0cl"), 6);
    }

    [Fact]
    public async Task Liverpool_EveryBasis_SiiVerbReproducesEveryQuantileGradientAndSkipsIncompleteGroups()
    {
        string[] groups = ["source_id", "indicator_id", "period", "area_code", "basis", "quantile_count"];
        await RunOk("export", "--lake", lake.Lake, "--table", "inequality_gradients", "--filter", "area_code=" + Liverpool, "--filter", "method=quantile", "--output", lake.Combine("liverpool-gradients.csv"));
        await RunOk("export", "--lake", lake.Lake, "--table", "inequality_quantiles", "--filter", "area_code=" + Liverpool, "--output", lake.Combine("liverpool-quantiles.csv"));

        // Hart (E07000089), among the least deprived districts, has no LSOA in England's most deprived IMD deciles:
        // its groups on that basis are incomplete, and the verb must leave them out and compute Liverpool's.
        await RunOk("export", "--lake", lake.Lake, "--table", "inequality_quantiles", "--filter", "area_code=E07000089", "--filter", "basis=iod2025/imd/national", "--output", lake.Combine("hart-quantiles.csv"));
        var input = lake.Combine("quantiles.csv");
        await File.WriteAllLinesAsync(input, [.. File.ReadAllLines(lake.Combine("liverpool-quantiles.csv")), .. File.ReadAllLines(lake.Combine("hart-quantiles.csv")).Skip(1)]);
        var stdout = await RunOk("sii", "--input", input, "--output", lake.Combine("verb.csv"), "--quantile", "quantile", "--population", "population", "--value", "value", "--se", "se", "--group", string.Join(',', groups), "--rii", "--seed", "1");

        var lakeRows = ReadCsv(lake.Combine("liverpool-gradients.csv"));
        var verbRows = ReadCsv(lake.Combine("verb.csv")).ToDictionary(r => string.Join('|', groups.Select(c => r[c])));
        Assert.Equal(25, lakeRows.Count);
        Assert.Contains("group 'source_id=iod2019-file8-indicators, indicator_id=years_of_potential_life_lost, period=2019, area_code=E07000089", stdout, StringComparison.Ordinal);
        Assert.Contains("left out: no row for quantiles 1", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(verbRows.Keys, k => k.Contains("E07000089", StringComparison.Ordinal));
        foreach (var row in lakeRows)
        {
            var verb = verbRows[string.Join('|', groups.Select(c => row[c]))];
            foreach (var (lakeColumn, verbColumn) in new[] { ("sii", "sii"), ("sii_lower", "sii_lower95_0cl"), ("sii_upper", "sii_upper95_0cl") })
            {
                Assert.InRange(Math.Abs(Number(row, lakeColumn) - Number(verb, verbColumn)), 0, 1e-6);
            }

            if (row["rii"].Length > 0)
            {
                Assert.InRange(Math.Abs(Number(row, "rii") - Number(verb, "rii")), 0, 1e-6);
            }
        }
    }

    [Fact]
    public async Task LiverpoolYpll_Iod2019ToIod2025OnLsoa2021_TheReadmeTrend()
    {
        await RunOk("export", "--lake", lake.Lake, "--table", "inequality_trends", "--filter", "area_code=" + Liverpool, "--filter", "indicator_id=years_of_potential_life_lost",
            "--filter", "comparison=basis", "--filter", "method=quantile", "--output", lake.Combine("trend.csv"));
        await RunOk("export", "--lake", lake.Lake, "--table", "inequality_gradients", "--filter", "area_code=" + Liverpool, "--filter", "indicator_id=years_of_potential_life_lost",
            "--filter", "method=quantile", "--output", lake.Combine("ypll.csv"));

        var trend = ReadCsv(lake.Combine("trend.csv")).Single();
        var gradients = ReadCsv(lake.Combine("ypll.csv")).ToDictionary(r => r["basis"]);
        var from = gradients["iod2019/imd/national/lsoa2021"];
        var to = gradients["iod2025/imd/national"];

        Assert.Equal("iod2019/imd/national/lsoa2021", trend["from_basis"]);
        Assert.Equal(Number(from, "sii"), Number(trend, "from_sii"), 12);
        Assert.Equal(Number(to, "sii") - Number(from, "sii"), Number(trend, "sii_change"), 12);
        var se = Math.Sqrt(Math.Pow(Number(from, "sii_se"), 2) + Math.Pow(Number(to, "sii_se"), 2));
        Assert.Equal(Number(trend, "sii_change") + (1.959963984540054 * se), Number(trend, "sii_change_upper"), 9);

        // The interval includes 0 on the real data: the README says "no clear change".
        Assert.Equal("no_clear_change", trend["trend"]);
    }

    [Fact]
    public async Task Export_NumberFilterWrittenAsWholeOrReal_KeepsTheSameRowsAndTextThatIsNoNumberExitsTwo()
    {
        string[] filters = ["--filter", "area_code=" + Liverpool, "--filter", "indicator_id=years_of_potential_life_lost", "--filter", "basis=iod2019/income/national"];

        await RunOk(["export", "--lake", lake.Lake, "--table", "inequality_quantiles", .. filters, "--filter", "quantile=1", "--output", lake.Combine("q1.csv")]);
        await RunOk(["export", "--lake", lake.Lake, "--table", "inequality_quantiles", .. filters, "--filter", "quantile=1.0", "--output", lake.Combine("q1-real.csv")]);
        var (code, stderr) = await Run(["export", "--lake", lake.Lake, "--table", "inequality_quantiles", .. filters, "--filter", "quantile=first", "--output", lake.Combine("q-bad.csv")]);

        var rows = ReadCsv(lake.Combine("q1.csv"));
        Assert.Equal("1", Assert.Single(rows)["quantile"]);
        Assert.Equal(File.ReadAllText(lake.Combine("q1.csv")), File.ReadAllText(lake.Combine("q1-real.csv")));
        Assert.Equal(2, code);
        Assert.Contains("Column 'quantile' of table 'inequality_quantiles' holds whole numbers (Int32); 'first' is not one.", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(lake.Combine("q-bad.csv")));
    }

    internal static async Task<string> RunOk(params string[] args)
    {
        var (code, output) = await Run(args);
        Assert.True(code == 0, $"inequalities {string.Join(' ', args)} exited {code}: {output}");
        return output;
    }

    /// <summary>Runs the verb: its exit code, and its stdout (with stderr before it when it failed).</summary>
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = SharedData.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WorkerBinary.Path);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? (0, await stdout) : (process.ExitCode, await stderr + await stdout);
    }

    private static double Number(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    /// <summary>CSV rows as column-to-text maps (with CsvHelper: the interpretation column holds quoted text).</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvHelper.CsvReader.Create(stream);
        var header = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, header.Length).ToDictionary(i => header[i], csv.GetString));
        }

        return rows;
    }
}
