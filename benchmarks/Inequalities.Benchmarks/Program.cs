using BenchmarkDotNet.Running;
using Inequalities.Benchmarks;

if (args.Length > 0 && args[0] == DuckDbParseWrite.Mode)
{
    // The DuckDB baseline of benchmarks/refresh.sh: parse the refresh's files and write them as Parquet.
    Environment.ExitCode = DuckDbParseWrite.Run(args[1..]);
    return;
}

if (args.Length > 1 && args[0] == ParquetStopwatch.Mode)
{
    // One write peer of ParquetBenchmark in this process, timed by stopwatch (see ParquetStopwatch).
    Environment.ExitCode = ParquetStopwatch.Run(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "--stopwatch")
{
    // Quick wall-clock check outside BenchmarkDotNet (used when a full run is too slow on a shared machine).
    StopwatchRun.Run();
    return;
}

if (args.Length > 0 && args[0] == "--stopwatch-join")
{
    // One timed pass of each join-and-group peer (a quick check before a BenchmarkDotNet run).
    var bench = new JoinGroupBenchmark { Indicators = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100 };
    bench.Setup();
    foreach (var (name, action) in new (string, Func<long>)[]
    {
        ("DuckDb", bench.DuckDb), ("CoreDenseGroups", bench.CoreDenseGroups), ("CoreJoinGroupBy", bench.CoreJoinGroupBy),
        ("DuckDb", bench.DuckDb), ("CoreDenseGroups", bench.CoreDenseGroups), ("DataFrameMergeGroupBy", bench.DataFrameMergeGroupBy),
    })
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = action();
        Console.WriteLine($"{name,-24} {clock.Elapsed.TotalMilliseconds,10:F0} ms  {result} groups");
    }

    bench.Cleanup();
    return;
}

if (args.Length > 2 && args[0] == "--loop-parse")
{
    // The project's parser of one source, in a loop (for a profiler: dotnet-trace collect -- ... --loop-parse ID N).
    var looped = new ParseBenchmark { Source = args[1] };
    looped.Setup();
    for (var i = 0; i < int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        looped.SourceKindParser();
    }

    looped.Cleanup();
    return;
}

if (args.Length > 1 && args[0] == "--stopwatch-parse")
{
    // Quick timing of the parse peers on one shared source (before a BenchmarkDotNet run): best of 30 after 10 warm-ups,
    // the least process CPU time (user + system) of the 30 calls, less disturbed by other work on a shared machine (the
    // least is a call without a collection: the GC's share shows in the pause time over the 30 calls, which
    // BenchmarkDotNet's mean includes), and the bytes one call allocates on its thread.
    var parse = new ParseBenchmark { Source = args[1] };
    parse.Setup();
    foreach (var (name, action) in new (string, Func<long>)[] { ("CsvHelper", parse.CsvHelperTypedArrays), ("Sep", parse.SepTypedArrays), ("SourceKindParser", parse.SourceKindParser) })
    {
        for (var i = 0; i < 10; i++)
        {
            action();
        }

        var best = double.MaxValue;
        var cpu = double.MaxValue;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        action();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var pause = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < 30; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - before).TotalMilliseconds);
        }

        var paused = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        Console.WriteLine($"{name,-18} {best,8:F1} ms wall {cpu,8:F1} ms CPU {allocated / 1e6,8:F1} MB allocated; 30 calls: {GC.CollectionCount(0) - collections,3} GCs, {paused,6:F1} ms paused");
    }

    parse.Cleanup();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point holder for the benchmark switcher.</summary>
internal sealed partial class Program;
