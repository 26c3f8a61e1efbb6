using BenchmarkDotNet.Running;
using Inequalities.Benchmarks;

if (args.Length > 0 && args[0] == "--stopwatch")
{
    // Quick wall-clock check outside BenchmarkDotNet (used when a full run is too slow on a shared machine).
    StopwatchRun.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point holder for the benchmark switcher.</summary>
internal sealed partial class Program;
