using System.Diagnostics;
using System.Globalization;

namespace Inequalities.Benchmarks;

/// <summary>
/// A quick timing of <see cref="ParquetBenchmark"/>'s write peers outside BenchmarkDotNet (for a shared, loaded machine):
/// each peer in its own process (<c>--stopwatch-parquet PEER [indicators]</c>) so the peak RSS is its own: the table is
/// built, then the peer runs 3 times unmeasured and 10 times measured. Printed: best wall, least process CPU
/// (user + system; every thread, native ones too), managed bytes allocated per write, the process's peak RSS and its
/// growth over the table's setup, and the file size.
/// </summary>
internal static class ParquetStopwatch
{
    public const string Mode = "--stopwatch-parquet";

    public static int Run(string[] args)
    {
        var bench = new ParquetBenchmark
        {
            Indicators = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : ParquetBenchmark.IndicatorCounts.First(),
        };
        bench.Prepare();
        Func<long> peer = args[0] switch
        {
            "duckdb" => bench.DuckDbCopy,
            "ours" => bench.WriteOurs,
            "parquet-net" => bench.WriteParquetNet,
            "parquetsharp-arrow" => bench.WriteParquetSharpArrow,
            _ => throw new ArgumentException($"Unknown peer '{args[0]}': duckdb, ours, parquet-net or parquetsharp-arrow."),
        };
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var setupPeak = process.PeakWorkingSet64;
        var setupNow = process.WorkingSet64;
        long size = 0;
        for (var i = 0; i < 3; i++)
        {
            size = peer();
        }

        var best = double.MaxValue;
        var cpu = double.MaxValue;
        var allocated = long.MaxValue;
        for (var i = 0; i < 10; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            peer();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - bytes);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - before).TotalMilliseconds);
        }

        process.Refresh();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{args[0],-20} {best,8:F0} ms wall {cpu,8:F0} ms CPU {allocated / 1e6,8:F1} MB allocated {process.PeakWorkingSet64 / 1e6,6:F0} MB peak RSS (+{(process.PeakWorkingSet64 - setupPeak) / 1e6:F0} over setup) {size / 1e6,6:F2} MB file"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{"",-20} working set after setup {setupNow / 1e6:F0} MB, now {process.WorkingSet64 / 1e6:F0} MB; Arrow's system pool peak {ParquetSharp.MemoryPool.SystemMemoryPool().MaxMemory / 1e6:F1} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-20} ParquetSharpNative.so resident: {NativeLibraryResident() / 1e3:F1} MB"));
        bench.Cleanup();
        return 0;
    }

    /// <summary>The resident kB of ParquetSharp's native library's mappings (Linux /proc/self/smaps), 0 elsewhere.</summary>
    private static long NativeLibraryResident()
    {
        if (!File.Exists("/proc/self/smaps"))
        {
            return 0;
        }

        long total = 0;
        var inLibrary = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-', StringComparison.Ordinal) && !line.EndsWith(" kB", StringComparison.Ordinal))
            {
                inLibrary = line.Contains("ParquetSharpNative", StringComparison.Ordinal);
            }
            else if (inLibrary && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += long.Parse(line.AsSpan(4, line.Length - 7).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
