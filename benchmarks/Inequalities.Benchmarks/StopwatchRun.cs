using System.Diagnostics;
using Inequalities.Core.Measures;

namespace Inequalities.Benchmarks;

/// <summary>Wall-clock timings of the fast SII path and of its parts.</summary>
internal static class StopwatchRun
{
    public static void Run()
    {
        var bench = new SiiBenchmark();
        bench.Setup();
        for (var round = 0; round < 3; round++)
        {
            Time("Fast (closed forms)", bench.Fast);
            Time("Simulated, all cores", bench.FastSimulated);
            Time("Simulated, one thread", bench.FastSimulatedSingleThread);
        }
    }

    private static void Time(string name, Func<double> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        Console.WriteLine($"{name,-40} {clock.Elapsed.TotalMilliseconds,10:F1} ms  ({result:G6})");
    }
}
