using System.Diagnostics;
using System.Globalization;
using Inequalities.TestSupport;

namespace Inequalities.Worker.Tests.Examples;

/// <summary>
/// The README's worked example, run exactly as documented: the gradient in years of potential life lost across
/// income deprivation deciles in Liverpool, from the lake, and the same numbers again from the exported quantile
/// table through the <c>sii</c> verb.
/// </summary>
public sealed class WorkedExampleTests : IDisposable
{
    private const string Only = "iod2019-file1,iod2019-file2,iod2019-file8-indicators,lookup-lsoa11-lsoa21,lookup-lad-cauth,population-mid2020-lsoa11";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task LiverpoolYpllAcrossIncomeDeciles_LakeGradientEqualsSiiVerbOnTheQuantileTable()
    {
        var lake = _temp.Combine("lake");
        string[] filters =
        [
            "--filter", "area_code=E08000012", "--filter", "indicator_id=years_of_potential_life_lost", "--filter", "basis=iod2019/income/national",
        ];

        await RunOk("refresh", "--config", Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"), "--lake", lake, "--only", Only);
        await RunOk(["export", "--lake", lake, "--table", "inequality_gradients", .. filters, "--filter", "method=quantile", "--output", _temp.Combine("gradient.csv")]);
        await RunOk(["export", "--lake", lake, "--table", "inequality_quantiles", .. filters, "--output", _temp.Combine("deciles.csv")]);
        await RunOk("sii", "--input", _temp.Combine("deciles.csv"), "--output", _temp.Combine("sii.csv"), "--quantile", "quantile", "--population", "population", "--value", "value", "--se", "se", "--rii", "--seed", "1");

        var gradient = ReadCsv(_temp.Combine("gradient.csv")).Single();
        var deciles = ReadCsv(_temp.Combine("deciles.csv"));
        var sii = ReadCsv(_temp.Combine("sii.csv")).Single();

        // Liverpool has LSOAs in every national income decile, most of them in decile 1.
        Assert.Equal(Enumerable.Range(1, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)), deciles.Select(d => d["quantile"]));
        Assert.True(Number(deciles[0], "lsoas") > Number(deciles[9], "lsoas"));

        // Years of potential life lost falls with income: the most deprived decile loses more, so the slope (from most
        // to least deprived) is negative and the absolute gap positive.
        Assert.True(Number(gradient, "sii") < 0);
        Assert.True(Number(gradient, "abs_gap") > 0);
        Assert.Equal(Number(deciles[0], "value") - Number(deciles[9], "value"), Number(gradient, "abs_gap"), 9);

        // The sii verb on the exported quantile table gives the lake's numbers (closed forms: no simulation noise).
        Assert.Equal(Number(gradient, "sii"), Number(sii, "sii"), 9);
        Assert.Equal(Number(gradient, "sii_lower"), Number(sii, "sii_lower95_0cl"), 9);
        Assert.Equal(Number(gradient, "sii_upper"), Number(sii, "sii_upper95_0cl"), 9);
        Assert.Equal(Number(gradient, "rii"), Number(sii, "rii"), 9);
        Assert.Equal(Number(gradient, "rii_lower"), Number(sii, "rii_lower95_0cl"), 6);
        Assert.Equal(Number(gradient, "rii_upper"), Number(sii, "rii_upper95_0cl"), 6);
    }

    private static double Number(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static async Task RunOk(params string[] args)
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
        Assert.True(process.ExitCode == 0, $"inequalities {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
    }
}
