using System.Globalization;
using BenchmarkDotNet.Attributes;
using Inequalities.Core.Measures;

namespace Inequalities.Benchmarks;

/// <summary>
/// SII/RII confidence limits for the 722-group life-expectancy example (sex × local authority × decile) at
/// 100 000 repetitions. Baseline: the naive simulation (a fresh array per repetition, one sequential generator,
/// Box–Muller per draw, full sort). <see cref="Fast"/>: the default <see cref="Sii.Calculate"/> (exact closed forms:
/// normal SII quantiles and Fieller RII quantiles). <see cref="FastSimulated"/>: closed forms off, so SII and RII are
/// simulated from the bivariate normal (β0*, β1*) (two ziggurat normals per repetition, Floyd–Rivest selection,
/// parallel over groups with per-group seeded streams).
/// </summary>
[MemoryDiagnoser]
public class SiiBenchmark
{
    private const int Repetitions = 100_000;
    private List<SiiRecord> records = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(FindRepoRoot(), "..", "shared", "anchors", "phe-indicator-methods", "sii_example_input_le_by_decile.csv");
        records = File.ReadAllLines(path).Skip(1).Select(line => line.Split(',')).Select(c =>
            new SiiRecord(c[0] + "|" + c[1], Parse(c[2]), Parse(c[3]), Parse(c[5])) { StandardError = Parse(c[6]) }).ToList();
    }

    [Benchmark(Baseline = true)]
    public double NaiveSimulation()
    {
        var random = new Random(42);
        var checksum = 0.0;
        foreach (var group in records.GroupBy(r => r.Group))
        {
            var rows = group.OrderBy(r => r.Quantile).ToList();
            if (rows.Count != 10)
            {
                continue;
            }

            var total = rows.Sum(r => r.Population);
            var a = rows.Select(r => r.Population / total).ToArray();
            var b = new double[a.Length];
            var cumulative = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                b[i] = cumulative + a[i] / 2;
                cumulative += a[i];
            }

            var sii = new List<double>();
            var rii = new List<double>();
            for (var r = 0; r < Repetitions; r++)
            {
                var y = new double[rows.Count];
                for (var i = 0; i < y.Length; i++)
                {
                    var u1 = 1 - random.NextDouble();
                    var u2 = random.NextDouble();
                    y[i] = rows[i].Value + rows[i].StandardError * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                }

                var (b0, b1) = Fit(a, b, y);
                sii.Add(b1);
                rii.Add((b0 + b1) / b0);
            }

            sii.Sort();
            rii.Sort();
            checksum += sii[2499] + sii[97_499] + rii[2499] + rii[97_499];
        }

        return checksum;
    }

    [Benchmark]
    public double Fast()
    {
        var result = Sii.Calculate(records, new SiiOptions { Rii = true, Repetitions = Repetitions, Seed = 42 });
        return result.Groups.Sum(g => g.SiiLimits[0].Lower + g.RiiLimits[0].Upper);
    }

    [Benchmark]
    public double FastSimulated()
    {
        var result = Sii.Calculate(records, new SiiOptions { Rii = true, Repetitions = Repetitions, Seed = 42, ClosedFormWhereExact = false });
        return result.Groups.Sum(g => g.SiiLimits[0].Lower + g.RiiLimits[0].Upper);
    }

    [Benchmark]
    public double FastSimulatedSingleThread()
    {
        var result = Sii.Calculate(records, new SiiOptions
        {
            Rii = true, Repetitions = Repetitions, Seed = 42, ClosedFormWhereExact = false, MaxDegreeOfParallelism = 1,
        });
        return result.Groups.Sum(g => g.SiiLimits[0].Lower + g.RiiLimits[0].Upper);
    }

    private static (double B0, double B1) Fit(double[] a, double[] b, double[] y)
    {
        double s1 = 0, s2 = 0, sy = 0, sby = 0;
        for (var i = 0; i < a.Length; i++)
        {
            s1 += a[i] * b[i];
            s2 += a[i] * b[i] * b[i];
            sy += a[i] * y[i];
            sby += a[i] * b[i] * y[i];
        }

        var d = s2 - s1 * s1;
        return ((s2 * sy - s1 * sby) / d, (sby - s1 * sy) / d);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inequalities.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"Inequalities.sln not found above {AppContext.BaseDirectory}");
    }
}
