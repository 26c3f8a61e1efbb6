using System.Globalization;
using Inequalities.Core.Measures;
using Inequalities.TestSupport;
using Inequalities.Worker.Commands;

namespace Inequalities.Worker.Tests;

public sealed class SiiCommandTests
{
    [Fact]
    public async Task Invoke_LifeExpectancyExample_WritesLibraryResult()
    {
        using var temp = new TempDirectory();
        var input = SharedData.AnchorFile("sii_example_input_le_by_decile.csv");
        var output = Path.Combine(temp.Path, "sii.csv");
        var error = new StringWriter();
        var exit = await SiiCommand.Create().Parse(
        [
            "--input", input, "--output", output, "--quantile", "Decile", "--population", "Pop", "--value", "LifeExp",
            "--se", "SE", "--group", "Sex,GeoCode", "--rii", "--repetitions", "10000", "--confidence", "0.95,0.998", "--seed", "42",
        ]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error, Output = new StringWriter() });
        Assert.True(exit == 0, error.ToString());

        var lines = File.ReadAllLines(output);
        Assert.Equal(
            "Sex,GeoCode,sii,sii_lower95_0cl,sii_upper95_0cl,sii_lower99_8cl,sii_upper99_8cl,rii,rii_lower95_0cl,rii_upper95_0cl,rii_lower99_8cl,rii_upper99_8cl",
            lines[0]);

        // The library on the same rows and seed.
        var records = File.ReadAllLines(input).Skip(1).Select(l => l.Split(',')).Select(c =>
            new SiiRecord(c[0] + '\u001F' + c[1], D(c[2]), D(c[3]), D(c[5])) { StandardError = D(c[6]) }).ToList();
        var expected = Sii.Calculate(records, new SiiOptions { Rii = true, Repetitions = 10_000, Confidence = [0.95, 0.998], Seed = 42 });
        Assert.Equal(expected.Groups.Count, lines.Length - 1);
        for (var i = 0; i < expected.Groups.Count; i++)
        {
            var g = expected.Groups[i];
            var cells = lines[i + 1].Split(',');
            Assert.Equal(g.Group.Split('\u001F'), cells[..2]);
            double[] values = [g.Sii, g.SiiLimits[0].Lower, g.SiiLimits[0].Upper, g.SiiLimits[1].Lower, g.SiiLimits[1].Upper,
                g.Rii, g.RiiLimits[0].Lower, g.RiiLimits[0].Upper, g.RiiLimits[1].Lower, g.RiiLimits[1].Upper];
            Assert.Equal(values, cells[2..].Select(D));
        }

        Assert.DoesNotContain(lines, l => l.Contains("E06000053", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_MissingColumn_FailsNamingFileAndColumn()
    {
        using var temp = new TempDirectory();
        var input = SharedData.AnchorFile("sii_example_input_le_by_decile.csv");
        var error = new StringWriter();
        var exit = await SiiCommand.Create().Parse(
        [
            "--input", input, "--output", Path.Combine(temp.Path, "out.csv"), "--quantile", "Decile", "--population", "Population",
            "--value", "LifeExp", "--se", "SE",
        ]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error, Output = new StringWriter() });
        Assert.NotEqual(0, exit);
        Assert.Contains("sii_example_input_le_by_decile.csv", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("column 'Population' (from --population) not found", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_BadNumber_FailsNamingRowAndColumn()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "in.csv");
        File.WriteAllLines(input, ["q,pop,v,se", "1,100,70,1", "2,abc,71,1", "3,100,72,1", "4,100,73,1", "5,100,74,1"]);
        var error = new StringWriter();
        var exit = await SiiCommand.Create().Parse(
        [
            "--input", input, "--output", Path.Combine(temp.Path, "out.csv"), "--quantile", "q", "--population", "pop", "--value", "v", "--se", "se",
        ]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error, Output = new StringWriter() });
        Assert.NotEqual(0, exit);
        Assert.Contains("row 2, column 'pop': 'abc' is not a number", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_OneGroupIncomplete_WarnsNamingItAndWritesTheOthers()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "in.csv");
        var output = Path.Combine(temp.Path, "out.csv");

        // Area B's quantile 5 has no standard error (as a single-LSOA quantile in the lake's own table has none).
        File.WriteAllLines(input, ["area,q,pop,v,se", .. Rows("A", "1"), .. Rows("B", "1").Select(r => r.EndsWith(",5,100,74,1", StringComparison.Ordinal) ? r[..^1] : r)]);
        var (exit, stdout, stderr) = await Invoke("--input", input, "--output", output, "--quantile", "q", "--population", "pop", "--value", "v", "--se", "se", "--group", "area");

        Assert.True(exit == 0, stderr);
        Assert.Contains("sii: warning: group 'area=B' left out: quantile 5 has no standard error", stdout, StringComparison.Ordinal);
        Assert.Contains("1 incomplete group(s) left out", stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2, lines.Length);

        // Values 70..74 at equal populations rise by 1 per quantile: the fitted line rises 5 over the rank 0..1.
        var cells = lines[1].Split(',');
        Assert.Equal("A", cells[0]);
        Assert.Equal(5, D(cells[1]), 9);
    }

    [Fact]
    public async Task Invoke_EveryGroupIncomplete_FailsWithAClearMessage()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "in.csv");
        File.WriteAllLines(input, ["area,q,pop,v,se", .. Rows("A", string.Empty), .. Rows("B", string.Empty)]);
        var (exit, _, stderr) = await Invoke("--input", input, "--output", Path.Combine(temp.Path, "out.csv"), "--quantile", "q", "--population", "pop", "--value", "v", "--se", "se", "--group", "area");

        Assert.Equal(1, exit);
        Assert.Contains("no group is complete", stderr, StringComparison.Ordinal);
        Assert.Contains("group 'area=A' left out: quantiles 1, 2, 3, 4, 5 have no standard error", stderr, StringComparison.Ordinal);
        Assert.Contains("group 'area=B' left out", stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Rows(string area, string se) =>
        Enumerable.Range(1, 5).Select(q => $"{area},{q},100,{69 + q},{se}");

    private static async Task<(int Exit, string Stdout, string Stderr)> Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SiiCommand.Create().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error, Output = output });
        return (exit, output.ToString(), error.ToString());
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
